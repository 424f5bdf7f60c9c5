//! The one place progress changes: [`Tracker::apply`] records a change in memory (with its history
//! event) and saves it. The GUI and the CLI both go through it.
//!
//! Several processes may share one data folder (two windows, a window and `skillgap mark`). A save
//! takes the folder's lock, and if the file changed since this tracker last read it, reads it again
//! and replays this tracker's unsaved changes on top, so neither side loses the other's changes.

use chrono::{DateTime, Utc};

use crate::catalog::Catalog;
use crate::progress::{Edit, Progress};
use crate::project::ProjectChange;
use crate::store::{Store, StoreError};

#[derive(Debug)]
pub struct Tracker {
    catalog: Catalog,
    progress: Progress,
    store: Store,
    /// Changes applied in memory but not yet on disk, with the time they were made.
    unsaved: Vec<(Edit, DateTime<Utc>)>,
}

impl Tracker {
    /// Loads progress from `store`. Fails (and leaves the file untouched) when it cannot be read.
    pub fn open(catalog: Catalog, mut store: Store) -> Result<Tracker, StoreError> {
        let progress = store.load()?;
        Ok(Tracker::new(catalog, store, progress))
    }

    /// A tracker over `progress` as `store` read it. After a failed read the store refuses to save, so
    /// such a tracker shows `progress` (empty) and never overwrites the unread file.
    pub(crate) fn new(catalog: Catalog, store: Store, progress: Progress) -> Tracker {
        Tracker { catalog, progress, store, unsaved: Vec::new() }
    }

    /// Renames an unreadable progress file aside (see [`Store::move_aside`]) and starts afresh.
    pub(crate) fn move_aside_and_start_fresh(&mut self) -> Result<std::path::PathBuf, StoreError> {
        let moved = self.store.move_aside()?;
        self.progress = self.store.load()?;
        self.unsaved.clear();
        Ok(moved)
    }

    pub(crate) fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Goes on with `catalog` (the checklist files were edited). Progress is kept by item id, so it
    /// carries over; items that left the catalog keep theirs for when they come back.
    pub(crate) fn replace_catalog(&mut self, catalog: Catalog) {
        self.catalog = catalog;
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether some applied changes are not on disk yet (the last save failed).
    pub fn has_unsaved_changes(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// Applies `changes` at the current time and saves. Returns how many changed anything. If the
    /// save fails the changes stay applied in memory and a later [`Tracker::save`] writes them.
    /// Changes are [`crate::progress::Change`]s to the person's items or
    /// [`crate::project::ProjectChange`]s.
    pub fn apply<E: Clone + Into<Edit>>(&mut self, changes: &[E]) -> Result<usize, StoreError> {
        self.apply_at(changes, Utc::now())
    }

    /// [`Tracker::apply`] with an explicit time (tests, imports).
    pub fn apply_at<E: Clone + Into<Edit>>(&mut self, changes: &[E], now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut applied = 0;
        for change in changes {
            let edit: Edit = change.clone().into();
            if self.progress.apply_edit(&self.catalog, &edit, now) {
                self.unsaved.push((edit, now));
                applied += 1;
            }
        }
        if applied > 0 {
            self.save()?;
        }
        Ok(applied)
    }

    /// Writes unsaved changes, merging with whatever another process saved meanwhile.
    pub fn save(&mut self) -> Result<(), StoreError> {
        if self.unsaved.is_empty() {
            return Ok(());
        }
        let _lock = self.store.lock()?;
        // A removed project stays in a backup of its own, whatever later saves do to the daily ones.
        for (edit, _) in &self.unsaved {
            if let Edit::Project(ProjectChange::Remove { project }) = edit {
                self.store.keep_copy(&format!("removing-{}", crate::project::backup_tag(project)))?;
            }
        }
        if self.store.changed_on_disk() {
            let mut merged = self.store.load()?;
            for (edit, at) in &self.unsaved {
                merged.apply_edit(&self.catalog, edit, *at);
            }
            self.progress = merged;
        }
        self.store.save(&self.progress)?;
        self.unsaved.clear();
        Ok(())
    }

    /// Picks up a file another process wrote. With unsaved changes it merges them (by saving);
    /// otherwise it just reads. Returns whether the progress in memory changed.
    pub fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        if !self.store.changed_on_disk() {
            return Ok(false);
        }
        if self.has_unsaved_changes() {
            let before = self.progress.clone();
            self.save()?;
            return Ok(before != self.progress);
        }
        let fresh = self.store.load()?;
        let changed = fresh != self.progress;
        self.progress = fresh;
        Ok(changed)
    }

    /// Replaces the progress with a backup (see [`Store::restore`]).
    pub(crate) fn restore(&mut self, backup: &std::path::Path) -> Result<(), StoreError> {
        self.progress = self.store.restore(backup)?;
        self.unsaved.clear();
        Ok(())
    }
}
