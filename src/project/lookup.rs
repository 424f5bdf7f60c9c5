//! Finding a project and one of its items from what a person typed, and checking a new project, with
//! errors that say what exists. The command line and the window both use these.

use std::path::{Component, Path};

use super::{NewProject, Project};
use crate::catalog::Catalog;
use crate::catalog::validate::is_http_url;
use crate::progress::Progress;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ProjectError {
    #[error("you have no projects yet; add one with `skillgap project add NAME`")]
    NoProjects,
    #[error("there is no project {query:?}; your projects are: {}", .known.join(", "))]
    UnknownProject { query: String, known: Vec<String> },
    #[error(
        "there is no project with the id or name {query:?}; removing needs the exact id or name (see `skillgap project list`): {}",
        .known.join(", ")
    )]
    NotExact { query: String, known: Vec<String> },
    #[error(
        "{query:?} is the id of {by_id:?} and the name of another project (id {other_id}); say which one with its id: \
`skillgap project remove {id}` or `skillgap project remove {other_id}`. Nothing was removed.",
        id = .query
    )]
    IdAndName { query: String, by_id: String, other_id: String },
    #[error("a project name is {limit} characters at most; this one has {chars}")]
    NameTooLong { chars: usize, limit: usize },
    #[error("{problem}")]
    BadText { problem: String },
    #[error("a project needs a name")]
    EmptyName,
    #[error("there is already a project named {name:?}; give this one another name, or see `skillgap project list`")]
    DuplicateName { name: String },
    #[error("there is no checklist {id:?} to score the project against; the loaded checklists are: {}", .known.join(", "))]
    UnknownChecklist { id: String, known: Vec<String> },
    #[error("the repository {link:?} is not an http(s) URL; give a link such as https://github.com/you/project")]
    BadRepository { link: String },
    #[error("{project} is scored against {checklist}, which has no item {query:?}{}", did_you_mean(.suggestions))]
    UnknownItem { project: String, checklist: String, query: String, suggestions: Vec<String> },
    #[error(
        "the evidence {evidence:?} is not a path inside the project's folder; give one such as deploy/nginx.conf, \
         or an http(s) link"
    )]
    EvidenceOutside { evidence: String },
    #[error("the checklist {checklist:?} of {project} is not loaded (was its file removed?); its marks are kept")]
    ChecklistGone { project: String, checklist: String },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (see `skillgap project show NAME` for its items)".to_owned()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// The project a person named, by id or name.
pub(crate) fn find_project<'a>(progress: &'a Progress, query: &str) -> Result<&'a Project, ProjectError> {
    if progress.projects.is_empty() {
        return Err(ProjectError::NoProjects);
    }
    progress.project(query).ok_or_else(|| ProjectError::UnknownProject {
        query: query.trim().to_owned(),
        known: progress.projects.iter().map(|p| format!("{:?}", p.name)).collect(),
    })
}

/// The longest project name: enough for any real name, short enough for every listing and file name.
const MAX_NAME_CHARS: usize = 100;

/// The project a destructive command names: by its exact id or its exact name (case and spaces ignored),
/// never by a prefix; a word that is one project's id and another's name is refused, both named.
pub(crate) fn find_project_exactly<'a>(progress: &'a Progress, query: &str) -> Result<&'a Project, ProjectError> {
    if progress.projects.is_empty() {
        return Err(ProjectError::NoProjects);
    }
    let (query, key) = (query.trim(), super::name_key(query));
    let by_id = progress.projects.iter().find(|p| p.id == query);
    let by_name = progress.projects.iter().find(|p| super::name_key(&p.name) == key);
    match (by_id, by_name) {
        (Some(id), Some(name)) if id.id != name.id => {
            Err(ProjectError::IdAndName { query: query.to_owned(), by_id: id.name.clone(), other_id: name.id.clone() })
        }
        (Some(found), _) | (None, Some(found)) => Ok(found),
        (None, None) => Err(ProjectError::NotExact {
            query: query.to_owned(),
            known: progress.projects.iter().map(|p| format!("{} ({:?})", p.id, p.name)).collect(),
        }),
    }
}

/// Checks a new project's facts: a name no project has, a loaded checklist, an http(s) repository link.
/// (Whether its folder exists is for [`crate::scan::check_folder`], which alone reads the disk.)
pub(crate) fn check_new_project(
    catalog: &Catalog,
    progress: &Progress,
    project: &NewProject,
) -> Result<(), ProjectError> {
    check_name(progress, &project.name, None)?;
    if catalog.checklist_index(&project.checklist).is_none() {
        let known = catalog.checklists.iter().map(|c| c.id.clone()).collect();
        return Err(ProjectError::UnknownChecklist { id: project.checklist.clone(), known });
    }
    check_repository(&project.repository)
}

/// A name that is not empty and that no project but `renamed` (an id) has, case and spaces ignored.
pub(crate) fn check_name(progress: &Progress, name: &str, renamed: Option<&str>) -> Result<(), ProjectError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ProjectError::EmptyName);
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(ProjectError::NameTooLong { chars, limit: MAX_NAME_CHARS });
    }
    if let Some(problem) = crate::safe_text::name_problem("the name", name) {
        return Err(ProjectError::BadText { problem });
    }
    let key = super::name_key(name);
    let taken = |p: &&Project| Some(p.id.as_str()) != renamed && super::name_key(&p.name) == key;
    match progress.projects.iter().find(taken) {
        Some(_) => Err(ProjectError::DuplicateName { name: name.to_owned() }),
        None => Ok(()),
    }
}

/// Evidence as it is kept: a link as given; a path relative to the project's folder (a path under the
/// folder loses the folder's part). A path out of the folder is refused. (Whether the file is there is
/// for the shells to say: this reads no disk.)
pub(crate) fn check_evidence(project: &Project, evidence: &str) -> Result<String, ProjectError> {
    let text = evidence.trim();
    if let Some(problem) = crate::safe_text::one_line_problem("the evidence", text) {
        return Err(ProjectError::BadText { problem });
    }
    if text.is_empty() || is_http_url(text) {
        return Ok(text.to_owned());
    }
    let path = Path::new(text);
    let relative = match path.strip_prefix(&project.folder) {
        Ok(inside) if !project.folder.is_empty() => inside,
        _ => path,
    };
    if relative.is_absolute() || relative.components().any(|c| c == Component::ParentDir) {
        return Err(ProjectError::EvidenceOutside { evidence: text.to_owned() });
    }
    Ok(relative.to_string_lossy().into_owned())
}

/// An empty repository link, or an http(s) one.
pub(crate) fn check_repository(link: &str) -> Result<(), ProjectError> {
    let link = link.trim();
    if link.is_empty() || is_http_url(link) {
        Ok(())
    } else {
        Err(ProjectError::BadRepository { link: link.to_owned() })
    }
}

/// The catalog index of the item of `project`'s checklist that `query` names: a full id, or an item id.
pub(crate) fn resolve_item(catalog: &Catalog, project: &Project, query: &str) -> Result<usize, ProjectError> {
    let Some(checklist) = catalog.checklist_index(&project.checklist) else {
        return Err(ProjectError::ChecklistGone {
            project: project.name.clone(),
            checklist: project.checklist.clone(),
        });
    };
    let query = query.trim();
    let range = catalog.checklists[checklist].item_range();
    let found = range.clone().find(|&i| {
        let item = &catalog.items[i];
        item.full_id == query || item.id() == query || item.aliases.iter().any(|a| a == query)
    });
    found.ok_or_else(|| {
        let mut scored: Vec<(f64, &str)> =
            range.map(|i| (strsim::jaro_winkler(query, catalog.items[i].id()), catalog.items[i].id())).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        ProjectError::UnknownItem {
            project: project.name.clone(),
            checklist: project.checklist.clone(),
            query: query.to_owned(),
            suggestions: scored.into_iter().filter(|(s, _)| *s > 0.7).take(3).map(|(_, id)| id.to_owned()).collect(),
        }
    })
}
