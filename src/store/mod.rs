//! The progress file on disk. Only this module touches it.
//!
//! - One RON file, `progress.ron`, in the data folder, with a schema `version`.
//! - Saves are atomic and durable: a temporary file in the same folder, fsync, rename, fsync the folder.
//! - The file being replaced is kept as `progress.ron.bak`, and once a day in `backups/` (14 days kept).
//! - A file that cannot be read is never overwritten: [`Store::save`] refuses until it was read.
//! - A lock on the data folder serialises the read-merge-write of several processes (see [`Store::lock`]).
//! - A `progress.ron` that is a link stays one: the file it points to is what saves replace.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Utc};

pub(crate) mod desktop;
mod files;
mod format;
pub mod journal_files;
mod output;
mod project_file;
mod settings;

use files::{atomic_write, file_to_replace, folder_of, read_limited};
use format::{encode, write_progress};
pub use format::{parse_progress, read_progress, to_ron};
pub(crate) use output::{Destination, create_folder, new_report_in, remove_files_older_than, report_at, unused_path};
pub use output::{OutputError, write_output};
pub use project_file::ExportError;
pub(crate) use project_file::write_project_file;
pub(crate) use settings::SETTINGS_FILE;

use crate::progress::{CURRENT_VERSION, Progress};
use crate::text_pos::TextPos;

const PROGRESS_FILE: &str = "progress.ron";
const BACKUP_FILE: &str = "progress.ron.bak";
const BACKUP_DIR: &str = "backups";
pub const LOCK_FILE: &str = "progress.lock";
/// A file being written is staged as `.NAME.XXXXXX.tmp` beside it, so a killed save of the progress file
/// leaves `.progress.ron.*.tmp`, which the next save removes, and never touches a report's staging file.
const TEMP_SUFFIX: &str = ".tmp";
/// Daily backups kept in `backups/`.
const DAILY_BACKUPS_KEPT: usize = 14;
/// Progress files larger than this are refused unread (10,000 items with 60,000 changes take 9 MiB).
const MAX_PROGRESS_BYTES: u64 = 64 * 1024 * 1024;

const WHAT_TO_DO: &str = "The file was left untouched. List backups with `skillgap backups` and restore one with \
`skillgap restore FILE`, or move the file aside to start afresh.";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    // The io::Error is in the message and deliberately not the error's source, so a chain printer such as
    // anyhow's `{:#}` does not print it twice (hostile-input review U1).
    #[error("cannot read progress file {path}: {error}")]
    Read { path: PathBuf, error: io::Error },
    #[error("progress file {path}{} cannot be read: {message}\n{WHAT_TO_DO}", .pos.map(|p| format!(":{p}")).unwrap_or_default())]
    Damaged { path: PathBuf, pos: Option<TextPos>, message: String },
    #[error(
        "progress file {path} has version {version}, but this skillgap knows versions up to {CURRENT_VERSION}. \
It was left untouched: update skillgap to use it."
    )]
    TooNew { path: PathBuf, version: u32 },
    #[error(
        "cannot save progress to {path}: {error}. The file still holds what it held before; make the folder \
writable or free some space, then do it again."
    )]
    Write { path: PathBuf, error: io::Error },
    #[error(
        "cannot save progress to {path}: it would take {} MiB, more than the {} MiB skillgap reads back, so nothing \
was written and the file holds what it held before. skillgap's own changes never make a file this large (10,000 \
items with 60,000 changes take 9 MiB): see where its history came from, or restore a smaller backup (`skillgap backups`).",
        .bytes.div_ceil(1024 * 1024), .limit / (1024 * 1024)
    )]
    TooLarge { path: PathBuf, bytes: u64, limit: u64 },
    #[error("the progress file {path} could not be read, so skillgap will not overwrite it. {WHAT_TO_DO}")]
    NotLoaded { path: PathBuf },
    #[error("cannot restore {path}: it does not exist. List the backups with `skillgap backups`. Nothing was changed.")]
    NoBackup { path: PathBuf },
}

impl StoreError {
    /// What went wrong, without the advice for a terminal (`skillgap backups`, `skillgap restore`): the
    /// window offers buttons instead.
    pub(crate) fn problem(&self) -> String {
        match self {
            StoreError::Damaged { path, pos, message } => {
                let at = pos.map(|p| format!(":{p}")).unwrap_or_default();
                format!("progress file {}{at} cannot be read: {message}", path.display())
            }
            other => other.to_string(),
        }
    }
}

/// What identifies one version of the file on disk: a save replaces the file (new inode) and any
/// edit changes its size or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Fingerprint { len: meta.len(), modified: meta.modified().ok(), inode })
}

/// How far the store trusts what is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sync {
    /// Never read, or the last read failed: saving would overwrite something unread.
    Unread,
    /// In step with the file as it was at this fingerprint (`None`: there was no file).
    Seen(Option<Fingerprint>),
}

/// One backup file, as `skillgap backups` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub modified: Option<DateTime<Utc>>,
    pub bytes: u64,
}

#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    sync: Sync,
}

/// What a backup would bring back, for the window's offer to restore it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupOffer {
    pub backup: Backup,
    /// Items marked done in it.
    pub done: usize,
}

/// Holds the folder's lock file locked until dropped.
#[derive(Debug)]
pub struct Lock(#[allow(dead_code)] File);

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into(), sync: Sync::Unread }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    /// The file saves replace: the progress file, or where it links to. A `progress.ron` linked into a
    /// synced folder stays a link, and the synced file is the one replaced atomically (F7).
    fn target(&self) -> PathBuf {
        file_to_replace(&self.path())
    }

    /// Reads the progress file. No file yet means empty progress. On failure the store stays
    /// unread, so it will refuse to save over the file.
    pub fn load(&mut self) -> Result<Progress, StoreError> {
        let path = self.path();
        let before = fingerprint(&path);
        let result = read_progress(&path);
        self.sync = if result.is_ok() { Sync::Seen(before) } else { Sync::Unread };
        result
    }

    /// Deletes the parse cache that versions before 0.2 kept in `cache/` of the data folder: nothing reads
    /// it any more. A link named `cache` is removed, never followed; anything else by that name is left.
    pub(crate) fn remove_legacy_cache(&self) {
        let cache = self.dir.join(LEGACY_CACHE_DIR);
        match fs::symlink_metadata(&cache) {
            Ok(meta) if meta.is_symlink() => fs::remove_file(&cache).ok(),
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&cache).ok(),
            _ => None,
        };
    }

    /// Whether the file on disk is not the one this store last read or wrote.
    pub(crate) fn changed_on_disk(&self) -> bool {
        match self.sync {
            Sync::Unread => true,
            Sync::Seen(seen) => fingerprint(&self.path()) != seen,
        }
    }

    /// Waits for, then takes, the folder's lock. On Unix the lock is on the data folder itself: a lock
    /// file can be deleted or replaced under a writer (a cleanup tool, a sync client, a person removing a
    /// "stale lock"), and the next writer would then lock a new file and race the first (F6). Where a
    /// folder cannot be locked, `progress.lock` is.
    pub fn lock(&self) -> Result<Lock, StoreError> {
        let write_error = |source| StoreError::Write { path: self.dir.clone(), error: source };
        fs::create_dir_all(&self.dir).map_err(write_error)?;
        #[cfg(unix)]
        if let Ok(folder) = File::open(&self.dir)
            && folder.lock().is_ok()
        {
            return Ok(Lock(folder));
        }
        let path = self.dir.join(LOCK_FILE);
        let write_error = |source| StoreError::Write { path: path.clone(), error: source };
        let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(write_error)?;
        file.lock().map_err(write_error)?;
        Ok(Lock(file))
    }

    /// Writes `progress` atomically and durably, keeping the replaced file as backups. The caller
    /// holds [`Store::lock`] (as [`crate::tracker::Tracker::save`] does).
    pub fn save(&mut self, progress: &Progress) -> Result<(), StoreError> {
        let path = self.path();
        if self.sync == Sync::Unread && path.exists() {
            return Err(StoreError::NotLoaded { path });
        }
        let text = encode(progress, &path)?;
        let write_error = |source| StoreError::Write { path: path.clone(), error: source };
        fs::create_dir_all(&self.dir).map_err(write_error)?;
        let target = self.target();
        if target.exists() {
            self.keep_backups(&target).map_err(write_error)?;
        }
        remove_stale_temp_files(&target);
        write_progress(&target, &text).map_err(write_error)?;
        self.sync = Sync::Seen(fingerprint(&path));
        Ok(())
    }

    /// Keeps the file about to be replaced as `progress.ron.bak` and, once a day, in `backups/`.
    /// Hard links make this free of copying; where the file system has none, it copies.
    fn keep_backups(&self, current: &Path) -> io::Result<()> {
        let staged = self.dir.join(format!("{BACKUP_FILE}.tmp"));
        fs::remove_file(&staged).ok();
        if fs::hard_link(current, &staged).is_err() {
            fs::copy(current, &staged)?;
        }
        fs::rename(&staged, self.dir.join(BACKUP_FILE))?;
        // When a killed writer already linked the backup to this very file, both names are one inode and
        // POSIX rename does nothing, leaving the staged name behind.
        fs::remove_file(&staged).ok();

        let daily_dir = self.dir.join(BACKUP_DIR);
        let today = self.dir.join(BACKUP_DIR).join(format!("progress-{}.ron", Utc::now().format("%Y-%m-%d")));
        if !today.exists() {
            fs::create_dir_all(&daily_dir)?;
            if fs::hard_link(current, &today).is_err() {
                fs::copy(current, &today)?;
            }
            prune_daily_backups(&daily_dir)?;
        }
        Ok(())
    }

    /// Keeps a copy of the progress file as it is now in `backups/progress-before-WHAT-TIME.ron` (listed by
    /// `skillgap backups`, brought back with `skillgap restore`), and returns its path; `None` when there
    /// is no file yet. The caller holds [`Store::lock`].
    pub(crate) fn keep_copy(&self, what: &str) -> Result<Option<PathBuf>, StoreError> {
        let path = self.path();
        if !path.exists() {
            return Ok(None);
        }
        let write_error = |source| StoreError::Write { path: path.clone(), error: source };
        let keep_dir = self.dir.join(BACKUP_DIR);
        fs::create_dir_all(&keep_dir).map_err(write_error)?;
        let keep = keep_dir.join(format!("progress-before-{what}-{}.ron", Utc::now().format("%Y-%m-%dT%H-%M-%S")));
        // Written whole or not at all: a copy cut short by a full disk would be listed as a backup.
        fs::read(&path).and_then(|bytes| atomic_write(&keep, &bytes)).map_err(write_error)?;
        Ok(Some(keep))
    }

    /// Renames the progress file to `progress.ron.damaged-<time>` beside it, so a fresh one can start
    /// while the old bytes stay on disk. Returns the new name.
    pub(crate) fn move_aside(&mut self) -> Result<PathBuf, StoreError> {
        let path = self.target();
        let aside = path.with_file_name(format!("{PROGRESS_FILE}.damaged-{}", Utc::now().format("%Y%m%dT%H%M%S")));
        fs::rename(&path, &aside).map_err(|source| StoreError::Write { path: path.clone(), error: source })?;
        self.sync = Sync::Unread;
        Ok(aside)
    }

    /// The backups, newest first by when they were written (`progress.ron.bak` first among equals): the
    /// previous save, the daily copies, copies kept before a restore, and any other `.ron` file in `backups/`.
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
        found.extend(describe(self.dir.join(BACKUP_FILE)));
        if let Ok(entries) = fs::read_dir(self.dir.join(BACKUP_DIR)) {
            let mut daily: Vec<Backup> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .filter_map(describe)
                .collect();
            daily.sort_by(|a, b| b.path.cmp(&a.path));
            found.extend(daily);
        }
        // Stable: among equal times `.bak`, then names in reverse order, stay where they are.
        found.sort_by_key(|backup| std::cmp::Reverse(backup.modified));
        found
    }

    /// The newest backup that reads, and how many items it has done: what restoring the latest backup
    /// brings back.
    pub(crate) fn newest_readable_backup(&self) -> Option<BackupOffer> {
        self.backups().into_iter().find_map(|backup| {
            let progress = parse_progress(&backup.path, &read_limited(&backup.path).ok()?).ok()?;
            let done = progress.items.values().filter(|item| item.status == crate::progress::Status::Done).count();
            Some(BackupOffer { backup, done })
        })
    }

    /// Replaces the progress file with a backup, after checking the backup reads and keeping the
    /// current file (if any) in `backups/` under a name that says when it was replaced.
    pub fn restore(&mut self, backup: &Path) -> Result<Progress, StoreError> {
        let restored = match read_limited(backup) {
            Ok(bytes) => parse_progress(backup, &bytes)?,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NoBackup { path: backup.to_path_buf() });
            }
            Err(source) => return Err(StoreError::Read { path: backup.to_path_buf(), error: source }),
        };
        let _lock = self.lock()?;
        let path = self.path();
        let text = encode(&restored, &path)?;
        self.keep_copy("restore")?;
        let write_error = |source| StoreError::Write { path: path.clone(), error: source };
        write_progress(&self.target(), &text).map_err(write_error)?;
        self.sync = Sync::Seen(fingerprint(&path));
        Ok(restored)
    }
}

/// Removes temporary files left by a writer that was killed mid-save. Saves run under the folder's
/// lock, so while the caller holds it no other save is using one.
fn remove_stale_temp_files(progress_file: &Path) {
    let Some(file_name) = progress_file.file_name() else { return };
    let prefix = format!(".{}.", file_name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder_of(progress_file)) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// Keeps the newest [`DAILY_BACKUPS_KEPT`] daily backups. Only files named as the app names them
/// (`progress-YYYY-MM-DD.ron`, a real date not after today) count; anything else in the folder, such as a
/// sync client's conflicted copy, is never deleted.
fn prune_daily_backups(dir: &Path) -> io::Result<()> {
    let today = Utc::now().date_naive();
    let mut daily: Vec<(chrono::NaiveDate, PathBuf)> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            let date = name.to_str()?.strip_prefix("progress-")?.strip_suffix(".ron")?;
            let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|d| *d <= today)?;
            // Only the exact form: chrono also reads "2025-1-5".
            (date.format("progress-%Y-%m-%d.ron").to_string() == name.to_string_lossy()).then(|| (date, entry.path()))
        })
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(DAILY_BACKUPS_KEPT);
    for (_, old) in &daily[..excess] {
        fs::remove_file(old)?;
    }
    Ok(())
}

/// The folder where versions before 0.2 kept a parse cache; see [`Store::remove_legacy_cache`].
const LEGACY_CACHE_DIR: &str = "cache";
