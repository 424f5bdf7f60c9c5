//! `skillgap project check`: a project's readiness from its repository alone, for CI. What the
//! repository's `.skillgap/project.ron` says (if it has one), less the evidence whose file is gone, plus
//! what the scan proves in full for the items the file leaves open. No data folder is read or written.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::export::ProjectFile;
use super::{DEFAULT_PROJECT_CHECKLIST, Project, ProjectStatus, evidence_path_and_line, slug};
use crate::catalog::Catalog;
use crate::catalog::validate::is_http_url;
use crate::scan::{self, Proof, Scan};

/// An item whose evidence file is no longer in the folder: it does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct GoneEvidence {
    /// Full id of the item.
    pub item: String,
    pub title: String,
    /// The evidence as the project file has it (`scripts/restore.sh`).
    pub evidence: String,
    /// The status the file gave it, which no longer counts.
    pub was: ProjectStatus,
}

/// An item the scan proves in full that the project file leaves open: it counts, as done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FromScan {
    pub item: String,
    pub title: String,
    /// `path:line`.
    pub evidence: String,
}

/// A project as the check counts it, and why it differs from the project file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    pub project: Project,
    pub gone: Vec<GoneEvidence>,
    pub from_scan: Vec<FromScan>,
    /// Keys of the project file that no item of its checklist has (a renamed or removed item).
    pub unknown: Vec<String>,
}

/// The project `file` describes (or, without one, a project named after the folder, scored against
/// the default checklist), its evidence checked against the folder (an error when two of the file's keys
/// name one item) (`exists` says whether a path in it
/// is a file there) and the scan's full proofs added for its open items.
pub(crate) fn check(
    catalog: &Catalog,
    file: Option<&ProjectFile>,
    folder_name: &str,
    found: &Scan,
    exists: impl Fn(&str) -> bool,
    now: DateTime<Utc>,
) -> Result<Checked, String> {
    let mut project = Project {
        id: String::new(),
        name: file.map_or(folder_name, |f| f.name.trim()).to_owned(),
        repository: file.map(|f| f.repository.clone()).unwrap_or_default(),
        folder: String::new(),
        checklist: file.map_or(DEFAULT_PROJECT_CHECKLIST, |f| f.checklist.as_str()).to_owned(),
        created: now,
        items: Default::default(),
        readings: Vec::new(),
    };
    project.id = slug(&project.name);
    let mut unknown = Vec::new();
    if let Some(file) = file {
        (project.items, unknown) = file.items_for(catalog, now)?;
    }
    let gone = gone_evidence(catalog, &project, exists);
    for gone in &gone {
        if let Some(item) = project.items.get_mut(&gone.item) {
            item.status = ProjectStatus::Todo;
        }
    }
    let from_scan = add_full_proofs(catalog, &mut project, found, now);
    Ok(Checked { project, gone, from_scan, unknown })
}

/// The items done or in progress whose evidence is a path that is not in the folder (`exists` says).
pub(crate) fn gone_evidence(catalog: &Catalog, project: &Project, exists: impl Fn(&str) -> bool) -> Vec<GoneEvidence> {
    let mut gone = Vec::new();
    for (full_id, item) in &project.items {
        let counts = matches!(item.status, ProjectStatus::Done | ProjectStatus::Doing);
        if !counts || item.evidence.is_empty() || is_http_url(&item.evidence) {
            continue;
        }
        let (path, _) = evidence_path_and_line(&item.evidence);
        if exists(path) {
            continue;
        }
        gone.push(GoneEvidence {
            item: full_id.clone(),
            title: title(catalog, full_id),
            evidence: item.evidence.clone(),
            was: item.status,
        });
    }
    gone
}

/// Marks done what the scan proves in full among the project's open items, and says which.
fn add_full_proofs(catalog: &Catalog, project: &mut Project, found: &Scan, now: DateTime<Utc>) -> Vec<FromScan> {
    let full: Vec<_> =
        scan::proposals(catalog, project, found).into_iter().filter(|p| p.proof == Proof::Full).collect();
    let mut added = Vec::new();
    for proposal in full {
        let entry = project.items.entry(proposal.item.clone()).or_insert_with(|| super::ProjectItem {
            status: ProjectStatus::Todo,
            changed: now,
            note: String::new(),
            evidence: String::new(),
        });
        entry.status = ProjectStatus::Done;
        entry.evidence.clone_from(&proposal.evidence);
        entry.changed = now;
        added.push(FromScan {
            title: title(catalog, &proposal.item),
            item: proposal.item,
            evidence: proposal.evidence,
        });
    }
    added
}

fn title(catalog: &Catalog, full_id: &str) -> String {
    catalog.item_index(full_id).map_or_else(|| full_id.to_owned(), |i| catalog.items[i].title.clone())
}
