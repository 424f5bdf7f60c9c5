//! The Projects view, driven in the real window: add the tuition centre with its folder, scan it, accept
//! the proposals, see its level rise, save its story, and be told when a name is taken.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::View;
use skillgap::project::ProjectStatus;

use super::open_window;

pub(super) fn type_into(w: &mut super::Window, label: &str, text: &str) {
    w.harness.get_by_role_and_label(Role::TextInput, label).focus();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    w.harness.run();
}

/// Adds the tuition centre with its fixture folder through the form.
pub(super) fn add_tuition_centre(w: &mut super::Window) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    type_into(w, "Name", "Tuition centre");
    type_into(w, "Local folder", &folder.display().to_string());
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
}

/// A window on the Projects view with the tuition centre added, scanned and every proposal accepted.
pub(super) fn tuition_centre_scanned() -> super::Window {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    add_tuition_centre(&mut w);
    w.scan();
    w.harness.get_by_role_and_label(Role::Button, "Accept all 18").click();
    w.harness.run();
    w
}

/// Sets the status of the shown project's item titled `title` to Done, through its status menu.
pub(super) fn mark_done(w: &mut super::Window, title: &str) {
    let combo = format!("Status of {title}");
    w.harness.get_by_role_and_label(Role::ComboBox, &combo).scroll_to_me();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::ComboBox, &combo).click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Done").click();
    w.harness.run();
}

/// What the tuition centre's files cannot show, done by hand: its accounts' second factor, its budget
/// alerts, and the restore and the rollback it practised.
pub(super) fn mark_what_no_file_shows(w: &mut super::Window) {
    for title in [
        "Every account that controls it signs in with a second factor",
        "Every account that bills it has a budget alert",
        "A restore of its backup was tested and timed",
        "A bad deploy of it was rolled back in minutes",
    ] {
        mark_done(w, title);
    }
}

/// Points the reports folder at `folder` and records what the window opens instead of opening it.
pub(super) fn save_into(w: &mut super::Window, folder: &Path) {
    w.show("Summary");
    w.set_save_folder(folder);
    w.show("Projects");
}

/// Saves the shown project's story (PDF, the format chosen first) into `folder` and returns the file,
/// which the window says it saved, one click from its viewer.
fn save_story(w: &mut super::Window, folder: &Path) -> std::path::PathBuf {
    save_into(w, folder);
    w.harness.get_by_role_and_label(Role::Button, "Save story").scroll_to_me();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Save story").click();
    w.wait_for_report();
    let saved: Vec<_> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(w.harness.query_by_label(&format!("Saved {}", saved[0].display())).is_some());
    assert!(w.harness.query_by_role_and_label(Role::Button, "Open").is_some());
    saved[0].clone()
}

#[test]
fn a_project_is_added_scanned_accepted_and_its_story_saved() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    assert!(w.harness.query_by_label("No projects yet").is_some());
    add_tuition_centre(&mut w);
    assert_eq!(w.harness.state().model.progress().projects.len(), 1);
    assert!(w.progress_text().contains("name: \"Tuition centre\""), "saved at once");
    assert!(w.harness.query_by_label("Level 0: Localhost · readiness 0/100").is_some());

    w.scan();
    assert_eq!(w.harness.state().model.progress().projects[0].items.len(), 0, "a scan ticks nothing by itself");
    assert_eq!(w.harness.query_all_by_label("Reject").count(), 20, "a proposal per item the scan found");
    assert_eq!(w.harness.query_all_by_label("Accept as doing").count(), 2, "the parts are accepted one by one");
    assert!(w.harness.query_by_label("2 prove only a part of an item: accept each to mark it doing.").is_some());
    assert!(w.harness.query_by_label("compose.yaml:4   restart: unless-stopped   (and 1 more file)").is_some());
    // The first proposal is the one-command start.
    w.harness.query_all_by_label("Reject").next().unwrap().click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Accept all 17").click();
    w.harness.run();
    let project = w.harness.state().model.progress().projects[0].clone();
    assert_eq!(project.items.len(), 17, "every full proposal but the rejected one");
    assert_eq!(project.items["launch-one-project/daily-offsite-backup"].status, ProjectStatus::Done);
    assert_eq!(project.items["launch-one-project/daily-offsite-backup"].evidence, "scripts/backup-db.sh:3");
    assert!(!project.items.contains_key("launch-one-project/restore-proven"), "a part waits for the person");
    assert!(!project.items.contains_key("launch-one-project/one-command-start"), "the rejected proposal");
    // With the security no file shows done by hand, the rejected start is the Core item of Build let
    // pass and named; Run's open Core item is a second one, so the level waits at Ships.
    mark_what_no_file_shows(&mut w);
    let start = "The app starts with one command from a clean clone";
    assert!(w.harness.query_by_label_contains(&format!("Level 2: Ships, except: {start} · readiness")).is_some());

    let reports = tempfile::tempdir().unwrap();
    let story = save_story(&mut w, reports.path());
    assert!(story.to_string_lossy().ends_with(".pdf"), "{story:?}");
    assert!(std::fs::read(&story).unwrap().starts_with(b"%PDF"));
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

/// The articles' example in the window: the scan's proposals and one item chosen by hand take the
/// tuition centre from Localhost to Recoverable, and its story names every stage and its evidence.
#[test]
fn the_tuition_centre_reaches_recoverable_in_the_window() {
    let mut w = tuition_centre_scanned();
    assert!(w.harness.query_by_label_contains("Level 2: Ships ·").is_some(), "no file shows the drills");
    mark_what_no_file_shows(&mut w);
    let hardened = "Its server takes SSH keys only, with a firewall and automatic updates";
    assert!(w.harness.query_by_label_contains(&format!("Level 5: Recoverable, except: {hardened} ·")).is_some());
    let listed = "Tuition centre\nLevel 5 · Recoverable";
    assert!(w.harness.query_by_label(&format!("{listed}, except 1 item")).is_some(), "the list says one is let pass");

    mark_done(&mut w, hardened);
    assert!(w.harness.query_by_label(listed).is_some());
    let project = &w.harness.state().model.progress().projects[0];
    assert_eq!(project.items["launch-one-project/server-hardened"].status, ProjectStatus::Done);
    assert!(w.harness.query_by_label_contains("Level 5: Recoverable · readiness").is_some());

    let reports = tempfile::tempdir().unwrap();
    let story = save_story(&mut w, reports.path());
    let text = crate::common::pdf_file_text(&story);
    for needed in ["Recoverable", "Build:", "Test:", "Ship:", "Run:", "Observe:", "Recover:", "scripts/backup-db.sh"] {
        assert!(text.contains(needed), "{needed} missing from the story:\n{text}");
    }
}

/// A skill the project proves says so in the Checklists view, and is done only when the person accepts it,
/// with the project's file as its evidence.
#[test]
fn a_skill_proven_in_a_project_is_accepted_from_its_detail() {
    let mut w = tuition_centre_scanned();
    w.show("Checklists");
    w.search("Write a Dockerfile");
    w.select("Write a Dockerfile for your own app");
    assert!(w.harness.query_by_label("Proven in Tuition centre: Dockerfile:1").is_some());
    assert_eq!(w.status("devops-basics/dockerfile"), skillgap::progress::Status::Todo, "not ticked for them");

    w.harness.get_by_role_and_label(Role::Button, "Accept as done").click();
    w.harness.run();
    assert_eq!(w.status("devops-basics/dockerfile"), skillgap::progress::Status::Done);
    let skill = w.harness.state().model.progress().items["devops-basics/dockerfile"].clone();
    assert_eq!(skill.note, "Proven in Tuition centre: Dockerfile:1");
    assert!(w.progress_text().contains("Proven in Tuition centre: Dockerfile:1"), "saved at once");
    assert!(w.harness.query_by_label("Accept as done").is_none(), "a done skill needs no offer");
}

/// Replaces the text of the field labelled `label`.
pub(super) fn replace_text(w: &mut super::Window, label: &str, text: &str) {
    w.harness.get_by_role_and_label(Role::TextInput, label).focus();
    w.harness.run();
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    w.harness.run();
    w.harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    w.harness.run();
}

/// A project's name, link and folder are changed in the window, checked like a new project's: a bad
/// link is refused in the form and nothing changes until every field passes.
#[test]
fn a_project_s_details_are_edited_and_checked_in_the_window() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    type_into(&mut w, "Name", "Weather");
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Edit details…").click();
    w.harness.run();
    replace_text(&mut w, "Project name", "Tuition centre");
    replace_text(&mut w, "Repository link", "git@github.com:me/tc.git");
    w.harness.get_by_role_and_label(Role::Button, "Save changes").click();
    w.harness.run();
    assert!(w.harness.query_by_label_contains("git@github.com:me/tc.git").is_some(), "the refusal is shown");
    assert_eq!(w.harness.state().model.progress().projects[0].name, "Weather", "nothing changed");

    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    replace_text(&mut w, "Repository link", "https://github.com/me/tc");
    replace_text(&mut w, "Folder of its clone", &folder.display().to_string());
    w.harness.get_by_role_and_label(Role::Button, "Save changes").click();
    w.harness.run();
    let project = w.harness.state().model.progress().projects[0].clone();
    assert_eq!((project.id.as_str(), project.name.as_str()), ("weather", "Tuition centre"), "the id stays");
    assert_eq!(project.repository, "https://github.com/me/tc");
    assert_eq!(Path::new(&project.folder), folder.canonicalize().unwrap());
    assert!(w.harness.query_by_label("Save changes").is_none(), "the form closes");
    assert!(w.progress_text().contains("name: \"Tuition centre\""), "saved at once");
    assert!(
        w.harness
            .query_by_label("Scan folder")
            .is_some_and(|b| !egui_kittest::kittest::NodeT::accesskit_node(&b).is_disabled()),
        "now it can be scanned"
    );
}

/// Evidence typed in the window is kept like the command line keeps it: a path out of the project's
/// folder is refused with the reason, one inside is saved relative to it.
#[test]
fn evidence_out_of_the_folder_is_refused_in_the_window() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    add_tuition_centre(&mut w);
    let field = "Evidence for The app starts with one command from a clean clone";
    type_into(&mut w, field, "../../etc/passwd");
    w.harness.key_press(egui::Key::Tab);
    w.harness.run();
    assert!(w.harness.query_by_label_contains("is not a path inside the project's folder").is_some());
    assert!(w.harness.state().model.progress().projects[0].items.is_empty(), "nothing saved");

    let dockerfile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre/Dockerfile");
    replace_text(&mut w, field, &dockerfile.canonicalize().unwrap().display().to_string());
    w.harness.key_press(egui::Key::Tab);
    w.harness.run();
    let project = &w.harness.state().model.progress().projects[0];
    assert_eq!(project.items["launch-one-project/one-command-start"].evidence, "Dockerfile");
}

/// A folder the platform's dialog gives, as a stand-in for the person's choice.
fn answer_dialogs_with(w: &mut super::Window, path: &Path) {
    let path = path.to_path_buf();
    w.harness.state_mut().set_file_chooser(std::sync::Arc::new(move |_| Some(path.clone())));
}

/// A folder dropped on the window, as the platform hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("a folder".into())
    }
}

/// Window review M8: the local folder was a typed path only; now *Choose…* asks the platform's dialog
/// (naming the project after the folder when no name is typed), and a folder dropped on the window adds
/// a project at once.
#[test]
fn a_project_folder_is_chosen_in_a_dialog_or_dropped_on_the_window() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    answer_dialogs_with(&mut w, &folder);
    w.harness.get_by_role_and_label(Role::Button, "Choose…").click();
    w.harness.step();
    w.run_while(|app| app.is_choosing_file(), "the dialog did not answer");
    let typed = |w: &super::Window, label: &str| {
        w.harness.get_by_role_and_label(Role::TextInput, label).value().unwrap_or_default()
    };
    assert_eq!(typed(&w, "Local folder"), folder.display().to_string());
    assert_eq!(typed(&w, "Name"), "tuition-centre", "named after its folder until the person names it");

    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Checklists));
    w.harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(folder.clone())));
    w.harness.run();
    let projects = &w.harness.state().model.progress().projects;
    assert_eq!(projects.len(), 1);
    assert_eq!((projects[0].name.as_str(), projects[0].folder.as_str()), ("tuition-centre", folder.to_str().unwrap()));
    assert_eq!(w.harness.state().view(), View::Projects, "the new project is shown");
}

/// Window review M8: a project's items had no note and no "why", though the README promised both.
#[test]
fn a_project_item_says_why_it_matters_and_keeps_a_note() {
    let mut w = tuition_centre_scanned();
    let note = "Note for Its server takes SSH keys only, with a firewall and automatic updates";
    w.harness.get_by_role_and_label(Role::TextInput, note).scroll_to_me();
    w.harness.run();
    type_into(&mut w, note, "fail2ban too");
    w.harness.key_press(egui::Key::Escape);
    w.harness.run();
    let project = &w.harness.state().model.progress().projects[0];
    assert_eq!(project.items["launch-one-project/server-hardened"].note, "fail2ban too");
    assert_eq!(project.items["launch-one-project/server-hardened"].status, ProjectStatus::Todo, "a note only");
    assert!(w.harness.query_all_by_label("Why it matters, and what proves it").count() >= 17);
    assert!(w.harness.query_by_label("Done when").is_none(), "folded at first");
    w.harness.query_all_by_label("Why it matters, and what proves it").next().unwrap().scroll_to_me();
    w.harness.run();
    w.harness.query_all_by_label("Why it matters, and what proves it").next().unwrap().click();
    w.harness.run();
    assert!(w.harness.query_by_label("Done when").is_some(), "unfolded: why it matters and what proves it");
}

/// Window review M2: "Not applicable" on a Core item counted at once, with no reason, and lifted the
/// project a level. Now it counts once the reason is written, as on the command line.
#[test]
fn a_core_item_counts_as_not_applicable_only_once_its_reason_is_written() {
    let mut w = tuition_centre_scanned();
    let title = "Its server takes SSH keys only, with a firewall and automatic updates";
    let combo = format!("Status of {title}");
    w.harness.get_by_role_and_label(Role::ComboBox, &combo).scroll_to_me();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::ComboBox, &combo).click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Not applicable").click();
    w.harness.run();
    let item = "launch-one-project/server-hardened";
    let project = |w: &super::Window| w.harness.state().model.progress().projects[0].clone();
    assert!(!project(&w).items.contains_key(item), "nothing counts yet");
    let mark = w.harness.get_by_role_and_label(Role::Button, "Mark not applicable");
    assert!(egui_kittest::kittest::NodeT::accesskit_node(&mark).is_disabled(), "not without a reason");
    type_into(&mut w, &format!("Why {title} does not apply"), "a managed platform hardens it");
    w.harness.get_by_role_and_label(Role::Button, "Mark not applicable").click();
    w.harness.run();
    let entry = project(&w).items[item].clone();
    assert_eq!((entry.status, entry.note.as_str()), (ProjectStatus::NotApplicable, "a managed platform hardens it"));
}

/// Window review M3: the project checklist sat among the person's own lists at 0/29 while their project
/// had 11 of its items done. It is ticked per project: not in the side panel's lists, not in All items,
/// not in Everything; the side panel says where it is, and what it proves still credits the person.
#[test]
fn the_project_checklist_is_ticked_per_project_not_among_the_persons_lists() {
    let mut w = tuition_centre_scanned();
    w.show("Checklists");
    assert!(w.harness.query_by_role_and_label(Role::Button, "Launch one project").is_none(), "not a list of one's own");
    assert!(w.harness.query_by_label("Launch one project: ticked for each of your apps, in Projects").is_some());
    let field = w.harness.get_by_role_and_label(Role::TextInput, "Search");
    field.focus();
    field.type_text("Dockerfile, and a Compose file");
    w.harness.run();
    assert!(
        w.harness
            .query_by_role_and_label(Role::CheckBox, "It has a Dockerfile, and a Compose file for it and its database")
            .is_none()
    );
    // What it proves still credits the person: their Dockerfile skill says where it is proven.
    w.harness.key_press(egui::Key::Escape);
    w.harness.run();
    let field = w.harness.get_by_role_and_label(Role::TextInput, "Search");
    field.focus();
    field.type_text("Write a Dockerfile");
    w.harness.run();
    w.harness.key_press(egui::Key::Enter);
    w.harness.run();
    assert!(w.harness.query_by_label_contains("Proven in Tuition centre: Dockerfile:1").is_some());
}

/// Each scan in the window records where the project stood; the view says how its readiness moved, and
/// a second scan after accepting records the new standing.
#[test]
fn a_scan_in_the_window_records_the_projects_readiness_over_time() {
    let mut w = tuition_centre_scanned();
    let readings = |w: &super::Window| w.harness.state().model.progress().projects[0].readings.clone();
    assert_eq!(readings(&w).len(), 1, "the first scan, before anything was accepted");
    assert_eq!(readings(&w)[0].readiness, 0);
    let now = w.harness.state().model.progress().projects[0].clone();
    assert!(w.harness.query_by_label_contains("Over time: scans: readiness 0, Level 0; since").is_some());
    assert!(w.harness.query_by_label_contains("; marked since: readiness").is_some(), "{:?}", now.readings);
    w.scan();
    let after = readings(&w);
    assert_eq!(after.len(), 2, "the scan after Accept all: {after:?}");
    assert!(after[1].readiness > 0 && after[1].done == 18, "{after:?}");
    let label = format!("Over time: scans: readiness 0 -> {}, Level 0 -> {}", after[1].readiness, after[1].level);
    assert!(w.harness.query_by_label_contains(&label).is_some(), "{label}");
}

/// A folder with a teammate's `.skillgap/project.ron` brings the project with its items when it is added
/// in the window, as `project add --folder` does on the command line.
#[test]
fn adding_a_folder_with_a_project_file_brings_its_items() {
    let clone = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(clone.path().join(".skillgap")).unwrap();
    let file = "(version: 1, name: \"Tuition centre\", checklist: \"launch-one-project\", items: {\n  \
        \"containerised\": (status: done, evidence: \"Dockerfile:1\"),\n  \
        \"launch-review\": (status: not_applicable, note: \"An internal tool\"),\n})\n";
    std::fs::write(clone.path().join(".skillgap/project.ron"), file).unwrap();
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    type_into(&mut w, "Name", "TC");
    type_into(&mut w, "Local folder", &clone.path().display().to_string());
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    let project = w.harness.state().model.progress().projects[0].clone();
    assert_eq!(project.name, "TC", "the name typed wins");
    assert_eq!(project.items["launch-one-project/containerised"].evidence, "Dockerfile:1");
    assert_eq!(project.items["launch-one-project/launch-review"].status, ProjectStatus::NotApplicable);
}

/// *Export to its repository* writes the project's `.skillgap/project.ron` into its folder, as
/// `skillgap project export` does, and says where.
#[test]
fn export_in_the_window_writes_the_project_file_into_its_folder() {
    let clone = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    crate::project_check::copy_tree(&fixture, clone.path());
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Projects));
    type_into(&mut w, "Name", "Tuition centre");
    type_into(&mut w, "Local folder", &clone.path().display().to_string());
    w.harness.get_by_role_and_label(Role::Button, "Add project").click();
    w.harness.run();
    w.scan();
    w.harness.get_by_role_and_label(Role::Button, "Accept all 18").click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Export to its repository").click();
    w.harness.run();
    let written = std::fs::read_to_string(clone.path().join(".skillgap/project.ron")).unwrap();
    assert!(written.contains("name: \"Tuition centre\"") && written.contains("\"containerised\": ("), "{written}");
    assert_eq!(written.matches("status: done").count(), 18);
    assert!(w.harness.query_by_label_contains("(18 items); commit it").is_some());
}
