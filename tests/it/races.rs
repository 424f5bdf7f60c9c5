//! Several writers on one data folder at once, killed at random moments, while something deletes the
//! folder's lock file under them (hostile-input review F6): every change whose command exited
//! successfully is on disk at the end.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::{self, Sandbox};
use skillgap::store::LOCK_FILE;

const WRITERS: usize = 4;
const RUNS_PER_WRITER: usize = 200;

/// What happened to one item's last changes, in the order one writer made them.
#[derive(Default)]
struct ItemLog {
    /// The note of the last `mark` that exited successfully.
    acknowledged: Option<String>,
    /// Notes of killed runs after it: each may or may not have reached the disk.
    maybe: Vec<String>,
}

fn mark(sandbox: &Sandbox, item: &str, note: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("skillgap"));
    cmd.env("SKILLGAP_DATA_DIR", sandbox.data_dir())
        .env("SKILLGAP_CONFIG_DIR", sandbox.config_dir())
        .arg("--checklists")
        .arg(common::fixture_dir())
        .args(["mark", item, "done", "--note", note])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// One writer: `RUNS_PER_WRITER` marks of its own three items, every other one killed at a random
/// moment. Returns its items' logs, the number of kills, and the errors of runs that failed unkilled.
fn writer(sandbox: &Sandbox, writer: usize, run_time: Duration) -> (BTreeMap<String, ItemLog>, usize, Vec<String>) {
    let stages = ["build", "test", "ship", "run", "observe", "recover"];
    let items: Vec<String> = (0..3)
        .map(|k| format!("fixture/{}-{}", stages[(writer * 3 + k) % 6], ["one", "two"][(writer * 3 + k) / 6 % 2]))
        .collect();
    let mut logs: BTreeMap<String, ItemLog> = BTreeMap::new();
    let (mut kills, mut failures) = (0, Vec::new());
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64 ^ (writer as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d);
    for run in 0..RUNS_PER_WRITER {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let item = &items[run % items.len()];
        let note = format!("writer {writer} run {run}");
        let mut child = mark(sandbox, item, &note).spawn().unwrap();
        let log = logs.entry(item.clone()).or_default();
        if run % 2 == 1 {
            // Within the time one run took when measured, so most kills land in a run: an append is quick,
            // and kills aimed past its end (as when this was a whole-file rewrite) missed a third of the time.
            std::thread::sleep(Duration::from_micros(rng % (run_time.as_micros() as u64 * 9 / 10 + 1)));
            child.kill().ok();
        }
        let output = child.wait_with_output().unwrap();
        if output.status.success() {
            *log = ItemLog { acknowledged: Some(note), maybe: Vec::new() };
        } else if run % 2 == 1 {
            kills += 1;
            log.maybe.push(note);
        } else {
            failures.push(common::stderr(&output));
        }
    }
    (logs, kills, failures)
}

#[cfg(unix)]
#[test]
fn concurrent_writers_killed_at_random_with_the_lock_deleted_under_them_lose_no_saved_change() {
    let sandbox = Arc::new(Sandbox::new());
    assert!(mark(&sandbox, "fixture/build-one", "first").status().unwrap().success());
    let started = Instant::now();
    assert!(mark(&sandbox, "fixture/build-one", "timing").status().unwrap().success());
    let run_time = started.elapsed();

    let stop = Arc::new(AtomicBool::new(false));
    let deleter = {
        let (stop, lock) = (stop.clone(), sandbox.data_dir().join(LOCK_FILE));
        std::thread::spawn(move || {
            // A lock file is created, replaced and deleted as a sync client or a cleanup script would.
            let mut deleted = 0;
            while !stop.load(Ordering::Relaxed) {
                std::fs::write(&lock, b"").ok();
                std::thread::sleep(Duration::from_micros(500));
                deleted += usize::from(std::fs::remove_file(&lock).is_ok());
                std::thread::sleep(Duration::from_micros(500));
            }
            deleted
        })
    };
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let sandbox = sandbox.clone();
            std::thread::spawn(move || writer(&sandbox, w, run_time))
        })
        .collect();
    let results: Vec<_> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    stop.store(true, Ordering::Relaxed);
    let deleted = deleter.join().unwrap();

    let progress = sandbox.load_progress().unwrap();
    let kills: usize = results.iter().map(|r| r.1).sum();
    let failures: Vec<&String> = results.iter().flat_map(|r| &r.2).collect();
    eprintln!(
        "races: {WRITERS} writers x {RUNS_PER_WRITER} runs of ~{run_time:?}, {kills} killed, {} failed, lock deleted \
         {deleted} times, in {:?}",
        failures.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "{} marks that were not killed failed, first: {:?}", failures.len(), failures.first());
    assert!(kills >= 200, "only {kills} kills: the test did not test");
    for (item, log) in results.iter().flat_map(|r| &r.0) {
        let on_disk = progress.items.get(item).map(|p| p.note.clone());
        let allowed: Vec<Option<String>> =
            std::iter::once(log.acknowledged.clone()).chain(log.maybe.iter().cloned().map(Some)).collect();
        assert!(allowed.contains(&on_disk), "{item}: on disk {on_disk:?}, acknowledged {:?}", log.acknowledged);
    }
}
