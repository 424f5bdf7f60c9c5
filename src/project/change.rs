//! Changing projects: the facts a new one starts with, its id, and [`ProjectChange`], applied by
//! `Progress::apply_project` (reached only through [`crate::tracker::Tracker::apply`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Project, ProjectItem, ProjectStatus};
use serde::{Deserialize, Serialize};

use crate::progress::Progress;

/// The facts a new project starts with.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub repository: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub folder: String,
    pub checklist: String,
}

/// One change to the person's projects. Changes name a project by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectChange {
    /// Adds a project under `id` (see `Progress::new_project_id`); nothing happens when the id is taken.
    Add {
        id: String,
        project: NewProject,
    },
    /// Changes the name, repository or folder; `None` leaves a field as it is.
    Edit {
        project: String,
        name: Option<String>,
        repository: Option<String>,
        folder: Option<String>,
    },
    /// Changes one item of a project; `None` leaves a field as it is.
    Mark {
        project: String,
        item: String,
        status: Option<ProjectStatus>,
        note: Option<String>,
        evidence: Option<String>,
    },
    Remove {
        project: String,
    },
    /// Keeps where the project stood at a scan or check, unless the last reading says the same.
    Record {
        project: String,
        reading: super::Reading,
    },
    /// Puts a project back as it was, whole (the window's undo): replaces the project with its id (its
    /// readings stay, being history), or adds it again, readings and all, when it was removed.
    Put(Box<Project>),
}

impl ProjectChange {
    pub fn mark(project: &str, item: &str, status: ProjectStatus) -> ProjectChange {
        let (project, item) = (project.to_owned(), item.to_owned());
        ProjectChange::Mark { project, item, status: Some(status), note: None, evidence: None }
    }
}

/// A project name as names are compared: trimmed, in NFC (a precomposed `é` and `e` with a combining
/// accent are one letter), lowercase.
pub(crate) fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Joiners and variation selectors are left out: "Café" with a joiner after it looks like "Café".
    name.trim().nfc().filter(|&c| !crate::safe_text::is_unseen_shaping(c)).collect::<String>().to_lowercase()
}

/// Whether `id` is one skillgap makes: its own slug (so no `/`, `.` or space can reach a file name).
pub(crate) fn is_project_id(id: &str) -> bool {
    slug(id) == id
}

/// A name's slug: lowercase letters and digits, words joined by `-`.
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "project".to_owned() } else { slug.to_owned() }
}

impl Progress {
    /// The project with this id, or else this name (case and surrounding spaces ignored), or else the one
    /// project whose name or id starts with it.
    pub(crate) fn project(&self, query: &str) -> Option<&Project> {
        let (query, lower) = (query.trim(), name_key(query));
        let name = |p: &Project| name_key(&p.name);
        let exact =
            self.projects.iter().find(|p| p.id == query).or_else(|| self.projects.iter().find(|p| name(p) == lower));
        exact.or_else(|| {
            let mut starting = self
                .projects
                .iter()
                .filter(|p| !lower.is_empty() && (p.id.starts_with(&lower) || name(p).starts_with(&lower)));
            let first = starting.next();
            first.filter(|_| starting.next().is_none())
        })
    }

    /// An id for a new project called `name` that no project has.
    pub(crate) fn new_project_id(&self, name: &str) -> String {
        let base = slug(name);
        let taken = |id: &str| self.projects.iter().any(|p| p.id == id);
        if !taken(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base)
    }

    /// Applies one change to the projects at time `now`. Returns whether anything changed.
    pub(crate) fn apply_project(&mut self, change: &ProjectChange, now: DateTime<Utc>) -> bool {
        match change {
            ProjectChange::Add { id, project } => {
                if self.projects.iter().any(|p| &p.id == id) {
                    return false;
                }
                self.projects.push(Project {
                    id: id.clone(),
                    name: project.name.trim().to_owned(),
                    repository: project.repository.trim().to_owned(),
                    folder: project.folder.trim().to_owned(),
                    checklist: project.checklist.clone(),
                    created: now,
                    items: BTreeMap::new(),
                    readings: Vec::new(),
                });
                true
            }
            ProjectChange::Edit { project, name, repository, folder } => {
                let Some(found) = self.projects.iter_mut().find(|p| &p.id == project) else { return false };
                let before = found.clone();
                let fields =
                    [(&mut found.name, name), (&mut found.repository, repository), (&mut found.folder, folder)];
                for (field, value) in fields {
                    if let Some(value) = value {
                        value.trim().clone_into(field);
                    }
                }
                *found != before
            }
            ProjectChange::Mark { project, item, status, note, evidence } => {
                let Some(found) = self.projects.iter_mut().find(|p| &p.id == project) else { return false };
                mark(found, item, (*status, note.as_deref(), evidence.as_deref()), now)
            }
            ProjectChange::Record { project, reading } => {
                self.projects.iter_mut().find(|p| &p.id == project).is_some_and(|found| found.record(reading))
            }
            ProjectChange::Remove { project } => {
                let before = self.projects.len();
                self.projects.retain(|p| &p.id != project);
                self.projects.len() != before
            }
            ProjectChange::Put(project) => match self.projects.iter_mut().find(|p| p.id == project.id) {
                // Its readings are its history, not state an undo takes back: they stay as they are.
                Some(found) => {
                    let put = Project { readings: found.readings.clone(), ..(**project).clone() };
                    let changed = *found != put;
                    *found = put;
                    changed
                }
                None => {
                    self.projects.push((**project).clone());
                    true
                }
            },
        }
    }
}

/// Applies a mark's `(status, note, evidence)` to `item` of `project`.
fn mark(
    project: &mut Project,
    item: &str,
    (status, note, evidence): (Option<ProjectStatus>, Option<&str>, Option<&str>),
    now: DateTime<Utc>,
) -> bool {
    let entry = project.items.entry(item.to_owned()).or_insert_with(|| ProjectItem {
        status: ProjectStatus::Todo,
        changed: now,
        note: String::new(),
        evidence: String::new(),
    });
    let before = entry.clone();
    if let Some(status) = status {
        entry.status = status;
    }
    if let Some(note) = note {
        note.trim().clone_into(&mut entry.note);
    }
    if let Some(evidence) = evidence {
        evidence.trim().clone_into(&mut entry.evidence);
    }
    let changed = *entry != before;
    if changed {
        entry.changed = now;
    }
    if entry.status == ProjectStatus::Todo && entry.note.is_empty() && entry.evidence.is_empty() {
        // An item back at its start leaves no trace in the file.
        project.items.remove(item);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::DEFAULT_PROJECT_CHECKLIST;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
    }

    fn add(progress: &mut Progress, name: &str) -> String {
        let id = progress.new_project_id(name);
        let project =
            NewProject { name: name.into(), checklist: DEFAULT_PROJECT_CHECKLIST.into(), ..Default::default() };
        assert!(progress.apply_project(&ProjectChange::Add { id: id.clone(), project }, at(0)));
        id
    }

    #[test]
    fn ids_are_slugs_of_the_first_name_and_never_collide() {
        let mut progress = Progress::default();
        assert_eq!(add(&mut progress, "Tuition centre!"), "tuition-centre");
        assert_eq!(add(&mut progress, "tuition  CENTRE"), "tuition-centre-2");
        assert_eq!(progress.new_project_id("¿?"), "project");
        assert_eq!(progress.project("  TUITION centre! ").unwrap().id, "tuition-centre");
        assert_eq!(progress.project("tuition-centre-2").unwrap().name, "tuition  CENTRE");
    }

    /// The file's id rule (N4, N7) accepts every id skillgap makes, whatever the name's script or case.
    #[test]
    fn every_id_skillgap_makes_passes_the_files_id_rule() {
        let mut progress = Progress::default();
        let names = [
            "Shop",
            "shop!",
            "日本語プロジェクト",
            "İstanbul Straße",
            "ǅemal ΣΟΦΙΑ",
            "Café",
            "Cafe\u{301}",
            "¿?",
            "a--b",
        ];
        for name in names.into_iter().chain(names) {
            let id = add(&mut progress, name);
            assert!(is_project_id(&id), "{name:?} made {id:?}");
        }
        for id in ["x/../../outside", "A", "a b", "-a", "a-", "a--b", "", "a.b"] {
            assert!(!is_project_id(id), "{id:?}");
        }
    }

    #[test]
    fn marking_records_status_note_and_evidence_and_a_return_to_todo_leaves_no_trace() {
        let mut progress = Progress::default();
        let id = add(&mut progress, "Weather");
        let item = "launch-one-project/containerised";
        let change = ProjectChange::Mark {
            project: id.clone(),
            item: item.into(),
            status: Some(ProjectStatus::Done),
            note: Some(" multi-stage ".into()),
            evidence: Some("Dockerfile".into()),
        };
        assert!(progress.apply_project(&change, at(5)));
        assert!(!progress.apply_project(&change, at(6)), "the same mark again changes nothing");
        let entry = &progress.projects[0].items[item];
        assert_eq!(
            (entry.status, entry.note.as_str(), entry.evidence.as_str()),
            (ProjectStatus::Done, "multi-stage", "Dockerfile")
        );
        assert_eq!(entry.changed, at(5));
        let reset = ProjectChange::Mark {
            project: id,
            item: item.into(),
            status: Some(ProjectStatus::Todo),
            note: Some(String::new()),
            evidence: Some(String::new()),
        };
        assert!(progress.apply_project(&reset, at(7)));
        assert!(progress.projects[0].items.is_empty());
    }

    #[test]
    fn changes_to_a_missing_project_change_nothing() {
        let mut progress = Progress::default();
        assert!(!progress.apply_project(&ProjectChange::mark("nope", "a/b", ProjectStatus::Done), at(0)));
        assert!(!progress.apply_project(&ProjectChange::Remove { project: "nope".into() }, at(0)));
        let id = add(&mut progress, "A");
        let again = ProjectChange::Add { id, project: NewProject { name: "B".into(), ..Default::default() } };
        assert!(!progress.apply_project(&again, at(1)), "an id is never taken twice");
    }

    #[test]
    fn a_removed_project_is_put_back_whole() {
        let mut progress = Progress::default();
        let id = add(&mut progress, "Weather");
        progress.apply_project(&ProjectChange::mark(&id, "a/b", ProjectStatus::Done), at(3));
        let kept = progress.projects[0].clone();
        assert!(progress.apply_project(&ProjectChange::Remove { project: id.clone() }, at(4)));
        assert!(progress.apply_project(&ProjectChange::Put(Box::new(kept.clone())), at(5)));
        assert_eq!(progress.projects, vec![kept.clone()], "its items and their dates as they were");
        assert!(!progress.apply_project(&ProjectChange::Put(Box::new(kept)), at(6)), "already as it was");
    }

    #[test]
    fn statuses_are_read_as_people_type_them() {
        for status in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::parse(status.id()), Some(status));
        }
        assert_eq!(ProjectStatus::parse(" N/A "), Some(ProjectStatus::NotApplicable));
        assert_eq!(ProjectStatus::parse("learning"), None);
    }
}
