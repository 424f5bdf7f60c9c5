//! The Projects view, driven in the real window: add the tuition centre with its folder, scan it, accept
//! the proposals, see its level rise, save its story, and be told when a name is taken.

use std::path::Path;
use std::sync::{Arc, Mutex};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::View;
use skillgap::project::ProjectStatus;

use super::open_window;

fn type_into(w: &mut super::Window, label: &str, text: &str) {
    w.harness.get_by_role_and_label(Role::TextInput, label).focus();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    w.harness.run();
}

#[test]
fn a_project_is_added_scanned_accepted_and_its_story_saved() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    assert!(w.harness.query_by_label("No projects yet").is_some());
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    type_into(&mut w, "Name", "Tuition centre");
    type_into(&mut w, "Local folder", &folder.display().to_string());
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    assert_eq!(w.harness.state().model.progress().projects.len(), 1);
    assert!(w.progress_text().contains("name: \"Tuition centre\""), "saved at once");
    assert!(w.harness.query_by_label("Level 0: Localhost · readiness 0/100").is_some());

    w.harness.get_by_role_and_label(Role::Button, "Scan folder").click();
    w.harness.run();
    assert_eq!(w.harness.state().model.progress().projects[0].items.len(), 0, "a scan ticks nothing by itself");
    assert_eq!(w.harness.query_all_by_label("Reject").count(), 17, "a proposal per item the scan found");
    // The first proposal is the one-command start.
    w.harness.query_all_by_label("Reject").next().unwrap().click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Accept all 16").click();
    w.harness.run();
    let project = w.harness.state().model.progress().projects[0].clone();
    assert_eq!(project.items.len(), 16, "every proposal but the rejected one");
    assert_eq!(project.items["launch-one-project/restore-proven"].status, ProjectStatus::Done);
    assert_eq!(project.items["launch-one-project/restore-proven"].evidence, "scripts/restore-db.sh");
    assert!(!project.items.contains_key("launch-one-project/one-command-start"), "the rejected proposal");
    // The rejected start is a Core item of Build: the level waits for it, readiness does not.
    assert!(w.harness.query_by_label_contains("Level 0: Localhost · readiness").is_some());
    assert!(w.harness.query_by_label("Level 0: Localhost · readiness 0/100").is_none());

    let reports = tempfile::tempdir().unwrap();
    w.show("Summary");
    w.set_save_folder(reports.path());
    w.show("Projects");
    let opened = Arc::new(Mutex::new(Vec::new()));
    let record = opened.clone();
    w.harness.state_mut().set_opener(Box::new(move |path| {
        record.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }));
    w.harness.get_by_role_and_label(Role::Button, "Save story as PDF").click();
    w.harness.run();
    let opened = opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert!(opened[0].starts_with(reports.path()) && opened[0].to_string_lossy().ends_with(".pdf"), "{opened:?}");
    assert!(std::fs::read(&opened[0]).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_taken_name_or_a_missing_folder_is_said_in_the_form_and_nothing_is_added() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    type_into(&mut w, "Name", "Weather");
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    type_into(&mut w, "Name", "weather");
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    assert!(w.harness.query_by_label_contains("there is already a project named \"weather\"").is_some());
    type_into(&mut w, "Name", " 2");
    type_into(&mut w, "Local folder", "/no/such/clone");
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    assert!(w.harness.query_by_label_contains("/no/such/clone does not exist").is_some());
    assert_eq!(w.harness.state().model.progress().projects.len(), 1);
}
