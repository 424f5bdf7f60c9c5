//! The fold kept between runs (store/snapshot.rs) is a cache: whatever happens to the journals or to it,
//! what a run reads is what a fold of every line gives.

use crate::common;

use skillgap::catalog::load_catalog;
use skillgap::progress::{Change, Progress, Status};
use skillgap::store::Store;
use skillgap::tracker::Tracker;

/// The progress with the snapshot (config folder given) and without it (a full fold).
fn both(data: &std::path::Path, config: &std::path::Path) -> (Progress, Progress) {
    let (catalog, _) = load_catalog(&[common::fixture_dir()]);
    let with = Store::new(data, Some(config)).load(&catalog).unwrap();
    let without = Store::new(data, None).load(&catalog).unwrap();
    (with, without)
}

fn mark(data: &std::path::Path, config: &std::path::Path, item: &str, status: Status, at: i64) {
    let (catalog, _) = load_catalog(&[common::fixture_dir()]);
    let mut tracker = Tracker::open(catalog, Store::new(data, Some(config))).unwrap();
    let at = chrono::DateTime::from_timestamp(1_765_000_000 + at, 0).unwrap();
    tracker.apply_at(&[Change::status(item, status)], at).unwrap();
}

fn snapshots(config: &std::path::Path) -> Vec<std::path::PathBuf> {
    common::walk(&config.join("snapshots"))
}

#[test]
fn what_the_snapshot_gives_is_what_a_full_fold_gives_after_appends_edits_and_late_lines() {
    let root = tempfile::tempdir().unwrap();
    let (data, laptop, desktop) = (root.path().join("data"), root.path().join("laptop"), root.path().join("desktop"));
    mark(&data, &laptop, "fixture/build-one", Status::Done, 10);
    mark(&data, &desktop, "fixture/test-one", Status::Done, 20);
    let (with, without) = both(&data, &laptop);
    assert_eq!(with, without);
    assert_eq!(snapshots(&laptop).len(), 1, "kept for the next run");

    // Appended since: read on top of the snapshot.
    mark(&data, &laptop, "fixture/ship-one", Status::Learning, 30);
    let (with, without) = both(&data, &laptop);
    assert_eq!(with, without);

    // A line from another machine older than what was folded (its clock, or a late sync): a full fold.
    mark(&data, &desktop, "fixture/build-one", Status::Skipped, 5);
    let (with, without) = both(&data, &laptop);
    assert_eq!(with, without);
    assert_eq!(with.items["fixture/build-one"].status, Status::Done, "the older change is folded first");

    // A journal edited in place, to the same length: the snapshot is not trusted.
    let journals = common::walk(&data.join("journal"));
    for journal in &journals {
        let text = std::fs::read_to_string(journal).unwrap();
        std::fs::write(journal, text.replace("status:Some(learning)", "status:Some(skipped) ")).unwrap();
    }
    let (with, without) = both(&data, &laptop);
    assert_eq!(with, without);
    assert_eq!(with.items["fixture/ship-one"].status, Status::Skipped);
}

#[test]
fn a_damaged_or_foreign_snapshot_is_a_full_fold() {
    let root = tempfile::tempdir().unwrap();
    let (data, config) = (root.path().join("data"), root.path().join("config"));
    mark(&data, &config, "fixture/build-one", Status::Done, 10);
    mark(&data, &config, "fixture/test-one", Status::Learning, 20);
    both(&data, &config);
    let snapshot = snapshots(&config).pop().unwrap();
    let bytes = std::fs::read(&snapshot).unwrap();
    for damaged in [bytes[..bytes.len() / 2].to_vec(), vec![0; bytes.len()], b"not a snapshot".to_vec(), Vec::new()] {
        std::fs::write(&snapshot, &damaged).unwrap();
        let (with, without) = both(&data, &config);
        assert_eq!(with, without);
        assert_eq!(with.items["fixture/test-one"].status, Status::Learning);
    }
    // Another data folder's snapshot in its place: its files are not these.
    let other = root.path().join("other");
    mark(&other, &config, "fixture/ship-one", Status::Done, 30);
    both(&other, &config);
    let theirs = snapshots(&config).into_iter().find(|p| *p != snapshot).unwrap();
    std::fs::copy(&theirs, &snapshot).unwrap();
    let (with, without) = both(&data, &config);
    assert_eq!(with, without);
    assert!(!with.items.contains_key("fixture/ship-one"));
}

/// Review of this change, 6: a sync tool that puts back an older, shorter copy of a journal (or passes on
/// its deletion) takes changes away, and nothing said so. The machine that folded them says it, once.
#[test]
fn a_journal_shorter_than_last_read_or_gone_is_said_once() {
    let sandbox = common::Sandbox::new();
    for item in ["build-one", "test-one", "ship-one"] {
        sandbox.cmd().args(["mark", item, "done"]).assert().success();
    }
    let journal = sandbox.journal_file();
    let text = std::fs::read_to_string(&journal).unwrap();
    let first_line = text.lines().next().unwrap().to_owned() + "\n";
    std::fs::write(&journal, &first_line).unwrap();
    let output = sandbox.cmd().arg("summary").output().unwrap();
    let err = common::stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains(&format!("journal {} is shorter than when this machine last read it", journal.display())),
        "{err}"
    );
    assert!(err.contains("get the file back from the tool's history"), "{err}");
    assert!(common::stderr(&sandbox.cmd().arg("summary").output().unwrap()).is_empty(), "said once");

    std::fs::remove_file(&journal).unwrap();
    let err = common::stderr(&sandbox.cmd().arg("summary").output().unwrap());
    assert!(err.contains("is gone since this machine last read it"), "{err}");
}
