//! Saving and printing the summary (issue 16): a new file never replaces an earlier report, a missing
//! folder or an existing file is asked about first, the platform's dialog chooses the folder or the
//! file, the saved file is one click from its viewer and folder, and Print says what to do without one.

use std::path::Path;
use std::sync::{Arc, Mutex};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use skillgap::gui::file_chooser::FileRequest;

use super::{Window, window};

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

fn click(w: &mut Window, button: &str) {
    w.harness.get_by_role_and_label(Role::Button, button).click();
    w.harness.run();
}

/// Answers every file dialog with `path` and records what was asked.
fn answer_dialogs_with(w: &mut Window, path: &Path) -> Arc<Mutex<Vec<FileRequest>>> {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let (record, path) = (asked.clone(), path.to_path_buf());
    w.harness.state_mut().set_file_chooser(Arc::new(move |request| {
        record.lock().unwrap().push(request);
        Some(path.clone())
    }));
    asked
}

/// Runs frames until the file dialog's thread has answered.
fn settle_dialog(w: &mut Window) {
    w.harness.step();
    w.run_while(|app| app.is_choosing_file(), "the file dialog did not answer");
}

#[test]
fn saving_twice_keeps_both_reports_and_the_saved_file_opens_or_shows_in_its_folder() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    let earlier = out.path().join(format!("skillgap-report-{}.pdf", today()));
    std::fs::write(&earlier, "an earlier report").unwrap();
    click(&mut w, "Save as PDF");
    w.wait_for_report();
    let second = out.path().join(format!("skillgap-report-{}-2.pdf", today()));
    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "an earlier report", "never replaced");
    assert!(std::fs::read(&second).unwrap().starts_with(b"%PDF-"));
    assert!(w.harness.query_by_label(&format!("Saved {}", second.display())).is_some());
    let opened = w.record_opened();
    click(&mut w, "Open");
    click(&mut w, "Show in folder");
    assert_eq!(*opened.lock().unwrap(), vec![second.clone(), out.path().to_path_buf()]);
}

#[test]
fn a_missing_folder_is_created_only_when_the_person_says_so() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("reports").join("2026");
    w.set_save_folder(&folder);
    click(&mut w, "Save as Markdown");
    assert!(w.harness.query_by_label_contains("does not exist yet. Create it").is_some());
    click(&mut w, "Cancel");
    assert!(!folder.exists(), "Cancel creates nothing");
    assert!(w.harness.query_by_label_contains("does not exist yet").is_none(), "the question is gone");
    click(&mut w, "Save as Markdown");
    click(&mut w, "Create folder and save");
    w.wait_for_report();
    let saved = folder.join(format!("skillgap-report-{}.md", today()));
    assert!(std::fs::read_to_string(saved).unwrap().contains("skillgap progress report"));
}

#[test]
fn save_as_uses_the_dialog_asks_before_replacing_and_takes_the_format_from_the_name() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    let chosen = out.path().join("for-the-interview.html");
    std::fs::write(&chosen, "an earlier page").unwrap();
    let asked = answer_dialogs_with(&mut w, &chosen);
    click(&mut w, "Save as…");
    settle_dialog(&mut w);
    assert!(matches!(&asked.lock().unwrap()[0], FileRequest::SaveReport { name, .. } if name.ends_with(".pdf")));
    assert!(w.harness.query_by_label_contains("already exists. Replace it").is_some());
    click(&mut w, "Cancel");
    assert_eq!(std::fs::read_to_string(&chosen).unwrap(), "an earlier page", "Cancel keeps it");
    click(&mut w, "Save as…");
    settle_dialog(&mut w);
    click(&mut w, "Replace");
    w.wait_for_report();
    assert!(std::fs::read_to_string(&chosen).unwrap().contains("<html"), "written as HTML");
    let folder = w.harness.get_by_role_and_label(Role::TextInput, "Save to folder");
    assert_eq!(folder.value().as_deref(), Some(out.path().display().to_string().as_str()), "the folder is remembered");
}

#[test]
fn choose_sets_the_folder_from_the_dialog() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    answer_dialogs_with(&mut w, out.path());
    click(&mut w, "Choose…");
    settle_dialog(&mut w);
    let folder = w.harness.get_by_role_and_label(Role::TextInput, "Save to folder");
    assert_eq!(folder.value().as_deref(), Some(out.path().display().to_string().as_str()));
}

#[test]
fn print_without_a_viewer_says_what_to_do_and_old_prints_are_cleaned_up() {
    let mut w = window();
    w.show("Summary");
    let prints = std::env::temp_dir().join("skillgap-print");
    std::fs::create_dir_all(&prints).unwrap();
    let old = prints.join(format!("old-print-{}.pdf", std::process::id()));
    let file = std::fs::File::create(&old).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600)).unwrap();
    w.harness.state_mut().set_opener(Box::new(|_| Err(std::io::Error::other("no application for PDF"))));
    click(&mut w, "Print…");
    w.wait_for_report();
    assert!(!old.exists(), "a print two hours old is removed");
    assert!(
        w.harness
            .query_by_label_contains("No PDF viewer could open the report. Open the file from its folder")
            .is_some()
    );
    // Window review L1: the launcher's own words are no longer in the sentence, and Open, which just
    // failed, is not offered again; the file's folder is.
    assert!(w.harness.query_by_label_contains("no application for PDF").is_none());
    assert!(w.harness.query_by_role_and_label(Role::Button, "Open").is_none());
    assert!(w.harness.query_by_role_and_label(Role::Button, "Show in folder").is_some());
}

/// Window review 12: with "Done since" not a date, Save wrote the report without the section it asked for
/// and said nothing. Now nothing is saved, copied or printed until the date is fixed or cleared.
#[test]
fn a_done_since_that_is_not_a_date_stops_saving_until_it_is_fixed() {
    let mut w = window();
    w.show("Summary");
    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    let since = w.harness.get_by_role_and_label(Role::TextInput, "Done since");
    since.focus();
    since.type_text("1 Nov");
    w.wait_for_pages();
    assert!(w.harness.query_by_label_contains("Done since: write the date as YYYY-MM-DD").is_some());
    for button in ["Save as PDF", "Save as Markdown", "Save as…", "Copy as text", "Print…"] {
        assert!(w.harness.get_by_role_and_label(Role::Button, button).accesskit_node().is_disabled(), "{button}");
    }
    click(&mut w, "Save as Markdown");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "nothing saved without the section asked for");

    let since = w.harness.get_by_role_and_label(Role::TextInput, "Done since");
    since.focus();
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    w.harness.get_by_role_and_label(Role::TextInput, "Done since").type_text("2020-01-01");
    w.wait_for_pages();
    click(&mut w, "Save as Markdown");
    w.wait_for_report();
    let saved = out.path().join(format!("skillgap-report-{}.md", today()));
    assert!(std::fs::read_to_string(saved).unwrap().contains("## Done since 2020-01-01"));
}
