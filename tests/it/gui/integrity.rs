//! The window never saves what the person did not do (issue 12): drafts, undo, keys and dates, each
//! pinned by a finding of the hostile-input or window review.

use egui_kittest::kittest::Queryable;
use skillgap::progress::{Change, Status};

use super::window;

fn note(item: &str, text: &str) -> Change {
    Change { item: item.into(), note: Some(text.into()), ..Change::default() }
}

/// Hostile-input review F2: a note saved by the CLI while the window showed the item was overwritten
/// by the window's stale, untouched draft when the selection moved on right after the reload.
#[test]
fn a_note_saved_elsewhere_is_never_overwritten_by_an_untouched_draft() {
    let mut w = window();
    w.select("Build one");
    w.harness.key_press(egui::Key::ArrowDown);
    w.harness.run();
    w.terminal().apply(&[Change { status: Some(Status::Learning), ..note("fixture/test-one", "CLI note") }]).unwrap();
    w.step_until_reloaded();
    // The key lands in the frame right after the reload, before the draft of "Test one" is reloaded.
    w.harness.key_press(egui::Key::ArrowDown);
    w.harness.run();
    w.wait_seconds(1.5);
    let text = w.progress_text();
    assert!(text.contains("note: \"CLI note\""), "the CLI's note survives: {text}");
    let model = &w.harness.state().model;
    let index = model.catalog().item_index("fixture/test-one").unwrap();
    assert_eq!(model.progress().get(&model.catalog().items[index]).unwrap().note, "CLI note");
}

fn done_since(w: &super::Window, full_id: &str) -> chrono::DateTime<chrono::Utc> {
    let model = &w.harness.state().model;
    let index = model.catalog().item_index(full_id).unwrap();
    model.progress().status_since(&model.catalog().items[index], &model.status_dates).unwrap()
}

/// Issue 12: an undo that puts "done" back puts its date back too; the item was not done again today.
#[test]
fn undo_of_a_status_change_restores_the_earlier_date() {
    let mut w = window();
    let long_ago = chrono::DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z").unwrap().to_utc();
    w.terminal().apply_at(&[Change::status("fixture/build-one", Status::Done)], long_ago).unwrap();
    w.wait_seconds(1.5);
    w.select("Build one");
    w.harness.key_press(egui::Key::Space);
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Todo);
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    assert_eq!(done_since(&w, "fixture/build-one"), long_ago);
    let shown = format!("Done since {}", long_ago.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"));
    assert!(w.harness.query_by_label(&shown).is_some(), "the detail pane shows {shown}");
}

/// Hostile-input review F15: Ctrl+Z undid a status the CLI had set since, which the person never did
/// in this window. Undo now undoes only this window's own last change; it says why it did nothing.
#[test]
fn undo_never_reverts_a_change_made_elsewhere() {
    let mut w = window();
    w.select("Build one");
    w.harness.key_press(egui::Key::Space);
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    w.terminal().apply(&[Change::status("fixture/build-one", Status::Learning)]).unwrap();
    w.wait_seconds(1.5);
    assert_eq!(w.status("fixture/build-one"), Status::Learning);
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Learning, "the CLI's change stands");
    assert!(w.progress_text().contains("status: learning"));
    assert!(w.harness.query_by_label_contains("changed elsewhere").is_some(), "the window says why");
}
