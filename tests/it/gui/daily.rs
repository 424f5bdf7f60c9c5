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
    assert_eq!(w.harness.query_all_by_label_contains("held back most by").count(), 1, "in the header only");
    assert!(w.harness.query_by_label_contains("the one that adds the most readiness first").is_some());
}

/// L8: "Saved … Open / Show in folder" pushed the Summary's pages down when it came.
#[test]
fn a_saved_reports_message_does_not_move_the_pages() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    let first_page = |w: &super::Window| w.harness.get_by_label_contains("\nPage 1 of ").rect().top();
    let before = first_page(&w);
    w.harness.get_by_role_and_label(Role::Button, "Save as PDF").click();
    w.wait_for_report();
    assert!(w.harness.query_by_role_and_label(Role::Button, "Show in folder").is_some());
    assert_eq!(first_page(&w), before);
}

/// L8: choosing "Not applicable" widened its drop-down and put a "Why not" row under it, moving the
/// rows below; now the drop-down has room for every status and the note row is always there.
#[test]
fn choosing_not_applicable_moves_no_row() {
    let mut w = super::projects::tuition_centre_scanned();
    let combo = "Status of Its server takes SSH keys only, with a firewall and automatic updates";
    w.harness.get_by_role_and_label(Role::ComboBox, combo).scroll_to_me();
    w.harness.run();
    let title = "Its server takes SSH keys only, with a firewall and automatic updates";
    let next = "Status of It has its own domain and HTTPS that renews by itself";
    // Where the row's title and the next row are, from the row's drop-down (the headline above them may
    // change its wording with the level).
    let place = |w: &super::Window| {
        let combo = w.harness.get_by_role_and_label(Role::ComboBox, combo).rect().left_top();
        let title = w.harness.get_by_role_and_label(Role::Label, title).rect().left_top();
        (title - combo, w.harness.get_by_role_and_label(Role::ComboBox, next).rect().top() - combo.y)
    };
    let before = place(&w);
    w.harness.get_by_role_and_label(Role::ComboBox, combo).click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Not applicable").click();
    w.harness.run();
    assert_eq!(place(&w), before);
}
