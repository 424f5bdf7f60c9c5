//! Core costs at the realistic size (the built-in checklists plus a 350-item list of one's own, 60% done,
//! about 3,000 history events) and the stress size (10,000 items of the same shape): parse and validate
//! the checklists, parse the progress, assess (statuses, score, gaps), render each summary format,
//! replay the history, write the progress file, and save after one change.
//!
//! `cargo bench --bench core`; `SKILLGAP_BENCH_SIZES=realistic,10000` picks the sizes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic.rs"]
mod synthetic;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use skillgap::catalog::{BUILTIN_CHECKLISTS, Catalog, Origin, parse_checklist};
use skillgap::progress::{Change, Progress, Status};
use skillgap::report::{self, Format, Paper, SummaryInput, SummaryOptions};
use skillgap::score::{self, Assessment};
use skillgap::store::{Store, parse_progress, to_ron};
use skillgap::tracker::Tracker;

/// Items of one's own list at the realistic size.
const REALISTIC_OWN_ITEMS: usize = 350;

fn sizes() -> Vec<String> {
    std::env::var("SKILLGAP_BENCH_SIZES")
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_else(|_| vec!["realistic".to_owned(), "10000".to_owned()])
}

struct Fixture {
    /// The text of every checklist, the built-in ones first.
    texts: Vec<String>,
    catalog: Catalog,
    progress_text: String,
    /// The same progress as one machine's journal.
    journal_text: String,
    progress: Progress,
}

fn fixture(size: &str) -> Fixture {
    let (builtin, _) = skillgap::catalog::load_catalog(&[]);
    let ids: Vec<String> = builtin.items.iter().map(|item| item.full_id.clone()).collect();
    let own = match size {
        "realistic" => REALISTIC_OWN_ITEMS,
        n => n.parse::<usize>().unwrap().saturating_sub(ids.len()),
    };
    let data = synthetic::generate_with(own, &ids);
    let mut texts: Vec<String> = BUILTIN_CHECKLISTS.iter().map(|(_, text)| (*text).to_owned()).collect();
    texts.extend(data.checklists.iter().map(synthetic::checklist_ron));
    let files = texts.iter().map(|text| (parse_checklist("bench.ron", text).unwrap(), Origin::BuiltIn("bench")));
    let catalog = Catalog::from_files(files.collect()).0;
    let journal_text = synthetic::journal_text(&data.progress);
    Fixture { texts, catalog, progress_text: to_ron(&data.progress).unwrap(), journal_text, progress: data.progress }
}

fn benches(c: &mut Criterion) {
    for size in sizes() {
        let f = fixture(&size);
        let mut group = c.benchmark_group("core");
        group.sample_size(30);
        let id = |name: &str| BenchmarkId::new(name, &size);
        group.bench_function(id("parse_validate_checklists"), |b| {
            b.iter(|| f.texts.iter().filter(|text| parse_checklist("bench.ron", text).is_ok()).count())
        });
        group.bench_function(id("parse_progress"), |b| {
            b.iter(|| black_box(parse_progress(std::path::Path::new("p.ron"), f.progress_text.as_bytes()).is_ok()))
        });
        // Every line of a machine's journal read and folded: what a run without a snapshot does.
        group.bench_function(id("fold_journal"), |b| {
            b.iter(|| {
                let entries = skillgap::journal::read_journal(&f.journal_text).unwrap().entries;
                let sources = [skillgap::journal::Source { machine: "0000000000000001".into(), entries }];
                black_box(skillgap::journal::fold(&f.catalog, &sources).items.len())
            })
        });
        group.bench_function(id("write_progress"), |b| b.iter(|| black_box(to_ron(&f.progress).unwrap().len())));
        let target = f.catalog.default_target();
        group.bench_function(id("assess"), |b| b.iter(|| black_box(Assessment::of(&f.catalog, &f.progress, target))));
        group.bench_function(id("timeline"), |b| {
            b.iter(|| black_box(score::timeline(&f.catalog, &f.progress.history, target).len()))
        });
        let assessment = Assessment::of(&f.catalog, &f.progress, target);
        let input = SummaryInput {
            catalog: &f.catalog,
            target,
            progress: &f.progress,
            assessment: &assessment,
            now: chrono::Utc::now(),
            options: &SummaryOptions::default(),
        };
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::Pdf] {
            group.bench_function(id(&format!("summary_{}", format.extension())), |b| {
                b.iter(|| {
                    let summary = report::build_summary(&input);
                    black_box(report::render(&summary, format, Paper::A4).unwrap().len())
                })
            });
        }
        // The window's Summary preview: the PDF's pages laid out, not written.
        group.bench_function(id("summary_pages"), |b| {
            b.iter(|| {
                let summary = report::build_summary(&input);
                black_box(report::pdf::lay_out_summary(&summary, Paper::A4).unwrap().pages.len())
            })
        });
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("journal")).unwrap();
        std::fs::write(dir.path().join("journal/0000000000000001.ron"), &f.journal_text).unwrap();
        let mut tracker = Tracker::open(f.catalog.clone(), Store::new(dir.path(), None)).unwrap();
        let item = f.catalog.items[0].full_id.clone();
        let mut flip = false;
        group.bench_function(id("save_after_one_change"), |b| {
            b.iter(|| {
                flip = !flip;
                let status = if flip { Status::Learning } else { Status::Done };
                black_box(tracker.apply(&[Change::status(item.clone(), status)]).unwrap())
            })
        });
        group.finish();
    }
}

criterion_group!(core, benches);
criterion_main!(core);
