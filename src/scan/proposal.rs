//! From findings to proposals for one project: one per item, with the best evidence (`path:line`), the
//! sentence that says what was found and what is still unproven, and how many more files say the same.
//! A full proof proposes *done*; a partial one proposes *doing*, its sentence as the note.

use super::facts::{Finding, Proof};
use super::place::FileName;
use super::{SCAN_CHECKLIST, Scan};
use crate::catalog::Catalog;
use crate::project::{Project, ProjectChange, ProjectStatus};

/// Items no file can show: a second factor on accounts, a launch review, a list of expiry dates. The
/// scan says so instead of leaving them silently out.
const UNSEEN: &[&str] = &["accounts-two-factor", "launch-review", "expiry-list"];

/// A finding turned into a proposed change for one project.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Proposal {
    /// Full id of the project's item.
    pub item: String,
    pub proof: Proof,
    /// The best evidence: `path:line`.
    pub evidence: String,
    /// The best finding.
    pub finding: Finding,
    /// Other files that show the same item.
    pub more_files: usize,
}

impl Proposal {
    /// The status accepting it sets: done for a full proof, doing for a part.
    pub(crate) fn status(&self) -> ProjectStatus {
        match self.proof {
            Proof::Full => ProjectStatus::Done,
            Proof::Partial => ProjectStatus::Doing,
        }
    }

    /// "Found by the scan: a CI workflow that runs `pytest` (line 12)", and what is still unproven.
    /// "Found by the scan: …", and the line itself, so the note says what the evidence shows.
    pub(crate) fn note(&self) -> String {
        let line = &self.finding.excerpt;
        if line.is_empty() {
            format!("Found by the scan: {}.", self.finding.sentence())
        } else {
            format!("Found by the scan: {}. The line: `{line}`", self.finding.sentence())
        }
    }

    /// The change that accepts this proposal for `project`: its status, the line as evidence, and what
    /// was found as its note (unless it has a note already).
    pub(crate) fn accept(&self, project: &Project) -> ProjectChange {
        let has_note = project.items.get(&self.item).is_some_and(|p| !p.note.is_empty());
        ProjectChange::Mark {
            project: project.id.clone(),
            item: self.item.clone(),
            status: Some(self.status()),
            note: (!has_note).then(|| self.note()),
            evidence: Some(self.evidence.clone()),
        }
    }
}

/// The proposals of `scan` for `project`: one per item of its checklist that is not done or ruled out
/// yet (a part is not proposed for an item already in progress). Findings name `launch-one-project`
/// items; a project scored against another checklist gets them through those items' `proves` lists.
pub(crate) fn proposals(catalog: &Catalog, project: &Project, scan: &Scan) -> Vec<Proposal> {
    let mut proposals: Vec<Proposal> = Vec::new();
    for finding in &scan.findings {
        for item in project_items(catalog, &project.checklist, finding.item) {
            let status = project.status(&item);
            let settled = matches!(status, ProjectStatus::Done | ProjectStatus::NotApplicable)
                || (status == ProjectStatus::Doing && finding.proof == Proof::Partial);
            if settled {
                continue;
            }
            match proposals.iter_mut().find(|p| p.item == item) {
                Some(proposal) => proposal.more_files += usize::from(proposal.finding.path != finding.path),
                None => proposals.push(Proposal {
                    item,
                    proof: finding.proof,
                    evidence: finding.evidence(),
                    finding: finding.clone(),
                    more_files: 0,
                }),
            }
        }
    }
    proposals.sort_by_key(|p| catalog.item_index(&p.item));
    proposals
}

/// The items of `project`'s checklist that no file can show and that are still open, by title.
pub(crate) fn unseen_items(catalog: &Catalog, project: &Project) -> Vec<String> {
    UNSEEN
        .iter()
        .flat_map(|item| project_items(catalog, &project.checklist, item))
        .filter(|item| matches!(project.status(item), ProjectStatus::Todo | ProjectStatus::Doing))
        .filter_map(|item| catalog.item_index(&item).map(|index| catalog.items[index].title.clone()))
        .collect()
}

/// The full ids of the items of `checklist` that a finding for `launch_item` is evidence for.
fn project_items(catalog: &Catalog, checklist: &str, launch_item: &str) -> Vec<String> {
    let full = format!("{SCAN_CHECKLIST}/{launch_item}");
    if checklist == SCAN_CHECKLIST {
        return vec![full];
    }
    let Some(index) = catalog.item_index(&full) else { return Vec::new() };
    let prefix = format!("{checklist}/");
    catalog.items[index].proves.iter().filter(|skill| skill.starts_with(&prefix)).cloned().collect()
}

/// A workflow that runs on `pull_request_target` and checks out the pull request's code: it runs a
/// stranger's code with the repository's secrets. Flagged, never evidence.
pub(super) fn dangers(file: &FileName, text: &str) -> Vec<String> {
    if !text.contains("pull_request_target") {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.contains("github.event.pull_request.head.") || line.contains("github.head_ref"))
        .filter(|(_, line)| line.contains("ref:") || line.contains("repository:"))
        .map(|(index, _)| format!("{}:{}", file.path, index + 1))
        .collect()
}
