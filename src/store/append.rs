//! Adding to this machine's journal: changes, a progress file of a version before journals carried over,
//! a backup put back. Every line is durable before it is acknowledged, and none is written that the
//! reader would refuse.

use std::fs;
use std::io;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::backups::BACKUP_DIR;
use super::journal_files::{JOURNAL_DIR, append_lines};
use super::{MAX_PROGRESS_BYTES, Store, StoreError, Sync, files, read_progress, remove_stale_temp_files};
use crate::catalog::Catalog;
use crate::journal::{Entry, Record};
use crate::progress::{Edit, Progress};
use crate::project::ProjectChange;

impl Store {
    /// Appends `edits` (each with the time `Store::stamp` gave it) to this machine's journal, durably,
    /// and keeps the day's backup of `progress` (the progress with them). A progress file of a version
    /// before journals is carried over first. The caller holds [`Store::lock`] and has caught up with the
    /// files (as [`crate::tracker::Tracker::save`] does).
    pub fn append(&mut self, edits: &[(Edit, DateTime<Utc>)], progress: &Progress) -> Result<(), StoreError> {
        // The backup first: when it cannot be written the change is not either, so a failed save never
        // leaves a change on disk that the caller keeps as unsaved and would append again.
        if matches!(self.sync, Sync::Seen(_)) {
            let machine = self.machine()?;
            self.keep_daily(&machine, progress)?;
        }
        let records = edits.iter().map(|(edit, at)| (Record::Edit(edit.clone()), *at)).collect();
        self.append_records(records)
    }

    /// Carries a progress file of a version before journals over into this machine's journal now (before
    /// `skillgap sync` commits: two machines' files would conflict in git), with the checklists `catalog`
    /// loads, only when there is one. The caller holds the lock.
    pub(crate) fn carry_over(&mut self, catalog: impl FnOnce() -> Catalog) -> Result<(), StoreError> {
        if !self.legacy_path().exists() {
            return Ok(());
        }
        self.load(&catalog())?;
        self.append_records(Vec::new())
    }

    /// Appends `records` to this machine's journal, after the progress file to carry over, if any.
    pub(super) fn append_records(&mut self, mut records: Vec<(Record, DateTime<Utc>)>) -> Result<(), StoreError> {
        let Sync::Seen(seen) = &self.sync else {
            return Err(StoreError::NotLoaded { path: self.dir.join(JOURNAL_DIR) });
        };
        let mut seen = seen.clone();
        let machine = self.machine()?;
        let legacy = self.legacy_path();
        let carried = if legacy.exists() {
            let progress = read_progress(&legacy)?;
            // At the time of the first change after it (and before it, by its place): the changes were
            // made on top of it.
            let at = records.first().map_or_else(|| self.stamp(Utc::now()), |(_, at)| *at);
            records.insert(0, (Record::Base(Box::new(progress)), at));
            true
        } else {
            false
        };
        let first_at = records.first().map(|(_, at)| *at);
        for id in std::mem::take(&mut self.clock.renamed) {
            let seen = ProjectChange::Edit { project: id, name: None, repository: None, folder: None };
            records.insert(0, (Record::Edit(Edit::Project(seen)), first_at.unwrap_or_else(|| self.stamp(Utc::now()))));
        }
        let mut seq = self.clock.last_seq.get(&machine).copied().unwrap_or(0);
        let mut lines = Vec::with_capacity(records.len());
        for (change, at) in records {
            seq += 1;
            let entry = Entry { seq, at, change };
            lines.push(entry.to_line().map_err(|error| self.write_error(&machine, io::Error::other(error)))?);
        }
        self.check_room(&machine, &lines)?;
        remove_stale_temp_files(&legacy);
        append_lines(&self.dir, &machine, &lines).map_err(|error| self.write_error(&machine, error))?;
        self.clock.last_seq.insert(machine.clone(), seq);
        if carried {
            self.keep_carried_over(&legacy)?;
        }
        // Only this machine's file changed: a file another machine's sync delivered meanwhile is still
        // news to `changed_on_disk`.
        seen.update(&self.dir, &machine, carried);
        self.sync = Sync::Seen(seen);
        Ok(())
    }

    /// Moves a carried-over progress file of a version before journals into `backups/`.
    fn keep_carried_over(&self, legacy: &Path) -> Result<(), StoreError> {
        let keep_dir = self.dir.join(BACKUP_DIR);
        let keep = keep_dir.join(format!("progress-before-journals-{}.ron", Utc::now().format("%Y-%m-%dT%H-%M-%S")));
        let write_error = |source| StoreError::Write { path: keep.clone(), error: source };
        fs::create_dir_all(&keep_dir).map_err(write_error)?;
        fs::rename(legacy, &keep).map_err(write_error)?;
        files::sync_dir(&self.dir).map_err(write_error)
    }

    /// Refuses lines that would take this machine's journal past what the reader takes: skillgap never
    /// writes a file it would then refuse to read (N2).
    fn check_room(&self, machine: &str, lines: &[String]) -> Result<(), StoreError> {
        let path = self.dir.join(JOURNAL_DIR).join(format!("{machine}.ron"));
        let now = fs::metadata(&path).map_or(0, |meta| meta.len());
        let bytes = now + lines.iter().map(|line| line.len() as u64 + 1).sum::<u64>();
        if bytes > MAX_PROGRESS_BYTES {
            return Err(StoreError::TooLarge { path, bytes, limit: MAX_PROGRESS_BYTES });
        }
        Ok(())
    }

    fn write_error(&self, machine: &str, error: io::Error) -> StoreError {
        StoreError::Write { path: self.dir.join(JOURNAL_DIR).join(format!("{machine}.ron")), error }
    }
}
