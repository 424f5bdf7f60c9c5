//! The command line's files, run as a real process on a temporary data folder: `check` on checklist
//! files, damaged and newer progress files refused, backups and restore, files read afresh each run.

use crate::common;

use common::{Sandbox, bad_fixture, fixture_dir, stderr, stdout};

#[test]
fn check_reports_syntax_and_rule_errors_with_positions() {
    let sandbox = Sandbox::new();
    let output =
        sandbox.cmd().arg("check").arg(bad_fixture("syntax.ron")).arg(bad_fixture("rules.ron")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("syntax.ron:6:"), "syntax error with line: {err}");
    assert!(err.contains("Deploy"), "names the unknown stage: {err}");
    assert!(err.contains("rules.ron:2:9: checklist id \"Rules\" is not a lowercase slug"), "{err}");
    assert!(err.contains("has an empty title"), "{err}");
    assert!(err.contains("not an http(s) URL: \"javascript:alert(1)\""), "{err}");
    assert!(err.contains("rules.ron:7:") && err.contains("duplicate item id \"a\""), "points at the second use: {err}");
}

#[test]
fn check_passes_on_good_files_and_on_all_loaded_checklists() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().arg("check").arg(fixture_dir().join("fixture.ron")).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("ok (2 sections, 12 items)"));
    let output = sandbox.cmd().arg("check").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("No problems found."));
}

#[test]
fn a_bad_user_checklist_is_reported_and_skipped_and_the_rest_load() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config_dir().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(bad_fixture("syntax.ron"), dir.join("syntax.ron")).unwrap();
    std::fs::copy(fixture_dir().join("fixture.ron"), dir.join("fixture.ron")).unwrap();
    let output = sandbox.bare_cmd().args(["list", "--checklist", "fixture"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning: file skipped:"), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 12);
    let output = sandbox.bare_cmd().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1), "check over all loaded files fails on the bad one");
}

#[test]
fn a_damaged_progress_file_fails_clearly_and_is_never_overwritten() {
    let sandbox = Sandbox::new();
    let damaged = b"(\n  version: 1,\n  items: {\"fixture/build-one\": (status: maybe, changed: \"x\")},\n)";
    sandbox.write_progress(damaged);
    for args in [&["summary"][..], &["mark", "build-one", "done"], &["gaps"], &["list"]] {
        let output = sandbox.cmd().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains(&format!("{}:3:", sandbox.progress_file().display())), "{err}");
        assert!(err.contains("skillgap restore"), "says what to do: {err}");
        assert_eq!(std::fs::read(sandbox.progress_file()).unwrap(), damaged, "{args:?} changed the file");
    }
}

#[test]
fn a_newer_progress_file_is_refused() {
    let sandbox = Sandbox::new();
    sandbox.write_progress(b"(version: 99, items: {}, history: [], new_thing: 1)");
    let output = sandbox.cmd().args(["mark", "build-one", "done"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("has version 99"), "{}", stderr(&output));
    assert!(stderr(&output).contains("update skillgap"));
}

#[test]
fn backups_and_restore_round_trip() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().arg("backups").output().unwrap();
    assert!(stdout(&output).contains("No backups yet"));
    sandbox.cmd().args(["mark", "build-one", "done"]).assert().success();
    sandbox.cmd().args(["mark", "test-one", "done"]).assert().success();
    let listing = stdout(&sandbox.cmd().arg("backups").output().unwrap());
    // The day's copy, taken at the day's first change.
    let machine = std::fs::read_to_string(sandbox.config_dir().join("machine-id")).unwrap();
    let daily = sandbox.data_dir().join("backups").join(format!(
        "progress-{}-{}.ron",
        chrono::Utc::now().format("%Y-%m-%d"),
        machine.trim()
    ));
    assert!(listing.contains(&daily.display().to_string()), "{listing}");
    let output = sandbox.cmd().arg("restore").arg(&daily).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let list = stdout(&sandbox.cmd().args(["list", "--status", "done"]).output().unwrap());
    assert!(list.contains("fixture/build-one") && !list.contains("fixture/test-one"), "{list}");
    let kept = std::fs::read_dir(sandbox.data_dir().join("backups")).unwrap().count();
    assert!(kept >= 2, "the replaced progress is kept as a backup too");
    sandbox.cmd().args(["mark", "ship-one", "done"]).assert().success();
    let list = stdout(&sandbox.cmd().args(["list", "--status", "done"]).output().unwrap());
    assert!(list.contains("fixture/ship-one") && !list.contains("fixture/test-one"), "changes go on after: {list}");
}

#[test]
fn restore_of_a_damaged_backup_is_refused_and_changes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "build-one", "done"]).assert().success();
    let before = std::fs::read(sandbox.journal_file()).unwrap();
    let junk = sandbox.root.path().join("junk.ron");
    std::fs::write(&junk, "not ron at all").unwrap();
    let output = sandbox.cmd().arg("restore").arg(&junk).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(sandbox.journal_file()).unwrap(), before);
}

#[test]
fn progress_under_an_alias_shows_on_the_renamed_item() {
    let sandbox = Sandbox::new();
    sandbox.write_progress(
        br#"(version: 1, items: {"fixture/recover-old": (status: done, changed: "2026-01-02T03:04:05Z")}, history: [])"#,
    );
    let text = stdout(&sandbox.cmd().args(["list", "--status", "done"]).output().unwrap());
    assert!(text.contains("fixture/recover-two"), "{text}");
    // The old id resolves too.
    sandbox.cmd().args(["mark", "fixture/recover-old", "learning"]).assert().success();
    let text = stdout(&sandbox.cmd().args(["list", "--status", "learning"]).output().unwrap());
    assert!(text.contains("fixture/recover-two"), "{text}");
}

#[test]
fn an_edited_checklist_or_progress_file_is_always_read_afresh() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config_dir().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(common::fixture_dir().join("fixture.ron")).unwrap();
    let file = dir.join("mine.ron");
    std::fs::write(&file, original.replace("\"fixture\"", "\"mine\"")).unwrap();
    sandbox.bare_cmd().args(["mark", "mine/build-one", "done"]).assert().success();
    let list = || stdout(&sandbox.bare_cmd().args(["list", "--checklist", "mine"]).output().unwrap());
    assert!(list().contains("[x] mine/build-one"));
    // Same length, new title, written within the same second.
    std::fs::write(&file, original.replace("\"fixture\"", "\"mine\"").replace("Build one", "Build 1st")).unwrap();
    assert!(list().contains("Build 1st"), "{}", list());
    let summary = stdout(&sandbox.bare_cmd().args(["summary", "--checklist", "mine"]).output().unwrap());
    assert!(summary.contains("Build 1st"), "{summary}");
    // The journal edited by hand (done -> todo).
    let journal = std::fs::read_to_string(sandbox.journal_file()).unwrap();
    std::fs::write(sandbox.journal_file(), journal.replace("status:Some(done)", "status:Some(todo)")).unwrap();
    assert!(list().contains("[ ] mine/build-one"), "{}", list());
}
