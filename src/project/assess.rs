//! A project's readiness (the person's score, read over the project's statuses) and the credit its
//! evidence gives the person's own skills.

use super::{Project, ProjectStatus};
use crate::catalog::Catalog;
use crate::progress::{Change, ItemProgress, Status};
use crate::score::Assessment;
use crate::target::Target;

/// Where a project stands: its checklist as a target, and the assessment over it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProjectAssessment {
    /// Index into [`Catalog::checklists`] of the checklist the project is scored against.
    pub checklist: usize,
    pub target: Target,
    pub assessment: Assessment,
}

impl ProjectAssessment {
    /// "Tuition centre: Level 3, Runs in production. Limited by Recover (0%). Next: …".
    pub(crate) fn headline(&self, catalog: &Catalog, project: &Project) -> String {
        let score = &self.assessment.score;
        format!(
            "{}: Level {}, {}{}. {}",
            project.name,
            score.level.number(),
            score.level.name(),
            score.except_clause(catalog),
            self.assessment.explanation(catalog)
        )
    }
}

/// The project's assessment, or `None` when its checklist is not loaded (a list of one's own that was
/// removed): the project and its marks are kept, and it is scored again once the list is back.
pub(crate) fn assess(catalog: &Catalog, project: &Project) -> Option<ProjectAssessment> {
    let checklist = catalog.checklist_index(&project.checklist)?;
    let target = Target::of_checklist(catalog, checklist);
    let mut statuses = vec![Status::Todo; catalog.items.len()];
    for index in catalog.checklists[checklist].item_range() {
        statuses[index] = project.status(&catalog.items[index].full_id).as_score_status();
    }
    let assessment = Assessment::of_statuses(catalog, statuses, &target);
    Some(ProjectAssessment { checklist, target, assessment })
}

/// A skill of the person's that a project proves: an item done in the project, with evidence, whose
/// checklist item names the skill in `proves` (an item that names none proves itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credit<'a> {
    /// Index into [`Catalog::items`] of the person's skill.
    pub skill: usize,
    /// Index into [`Catalog::items`] of the project's item that proves it.
    pub item: usize,
    pub project: &'a Project,
    /// The project item's evidence.
    pub evidence: &'a str,
}

impl Credit<'_> {
    /// The change that accepts the credit: the skill done, with the project's evidence as its link when
    /// it has one, and a note that says where it was proven when the skill has no note yet.
    pub(crate) fn accept(&self, current: Option<&ItemProgress>, skill_id: &str) -> Change {
        let link = self.project.evidence_link(self.evidence);
        let has_note = current.is_some_and(|p| !p.note.is_empty());
        let has_link = current.is_some_and(|p| !p.evidence.is_empty());
        Change {
            item: skill_id.to_owned(),
            status: Some(Status::Done),
            note: (!has_note).then(|| format!("Proven in {}: {}", self.project.name, self.evidence)),
            evidence: if has_link { None } else { link },
            ..Change::default()
        }
    }
}

/// Every skill the projects prove, in catalog order of the skills, then in the order of the projects.
pub(crate) fn credits<'a>(catalog: &Catalog, projects: &'a [Project]) -> Vec<Credit<'a>> {
    let mut found = Vec::new();
    for project in projects {
        for (full_id, entry) in &project.items {
            if entry.status != ProjectStatus::Done || entry.evidence.is_empty() {
                continue;
            }
            let Some(item) = catalog.item_index(full_id) else { continue };
            let proves = &catalog.items[item].proves;
            let skills: Vec<usize> = if proves.is_empty() {
                vec![item]
            } else {
                proves.iter().filter_map(|skill| catalog.item_index(skill)).collect()
            };
            found.extend(skills.into_iter().map(|skill| Credit { skill, item, project, evidence: &entry.evidence }));
        }
    }
    found.sort_by_key(|credit| credit.skill);
    found
}

/// The projects among `credits` that prove `skill`, each once, in the order of the credits.
pub(crate) fn proven_by<'a>(credits: &[Credit<'a>], skill: usize) -> Vec<&'a Project> {
    let mut projects: Vec<&Project> = Vec::new();
    for credit in credits.iter().filter(|c| c.skill == skill) {
        if !projects.iter().any(|p| p.id == credit.project.id) {
            projects.push(credit.project);
        }
    }
    projects
}

/// "proven in Tuition centre" (or "proven in Tuition centre, Weather app"); `None` when no project
/// proves `skill`.
pub(crate) fn proven_in(credits: &[Credit], skill: usize) -> Option<String> {
    let names: Vec<&str> = proven_by(credits, skill).iter().map(|p| p.name.as_str()).collect();
    (!names.is_empty()).then(|| format!("proven in {}", names.join(", ")))
}
