//! What the window shows, derived from the tracker once per change instead of once per frame:
//! statuses, score, gaps and the history timeline. No egui in here.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::{DateTime, Local, Utc};

use crate::catalog::{self, Catalog, FileProblem};
use crate::filter::Scope;
use crate::progress::{Progress, Status};
use crate::review::{Plan, Planned, ReviewSettings};
use crate::score::{self, Assessment, Level, TimelinePoint};
use crate::store::{BackupOffer, StoreError};
use crate::target::Target;
use crate::tracker::{DecideError, Tracker};

/// Whether the window may save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// The progress file could not be read; nothing is saved until the person chooses what to do.
    ReadOnly {
        /// What went wrong, where.
        reason: String,
        /// What restoring the latest backup would bring back; `None` when no backup reads.
        backup: Option<BackupOffer>,
        /// The damaged file is another machine's journal: skillgap neither restores over it nor moves it.
        others_journal: bool,
    },
}

/// The outcome of the last save, for the status line and the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    NothingToSave,
    Saved(DateTime<Local>),
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub done: usize,
    pub applicable: usize,
}

impl Count {
    pub fn fraction(self) -> f32 {
        if self.applicable == 0 { 0.0 } else { self.done as f32 / self.applicable as f32 }
    }
}

/// One target's standing, for the comparison table.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub id: String,
    pub title: String,
    pub description: String,
    pub readiness: f64,
    pub level: Level,
    pub done: usize,
    pub applicable: usize,
    /// Its top gap, as a catalog item index.
    pub next: Option<usize>,
}

pub struct Model {
    tracker: Tracker,
    /// The id of the active target (see [`Model::target`]).
    target: String,
    pub access: Access,
    pub save_state: SaveState,
    /// Why the progress file, changed on disk by another process, could not be read again.
    pub reload_error: Option<String>,
    /// Statuses, score and gaps of the progress in memory.
    pub assessment: Assessment,
    pub timeline: Vec<TimelinePoint>,
    /// When each item's status last changed (see `Progress::status_dates`).
    pub status_dates: crate::progress::StatusDates,
    /// Done and applicable items per checklist, and per section of each checklist.
    pub checklist_counts: Vec<Count>,
    pub section_counts: Vec<Vec<Count>>,
    /// Every target's readiness over the same progress, in the catalog's order of targets.
    pub targets: Vec<TargetRow>,
    /// Every done item's next review, planned from today (see [`crate::review`]).
    pub reviews: Plan,
    review_settings: ReviewSettings,
    /// Bumped on every change, so views can cache what they derive from the model.
    pub generation: u64,
    /// The folders of the person's checklist files, and what they held when last loaded.
    checklist_dirs: Vec<PathBuf>,
    checklist_files: Vec<(PathBuf, u64, Option<SystemTime>)>,
}

impl Model {
    /// Done and applicable items in `scope`, as the side panel and the list heading show them.
    pub fn count(&self, scope: Scope) -> Count {
        match scope {
            // The person's own lists: a project's checklist is ticked per project.
            Scope::All => self
                .checklist_counts
                .iter()
                .zip(&self.catalog().checklists)
                .filter(|(_, checklist)| !checklist.for_projects)
                .fold(Count::default(), |sum, (count, _)| Count {
                    done: sum.done + count.done,
                    applicable: sum.applicable + count.applicable,
                }),
            Scope::Checklist(c) => self.checklist_counts.get(c).copied().unwrap_or_default(),
            Scope::Section(c, s) => {
                self.section_counts.get(c).and_then(|sections| sections.get(s)).copied().unwrap_or_default()
            }
        }
    }

    /// A model over `tracker`, scored for the target `target` (the default target when it is not loaded).
    pub fn new(tracker: Tracker, access: Access, target: &str) -> Model {
        let target = tracker.catalog().target_or_default(target).id.clone();
        // Settings that do not read are said by the command line; the window reviews with the defaults.
        let review_settings = tracker.store().load_settings().map(|s| s.reviews).unwrap_or_default();
        let mut model = Model {
            tracker,
            target,
            access,
            save_state: SaveState::NothingToSave,
            reload_error: None,
            assessment: Assessment::of(&Catalog::default(), &Progress::default(), Catalog::default().default_target()),
            timeline: Vec::new(),
            status_dates: Default::default(),
            checklist_counts: Vec::new(),
            section_counts: Vec::new(),
            targets: Vec::new(),
            reviews: Plan::lay_out(&Catalog::default(), Vec::new(), 0, Local::now().date_naive(), 0),
            review_settings,
            generation: 0,
            checklist_dirs: Vec::new(),
            checklist_files: Vec::new(),
        };
        model.refresh();
        model
    }

    pub fn catalog(&self) -> &Catalog {
        self.tracker.catalog()
    }

    pub fn progress(&self) -> &Progress {
        self.tracker.progress()
    }

    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    /// The active target: the score, gaps and reports are for it.
    pub fn target(&self) -> &Target {
        self.tracker.catalog().target_or_default(&self.target)
    }

    /// Makes `id` the active target and remembers it for the next run and the command line. Returns
    /// why it could not be remembered (it is active for this window anyway).
    pub fn set_target(&mut self, id: &str) -> Result<(), String> {
        if self.tracker.catalog().target(id).is_none() || self.target == id {
            return Ok(());
        }
        self.target = id.to_owned();
        self.refresh();
        let chosen = id.to_owned();
        self.tracker
            .store()
            .update_settings(|settings| settings.target = Some(chosen))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Plans the reviews again when the day has turned since they were planned (a window left open
    /// overnight), or the review settings changed (`skillgap review --disable` in a terminal).
    pub fn replan_when_due(&mut self) {
        let settings = self.tracker.store().load_settings().map(|s| s.reviews).unwrap_or(self.review_settings);
        if self.reviews.today != Local::now().date_naive() || settings != self.review_settings {
            self.review_settings = settings;
            self.refresh();
        }
    }

    /// Turns reviews on or off and remembers it in the settings, as `skillgap review --enable` does.
    pub fn set_reviews(&mut self, enabled: bool) -> Result<(), String> {
        let saved = self.tracker.store().update_settings(|settings| settings.reviews.enabled = enabled);
        let saved = saved.map_err(|e| e.to_string())?;
        self.review_settings = saved.reviews;
        self.refresh();
        Ok(())
    }

    /// The schedule of item `index`, if it is done and reviews are on.
    pub fn planned(&self, index: usize) -> Option<&Planned> {
        self.reviews.planned.iter().find(|planned| planned.schedule.item == index)
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.access, Access::ReadOnly { .. })
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.tracker.has_unsaved_changes()
    }

    /// Recomputes everything derived from progress.
    fn refresh(&mut self) {
        let catalog = self.tracker.catalog();
        let target = catalog.target_or_default(&self.target);
        self.assessment = Assessment::of(catalog, self.tracker.progress(), target);
        self.timeline = score::timeline(catalog, &self.tracker.progress().history, target);
        self.targets = score::standings(catalog, &self.assessment.statuses)
            .into_iter()
            .map(|standing| TargetRow {
                id: standing.target.id.clone(),
                title: standing.target.title.clone(),
                description: standing.target.description.clone(),
                readiness: standing.score.readiness,
                level: standing.score.level,
                done: standing.score.done,
                applicable: standing.score.applicable,
                next: standing.next.map(|gap| gap.item),
            })
            .collect();
        self.status_dates = self.tracker.progress().status_dates();
        let count_of = |range: std::ops::Range<usize>| {
            let statuses = &self.assessment.statuses[range];
            Count {
                done: statuses.iter().filter(|s| **s == Status::Done).count(),
                applicable: statuses.iter().filter(|s| s.is_applicable()).count(),
            }
        };
        self.section_counts = catalog
            .checklists
            .iter()
            .map(|checklist| checklist.sections.iter().map(|section| count_of(section.items.clone())).collect())
            .collect();
        self.checklist_counts = catalog.checklists.iter().map(|c| count_of(c.item_range())).collect();
        let (progress, settings) = (self.tracker.progress(), &self.review_settings);
        self.reviews = Plan::of(catalog, progress, &self.status_dates, settings, Utc::now(), &Local);
        self.generation += 1;
    }

    fn record_save(&mut self, result: Result<(), StoreError>) {
        self.save_state = match result {
            Ok(()) => SaveState::Saved(Local::now()),
            Err(err) => SaveState::Failed(err.to_string()),
        };
    }

    /// Applies changes through the tracker (which records and saves them). A failed save keeps the
    /// changes in memory and shows in [`Model::save_state`].
    pub fn apply<E: Clone + Into<crate::progress::Edit>>(&mut self, changes: &[E]) {
        if self.is_read_only() {
            return;
        }
        match self.tracker.apply(changes) {
            Ok(0) => return,
            Ok(_) => self.record_save(Ok(())),
            Err(err) => self.record_save(Err(err)),
        }
        self.refresh();
    }

    /// Adds a project (see [`Tracker::add_project`]) and returns its id. Says why not when it is refused;
    /// a failed save keeps it in memory, as [`Model::apply`] does, and shows in [`Model::save_state`].
    pub(crate) fn add_project(
        &mut self,
        project: crate::project::NewProject,
        items: std::collections::BTreeMap<String, crate::project::ProjectItem>,
    ) -> Result<String, String> {
        let result = self.tracker.add_project(project, items);
        let outcome = match result {
            Ok(id) => {
                self.record_save(Ok(()));
                Ok(id)
            }
            Err(DecideError::Refused(refused)) => return Err(refused.to_string()),
            Err(DecideError::Store(err)) => {
                let message = err.to_string();
                self.record_save(Err(err));
                Err(message)
            }
        };
        self.refresh();
        outcome
    }

    /// Tries again to write changes whose save failed.
    pub fn retry_save(&mut self) {
        let result = self.tracker.save();
        self.record_save(result);
        self.refresh();
    }

    /// Picks up changes another process saved. A file that cannot be read is a reload error, shown as
    /// such; a failure to save the changes this window had merged in is a save error.
    pub fn reload_if_changed(&mut self) {
        if self.is_read_only() {
            return;
        }
        match self.tracker.reload_if_changed() {
            Ok(changed) => {
                self.reload_error = None;
                if changed {
                    self.refresh();
                }
            }
            Err(err @ (StoreError::Write { .. } | StoreError::TooLarge { .. })) => self.record_save(Err(err)),
            Err(err) => self.reload_error = Some(err.to_string()),
        }
    }

    /// Watches `dirs` for edited checklist files (see [`Model::reload_checklists_if_changed`]).
    pub fn watch_checklists(mut self, dirs: Vec<PathBuf>) -> Model {
        self.checklist_files = catalog::user_files_fingerprint(&dirs);
        self.checklist_dirs = dirs;
        self
    }

    /// Loads the checklists again if a file in their folders was added, removed or edited since the last
    /// load; returns the problems of the files that were skipped then.
    pub fn reload_checklists_if_changed(&mut self) -> Option<Vec<FileProblem>> {
        let files = catalog::user_files_fingerprint(&self.checklist_dirs);
        (files != self.checklist_files).then(|| self.load_checklists(files))
    }

    /// Loads the checklists again (progress is kept by item id) and returns the files that were skipped.
    pub fn reload_checklists(&mut self) -> Vec<FileProblem> {
        self.load_checklists(catalog::user_files_fingerprint(&self.checklist_dirs))
    }

    /// Loads the checklists of the folders that hold `files` now.
    fn load_checklists(&mut self, files: Vec<(PathBuf, u64, Option<SystemTime>)>) -> Vec<FileProblem> {
        self.checklist_files = files;
        let (catalog, problems) = catalog::load_catalog(&self.checklist_dirs);
        self.tracker.replace_catalog(catalog);
        self.refresh();
        problems
    }

    /// Leaves read-only mode by restoring the backup the banner offers: the newest that reads
    /// (`crate::store::Store::newest_readable_backup`, found when the file would not read).
    pub fn restore_latest_backup(&mut self) -> Result<std::path::PathBuf, String> {
        let Access::ReadOnly { backup: Some(offer), .. } = &self.access else {
            return Err("there is no backup that reads".to_owned());
        };
        let path = offer.backup.path.clone();
        self.tracker.restore(&path).map_err(|err| err.to_string())?;
        self.access = Access::ReadWrite;
        self.refresh();
        Ok(path)
    }

    /// Leaves read-only mode by moving the unreadable file aside and starting afresh.
    pub fn move_aside_and_start_fresh(&mut self) -> Result<std::path::PathBuf, String> {
        let moved = self.tracker.move_aside_and_start_fresh().map_err(|e| e.to_string())?;
        self.access = Access::ReadWrite;
        self.refresh();
        Ok(moved)
    }
}
