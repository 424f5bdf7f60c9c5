//! A project's `.skillgap/project.ron` comes from a repository, which may be a stranger's (a hostile
//! review of issue 30's first cut): export never writes through a link or into a FIFO, reading never
//! follows one, and what the file holds follows the rules typed text follows. Each case here failed on
//! that first cut.

use std::path::{Path, PathBuf};

use crate::common::{Sandbox, stderr, stdout};
use crate::project_check::copy_tree;

fn project(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    sandbox.bare_cmd().arg("project").args(args).output().unwrap()
}

/// A clone of the tuition-centre fixture, added as the project "tc".
fn added_clone(sandbox: &Sandbox) -> PathBuf {
    let clone = sandbox.root.path().join("tc");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre"), &clone);
    assert!(project(sandbox, &["add", "TC", "--folder", clone.to_str().unwrap()]).status.success());
    clone
}

fn write_file(clone: &Path, items: &str) {
    std::fs::create_dir_all(clone.join(".skillgap")).unwrap();
    let text = format!("(version: 1, name: \"TC\", checklist: \"launch-one-project\", items: {{\n{items}}})\n");
    std::fs::write(clone.join(".skillgap/project.ron"), text).unwrap();
}

fn check(sandbox: &Sandbox, clone: &Path) -> std::process::Output {
    project(sandbox, &["check", clone.to_str().unwrap()])
}

#[test]
fn export_never_writes_through_a_link_or_into_a_fifo_of_the_repository() {
    let sandbox = Sandbox::new();
    let clone = added_clone(&sandbox);
    let victim = sandbox.root.path().join("victim");
    std::fs::write(&victim, "IMPORTANT").unwrap();
    std::fs::create_dir_all(clone.join(".skillgap")).unwrap();
    std::os::unix::fs::symlink(&victim, clone.join(".skillgap/project.ron")).unwrap();
    let out = project(&sandbox, &["export", "tc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a symbolic link, and skillgap never writes into a repository"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "IMPORTANT");

    std::fs::remove_file(clone.join(".skillgap/project.ron")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(clone.join(".skillgap/project.ron")).status().unwrap().success());
    let fifo = project(&sandbox, &["export", "tc"]);
    assert_eq!(fifo.status.code(), Some(1), "refused, not waited on");
    assert!(stderr(&fifo).contains("is not a file"), "{}", stderr(&fifo));

    // A `.skillgap` folder that is a link is neither written into nor read.
    std::fs::remove_dir_all(clone.join(".skillgap")).unwrap();
    let elsewhere = sandbox.root.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("project.ron"), "(version: 1, name: \"Outside\", checklist: \"launch-one-project\")")
        .unwrap();
    std::os::unix::fs::symlink(&elsewhere, clone.join(".skillgap")).unwrap();
    assert_eq!(project(&sandbox, &["export", "tc"]).status.code(), Some(1));
    let read = check(&sandbox, &clone);
    assert_eq!(read.status.code(), Some(2));
    assert!(stderr(&read).contains("its folder .skillgap is a symbolic link"), "{}", stderr(&read));
    assert!(!stdout(&read).contains("Outside"));
}

#[test]
fn what_the_file_holds_follows_the_rules_typed_text_follows() {
    let sandbox = Sandbox::new();
    let clone = added_clone(&sandbox);
    let refused = [
        ("  \"accounts-two-factor\": (status: done, evidence: \" /etc/passwd\"),\n", "not a path inside"),
        ("  \"launch-review\": (status: not_applicable),\n", "does not say why"),
        ("  \"containerised\": (status: done),\n  \"containerised\": (status: todo),\n", "is written twice"),
        (
            "  \"launch-one-project/containerised\": (status: done),\n  \"containerised\": (status: todo),\n",
            "are one item (launch-one-project/containerised)",
        ),
    ];
    for (items, expected) in refused {
        write_file(&clone, items);
        let out = check(&sandbox, &clone);
        assert_eq!(out.status.code(), Some(2), "{items}");
        assert!(stderr(&out).contains(expected), "{items}: {}", stderr(&out));
    }
    // A note written over lines with CR LF, as `project mark --note` takes it, exports and checks.
    let note = ["mark", "tc", "expiry-list", "done", "--note", "line one\r\nline two"];
    assert!(project(&sandbox, &note).status.success());
    assert!(project(&sandbox, &["export", "tc"]).status.success());
    assert_eq!(check(&sandbox, &clone).status.code(), Some(0), "{}", stderr(&check(&sandbox, &clone)));
}

#[test]
fn evidence_that_names_nothing_or_a_link_is_gone() {
    let sandbox = Sandbox::new();
    let clone = added_clone(&sandbox);
    std::os::unix::fs::symlink("nowhere", clone.join("dangling")).unwrap();
    write_file(
        &clone,
        "  \"restore-proven\": (status: done, evidence: \".\"),\n  \"rollback-practised\": (status: done, evidence: \"dangling:3\"),\n",
    );
    let out = project(&sandbox, &["check", clone.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gone: Vec<&str> =
        json["evidence_gone"].as_array().unwrap().iter().map(|g| g["evidence"].as_str().unwrap()).collect();
    assert_eq!(gone, [".", "dangling:3"]);
}

#[test]
fn many_unknown_items_are_warned_of_briefly_on_stderr() {
    let sandbox = Sandbox::new();
    let clone = added_clone(&sandbox);
    let items: String = (0..15).map(|n| format!("  \"no-such-item-{n}\": (status: done),\n")).collect();
    write_file(&clone, &items);
    let out = check(&sandbox, &clone);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert_eq!(err.matches("which launch-one-project has no item for").count(), 10, "{err}");
    assert!(err.contains("and 5 more such names"), "{err}");
    assert!(!stdout(&out).contains("no-such-item"), "warnings are not the report");
}

#[test]
fn readings_of_scans_and_checks_in_turn_add_nothing_new_and_go_to_the_matching_project() {
    let sandbox = Sandbox::new();
    let clone = added_clone(&sandbox);
    let folder = clone.to_str().unwrap();
    assert!(project(&sandbox, &["add", "Basics", "--folder", folder, "--checklist", "devops-basics"]).status.success());
    for _ in 0..3 {
        assert!(project(&sandbox, &["scan", "tc"]).status.success());
        assert!(check(&sandbox, &clone).status.success());
    }
    let readings = |id: &str| -> Vec<String> {
        let show = project(&sandbox, &["show", id, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
        json["readings"].as_array().unwrap().iter().map(|r| r["by"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(readings("tc"), ["scan", "check"], "one of each: nothing changed after");
    assert!(readings("basics").is_empty(), "a check of launch-one-project says nothing of a devops-basics project");
}

#[test]
fn names_that_show_as_blank_or_as_another_are_refused() {
    let sandbox = Sandbox::new();
    assert!(project(&sandbox, &["add", "Café"]).status.success());
    for (name, expected) in [
        ("\u{3164}", "shows as a blank"),
        ("Cafe\u{301}\u{200d}", "there is already a project named"),
        ("Line\u{2028}break", "control character \\u{2028}"),
        ("\u{200d}\u{fe0f}", "shows nothing"),
    ] {
        let out = project(&sandbox, &["add", name]);
        assert_eq!(out.status.code(), Some(1), "{name:?}");
        assert!(stderr(&out).contains(expected), "{name:?}: {}", stderr(&out));
    }
    assert!(project(&sandbox, &["add", "👩\u{200d}💻 notes"]).status.success(), "emoji with a joiner are fine");
}

#[test]
fn a_name_with_an_escape_from_a_hand_edit_is_shown_escaped_and_not_exported() {
    let sandbox = Sandbox::new();
    let clone = added_clone(&sandbox);
    let text = std::fs::read_to_string(sandbox.journal_file()).unwrap();
    let edited = text.replace("name:\"TC\"", "name:\"TC\\u{1b}[31m\"");
    assert_ne!(edited, text);
    std::fs::write(sandbox.journal_file(), edited).unwrap();
    let mark = project(&sandbox, &["mark", "tc", "launch-review", "doing"]);
    assert!(mark.status.success(), "{}", stderr(&mark));
    assert!(!stdout(&mark).contains('\u{1b}') && stdout(&mark).contains("\\u{1b}"), "{}", stdout(&mark));
    let accept = project(&sandbox, &["accept", "tc", "--all"]);
    assert!(!stdout(&accept).contains('\u{1b}'), "{}", stdout(&accept));
    let export = project(&sandbox, &["export", "tc"]);
    assert_eq!(export.status.code(), Some(1));
    assert!(
        stderr(&export).contains("cannot be exported: the name contains the control character"),
        "{}",
        stderr(&export)
    );
    assert!(!clone.join(".skillgap").exists());
}

#[test]
fn export_to_another_file_makes_no_folders() {
    let sandbox = Sandbox::new();
    added_clone(&sandbox);
    let target = sandbox.root.path().join("no-such-folder/deeper/tc.ron");
    let out = project(&sandbox, &["export", "tc", "--output", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!sandbox.root.path().join("no-such-folder").exists());
}
