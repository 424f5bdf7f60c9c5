//! The progress file: atomic saves, backups, refusal to overwrite what could not be read, two
//! writers on one folder, and a failing folder that recovers.

use crate::common;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use skillgap::catalog::load_catalog;
use skillgap::progress::{CURRENT_VERSION, Change, HistoryEvent, ItemProgress, Progress, ReviewEvent, Status};
use skillgap::project::{Project, ProjectItem, ProjectStatus, Reading, ReadingSource};
use skillgap::review::Rating;
use skillgap::store::{Store, StoreError, parse_progress};

use common::{journal_in as journal, open_tracker as open};

#[test]
fn a_change_is_one_line_in_this_machines_journal_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    let note = "ünïcode ✓\nline 2 \"quoted\"";
    tracker
        .apply(&[Change {
            item: "fixture/build-one".into(),
            status: Some(Status::Done),
            note: Some(note.into()),
            ..Change::default()
        }])
        .unwrap();
    tracker.apply(&[Change::status("fixture/test-one", Status::Learning)]).unwrap();
    let text = std::fs::read_to_string(journal(dir.path())).unwrap();
    assert_eq!(text.lines().count(), 2, "one line a change: {text}");
    assert!(
        text.starts_with("(seq:1,at:\"") && text.contains("change:Edit(Item((item:\"fixture/build-one\""),
        "{text}"
    );
    assert_eq!(open(dir.path()).progress(), tracker.progress(), "what is read back is what was applied");
    assert!(!dir.path().join("progress.ron").exists(), "no progress file is written any more");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn a_daily_backup_of_the_progress_is_kept_per_machine() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    tracker.apply(&[Change::status("fixture/test-one", Status::Done)]).unwrap();
    let backups = tracker.store().backups();
    assert_eq!(backups.len(), 1, "one a day: {backups:?}");
    let id = std::fs::read_to_string(dir.path().join("machine-id")).unwrap();
    let name = backups[0].path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, format!("progress-{}-{}.ron", Utc::now().format("%Y-%m-%d"), id.trim()));
    let text = std::fs::read(&backups[0].path).unwrap();
    assert_eq!(parse_progress(&backups[0].path, &text).unwrap().items["fixture/build-one"].status, Status::Done);
}

/// A progress file of a version before journals is read as it is, and at the first change carried over
/// whole into the journal; the file itself is kept, byte for byte, in `backups/`.
#[test]
fn a_progress_file_of_a_version_before_journals_is_carried_over_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let old = r#"(version: 1, items: {"gone/old-item": (status: done, changed: "2026-01-01T00:00:00Z", note: "keep me")}, history: [])"#;
    std::fs::write(dir.path().join("progress.ron"), old).unwrap();
    let mut tracker = open(dir.path());
    assert_eq!(tracker.progress().items["gone/old-item"].note, "keep me", "read before any change");
    assert!(!dir.path().join("journal").exists(), "reading writes nothing");
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    assert!(!dir.path().join("progress.ron").exists(), "carried over");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("progress-before-journals-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), old, "kept as it was");
    let reopened = open(dir.path());
    assert_eq!(reopened.progress().items["gone/old-item"].note, "keep me");
    assert_eq!(reopened.progress().items["fixture/build-one"].status, Status::Done);
    assert_eq!(reopened.progress(), tracker.progress());
}

#[test]
fn a_journal_with_a_line_that_does_not_read_is_never_added_to() {
    let dir = tempfile::tempdir().unwrap();
    open(dir.path()).apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let path = journal(dir.path());
    let damaged = format!("{}(seq: 2, at: \"yesterday\")\n", std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &damaged).unwrap();
    let (catalog, _) = load_catalog(&[common::fixture_dir()]);
    let mut store = Store::new(dir.path(), None);
    let err = store.load(&catalog).unwrap_err();
    assert!(err.to_string().starts_with(&format!("journal {}:2:", path.display())), "{err}");
    let _lock = store.lock().unwrap();
    let err = store.append(&[], &Progress::default()).unwrap_err();
    assert!(matches!(err, StoreError::NotLoaded { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
}

/// A complete line with bytes that are not UTF-8 is damage too, placed; the same bytes in a last line still
/// being delivered are not.
#[test]
fn a_journal_line_that_is_not_utf8_is_placed_and_a_tail_that_is_not_yet_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    open(dir.path()).apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let path = journal(dir.path());
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, [good.as_slice(), b"(seq: 2, at: \xff\xfe"].concat()).unwrap();
    assert_eq!(open(dir.path()).progress().items["fixture/build-one"].status, Status::Done, "pending");
    std::fs::write(&path, [good.as_slice(), b"(seq: 2, at: \xff\xfe\n"].concat()).unwrap();
    let (catalog, _) = load_catalog(&[common::fixture_dir()]);
    let err = Store::new(dir.path(), None).load(&catalog).unwrap_err().to_string();
    assert!(err.starts_with(&format!("journal {}:2:14 cannot be read: not UTF-8 text", path.display())), "{err}");
}

/// Another machine's clock is a day ahead: its change of an item carries tomorrow's time. A change made
/// here after it arrived still wins, as the person meant, and stays after it in the history.
#[test]
fn a_change_made_after_seeing_another_wins_even_when_that_one_is_dated_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(1);
    let ahead = skillgap::journal::Entry {
        seq: 1,
        at: tomorrow,
        change: skillgap::journal::Record::Edit(Change::status("fixture/build-one", Status::Learning).into()),
    };
    std::fs::create_dir_all(dir.path().join("journal")).unwrap();
    std::fs::write(dir.path().join("journal/aaaaaaaaaaaaaaaa.ron"), ahead.to_line().unwrap() + "\n").unwrap();
    let mut tracker = open(dir.path());
    assert_eq!(tracker.progress().items["fixture/build-one"].status, Status::Learning);
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let reopened = open(dir.path());
    assert_eq!(reopened.progress().items["fixture/build-one"].status, Status::Done, "the change made after it");
    let last = reopened.progress().history.last().unwrap();
    assert!(last.to == Status::Done && last.at > tomorrow, "{:?}", reopened.progress().history);
}

/// Review of this change, 2: a restore moved another machine's damaged journal aside; a sync tool passed
/// the move on and that machine's later changes were lost. Now only this machine's own journal (or a
/// progress file) is moved; another's is named, with what to do, and left alone.
#[test]
fn a_restore_never_moves_another_machines_journal_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap();
    let backup = tracker.store().backups()[0].path.clone();
    let theirs = dir.path().join("journal/aaaaaaaaaaaaaaaa.ron");
    std::fs::write(&theirs, "(seq: 1, at: \"not a time\")\n").unwrap();
    let (catalog, _) = load_catalog(&[common::fixture_dir()]);
    let err = Store::new(dir.path(), None).restore(&catalog, &backup).unwrap_err().to_string();
    assert!(err.contains(&format!("journal {}:1:", theirs.display())), "what is wrong: {err}");
    assert!(err.contains("another machine's journal") && err.contains("Undo the edit"), "{err}");
    assert!(theirs.exists(), "left where it is");

    // This machine's own damaged journal is moved aside, and the backup comes back.
    std::fs::remove_file(&theirs).unwrap();
    let mine = journal(dir.path());
    let text = std::fs::read_to_string(&mine).unwrap();
    std::fs::write(&mine, format!("{text}(seq: 9, at: \"not a time\")\n")).unwrap();
    let restored = Store::new(dir.path(), None).restore(&catalog, &backup).unwrap();
    assert_eq!(restored.items["fixture/build-one"].status, Status::Done);
    let aside = std::fs::read_dir(dir.path().join("journal")).unwrap().filter_map(Result::ok);
    assert!(aside.into_iter().any(|e| e.file_name().to_string_lossy().contains(".damaged-")), "its bytes kept");
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

/// Hostile-input review F20: a change replayed by a merge kept its time but was appended after the
/// events saved meanwhile, so the history (and the Progress plot) stepped back in time.
#[test]
fn history_stays_in_time_order_after_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = open(dir.path());
    let mut terminal = open(dir.path());
    let at =
        |minute: u32| chrono::DateTime::parse_from_rfc3339(&format!("2026-11-20T10:{minute:02}:00Z")).unwrap().to_utc();
    window.apply_at(&[Change::status("fixture/build-one", Status::Done)], at(0)).unwrap();
    terminal.apply_at(&[Change::status("fixture/test-one", Status::Done)], at(20)).unwrap();
    // The window's change of 10:10 reaches the disk after the terminal's of 10:20.
    window.apply_at(&[Change::status("fixture/ship-one", Status::Done)], at(10)).unwrap();

    let on_disk = open(dir.path());
    let history = &on_disk.progress().history;
    let times: Vec<_> = history.iter().map(|e| e.at).collect();
    assert_eq!(times, [at(0), at(10), at(20)], "{history:?}");
}

#[test]
fn a_failing_folder_keeps_changes_in_memory_and_a_retry_saves_them() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mut tracker = open(&data);
    // Then a file appears where the data folder should be: every save fails, even for root.
    std::fs::write(&data, "in the way").unwrap();
    let err = tracker.apply(&[Change::status("fixture/build-one", Status::Done)]).unwrap_err();
    assert!(err.to_string().contains(&format!("cannot save progress to {}", data.display())), "{err}");
    assert!(err.to_string().contains("The file still holds what it held before"), "{err}");
    assert!(tracker.has_unsaved_changes());
    assert_eq!(tracker.progress().items["fixture/build-one"].status, Status::Done);

    std::fs::remove_file(&data).unwrap();
    tracker.save().unwrap();
    assert!(!tracker.has_unsaved_changes());
    let text = std::fs::read_to_string(journal(&data)).unwrap();
    assert!(text.contains("fixture/build-one"), "{text}");
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![Just(Status::Todo), Just(Status::Learning), Just(Status::Done), Just(Status::Skipped)]
}

/// Times from before year 0 to after 9999, with whole seconds, milli-, micro- and nanoseconds, and leap
/// seconds (chrono allows them on a minute's 59th second).
fn time() -> impl Strategy<Value = DateTime<Utc>> {
    let nanos = prop_oneof![
        Just(0u32),
        (1u32..1000).prop_map(|ms| ms * 1_000_000),
        (1u32..1_000_000).prop_map(|us| us * 1_000),
        0u32..1_000_000_000,
    ];
    let seconds = prop_oneof![0i64..4_000_000_000, -70_000_000_000i64..300_000_000_000];
    let plain = (seconds, nanos).prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap());
    let leap = (0i64..60_000_000, 1_000_000_000u32..2_000_000_000)
        .prop_map(|(minute, ns)| DateTime::from_timestamp(minute * 60 + 59, ns).unwrap());
    prop_oneof![4 => plain, 1 => leap]
}

/// Empty, id-like, any text at all, and text full of quotes, backslashes, newlines and combining marks.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z/-]{1,12}", any::<String>(), "\\PC{0,8}[\"'\\\\\n\t\u{301}]\\PC{0,8}"]
}

fn progress() -> impl Strategy<Value = Progress> {
    let item = (status(), time(), text(), text()).prop_map(|(status, changed, note, evidence)| ItemProgress {
        status,
        changed,
        note,
        evidence,
    });
    let event = (text(), status(), status(), time(), any::<bool>())
        .prop_map(|(item, from, to, at, undo)| HistoryEvent { item, from, to, at, undo });
    let review = (text(), time(), prop::sample::select(Rating::ALL.to_vec()))
        .prop_map(|(item, at, rating)| ReviewEvent { item, at, rating });
    let project_item = (prop::sample::select(ProjectStatus::ALL.to_vec()), time(), text(), text())
        .prop_map(|(status, changed, note, evidence)| ProjectItem { status, changed, note, evidence });
    let source = prop_oneof![Just(ReadingSource::Scan), Just(ReadingSource::Check)];
    let reading =
        (time(), source, any::<u8>(), any::<u8>(), any::<usize>(), any::<usize>(), prop::collection::vec(text(), 0..3))
            .prop_map(|(at, by, readiness, level, done, applicable, gone)| Reading {
                at,
                by,
                readiness,
                level,
                done,
                applicable,
                gone,
            });
    // Ids are what skillgap makes (a slug, unique: the reader refuses others); every other field is any text.
    let project = (
        ("[a-zà-öø-ÿ0-9]{1,8}(-[a-z0-9]{1,4}){0,2}", text(), text(), text(), text()),
        time(),
        prop::collection::btree_map(text(), project_item, 0..4),
        prop::collection::vec(reading, 0..3),
    )
        .prop_map(|((id, name, repository, folder, checklist), created, items, readings)| Project {
            id,
            name,
            repository,
            folder,
            checklist,
            created,
            items,
            readings,
        });
    (
        prop::collection::btree_map(text(), item, 0..8),
        prop::collection::vec(event, 0..8),
        prop::collection::vec(review, 0..4),
        prop::collection::vec(project, 0..3).prop_map(|projects| {
            let mut seen = std::collections::BTreeSet::new();
            projects.into_iter().filter(|p| seen.insert(p.id.clone())).collect::<Vec<_>>()
        }),
    )
        .prop_map(|(items, history, reviews, projects)| Progress {
            version: CURRENT_VERSION,
            items,
            history,
            projects,
            reviews,
        })
}

proptest! {
    /// Whatever a person's progress holds, a backup of it restored (one journal line holding it all)
    /// reads back the same.
    #[test]
    fn any_progress_restored_reads_back_the_same(progress in progress()) {
        let dir = tempfile::tempdir().unwrap();
        let backup = dir.path().join("backup.ron");
        std::fs::write(&backup, skillgap::store::to_ron(&progress).unwrap()).unwrap();
        let catalog = skillgap::catalog::Catalog::default();
        let data = dir.path().join("data");
        prop_assert_eq!(&Store::new(&data, None).restore(&catalog, &backup).unwrap(), &progress);
        prop_assert_eq!(Store::new(&data, None).load(&catalog).unwrap(), progress);
    }

    /// Whatever notes and links a person writes, each change is one journal line and reads back the same.
    #[test]
    fn any_note_and_link_reads_back_the_same(changes in prop::collection::vec((text(), text()), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let mut tracker = open(dir.path());
        for (note, evidence) in &changes {
            let change = Change {
                item: "fixture/build-one".into(),
                note: Some(note.clone()),
                evidence: Some(evidence.clone()),
                ..Change::default()
            };
            tracker.apply(&[change]).unwrap();
        }
        let reopened = open(dir.path());
        prop_assert_eq!(reopened.progress(), tracker.progress());
    }
}

/// A backup is a file a person may open in an editor: one field a line, items and history events each
/// over lines of their own, empty notes and links left out.
#[test]
fn the_progress_file_is_pretty_ron_a_person_can_read_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = open(dir.path());
    let at = DateTime::from_timestamp(1_763_900_000, 123_000_000).unwrap();
    tracker.apply_at(&[Change::status("fixture/build-one", Status::Done)], at).unwrap();
    let note = Change { item: "fixture/test-one".into(), note: Some("a \"quoted\" note".into()), ..Change::default() };
    tracker.apply_at(&[note], at).unwrap();
    let text = skillgap::store::to_ron(tracker.progress()).unwrap();
    assert_eq!(
        text,
        r#"(
  version: 4,
  items: {
    "fixture/build-one": (
      status: done,
      changed: "2025-11-23T12:13:20.123Z",
    ),
    "fixture/test-one": (
      status: todo,
      changed: "2025-11-23T12:13:20.123Z",
      note: "a \"quoted\" note",
    ),
  },
  history: [
    (
      item: "fixture/build-one",
      from: todo,
      to: done,
      at: "2025-11-23T12:13:20.123Z",
    ),
  ],
)"#
    );
}

/// Hostile-input review F13, F14: a FIFO, a folder or a huge file where a progress file is expected is a
/// clear error at once, never a hang and never read whole.
#[cfg(unix)]
#[test]
fn a_fifo_a_folder_or_a_huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let huge = dir.path().join("huge.ron");
    std::fs::File::create(&huge).unwrap().set_len(65 * 1024 * 1024).unwrap();
    let folder = dir.path().join("folder.ron");
    std::fs::create_dir(&folder).unwrap();
    let data = dir.path().join("data");
    for (path, expected) in
        [(&fifo, "not a regular file"), (&folder, "not a regular file"), (&huge, "larger than 64 MiB")]
    {
        let err = Store::new(&data, None).restore(&Default::default(), path).unwrap_err().to_string();
        assert!(err.contains(&path.display().to_string()) && err.contains(expected), "{err}");
    }
    std::fs::create_dir_all(data.join("journal")).unwrap();
    let journal_fifo = data.join("journal/0123456789abcdef.ron");
    assert!(std::process::Command::new("mkfifo").arg(&journal_fifo).status().unwrap().success());
    let progress = Store::new(&data, None).load(&Default::default()).unwrap();
    assert!(progress.items.is_empty(), "a FIFO named like a journal is not read (nor waited on)");
    std::fs::rename(&fifo, data.join("progress.ron")).unwrap();
    let err = Store::new(&data, None).load(&Default::default()).unwrap_err().to_string();
    assert!(err.contains("not a regular file"), "{err}");
}

/// Hostile-input review U2: a byte-order mark, as Windows Notepad writes one, made a good file unreadable.
#[test]
fn a_progress_file_or_checklist_with_a_byte_order_mark_reads() {
    let v1 = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/progress-v1.ron")).unwrap();
    let progress = parse_progress(std::path::Path::new("bom.ron"), format!("\u{feff}{v1}").as_bytes()).unwrap();
    assert_eq!(progress.items["devops-basics/linux-shell"].status, Status::Done);
    let checklist = std::fs::read_to_string(common::fixture_dir().join("fixture.ron")).unwrap();
    assert!(skillgap::catalog::parse_checklist("bom.ron", &format!("\u{feff}{checklist}")).is_ok());
}

/// Hostile-input review F7 once kept a `progress.ron` linked into a synced folder a link. With journals the
/// whole data folder is what is synced: a linked progress file is carried over like any other, the file
/// it points to is never written, and a report never replaces it.
#[cfg(unix)]
#[test]
fn a_linked_progress_file_is_carried_over_and_its_target_never_written() {
    let root = tempfile::tempdir().unwrap();
    let (data, synced) = (root.path().join("data"), root.path().join("Sync"));
    std::fs::create_dir_all(&synced).unwrap();
    let old =
        r#"(version: 1, items: {"fixture/build-one": (status: done, changed: "2026-01-01T00:00:00Z")}, history: [])"#;
    std::fs::write(synced.join("progress.ron"), old).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(synced.join("progress.ron"), data.join("progress.ron")).unwrap();

    let mut tracker = open(&data);
    assert_eq!(tracker.progress().items["fixture/build-one"].status, Status::Done, "read through the link");
    tracker.apply(&[Change::status("fixture/test-one", Status::Done)]).unwrap();
    assert_eq!(open(&data).progress().items["fixture/build-one"].status, Status::Done, "carried over");
    assert_eq!(std::fs::read_to_string(synced.join("progress.ron")).unwrap(), old, "never written");
    let report = skillgap::store::write_output(&data.join("journal"), b"# report", &data);
    assert!(report.is_err(), "a report never replaces the journals");
}
