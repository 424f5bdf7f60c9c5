//! The person's progress on disk. Only this module touches it.
//!
//! - Progress is journals, one per machine: `journal/MACHINE.ron` in the data folder, one change a line
//!   (see [`crate::journal`]). A machine only ever appends to its own, so a folder synced by Syncthing,
//!   Dropbox or git never holds two writers' versions of one file; the progress is the fold of them all.
//! - An append is durable before it is acknowledged: the line is written, then the file is fsynced (and
//!   the folder, when the file is new). A line cut short by a kill is cut off by the next append.
//! - A journal with a complete line that does not read is never appended to: [`Store::append`] refuses
//!   until everything was read. A half-delivered last line (a sync tool's copy in progress) is not damage.
//! - A lock on the data folder serialises the processes of one machine (see [`Store::lock`]).
//! - A `progress.ron` of a version before journals is read as it is and, at the first change, carried
//!   over whole into this machine's journal and kept in `backups/` (never deleted).
//! - Backups are whole progress files in `backups/` (see `backups.rs`): `skillgap restore` puts one back
//!   for every machine by appending it to the journal.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

mod append;
mod backups;
pub(crate) mod desktop;
mod files;
mod format;
pub mod git;
pub mod journal_files;
mod output;
mod project_file;
mod settings;
mod snapshot;

use backups::BACKUP_DIR;
pub use backups::{Backup, BackupOffer};
use files::folder_of;
pub use format::{parse_progress, read_progress, to_ron};
use journal_files::{DiskState, JOURNAL_DIR, JournalFile, disk_state, machine_id, read_journals};
pub(crate) use output::{Destination, create_folder, new_report_in, remove_files_older_than, report_at, unused_path};
pub use output::{OutputError, write_output};
pub use project_file::ExportError;
pub(crate) use project_file::write_project_file;
pub(crate) use settings::SETTINGS_FILE;

use crate::catalog::Catalog;
use crate::journal::{Folded, Source, fold_all, merge_base, read_journal};
use crate::progress::{CURRENT_VERSION, Progress};
use crate::text_pos::TextPos;

/// The progress file of versions before journals, carried over at the first change.
pub(super) const PROGRESS_FILE: &str = "progress.ron";
pub const LOCK_FILE: &str = "progress.lock";
/// A file being written is staged as `.NAME.XXXXXX.tmp` beside it, so a killed save of the progress file
/// leaves `.progress.ron.*.tmp`, which the next save removes, and never touches a report's staging file.
const TEMP_SUFFIX: &str = ".tmp";
/// Progress and journal files larger than this are refused unread (10,000 items with 60,000 changes take
/// 9 MiB).
const MAX_PROGRESS_BYTES: u64 = 64 * 1024 * 1024;

const WHAT_TO_DO: &str = "The file was left untouched. List backups with `skillgap backups` and restore one with \
`skillgap restore FILE`, or move the file aside to start afresh.";

const JOURNAL_WHAT_TO_DO: &str = "The journals were left untouched and nothing will be added to them until this \
line reads. If another machine sharing the folder runs a newer skillgap, update this one. Otherwise the line was \
changed by hand or by a tool (skillgap writes whole lines only): undo that change. If it is this machine's \
journal, restoring a backup (`skillgap backups`, `skillgap restore FILE`) moves it aside, but brings back only \
what the backup held: changes made since it was kept are not in it.";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    // The io::Error is in the message and deliberately not the error's source, so a chain printer such as
    // anyhow's `{:#}` does not print it twice (hostile-input review U1).
    #[error("cannot read progress file {path}: {error}")]
    Read { path: PathBuf, error: io::Error },
    #[error("progress file {path}{} cannot be read: {message}\n{WHAT_TO_DO}", .pos.map(|p| format!(":{p}")).unwrap_or_default())]
    Damaged { path: PathBuf, pos: Option<TextPos>, message: String },
    #[error("journal {path}:{pos} cannot be read: {message}\n{JOURNAL_WHAT_TO_DO}")]
    DamagedJournal { path: PathBuf, pos: TextPos, message: String },
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
    #[error(
        "{problem}\n{path} is another machine's journal. skillgap will not move it aside: a sync tool would pass that on, and that machine's later changes would be lost. Undo the edit that \
damaged the line, here or on that machine; moving the file out of journal/ by hand drops every change in it."
    )]
    OthersJournal { path: PathBuf, problem: String },
    #[error("the progress file {path} could not be read, so skillgap will not overwrite it. {WHAT_TO_DO}")]
    NotLoaded { path: PathBuf },
    #[error(
        "cannot restore {path}{}: {message}. It is not a progress file skillgap can read; list the backups with \
`skillgap backups`. Nothing was changed.", .pos.map(|p| format!(":{p}")).unwrap_or_default()
    )]
    NotABackup { path: PathBuf, pos: Option<TextPos>, message: String },
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
            StoreError::DamagedJournal { path, pos, message } => {
                format!("journal {}:{pos} cannot be read: {message}", path.display())
            }
            other => other.to_string(),
        }
    }
}

/// How far the store trusts what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sync {
    /// Never read, or the last read failed: appending would add to something unread.
    Unread,
    /// In step with the files as they were in this state.
    Seen(DiskState),
}

/// What the journals last read tell about the next change: the latest time of any change (a new change is
/// stamped after it, so a change made after seeing another one wins over it, whatever the clocks say) and
/// each machine's last place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Clock {
    latest: Option<DateTime<Utc>>,
    last_seq: BTreeMap<String, u64>,
    /// This machine's projects the fold gave another id (two machines picked one id): this machine's next
    /// change first names each new id, so from then on its old id means the other project, as it now
    /// shows (see `journal/project_ids.rs`).
    renamed: Vec<String>,
}

#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// Where this machine's id is kept: the config folder, outside the synced data folder.
    id_dir: PathBuf,
    sync: Sync,
    clock: Clock,
    /// The file the last read found damaged (what [`Store::move_aside`] moves), and what is wrong in it.
    damaged: Option<(PathBuf, String)>,
    /// Where the fold is kept between runs (`snapshot.rs`): in the config folder, so a store with none
    /// folds every journal each time.
    snapshot: Option<PathBuf>,
    /// What the last reads noticed that a person should hear (a journal that lost lines).
    warnings: Vec<String>,
}

/// Holds the folder's lock file locked until dropped.
#[derive(Debug)]
pub struct Lock(#[allow(dead_code)] File);

impl Store {
    /// The store of `data_dir`, this machine's id kept in `config_dir` (in `data_dir` when there is none:
    /// then a data folder synced to another machine must not carry its `machine-id` file along).
    pub fn new(data_dir: impl Into<PathBuf>, config_dir: Option<&Path>) -> Store {
        let dir = data_dir.into();
        let id_dir = config_dir.map_or_else(|| dir.clone(), Path::to_path_buf);
        let snapshot = config_dir.map(|config| snapshot::snapshot_path(config, &dir));
        let (sync, clock, damaged, warnings) = (Sync::Unread, Clock::default(), None, Vec::new());
        Store { dir, id_dir, sync, clock, damaged, snapshot, warnings }
    }

    /// The store of a run's data folder.
    pub fn of(locations: &crate::paths::Locations) -> Store {
        Store::new(&locations.data_dir, locations.config_dir.as_deref())
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the reads so far noticed (a journal shorter than this machine last read it, or gone), once.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The progress file of versions before journals.
    fn legacy_path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    /// Whether this data folder holds any progress (journals, or a progress file to carry over).
    pub(crate) fn has_progress(&self) -> bool {
        self.dir.join(JOURNAL_DIR).is_dir() || self.legacy_path().exists()
    }

    /// Reads every journal and folds them into the progress (with a progress file of a version before
    /// journals merged in, until it is carried over). Nothing yet means empty progress. On failure the
    /// store stays unread, so it will refuse to append.
    pub fn load(&mut self, catalog: &Catalog) -> Result<Progress, StoreError> {
        let before = disk_state(&self.dir);
        match self.read_all(catalog) {
            Ok((progress, clock)) => {
                self.sync = Sync::Seen(before);
                self.clock = clock;
                self.damaged = None;
                Ok(progress)
            }
            Err(err) => {
                self.sync = Sync::Unread;
                self.damaged = match &err {
                    StoreError::Damaged { path, .. } | StoreError::DamagedJournal { path, .. } => {
                        Some((path.clone(), err.problem()))
                    }
                    _ => None,
                };
                Err(err)
            }
        }
    }

    fn read_all(&mut self, catalog: &Catalog) -> Result<(Progress, Clock), StoreError> {
        let files = read_journals(&self.dir)?;
        let legacy = self.legacy_path();
        if legacy.exists() {
            let (mut progress, clock) = self.fold_journals(catalog, &files)?;
            merge_base(&mut progress, &read_progress(&legacy)?);
            return Ok((progress, clock));
        }
        self.fold_journals(catalog, &files)
    }

    /// The fold of `files`: from the snapshot and the lines appended since when it can be, else of every
    /// line (and the snapshot made again).
    fn fold_journals(&mut self, catalog: &Catalog, files: &[JournalFile]) -> Result<(Progress, Clock), StoreError> {
        if let Some(path) = self.snapshot.clone()
            && let Some(kept) = snapshot::read(&path)
        {
            // Read once: a journal lost or shortened since is a miss too, said before the full fold.
            self.warnings.extend(snapshot::lost_since(&kept, &self.dir, files));
            if let Some((folded, clock, fresh)) = snapshot::fold_from(kept, catalog, files) {
                if !fresh {
                    snapshot::save(&path, catalog, files, &folded, &clock);
                }
                let clock = self.with_renamed(clock, &folded);
                return Ok((folded.progress, clock));
            }
        }
        let journal_dir = self.dir.join(JOURNAL_DIR);
        let mut sources = Vec::with_capacity(files.len());
        for file in files {
            let journal = read_journal(&file.text).map_err(|damage| StoreError::DamagedJournal {
                path: journal_dir.join(&file.name),
                pos: damage.pos,
                message: damage.message,
            })?;
            sources.push(Source { machine: file.machine.clone(), entries: journal.entries });
        }
        let clock = Clock::of(&sources);
        let folded = fold_all(catalog, &sources);
        if let Some(path) = self.snapshot.as_ref().filter(|_| !files.is_empty()) {
            snapshot::save(path, catalog, files, &folded, &clock);
        }
        let clock = self.with_renamed(clock, &folded);
        Ok((folded.progress, clock))
    }

    fn with_renamed(&self, mut clock: Clock, folded: &Folded) -> Clock {
        if let Some(me) = journal_files::existing_machine_id(&self.id_dir) {
            clock.renamed = folded.project_ids.moved_for(&me);
        }
        clock
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

    /// Whether the files on disk are not those this store last read or wrote: another process or machine
    /// added changes.
    pub(crate) fn changed_on_disk(&self) -> bool {
        match &self.sync {
            Sync::Unread => true,
            Sync::Seen(seen) => disk_state(&self.dir) != *seen,
        }
    }

    /// The time a change made at `now` is recorded at: `now`, or just after the latest change this store
    /// has seen when a clock (this one or another machine's) is behind, so a change made after seeing
    /// another wins over it.
    pub(crate) fn stamp(&mut self, now: DateTime<Utc>) -> DateTime<Utc> {
        let at = match self.clock.latest {
            Some(latest) if latest > now => latest + chrono::TimeDelta::nanoseconds(1),
            _ => now,
        };
        self.clock.latest = Some(at);
        at
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

    /// This machine's id (made the first time it is needed).
    pub(crate) fn machine(&self) -> Result<String, StoreError> {
        machine_id(&self.id_dir).map_err(|error| StoreError::Write { path: self.id_dir.clone(), error })
    }

    /// Whether the file the last read found damaged is another machine's journal (which is never moved).
    pub(crate) fn damaged_is_others(&self) -> bool {
        let Some((path, _)) = &self.damaged else { return false };
        let owner = path.file_name().and_then(|n| crate::journal::machine_of(&n.to_string_lossy()).map(str::to_owned));
        owner.is_some_and(|owner| journal_files::existing_machine_id(&self.id_dir).as_ref() != Some(&owner))
    }

    /// Renames the file the last read found damaged to `NAME.damaged-<time>` beside it, so the others
    /// can be read while its bytes stay on disk. Returns the new name. Another machine's journal is never
    /// moved: a sync tool would pass the move on, and that machine's later changes would be lost.
    pub(crate) fn move_aside(&mut self) -> Result<PathBuf, StoreError> {
        let (path, problem) = self.damaged.clone().unwrap_or_else(|| (self.legacy_path(), String::new()));
        if self.damaged_is_others() {
            return Err(StoreError::OthersJournal { path, problem });
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let aside = path.with_file_name(format!("{name}.damaged-{}", Utc::now().format("%Y%m%dT%H%M%S")));
        fs::rename(&path, &aside).map_err(|source| StoreError::Write { path: path.clone(), error: source })?;
        // The snapshot names the file moved: it would be taken for a journal that lost its lines.
        if let Some(snapshot) = &self.snapshot {
            fs::remove_file(snapshot).ok();
        }
        self.sync = Sync::Unread;
        self.damaged = None;
        Ok(aside)
    }
}

impl Clock {
    fn of(sources: &[Source]) -> Clock {
        let mut clock = Clock::default();
        for source in sources {
            for entry in &source.entries {
                clock.latest = clock.latest.max(Some(entry.at));
                let last = clock.last_seq.entry(source.machine.clone()).or_default();
                *last = (*last).max(entry.seq);
            }
        }
        clock
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

/// The folder where versions before 0.2 kept a parse cache; see [`Store::remove_legacy_cache`].
const LEGACY_CACHE_DIR: &str = "cache";
