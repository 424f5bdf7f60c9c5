//! Opening what a person works on: the catalog from the built-in and user checklists, and the tracker
//! over the progress file of the data folder. Both shells start here, so they load the same way.

use crate::catalog::{self, FileProblem};
use crate::paths::Locations;
use crate::progress::Progress;
use crate::settings::Settings;
use crate::store::{Store, StoreError};
use crate::tracker::Tracker;

/// The catalog and progress of one run.
#[derive(Debug)]
pub(crate) struct Workspace {
    /// Over the progress as read; empty progress that refuses to save when the file could not be read.
    pub tracker: Tracker,
    /// Why the progress file could not be read, if it could not. It is then left untouched.
    pub unreadable: Option<StoreError>,
    /// Checklist files that were skipped, and why. The others loaded.
    pub skipped: Vec<FileProblem>,
    /// The remembered choices (defaults when the settings file is missing or cannot be read).
    pub settings: Settings,
    /// Why the settings file could not be read, if it could not. It is then left untouched.
    pub settings_error: Option<String>,
    /// What reading the journals noticed that a person should hear (a journal that lost lines).
    pub journal_warnings: Vec<String>,
}

/// Loads the checklists and reads the progress file, parsing both afresh.
pub(crate) fn open(locations: &Locations) -> Workspace {
    let (catalog, skipped) = catalog::load_catalog(&locations.checklist_dirs);
    let mut store = Store::of(locations);
    store.remove_legacy_cache();
    // A store whose read failed refuses to save, so the unread file is never overwritten.
    let (progress, unreadable) = match store.load(&catalog) {
        Ok(progress) => (progress, None),
        Err(err) => (Progress::default(), Some(err)),
    };
    let journal_warnings = store.take_warnings();
    let (settings, settings_error) = match store.load_settings() {
        Ok(settings) => (settings, None),
        Err(err) => (Settings::default(), Some(err.to_string())),
    };
    let tracker = Tracker::new(catalog, store, progress);
    Workspace { tracker, unreadable, skipped, settings, settings_error, journal_warnings }
}
