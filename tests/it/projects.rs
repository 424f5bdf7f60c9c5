//! `skillgap project ...` on a temporary data folder: every subcommand, its errors, and the articles'
//! tuition-centre app taken from Localhost to Recoverable, ending with its story as a PDF.

use std::path::{Path, PathBuf};

use crate::common::Sandbox;
use skillgap::store::parse_progress;

fn repo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos").join(name)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `skillgap project ARGS` and returns its stdout, failing the test if it fails.
fn project(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.bare_cmd().arg("project").args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// Runs `skillgap project ARGS`, expects it to fail, and returns its stderr.
fn project_fails(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.bare_cmd().arg("project").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{args:?} should fail: {}", stdout(&output));
    stderr(&output)
}

fn add_tuition_centre(sandbox: &Sandbox) {
    let folder = repo("tuition-centre");
    let folder = folder.to_str().unwrap();
    let repo = "https://github.com/example/tuition-centre";
    let out = project(sandbox, &["add", "Tuition centre", "--repo", repo, "--folder", folder]);
    assert!(out.contains("Added the project \"Tuition centre\" (id tuition-centre)"), "{out}");
}

/// Marks by hand what the tuition centre's files cannot show: its accounts' second factor, its budget
/// alerts, and the restore and the rollback it practised.
pub(crate) fn mark_what_no_file_shows(sandbox: &Sandbox) {
    for (item, evidence) in [
        ("accounts-two-factor", "https://github.com/organizations/example/settings/security"),
        ("bills-watched", "https://example.org/tuition/budgets"),
        ("restore-proven", "https://example.org/tuition/restore-drill"),
        ("rollback-practised", "https://example.org/tuition/rollback-drill"),
    ] {
        project(sandbox, &["mark", "tuition", item, "done", "--evidence", evidence]);
    }
}

#[test]
fn the_tuition_centre_goes_from_localhost_to_recoverable_and_prints_its_story() {
    let sandbox = Sandbox::new();
    add_tuition_centre(&sandbox);
    assert!(project(&sandbox, &["list"]).contains("Level 0: Localhost"));

    let proposals = project(&sandbox, &["scan", "tuition"]);
    assert!(proposals.contains("[?] launch-one-project/restore-proven"), "{proposals}");
    assert!(proposals.contains("Nothing was ticked"), "{proposals}");
    assert!(project(&sandbox, &["list"]).contains("Level 0: Localhost"), "a scan alone ticks nothing");

    let accepted = project(&sandbox, &["scan", "tuition", "--accept-all"]);
    assert!(accepted.contains("Accepted 18 proposals"), "{accepted}");
    assert!(accepted.contains("2 prove only a part of an item and are left for you"), "{accepted}");
    assert!(
        accepted.contains("Cannot be seen in files, mark them yourself: Every account that controls it"),
        "{accepted}"
    );
    assert!(
        accepted.contains("a part of it: a restore script (`psql`) (line 3); that a restore was tested"),
        "{accepted}"
    );
    // What no file shows (a second factor on its accounts, its budget alerts, a restore and a rollback
    // that were practised) is still open: files alone do not make the app recoverable.
    let hardened = "Its server takes SSH keys only, with a firewall and automatic updates";
    assert!(accepted.contains(&format!("Tuition centre: Level 2, Ships. Next: {hardened} (Run)")), "{accepted}");
    mark_what_no_file_shows(&sandbox);
    // Every Core item but one of Run is done: Recoverable, and the open one is named with the level.
    let listed = project(&sandbox, &["list"]);
    assert!(listed.contains("Level 5: Recoverable") && listed.contains(&format!("except: {hardened}\n")), "{listed}");
    let json: serde_json::Value = serde_json::from_str(&project(&sandbox, &["list", "--format", "json"])).unwrap();
    assert_eq!(json[0]["level_name"], format!("Recoverable, except: {hardened}"), "the list says what it lets pass");

    let marked = project(
        &sandbox,
        &["mark", "Tuition centre", "server-hardened", "done", "--evidence", "https://example.org/hardening"],
    );
    assert!(marked.contains("Tuition centre: Level 5, Recoverable. Next: "), "nothing let pass now: {marked}");

    let pdf = sandbox.root.path().join("tuition-centre.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    project(&sandbox, &["summary", "tuition", "--format", "pdf", "--output", pdf_arg]);
    let text = crate::common::pdf_file_text(&pdf);
    assert!(text.contains("Tuition centre in production"), "{text}");
    assert!(text.contains("Level 5: Recoverable"), "{text}");
    for stage in ["Build:", "Test:", "Ship:", "Run:", "Observe:", "Recover:"] {
        assert!(text.contains(stage), "names {stage}: {text}");
    }
    for evidence in
        ["scripts/backup-db.sh#L3", "deploy/nginx/tuition.conf#L7", "Dockerfile#L1", "monitoring/uptime.yml#L2"]
    {
        assert!(text.contains(evidence), "names {evidence}: {text}");
    }
    assert!(text.contains("I built and deployed Tuition centre with"), "{text}");
}

#[test]
fn marks_need_a_known_project_and_item_and_a_reason_for_not_applicable() {
    let sandbox = Sandbox::new();
    let err = project_fails(&sandbox, &["show", "anything"]);
    assert!(err.contains("you have no projects yet"), "{err}");
    add_tuition_centre(&sandbox);
    let err = project_fails(&sandbox, &["mark", "Weather app", "containerised", "done"]);
    assert!(err.contains("there is no project \"Weather app\"; your projects are: \"Tuition centre\""), "{err}");
    let err = project_fails(&sandbox, &["mark", "tuition", "containerized", "done"]);
    assert!(err.contains("no item \"containerized\"; did you mean containerised"), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    let err = project_fails(&sandbox, &["mark", "tuition", "bills-watched", "n/a"]);
    assert!(err.contains("say why it does not apply, with --note"), "{err}");
    let wrong = sandbox.bare_cmd().args(["project", "mark", "tuition", "bills-watched", "finished"]).output().unwrap();
    assert_eq!(wrong.status.code(), Some(2), "a usage error");
    assert!(stderr(&wrong).contains("not a project status; use todo, doing, done or n/a"), "{}", stderr(&wrong));

    project(&sandbox, &["mark", "tuition", "bills-watched", "n/a", "--note", "runs on a free tier"]);
    project(&sandbox, &["mark", "tuition", "launch-one-project/errors-tracked", "doing"]);
    let shown = project(&sandbox, &["show", "tuition"]);
    assert!(shown.contains("[-] Every account that bills it has a budget alert: not applicable, runs on a free tier"));
    assert!(shown.contains("[ ] Its exceptions reach an error tracker (doing)"), "{shown}");
}

#[test]
fn adding_refuses_a_duplicate_name_a_missing_folder_a_bad_link_and_an_unknown_checklist() {
    let sandbox = Sandbox::new();
    add_tuition_centre(&sandbox);
    let err = project_fails(&sandbox, &["add", "tuition CENTRE"]);
    assert!(err.contains("there is already a project named \"tuition CENTRE\""), "{err}");
    let missing = sandbox.root.path().join("no-such-clone");
    let err = project_fails(&sandbox, &["add", "Weather", "--folder", missing.to_str().unwrap()]);
    assert!(err.contains("does not exist") && err.contains("no-such-clone"), "{err}");
    let err = project_fails(&sandbox, &["add", "Weather", "--repo", "git@github.com:me/weather.git"]);
    assert!(err.contains("is not an http(s) URL"), "{err}");
    let err = project_fails(&sandbox, &["add", "Weather", "--checklist", "no-such-list"]);
    assert!(err.contains("there is no checklist \"no-such-list\"") && err.contains("launch-one-project"), "{err}");
    let err = project_fails(&sandbox, &["add", "  "]);
    assert!(err.contains("a project needs a name"), "{err}");
    assert_eq!(sandbox.load_progress().unwrap().projects.len(), 1);
}

#[test]
fn scan_accepts_only_what_is_named_and_needs_a_folder() {
    let sandbox = Sandbox::new();
    add_tuition_centre(&sandbox);
    let out = project(&sandbox, &["scan", "tuition", "--accept", "containerised", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["accepted"], serde_json::json!(["launch-one-project/containerised"]));
    assert!(json["scan"]["files"].as_u64().unwrap() >= 14);
    let shown: serde_json::Value =
        serde_json::from_str(&project(&sandbox, &["show", "tuition", "--format", "json"])).unwrap();
    let build = &shown["story"]["stages"][0];
    assert_eq!(build["done"][0]["evidence"], "Dockerfile:1");
    assert_eq!(build["done"][0]["note"], "Found by the scan: a Dockerfile (line 1). The line: `FROM node:22-slim`");
    assert_eq!(build["done"][0]["link"], "https://github.com/example/tuition-centre/blob/HEAD/Dockerfile#L1");
    assert!(shown["proves"].as_array().unwrap().iter().any(|p| p["skill"] == "devops-basics/dockerfile"));

    let err = project_fails(&sandbox, &["scan", "tuition", "--accept", "bills-watched"]);
    assert!(err.contains("the scan proposes nothing for launch-one-project/bills-watched"), "{err}");
    project(&sandbox, &["add", "Idea"]);
    let err = project_fails(&sandbox, &["scan", "Idea"]);
    assert!(err.contains("has no local folder to scan"), "{err}");
    project(&sandbox, &["edit", "Idea", "--folder", repo("nothing-here").to_str().unwrap()]);
    assert!(project(&sandbox, &["scan", "Idea"]).contains("Nothing to propose"));
}

#[test]
fn list_summary_formats_and_remove_keep_a_backup() {
    let sandbox = Sandbox::new();
    add_tuition_centre(&sandbox);
    project(&sandbox, &["mark", "tuition", "containerised", "done", "--evidence", "Dockerfile"]);
    let list: serde_json::Value = serde_json::from_str(&project(&sandbox, &["list", "--format", "json"])).unwrap();
    assert_eq!(list[0]["id"], "tuition-centre");
    assert_eq!(list[0]["done"], 1);
    let markdown = project(&sandbox, &["summary", "tuition", "--format", "markdown"]);
    assert!(markdown.contains("## Tuition centre in production"), "{markdown}");
    assert!(markdown.contains("[Dockerfile](<https://github.com/example/tuition-centre/blob/HEAD/Dockerfile>)"));
    let html = project(&sandbox, &["summary", "tuition", "--format", "html"]);
    assert!(html.contains("<a href=\"https://github.com/example/tuition-centre/blob/HEAD/Dockerfile\">Dockerfile</a>"));
    let personal = sandbox.bare_cmd().arg("summary").output().unwrap();
    assert!(stdout(&personal).contains("Projects\n  Tuition centre"), "{}", stdout(&personal));

    // Removing needs the exact id or name: the short form other commands accept is refused here.
    let err = project_fails(&sandbox, &["remove", "tuition"]);
    assert!(err.contains("removing needs the exact id or name"), "{err}");
    let removed = project(&sandbox, &["remove", "Tuition Centre"]);
    assert!(removed.contains("Removed the project \"Tuition centre\""), "{removed}");
    let backups: Vec<PathBuf> = std::fs::read_dir(sandbox.data_dir().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("before-removing-tuition-centre"))
        .collect();
    assert_eq!(backups.len(), 1, "{removed}");
    let kept = std::fs::read(&backups[0]).unwrap();
    assert_eq!(parse_progress(&backups[0], &kept).unwrap().projects[0].name, "Tuition centre");
    assert!(project(&sandbox, &["list"]).contains("No projects yet"));
    let err = project_fails(&sandbox, &["remove", "tuition"]);
    assert!(err.contains("you have no projects yet"), "{err}");
}

/// A project's evidence shows on the person's skills as "proven in Tuition centre"; nothing is ticked
/// until the person accepts, one skill or all, and then the project's file is the skill's evidence.
#[test]
fn skills_a_project_proves_are_shown_and_done_only_when_accepted() {
    let sandbox = Sandbox::new();
    add_tuition_centre(&sandbox);
    project(&sandbox, &["mark", "tuition", "containerised", "done", "--evidence", "Dockerfile"]);
    project(&sandbox, &["mark", "tuition", "health-endpoints", "done"]);

    let list = stdout(&sandbox.bare_cmd().args(["list", "--checklist", "devops-basics"]).output().unwrap());
    let dockerfile = list.lines().find(|l| l.contains("devops-basics/dockerfile ")).unwrap();
    assert!(dockerfile.starts_with("[ ]") && dockerfile.ends_with("(proven in Tuition centre)"), "{dockerfile}");
    let health = list.lines().find(|l| l.contains("devops-basics/health-endpoint ")).unwrap();
    assert!(!health.contains("proven in"), "done without evidence proves nothing: {health}");
    let gaps = stdout(&sandbox.bare_cmd().args(["gaps", "--limit", "200"]).output().unwrap());
    assert!(gaps.contains("Write a Dockerfile for your own app  (proven in Tuition centre)"), "{gaps}");

    let err = project_fails(&sandbox, &["accept", "tuition", "devops-basics/health-endpoint"]);
    assert!(err.contains("Tuition centre does not prove devops-basics/health-endpoint"), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    let accepted = project(&sandbox, &["accept", "tuition", "devops-basics/dockerfile"]);
    assert!(accepted.contains("done: Write a Dockerfile for your own app"), "{accepted}");
    let progress = sandbox.load_progress().unwrap();
    let skill = &progress.items["devops-basics/dockerfile"];
    assert_eq!(skill.status, skillgap::progress::Status::Done);
    assert_eq!(skill.evidence, "https://github.com/example/tuition-centre/blob/HEAD/Dockerfile");
    assert!(!progress.items.contains_key("devops-basics/docker-compose"), "only the named skill is accepted");

    let rest = project(&sandbox, &["accept", "tuition", "--all"]);
    assert!(rest.contains("done: Run your app and its database with Compose"), "{rest}");
    assert!(project(&sandbox, &["accept", "tuition", "--all"]).contains("Nothing to accept"));
    let list = stdout(&sandbox.bare_cmd().args(["list", "--checklist", "devops-basics"]).output().unwrap());
    assert!(!list.contains("proven in"), "a done skill needs no offer: {list}");
}

/// Evidence is a link or a path in the project's folder: a path under the folder is kept relative to it,
/// one out of it is refused, and one the folder lacks is kept with a warning (the clone may be behind).
#[test]
fn evidence_paths_stay_inside_the_project_s_folder() {
    let sandbox = Sandbox::new();
    add_tuition_centre(&sandbox);
    let err = project_fails(&sandbox, &["mark", "tuition", "containerised", "done", "--evidence", "../../etc/passwd"]);
    assert!(err.contains("not a path inside the project's folder"), "{err}");
    let absolute = repo("tuition-centre").canonicalize().unwrap().join("Dockerfile");
    project(&sandbox, &["mark", "tuition", "containerised", "done", "--evidence", absolute.to_str().unwrap()]);
    let output = sandbox
        .bare_cmd()
        .args(["project", "mark", "tuition", "restore-proven", "done", "--evidence", "scripts/restore.sh"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning: scripts/restore.sh is not in"), "{}", stderr(&output));
    let shown = project(&sandbox, &["show", "tuition", "--format", "json"]);
    assert!(shown.contains("\"evidence\": \"Dockerfile\""), "kept relative to the folder: {shown}");
    assert!(shown.contains("\"evidence\": \"scripts/restore.sh\""), "{shown}");
}
