//! Projects: is *my app* ready? A project is one app of the person's, scored against a checklist of facts
//! about an app (by default `launch-one-project`): each item has a status for this project, a note and
//! evidence (a link, or a path in the project's folder).
//!
//! Projects live in the progress file beside the person's own progress, so they share its guarantees
//! (atomic saves, backups, the folder's lock and the merge). `Progress::apply_project` is the only way a
//! project changes, and it is reached through [`crate::tracker::Tracker::apply`] like every other change.

mod assess;
mod change;
pub(crate) mod check;
pub(crate) mod export;
mod lookup;
mod reading;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub(crate) use assess::{Credit, ProjectAssessment, assess, credits, proven_by, proven_in};
pub use change::{NewProject, ProjectChange};
pub(crate) use change::{is_project_id, name_key, slug};
pub(crate) use lookup::{
    ProjectError, check_evidence, check_name, check_new_project, check_repository, find_project, find_project_exactly,
    resolve_item,
};
pub(crate) use reading::reading_of;
pub use reading::{Reading, ReadingSource};

use crate::catalog::validate::is_http_url;
use crate::progress::Status;

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
    /// Where it stood at each scan and check that changed something, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
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
