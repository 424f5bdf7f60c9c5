//! Small defects a person meets daily (window review 2026-12, L3, L7, L12, L13): the help says each
//! weight once, Enter on a search takes the item named so, the counts say what they count, and the
//! item selected when the window closed is selected when it opens again.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::{StartOptions, View};

use super::{MemoryStorage, app_harness, window};
use crate::common;

/// L3: the help listed "Core: Core: a basic of the list."
#[test]
fn the_help_names_each_weight_once() {
    let mut w = window();
    w.harness.key_press(Key::F1);
    w.harness.run();
    assert!(w.harness.query_by_label_contains("Core: a basic of the list").is_some());
    assert!(w.harness.query_by_label_contains("Core: Core:").is_none());
    assert!(w.harness.query_by_label_contains("Advanced: Advanced:").is_none());
}

/// L7: "docker" listed an item that names Docker in its description first, and Enter took it.
#[test]
fn enter_on_a_search_takes_the_item_whose_title_has_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let (model, _) = common::open_model_for(dir.path(), None);
    let start = StartOptions { view: Some(View::Checklists), ..StartOptions::default() };
    let mut harness = app_harness(model, start, None);
    harness.run();
    let search = harness.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    search.type_text("docker");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let state = harness.state();
    let title = &state.model.catalog().items[state.selected_item().unwrap()].title;
    assert!(title.to_lowercase().contains("docker"), "Enter took {title:?}");
}

/// L13: the selection went back to the top gap at every start.
#[test]
fn the_item_selected_when_the_window_closed_is_selected_when_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let storage: &'static MemoryStorage = Box::leak(Box::default());
    let open = |storage: &'static MemoryStorage| {
        let (model, _) = common::open_model(dir.path());
        let start = StartOptions { view: Some(View::Checklists), ..StartOptions::default() };
        let mut harness = app_harness(model, start, Some(storage));
        harness.run();
        harness
    };
    let mut harness = open(storage);
    harness.get_by_role_and_label(Role::ListItem, "Observe two").click();
    harness.run();
    let mut kept = storage.clone();
    eframe::App::save(harness.state_mut(), &mut kept);

    let harness = open(Box::leak(Box::new(kept)));
    let state = harness.state();
    assert_eq!(state.model.catalog().items[state.selected_item().unwrap()].title, "Observe two");
}

/// L6: Gaps repeated the header's "Limited by … Next: …" right under it.
#[test]
fn gaps_says_what_limits_the_score_once() {
    let mut w = window();
    w.show("Gaps");
    assert_eq!(w.harness.query_all_by_label_contains("Limited by").count(), 1, "in the header only");
    assert!(w.harness.query_by_label_contains("the one that adds the most readiness first").is_some());
}
