//! Undo and redo. Every change this window makes, to one of the person's items or to a project (a
//! status, a note, *Accept all*, adding, editing or removing it), is one [`Step`]: what it changed, as
//! it was before and after. Undo puts the *before* back, whatever view the change was made in.

use super::App;
use crate::gui::command::View;
use crate::progress::{Change, Edit, Status};
use crate::project::{Project, ProjectChange};
use crate::review::Rating;

/// What a step changed: one item of the person's, or one project as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    /// An item's full id.
    Item(String),
    /// A project's id.
    Project(String),
}

/// The state of a step's subject at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Snapshot {
    Item {
        id: String,
        status: Status,
        note: String,
        evidence: String,
        /// How many reviews it has had, and the rating of the last: a review step adds one.
        reviews: usize,
        last_rating: Option<Rating>,
    },
    /// `None`: there was no such project (before it was added, after it was removed).
    Project { id: String, project: Option<Box<Project>> },
}

impl Snapshot {
    /// The edit that gives the subject this state again from `from`; `undo` takes back the item's last
    /// status change or review.
    fn restore(&self, from: &Snapshot, undo: bool) -> Edit {
        match self {
            Snapshot::Item { id, status, note, evidence, reviews, last_rating } => Edit::Item(Change {
                item: id.clone(),
                status: Some(*status),
                note: Some(note.clone()),
                evidence: Some(evidence.clone()),
                review: match from {
                    // Undo takes back the review made; redo makes it again.
                    Snapshot::Item { reviews: had, last_rating: made, .. } if had > reviews => *made,
                    Snapshot::Item { reviews: had, .. } if had < reviews => *last_rating,
                    _ => None,
                },
                undo,
            }),
            Snapshot::Project { project: Some(project), .. } => Edit::Project(ProjectChange::Put(project.clone())),
            Snapshot::Project { id, project: None } => Edit::Project(ProjectChange::Remove { project: id.clone() }),
        }
    }

    /// Whether the subject is in the same state, leaving a project's readings (its history, added by
    /// each scan) out of it.
    fn same_state(&self, other: &Snapshot) -> bool {
        let without_readings = |snapshot: &Snapshot| match snapshot {
            Snapshot::Project { id, project: Some(project) } => Snapshot::Project {
                id: id.clone(),
                project: Some(Box::new(Project { readings: Vec::new(), ..(**project).clone() })),
            },
            other => other.clone(),
        };
        without_readings(self) == without_readings(other)
    }

    fn subject(&self) -> Subject {
        match self {
            Snapshot::Item { id, .. } => Subject::Item(id.clone()),
            Snapshot::Project { id, .. } => Subject::Project(id.clone()),
        }
    }
}

/// One change made in this window.
#[derive(Debug, Clone)]
pub(super) struct Step {
    /// What the change did, for the message: "Restore a backup: to do -> done".
    what: String,
    /// The view it was made in, shown again when it is undone or redone.
    view: View,
    before: Snapshot,
    after: Snapshot,
}

/// The steps to undo and redo, and the message of the last undo or redo.
#[derive(Debug, Default)]
pub(super) struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// "Undid: …", shown until the next change or until dismissed.
    pub message: Option<String>,
}

impl History {
    /// How many changes there are to undo and to redo.
    pub fn counts(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
}

impl App {
    /// What `subject` is now in the model.
    pub(super) fn snapshot(&self, subject: &Subject) -> Snapshot {
        let (catalog, progress) = (self.model.catalog(), self.model.progress());
        match subject {
            Subject::Item(id) => {
                let stored = match catalog.item_index(id) {
                    Some(index) => progress.get(&catalog.items[index]),
                    None => progress.items.get(id),
                };
                let mut reviews = progress.reviews.iter().filter(|review| &review.item == id);
                Snapshot::Item {
                    id: id.clone(),
                    status: stored.map_or(Status::Todo, |p| p.status),
                    note: stored.map(|p| p.note.clone()).unwrap_or_default(),
                    evidence: stored.map(|p| p.evidence.clone()).unwrap_or_default(),
                    reviews: reviews.clone().count(),
                    last_rating: reviews.next_back().map(|review| review.rating),
                }
            }
            Subject::Project(id) => Snapshot::Project {
                id: id.clone(),
                project: progress.projects.iter().find(|p| &p.id == id).cloned().map(Box::new),
            },
        }
    }

    /// Applies `edits`, which change `subject` only, and keeps the change for undo when it changed
    /// anything. The message of an earlier undo goes: it no longer tells the last thing done.
    pub(super) fn change(&mut self, what: String, subject: &Subject, edits: &[Edit]) {
        if self.model.is_read_only() {
            return;
        }
        let before = self.snapshot(subject);
        self.model.apply(edits);
        let after = self.snapshot(subject);
        if !before.same_state(&after) {
            self.history.undo.push(Step { what, view: self.prefs.view, before, after });
            self.history.redo.clear();
            self.history.message = None;
        }
    }

    /// Keeps for undo a project the model has just added (its id chosen under the folder's lock, so it
    /// cannot go through [`App::change`]).
    pub(super) fn added(&mut self, what: String, id: &str) {
        let subject = Subject::Project(id.to_owned());
        let after = self.snapshot(&subject);
        let before = Snapshot::Project { id: id.to_owned(), project: None };
        self.history.undo.push(Step { what, view: self.prefs.view, before, after });
        self.history.redo.clear();
        self.history.message = None;
    }

    pub(super) fn undo(&mut self) {
        let Some(step) = self.history.undo.pop() else {
            self.history.message = Some("Nothing to undo: no change was made in this window yet.".to_owned());
            return;
        };
        if self.replay(&step, &step.after, &step.before, true) {
            self.history.redo.push(step);
        }
    }

    pub(super) fn redo(&mut self) {
        let Some(step) = self.history.redo.pop() else {
            self.history.message = Some("Nothing to redo.".to_owned());
            return;
        };
        if self.replay(&step, &step.before, &step.after, false) {
            self.history.undo.push(step);
        }
    }

    /// Gives `step`'s subject the state `to` if it still has `expected`, shows where it is and says
    /// what was done. If another process changed it since, that change stands: undo takes back this
    /// window's own changes only (F15).
    fn replay(&mut self, step: &Step, expected: &Snapshot, to: &Snapshot, undo: bool) -> bool {
        let verb = if undo { "Undid" } else { "Redid" };
        if !self.snapshot(&expected.subject()).same_state(expected) {
            let what = &step.what;
            self.history.message = Some(format!("Nothing {verb}: {what} was changed elsewhere since."));
            self.history.undo.clear();
            self.history.redo.clear();
            return false;
        }
        self.model.apply(&[to.restore(expected, undo)]);
        self.history.message = Some(format!("{verb}: {}", step.what));
        self.show_subject(&to.subject(), step.view);
        true
    }

    /// Shows where a step's subject is: an item in the view its change was made in (Gaps) or in
    /// Checklists, a project in Projects.
    fn show_subject(&mut self, subject: &Subject, view: View) {
        match subject {
            Subject::Item(id) => {
                let Some(index) = self.model.catalog().item_index(id) else { return };
                if view == View::Gaps && self.gaps.show_item(&self.model, index) {
                    self.prefs.view = View::Gaps;
                } else {
                    self.prefs.view = View::Checklists;
                    self.checklists.reveal(&self.model, index);
                }
            }
            Subject::Project(id) => {
                self.prefs.view = View::Projects;
                self.projects.show_project(id);
            }
        }
    }
}
