//! The views as a person uses them: ticking, filters, search, gaps, progress, summary, banners.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::{StartOptions, View};
use skillgap::progress::{Change, Status};
use skillgap::store::Store;
use skillgap::tracker::Tracker;

use super::{Window, open_window, skip_builtins, window};
use crate::common;

#[test]
fn ticking_an_item_updates_the_header_and_writes_the_progress_file() {
    let dir = tempfile::tempdir().unwrap();
    skip_builtins(dir.path());
    let ids = ["build", "test", "ship", "run", "observe"].map(|s| format!("fixture/{s}-one"));
    let mut tracker =
        Tracker::open(skillgap::catalog::load_catalog(&[common::fixture_dir()]).0, Store::new(dir.path(), None))
            .unwrap();
    tracker.apply(&ids.iter().map(|id| Change::status(id.clone(), Status::Done)).collect::<Vec<_>>()).unwrap();
    let mut w = open_window(dir, None);
    let before = w.readiness();
    assert!(before > 0.0 && before < 50.0, "Recover at 0% holds readiness under half: {before}");
    assert!(w.harness.query_by_label_contains("held back most by Recover (0%)").is_some());

    w.click_checkbox("Recover one");
    assert_eq!(w.status("fixture/recover-one"), Status::Done);
    assert!(w.readiness() > before);
    let header = format!("{:.0}", w.readiness());
    assert!(w.harness.query_by_label(&header).is_some(), "the header shows {header}");
    assert!(w.progress_text().contains("\"fixture/recover-one\": (\n      status: done"), "{}", w.progress_text());
    assert!(w.harness.query_by_label_contains("Saved ").is_some(), "the status line says it saved");
}

#[test]
fn learning_and_skipped_from_the_detail_pane() {
    let mut w = window();
    w.select("Run one");
    assert!(w.harness.query_by_label_contains("Tick it when you have").is_none(), "this item has no proof text");
    w.harness.get_by_role_and_label(Role::Button, "Learning").click();
    w.harness.run();
    assert_eq!(w.status("fixture/run-one"), Status::Learning);
    w.harness.get_by_role_and_label(Role::Button, "Skipped").click();
    w.harness.run();
    assert_eq!(w.status("fixture/run-one"), Status::Skipped);
    assert!(w.progress_text().contains("status: skipped"));
}

#[test]
fn the_detail_pane_shows_why_proof_and_links() {
    let mut w = window();
    w.select("Build one");
    assert!(w.harness.query_by_label("Build it.").is_some());
    assert!(w.harness.query_by_label("Built it.").is_some());
    assert!(w.harness.query_by_label("https://example.org/build").is_some());
    assert!(w.harness.query_by_label("Not started yet").is_some());
}

#[test]
fn keyboard_selects_and_sets_status_and_undo_redo_are_saved() {
    let mut w = window();
    assert_eq!(
        w.harness.state().selected_item(),
        Some(w.index("fixture/build-one")),
        "choosing a list selects its top"
    );
    w.harness.key_press(egui::Key::Space);
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    w.harness.key_press(egui::Key::ArrowDown);
    w.harness.key_press(egui::Key::L);
    w.harness.run();
    assert_eq!(w.status("fixture/test-one"), Status::Learning);

    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    w.harness.run();
    assert_eq!(w.status("fixture/test-one"), Status::Todo, "undo");
    assert!(!w.progress_text().contains("\"fixture/test-one\": (\n      status: learning"), "undo is saved");
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    w.harness.run();
    assert_eq!(w.status("fixture/test-one"), Status::Learning, "redo");
    let history: Vec<_> = w.harness.state().model.progress().history.iter().map(|e| (e.item.clone(), e.to)).collect();
    let expected = [("fixture/build-one".to_owned(), Status::Done), ("fixture/test-one".to_owned(), Status::Learning)];
    assert_eq!(history, expected, "an undone change leaves the history; the redo is recorded again");
}

#[test]
fn search_and_filters_narrow_the_list() {
    let mut w = window();
    let all = w.visible_checkboxes();
    assert!(all >= 12);
    w.search("observe t");
    assert_eq!(w.visible_checkboxes(), 1);
    assert!(w.harness.query_by_role_and_label(Role::CheckBox, "Observe two").is_some());

    let mut w = window();
    w.click_checkbox("Build one");
    assert_eq!(w.visible_checkboxes(), 12);
    w.harness.get_by_role_and_label(Role::CheckBox, "Missing only").click();
    w.harness.run();
    assert_eq!(w.visible_checkboxes(), 11, "the done item is hidden");
    assert!(w.harness.query_by_role_and_label(Role::CheckBox, "Build one").is_none());
}

#[test]
fn ctrl_f_focuses_search() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Gaps));
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    w.harness.run();
    assert_eq!(w.harness.state().view(), View::Checklists);
    assert!(w.harness.get_by_role_and_label(Role::TextInput, "Search").is_focused());
}

#[test]
fn gaps_view_ranks_and_ticks_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    skip_builtins(dir.path());
    let mut w = open_window(dir, Some(View::Gaps));
    assert_eq!(
        w.harness.query_all_by_label_contains("held back most by Build (0%)").count(),
        1,
        "the header says it, once"
    );
    assert!(w.harness.query_by_label("Gaps for Fixture target").is_some());
    assert!(w.harness.query_by_label_contains("12 open items, what the next level needs first").is_some());
    let first_gap = w.harness.state().model.assessment.gaps[0].item;
    let title = w.harness.state().model.catalog().items[first_gap].title.clone();
    assert_eq!(title, "Build one", "the Core item of the smallest of the equally weak stages first");
    w.click_checkbox("Build one");
    assert_eq!(w.status("fixture/build-one"), Status::Done);
    assert!(w.harness.query_by_role_and_label(Role::CheckBox, "Build one").is_none(), "a done item leaves the gaps");
}

#[test]
fn progress_view_explains_first_run_then_charts_history() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Progress));
    assert!(w.harness.query_by_label("Your progress over time will appear here.").is_some());
    w.show("Checklists");
    w.harness.get_by_role_and_label(Role::Button, "Fixture list").click();
    w.harness.run();
    w.click_checkbox("Build one");
    w.show("Progress");
    assert!(w.harness.query_by_label_contains("1 change recorded since").is_some());
    assert!(w.harness.query_by_label("Streak: 1 day in a row (longest 1), 1 active day in all.").is_some());
    assert!(w.harness.query_by_label("Activity calendar: 1 active day in the last 26 weeks").is_some());
    assert!(w.harness.query_by_role_and_label(Role::CheckBox, "A line per stage").is_some());

    // Two days earlier, from the command line: the line now spans days.
    let two_days_ago = chrono::Utc::now() - chrono::Duration::days(2);
    w.terminal().apply_at(&[Change::status("fixture/test-one", Status::Done)], two_days_ago).unwrap();
    w.wait_seconds(1.5);
    assert!(w.harness.query_by_label("Streak: 1 day in a row (longest 1), 2 active days in all.").is_some());

    // Hovering the readiness plot anywhere along the line says the value and the moment, and on the
    // last day what was done that day.
    let above = w.harness.get_by_role_and_label(Role::CheckBox, "A line per stage").rect();
    let width = w.harness.ctx.content_rect().width();
    let mut tips = Vec::new();
    for step in 1..60 {
        w.harness.hover_at(egui::pos2(width * step as f32 / 60.0, above.max.y + 80.0));
        w.harness.run();
        let tip = w.harness.query_by_label_contains("Readiness: ").and_then(|node| node.value());
        tips.extend(tip);
    }
    assert!(tips.len() > 30, "the hover says something along most of the line: {tips:?}");
    assert!(
        tips.iter().any(|tip| tip.contains("1 change that day\nDone: Build one")),
        "the last day's change: {tips:?}"
    );
    assert!(tips.iter().any(|tip| tip.contains("Done: Test one")), "the first day's change: {tips:?}");
}

#[test]
fn summary_view_shows_the_summary_and_saves_markdown() {
    let mut w = window();
    w.click_checkbox("Build one");
    w.show("Summary");
    assert!(w.harness.query_by_label_contains("skillgap progress report\n").is_some());
    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    w.harness.get_by_role_and_label(Role::Button, "Save as Markdown").click();
    w.wait_for_report();
    let saved: Vec<_> = std::fs::read_dir(out.path()).unwrap().filter_map(Result::ok).collect();
    assert_eq!(saved.len(), 1, "one file saved");
    let text = std::fs::read_to_string(saved[0].path()).unwrap();
    assert!(text.contains("- [x] Build one"), "{text}");
    assert!(w.harness.query_by_label_contains(&format!("Saved {}", out.path().display())).is_some());
}

#[test]
fn summary_view_saves_a_pdf_with_the_name_and_prints_through_the_viewer() {
    let mut w = window();
    w.click_checkbox("Build one");
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    let name = w.harness.get_by_role_and_label(Role::TextInput, "Name");
    name.focus();
    name.type_text("Zoë Ångström");
    w.wait_for_pages();
    assert!(
        w.harness.query_by_label_contains("skillgap progress report for Zoë Ångström\n").is_some(),
        "the preview follows the options"
    );
    w.harness.get_by_role_and_label(Role::Button, "Save as PDF").click();
    w.wait_for_report();
    let saved: Vec<_> = std::fs::read_dir(out.path()).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].extension().unwrap(), "pdf");
    assert!(std::fs::read(&saved[0]).unwrap().starts_with(b"%PDF-"));

    let opened = w.record_opened();
    w.harness.get_by_role_and_label(Role::Button, "Print…").click();
    w.wait_for_report();
    let opened = opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1, "Print opens the PDF once");
    assert!(std::fs::read(&opened[0]).unwrap().starts_with(b"%PDF-"));
    assert!(w.harness.query_by_label_contains("in your PDF viewer").is_some());
    std::fs::remove_file(&opened[0]).unwrap();
}

#[test]
fn a_failed_save_shows_the_banner_keeps_the_change_and_retry_works() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let (model, _) = common::open_model(&data);
    let mut harness = super::app_harness(model, StartOptions::default(), None);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Fixture list").click();
    harness.run();
    // The folder (not written yet) is replaced by a file.
    assert!(!data.exists());
    std::fs::write(&data, "a file where the folder should be").unwrap();

    harness.get_by_role_and_label(Role::CheckBox, "Build one").click();
    harness.run();
    assert!(harness.query_by_label("Your last change could not be saved").is_some());
    assert!(harness.query_by_label("Not saved").is_some());
    let model = &harness.state().model;
    assert!(model.has_unsaved_changes());
    assert_eq!(model.assessment.statuses[model.catalog().item_index("fixture/build-one").unwrap()], Status::Done);

    std::fs::remove_file(&data).unwrap();
    harness.get_by_role_and_label(Role::Button, "Retry").click();
    harness.run();
    assert!(harness.query_by_label("Your last change could not be saved").is_none());
    assert!(!harness.state().model.has_unsaved_changes());
    assert!(common::progress_text(&data, None).contains("fixture/build-one"));
}

#[test]
fn a_change_made_by_the_cli_shows_up_in_the_window() {
    let mut w = window();
    assert_eq!(w.status("fixture/ship-one"), Status::Todo);
    let (catalog, _) = skillgap::catalog::load_catalog(&[common::fixture_dir()]);
    let mut terminal = Tracker::open(catalog, Store::new(w.dir.path(), None)).unwrap();
    terminal.apply(&[Change::status("fixture/ship-one", Status::Done)]).unwrap();
    w.wait_seconds(1.5);
    assert_eq!(w.status("fixture/ship-one"), Status::Done);
}

/// Issue 31: a sync tool delivers another machine's journal into the data folder while the window is open;
/// within a second the window shows that machine's change.
#[test]
fn a_change_from_another_machine_shows_up_when_its_journal_arrives() {
    let mut w = window();
    w.click_checkbox("Build one");
    let other = tempfile::tempdir().unwrap();
    let (catalog, _) = skillgap::catalog::load_catalog(&[common::fixture_dir()]);
    let mut desktop = Tracker::open(catalog, Store::new(other.path().join("data"), Some(other.path()))).unwrap();
    desktop.apply(&[Change::status("fixture/ship-one", Status::Learning)]).unwrap();
    assert_eq!(w.status("fixture/ship-one"), Status::Todo);
    let journal = common::walk(&other.path().join("data/journal")).pop().unwrap();
    std::fs::copy(&journal, w.dir.path().join("journal").join(journal.file_name().unwrap())).unwrap();
    w.wait_seconds(1.0);
    assert_eq!(w.status("fixture/ship-one"), Status::Learning, "the other machine's change");
    assert_eq!(w.status("fixture/build-one"), Status::Done, "and this one's");
}

/// Hostile-input review U4: a file damaged while the window is open is a failed reload, not a failed
/// save, and nothing is written over it. Once the file reads again, the banner goes.
#[test]
fn a_file_damaged_while_open_is_reported_as_a_reload_error_and_left_alone() {
    let mut w = window();
    w.click_checkbox("Build one");
    let id = std::fs::read_to_string(w.dir.path().join("machine-id")).unwrap();
    let path = w.dir.path().join("journal").join(format!("{}.ron", id.trim()));
    let good = std::fs::read(&path).unwrap();
    let damaged = [good.as_slice(), b"(seq: 2, at: \"today\")\n"].concat();
    std::fs::write(&path, &damaged).unwrap();
    w.wait_seconds(1.5);
    assert!(w.harness.query_by_label("Your progress file changed on disk and could not be read again").is_some());
    assert!(w.harness.query_by_label("Your last change could not be saved").is_none());
    assert_eq!(w.status("fixture/build-one"), Status::Done, "the window keeps what it last read");
    assert_eq!(std::fs::read(&path).unwrap(), damaged, "the damaged file is left alone");

    std::fs::write(&path, &good).unwrap();
    w.wait_seconds(1.5);
    assert!(w.harness.query_by_label("Your progress file changed on disk and could not be read again").is_none());
}

#[test]
fn notes_are_saved_after_a_pause_not_on_every_keystroke() {
    let mut w = window();
    w.select("Build one");
    let note = w.harness.get_by_role_and_label(Role::MultilineTextInput, "Note");
    note.focus();
    note.type_text("Served it behind nginx");
    w.harness.step();
    assert!(!w.progress_text().contains("Served it"), "not saved while typing");
    w.wait_seconds(1.5);
    assert!(w.progress_text().contains("note: \"Served it behind nginx\""), "{}", w.progress_text());
}

#[test]
fn a_damaged_progress_file_opens_read_only_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("progress.ron"), "(version: 1, items: {").unwrap();
    let mut w = open_window(dir, None);
    assert!(w.harness.query_by_label("Read-only: your progress could not be read").is_some());
    assert!(w.harness.state().model.is_read_only());
    w.harness.key_press(egui::Key::ArrowDown);
    w.harness.key_press(egui::Key::Space);
    w.harness.run();
    assert_eq!(
        std::fs::read_to_string(w.dir.path().join("progress.ron")).unwrap(),
        "(version: 1, items: {",
        "the file is left alone"
    );
    assert!(!w.dir.path().join("journal").exists(), "nothing is saved until the person chooses");
    w.harness.get_by_role_and_label(Role::Button, "Move it aside and start fresh").click();
    w.harness.run();
    assert!(!w.harness.state().model.is_read_only());
    let kept = std::fs::read_dir(w.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("damaged"));
    assert!(kept, "the damaged bytes are kept beside");
}

#[test]
fn summary_view_copies_markdown_and_text_to_the_clipboard() {
    let mut w = window();
    w.click_checkbox("Build one");
    w.show("Summary");
    let copied = |w: &mut Window| {
        w.harness.step();
        w.harness
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|command| match command {
                egui::OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            })
            .expect("the click put text on the clipboard")
    };
    w.harness.get_by_role_and_label(Role::Button, "Copy as Markdown").click();
    let markdown = copied(&mut w);
    assert!(markdown.contains("- [x] Build one"), "{markdown}");
    w.harness.run();
    assert!(w.harness.query_by_label_contains("Copied the summary as Markdown").is_some());

    w.harness.get_by_role_and_label(Role::Button, "Copy as text").click();
    let text = copied(&mut w);
    assert!(text.starts_with("skillgap progress report, "), "{text}");
    assert!(!text.contains("- [x]"), "plain text, not Markdown: {text}");
}
