//! The command line, run as a real process on a temporary data folder.

use crate::common;

use common::{Sandbox, stderr, stdout};

#[test]
fn summary_on_a_fresh_folder_is_readiness_zero_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().arg("summary").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Readiness for Fixture target: 0/100"), "{text}");
    assert!(text.contains("Level 0: Localhost"), "{text}");
    assert!(text.contains("Fixture list (fixture): 0/12"), "{text}");
    assert!(text.contains("Top gaps"), "{text}");
    assert!(!sandbox.progress_file().exists(), "reading must not create the progress file");
}

#[test]
fn mark_records_status_note_evidence_and_history() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args([
            "mark",
            "fixture/build-one",
            "test-one",
            "done",
            "--note",
            "did it",
            "--evidence",
            "https://github.com/me/app",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("done: Build one (fixture/build-one)"));
    let progress = sandbox.load_progress().unwrap();
    let item = &progress.items["fixture/test-one"];
    assert_eq!(item.status, skillgap::progress::Status::Done);
    assert_eq!(item.note, "did it");
    assert_eq!(item.evidence, "https://github.com/me/app");
    assert_eq!(progress.history.len(), 2);
    assert_eq!(progress.version, skillgap::progress::CURRENT_VERSION);
}

#[test]
fn mark_unknown_id_suggests_close_ids_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().args(["mark", "build-one", "biuld-two", "done"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown item \"biuld-two\""), "{err}");
    assert!(err.contains("did you mean fixture/build-two"), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    assert!(!sandbox.progress_file().exists(), "a failed mark must not save the valid ids either");
}

#[test]
fn mark_rejects_a_bad_status_and_a_non_http_evidence_link() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().args(["mark", "build-one", "finished"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "clap usage errors exit 2");
    assert!(stderr(&output).contains("possible values: todo, learning, done, skipped"));
    let output =
        sandbox.cmd().args(["mark", "build-one", "done", "--evidence", "javascript:alert(1)"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not an http(s) URL"));
    assert!(!sandbox.progress_file().exists());
}

#[test]
fn every_stage_done_gives_readiness_100_and_full_cycle_in_json() {
    let sandbox = Sandbox::new();
    let ids: Vec<String> = skillgap_fixture_ids();
    let mut cmd = sandbox.cmd();
    cmd.arg("mark").args(&ids).arg("done");
    assert!(cmd.output().unwrap().status.success());
    // The built-in items are skipped so only the fixture counts.
    let builtin: Vec<String> = builtin_ids(&sandbox);
    let mut cmd = sandbox.cmd();
    cmd.arg("mark").args(&builtin).arg("skipped");
    assert!(cmd.output().unwrap().status.success());

    let output = sandbox.cmd().args(["summary", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["readiness"], 100.0);
    assert_eq!(json["level"], 6);
    let stages = json["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 6);
    assert_eq!(stages[0]["id"], "build");
    assert_eq!(stages[0]["percent"], 100.0);
    let fixture = json["checklists"].as_array().unwrap().iter().find(|c| c["id"] == "fixture").unwrap();
    assert_eq!(fixture["done"], 12);
    assert_eq!(fixture["total"], 12);
    assert_eq!(json["gaps"].as_array().unwrap().len(), 0);
}

fn skillgap_fixture_ids() -> Vec<String> {
    ["build", "test", "ship", "run", "observe", "recover"]
        .iter()
        .flat_map(|stage| [format!("fixture/{stage}-one"), format!("fixture/{stage}-two")])
        .collect()
}

fn builtin_ids(sandbox: &Sandbox) -> Vec<String> {
    let output = sandbox.bare_cmd().args(["list", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json.as_array().unwrap().iter().map(|item| item["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn summary_json_has_the_documented_fields_and_gaps() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().args(["summary", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["readiness"], 0.0);
    assert_eq!(json["level"], 0);
    let gap = &json["gaps"][0];
    assert!(gap["id"].is_string() && gap["title"].is_string() && gap["stage"].is_string(), "{gap}");
    for checklist in json["checklists"].as_array().unwrap() {
        assert!(checklist["id"].is_string() && checklist["done"].is_number() && checklist["total"].is_number());
    }
}

#[test]
fn summary_formats_and_output_file() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "build-one", "done"]).assert().success();
    let md = stdout(&sandbox.cmd().args(["summary", "--format", "markdown"]).output().unwrap());
    assert!(md.contains("- [x] Build one (done "), "{md}");
    assert!(md.contains("- [ ] Test one"), "{md}");
    let html_path = sandbox.root.path().join("out/summary.html");
    std::fs::create_dir_all(html_path.parent().unwrap()).unwrap();
    let output = sandbox.cmd().args(["summary", "--format", "html", "--output"]).arg(&html_path).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script"), "the page is self-contained and script-free");
    assert!(!html.contains("http://") && !html.contains("https://"), "no network resources");
}

#[test]
fn summary_pdf_with_options_replaces_the_output_file() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["mark", "build-one", "done", "--note", "Makefile", "--evidence", "https://example.org/shop"])
        .assert()
        .success();
    let pdf = sandbox.root.path().join("report.pdf");
    std::fs::write(&pdf, "an old report").unwrap();
    let output = sandbox
        .cmd()
        .args(["summary", "--format", "pdf", "--paper", "letter", "--name", "Zoë", "--with-notes", "--output"])
        .arg(&pdf)
        .args(["--checklist", "fixture", "--since", "2000-01-01"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "the old file was replaced");
    let text = crate::common::pdf_file_text(&pdf);
    for expected in ["skillgap progress report for Zoë", "Done since", "What I can do", "Makefile", "Fixture list"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("DevOps basics"), "--checklist leaves the other lists out");
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.root.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn summary_options_are_checked_before_anything_is_written() {
    let sandbox = Sandbox::new();
    let output = sandbox.cmd().args(["summary", "--format", "pdf"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--output"), "a PDF is not written to a terminal");
    let output = sandbox.cmd().args(["summary", "--since", "23/11/2026"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("YYYY-MM-DD"), "{}", stderr(&output));
    let output = sandbox.cmd().args(["summary", "--checklist", "fixtur"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("there is no checklist \"fixtur\""), "{}", stderr(&output));
    assert!(stderr(&output).contains("fixture"), "the known ids are listed");
}

#[test]
fn summary_to_an_unwritable_path_is_a_clear_error() {
    let sandbox = Sandbox::new();
    let blocker = sandbox.root.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let output = sandbox.cmd().args(["summary", "--output"]).arg(blocker.join("summary.txt")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("cannot write the report to {}", blocker.join("summary.txt").display())),
        "{}",
        stderr(&output)
    );
}

#[test]
fn list_filters_and_json_shape() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "run-one", "learning"]).assert().success();
    let text = stdout(&sandbox.cmd().args(["list", "--checklist", "fixture", "--stage", "run"]).output().unwrap());
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("[~] fixture/run-one"), "{text}");
    let output = sandbox.cmd().args(["list", "--status", "learning", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["id"], "fixture/run-one");
    assert_eq!(row["checklist"], "fixture");
    assert_eq!(row["section"], "first");
    assert_eq!(row["stage"], "run");
    assert_eq!(row["weight"], "core");
    assert_eq!(row["status"], "learning");
    for key in ["title", "description", "proof", "resources"] {
        assert!(row.get(key).is_some(), "missing {key}");
    }
    let found =
        stdout(&sandbox.cmd().args(["list", "--search", "OBSERVE T", "--checklist", "fixture"]).output().unwrap());
    assert_eq!(found.lines().count(), 1, "{found}");
    let output = sandbox.cmd().args(["list", "--checklist", "nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("there is no checklist \"nope\"; the loaded checklists are: devops-basics,"), "{err}");
}

#[test]
fn list_filters_by_weight_and_missing_with_the_checklist_view_s_filter() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "fixture/build-one", "done"]).assert().success();
    sandbox.cmd().args(["mark", "fixture/test-one", "skipped"]).assert().success();
    let ids = |args: &[&str]| -> Vec<String> {
        let output =
            sandbox.cmd().args(["list", "--checklist", "fixture", "--format", "json"]).args(args).output().unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        rows.iter().map(|row| row["id"].as_str().unwrap().to_owned()).collect()
    };
    let all = ids(&[]);
    let missing = ids(&["--missing"]);
    assert_eq!(missing.len(), all.len() - 2, "done and skipped items are not missing: {missing:?}");
    assert!(!missing.contains(&"fixture/build-one".to_owned()) && !missing.contains(&"fixture/test-one".to_owned()));
    let core = ids(&["--weight", "core"]);
    assert!(!core.is_empty() && core.len() < all.len(), "{core:?}");
    let rows = stdout(&sandbox.cmd().args(["list", "--checklist", "fixture", "--weight", "core"]).output().unwrap());
    assert!(rows.lines().all(|line| line.contains(" Core ")), "{rows}");
}

#[test]
fn gaps_rank_the_last_zero_stage_first_with_its_gain() {
    let sandbox = Sandbox::new();
    let builtin = builtin_ids(&sandbox);
    let mut cmd = sandbox.cmd();
    cmd.arg("mark").args(&builtin).arg("skipped");
    cmd.assert().success();
    // Everything but Recover is covered; a Recover item gains the most.
    sandbox
        .cmd()
        .args(["mark", "build-one", "test-one", "ship-one", "run-one", "observe-one", "done"])
        .assert()
        .success();
    let output = sandbox.cmd().args(["gaps", "--limit", "3"]).output().unwrap();
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "Readiness for Fixture target: 32/100. Next: Recover one (Recover), toward Level 5, Recoverable. \
Readiness is held back most by Recover (0%)."
        ),
        "{text}"
    );
    assert_eq!(text.lines().nth(1), Some("Level 5, Recoverable, needs 1 item: Recover one."), "{text}");
    let first = text.lines().nth(3).unwrap();
    assert!(first.contains("fixture/recover-one"), "{text}");
    assert!(!first.contains("+  0.0"), "the first gap has a real gain: {text}");
    assert!(text.contains("more; show them with --limit"), "{text}");
}

#[test]
fn data_dir_flag_overrides_the_environment() {
    let sandbox = Sandbox::new();
    let other = sandbox.root.path().join("elsewhere");
    sandbox.cmd().arg("--data-dir").arg(&other).args(["mark", "build-one", "done"]).assert().success();
    assert!(other.join("journal").is_dir());
    assert!(!sandbox.data_dir().exists());
}

#[test]
fn help_and_version() {
    let sandbox = Sandbox::new();
    let help = stdout(&sandbox.cmd().arg("--help").output().unwrap());
    for command in ["summary", "list", "mark", "gaps", "check", "backups", "restore"] {
        assert!(help.contains(command), "{command} missing from --help");
    }
    assert!(sandbox.cmd().arg("--version").output().unwrap().status.success());
}

/// Completions for each shell and the manual page come from the command line's own definition, so they
/// name every subcommand, and need no data folder.
#[test]
fn completions_and_the_manual_page_name_every_subcommand() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = sandbox.bare_cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for subcommand in ["summary", "gaps", "project", "completions"] {
            assert!(script.contains(subcommand), "{shell} completes {subcommand}");
        }
    }
    let bash = sandbox.bare_cmd().args(["completions", "bash"]).output().unwrap().stdout;
    let file = sandbox.root.path().join("skillgap.bash");
    std::fs::write(&file, bash).unwrap();
    let syntax = std::process::Command::new("bash").arg("-n").arg(&file).status().unwrap();
    assert!(syntax.success(), "the bash script parses");

    let man = String::from_utf8(sandbox.bare_cmd().arg("man").output().unwrap().stdout).unwrap();
    assert!(man.contains(".TH skillgap 1") && man.contains("project"), "{man}");
    assert!(!sandbox.data_dir().exists(), "nothing was written");
}
