//! The progress file: atomic saves, backups, refusal to overwrite what could not be read, two
//! writers on one folder, and a failing folder that recovers.

use crate::common;

use skillgap::catalog::load_catalog;
use skillgap::progress::{Change, Status};
use skillgap::store::{Store, StoreError, parse_progress};
use skillgap::tracker::Tracker;

fn open(dir: &std::path::Path) -> Tracker {
    let (catalog, problems) = load_catalog(&[common::fixture_dir()]);
    assert!(problems.is_empty(), "{problems:?}");
    Tracker::open(catalog, Store::new(dir)).unwrap()
}

#[test]
fn save_writes_a_versioned_file_that_reads_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker
        .apply(&[Change {
            item: "fixture/build-one".into(),
            status: Some(Status::Done),
            note: Some("ünïcode ✓\nline 2".into()),
            evidence: None,
        }])
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join("progress.ron")).unwrap();
    assert!(text.contains("version: 1"), "{text}");
    let back = parse_progress(&dir.path().join("progress.ron"), text.as_bytes()).unwrap();
    assert_eq!(&back, tracker.progress());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn the_previous_file_is_kept_as_bak_and_as_a_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let first = std::fs::read(dir.path().join("progress.ron")).unwrap();
    tracker.apply(&[Change::status("fixture/test-one", Status::Done)]).unwrap();
    assert_eq!(std::fs::read(dir.path().join("progress.ron.bak")).unwrap(), first);
    let backups = tracker.store().backups();
    assert_eq!(backups.len(), 2, "{backups:?}");
    assert!(backups[1].path.starts_with(dir.path().join("backups")));
}

#[test]
fn progress_of_items_no_checklist_has_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress.ron"),
        r#"(version: 1, items: {"gone/old-item": (status: done, changed: "2026-01-01T00:00:00Z", note: "keep me")}, history: [])"#,
    )
    .unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let text = std::fs::read_to_string(dir.path().join("progress.ron")).unwrap();
    assert!(text.contains("gone/old-item") && text.contains("keep me"), "{text}");
}

#[test]
fn an_unread_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("progress.ron"), "garbage").unwrap();
    let mut store = Store::new(dir.path());
    assert!(matches!(store.load(), Err(StoreError::Damaged { .. })));
    let err = store.save(&Default::default()).unwrap_err();
    assert!(matches!(err, StoreError::NotLoaded { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("progress.ron")).unwrap(), "garbage");
}

#[test]
fn two_writers_on_one_folder_keep_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = open(dir.path());
    let mut terminal = open(dir.path());
    window.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    terminal.apply(&[Change::status("fixture/test-one", Status::Learning)]).unwrap();
    window.apply(&[Change::status("fixture/ship-one", Status::Done)]).unwrap();

    let on_disk = open(dir.path());
    let status = |id: &str| on_disk.progress().items.get(id).map(|p| p.status);
    assert_eq!(status("fixture/build-one"), Some(Status::Done));
    assert_eq!(status("fixture/test-one"), Some(Status::Learning), "the terminal's change survived the window's save");
    assert_eq!(status("fixture/ship-one"), Some(Status::Done));
    assert_eq!(on_disk.progress().history.len(), 3);

    // And the window picks up a change made elsewhere without any change of its own.
    terminal.apply(&[Change::status("fixture/run-one", Status::Done)]).unwrap();
    assert!(window.reload_if_changed().unwrap());
    assert_eq!(window.progress().items["fixture/run-one"].status, Status::Done);
    assert!(!window.reload_if_changed().unwrap(), "nothing new the second time");
}

#[test]
fn a_failing_folder_keeps_changes_in_memory_and_a_retry_saves_them() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mut tracker = open(&data);
    // Then a file appears where the data folder should be: every save fails, even for root.
    std::fs::write(&data, "in the way").unwrap();
    let err = tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap_err();
    assert!(err.to_string().contains("cannot save progress"), "{err}");
    assert!(err.to_string().contains("kept in memory"), "{err}");
    assert!(tracker.has_unsaved_changes());
    assert_eq!(tracker.progress().items["fixture/build-one"].status, Status::Done);

    std::fs::remove_file(&data).unwrap();
    tracker.save().unwrap();
    assert!(!tracker.has_unsaved_changes());
    let text = std::fs::read_to_string(data.join("progress.ron")).unwrap();
    assert!(text.contains("fixture/build-one"), "{text}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_a_clear_error_when_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    let permissions_apply = std::fs::write(&probe, "x").is_err();
    let result = tracker.apply(&[Change::status("fixture/test-one", Status::Done)]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if permissions_apply {
        let err = result.unwrap_err();
        assert!(err.to_string().contains("cannot save progress"), "{err}");
        tracker.save().unwrap();
    } else {
        // Running as root: permissions do not stop writes, so the save simply succeeds.
        let _ = std::fs::remove_file(probe);
        result.unwrap();
    }
    let text = std::fs::read_to_string(dir.path().join("progress.ron")).unwrap();
    assert!(text.contains("fixture/test-one"));
}

#[test]
fn a_backup_already_linked_to_the_current_file_leaves_no_staged_file() {
    // A writer killed after linking the backup but before replacing the file leaves `.bak` and
    // `progress.ron` as one inode; the next save must not leave `progress.ron.bak.tmp` behind.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    let progress = store.load().unwrap();
    store.save(&progress).unwrap();
    std::fs::hard_link(dir.path().join("progress.ron"), dir.path().join("progress.ron.bak")).unwrap();
    store.save(&progress).unwrap();
    assert!(!dir.path().join("progress.ron.bak.tmp").exists());
    assert!(dir.path().join("progress.ron.bak").exists());
}

/// `summary`, `list` and `gaps` read progress without its history. Such a read can never be saved
/// as it is, and a change made after it still keeps every history event.
#[test]
fn progress_read_without_history_is_never_saved_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    tracker.apply(&[Change::status("fixture/test-one", Status::Learning)]).unwrap();
    let path = dir.path().join("progress.ron");
    let before = std::fs::read(&path).unwrap();

    // Twice: the first read parses the file, the second comes from the parse cache.
    for _ in 0..2 {
        let mut store = Store::new(dir.path());
        let current = store.load_without_history().unwrap();
        assert_eq!(current.items, tracker.progress().items, "the current state is all there");
        assert!(current.history.is_empty() || current.history == tracker.progress().history);
        assert!(matches!(store.save(&current), Err(StoreError::WithoutHistory { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
    }

    let (catalog, _) = load_catalog(&[common::fixture_dir()]);
    let mut shown = Tracker::open_without_history(catalog, Store::new(dir.path())).unwrap();
    assert!(shown.progress().history.is_empty(), "the cached read skips the history");
    shown.apply(&[Change::status("fixture/ship-one", Status::Done)]).unwrap();
    let saved = parse_progress(&path, &std::fs::read(&path).unwrap()).unwrap();
    let items: Vec<&str> = saved.history.iter().map(|event| event.item.as_str()).collect();
    assert_eq!(items, ["fixture/build-one", "fixture/test-one", "fixture/ship-one"]);
}
