//! A project's story as text (the terminal), Markdown (the project's own README) and HTML.

use std::fmt::Write;

use super::{Fact, ProjectStory};
use crate::report::html::escape_html;
use crate::report::markdown::{escape_markdown, link as markdown_link};
use crate::report::percent_label;
use crate::safe_text::for_terminal;

fn stage_state(percent: Option<f64>, in_hand: bool) -> String {
    let state = if in_hand { "in hand" } else { "not yet" };
    format!("{}, {state}", percent_label(percent))
}

pub(crate) fn render_story_text(story: &ProjectStory) -> String {
    let mut out = String::new();
    write_text(&mut out, story).ok();
    out
}

fn write_text(out: &mut String, s: &ProjectStory) -> std::fmt::Result {
    let t = |text: &str| for_terminal(text, false).into_owned();
    let (name, except) = (t(s.name), t(&s.except));
    writeln!(out, "{name}: Level {}, {}{except}. Readiness {:.0}/100.", s.level, s.level_name, s.readiness)?;
    writeln!(out, "{}", t(&s.explanation))?;
    writeln!(out, "{}", t(&s.next_level.sentence))?;
    if !s.repository.is_empty() {
        writeln!(out, "Repository: {}", t(s.repository))?;
    }
    writeln!(out, "Scored against {}: {} of {} applicable items done.\n", t(s.checklist), s.done, s.applicable)?;
    writeln!(out, "{}\n", t(&s.sentence))?;
    for stage in &s.stages {
        writeln!(out, "{} ({})", stage.name, stage_state(stage.percent, stage.in_hand))?;
        for fact in &stage.done {
            let evidence = if fact.evidence.is_empty() { String::new() } else { format!(": {}", t(fact.evidence)) };
            writeln!(out, "  [x] {}{evidence}", t(fact.title))?;
        }
        for fact in &stage.open {
            let doing = if fact.status == "doing" { " (doing)" } else { "" };
            writeln!(out, "  [ ] {}{doing}", t(fact.title))?;
        }
        for fact in &stage.not_applicable {
            writeln!(out, "  [-] {}: not applicable, {}", t(fact.title), t(fact.note))?;
        }
    }
    Ok(())
}

pub(crate) fn render_story_markdown(story: &ProjectStory) -> String {
    let mut out = String::new();
    write_markdown(&mut out, story).ok();
    out
}

fn markdown_evidence(fact: &Fact) -> String {
    match (&fact.link, fact.evidence.is_empty()) {
        (_, true) => String::new(),
        (Some(link), false) => format!(": {}", markdown_link(fact.evidence, link)),
        // One line in a code span: a line break would end it and start Markdown of its own (N5).
        (None, false) => format!(": `{}`", for_terminal(fact.evidence, false).replace('`', "'")),
    }
}

fn write_markdown(out: &mut String, s: &ProjectStory) -> std::fmt::Result {
    let m = escape_markdown;
    writeln!(out, "## {} in production\n", m(s.name))?;
    writeln!(
        out,
        "**Level {}: {}{}** (readiness {:.0}/100). {} {}\n",
        s.level,
        s.level_name,
        m(&s.except),
        s.readiness,
        m(&s.explanation),
        m(&s.next_level.sentence)
    )?;
    writeln!(out, "{}\n", m(&s.sentence))?;
    writeln!(out, "| Stage | Done | State |\n|---|---|---|")?;
    for stage in &s.stages {
        let state = if stage.in_hand { "in hand" } else { "not yet" };
        writeln!(out, "| {} | {} | {state} |", stage.name, percent_label(stage.percent))?;
    }
    for stage in &s.stages {
        writeln!(out, "\n### {}\n", stage.name)?;
        for fact in &stage.done {
            writeln!(out, "- [x] {}{}", m(fact.title), markdown_evidence(fact))?;
        }
        for fact in &stage.open {
            writeln!(out, "- [ ] {}", m(fact.title))?;
        }
        for fact in &stage.not_applicable {
            writeln!(out, "- ~~{}~~ (not applicable: {})", m(fact.title), m(fact.note))?;
        }
    }
    writeln!(out, "\n_Scored against the {} checklist with skillgap on {}._", m(s.checklist), s.date.format("%Y-%m-%d"))
}

pub(crate) fn render_story_html(story: &ProjectStory) -> String {
    let mut out = String::new();
    write_html(&mut out, story).ok();
    out
}

fn html_fact(fact: &Fact) -> String {
    let h = escape_html;
    let evidence = match (&fact.link, fact.evidence.is_empty()) {
        (_, true) => String::new(),
        (Some(link), false) => format!(": <a href=\"{}\">{}</a>", h(link), h(fact.evidence)),
        (None, false) => format!(": <code>{}</code>", h(fact.evidence)),
    };
    format!("{}{evidence}", h(fact.title))
}

fn write_html(out: &mut String, s: &ProjectStory) -> std::fmt::Result {
    let h = escape_html;
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<title>{} in production</title>", h(s.name))?;
    writeln!(
        out,
        "<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d232b}}\
.muted{{color:#5b6572}}li{{margin:.2rem 0}}.na{{color:#5b6572;text-decoration:line-through}}</style>\n</head>\n<body>"
    )?;
    writeln!(out, "<h1>{} in production</h1>", h(s.name))?;
    writeln!(
        out,
        "<p><strong>Level {}: {}{}</strong> (readiness {:.0}/100). {} {}</p>",
        s.level,
        s.level_name,
        h(&s.except),
        s.readiness,
        h(&s.explanation),
        h(&s.next_level.sentence)
    )?;
    writeln!(out, "<p>{}</p>", h(&s.sentence))?;
    for stage in &s.stages {
        writeln!(
            out,
            "<h2>{} <span class=\"muted\">{}</span></h2>\n<ul>",
            stage.name,
            stage_state(stage.percent, stage.in_hand)
        )?;
        for fact in &stage.done {
            writeln!(out, "<li>&#9745; {}</li>", html_fact(fact))?;
        }
        for fact in &stage.open {
            writeln!(out, "<li>&#9744; {}</li>", h(fact.title))?;
        }
        for fact in &stage.not_applicable {
            writeln!(out, "<li class=\"na\">{} (not applicable: {})</li>", h(fact.title), h(fact.note))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(
        out,
        "<p class=\"muted\">Scored against the {} checklist with skillgap on {}.</p>",
        h(s.checklist),
        s.date.format("%Y-%m-%d")
    )?;
    writeln!(out, "</body>\n</html>")
}
