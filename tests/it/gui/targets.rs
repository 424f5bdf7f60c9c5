//! Targets and the welcome in the window: the header's target selector rescores everything and is
//! remembered, a person's own target file shows up, and the welcome opens once and from Help.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use skillgap::gui::{App, StartOptions, View};
use skillgap::progress::Status;

use super::{MemoryStorage, window};
use crate::common;

/// Opens the header's target selector (shown with the active target's title) and picks `title`.
fn choose_target(w: &mut super::Window, active: &str, title: &str) {
    w.harness.get(by().role(Role::ComboBox).value(active)).click();
    w.harness.run();
    w.harness.get(by().role(Role::Button).label_contains(title)).click();
    w.harness.run();
}

#[test]
fn a_target_file_beside_the_checklists_is_loaded_and_outside_items_are_marked_and_filtered() {
    let mut w = window();
    let ids: Vec<String> = w.harness.state().model.targets.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids, ["developer-who-ships", "junior-devops-engineer", "everything", "fixture"]);
    assert!(w.harness.query(by().role(Role::ComboBox).value("Fixture target")).is_some(), "the active one");
    assert!(w.harness.query_by_label("not in target").is_none(), "every fixture item counts");
    w.harness.get_by_role_and_label(Role::Button, "All items").click();
    w.harness.run();
    assert!(w.harness.query_all_by_label("not in target").count() > 0, "built-in items are marked");
    w.harness.get_by_role_and_label(Role::CheckBox, "In target only").click();
    w.harness.run();
    assert!(w.harness.query_by_label("not in target").is_none());
    assert_eq!(w.visible_checkboxes(), 12, "only the fixture's twelve items");
}

#[test]
fn switching_target_rescores_the_header_gaps_and_summary_and_is_remembered() {
    let mut w = window();
    w.click_checkbox("Build one");
    let fixture_readiness = w.readiness();
    choose_target(&mut w, "Fixture target", "Everything");
    let model = &w.harness.state().model;
    assert_eq!(model.target().id, "everything");
    assert!(w.readiness() < fixture_readiness, "one tick of 159 items counts for less than one of 12");
    // Every item of the person's own lists: a project's checklist is ticked per project (M3).
    let catalog = model.catalog();
    let own = catalog.items.iter().filter(|item| !catalog.checklists[item.checklist].for_projects).count();
    assert_eq!(model.assessment.score.total, own);
    assert!(own < catalog.items.len(), "launch-one-project is left out");
    assert!(w.harness.query(by().role(Role::ComboBox).value("Everything")).is_some());
    let settings = std::fs::read_to_string(w.dir.path().join("settings.ron")).unwrap();
    assert!(settings.contains("target: Some(\"everything\")"), "remembered for the next run and the CLI: {settings}");

    w.show("Gaps");
    assert!(w.harness.query_by_label("Gaps for Everything").is_some());
    assert!(w.harness.query_by_label_contains(&format!("{} open items", own - 1)).is_some());
    w.show("Summary");
    assert!(w.harness.query_by_label_contains("Readiness for Everything\n").is_some(), "the summary is for it");

    // The next window opens on the remembered target.
    let (model, _) = common::open_model_for(w.dir.path(), None);
    assert_eq!(model.target().id, "everything");
}

/// A window that offers the welcome, with eframe's storage when given (as the real window has).
fn welcome_window(storage: Option<&'static dyn eframe::Storage>) -> Harness<'static, App> {
    let dir = tempfile::tempdir().unwrap();
    let (model, _) = common::open_model(dir.path());
    let start = StartOptions { view: Some(View::Checklists), offer_welcome: true, ..StartOptions::default() };
    let mut harness = super::app_harness(model, start, storage);
    harness.run();
    // The folder must outlive the window's saves.
    std::mem::forget(dir);
    harness
}

#[test]
fn the_welcome_opens_on_the_first_run_only() {
    let first_run: &'static MemoryStorage = Box::leak(Box::default());
    let mut harness = welcome_window(Some(first_run));
    assert!(harness.state().is_welcome_open(), "the first run");
    harness.get_by_role_and_label(Role::Button, "Start").click();
    harness.run();
    let mut kept = first_run.clone();
    eframe::App::save(harness.state_mut(), &mut kept);

    let mut harness = welcome_window(Some(Box::leak(Box::new(kept))));
    assert!(!harness.state().is_welcome_open(), "the next run does not open it again");
    open_welcome_from_help(&mut harness);
    assert!(harness.state().is_welcome_open(), "Help still opens it");
}

#[test]
fn a_remembered_target_that_is_gone_is_said_and_the_default_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.ron"), "Settings(target: Some(\"gone\"))").unwrap();
    let (model, load_problems) = common::open_model_for(dir.path(), None);
    assert_eq!(model.target().id, "developer-who-ships");
    let start = StartOptions { view: Some(View::Checklists), load_problems, ..StartOptions::default() };
    let mut harness = super::app_harness(model, start, None);
    harness.run();
    assert!(harness.query_by_label_contains("The remembered target \"gone\" is not loaded").is_some());
    assert!(harness.query(by().role(Role::ComboBox).value("Developer who ships")).is_some());
    let settings = std::fs::read_to_string(dir.path().join("settings.ron")).unwrap();
    assert!(settings.contains("gone"), "the choice is kept, in case the file comes back: {settings}");
}

#[test]
fn the_welcome_explains_the_stages_picks_a_target_and_reopens_from_help() {
    let mut harness = welcome_window(None);
    assert!(harness.state().is_welcome_open());
    assert!(harness.query_by_label("Welcome to skillgap").is_some());
    assert!(harness.query_by_label_contains("bring it back when it breaks").is_some(), "the six stages");
    assert!(harness.query_by_label("Where to start").is_some());
    harness.get_by_role_and_label(Role::RadioButton, "Junior DevOps engineer").click();
    harness.run();
    assert_eq!(harness.state().model.target().id, "junior-devops-engineer");
    let first_gap = harness.state().model.assessment.gaps[0].item;
    let first = harness.state().model.catalog().items[first_gap].title.clone();
    assert!(harness.query(by().role(Role::Link).label(&first)).is_some(), "the first gaps of the chosen target");

    harness.get_by_role_and_label(Role::Button, "Start").click();
    harness.run();
    assert!(!harness.state().is_welcome_open());
    harness.run_steps(4);
    assert!(!harness.state().is_welcome_open(), "it does not come back by itself");
    open_welcome_from_help(&mut harness);
    assert!(harness.state().is_welcome_open(), "Help reopens it");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().is_welcome_open(), "Escape closes it");
}

#[test]
fn a_first_step_in_the_welcome_shows_that_item_in_the_list() {
    let mut harness = welcome_window(None);
    let first_gap = harness.state().model.assessment.gaps[0].item;
    let first = harness.state().model.catalog().items[first_gap].title.clone();
    harness.get(by().role(Role::Link).label(&first)).click();
    harness.run();
    assert!(!harness.state().is_welcome_open());
    assert_eq!(harness.state().selected_item(), Some(first_gap));
    assert_eq!(harness.state().model.assessment.statuses[first_gap], Status::Todo, "showing ticks nothing");
}

#[test]
fn the_gaps_view_compares_the_targets_and_a_click_chooses_one() {
    let mut w = window();
    w.click_checkbox("Build one");
    w.show("Gaps");
    assert!(w.harness.query_by_label("Compare the 4 targets").is_some(), "open at first");
    let rows = w.harness.state().model.targets.clone();
    for row in &rows {
        assert!(w.harness.query(by().role(Role::Button).label(&row.title)).is_some(), "{} has a row", row.title);
        assert!(w.harness.query_by_label(&format!("{} of {}", row.done, row.applicable)).is_some());
    }
    let fixture = rows.iter().find(|row| row.id == "fixture").unwrap();
    assert!(w.harness.query_by_label(&format!("{:.0}/100", fixture.readiness)).is_some());
    assert_eq!((fixture.done, fixture.applicable), (1, 12), "the tick counts for the fixture target");

    w.harness.get(by().role(Role::Button).label("Everything")).click();
    w.harness.run();
    assert_eq!(w.harness.state().model.target().id, "everything");
    assert!(w.harness.query_by_label("Gaps for Everything").is_some());
}

/// Help menu, then its Welcome entry.
fn open_welcome_from_help(harness: &mut egui_kittest::Harness<'static, skillgap::gui::App>) {
    harness.get_by_role_and_label(Role::Button, "Help").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Welcome: the stages, targets, where to start").click();
    harness.run();
}
