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

fn key_event(key: egui::Key, pressed: bool, repeat: bool) -> egui::Event {
    egui::Event::Key { key, physical_key: None, pressed, repeat, modifiers: egui::Modifiers::NONE }
}

/// A key pressed and released; held down and repeating when `repeat`.
fn key(key: egui::Key, repeat: bool) -> impl Iterator<Item = egui::Event> {
    let release = (!repeat).then(|| key_event(key, false, false));
    std::iter::once(key_event(key, true, repeat)).chain(release)
}

impl super::Window {
    /// The title of the item selected in the Checklists view.
    fn selected_title(&self) -> Option<String> {
        let app = self.harness.state();
        app.selected_item().map(|index| app.model.catalog().items[index].title.clone())
    }

    /// Delivers `events` in one frame, as a fast typist or a busy machine does.
    fn in_one_frame(&mut self, events: impl IntoIterator<Item = egui::Event>) {
        self.harness.input_mut().events.extend(events);
        self.harness.step();
        self.harness.run();
    }
}

/// Hostile-input review F9: keys that arrive in one frame were applied by kind (every Down before any
/// Space) and two Spaces counted as one; "Space Down" five times ticked 2 items instead of 5.
#[test]
fn keys_in_one_frame_are_applied_in_the_order_they_were_typed() {
    let mut w = window();
    w.select("Build one");
    w.in_one_frame((0..5).flat_map(|_| key(egui::Key::Space, false).chain(key(egui::Key::ArrowDown, false))));
    for id in ["build-one", "test-one", "ship-one", "run-one", "observe-one"] {
        assert_eq!(w.status(&format!("fixture/{id}")), Status::Done, "{id}");
    }
    assert_eq!(w.status("fixture/recover-one"), Status::Todo);
    assert_eq!(w.selected_title().as_deref(), Some("Recover one"));
}

/// Issue 12: a held key sends repeats; they never toggle the status back and forth.
#[test]
fn a_held_space_ticks_once() {
    let mut w = window();
    w.select("Build one");
    w.in_one_frame([key_event(egui::Key::Space, true, false)]);
    for _ in 0..3 {
        w.in_one_frame([key_event(egui::Key::Space, true, true)]);
    }
    w.in_one_frame([key_event(egui::Key::Space, false, false)]);
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    assert_eq!(w.harness.state().model.progress().history.len(), 1, "one change, not four");
}

/// Issue 12: the single-letter keys belong to the item list. With a button focused (Tab) or a note
/// being typed they do nothing to the status.
#[test]
fn letter_keys_act_only_when_the_item_list_has_focus() {
    let mut w = window();
    w.select("Build one");
    w.harness.get_by_role_and_label(egui::accesskit::Role::Button, "Done").focus();
    w.harness.run();
    w.in_one_frame(key(egui::Key::S, false).chain(key(egui::Key::L, false)));
    assert_eq!(w.status("fixture/build-one"), Status::Todo, "a focused button gets no list shortcuts");

    let note = w.harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note");
    note.focus();
    note.type_text("s l ");
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Todo, "typing is typing");

    w.select("Build one");
    w.in_one_frame(key(egui::Key::L, false));
    assert_eq!(w.status("fixture/build-one"), Status::Learning, "back in the list the keys work");
}

/// Issue 12: the selection is always an item the list shows. A search that hides it moves it.
#[test]
fn the_selection_follows_a_filter_to_a_visible_item() {
    let mut w = window();
    w.select("Build one");
    w.search("observe t");
    assert_eq!(w.selected_title().as_deref(), Some("Observe two"));
}

/// Issue 12: under "Missing only", Space hides the item it ticked only once the selection moves on, so
/// Down goes to the next item, not back to the top.
#[test]
fn space_then_down_under_missing_only_goes_to_the_next_item() {
    let mut w = window();
    w.harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Missing only").click();
    w.harness.run();
    w.select("Ship one");
    w.in_one_frame(key(egui::Key::Space, false));
    w.in_one_frame(key(egui::Key::ArrowDown, false));
    assert_eq!(w.selected_title().as_deref(), Some("Run one"));
    w.in_one_frame(key(egui::Key::Space, false));
    assert_eq!(w.status("fixture/run-one"), Status::Done);
    assert_eq!(w.status("fixture/build-one"), Status::Todo, "the top item is untouched");
    assert!(
        w.harness.query_by_role_and_label(egui::accesskit::Role::CheckBox, "Ship one").is_none(),
        "the ticked item left the list once the selection moved on"
    );
}

/// Window review: in Gaps a ticked item leaves the list and the next one moves under the pointer; the
/// second click of a double-click must not tick it.
#[test]
fn a_double_click_in_gaps_ticks_one_item() {
    let dir = tempfile::tempdir().unwrap();
    super::skip_builtins(dir.path());
    let mut w = super::open_window(dir, Some(skillgap::gui::View::Gaps));
    let first = w.harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Build one").rect().center();
    let pos = egui::pos2(first.x as f32, first.y as f32);
    let press = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    // The first click ticks "Build one" at the end of its frame; the second comes a frame (0.25 s) later.
    w.harness.input_mut().events.extend([egui::Event::PointerMoved(pos), press(true), press(false)]);
    w.harness.step();
    w.harness.input_mut().events.extend([press(true), press(false)]);
    w.harness.step();
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    let done = w.harness.state().model.assessment.statuses.iter().filter(|&&s| s == Status::Done).count();
    assert_eq!(done, 1, "only the item under the first click is ticked");
}

/// Hostile-input review F8: the window made reports on its UI thread, so a long PDF froze it. Now the
/// report is written on a thread of its own while the window goes on answering. The report goes into a
/// pipe that nothing reads yet, so it cannot finish until the test lets it: however fast the PDF is made.
#[test]
fn the_window_answers_while_a_long_report_is_written() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    let name = format!("skillgap-report-{}.pdf", chrono::Local::now().format("%Y-%m-%d"));
    let pipe = out.path().join(name);
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let chosen = pipe.clone();
    w.harness.state_mut().set_file_chooser(std::sync::Arc::new(move |_| Some(chosen.clone())));
    w.harness.get_by_role_and_label(egui::accesskit::Role::Button, "Save as…").click();
    // The dialog answers on its own thread; then the report starts.
    for _ in 0..200 {
        w.harness.step();
        if w.harness.state().is_writing_report() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    w.harness.step();
    w.harness.step();
    assert!(w.harness.state().is_writing_report());
    assert!(w.harness.query_by_label_contains("Writing ").is_some(), "the window says it is writing");
    w.show("Checklists");
    w.click_checkbox("Test one");
    assert_eq!(w.status("fixture/test-one"), Status::Done, "ticked while the report is written");
    assert!(w.harness.state().is_writing_report(), "the tick did not wait for the report");
    let reader = std::thread::spawn(move || std::fs::read(&pipe).unwrap());
    w.wait_for_report();
    assert!(reader.join().unwrap().starts_with(b"%PDF-"), "the report came through the pipe");
    w.show("Summary");
    assert!(w.harness.query_by_label_contains(&format!("Saved {}", out.path().display())).is_some());
}

/// Window review 21: behind the read-only banner the header said "0 /100" as if everything were gone, the
/// banner sent a window user to a terminal (`skillgap backups`), and it did not say what the backup holds.
#[test]
fn read_only_says_the_progress_is_not_lost_and_which_backup_would_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let (catalog, _) = skillgap::catalog::load_catalog(&[crate::common::fixture_dir()]);
    let mut tracker = skillgap::tracker::Tracker::open(catalog, skillgap::store::Store::new(dir.path(), None)).unwrap();
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    tracker.apply(&[Change::status("fixture/test-one", Status::Done)]).unwrap();
    tracker.apply(&[Change::status("fixture/ship-one", Status::Learning)]).unwrap();
    drop(tracker);
    std::fs::write(dir.path().join("progress.ron"), "(version: 1, items: {").unwrap();
    let mut w = super::open_window(dir, None);

    assert!(w.harness.query_by_label("Progress not loaded").is_some(), "the header says so");
    assert!(w.harness.query_by_label_contains("applicable items done").is_none(), "no score of nothing");
    assert!(w.harness.query_by_label_contains("it is not lost").is_some());
    assert!(w.harness.query_by_label_contains("skillgap backups").is_none(), "no terminal commands in the window");
    let offer = w.harness.get_by_label_contains("Latest backup: ").value().unwrap_or_default();
    // The day's copy, kept at the day's first change.
    assert!(offer.contains("1 item done"), "what the backup holds: {offer}");
    assert!(offer.contains(&chrono::Local::now().format("%Y-%m-%d").to_string()), "when it was saved: {offer}");

    w.harness.get_by_role_and_label(egui::accesskit::Role::Button, "Restore latest backup").click();
    w.harness.run();
    assert!(!w.harness.state().model.is_read_only());
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    assert!(w.harness.query_by_label("Progress not loaded").is_none());
}

/// Another machine's journal with a line that does not read: the window says whose it is and what to do,
/// and offers neither a restore nor a move aside (a sync tool would pass the move on, and that machine's
/// later changes would be lost); this machine's own damaged journal still gets both.
#[test]
fn another_machines_damaged_journal_is_not_offered_a_move_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("journal")).unwrap();
    std::fs::write(dir.path().join("journal/aaaaaaaaaaaaaaaa.ron"), "(seq: 1, at: \"never\")\n").unwrap();
    let w = super::open_window(dir, None);
    assert!(w.harness.query_by_label("Read-only: another machine's journal has a line that cannot be read").is_some());
    assert!(w.harness.query_by_label_contains("Undo the edit that damaged the line").is_some());
    assert!(w.harness.query_by_label("Move it aside and start fresh").is_none());
    assert!(w.harness.query_by_label("Restore latest backup").is_none());
    assert!(w.harness.query_by_label("Open the data folder").is_some());
    assert!(w.dir.path().join("journal/aaaaaaaaaaaaaaaa.ron").exists());
}
