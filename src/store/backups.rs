//! Backups: whole progress files in `backups/` of the data folder, written by this machine. A daily copy
//! (the first save of each day), a copy before a restore and before a project is removed, and the
//! progress file of a version before journals, kept when it was carried over. `skillgap restore` reads
//! any of them back. Each machine names its daily copies with its id, so two machines syncing one folder
//! never write one file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::files::{atomic_write, read_limited};
use super::format::{encode, parse_progress};
use super::{Store, StoreError};
use crate::catalog::Catalog;
use crate::journal::Record;
use crate::progress::{Progress, Status};

pub(super) const BACKUP_DIR: &str = "backups";
/// What versions before journals kept of the previous save; listed when one is still there.
const OLD_BACKUP_FILE: &str = "progress.ron.bak";
/// Daily backups kept in `backups/`, per machine.
const DAILY_BACKUPS_KEPT: usize = 14;

/// One backup file, as `skillgap backups` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub modified: Option<DateTime<Utc>>,
    pub bytes: u64,
}

/// What a backup would bring back, for the window's offer to restore it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupOffer {
    pub backup: Backup,
    /// Items marked done in it.
    pub done: usize,
}

impl Store {
    /// Keeps `progress` in `backups/progress-before-WHAT-TIME.ron` (listed by `skillgap backups`,
    /// brought back with `skillgap restore`), and returns its path.
    pub(crate) fn keep_copy(&self, what: &str, progress: &Progress) -> Result<PathBuf, StoreError> {
        let keep = self
            .dir
            .join(BACKUP_DIR)
            .join(format!("progress-before-{what}-{}.ron", Utc::now().format("%Y-%m-%dT%H-%M-%S")));
        write_backup(&keep, progress)?;
        Ok(keep)
    }

    /// Keeps `progress` as this machine's copy of the day, unless it has one, and prunes old ones.
    pub(super) fn keep_daily(&self, machine: &str, progress: &Progress) -> Result<(), StoreError> {
        let daily_dir = self.dir.join(BACKUP_DIR);
        let today = daily_dir.join(daily_name(Utc::now().date_naive(), machine));
        if today.exists() {
            return Ok(());
        }
        write_backup(&today, progress)?;
        prune_daily_backups(&daily_dir, machine).map_err(|error| StoreError::Write { path: today, error })
    }

    /// The backups, newest first by when they were written: the daily copies, copies kept before a restore
    /// or a removal, and any other `.ron` file in `backups/` (a sync tool's conflict copy of one, say).
    pub fn backups(&self) -> Vec<Backup> {
        let mut found: Vec<Backup> = Vec::new();
        let describe = |path: PathBuf| {
            let meta = fs::metadata(&path).ok()?;
            meta.is_file().then(|| Backup {
                modified: meta.modified().ok().map(DateTime::<Utc>::from),
                bytes: meta.len(),
                path,
            })
        };
        found.extend(describe(self.dir.join(OLD_BACKUP_FILE)));
        if let Ok(entries) = fs::read_dir(self.dir.join(BACKUP_DIR)) {
            let mut kept: Vec<Backup> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .filter_map(describe)
                .collect();
            kept.sort_by(|a, b| b.path.cmp(&a.path));
            found.extend(kept);
        }
        // Stable: among equal times, names in reverse order stay where they are.
        found.sort_by_key(|backup| std::cmp::Reverse(backup.modified));
        found
    }

    /// Puts a backup back, for every machine: the progress from now on is the backup's (changes made
    /// after apply on top). What there was is kept in `backups/` first; a damaged file is moved aside
    /// (its bytes kept), as restoring is how a person gets past one.
    pub fn restore(&mut self, catalog: &Catalog, backup: &Path) -> Result<Progress, StoreError> {
        let restored = read_backup(backup)?;
        let _lock = self.lock()?;
        let mut tries = 0;
        let current = loop {
            match self.load(catalog) {
                Ok(current) => break current,
                Err(StoreError::Damaged { .. } | StoreError::DamagedJournal { .. }) if tries < 100 => {
                    self.move_aside()?;
                    tries += 1;
                }
                Err(err) => return Err(err),
            }
        };
        if self.has_progress() {
            self.keep_copy("restore", &current)?;
        }
        let at = self.stamp(Utc::now());
        self.append_records(vec![(Record::Restore(Box::new(restored.clone())), at)])?;
        Ok(restored)
    }

    /// The newest backup that reads, and how many items it has done: what restoring the latest backup
    /// brings back.
    pub(crate) fn newest_readable_backup(&self) -> Option<BackupOffer> {
        self.backups().into_iter().find_map(|backup| {
            let progress = read_backup(&backup.path).ok()?;
            let done = progress.items.values().filter(|item| item.status == Status::Done).count();
            Some(BackupOffer { backup, done })
        })
    }
}

/// Writes `progress` as a backup at `path` (its folder made if need be), whole or not at all: a copy cut
/// short by a full disk would be listed as a backup.
fn write_backup(path: &Path, progress: &Progress) -> Result<(), StoreError> {
    let write_error = |error| StoreError::Write { path: path.to_path_buf(), error };
    fs::create_dir_all(super::files::folder_of(path)).map_err(write_error)?;
    let text = encode(progress, path)?;
    atomic_write(path, text.as_bytes()).map_err(write_error)
}

/// A backup's progress, or why it cannot be restored.
pub(super) fn read_backup(path: &Path) -> Result<Progress, StoreError> {
    match read_limited(path) {
        Ok(bytes) => parse_progress(path, &bytes).map_err(|err| match err {
            StoreError::Damaged { path, pos, message } => StoreError::NotABackup { path, pos, message },
            other => other,
        }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Err(StoreError::NoBackup { path: path.to_path_buf() }),
        Err(source) => Err(StoreError::Read { path: path.to_path_buf(), error: source }),
    }
}

fn daily_name(date: chrono::NaiveDate, machine: &str) -> String {
    format!("progress-{}-{machine}.ron", date.format("%Y-%m-%d"))
}

/// Keeps this machine's newest [`DAILY_BACKUPS_KEPT`] daily backups. Only files named as the app names
/// them (`progress-YYYY-MM-DD-MACHINE.ron`, a real date not after today; `progress-YYYY-MM-DD.ron` from
/// versions before journals) count; anything else in the folder, another machine's copies or a sync
/// client's conflicted copy, is never deleted.
fn prune_daily_backups(dir: &Path, machine: &str) -> io::Result<()> {
    let today = Utc::now().date_naive();
    let date_of = |name: &str| {
        let date = name.strip_prefix("progress-")?.strip_suffix(".ron")?;
        let date = date.strip_suffix(&format!("-{machine}")).unwrap_or(date);
        let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|d| *d <= today)?;
        // Only the exact forms: chrono also reads "2025-1-5".
        let exact = [daily_name(date, machine), date.format("progress-%Y-%m-%d.ron").to_string()];
        exact.iter().any(|form| form == name).then_some(date)
    };
    let mut daily: Vec<(chrono::NaiveDate, PathBuf)> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| Some((date_of(entry.file_name().to_str()?)?, entry.path())))
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(DAILY_BACKUPS_KEPT);
    for (_, old) in &daily[..excess] {
        fs::remove_file(old)?;
    }
    Ok(())
}
