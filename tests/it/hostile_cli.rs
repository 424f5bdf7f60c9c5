//! The hostile-input review's findings on the command line (`../shared/reviews/hostile-input-review-2026-11.md`),
//! each pinned as the real binary on a temporary data folder: the data folder's own files, links, pipes and
//! devices, concurrent saves, aliases, dates and failed saves.

use crate::common;

use common::{Sandbox, stderr, stdout};

/// Versions before 0.2 kept a parse cache in `cache/` of the data folder, and trusted it (hostile-input
/// review F3, F13, F14, F22). It is deleted on the first run and never read: not a damaged entry, not a
/// FIFO, not a link to somewhere else.
#[test]
fn the_old_parse_cache_is_deleted_unread_and_a_linked_one_is_not_followed() {
    let sandbox = Sandbox::new();
    sandbox.bare_cmd().args(["mark", "linux-shell", "done"]).assert().success();
    let cache = sandbox.data_dir().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    // An entry that would say every item is done, and a FIFO that would block any reader.
    std::fs::write(cache.join("progress.bin"), b"SGCACHE1 every item done").unwrap();
    assert!(std::process::Command::new("mkfifo").arg(cache.join("catalog.bin")).status().unwrap().success());
    let output = sandbox
        .bare_cmd()
        .args(["list", "--status", "done"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 1, "only the one real tick: {}", stdout(&output));
    assert!(!cache.exists(), "the old cache is gone after the first run");

    let elsewhere = sandbox.root.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("progress.bin"), "someone else's file").unwrap();
    std::os::unix::fs::symlink(&elsewhere, &cache).unwrap();
    sandbox.bare_cmd().args(["mark", "dockerfile", "done"]).assert().success();
    assert!(std::fs::symlink_metadata(&cache).is_err(), "the link is removed");
    assert_eq!(std::fs::read_to_string(elsewhere.join("progress.bin")).unwrap(), "someone else's file");
    let names: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["progress.bin"], "nothing is written through the link");
}

/// Hostile-input review F13 and U5: a FIFO named `*.ron` hung `check`, and in the checklist folder a FIFO or a
/// folder named `*.ron` was skipped without a word. Both are reported at once now.
#[test]
fn a_fifo_or_a_folder_where_a_checklist_should_be_is_reported_never_waited_on() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config_dir().join("checklists");
    std::fs::create_dir_all(dir.join("folder.ron")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(dir.join("fifo.ron")).status().unwrap().success());
    let timeout = std::time::Duration::from_secs(20);
    let output = sandbox.bare_cmd().arg("list").timeout(timeout).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    for name in ["fifo.ron", "folder.ron"] {
        let expected = format!("file skipped: {}: not a regular file", dir.join(name).display());
        assert!(err.contains(&expected), "{expected} in {err}");
    }
    let output = sandbox.bare_cmd().arg("check").arg(dir.join("fifo.ron")).timeout(timeout).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("fifo.ron: not a regular file"), "{}", stderr(&output));
}

/// Hostile-input review F1: `summary --output` onto the progress file replaced it with the report.
#[test]
fn a_report_never_replaces_the_data_folder_s_own_files() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "build-one", "done"]).assert().success();
    sandbox.cmd().args(["mark", "test-one", "done"]).assert().success();
    let data = sandbox.data_dir();
    let link = sandbox.root.path().join("innocent.md");
    std::os::unix::fs::symlink(sandbox.journal_file(), &link).unwrap();
    let daily = std::fs::read_dir(data.join("backups")).unwrap().next().unwrap().unwrap().path();
    // The lock file an older skillgap, or one on a system without folder locks, leaves; the progress file
    // and its backup a version before journals left.
    std::fs::write(data.join("progress.lock"), "").unwrap();
    std::fs::write(data.join("progress.ron.bak"), "(version: 3)").unwrap();
    std::fs::write(data.join("machine-id"), "0123456789abcdef\n").unwrap();
    let targets = [sandbox.journal_file(), data.join("progress.ron.bak"), data.join("progress.lock"), daily, link];
    for target in targets.into_iter().chain([data.join("machine-id")]) {
        let before = std::fs::read(&target).unwrap();
        let output = sandbox.cmd().args(["summary", "--format", "markdown", "--output"]).arg(&target).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", target.display());
        let err = stderr(&output);
        assert!(err.contains("is one of skillgap's own files in the data folder"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), before, "{} was changed", target.display());
    }
    sandbox.cmd().args(["mark", "ship-one", "done"]).assert().success();
}

/// Hostile-input review F12: `--output` replaced links and device nodes instead of writing through them,
/// and `--output -` made a file named `-`.
#[test]
fn a_report_goes_where_a_link_points_through_a_pipe_and_to_standard_output() {
    let sandbox = Sandbox::new();
    let dir = sandbox.root.path();
    let output =
        sandbox.cmd().args(["summary", "--format", "markdown", "--output", "-"]).current_dir(dir).output().unwrap();
    assert!(stdout(&output).starts_with("# skillgap progress report"), "{}", stdout(&output));
    assert!(!dir.join("-").exists());
    // U10: `/dev/stdout` is written through (it was replaced, or refused with a temporary file's name).
    let output = sandbox.cmd().args(["summary", "--format", "markdown", "--output", "/dev/stdout"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("# skillgap progress report"), "{}", stdout(&output));
    sandbox.cmd().args(["summary", "--output", "/dev/null"]).assert().success();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&std::fs::metadata("/dev/null").unwrap().file_type()));

    let target = dir.join("target.md");
    let link = dir.join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    sandbox.cmd().args(["summary", "--format", "markdown", "--output"]).arg(&link).assert().success();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("# skillgap progress report"));

    let fifo = dir.join("report.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    sandbox
        .cmd()
        .args(["summary", "--output"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    assert!(reader.join().unwrap().contains("Readiness"));
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&std::fs::metadata(&fifo).unwrap().file_type()), "still a FIFO");
}

/// Hostile-input review F16: a `mark` removed every `.skillgap-*.tmp` in the data folder, including the
/// staging file of a report being written there.
#[test]
fn a_save_removes_only_its_own_leftovers_never_a_report_s_staging_file() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "build-one", "done"]).assert().success();
    let data = sandbox.data_dir();
    // A report's staging file as 0.2 names it, and as 0.1 did (the name the old cleanup matched).
    let reports = [data.join(".report.pdf.a1b2c3.tmp"), data.join(".skillgap-a1b2c3.tmp")];
    let killed_save = data.join(".progress.ron.d4e5f6.tmp");
    for report in &reports {
        std::fs::write(report, "half a report").unwrap();
    }
    std::fs::write(&killed_save, "half a save").unwrap();
    sandbox.cmd().args(["mark", "test-one", "done"]).assert().success();
    for report in &reports {
        assert!(report.exists(), "another writer's file is left alone: {}", report.display());
    }
    assert!(!killed_save.exists(), "a killed save's leftover is cleaned");
}

/// Hostile-input review F10: with a checklist whose alias named a built-in item, one tick counted twice.
#[test]
fn an_alias_naming_a_live_item_never_counts_a_tick_twice() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config_dir().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(common::hostile_fixture("alias-steal.ron"), dir.join("alias-steal.ron")).unwrap();
    sandbox
        .bare_cmd()
        .args(["mark", "devops-basics/linux-shell", "done", "--note", "my private note"])
        .assert()
        .success();
    let output = sandbox.bare_cmd().args(["summary", "--format", "json"]).output().unwrap();
    assert!(stderr(&output).contains("file skipped"), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["done"], 1, "one tick, counted once");
    assert!(json["checklists"].as_array().unwrap().iter().all(|c| c["id"] != "steal"));
}

/// Hostile-input review F11: editing a note moved the date an item was done, in reports and "done since".
#[test]
fn a_note_edit_never_moves_the_date_an_item_was_done() {
    let sandbox = Sandbox::new();
    sandbox.write_progress(
        br#"(
  version: 1,
  items: {
    "devops-basics/linux-shell": (status: done, changed: "2025-01-15T10:00:00Z"),
  },
  history: [
    (item: "devops-basics/linux-shell", from: todo, to: done, at: "2025-01-15T10:00:00Z"),
  ],
)"#,
    );
    sandbox.bare_cmd().args(["mark", "linux-shell", "done", "--note", "added a note today"]).assert().success();
    let text = stdout(&sandbox.bare_cmd().args(["summary", "--since", "2026-01-01"]).output().unwrap());
    assert!(text.contains("Done since 2026-01-01 (0)"), "{text}");
    let markdown = stdout(&sandbox.bare_cmd().args(["summary", "--format", "markdown"]).output().unwrap());
    assert!(markdown.contains("(done 2025-01-15)"), "{markdown}");
    // A status change does move it.
    sandbox.bare_cmd().args(["mark", "linux-shell", "learning"]).assert().success();
    sandbox.bare_cmd().args(["mark", "linux-shell", "done"]).assert().success();
    let text = stdout(&sandbox.bare_cmd().args(["summary", "--since", "2026-01-01"]).output().unwrap());
    assert!(text.contains("Done since 2026-01-01 (1)"), "{text}");
}

/// Hostile-input review U1: a failed save told a process that had exited that the change was "kept in
/// memory", and printed the OS error twice.
#[test]
fn a_failed_save_says_what_happened_once_and_what_to_do() {
    let sandbox = Sandbox::new();
    sandbox.cmd().args(["mark", "build-one", "done"]).assert().success();
    // A folder where the journal goes makes the next save fail, even for root.
    let journal = sandbox.journal_file();
    std::fs::remove_file(&journal).unwrap();
    std::fs::create_dir_all(journal.join("in-the-way")).unwrap();
    let output = sandbox.cmd().args(["mark", "test-one", "done"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&format!("cannot save progress to {}", journal.display())), "{err}");
    assert!(err.contains("make the folder writable or free some space, then do it again"), "{err}");
    assert!(!err.contains("kept in memory"), "{err}");
    assert_eq!(err.matches("(os error").count(), 1, "the OS error once: {err}");
}

/// `skillgap mark ... | head -0`: a reader that has gone away is a reader that has read enough. Every
/// command that talks on standard output treats a closed pipe so, does its work, and never panics.
#[test]
fn a_closed_standard_output_never_panics_and_the_change_is_still_saved() {
    let sandbox = Sandbox::new();
    let tuition = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    let runs: [&[&str]; 5] = [
        &["mark", "devops-basics/dockerfile", "learning"],
        &["backups"],
        &["project", "add", "Tuition centre", "--folder", tuition.to_str().unwrap()],
        &["project", "mark", "tuition", "containerised", "done", "--evidence", "Dockerfile"],
        &["project", "accept", "tuition", "--all"],
    ];
    for args in runs {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let run = std::process::Command::new(assert_cmd::cargo::cargo_bin!("skillgap"))
            .env("SKILLGAP_DATA_DIR", sandbox.data_dir())
            .env("SKILLGAP_CONFIG_DIR", sandbox.config_dir())
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success() && !err.contains("panicked"), "skillgap {args:?}: {:?}\n{err}", run.status);
    }
    let saved = sandbox.progress_text();
    assert!(saved.contains("\"devops-basics/dockerfile\"") && saved.contains("Proven in Tuition centre"), "{saved}");
}

/// Hostile-input review N19: a report that cannot be written is named by the path given, never by the
/// temporary file skillgap stages it in.
#[test]
fn a_failed_report_names_the_path_given_not_a_temporary_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.root.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let target = file.join("report.md");
    let out = sandbox.cmd().args(["summary", "--output"]).arg(&target).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("cannot write the report to {}", target.display())), "{err}");
    assert!(err.contains("Not a directory") && !err.contains(".report.md."), "no staging file named: {err}");
}
