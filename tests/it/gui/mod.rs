//! The window, driven headlessly through its accessibility tree with egui_kittest: the real `App`,
//! the real core, a temporary data folder.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use skillgap::gui::{App, StartOptions, View};
use skillgap::progress::{Change, Status};
use skillgap::store::Store;
use skillgap::tracker::Tracker;

use crate::common;

mod contrast;
mod daily;
mod ground;
mod integrity;
mod layout;
mod preview;
mod projects;
mod review;
mod summary;
mod targets;
mod undo;
mod verdicts;
mod views;
mod window;

struct Window {
    harness: Harness<'static, App>,
    dir: tempfile::TempDir,
}

/// The real `App` over `model` in a 1400x900 window, with eframe's storage when given (as the real
/// window has), not yet run.
fn app_harness(
    model: skillgap::gui::Model,
    start: StartOptions,
    storage: Option<&'static dyn eframe::Storage>,
) -> Harness<'static, App> {
    sized_app_harness(model, start, storage, egui::vec2(1400.0, 900.0))
}

fn sized_app_harness(
    model: skillgap::gui::Model,
    start: StartOptions,
    storage: Option<&'static dyn eframe::Storage>,
    size: egui::Vec2,
) -> Harness<'static, App> {
    // Work on another thread (a report, a dialog's answer) wakes the window when it is done, which can
    // land in the middle of a settling `run()` and take it two frames past egui's default of four.
    Harness::builder().with_size(size).with_max_steps(8).build_eframe(move |cc| {
        cc.storage = storage;
        App::new(cc, model, start)
    })
}

/// eframe's storage in memory: what the window keeps between runs without a file.
#[derive(Default, Clone)]
pub(super) struct MemoryStorage(pub(super) std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn open_window(dir: tempfile::TempDir, view: Option<View>) -> Window {
    let (model, problems) = common::open_model(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    let harness = app_harness(model, StartOptions { view, ..StartOptions::default() }, None);
    let mut window = Window { harness, dir };
    window.harness.run();
    if window.harness.state().view() == View::Checklists {
        // The fixture's twelve rows all fit in the window; the built-in ones come first otherwise.
        window.harness.get_by_role_and_label(Role::Button, "Fixture list").click();
        window.harness.run();
    }
    window
}

fn window() -> Window {
    open_window(tempfile::tempdir().unwrap(), None)
}

impl Window {
    fn progress_text(&self) -> String {
        common::progress_text(self.dir.path(), None)
    }

    fn index(&self, full_id: &str) -> usize {
        self.harness.state().model.catalog().item_index(full_id).unwrap()
    }

    fn status(&self, full_id: &str) -> Status {
        self.harness.state().model.assessment.statuses[self.index(full_id)]
    }

    fn readiness(&self) -> f64 {
        self.harness.state().model.assessment.score.readiness
    }

    fn click_checkbox(&mut self, title: &str) {
        self.harness.get_by_role_and_label(Role::CheckBox, title).click();
        self.harness.run();
    }

    fn search(&mut self, text: &str) {
        let field = self.harness.get_by_role_and_label(Role::TextInput, "Search");
        field.focus();
        field.type_text(text);
        self.harness.run();
    }

    /// Item rows shown: each has a done checkbox named after the item; the two others are the filters
    /// "Missing only" and "In target only".
    fn visible_checkboxes(&self) -> usize {
        self.harness.query_all_by_role(Role::CheckBox).count() - 2
    }

    /// Records what the window opens (files, folders) instead of starting a viewer.
    fn record_opened(&mut self) -> std::sync::Arc<std::sync::Mutex<Vec<std::path::PathBuf>>> {
        let opened = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let record = opened.clone();
        self.harness.state_mut().set_opener(Box::new(move |path| {
            record.lock().unwrap().push(path.to_path_buf());
            Ok(())
        }));
        opened
    }

    /// Replaces the Summary view's "Save to folder" text.
    fn set_save_folder(&mut self, folder: &std::path::Path) {
        self.harness.get_by_role_and_label(Role::TextInput, "Save to folder").focus();
        self.harness.run();
        self.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.harness.run();
        self.harness.get_by_role_and_label(Role::TextInput, "Save to folder").type_text(&folder.display().to_string());
        self.harness.run();
    }

    fn show(&mut self, view: &str) {
        self.harness.get_by_role_and_label(Role::Button, view).click();
        self.wait_for_pages();
    }

    /// Runs frames until the Summary's pages, laid out on a thread of their own, are shown: the first
    /// two let a view or an option that was just chosen start them.
    fn wait_for_pages(&mut self) {
        self.harness.step();
        self.harness.step();
        self.run_while(App::is_laying_out_pages, "the Summary's pages were not laid out");
    }

    /// Runs frames while `busy` says work on another thread goes on (20 s at most), then until the
    /// window settles.
    fn run_while(&mut self, busy: fn(&mut App) -> bool, otherwise: &str) {
        for _ in 0..2000 {
            if !busy(self.harness.state_mut()) {
                self.harness.run();
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            self.harness.step();
        }
        panic!("{otherwise} within 20 s");
    }

    fn select(&mut self, title: &str) {
        self.harness.get_by_role_and_label(Role::ListItem, title).click();
        self.harness.run();
    }

    /// Another process on the same data folder, as `skillgap mark` would be.
    fn terminal(&self) -> Tracker {
        let (catalog, _) = skillgap::catalog::load_catalog(&[common::fixture_dir()]);
        Tracker::open(catalog, Store::new(self.dir.path(), None)).unwrap()
    }

    /// Runs frames until the window has read a change saved elsewhere, and no further: the next frame
    /// is the first one that draws it.
    fn step_until_reloaded(&mut self) {
        let before = self.harness.state().model.generation;
        for _ in 0..40 {
            self.harness.step();
            if self.harness.state().model.generation != before {
                return;
            }
        }
        panic!("the window never reloaded the file");
    }

    /// Clicks *Scan folder* and runs frames until the scan (on its own thread) has shown its proposals.
    fn scan(&mut self) {
        self.harness.get_by_role_and_label(Role::Button, "Scan folder").click();
        self.harness.step();
        self.run_while(|app| app.is_scanning(), "the scan did not finish");
    }

    /// Runs frames until the report being written (on its own thread) is done.
    fn wait_for_report(&mut self) {
        self.harness.run();
        self.run_while(|app| app.is_writing_report(), "the report was not written");
    }

    /// Lets the window's one-second disk check run.
    fn wait_seconds(&mut self, seconds: f32) {
        let steps = (seconds / 0.25).ceil() as usize;
        self.harness.run_steps(steps);
    }
}

/// Marks everything but the fixture as skipped, so one tick moves readiness visibly.
fn skip_builtins(dir: &std::path::Path) {
    let (catalog, _) = skillgap::catalog::load_catalog(&[common::fixture_dir()]);
    let changes: Vec<Change> = catalog
        .items
        .iter()
        .filter(|item| !item.full_id.starts_with("fixture/"))
        .map(|item| Change::status(item.full_id.clone(), Status::Skipped))
        .collect();
    let mut tracker = Tracker::open(catalog, Store::new(dir, None)).unwrap();
    tracker.apply(&changes).unwrap();
}
