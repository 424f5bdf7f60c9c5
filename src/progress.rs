//! A person's progress: a status per item (keyed by full id), notes, evidence links, and the history of
//! every status change. [`Progress::apply`] is the only way progress changes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Item};
use crate::project::{Project, ProjectChange};
use crate::review::Rating;

/// When each item's status was last set, by the id the history records it under.
pub type StatusDates = foldhash::HashMap<String, DateTime<Utc>>;

/// The schema version this build writes. See `store::migrate` for how older files are upgraded.
/// Version 2 added the person's projects; version 3 their readings (readiness at each scan and check);
/// version 4 the reviews of done items.
pub const CURRENT_VERSION: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Todo,
    Learning,
    Done,
    /// Not relevant to me: leaves the score's denominator.
    Skipped,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Todo, Status::Learning, Status::Done, Status::Skipped];

    pub(crate) fn id(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Learning => "learning",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Todo => "To do",
            Status::Learning => "Learning",
            Status::Done => "Done",
            Status::Skipped => "Skipped",
        }
    }

    /// Counts towards the score's denominator.
    pub fn is_applicable(self) -> bool {
        self != Status::Skipped
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What is known about one item. An empty note or evidence link is left out of the file. A field this
/// version does not know is refused rather than dropped on the next save (hostile-input review F17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemProgress {
    #[serde(default)]
    pub status: Status,
    /// When anything about the item last changed.
    pub changed: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// A link to something the person built that proves the item.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// One status change, as the history records it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEvent {
    pub item: String,
    pub from: Status,
    pub to: Status,
    pub at: DateTime<Utc>,
    /// This change takes back the item's previous one (the window's undo), so the status it returns to
    /// keeps the date it had. Written by older versions; an undo now removes the change it takes back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undo: bool,
}

/// One review of a done item: the person redid its proof and said how it went (see [`crate::review`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEvent {
    pub item: String,
    pub at: DateTime<Utc>,
    pub rating: Rating,
}

/// The whole progress file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub version: u32,
    /// Keyed by full item id. Entries of items that no checklist has any more are kept.
    #[serde(default)]
    pub items: BTreeMap<String, ItemProgress>,
    #[serde(default)]
    pub history: Vec<HistoryEvent>,
    /// The person's projects (see [`crate::project`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// Every review, oldest first. Only those since an item was last marked done count for its schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ReviewEvent>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: CURRENT_VERSION,
            items: BTreeMap::new(),
            history: Vec::new(),
            projects: Vec::new(),
            reviews: Vec::new(),
        }
    }
}

/// One change a person makes to one item. Fields left `None` stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Full id of the item.
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// A review of the (done) item, rated. With `undo`, takes back the item's last review of this rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Rating>,
    /// The status change takes back this item's previous one (see [`HistoryEvent::undo`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undo: bool,
}

/// Any change a person makes: to their own progress or to one of their projects. What
/// [`crate::tracker::Tracker::apply`] takes, records and saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    Item(Change),
    Project(ProjectChange),
}

impl From<Change> for Edit {
    fn from(change: Change) -> Edit {
        Edit::Item(change)
    }
}

impl From<ProjectChange> for Edit {
    fn from(change: ProjectChange) -> Edit {
        Edit::Project(change)
    }
}

impl Change {
    pub fn status(item: impl Into<String>, status: Status) -> Change {
        Change { item: item.into(), status: Some(status), ..Change::default() }
    }

    pub fn review(item: impl Into<String>, rating: Rating) -> Change {
        Change { item: item.into(), review: Some(rating), ..Change::default() }
    }
}

impl Progress {
    /// The progress of `item`, looked up by its full id and then by its aliases, so progress stored
    /// under an old id shows on the renamed item.
    pub fn get(&self, item: &Item) -> Option<&ItemProgress> {
        self.items.get(&item.full_id).or_else(|| item.aliases.iter().find_map(|alias| self.items.get(alias)))
    }

    pub(crate) fn status(&self, item: &Item) -> Status {
        self.get(item).map_or(Status::Todo, |p| p.status)
    }

    /// Since when each item has had its current status, by the id the history records it under.
    /// Computed once and handed to [`Progress::status_since`]. A note or evidence edit is no status
    /// change, so it never moves the date an item was done (hostile-input review F11), and an undo
    /// gives the status it returns to its earlier date back.
    pub fn status_dates(&self) -> StatusDates {
        let mut changes: foldhash::HashMap<&str, Vec<DateTime<Utc>>> = foldhash::HashMap::default();
        for event in &self.history {
            let dates = changes.entry(&event.item).or_default();
            if event.undo && dates.len() > 1 {
                dates.pop();
            } else {
                dates.push(event.at);
            }
        }
        changes.into_iter().filter_map(|(item, dates)| Some((item.to_owned(), *dates.last()?))).collect()
    }

    /// Since when `item` has its current status: its last status change in `dates` (from
    /// `Progress::status_dates`) under its id or an alias, or, for an entry the history does not know
    /// (a hand-made file), when the entry last changed.
    pub fn status_since(&self, item: &Item, dates: &StatusDates) -> Option<DateTime<Utc>> {
        std::iter::once(&item.full_id)
            .chain(&item.aliases)
            .filter_map(|id| dates.get(id).copied())
            .max()
            .or_else(|| self.get(item).map(|p| p.changed))
    }

    /// Applies one edit at time `now` (see [`Progress::apply`] and [`Progress::apply_project`]).
    pub(crate) fn apply_edit(&mut self, catalog: &Catalog, edit: &Edit, now: DateTime<Utc>) -> bool {
        match edit {
            Edit::Item(change) => self.apply(catalog, change, now),
            Edit::Project(change) => self.apply_project(change, now),
        }
    }

    /// Applies one change at time `now`. A status change is appended to the history. Returns whether
    /// anything changed. `catalog` resolves aliases so a change to a renamed item starts from the
    /// progress stored under its old id.
    pub fn apply(&mut self, catalog: &Catalog, change: &Change, now: DateTime<Utc>) -> bool {
        let inherited = if self.items.contains_key(&change.item) {
            None
        } else {
            catalog.item_index(&change.item).and_then(|index| self.get(&catalog.items[index])).cloned()
        };
        let entry = self.items.entry(change.item.clone());
        let current = match entry {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => v.insert(inherited.unwrap_or(ItemProgress {
                status: Status::Todo,
                changed: now,
                note: String::new(),
                evidence: String::new(),
            })),
        };
        let before = current.clone();
        if let Some(status) = change.status {
            current.status = status;
        }
        if let Some(note) = &change.note {
            current.note.clone_from(note);
        }
        if let Some(evidence) = &change.evidence {
            current.evidence = evidence.trim().to_owned();
        }
        let mut changed =
            current.status != before.status || current.note != before.note || current.evidence != before.evidence;
        if changed {
            current.changed = now;
        }
        // Whether this change added an event to the history (then the item has one for sure).
        let mut recorded = false;
        if current.status != before.status {
            // An undo that takes back the item's last status change removes that change from the
            // history: what the person took back never happened (no "To do since", no extra entry). Only an
            // undo looks for it: a journal replays tens of thousands of changes, and the search is linear.
            let last = if change.undo { self.history.iter().rposition(|e| e.item == change.item) } else { None };
            let reversed = last.filter(|&i| {
                let event = &self.history[i];
                event.from == current.status && event.to == before.status
            });
            if let Some(index) = reversed {
                self.history.remove(index);
            } else {
                let event = HistoryEvent {
                    item: change.item.clone(),
                    from: before.status,
                    to: current.status,
                    at: now,
                    undo: change.undo,
                };
                // A change replayed by a merge keeps its time, so it goes before events saved meanwhile (F20).
                let position = self.history.partition_point(|e| e.at <= now);
                self.history.insert(position, event);
                recorded = true;
            }
        }
        let is_done = current.status == Status::Done;
        if let Some(rating) = change.review {
            changed |= self.apply_review(&change.item, rating, change.undo, is_done, now);
        }
        let is_default = self.items.get(&change.item).is_some_and(|current| {
            current.status == Status::Todo && current.note.is_empty() && current.evidence.is_empty()
        });
        if is_default && !recorded && !self.history.iter().any(|e| e.item == change.item) {
            // An item back where it started, with no history (a no-op, or an undone first change), leaves no
            // trace in the file.
            self.items.remove(&change.item);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stage;
    use crate::catalog::{Catalog, ChecklistFile, ItemFile, Origin, SectionFile};

    fn catalog() -> Catalog {
        let item = |id: &str, aliases: Vec<String>| ItemFile {
            id: id.into(),
            title: id.into(),
            stage: Stage::Build,
            weight: Default::default(),
            description: String::new(),
            proof: String::new(),
            resources: vec![],
            tags: vec![],
            aliases,
            proves: vec![],
            phrase: String::new(),
        };
        let file = ChecklistFile {
            id: "c".into(),
            title: "C".into(),
            track: Default::default(),
            description: String::new(),
            sections: vec![SectionFile {
                id: "s".into(),
                title: "S".into(),
                items: vec![item("a", vec![]), item("renamed", vec!["old".into()])],
            }],
        };
        Catalog::from_files(vec![(file, Origin::BuiltIn("c.ron"))]).0
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn status_change_is_recorded_in_history() {
        let catalog = catalog();
        let mut progress = Progress::default();
        assert!(progress.apply(&catalog, &Change::status("c/a", Status::Learning), at(0)));
        assert!(progress.apply(&catalog, &Change::status("c/a", Status::Done), at(10)));
        assert_eq!(progress.history.len(), 2);
        assert_eq!(
            progress.history[1],
            HistoryEvent { item: "c/a".into(), from: Status::Learning, to: Status::Done, at: at(10), undo: false }
        );
        assert_eq!(progress.items["c/a"].changed, at(10));
    }

    #[test]
    fn same_status_again_changes_nothing() {
        let catalog = catalog();
        let mut progress = Progress::default();
        progress.apply(&catalog, &Change::status("c/a", Status::Done), at(0));
        assert!(!progress.apply(&catalog, &Change::status("c/a", Status::Done), at(5)));
        assert_eq!(progress.history.len(), 1);
        assert_eq!(progress.items["c/a"].changed, at(0));
        assert!(!progress.apply(&catalog, &Change::status("c/new", Status::Todo), at(5)));
        assert!(!progress.items.contains_key("c/new"));
    }

    #[test]
    fn undoing_a_first_status_change_leaves_the_item_untouched() {
        let catalog = catalog();
        let mut progress = Progress::default();
        progress.apply(&catalog, &Change::status("c/a", Status::Done), at(0));
        let undo = Change { undo: true, ..Change::status("c/a", Status::Todo) };
        assert!(progress.apply(&catalog, &undo, at(5)));
        assert!(progress.history.is_empty(), "{:?}", progress.history);
        assert!(!progress.items.contains_key("c/a"));
    }

    #[test]
    fn undoing_a_later_status_change_removes_only_that_change() {
        let catalog = catalog();
        let mut progress = Progress::default();
        progress.apply(&catalog, &Change::status("c/a", Status::Learning), at(0));
        progress.apply(&catalog, &Change::status("c/a", Status::Done), at(10));
        let undo = Change { undo: true, ..Change::status("c/a", Status::Learning) };
        progress.apply(&catalog, &undo, at(20));
        assert_eq!(progress.history.len(), 1);
        assert_eq!(progress.history[0].to, Status::Learning);
        assert_eq!(progress.status_dates()["c/a"], at(0), "Learning since it was first set");
        assert_eq!(progress.items["c/a"].status, Status::Learning);
    }

    #[test]
    fn note_and_evidence_change_without_history() {
        let catalog = catalog();
        let mut progress = Progress::default();
        let change = Change {
            item: "c/a".into(),
            note: Some("read the docs".into()),
            evidence: Some(" https://x.org ".into()),
            ..Change::default()
        };
        assert!(progress.apply(&catalog, &change, at(0)));
        assert_eq!(progress.items["c/a"].note, "read the docs");
        assert_eq!(progress.items["c/a"].evidence, "https://x.org");
        assert!(progress.history.is_empty());
    }

    #[test]
    fn progress_under_an_alias_shows_on_the_renamed_item_and_carries_over() {
        let catalog = catalog();
        let mut progress = Progress::default();
        progress.items.insert(
            "c/old".into(),
            ItemProgress { status: Status::Done, changed: at(0), note: "kept".into(), evidence: String::new() },
        );
        let renamed = &catalog.items[1];
        assert_eq!(progress.status(renamed), Status::Done);
        progress.apply(
            &catalog,
            &Change { item: "c/renamed".into(), evidence: Some("https://e.org".into()), ..Change::default() },
            at(1),
        );
        assert_eq!(progress.items["c/renamed"].note, "kept");
        assert_eq!(progress.items["c/renamed"].status, Status::Done);
        assert!(progress.items.contains_key("c/old"), "old entries are never dropped");
    }
}
