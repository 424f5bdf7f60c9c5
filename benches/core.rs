//! Core costs at N = 1,000 / 10,000 / 100,000 synthetic items (see `skillgap::synthetic`):
//! parse and validate checklists, load progress, load both from the parse cache, score and gaps,
//! render each summary format, replay the history, and save after one change.
//!
//! `cargo bench --bench core`; `SKILLGAP_BENCH_SIZES=1000,10000` limits the sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use skillgap::catalog::{Catalog, Detail, Origin, load_catalog_cached, parse_checklist};
use skillgap::progress::{Change, Status};
use skillgap::report::{self, Format, Paper, SummaryInput, SummaryOptions};
use skillgap::score;
use skillgap::store::{Store, parse_progress, to_ron};
use skillgap::synthetic;
use skillgap::tracker::Tracker;

fn sizes() -> Vec<usize> {
    std::env::var("SKILLGAP_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

struct Fixture {
    texts: Vec<String>,
    catalog: Catalog,
    progress_text: String,
    progress: skillgap::progress::Progress,
}

fn fixture(n: usize) -> Fixture {
    let data = synthetic::generate(n);
    let texts: Vec<String> = data.checklists.iter().map(synthetic::checklist_ron).collect();
    let files = data.checklists.into_iter().map(|f| (f, Origin::BuiltIn("synthetic"))).collect();
    let catalog = Catalog::from_files(files).0;
    Fixture { texts, catalog, progress_text: to_ron(&data.progress), progress: data.progress }
}

fn benches(c: &mut Criterion) {
    for n in sizes() {
        let f = fixture(n);
        let mut group = c.benchmark_group("core");
        group.sample_size(if n >= 100_000 { 10 } else { 30 });

        group.bench_with_input(BenchmarkId::new("parse_validate_checklists", n), &f, |b, f| {
            b.iter(|| {
                for text in &f.texts {
                    black_box(parse_checklist("bench.ron", text).is_ok());
                }
            })
        });
        group.bench_with_input(BenchmarkId::new("load_progress", n), &f, |b, f| {
            b.iter(|| black_box(parse_progress(std::path::Path::new("p.ron"), f.progress_text.as_bytes()).is_ok()))
        });
        group.bench_with_input(BenchmarkId::new("score_and_gaps", n), &f, |b, f| {
            b.iter(|| {
                let statuses = score::statuses(&f.catalog, &f.progress);
                let score = score::score(&f.catalog, &statuses);
                black_box(score::gaps(&f.catalog, &statuses, &score).len())
            })
        });
        group.bench_with_input(BenchmarkId::new("timeline", n), &f, |b, f| {
            b.iter(|| black_box(score::timeline(&f.catalog, &f.progress.history).len()))
        });
        let statuses = score::statuses(&f.catalog, &f.progress);
        let sc = score::score(&f.catalog, &statuses);
        let gaps = score::gaps(&f.catalog, &statuses, &sc);
        // A 100k-item PDF is some 2,500 pages: measured up to 10k, where a person would still print it.
        let formats = [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::Pdf];
        for format in formats.into_iter().filter(|f| *f != Format::Pdf || n <= 10_000) {
            group.bench_with_input(BenchmarkId::new(format!("summary_{}", format.extension()), n), &f, |b, f| {
                b.iter(|| {
                    let summary = report::build_summary(&SummaryInput {
                        catalog: &f.catalog,
                        progress: &f.progress,
                        statuses: &statuses,
                        score: &sc,
                        gaps: &gaps,
                        now: chrono::Utc::now(),
                        options: &SummaryOptions::default(),
                    });
                    black_box(report::render(&summary, format, Paper::A4).unwrap().len())
                })
            });
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("progress.ron"), &f.progress_text).unwrap();
        bench_cached_loads(&mut group, n, &f, dir.path());
        let mut tracker = Tracker::open(f.catalog.clone(), Store::new(dir.path())).unwrap();
        let item = f.catalog.items[0].full_id.clone();
        let mut flip = false;
        group.bench_function(BenchmarkId::new("save_after_one_change", n), |b| {
            b.iter(|| {
                flip = !flip;
                let status = if flip { Status::Learning } else { Status::Done };
                black_box(tracker.apply(&[Change::status(item.clone(), status)]).unwrap())
            })
        });
        group.finish();
    }
}

/// What a run pays when nothing changed since the last: the catalog and the progress from the parse
/// cache, with the files' stamps already trusted (so not even hashed).
fn bench_cached_loads(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    n: usize,
    f: &Fixture,
    data_dir: &std::path::Path,
) {
    let lists = data_dir.join("checklists");
    std::fs::create_dir_all(&lists).unwrap();
    for (i, text) in f.texts.iter().enumerate() {
        std::fs::write(lists.join(format!("list-{i}.ron")), text).unwrap();
    }
    let dirs = [lists];
    let cache = skillgap::store::parse_cache(data_dir);
    let warm = || {
        assert!(load_catalog_cached(&dirs, &cache, Detail::Full).1.is_empty());
        Store::new(data_dir).load().unwrap();
    };
    warm();
    // Files this fresh are hashed on every run; once settled, their stamps are trusted.
    std::thread::sleep(Duration::from_secs(6));
    warm();
    for (name, detail) in [("load_catalog_cached_brief", Detail::Brief), ("load_catalog_cached_full", Detail::Full)] {
        group.bench_function(BenchmarkId::new(name, n), |b| {
            b.iter(|| black_box(load_catalog_cached(&dirs, &cache, detail).0.items.len()))
        });
    }
    group.bench_function(BenchmarkId::new("load_progress_cached", n), |b| {
        b.iter(|| black_box(Store::new(data_dir).load().unwrap().items.len()))
    });
    group.bench_function(BenchmarkId::new("load_progress_cached_without_history", n), |b| {
        b.iter(|| black_box(Store::new(data_dir).load_without_history().unwrap().items.len()))
    });
}

criterion_group!(core, benches);
criterion_main!(core);
