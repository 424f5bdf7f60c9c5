//! One headless frame of the window (egui_kittest, no GPU) in each view (Checklists, Gaps, Progress,
//! Summary, Projects), at the realistic size (the built-ins plus a 350-item list, 60% done, about 3,000
//! history events, one project with every item of its checklist marked, noted and evidenced) and the
//! stress size (10,000 items). Budgets: 1 ms a frame realistic, 3 ms at 10,000.
//!
//! `cargo bench --bench gui_frame`; `SKILLGAP_BENCH_SIZES=realistic,10000` picks the sizes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "synthetic.rs"]
mod synthetic;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use skillgap::gui::{App, StartOptions, View, open_model};
use skillgap::paths::Locations;
use skillgap::store::to_ron;

fn sizes() -> Vec<String> {
    std::env::var("SKILLGAP_BENCH_SIZES")
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_else(|_| vec!["realistic".to_owned(), "10000".to_owned()])
}

fn frames(c: &mut Criterion) {
    for size in sizes() {
        let (builtin, _) = skillgap::catalog::load_catalog(&[]);
        let ids: Vec<String> = builtin.items.iter().map(|item| item.full_id.clone()).collect();
        let own = if size == "realistic" { 350 } else { size.parse::<usize>().unwrap().saturating_sub(ids.len()) };
        let mut data = synthetic::generate_with(own, &ids);
        data.progress.projects.push(project(&builtin));
        let dir = tempfile::tempdir().unwrap();
        let lists = dir.path().join("checklists");
        std::fs::create_dir_all(&lists).unwrap();
        for file in &data.checklists {
            std::fs::write(lists.join(format!("{}.ron", file.id)), synthetic::checklist_ron(file)).unwrap();
        }
        std::fs::write(dir.path().join("progress.ron"), to_ron(&data.progress).unwrap()).unwrap();
        let locations = Locations { data_dir: dir.path().to_path_buf(), checklist_dirs: vec![lists], config_dir: None };
        for view in View::ALL {
            let (model, _) = open_model(&locations, None).expect("the remembered target");
            let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| {
                App::new(cc, model, StartOptions { view: Some(view), ..StartOptions::default() })
            });
            harness.run_steps(3);
            let name = format!("gui/frame_{}/{size}", view.name().to_lowercase());
            c.bench_function(&name, |b| b.iter(|| harness.step()));
        }
    }
}

/// A project whose every item is done, with a note and evidence: the Projects view at its fullest.
fn project(catalog: &skillgap::catalog::Catalog) -> skillgap::project::Project {
    use skillgap::project::{DEFAULT_PROJECT_CHECKLIST, Project, ProjectItem, ProjectStatus};
    let checklist = catalog.checklist_index(DEFAULT_PROJECT_CHECKLIST).unwrap();
    let now = chrono::Utc::now();
    let items = catalog.checklists[checklist]
        .item_range()
        .map(|i| {
            let (note, evidence) = ("Found by the scan: a file.".to_owned(), "deploy/file.conf".to_owned());
            (
                catalog.items[i].full_id.clone(),
                ProjectItem { status: ProjectStatus::Done, changed: now, note, evidence },
            )
        })
        .collect();
    Project {
        id: "bench".into(),
        name: "Bench".into(),
        repository: "https://github.com/you/bench".into(),
        folder: String::new(),
        checklist: DEFAULT_PROJECT_CHECKLIST.into(),
        created: now,
        items,
        readings: Vec::new(),
    }
}

criterion_group! {
    name = gui;
    config = Criterion::default().sample_size(50);
    targets = frames
}
criterion_main!(gui);
