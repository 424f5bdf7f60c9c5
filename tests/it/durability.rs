//! Never lose a tick: damaged and hostile files, kill -9 during saves, several writers at once, old
//! file versions, and parsers fed arbitrary bytes.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Sandbox, stderr, walk};
use proptest::prelude::*;
use skillgap::progress::Status;
use skillgap::store::parse_progress;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// Puts a damaged file in place, runs the commands that read and write progress, and checks each
/// fails with the file's name, the position (when there is one) and what to do, and that the bytes
/// on disk are untouched.
fn refuses_damaged(name: &str, expected: &str) {
    let sandbox = Sandbox::new();
    let original = std::fs::read(fixture(&format!("damaged/{name}"))).unwrap();
    sandbox.write_progress(&original);
    let what_to_do = if name == "newer-version.ron" { "update skillgap" } else { "skillgap restore FILE" };
    for args in [&["mark", "build-one", "done"][..], &["summary"], &["gaps"]] {
        let output = sandbox.cmd().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{name} {args:?}");
        let err = stderr(&output);
        assert!(err.contains(&sandbox.progress_file().display().to_string()), "{name}: names the file: {err}");
        assert!(err.contains(expected), "{name}: expected {expected:?} in {err}");
        assert!(err.contains(what_to_do), "{name}: says what to do: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(std::fs::read(sandbox.progress_file()).unwrap(), original, "{name}: {args:?} changed the file");
    }
}

macro_rules! damaged_cases {
    ($($test:ident: $file:literal => $expected:literal,)*) => {$(
        #[test]
        fn $test() {
            refuses_damaged($file, $expected);
        }
    )*};
}

damaged_cases! {
    damaged_truncated: "truncated.ron" => "progress.ron:17:13 cannot be read: Expected end of string",
    damaged_random_bytes: "random-bytes.ron" => "not UTF-8",
    damaged_empty: "empty.ron" => "the file is empty",
    damaged_whitespace_only: "whitespace-only.ron" => "the file is empty",
    damaged_not_utf8: "not-utf8.ron" => "progress.ron:8:36",
    damaged_deeply_nested: "deeply-nested.ron" => "nested far too deeply to be a skillgap file",
    damaged_wrong_types: "wrong-types.ron" => "progress.ron:1:60",
    damaged_bad_status: "bad-status.ron" => "expected one of `todo`, `learning`, `done`, or `skipped`",
    damaged_bad_date: "bad-date.ron" => "progress.ron:1:76 cannot be read: input contains invalid characters",
    damaged_newer_version: "newer-version.ron" => "has version 7, but this skillgap knows versions up to 4",
    damaged_no_version: "no-version.ron" => "no `version` field",
    damaged_version_zero: "version-zero.ron" => "its version is 0, and skillgap's versions start at 1",
    damaged_unknown_field: "unknown-field.ron" => "progress.ron:20:3 cannot be read: Unexpected field named `histroy`",
    damaged_json_instead: "json-instead.ron" => "progress.ron:1:1 cannot be read: it is not a skillgap progress file (one starts with `(`, this one with `{\"version\": 1, \"items\": {}}`)",
    damaged_duplicate_project_id: "duplicate-project-id.ron" => "progress.ron:14:11 cannot be read: two projects have the id \"a\" (\"A\" and \"A dup id\")",
    damaged_project_id_with_slashes: "project-id-with-slashes.ron" => "progress.ron:14:11 cannot be read: the project id \"x/../../../outside/pwned\" of \"B\" is not",
    damaged_a_report_instead: "a-report.ron" => "progress.ron:1:1 cannot be read: it is not a skillgap progress file (one starts with `(`, this one with `# skillgap progress report, 2026-11-23`)",
}

/// A hostile user checklist gives a clear error, does not stop the others loading, and writes nothing.
fn rejects_hostile(name: &str, expected: &str) {
    let sandbox = Sandbox::new();
    let path = fixture(&format!("hostile/{name}"));
    let output = sandbox.cmd().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{name}");
    let err = stderr(&output);
    assert!(err.contains(&format!("{}:", path.display())), "{name}: names the file: {err}");
    assert!(err.contains(expected), "{name}: expected {expected:?} in {err}");

    let dir = sandbox.config_dir().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&path, dir.join(name)).unwrap();
    let output = sandbox.cmd().args(["list", "--checklist", "fixture"]).output().unwrap();
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    assert!(stderr(&output).contains("file skipped"), "{name}");
    // Nothing is written: the only files are the checklist copied in.
    let written: Vec<_> = walk(sandbox.root.path());
    assert_eq!(written, [dir.join(name)], "{name}: wrote {written:?}");
}

macro_rules! hostile_cases {
    ($($test:ident: $file:literal => $expected:literal,)*) => {$(
        #[test]
        fn $test() {
            rejects_hostile($file, $expected);
        }
    )*};
}

hostile_cases! {
    hostile_path_like_checklist_id: "path-like-id.ron" => "checklist id \"../escape\" is not a lowercase slug",
    hostile_path_like_item_id: "path-like-item-id.ron" => "item id \"../../etc/passwd\" is not a lowercase slug",
    hostile_duplicate_ids: "duplicate-ids.ron" => "duplicate item id \"i1\"",
    hostile_control_characters: "control-chars.ron" => "title contains control characters",
    hostile_long_title: "long-title.ron" => "title is longer than 300 characters",
    hostile_not_utf8: "not-utf8.ron" => "not valid UTF-8 text",
    hostile_deeply_nested: "deeply-nested.ron" => "deeply-nested.ron:1:40: Expected opening `(` for struct `Section`",
    hostile_javascript_link: "javascript-link.ron" => "not an http(s) URL: \"javascript:alert(1)\"",
    hostile_alias_stealing_a_live_item: "alias-steal.ron" => "item \"thief\" has the alias \"devops-basics/linux-shell\", which is the id of an item that exists",
}

#[test]
fn a_huge_user_checklist_of_100000_items_loads() {
    let sandbox = Sandbox::new();
    let data = crate::synthetic::generate(100_000);
    let dir = sandbox.config_dir().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    let mut one = data.checklists[0].clone();
    one.sections = data.checklists.into_iter().flat_map(|c| c.sections).collect();
    // Section ids repeat across the generated lists; make them unique in the merged one.
    for (i, section) in one.sections.iter_mut().enumerate() {
        section.id = format!("section-{i}");
    }
    std::fs::write(dir.join("huge.ron"), crate::synthetic::checklist_ron(&one)).unwrap();
    let output =
        sandbox.bare_cmd().args(["list", "--checklist", "synthetic-0", "--stage", "recover"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = output.stdout.iter().filter(|&&b| b == b'\n').count();
    assert!(lines > 10_000, "about a sixth of 100,000 items are Recover: {lines}");
}

#[test]
fn an_old_version_1_file_loads_with_nothing_lost() {
    let path = fixture("progress-v1.ron");
    let progress = parse_progress(&path, &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(progress.version, 4, "read as the current version, which added projects, their readings and reviews");
    assert!(progress.projects.is_empty());
    assert_eq!(progress.items.len(), 3);
    let shell = &progress.items["devops-basics/linux-shell"];
    assert_eq!(shell.status, Status::Done);
    assert_eq!(shell.note, "Found logs in /var/log/nginx");
    assert_eq!(shell.evidence, "https://github.com/example/app");
    assert_eq!(progress.items["devops-basics/dockerfile"].status, Status::Learning);
    assert!(progress.items.contains_key("retired-list/old-item"), "progress of retired items is kept");
    assert_eq!(progress.history.len(), 4);

    // Used by the app, it is rewritten in the current version with every entry kept.
    let sandbox = Sandbox::new();
    sandbox.write_progress(&std::fs::read(&path).unwrap());
    sandbox.bare_cmd().args(["mark", "devops-basics/env-vars", "done"]).assert().success();
    let text = sandbox.progress_text();
    let after = sandbox.load_progress().unwrap();
    assert_eq!(after.items.len(), 4);
    assert_eq!(after.history.len(), 5);
    for (id, before) in &progress.items {
        assert_eq!(&after.items[id], before, "{id} changed");
    }
    assert!(text.contains("version: 4"), "{text}");

    // A project added to the upgraded file sits beside the old entries.
    sandbox.bare_cmd().args(["project", "add", "Weather app"]).assert().success();
    let with_project = sandbox.load_progress().unwrap();
    assert_eq!(with_project.projects.len(), 1);
    assert_eq!(with_project.items, after.items);
}

#[test]
fn concurrent_mark_processes_never_lose_each_others_changes() {
    let sandbox = Sandbox::new();
    let stages = ["build", "test", "ship", "run", "observe", "recover"];
    let ids: Vec<String> =
        stages.iter().flat_map(|s| [format!("fixture/{s}-one"), format!("fixture/{s}-two")]).collect();
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("skillgap"));
            cmd.env("SKILLGAP_DATA_DIR", sandbox.data_dir())
                .env("SKILLGAP_CONFIG_DIR", sandbox.config_dir())
                .arg("--checklists")
                .arg(common::fixture_dir())
                .args(["mark", id, "done"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let progress = sandbox.load_progress().unwrap();
    for id in &ids {
        assert_eq!(progress.items.get(id).map(|p| p.status), Some(Status::Done), "{id} was lost");
    }
    assert_eq!(progress.history.len(), ids.len());
}

/// A progress file with a long history, so each save writes a few hundred kilobytes and kills land
/// inside saves.
fn write_long_history(sandbox: &Sandbox) {
    let mut seed = skillgap::progress::Progress::default();
    let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    for i in 0..4000 {
        seed.history.push(skillgap::progress::HistoryEvent {
            item: format!("padding/item-{i}"),
            from: Status::Todo,
            to: Status::Done,
            at,
            undo: false,
        });
    }
    sandbox.write_progress(skillgap::store::to_ron(&seed).unwrap().as_bytes());
}

/// The median time of five runs of `run` (the first is cold), in microseconds.
fn median_micros(mut run: impl FnMut(usize)) -> u64 {
    let mut samples: Vec<u64> = (0..5)
        .map(|i| {
            let timed = Instant::now();
            run(i);
            timed.elapsed().as_micros() as u64
        })
        .collect();
    samples.sort_unstable();
    samples[2]
}

/// The progress file loads, holds every note whose save completed, and kept its whole history.
fn assert_saved(sandbox: &Sandbox, expected_notes: &std::collections::BTreeMap<String, String>, run: usize) {
    let progress =
        sandbox.load_progress().unwrap_or_else(|err| panic!("after run {run} the file does not load: {err}"));
    for (id, note) in expected_notes {
        assert_eq!(progress.items.get(id).map(|p| p.note.as_str()), Some(note.as_str()), "run {run}: {id}");
    }
    assert!(progress.history.len() >= 4000, "run {run}: history was cut");
}

/// Kills `skillgap mark` with SIGKILL at random moments, many times. After every kill the file must
/// load and hold every change whose command had exited successfully.
#[cfg(unix)]
#[test]
fn kill_dash_nine_during_saves_never_loses_a_saved_change() {
    let sandbox = Sandbox::new();
    write_long_history(&sandbox);
    let items: Vec<String> = ["build", "test", "ship", "run", "observe", "recover"]
        .iter()
        .flat_map(|s| [format!("fixture/{s}-one"), format!("fixture/{s}-two")])
        .collect();
    let mark = |item: &str, status: &str, note: &str| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("skillgap"));
        cmd.env("SKILLGAP_DATA_DIR", sandbox.data_dir())
            .env("SKILLGAP_CONFIG_DIR", sandbox.config_dir())
            .arg("--checklists")
            .arg(common::fixture_dir())
            .args(["mark", item, status, "--note", note])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    };
    // How long an uncontended run takes (median of five; the first is cold): kills are aimed at its
    // second half, where it saves.
    let run_time = median_micros(|i| assert!(mark(&items[i], "learning", "calibration").status().unwrap().success()));
    // The machine's speed drifts while the test runs (other jobs, caches), so the aim adapts: a run that
    // completed means the delay was too long, a kill that it may be too short. The steps settle at
    // about 85% kills, with enough completed runs to check that saved changes survive.
    let mut aim = 1.0_f64;

    let mut expected_notes: std::collections::BTreeMap<String, String> = Default::default();
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let (mut killed, mut completed, mut run) = (0, 0, 0);
    let started = Instant::now();
    while (killed < 200 || completed < 20) && run < 1000 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let item = &items[run % items.len()];
        let note = format!("run {run}");
        let status = if run % 2 == 0 { "done" } else { "learning" };
        let mut child = mark(item, status, &note).spawn().unwrap();
        // Between 40% and 110% of a normal run's time, scaled by the aim.
        let base = (run_time as f64 * aim) as u64;
        std::thread::sleep(Duration::from_micros(base * 2 / 5 + rng % (base * 7 / 10 + 1)));
        let finished = match child.try_wait().unwrap() {
            Some(status) => status.success(),
            None => {
                child.kill().unwrap();
                // It may still have finished between the check and the kill.
                child.wait().unwrap().success()
            }
        };
        if finished {
            completed += 1;
            aim = (aim * 0.85).max(0.05);
            expected_notes.insert(item.clone(), note);
        } else {
            killed += 1;
            aim = (aim * 1.03).min(5.0);
            // The change may or may not be on disk, but never half of it.
            expected_notes.remove(item);
        }
        assert_saved(&sandbox, &expected_notes, run);
        run += 1;
    }
    eprintln!(
        "crash test: {run} runs of {run_time} us (aim settled at {aim:.2}), {killed} killed with SIGKILL, \
         {completed} completed, {:?}",
        started.elapsed()
    );
    assert!(killed >= 200 && completed >= 20, "{killed} killed, {completed} completed in {run} runs");
    // The next save clears the temporary files killed writers left.
    assert!(mark(&items[0], "done", "last").status().unwrap().success());
    let leftovers: Vec<_> =
        walk(&sandbox.data_dir()).into_iter().filter(|p| p.to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files of killed writers are cleaned up: {leftovers:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("SKILLGAP_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
    ))]

    /// Arbitrary bytes never panic the progress parser, and what it refuses is named.
    #[test]
    fn progress_parser_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        refused_or_read(&bytes)?;
    }

    /// Mutations of a valid progress file (byte flips, cuts, insertions) never panic the parser.
    #[test]
    fn progress_parser_survives_mutated_valid_files(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = std::fs::read(fixture("progress-v1.ron")).unwrap();
        for (at, byte, kind) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match kind { 0 => bytes[i] = byte, 1 => bytes.truncate(i), _ => bytes.insert(i, byte) }
        }
        refused_or_read(&bytes)?;
    }

    /// Arbitrary text and mutations of a valid checklist never panic the checklist parser or validator.
    #[test]
    fn checklist_parser_survives_arbitrary_and_mutated_input(
        noise in ".{0,300}",
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>(), 0u8..3), 1..8)
    ) {
        checklist_refused_or_read(&noise)?;
        let mut text: Vec<char> = std::fs::read_to_string(common::fixture_dir().join("fixture.ron")).unwrap().chars().collect();
        for (at, c, kind) in edits {
            if text.is_empty() { break; }
            let i = at.index(text.len());
            match kind { 0 => text[i] = c, 1 => text.truncate(i), _ => text.insert(i, c) }
        }
        let text: String = text.into_iter().collect();
        checklist_refused_or_read(&text)?;
    }
}

/// Parses `bytes` as a progress file: either it reads, or the error names the file.
fn refused_or_read(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(err) = parse_progress(Path::new("fuzz.ron"), bytes) {
        prop_assert!(err.to_string().contains("fuzz.ron"), "{err}");
    }
    Ok(())
}

/// Parses `text` as a checklist: either it reads, or every problem names the file.
fn checklist_refused_or_read(text: &str) -> Result<(), TestCaseError> {
    if let Err(problems) = skillgap::catalog::parse_checklist("fuzz.ron", text) {
        prop_assert!(!problems.is_empty());
        prop_assert!(problems.iter().all(|p| p.file == "fuzz.ron" && p.to_string().starts_with("fuzz.ron")));
    }
    Ok(())
}
