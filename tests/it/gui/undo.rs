//! Undo means the last thing done in this window, wherever it was done (issue 26): a project change is
//! a change like any other, *Accept all* is one step, and an undone first tick leaves no trace.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::View;
use skillgap::progress::Status;
use skillgap::project::ProjectStatus;

use super::projects::{add_tuition_centre, replace_text, tuition_centre_scanned, type_into};
use super::{open_window, window};

fn undo(w: &mut super::Window) {
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    w.harness.run();
}

/// Window review H1: Ctrl+Z after *Accept all* reverted an unrelated personal status in another view and
/// left the eleven accepted items done.
#[test]
fn undo_after_accept_all_takes_back_the_whole_batch_and_nothing_else() {
    let mut w = window();
    w.select("Build one");
    w.harness.key_press(Key::L);
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Learning);
    w.show("Projects");
    add_tuition_centre(&mut w);
    w.scan();
    w.harness.get_by_role_and_label(Role::Button, "Accept all 18").click();
    w.harness.run();
    assert_eq!(w.harness.state().model.progress().projects[0].items.len(), 18);

    w.show("Checklists");
    undo(&mut w);
    assert!(w.harness.state().model.progress().projects[0].items.is_empty(), "the whole batch is taken back");
    assert_eq!(w.status("fixture/build-one"), Status::Learning, "the personal status is left alone");
    assert_eq!(w.harness.state().view(), View::Projects, "the view shows where the change was");
    assert!(w.harness.query_by_label("Undid: Tuition centre: accepted 18 scan proposals").is_some());
    assert!(!w.progress_text().contains("launch-one-project/"), "and saved so");

    undo(&mut w);
    assert!(w.harness.state().model.progress().projects.is_empty(), "then the project's adding");
    assert!(w.harness.query_by_label("Undid: added Tuition centre").is_some());
    undo(&mut w);
    assert_eq!(w.status("fixture/build-one"), Status::Todo, "then the personal status, last");
    assert_eq!(w.harness.state().view(), View::Checklists);
}

/// A project item's status with its reason is undone in one step, and a removed project comes back
/// whole: its items, their dates and evidence.
#[test]
fn a_project_items_status_and_reason_are_undone_and_a_removed_project_comes_back() {
    let mut w = tuition_centre_scanned();
    let item = "launch-one-project/server-hardened";
    let combo = "Status of Its server takes SSH keys only, with a firewall and automatic updates";
    w.harness.get_by_role_and_label(Role::ComboBox, combo).scroll_to_me();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::ComboBox, combo).click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Not applicable").click();
    w.harness.run();
    let reason = "Why Its server takes SSH keys only, with a firewall and automatic updates does not apply";
    type_into(&mut w, reason, "a managed platform");
    w.harness.get_by_role_and_label(Role::Button, "Mark not applicable").click();
    w.harness.run();
    let entry = |w: &super::Window| w.harness.state().model.progress().projects[0].items.get(item).cloned();
    assert_eq!(
        entry(&w).map(|e| (e.status, e.note)),
        Some((ProjectStatus::NotApplicable, "a managed platform".into()))
    );

    undo(&mut w);
    assert_eq!(entry(&w), None, "the status and its reason, one step, are taken back");

    let before = w.harness.state().model.progress().projects[0].clone();
    w.harness.get_by_role_and_label(Role::Button, "Remove project…").scroll_to_me();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Remove project…").click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Remove").click();
    w.harness.run();
    assert!(w.harness.state().model.progress().projects.is_empty());
    undo(&mut w);
    assert_eq!(w.harness.state().model.progress().projects, vec![before], "back whole, dates and all");
    assert!(w.harness.query_by_label("Undid: removed Tuition centre").is_some());
}

/// Window review L4: undoing a first-ever tick left "To do since 02:46" and two more history entries.
#[test]
fn undoing_a_first_tick_leaves_the_item_as_it_was() {
    let mut w = window();
    w.select("Build one");
    w.click_checkbox("Build one");
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    undo(&mut w);
    assert_eq!(w.status("fixture/build-one"), Status::Todo);
    assert!(w.harness.query_by_label("Not started yet").is_some(), "the detail says so again");
    assert!(w.harness.state().model.progress().history.is_empty(), "no history entries");
    assert!(!w.progress_text().contains("build-one"), "no trace in the file");
}

/// The message of an undo says what it did until the next change, then goes: it would tell a stale story.
#[test]
fn the_undo_message_goes_when_a_later_change_is_made() {
    let mut w = window();
    w.click_checkbox("Build one");
    undo(&mut w);
    assert!(w.harness.query_by_label("Undid: Build one: to do -> done").is_some());
    w.click_checkbox("Test one");
    assert!(w.harness.query_by_label_contains("Undid:").is_none());
    assert_eq!(w.status("fixture/test-one"), Status::Done);
}

/// A project that is added and then undone leaves no project behind, and redo brings it back.
#[test]
fn adding_a_project_is_undone_and_redone() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    add_tuition_centre(&mut w);
    undo(&mut w);
    assert!(w.harness.state().model.progress().projects.is_empty());
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    w.harness.run();
    assert_eq!(w.harness.state().model.progress().projects.len(), 1);
    assert!(w.harness.query_by_label("Redid: added Tuition centre").is_some());
}

/// Editing a project's details is one step, undone like any other change.
#[test]
fn editing_a_projects_details_is_undone() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    type_into(&mut w, "Name", "Weather");
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Edit details…").click();
    w.harness.run();
    replace_text(&mut w, "Project name", "Weather station");
    w.harness.get_by_role_and_label(Role::Button, "Save changes").click();
    w.harness.run();
    assert_eq!(w.harness.state().model.progress().projects[0].name, "Weather station");
    w.show("Gaps");
    undo(&mut w);
    assert_eq!(w.harness.state().model.progress().projects[0].name, "Weather");
    assert_eq!(w.harness.state().view(), View::Projects);
    assert!(w.harness.query_by_label("Undid: edited the details of Weather").is_some());
}
