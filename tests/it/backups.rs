//! Backups: listed newest first, pruned only by the names skillgap writes, a restore of a missing file
//! refused with nothing changed.

use crate::common;

use skillgap::progress::{Change, Status};
use skillgap::store::Store;

use common::{journal_in as journal, open_tracker as open};

/// Hostile-input review F4: `restore` of a path that does not exist restored empty progress.
#[test]
fn restoring_a_backup_that_does_not_exist_is_an_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let before = std::fs::read(journal(dir.path())).unwrap();
    let backups_before = tracker.store().backups();
    let typo = dir.path().join("backups/progress-2026-11-32.ron");
    let catalog = skillgap::catalog::Catalog::default();
    let err = Store::new(dir.path(), None).restore(&catalog, &typo).unwrap_err().to_string();
    assert!(err.contains(&format!("cannot restore {}: it does not exist", typo.display())), "{err}");
    assert!(err.contains("skillgap backups"), "says what to do: {err}");
    assert_eq!(std::fs::read(journal(dir.path())).unwrap(), before);
    assert_eq!(tracker.store().backups(), backups_before, "nothing was kept aside for a restore that did not happen");
}

/// Hostile-input review F5: backups were listed by name, so `progress-before-restore-*` files sorted above
/// newer daily ones and "Restore latest backup" took a months-old state.
#[test]
fn backups_are_listed_newest_first_by_when_they_were_written() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let now = std::time::SystemTime::now();
    let day = std::time::Duration::from_secs(86_400);
    for (name, age_days) in [
        ("progress-before-restore-2026-01-05T10-00-00.ron", 300),
        ("progress-2026-11-20.ron", 3),
        ("progress-2026-11-22.ron", 1),
        ("progress-2026-11-21.ron", 2),
    ] {
        let path = backups.join(name);
        std::fs::write(&path, "(version: 1)").unwrap();
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(now - day * age_days).unwrap();
    }
    let listed: Vec<String> = Store::new(dir.path(), None)
        .backups()
        .iter()
        .map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listed,
        [
            "progress-2026-11-22.ron",
            "progress-2026-11-21.ron",
            "progress-2026-11-20.ron",
            "progress-before-restore-2026-01-05T10-00-00.ron"
        ]
    );
}

/// Hostile-input review F18: pruning took any `progress-2*.ron` for a daily backup, so a sync client's
/// conflicted copy was deleted, and a far-future name was kept for ever instead of a real day.
#[test]
fn pruning_keeps_files_the_app_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for day in 1..=20 {
        std::fs::write(backups.join(format!("progress-2025-01-{day:02}.ron")), "(version: 1)").unwrap();
    }
    let foreign = ["progress-2999-01-01.ron", "progress-2025-01-05 (conflicted copy).ron"];
    for name in foreign {
        std::fs::write(backups.join(name), "(version: 1)").unwrap();
    }
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    tracker.apply(&[Change::status("fixture/test-one", Status::Done)]).unwrap();
    for name in foreign {
        assert!(backups.join(name).exists(), "{name} was deleted");
    }
    let daily = std::fs::read_dir(&backups)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name().to_string_lossy().into_owned();
            name.starts_with("progress-20") && !name.contains("conflicted") && !name.starts_with("progress-2999")
        })
        .count();
    assert_eq!(daily, 14, "the 14 newest days the app wrote are kept (today's under this machine's id)");
    assert!(!backups.join("progress-2025-01-01.ron").exists(), "the oldest go");
    let listed: Vec<_> = tracker.store().backups().into_iter().map(|b| b.path).collect();
    for name in foreign {
        assert!(listed.contains(&backups.join(name)), "{name} is listed");
    }
}
