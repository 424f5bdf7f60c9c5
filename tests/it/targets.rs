//! Targets on the command line: `targets` compares them, `target` shows and remembers one, `--target`
//! overrides it once, and a person's own target files are checked like checklists.

use crate::common;

use common::{Sandbox, fixture_dir, stderr, stdout};

fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn targets_compares_every_target_in_text_and_json() {
    let sandbox = Sandbox::new();
    sandbox.bare_cmd().args(["mark", "linux-shell", "unit-tests", "done"]).assert().success();
    let value = json(&sandbox.bare_cmd().args(["targets", "--format", "json"]).output().unwrap());
    assert_eq!(value["active"], "developer-who-ships");
    let targets = value["targets"].as_array().unwrap();
    let ids: Vec<&str> = targets.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["developer-who-ships", "junior-devops-engineer", "everything"]);
    for target in targets {
        assert!(target["title"].is_string() && target["level"].is_u64() && target["level_name"].is_string());
        let readiness = target["readiness"].as_f64().unwrap();
        assert!(readiness > 0.0 && readiness < 100.0, "two ticks count for every target: {readiness}");
        assert!(target["next"]["id"].is_string(), "what it needs next");
    }
    let text = stdout(&sandbox.bare_cmd().arg("targets").output().unwrap());
    assert!(text.lines().any(|l| l.starts_with("* Developer who ships")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("  Junior DevOps engineer")), "{text}");
    assert!(text.contains("Choose another with `skillgap target ID`"), "{text}");
}

#[test]
fn target_shows_and_remembers_and_the_flag_overrides_once() {
    let sandbox = Sandbox::new();
    let shown = stdout(&sandbox.bare_cmd().arg("target").output().unwrap());
    assert!(shown.starts_with("The active target is Developer who ships (developer-who-ships)"), "{shown}");
    assert!(!sandbox.data_dir().join("settings.ron").exists(), "showing writes nothing");

    let set = sandbox.bare_cmd().args(["target", "junior-devops-engineer"]).output().unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(stdout(&set).starts_with("The active target is now Junior DevOps engineer"), "{}", stdout(&set));
    let summary = json(&sandbox.bare_cmd().args(["summary", "--format", "json"]).output().unwrap());
    assert_eq!(summary["target"]["id"], "junior-devops-engineer", "remembered");

    let once =
        json(&sandbox.bare_cmd().args(["--target", "everything", "summary", "--format", "json"]).output().unwrap());
    assert_eq!(once["target"]["id"], "everything");
    let gaps = stdout(&sandbox.bare_cmd().arg("gaps").output().unwrap());
    assert!(
        gaps.starts_with("Readiness for Junior DevOps engineer:"),
        "the flag did not change the remembered one: {gaps}"
    );

    let unknown = sandbox.bare_cmd().args(["target", "sre"]).output().unwrap();
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains(
            "there is no target \"sre\"; the targets are developer-who-ships, junior-devops-engineer, everything"
        ),
        "{}",
        stderr(&unknown)
    );
    let unknown_flag = sandbox.bare_cmd().args(["--target", "sre", "list"]).output().unwrap();
    assert!(!unknown_flag.status.success(), "an unknown --target is an error, not a silent default");
    // The window too: it says so before it opens (no display is needed to see the error).
    let unknown_window = sandbox.bare_cmd().args(["--target", "sre"]).env_remove("DISPLAY").output().unwrap();
    assert!(!unknown_window.status.success());
    assert!(stderr(&unknown_window).contains("there is no target \"sre\""), "{}", stderr(&unknown_window));
    let settings = std::fs::read_to_string(sandbox.data_dir().join("settings.ron")).unwrap();
    assert!(settings.contains("junior-devops-engineer"), "{settings}");
}

#[test]
fn a_first_summary_says_which_target_it_used_and_how_to_choose() {
    let sandbox = Sandbox::new();
    let output = sandbox.bare_cmd().arg("summary").output().unwrap();
    assert!(output.status.success());
    assert!(stdout(&output).contains("Readiness for Developer who ships: 0/100"), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("Scored for the target \"Developer who ships\", the default."),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("`skillgap targets`"));
    sandbox.bare_cmd().args(["mark", "linux-shell", "done"]).assert().success();
    let later = sandbox.bare_cmd().arg("summary").output().unwrap();
    assert!(!stderr(&later).contains("Scored for"), "said once there is progress: {}", stderr(&later));
}

#[test]
fn list_marks_and_filters_items_outside_the_target() {
    let sandbox = Sandbox::new();
    let with_fixture = || {
        let mut cmd = sandbox.bare_cmd();
        cmd.arg("--checklists").arg(fixture_dir()).args(["--target", "developer-who-ships", "list"]);
        cmd
    };
    let all = stdout(&with_fixture().output().unwrap());
    assert!(
        all.lines().any(|l| l.contains("fixture/build-one") && l.ends_with("(not in Developer who ships)")),
        "{all}"
    );
    let only = stdout(&with_fixture().arg("--in-target").output().unwrap());
    assert!(!only.contains("fixture/") && !only.contains("not in"), "{only}");
    let rows = json(&sandbox.cmd().args(["list", "--format", "json", "--checklist", "fixture"]).output().unwrap());
    assert!(rows.as_array().unwrap().iter().all(|row| row["in_target"] == true), "the fixture target has them all");
}

#[test]
fn a_target_file_beside_the_checklists_is_checked_with_places_and_a_bad_one_is_skipped() {
    let sandbox = Sandbox::new();
    let lists = sandbox.root.path().join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    std::fs::copy(fixture_dir().join("fixture.ron"), lists.join("fixture.ron")).unwrap();
    let good = "// mine\nTarget(\n    id: \"mine\",\n    title: \"My goal\",\n    include: [Section(\"fixture/first\"), Item(\"devops-basics/linux-shell\")],\n)\n";
    std::fs::write(lists.join("mine.ron"), good).unwrap();
    let bad = "Target(\n    id: \"broken\",\n    title: \"Broken\",\n    include: [Checklist(\"fixture\"), Checklist(\"nope\")],\n)\n";
    std::fs::write(lists.join("broken.ron"), bad).unwrap();

    let output = sandbox.bare_cmd().arg("--checklists").arg(&lists).arg("targets").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let broken = lists.join("broken.ron");
    let expected = format!("{}:4:47: no loaded checklist has the id \"nope\"", broken.display());
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    assert!(stdout(&output).contains("My goal"), "the good one loads: {}", stdout(&output));
    assert!(!stdout(&output).contains("Broken"), "the bad one is skipped");

    let mine = json(
        &sandbox
            .bare_cmd()
            .arg("--checklists")
            .arg(&lists)
            .args(["--target", "mine", "summary", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(mine["total"], 7, "six items of the section and one named item");

    let check = sandbox
        .bare_cmd()
        .arg("--checklists")
        .arg(&lists)
        .arg("check")
        .arg(lists.join("mine.ron"))
        .arg(&broken)
        .output()
        .unwrap();
    assert!(!check.status.success());
    assert!(stdout(&check).contains("mine.ron: ok (target, 7 items)"), "{}", stdout(&check));
    assert!(stderr(&check).contains(&expected), "{}", stderr(&check));
}

#[test]
fn a_damaged_settings_file_is_warned_about_and_never_overwritten() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let settings = sandbox.data_dir().join("settings.ron");
    std::fs::write(&settings, "Settings(target: Some(\"everything\"), colour: 3)").unwrap();
    let summary = sandbox.bare_cmd().arg("summary").output().unwrap();
    assert!(summary.status.success());
    assert_eq!(stderr(&summary).matches("settings file").count(), 1, "said once: {}", stderr(&summary));
    assert!(stdout(&summary).contains("Readiness for Developer who ships"), "the default meanwhile");
    let set = sandbox.bare_cmd().args(["target", "everything"]).output().unwrap();
    assert!(!set.status.success());
    assert!(stderr(&set).contains("It was left untouched"), "{}", stderr(&set));
    assert_eq!(std::fs::read_to_string(&settings).unwrap(), "Settings(target: Some(\"everything\"), colour: 3)");
}

/// Hostile-input review N18: a `settings.ron` that is a link to a settings file elsewhere (a synced folder)
/// was replaced by a regular file on `skillgap target X`. It stays a link, and the file it names is changed,
/// as `progress.ron` is.
#[cfg(unix)]
#[test]
fn a_linked_settings_file_stays_a_link_and_its_target_is_changed() {
    let sandbox = Sandbox::new();
    let synced = sandbox.root.path().join("Sync");
    std::fs::create_dir_all(&synced).unwrap();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    std::fs::write(synced.join("settings.ron"), "(target: Some(\"everything\"))").unwrap();
    let link = sandbox.data_dir().join("settings.ron");
    std::os::unix::fs::symlink(synced.join("settings.ron"), &link).unwrap();

    let set = sandbox.bare_cmd().args(["target", "junior-devops-engineer"]).output().unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink(), "still a link");
    let target = std::fs::read_to_string(synced.join("settings.ron")).unwrap();
    assert!(target.contains("junior-devops-engineer"), "{target}");
    let strays: Vec<_> = std::fs::read_dir(&synced).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(strays, [std::ffi::OsString::from("settings.ron")], "nothing else is left in the synced folder");
}

/// Hostile-input review N19: a hand-written `settings.ron` in the obvious form `(target: "everything")` was
/// refused with "1:9 Expected option". It reads, as does `Some("…")`; a form still refused shows the
/// right one, and is left untouched.
#[test]
fn a_hand_written_settings_file_reads_with_or_without_some_and_a_wrong_one_shows_the_right_form() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let settings = sandbox.data_dir().join("settings.ron");
    for text in ["(target: \"everything\")", "(target: Some(\"everything\"))", "Settings(target: \"everything\")\n"] {
        std::fs::write(&settings, text).unwrap();
        let shown = sandbox.bare_cmd().arg("target").output().unwrap();
        assert!(shown.status.success(), "{text}: {}", stderr(&shown));
        assert!(
            stdout(&shown).starts_with("The active target is Everything (everything)"),
            "{text}: {}",
            stdout(&shown)
        );
    }
    let set = sandbox.bare_cmd().args(["target", "junior-devops-engineer"]).output().unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(std::fs::read_to_string(&settings).unwrap().contains("junior-devops-engineer"));

    std::fs::write(&settings, "(target: everything)").unwrap();
    let set = sandbox.bare_cmd().args(["target", "junior-devops-engineer"]).output().unwrap();
    assert!(!set.status.success());
    assert!(
        stderr(&set).contains("settings.ron:1:9") && stderr(&set).contains("It was left untouched"),
        "{}",
        stderr(&set)
    );
    let form = "(target: \"developer-who-ships\", reviews: (enabled: true, retention: 0.9, daily_limit: 5))";
    assert!(stderr(&set).contains(form), "shows the right form: {}", stderr(&set));
    assert_eq!(std::fs::read_to_string(&settings).unwrap(), "(target: everything)");
}
