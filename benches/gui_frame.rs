//! One headless frame of the window (egui_kittest, no GPU) with N synthetic items loaded, in each view:
//! Checklists (the main view), Gaps, Progress and Summary. Budget: 2 ms per frame at N = 10,000.
//!
//! `cargo bench --bench gui_frame`; `SKILLGAP_BENCH_SIZES=10000` picks the sizes.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use skillgap::catalog::{Catalog, Origin};
use skillgap::gui::{Access, App, Model, StartOptions, View};
use skillgap::store::{Store, to_ron};
use skillgap::synthetic;
use skillgap::tracker::Tracker;

fn sizes() -> Vec<usize> {
    std::env::var("SKILLGAP_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000])
}

fn frames(c: &mut Criterion) {
    for n in sizes() {
        let data = synthetic::generate(n);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("progress.ron"), to_ron(&data.progress)).unwrap();
        let files = data.checklists.into_iter().map(|f| (f, Origin::BuiltIn("synthetic"))).collect();
        let catalog = Catalog::from_files(files).0;
        for view in [View::Checklists, View::Gaps, View::Progress, View::Summary] {
            let tracker = Tracker::open(catalog.clone(), Store::new(dir.path())).unwrap();
            let model = Model::new(tracker, Access::ReadWrite);
            let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| {
                App::new(cc, model, StartOptions { view: Some(view), ..StartOptions::default() })
            });
            harness.run_steps(3);
            c.bench_function(&format!("gui/frame_{}/{n}", view.name().to_lowercase()), |b| b.iter(|| harness.step()));
        }
    }
}

criterion_group! {
    name = gui;
    config = Criterion::default().sample_size(50);
    targets = frames
}
criterion_main!(gui);
