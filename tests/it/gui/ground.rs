//! The window's ground (issue 26): a click acts on the item the person saw even when the checklists load
//! again in that frame; reports are saved one at a time through one path, never one over another, with
//! the person's usual permissions, and finished before the window closes.

use std::path::{Path, PathBuf};

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use skillgap::gui::{App, StartOptions, View};
use skillgap::progress::Status;

use super::projects::{save_into, tuition_centre_scanned};
use super::window;

fn list_file(items: &[(&str, &str)]) -> String {
    let items: Vec<String> =
        items.iter().map(|(id, title)| format!(r#"(id: "{id}", title: "{title}", stage: Build)"#)).collect();
    format!(r#"(id: "mine", title: "My own list", sections: [(id: "s", title: "S", items: [{}])])"#, items.join(", "))
}

/// Code review finding 1: the once-a-second check reloaded the checklists between drawing and applying,
/// so a click queued against the old position ticked whatever item the reload put there, and saved it.
/// Every frame here runs the check (a frame is a second), and the edited file puts a new item first.
#[test]
fn a_click_while_the_checklists_load_again_ticks_the_item_clicked_and_only_it() {
    let (data, config) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = config.path().join("mine.ron");
    std::fs::write(&file, list_file(&[("a", "Ask for help"), ("b", "Be on call"), ("c", "Write a runbook")])).unwrap();
    let locations = skillgap::paths::Locations {
        data_dir: data.path().to_path_buf(),
        checklist_dirs: vec![crate::common::fixture_dir(), config.path().to_path_buf()],
        config_dir: None,
    };
    let (model, _) = skillgap::gui::open_model(&locations, Some("fixture")).unwrap();
    let start = StartOptions { view: Some(View::Checklists), ..StartOptions::default() };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0)
        .with_max_steps(8)
        .build_eframe(move |cc| App::new(cc, model, start));
    harness.run();
    harness.get_by_role_and_label(Role::Button, "My own list").click();
    harness.run();

    // The pointer rests on the row; then, in one frame, the file changes on disk and the click lands.
    let at = harness.get_by_role_and_label(Role::CheckBox, "Be on call").rect().center();
    harness.hover_at(at);
    harness.step();
    let reordered =
        [("z", "Zero downtime deploys"), ("a", "Ask for help"), ("b", "Be on call"), ("c", "Write a runbook")];
    std::fs::write(&file, list_file(&reordered)).unwrap();
    for pressed in [true, false] {
        let click = egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        harness.input_mut().events.push(click);
    }
    harness.step();
    harness.run();
    let progress = harness.state().model.progress();
    let done: Vec<&str> =
        progress.items.iter().filter(|(_, p)| p.status == Status::Done).map(|(id, _)| id.as_str()).collect();
    assert_eq!(done, ["mine/b"], "the item clicked, and only it");
    assert!(harness.query_by_role_and_label(Role::CheckBox, "Zero downtime deploys").is_some(), "the new list shows");
}

/// The window on the Summary view, saving into a new empty folder.
fn summary_saving_into_a_new_folder() -> (super::Window, tempfile::TempDir) {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    (w, out)
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Code review finding 2: two quick clicks on Save picked the same new name before either file existed,
/// and the second report was written over the first. Now the second waits for the first.
#[test]
fn two_quick_saves_make_two_files_never_one_over_the_other() {
    let (mut w, out) = summary_saving_into_a_new_folder();
    w.harness.get_by_role_and_label(Role::Button, "Save as PDF").click();
    w.harness.step();
    w.harness.get_by_role_and_label(Role::Button, "Save as PDF").click();
    w.harness.step();
    w.wait_for_report();
    w.wait_for_report();
    let expected = [
        out.path().join(format!("skillgap-report-{}-2.pdf", today())),
        out.path().join(format!("skillgap-report-{}.pdf", today())),
    ];
    assert_eq!(files_in(out.path()), expected, "two files, and no temporary file left");
    for file in expected {
        assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"), "{file:?} is a whole PDF");
    }
}

/// A report asked for just before the window closes is written before it goes (code review 5.4.3): it
/// used to die with the window, leaving a hidden temporary file in the person's folder.
#[test]
fn a_report_being_written_when_the_window_closes_is_finished_first() {
    let (mut w, out) = summary_saving_into_a_new_folder();
    w.harness.get_by_role_and_label(Role::Button, "Save as PDF").click();
    w.harness.step();
    eframe::App::on_exit(w.harness.state_mut(), None);
    let report = out.path().join(format!("skillgap-report-{}.pdf", today()));
    assert_eq!(files_in(out.path()), std::slice::from_ref(&report), "the report, and no temporary file");
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF-"));
}

/// Window review L2: reports were saved owner-only (0600), so one meant to be shared could not be read
/// by a web server's folder or another local user. They now get what any new file of the person's gets.
#[cfg(unix)]
#[test]
fn a_saved_report_has_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let (mut w, out) = summary_saving_into_a_new_folder();
    w.harness.get_by_role_and_label(Role::Button, "Save as HTML").click();
    w.wait_for_report();
    let report = out.path().join(format!("skillgap-report-{}.html", today()));
    let any_new_file = out.path().join("any-new-file");
    std::fs::File::create(&any_new_file).unwrap();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&report), mode(&any_new_file));
    assert_ne!(mode(&report), 0o600);
}

/// Window review M5: Ctrl+F left the old search unselected, so a new one was typed onto its end
/// ("ockersecrets"), and Escape in the list left the old search in place.
#[test]
fn ctrl_f_selects_the_old_search_and_escape_in_the_list_clears_it() {
    let mut w = window();
    let search =
        |w: &super::Window| w.harness.get_by_role_and_label(Role::TextInput, "Search").value().unwrap_or_default();
    w.search("build");
    w.harness.key_press(Key::Enter);
    w.harness.run();
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    w.harness.run();
    w.harness.get_by_role_and_label(Role::TextInput, "Search").type_text("test");
    w.harness.run();
    assert_eq!(search(&w), "test", "typing replaces the old search");

    w.harness.key_press(Key::Enter);
    w.harness.run();
    w.harness.key_press(Key::Escape);
    w.harness.run();
    assert_eq!(search(&w), "", "Escape in the list clears the search");
}

/// Window review M7: the story was saved as a PDF only, over the day's earlier one, and its message was
/// cut off at the window's edge and stayed in every view. Now it is saved like the summary.
#[test]
fn the_story_is_saved_as_markdown_and_its_message_stays_under_its_buttons() {
    let mut w = tuition_centre_scanned();
    let reports = tempfile::tempdir().unwrap();
    save_into(&mut w, reports.path());
    w.harness.get_by_role_and_label(Role::ComboBox, "Story as").click();
    w.harness.run();
    w.harness.get_by_label("Markdown (for the project's README)").click();
    w.harness.run();
    for _ in 0..2 {
        w.harness.get_by_role_and_label(Role::Button, "Save story").click();
        w.harness.step();
    }
    w.wait_for_report();
    w.wait_for_report();
    let stem = format!("tuition-centre-story-{}", today());
    let saved = files_in(reports.path());
    assert_eq!(saved, [reports.path().join(format!("{stem}-2.md")), reports.path().join(format!("{stem}.md"))]);
    let text = std::fs::read_to_string(&saved[1]).unwrap();
    assert!(text.starts_with("## Tuition centre in production"), "{text}");
    assert!(w.harness.query_by_label(&format!("to {}", reports.path().display())).is_some(), "the folder is shown");
    assert!(w.harness.query_by_label(&format!("Saved {}", saved[0].display())).is_some());
    w.show("Checklists");
    let message = format!("Saved {}", reports.path().display());
    assert!(w.harness.query_by_label_contains(&message).is_none(), "the message stays in Projects");
}

/// M7: the story is saved as… where the platform's dialog says, in the format its name asks for.
#[test]
fn the_story_is_saved_as_the_dialog_says_in_the_format_its_name_asks_for() {
    let mut w = tuition_centre_scanned();
    let out = tempfile::tempdir().unwrap();
    let chosen = out.path().join("portfolio.html");
    let answer = chosen.clone();
    w.harness.state_mut().set_file_chooser(std::sync::Arc::new(move |_| Some(answer.clone())));
    w.harness.get_by_role_and_label(Role::Button, "Save story as…").click();
    w.harness.step();
    w.run_while(|app| app.is_choosing_file(), "the dialog did not answer");
    w.wait_for_report();
    let html = std::fs::read_to_string(&chosen).unwrap();
    assert!(html.contains("<html") && html.contains("Tuition centre in production"), "{html}");
}

/// M8: after a restart the project shown was not highlighted in the list.
#[test]
fn the_project_shown_at_the_last_close_is_shown_and_highlighted_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut model = crate::common::open_model(dir.path()).0;
    for name in ["Alpha", "Beta"] {
        let checklist = skillgap::project::DEFAULT_PROJECT_CHECKLIST.into();
        let project = skillgap::project::NewProject { name: name.into(), checklist, ..Default::default() };
        model.apply(&[skillgap::project::ProjectChange::Add { id: name.to_lowercase(), project }]);
    }
    let storage: &'static super::MemoryStorage = Box::leak(Box::default());
    let open = |storage: &'static super::MemoryStorage| {
        let (model, _) = crate::common::open_model(dir.path());
        let start = StartOptions { view: Some(View::Projects), ..StartOptions::default() };
        let mut harness = super::app_harness(model, start, Some(storage));
        harness.run();
        harness
    };
    let mut harness = open(storage);
    harness.get_by_label_contains("Beta\nLevel").click();
    harness.run();
    let mut kept = storage.clone();
    eframe::App::save(harness.state_mut(), &mut kept);

    let harness = open(Box::leak(Box::new(kept)));
    assert!(harness.query_by_label("Beta").is_some(), "Beta's page is shown");
    let beta = harness.get_by_label_contains("Beta\nLevel");
    let toggled = egui_kittest::kittest::NodeT::accesskit_node(&beta).toggled();
    assert_eq!(toggled, Some(egui::accesskit::Toggled::True), "and highlighted");
}
