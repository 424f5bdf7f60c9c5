//! Readiness in the repository (issue 30): `project export` writes `.skillgap/project.ron` into the
//! project's folder, `project check` reads it with a scan and no data folder (as CI runs it), and
//! `project add --folder` brings the project onto a teammate's machine.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common::{Sandbox, stderr, stdout};

const PROJECT_FILE: &str = ".skillgap/project.ron";

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A clone of the tuition-centre fixture in the sandbox, named `tc`.
fn clone_tuition_centre(sandbox: &Sandbox) -> PathBuf {
    let clone = sandbox.root.path().join("tc");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre"), &clone);
    clone
}

fn project(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    sandbox.bare_cmd().arg("project").args(args).output().unwrap()
}

/// The tuition centre scanned, its full proofs accepted, two facts no file shows marked, and exported.
fn exported_tuition_centre(sandbox: &Sandbox) -> PathBuf {
    let clone = clone_tuition_centre(sandbox);
    let folder = clone.to_str().unwrap();
    let steps: [&[&str]; 5] = [
        &["add", "Tuition centre", "--folder", folder, "--repo", "https://github.com/example/tc"],
        &["scan", "tuition", "--accept-all"],
        &["mark", "tuition", "accounts-two-factor", "done", "--evidence", "https://github.com/orgs/example"],
        &["mark", "tuition", "launch-review", "n/a", "--note", "An internal tool for one school"],
        &["export", "tuition"],
    ];
    for step in steps {
        let out = project(sandbox, step);
        assert!(out.status.success(), "{step:?}: {}", stderr(&out));
    }
    clone
}

/// `skillgap project check` as CI runs it: no data folder, no checklists of one's own.
fn check(sandbox: &Sandbox, folder: &Path, args: &[&str]) -> std::process::Output {
    let nowhere = sandbox.root.path().join("ci-runner-has-no-data-folder");
    Command::new(assert_cmd::cargo::cargo_bin!("skillgap"))
        .env("SKILLGAP_DATA_DIR", &nowhere)
        .env("SKILLGAP_CONFIG_DIR", &nowhere)
        .args(["project", "check"])
        .arg(folder)
        .args(args)
        .output()
        .unwrap()
}

fn check_json(sandbox: &Sandbox, folder: &Path) -> serde_json::Value {
    let out = check(sandbox, folder, &["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_exported_project_is_checked_with_no_data_folder_and_gates_on_its_level() {
    let sandbox = Sandbox::new();
    let clone = exported_tuition_centre(&sandbox);
    let file = std::fs::read_to_string(clone.join(PROJECT_FILE)).unwrap();
    for expected in ["name: \"Tuition centre\"", "\"containerised\": (", "evidence: \"Dockerfile:1\"", "not_applicable"]
    {
        assert!(file.contains(expected), "{expected}: {file}");
    }
    assert!(!file.contains(clone.to_str().unwrap()), "paths are relative to the folder: {file}");

    let passed = check(&sandbox, &clone, &["--min-level", "3"]);
    assert_eq!(passed.status.code(), Some(0), "{}{}", stdout(&passed), stderr(&passed));
    let text = stdout(&passed);
    assert!(text.contains("from .skillgap/project.ron (20 items) and a scan"), "{text}");
    assert!(text.contains("Tuition centre: Level 3, Runs in production"), "{text}");
    assert!(text.contains("Level 3 against --min-level 3: passed."), "{text}");
    let failed = check(&sandbox, &clone, &["--min-level", "4"]);
    assert_eq!(failed.status.code(), Some(1), "below the gate");
    assert!(stdout(&failed).contains("Level 3 against --min-level 4: failed."), "{}", stdout(&failed));

    let json = check_json(&sandbox, &clone);
    assert_eq!((json["level"].as_u64(), json["passed"].as_bool()), (Some(3), Some(true)));
    assert_eq!(json["project_file"], PROJECT_FILE);
    assert_eq!(json["next_level"]["level"], 4);
    assert!(json["evidence_gone"].as_array().unwrap().is_empty());
    assert!(!sandbox.root.path().join("ci-runner-has-no-data-folder").exists(), "the check wrote no data folder");
}

#[test]
fn evidence_removed_after_export_no_longer_counts_and_is_named() {
    let sandbox = Sandbox::new();
    let clone = exported_tuition_centre(&sandbox);
    let before = check_json(&sandbox, &clone);
    std::fs::remove_file(clone.join("scripts/backup-db.sh")).unwrap();
    let after = check_json(&sandbox, &clone);
    let gone = after["evidence_gone"].as_array().unwrap();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0]["item"], "launch-one-project/daily-offsite-backup");
    assert_eq!(gone[0]["evidence"], "scripts/backup-db.sh:3");
    assert!(after["readiness"].as_f64() < before["readiness"].as_f64(), "{after} vs {before}");
    assert_eq!(after["done"].as_u64().unwrap() + 1, before["done"].as_u64().unwrap());
    let text = stdout(&check(&sandbox, &clone, &[]));
    assert!(text.contains("evidence gone: scripts/backup-db.sh:3"), "{text}");
}

#[test]
fn a_malformed_project_file_is_refused_with_its_place_and_exit_2() {
    let sandbox = Sandbox::new();
    let clone = clone_tuition_centre(&sandbox);
    std::fs::create_dir_all(clone.join(".skillgap")).unwrap();
    let cases = [
        (
            "(version: 1, name: \"TC\", checklist: \"launch-one-project\", items: {\n  \"containerised\": (status: finished),\n})\n",
            ":2:29: ",
            "expected one of",
        ),
        (
            "(version: 1, name: \"TC\", checklist: \"launch-one-project\", items: {\n  \"containerised\": (status: done, evidence: \"../../etc/passwd\"),\n})\n",
            ":2:45: ",
            "not a path inside the project's folder",
        ),
        (
            "(version: 1, name: \"TC\", checklist: \"no-such-list\")\n",
            ": ",
            "the checklist \"no-such-list\" is not loaded",
        ),
    ];
    for (text, at, expected) in cases {
        std::fs::write(clone.join(PROJECT_FILE), text).unwrap();
        for args in [&[][..], &["--min-level", "0"], &["--format", "json"]] {
            let out = check(&sandbox, &clone, args);
            assert_eq!(out.status.code(), Some(2), "{text} {args:?}");
            let err = stderr(&out);
            assert!(err.contains(&format!("{}{at}", clone.join(PROJECT_FILE).display())), "{err}");
            assert!(err.contains(expected), "{err}");
            assert!(out.stdout.is_empty(), "nothing but the error");
        }
    }
    // A project file that is a link could make CI read what lies outside the repository.
    let outside = sandbox.root.path().join("outside.ron");
    std::fs::write(&outside, "(version: 1, name: \"Outside\", checklist: \"launch-one-project\")\n").unwrap();
    std::fs::remove_file(clone.join(PROJECT_FILE)).unwrap();
    std::os::unix::fs::symlink(&outside, clone.join(PROJECT_FILE)).unwrap();
    let linked = check(&sandbox, &clone, &[]);
    assert_eq!(linked.status.code(), Some(2));
    assert!(
        stderr(&linked).contains("it is a symbolic link or not a regular file; commit the file itself"),
        "{}",
        stderr(&linked)
    );
    let missing = check(&sandbox, &clone.join("no-such-folder"), &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("does not exist"), "{}", stderr(&missing));
}

#[test]
fn a_repository_without_a_project_file_is_checked_from_the_scan_alone() {
    let sandbox = Sandbox::new();
    let clone = clone_tuition_centre(&sandbox);
    let text = stdout(&check(&sandbox, &clone, &[]));
    assert!(text.contains("from a scan alone (no .skillgap/project.ron"), "{text}");
    assert!(text.contains("Counted from the scan (proven in full):") && text.contains("Dockerfile:1"), "{text}");
    let json = check_json(&sandbox, &clone);
    assert!(json["project_file"].is_null());
    assert_eq!(json["name"], "tc", "named after its folder");
    assert!(json["from_scan"].as_array().unwrap().len() >= 10, "{}", json["from_scan"]);
    // Only full proofs count: a second factor cannot be seen in files, so Run is not in hand.
    assert_eq!(json["level"], 2, "{}", json["level_name"]);
}

#[test]
fn a_teammate_adds_the_project_from_its_folder_with_every_status() {
    let sandbox = Sandbox::new();
    let clone = exported_tuition_centre(&sandbox);
    let exported = std::fs::read(clone.join(PROJECT_FILE)).unwrap();
    let teammate = Sandbox::new();
    let added = project(&teammate, &["add", "--folder", clone.to_str().unwrap()]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(stdout(&added).contains("It comes with 20 items from .skillgap/project.ron."), "{}", stdout(&added));
    let list = |s: &Sandbox| -> serde_json::Value {
        serde_json::from_slice(&project(s, &["list", "--format", "json"]).stdout).unwrap()
    };
    let (mine, theirs) = (list(&sandbox), list(&teammate));
    for field in ["name", "repository", "checklist", "readiness", "level", "done", "applicable"] {
        assert_eq!(mine[0][field], theirs[0][field], "{field}");
    }
    let show = stdout(&project(&teammate, &["show", "tuition"]));
    assert!(show.contains("An internal tool for one school"), "the reason came along: {show}");
    // Exported again with no change, the file is the same, so a commit shows no noise.
    assert!(project(&teammate, &["export", "tuition"]).status.success());
    assert_eq!(std::fs::read(clone.join(PROJECT_FILE)).unwrap(), exported);
}

/// Each scan and check that changes something records where the project stood, so `project show` says how
/// its readiness moved and since when a piece of evidence is gone; a scan that changes nothing adds none.
#[test]
fn scans_and_checks_record_how_readiness_moved_and_when_evidence_went() {
    let sandbox = Sandbox::new();
    let clone = exported_tuition_centre(&sandbox);
    let readings = |s: &Sandbox| -> Vec<serde_json::Value> {
        let show: serde_json::Value =
            serde_json::from_slice(&project(s, &["show", "tuition", "--format", "json"]).stdout).unwrap();
        show["readings"].as_array().unwrap().clone()
    };
    let first = readings(&sandbox);
    assert_eq!(first.len(), 1, "the scan that accepted the proofs: {first:?}");
    assert_eq!(first[0]["by"], "scan");
    // Two facts were marked by hand since: the next scan records the new standing, the one after nothing.
    assert!(project(&sandbox, &["scan", "tuition"]).status.success());
    assert_eq!(readings(&sandbox).len(), 2);
    assert!(project(&sandbox, &["scan", "tuition"]).status.success());
    assert_eq!(readings(&sandbox).len(), 2, "nothing changed, nothing recorded");

    std::fs::remove_file(clone.join("scripts/backup-db.sh")).unwrap();
    let scan = stdout(&project(&sandbox, &["scan", "tuition"]));
    assert!(scan.contains("evidence gone: scripts/backup-db.sh:3"), "{scan}");
    // The check of the same folder on this machine is recorded in the person's project too.
    let checked = Command::new(assert_cmd::cargo::cargo_bin!("skillgap"))
        .env("SKILLGAP_DATA_DIR", sandbox.data_dir())
        .env("SKILLGAP_CONFIG_DIR", sandbox.config_dir())
        .args(["project", "check"])
        .arg(&clone)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", stderr(&checked));
    let all = readings(&sandbox);
    let by: Vec<&str> = all.iter().map(|r| r["by"].as_str().unwrap()).collect();
    assert_eq!(by, ["scan", "scan", "scan", "check"]);
    assert_eq!(all[2]["gone"][0], "scripts/backup-db.sh:3");
    assert_eq!(all[2]["readiness"], all[1]["readiness"], "a scan leaves the person's marks as they are");
    assert!(all[3]["readiness"].as_u64() < all[2]["readiness"].as_u64(), "the check does not count gone evidence");
    let show = stdout(&project(&sandbox, &["show", "tuition"]));
    let moved = "Readiness over time: scans: readiness 49 -> 55, Level 2 -> 3; checks: readiness 35, Level 3; since";
    assert!(show.contains(moved), "{show}");
    assert!(show.contains("check  Level 3   35/100  18/32 done  (1 evidence gone)"), "{show}");
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(show.contains(&format!("Evidence gone since {today}: scripts/backup-db.sh:3")), "{show}");
}

/// A project whose folder is gone is not exported into a folder made up for it; `--output` still works.
#[test]
fn export_never_makes_up_a_folder_that_is_gone() {
    let sandbox = Sandbox::new();
    let clone = clone_tuition_centre(&sandbox);
    assert!(project(&sandbox, &["add", "TC", "--folder", clone.to_str().unwrap()]).status.success());
    std::fs::remove_dir_all(&clone).unwrap();
    let out = project(&sandbox, &["export", "tc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    assert!(!clone.exists(), "the folder was not made again");
    let elsewhere = sandbox.root.path().join("tc.ron");
    assert!(project(&sandbox, &["export", "tc", "--output", elsewhere.to_str().unwrap()]).status.success());
    assert!(std::fs::read_to_string(&elsewhere).unwrap().contains("name: \"TC\""));
}
