//! The printed report in every format, for a fixed progress state and a fixed date: snapshots of text,
//! Markdown and HTML; the PDF read back with pdf-extract (another program than the writer); hostile user text escaped.

use crate::common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use skillgap::catalog::{Catalog, ChecklistFile, ItemFile, Origin, SectionFile, parse_checklist};
use skillgap::progress::{Change, Progress, Status};
use skillgap::report::{self, Format, Paper, Summary, SummaryOptions};
use skillgap::{Stage, Weight};

const HOSTILE_NOTE: &str = "<script>alert(1)</script> & **bold** [click](javascript:alert(2))";

fn at(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 9, 30, 0).unwrap()
}

/// A user checklist whose titles try to inject markup.
fn hostile_checklist() -> ChecklistFile {
    let item = |id: &str, title: &str, stage| ItemFile {
        id: id.into(),
        title: title.into(),
        stage,
        weight: Weight::Core,
        description: String::new(),
        proof: String::new(),
        resources: vec![],
        aliases: vec![],
        proves: vec![],
        phrase: String::new(),
        tags: vec![],
    };
    ChecklistFile {
        id: "mine".into(),
        title: "My <b>own</b> list".into(),
        track: Default::default(),
        description: String::new(),
        sections: vec![SectionFile {
            id: "odd".into(),
            title: "Odd | titles # here".into(),
            items: vec![
                item("img", "<img src=x onerror=alert(3)>", Stage::Build),
                item("md-link", "[totally safe](javascript:alert(4))", Stage::Observe),
            ],
        }],
    }
}

fn catalog() -> Catalog {
    let path = common::fixture_dir().join("fixture.ron");
    let fixture = parse_checklist("fixture.ron", &std::fs::read_to_string(&path).unwrap()).unwrap();
    let (mut catalog, rejected) =
        Catalog::from_files(vec![(fixture, Origin::File(path)), (hostile_checklist(), Origin::BuiltIn("mine.ron"))]);
    assert!(rejected.is_empty());
    let target = common::fixture_dir().join("fixture-target.ron");
    catalog.add_target("fixture-target.ron", &std::fs::read_to_string(&target).unwrap(), Origin::File(target)).unwrap();
    catalog
}

fn progress(catalog: &Catalog) -> Progress {
    let mut progress = Progress::default();
    let mut apply = |change: Change, when| assert!(progress.apply(catalog, &change, when));
    let with = |item: &str, status, note: &str, evidence: &str| Change {
        item: item.into(),
        status: Some(status),
        note: Some(note.into()),
        evidence: Some(evidence.into()),
        ..Change::default()
    };
    apply(
        with("fixture/build-one", Status::Done, "Makefile with `make test`.", "https://github.com/ada/shop"),
        at(10, 2),
    );
    apply(with("fixture/test-one", Status::Done, "", "https://ci.example.org/ada/shop?branch=main&x=1"), at(11, 3));
    apply(Change::status("fixture/ship-one", Status::Learning), at(11, 4));
    apply(Change::status("fixture/ship-two", Status::Done), at(11, 5));
    apply(Change::status("fixture/recover-one", Status::Done), at(10, 20));
    apply(with("fixture/run-one", Status::Done, HOSTILE_NOTE, "javascript:alert(5)"), at(11, 10));
    apply(
        with("fixture/observe-one", Status::Done, "Grafana board\nwith two panels", "https://grafana.example.org/d/a"),
        at(11, 12),
    );
    apply(Change::status("fixture/recover-two", Status::Skipped), at(11, 13));
    apply(Change::status("mine/img", Status::Done), at(11, 14));
    progress
}

fn summary_with(options: &SummaryOptions) -> Summary<'static> {
    // A summary borrows from the catalog and progress; each test makes a few, so leaking them is fine.
    let catalog = Box::leak(Box::new(catalog()));
    let progress = Box::leak(Box::new(progress(catalog)));
    report::summarize(
        catalog,
        progress,
        catalog.default_target(),
        options,
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap(),
    )
}

fn full_options() -> SummaryOptions {
    SummaryOptions {
        name: Some("Zoë Ångström".into()),
        with_notes: true,
        checklist: None,
        since: Some(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
    }
}

fn rendered(summary: &Summary, format: Format) -> String {
    String::from_utf8(report::render(summary, format, Paper::A4).unwrap()).unwrap()
}

#[test]
fn text_report_snapshot() {
    insta::assert_snapshot!("text", rendered(&summary_with(&full_options()), Format::Text));
}

#[test]
fn markdown_report_snapshot() {
    insta::assert_snapshot!("markdown", rendered(&summary_with(&full_options()), Format::Markdown));
}

#[test]
fn html_report_snapshot() {
    insta::assert_snapshot!("html", rendered(&summary_with(&full_options()), Format::Html));
}

#[test]
fn plain_report_has_no_notes_name_or_since() {
    let text = rendered(&summary_with(&SummaryOptions::default()), Format::Markdown);
    assert!(text.starts_with("# skillgap progress report, 2026-11-23"), "{text}");
    assert!(!text.contains("Makefile"), "notes only with --with-notes");
    assert!(!text.contains("Done since"));
    // The portfolio paragraph is always there: it is made of evidence links, not notes.
    assert!(text.contains("## What I can do"));
}

#[test]
fn html_escapes_hostile_notes_and_titles_and_links_only_http() {
    let html = rendered(&summary_with(&full_options()), Format::Html);
    assert!(!html.contains("<script>"), "a note never becomes a script");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img"), "a title never becomes an element");
    assert!(html.contains("&lt;img src=x onerror=alert(3)&gt;"));
    assert!(html.contains("My &lt;b&gt;own&lt;/b&gt; list"));
    assert!(!html.contains("href=\"javascript:"), "only http(s) links are links");
    assert!(html.contains("href=\"https://ci.example.org/ada/shop?branch=main&amp;x=1\""));
    // Self-contained: nothing is fetched when the page opens.
    for external in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn markdown_escapes_hostile_notes_and_titles_and_links_only_http() {
    let md = rendered(&summary_with(&full_options()), Format::Markdown);
    assert!(!md.contains("<script>"));
    assert!(md.contains("Note: &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*\\*bold\\*\\*"), "{md}");
    let unescaped_links = md.match_indices("](javascript:").filter(|(at, _)| !md[..*at].ends_with('\\')).count();
    assert_eq!(unescaped_links, 0, "a user's [text](javascript:...) never becomes a link");
    assert!(md.contains("\\[totally safe\\](javascript:alert(4))"));
    assert!(md.contains("\\*\\*bold\\*\\*"));
    assert!(md.contains("Odd \\| titles \\# here"), "a pipe cannot break a table, a # cannot start a heading");
    assert!(md.contains("[Build one](<https://github.com/ada/shop>)"));
    assert!(!md.contains("(<javascript:"));
}

#[test]
fn markdown_is_a_task_list_with_dates() {
    let md = rendered(&summary_with(&full_options()), Format::Markdown);
    assert!(md.contains("- [x] Build one (done 2026-10-02)"), "{md}");
    assert!(md.contains("- [ ] Ship one (learning)"));
    assert!(md.contains("- [ ] ~~Recover two~~ (skipped)"));
    assert!(md.contains("- [ ] Run two\n"));
}

#[test]
fn since_lists_what_was_done_from_that_day_oldest_first() {
    let summary = summary_with(&full_options());
    let since = summary.since.as_ref().unwrap();
    let titles: Vec<&str> = since.items.iter().map(|i| i.title).collect();
    assert_eq!(titles, ["Test one", "Ship two", "Run one", "Observe one", "<img src=x onerror=alert(3)>"]);
}

#[test]
fn portfolio_groups_done_items_with_evidence_by_stage() {
    let summary = summary_with(&full_options());
    let groups: Vec<(&str, Vec<&str>)> =
        summary.portfolio.iter().map(|g| (g.label, g.items.iter().map(|i| i.title).collect())).collect();
    assert_eq!(
        groups,
        [("Build and ship", vec!["Build one", "Test one"]), ("Observe", vec!["Observe one"])],
        "Run one's evidence is not an http(s) link, so it is no proof to show"
    );
}

#[test]
fn checklist_option_limits_lists_but_not_the_score() {
    let all = summary_with(&SummaryOptions::default());
    let mine = summary_with(&SummaryOptions { checklist: Some("mine".into()), ..SummaryOptions::default() });
    assert_eq!(mine.checklists.len(), 1);
    assert_eq!(mine.checklists[0].id, "mine");
    assert_eq!(mine.readiness, all.readiness);
    assert!(mine.gaps.iter().all(|g| g.id.starts_with("mine/")));
    assert!(mine.portfolio.is_empty(), "no evidence in that list");
}

/// The text of `pdf`, page by page, read back by another program than the writer.
pub(crate) fn pdf_pages(pdf: &[u8], _dir: &Path) -> Vec<String> {
    crate::common::pdf_pages(pdf)
}

#[test]
fn pdf_has_the_overview_then_a_page_per_checklist_with_every_item() {
    let summary = summary_with(&full_options());
    let pdf = report::render(&summary, Format::Pdf, Paper::A4).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_pages(&pdf, dir.path());
    // The overview (here two pages: the portfolio runs over), then each checklist on a page of its own.
    assert_eq!(pages.len(), 4, "overview, fixture list, my list: {pages:#?}");
    let overview = pages[..2].concat();
    assert!(overview.contains("skillgap progress report for Zoë Ångström"), "{overview}");
    assert!(overview.contains(&format!("{:.0}", summary.readiness)) && overview.contains("/100"));
    assert!(overview.contains("Readiness for Everything"));
    assert!(overview.contains(&format!("Level {}: {}", summary.level, summary.level_name)));
    assert!(overview.contains("Limiting stage:"));
    assert!(overview.contains("Readiness for each target") && overview.contains("Fixture target"));
    assert!(overview.contains("Top gaps"));
    assert!(overview.contains("What I can do"));
    assert!(overview.contains("https://github.com/ada/shop"));
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of 4", index + 1)), "footer on page {}", index + 1);
    }
    for title in ["Build one", "Recover two", "First half", "Second half", "Fixture list"] {
        assert!(pages[2].contains(title), "{title} on the fixture page");
    }
    assert!(pages[2].contains("done 2026-10-02"));
    assert!(pages[2].contains("Makefile with `make test`."), "notes are printed with --with-notes");
    assert!(pages[3].contains("<img src=x onerror=alert(3)>"), "user text is printed as text");
}

#[test]
fn pdf_letter_paper_and_a_long_list_paginate_without_orphan_headers() {
    let synthetic = crate::synthetic::generate(400);
    let files = synthetic.checklists.into_iter().map(|f| (f, Origin::BuiltIn("synthetic.ron"))).collect();
    let (catalog, _) = Catalog::from_files(files);
    let summary = report::summarize(
        &catalog,
        &synthetic.progress,
        catalog.default_target(),
        &SummaryOptions::default(),
        at(11, 23),
    );
    let pdf = report::render(&summary, Format::Pdf, Paper::Letter).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_pages(&pdf, dir.path());
    assert!(pages.len() > 8, "400 items take many pages: {}", pages.len());
    let count = pages.len();
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {count}", index + 1)));
        // The last line before the footer is never a section header ("Section 12   3/8").
        let body: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let before_footer = body.iter().rev().nth(1).copied().unwrap_or_default();
        assert!(!before_footer.starts_with("Section "), "page {} ends with a header: {before_footer}", index + 1);
    }
    let text = pages.concat();
    for item in &catalog.items {
        assert!(text.contains(&item.title), "{} is printed", item.title);
    }
    assert!(crate::common::pdf_page_sizes(&pdf).iter().all(|&size| size == (612.0, 792.0)), "US Letter pages");
}

/// Issue 12: a printed page is for reading, so a huge note and a huge link are cut on paper (the other
/// formats keep them whole). Before the cut, a 1 MB note took 197 pages and a 125 KB link made a 366 MB PDF
/// (the link was repeated on each of its lines).
#[test]
fn pdf_prints_the_start_of_a_huge_note_and_link_and_says_where_the_rest_is() {
    let catalog = Box::leak(Box::new(catalog()));
    let mut progress = progress(catalog);
    let note = "QUJD".repeat(250_000);
    let link = format!("https://example.org/{}", "a".repeat(200_000));
    let change = Change {
        item: "fixture/build-one".into(),
        status: None,
        note: Some(note.clone()),
        evidence: Some(link.clone()),
        ..Change::default()
    };
    assert!(progress.apply(catalog, &change, at(11, 20)));
    let summary = report::summarize(catalog, &progress, catalog.default_target(), &full_options(), at(11, 23));
    let plain = summary_with(&full_options());
    let pdf = report::render(&summary, Format::Pdf, Paper::A4).unwrap();
    let plain_pdf = report::render(&plain, Format::Pdf, Paper::A4).unwrap();
    // The link is in the item's lines and the portfolio's, a few times: linear, not one copy per line.
    let most = plain_pdf.len() + 8 * link.len();
    assert!(pdf.len() < most, "the PDF grows with the link, not its square: {} bytes", pdf.len());
    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_pages(&pdf, dir.path());
    let plain_pages = pdf_pages(&plain_pdf, dir.path());
    assert!(pages.len() <= plain_pages.len() + 1, "{} pages, {} without the long note", pages.len(), plain_pages.len());
    let text = pages.concat();
    assert!(text.contains("998,000 more characters"), "the cut is said: {text}");
    assert!(text.contains("the text and HTML reports have the whole note"));
    let markdown = rendered(&summary, Format::Markdown);
    assert!(markdown.contains(&note) && markdown.contains(&link), "other formats keep the note and link whole");
}

#[test]
fn a_summary_for_a_target_marks_the_items_outside_it_and_compares_every_target() {
    let catalog = Box::leak(Box::new(catalog()));
    let progress = Box::leak(Box::new(progress(catalog)));
    let target = catalog.target("fixture").unwrap();
    let summary = report::summarize(catalog, progress, target, &full_options(), at(11, 23));
    assert_eq!(summary.target.title, "Fixture target");
    assert_eq!(summary.total, 12, "the score counts the target's items only");
    let markdown = rendered(&summary, Format::Markdown);
    assert!(markdown.contains("**Readiness for Fixture target: "), "{markdown}");
    assert!(
        markdown.contains("- [x] &lt;img src=x onerror=alert(3)&gt; (done 2026-11-14) (not in target)"),
        "{markdown}"
    );
    assert!(markdown.contains("- [x] Build one (done 2026-10-02)\n"), "fixture items are in it: {markdown}");
    assert!(markdown.contains("| **Fixture target** |") && markdown.contains("| Everything |"), "{markdown}");
    let pdf = report::render(&summary, Format::Pdf, Paper::A4).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = pdf_pages(&pdf, dir.path()).concat();
    assert!(text.contains("not in target"), "the PDF says so too");
}
