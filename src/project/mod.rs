//! Projects: is *my app* ready? A project is one app of the person's, scored against a checklist of facts
//! about an app (by default `launch-one-project`): each item has a status for this project, a note and
//! evidence (a link, or a path in the project's folder).
//!
//! Projects live in the progress file beside the person's own progress, so they share its guarantees
//! (atomic saves, backups, the folder's lock and the merge). `Progress::apply_project` is the only way a
//! project changes, and it is reached through [`crate::tracker::Tracker::apply`] like every other change.

mod assess;
pub(crate) mod check;
pub(crate) mod export;
mod lookup;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub(crate) use assess::{Credit, ProjectAssessment, assess, credits, proven_by, proven_in};
pub(crate) use lookup::{
    ProjectError, check_evidence, check_name, check_new_project, check_repository, find_project, find_project_exactly,
    resolve_item,
};

use crate::catalog::validate::is_http_url;
use crate::progress::{Progress, Status};

/// The checklist a new project is scored against unless another is chosen.
pub const DEFAULT_PROJECT_CHECKLIST: &str = "launch-one-project";

/// Where one item stands for one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    #[default]
    Todo,
    Doing,
    Done,
    /// Does not apply to this project; the note says why. Leaves the score's denominator.
    NotApplicable,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 4] =
        [ProjectStatus::Todo, ProjectStatus::Doing, ProjectStatus::Done, ProjectStatus::NotApplicable];

    /// The word scripts and the command line use.
    pub(crate) fn id(self) -> &'static str {
        match self {
            ProjectStatus::Todo => "todo",
            ProjectStatus::Doing => "doing",
            ProjectStatus::Done => "done",
            ProjectStatus::NotApplicable => "n/a",
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            ProjectStatus::Todo => "To do",
            ProjectStatus::Doing => "Doing",
            ProjectStatus::Done => "Done",
            ProjectStatus::NotApplicable => "Not applicable",
        }
    }

    /// Reads a status as a person types it (`n/a`, `na` and `not-applicable` all mean not applicable).
    pub fn parse(text: &str) -> Option<ProjectStatus> {
        match text.trim().to_lowercase().as_str() {
            "todo" | "to-do" => Some(ProjectStatus::Todo),
            "doing" => Some(ProjectStatus::Doing),
            "done" => Some(ProjectStatus::Done),
            "n/a" | "na" | "not-applicable" | "not_applicable" => Some(ProjectStatus::NotApplicable),
            _ => None,
        }
    }

    /// The status the score counts it as: the score is the person's, read over a project's statuses.
    fn as_score_status(self) -> Status {
        match self {
            ProjectStatus::Todo => Status::Todo,
            ProjectStatus::Doing => Status::Learning,
            ProjectStatus::Done => Status::Done,
            ProjectStatus::NotApplicable => Status::Skipped,
        }
    }
}

impl std::fmt::Display for ProjectStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What is known about one item of one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectItem {
    #[serde(default)]
    pub status: ProjectStatus,
    pub changed: DateTime<Utc>,
    /// A note; for an item that does not apply, the reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What shows it: a link, or a path relative to the project's folder (`deploy/nginx.conf`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// One of the person's projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// A slug made from the first name, never changed: what changes and merges refer to.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub repository: String,
    /// A local clone the scan reads, as the person gave it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub folder: String,
    /// The id of the checklist it is scored against.
    pub checklist: String,
    pub created: DateTime<Utc>,
    /// Keyed by full item id.
    #[serde(default)]
    pub items: BTreeMap<String, ProjectItem>,
}

impl Project {
    /// The status of the item with this full id in this project.
    pub(crate) fn status(&self, item: &str) -> ProjectStatus {
        self.items.get(item).map_or(ProjectStatus::Todo, |p| p.status)
    }

    /// Where `evidence` can be opened: a link is itself; a path in the project's folder is the file in its
    /// repository when that is on GitHub or GitLab (their links to a branch's file are known); else none.
    pub(crate) fn evidence_link(&self, evidence: &str) -> Option<String> {
        let evidence = evidence.trim();
        if is_http_url(evidence) {
            return Some(evidence.to_owned());
        }
        let repository = self.repository.trim().trim_end_matches('/').trim_end_matches(".git");
        if evidence.is_empty() || !is_http_url(repository) {
            return None;
        }
        let (path, line) = evidence_path_and_line(evidence);
        let path = path.trim_start_matches("./").trim_start_matches('/');
        let anchor = line.map_or_else(String::new, |line| format!("#L{line}"));
        let link = if repository.contains("://github.com/") {
            format!("{repository}/blob/HEAD/{path}{anchor}")
        } else if repository.contains("://gitlab.com/") {
            format!("{repository}/-/blob/HEAD/{path}{anchor}")
        } else {
            return None;
        };
        // A path with a space or a quote would make a broken link.
        is_http_url(&link).then_some(link)
    }
}

/// A path evidence's file and line: `deploy/nginx.conf:12` is line 12 of `deploy/nginx.conf` (the scan
/// keeps evidence so); a path without a line number is the whole file.
pub(crate) fn evidence_path_and_line(evidence: &str) -> (&str, Option<usize>) {
    match evidence.rsplit_once(':') {
        Some((path, line)) if !path.is_empty() && !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
            (path, line.parse().ok())
        }
        _ => (evidence, None),
    }
}

/// A project's id as it goes into a backup's file name: at most 60 bytes, cut at a character, so a long
/// name (a project id is its name's slug) never makes a file name the file system refuses.
pub(crate) fn backup_tag(id: &str) -> &str {
    const MAX_BYTES: usize = 60;
    let end = (0..=MAX_BYTES.min(id.len())).rev().find(|&i| id.is_char_boundary(i)).unwrap_or(0);
    &id[..end]
}

/// The facts a new project starts with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewProject {
    pub name: String,
    pub repository: String,
    pub folder: String,
    pub checklist: String,
}

/// One change to the person's projects. Changes name a project by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Puts a project back as it was, whole (the window's undo): replaces the project with its id, or
    /// adds it again when it was removed.
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
    name.trim().nfc().collect::<String>().to_lowercase()
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
            ProjectChange::Remove { project } => {
                let before = self.projects.len();
                self.projects.retain(|p| &p.id != project);
                self.projects.len() != before
            }
            ProjectChange::Put(project) => match self.projects.iter_mut().find(|p| p.id == project.id) {
                Some(found) if *found == **project => false,
                Some(found) => {
                    found.clone_from(project);
                    true
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
