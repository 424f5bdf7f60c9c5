//! The one place progress changes: [`Tracker::apply`] records a change in memory (with its history
//! event) and saves it. The GUI and the CLI both go through it.
//!
//! Several processes may share one data folder (two windows, a window and `skillgap mark`). A save
//! takes the folder's lock, and if the file changed since this tracker last read it, reads it again
//! and replays this tracker's unsaved changes on top, so neither side loses the other's changes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::catalog::Catalog;
use crate::progress::{Edit, Progress};
use crate::project::{NewProject, Project, ProjectChange, ProjectError, ProjectItem, check_new_project};
use crate::store::{Store, StoreError};

/// Why `Tracker::apply_decided` did not save its changes.
#[derive(Debug, thiserror::Error)]
pub enum DecideError<E> {
    /// The decision refused (a name taken, say): nothing was applied.
    #[error(transparent)]
    Refused(E),
    #[error(transparent)]
    Store(#[from] StoreError),
}

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
        let progress = store.load(&catalog)?;
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
        self.progress = self.store.load(&self.catalog)?;
        self.unsaved.clear();
        Ok(moved)
    }

    pub fn catalog(&self) -> &Catalog {
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
        let at = self.store.stamp(Utc::now());
        self.apply_at(changes, at)
    }

    /// [`Tracker::apply`] with an explicit time (tests, imports), kept as it is.
    pub fn apply_at<E: Clone + Into<Edit>>(&mut self, changes: &[E], now: DateTime<Utc>) -> Result<usize, StoreError> {
        let applied = self.apply_in_memory(changes.iter().map(|change| change.clone().into()), now);
        if applied > 0 {
            self.save()?;
        }
        Ok(applied)
    }

    /// Applies `edits` to the progress in memory, keeping those that changed anything to be saved;
    /// returns how many did.
    fn apply_in_memory(&mut self, edits: impl IntoIterator<Item = Edit>, now: DateTime<Utc>) -> usize {
        let mut applied = 0;
        for edit in edits {
            if self.progress.apply_edit(&self.catalog, &edit, now) {
                self.unsaved.push((edit, now));
                applied += 1;
            }
        }
        applied
    }

    /// Writes unsaved changes, merging with whatever another process saved meanwhile.
    pub fn save(&mut self) -> Result<(), StoreError> {
        if self.unsaved.is_empty() {
            return Ok(());
        }
        let _lock = self.store.lock()?;
        self.save_locked()
    }

    /// [`Tracker::save`] for a caller that holds the folder's lock.
    fn save_locked(&mut self) -> Result<(), StoreError> {
        if self.unsaved.is_empty() {
            return Ok(());
        }
        let caught_up = self.catch_up()?;
        // A removed project stays in a backup of its own: the progress as it was before the removal.
        for (index, (edit, _)) in self.unsaved.iter().enumerate() {
            if let Edit::Project(ProjectChange::Remove { project }) = edit {
                let before = self.progress_before(index)?;
                self.store.keep_copy(&format!("removing-{}", crate::project::backup_tag(project)), &before)?;
            }
        }
        self.store.append(&self.unsaved, &self.progress)?;
        self.unsaved.clear();
        if caught_up {
            // The changes are placed among the others by their time, as every later read will fold them.
            self.progress = self.store.load(&self.catalog)?;
        }
        Ok(())
    }

    /// Reads the journals again if another process or machine added to them, with this tracker's unsaved
    /// changes replayed on top; returns whether it did. The caller holds the folder's lock.
    fn catch_up(&mut self) -> Result<bool, StoreError> {
        if !self.store.changed_on_disk() {
            return Ok(false);
        }
        let mut merged = self.store.load(&self.catalog)?;
        for (edit, at) in &self.unsaved {
            merged.apply_edit(&self.catalog, edit, *at);
        }
        self.progress = merged;
        Ok(true)
    }

    /// The progress as it was before the unsaved change at `index`: what is on disk, with the unsaved
    /// changes before it.
    fn progress_before(&self, index: usize) -> Result<Progress, StoreError> {
        let mut store = Store::new(self.store.dir(), None);
        let mut before = store.load(&self.catalog)?;
        for (edit, at) in &self.unsaved[..index] {
            before.apply_edit(&self.catalog, edit, *at);
        }
        Ok(before)
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
        let fresh = self.store.load(&self.catalog)?;
        let changed = fresh != self.progress;
        self.progress = fresh;
        Ok(changed)
    }

    /// Adds a project: its name is checked and its id chosen on the progress as it is on disk, under the
    /// folder's lock, so two processes adding at once both keep theirs, under two ids, or the second is
    /// refused as a duplicate (hostile-input review N1). It starts with `items` (by full item id: those
    /// of a project file in its folder) or none. Returns the new project's id.
    pub(crate) fn add_project(
        &mut self,
        project: NewProject,
        items: BTreeMap<String, ProjectItem>,
    ) -> Result<String, DecideError<ProjectError>> {
        self.apply_decided(|catalog, progress| {
            check_new_project(catalog, progress, &project)?;
            let id = progress.new_project_id(&project.name);
            let change = if items.is_empty() {
                ProjectChange::Add { id: id.clone(), project }
            } else {
                ProjectChange::Put(Box::new(Project {
                    id: id.clone(),
                    name: project.name.trim().to_owned(),
                    repository: project.repository.trim().to_owned(),
                    folder: project.folder.trim().to_owned(),
                    checklist: project.checklist,
                    created: Utc::now(),
                    items,
                    readings: Vec::new(),
                }))
            };
            Ok((vec![Edit::Project(change)], id))
        })
    }

    /// Applies the changes `decide` makes (with what it tells the caller) from the progress as it is on disk now, holding the folder's
    /// lock from reading to saving: for a change that depends on what is there (a free id, a name no one
    /// has). Nothing is applied when `decide` refuses or the lock cannot be had; when only the save
    /// fails, the changes stay applied in memory, as with [`Tracker::apply`].
    pub(crate) fn apply_decided<T, E>(
        &mut self,
        decide: impl FnOnce(&Catalog, &Progress) -> Result<(Vec<Edit>, T), E>,
    ) -> Result<T, DecideError<E>> {
        let _lock = self.store.lock()?;
        self.catch_up()?;
        let now = self.store.stamp(Utc::now());
        let (edits, decided) = decide(&self.catalog, &self.progress).map_err(DecideError::Refused)?;
        self.apply_in_memory(edits, now);
        self.save_locked()?;
        Ok(decided)
    }

    /// Replaces the progress with a backup (see [`Store::restore`]).
    pub(crate) fn restore(&mut self, backup: &std::path::Path) -> Result<(), StoreError> {
        self.progress = self.store.restore(&self.catalog, backup)?;
        self.unsaved.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracker(dir: &std::path::Path) -> Tracker {
        Tracker::open(crate::catalog::load_catalog(&[]).0, Store::new(dir, None)).unwrap()
    }

    fn new_project(name: &str) -> NewProject {
        NewProject { name: name.to_owned(), checklist: "launch-one-project".to_owned(), ..Default::default() }
    }

    /// Hostile-input review N1: two processes add projects whose names make one id, each from the state
    /// it read before the other saved. Both adds are kept, under two ids.
    #[test]
    fn two_adds_of_one_id_from_stale_state_keep_both() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, mut second) = (tracker(dir.path()), tracker(dir.path()));
        let shop = first.add_project(new_project("Shop"), BTreeMap::new()).unwrap();
        let other = second.add_project(new_project("shop!"), BTreeMap::new()).unwrap();
        assert_ne!(shop, other);
        let on_disk = tracker(dir.path());
        let names: Vec<_> = on_disk.progress().projects.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
        assert_eq!(names, [(shop.as_str(), "Shop"), (other.as_str(), "shop!")]);
    }

    /// The same name added twice from stale state: the second is refused, as it is one after the other.
    #[test]
    fn the_same_name_added_twice_from_stale_state_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, mut second) = (tracker(dir.path()), tracker(dir.path()));
        first.add_project(new_project("Shop"), BTreeMap::new()).unwrap();
        let refused = second.add_project(new_project("shop"), BTreeMap::new()).unwrap_err();
        assert!(refused.to_string().contains("there is already a project named"), "{refused}");
        assert_eq!(tracker(dir.path()).progress().projects.len(), 1);
    }
}
