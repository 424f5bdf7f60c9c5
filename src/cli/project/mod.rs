//! `skillgap project ...`: the person's projects. This file adds, edits, marks and removes them;
//! `show.rs` lists and shows them, scans their folders and writes their stories; `accept.rs` accepts
//! the skills they prove.

mod accept;
mod share;
mod show;

pub use share::CheckRequest;

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{ListFormat, Outcome, open_tracker};
use crate::catalog::validate::is_http_url;
use crate::paths::Locations;
use crate::project::export::{PROJECT_FILE, ProjectFile};
use crate::project::{
    DEFAULT_PROJECT_CHECKLIST, NewProject, Project, ProjectChange, ProjectStatus, check_evidence, check_name,
    check_repository, find_project, resolve_item,
};
use crate::report::{Format, Paper};
use crate::scan;

/// One `skillgap project` subcommand. Projects are named by name or id.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectCommand {
    /// `name` may be left out when the folder has a project file, which names it.
    Add {
        name: Option<String>,
        repository: Option<String>,
        folder: Option<PathBuf>,
        checklist: Option<String>,
    },
    List {
        format: ListFormat,
    },
    Show {
        project: String,
        format: ListFormat,
    },
    Edit {
        project: String,
        name: Option<String>,
        repository: Option<String>,
        folder: Option<PathBuf>,
    },
    Mark {
        project: String,
        items: Vec<String>,
        status: ProjectStatus,
        note: Option<String>,
        evidence: Option<String>,
    },
    /// Shows what the scan proposes; `accept` (item ids) or `accept_all` ticks those proposals.
    Scan {
        project: String,
        accept: Vec<String>,
        accept_all: bool,
        format: ListFormat,
    },
    Summary {
        project: String,
        format: Format,
        paper: Paper,
        output: Option<PathBuf>,
    },
    Remove {
        project: String,
    },
    /// Accepts as done the person's skills the project proves: `skills` (item ids), or every open one.
    Accept {
        project: String,
        skills: Vec<String>,
        all: bool,
    },
    /// Writes the project to its folder's `.skillgap/project.ron`, or to `output`.
    Export {
        project: String,
        output: Option<PathBuf>,
    },
    /// The readiness of the project in a folder, from its project file and a scan, with no data folder.
    Check(CheckRequest),
}

pub(super) fn run(locations: &Locations, command: ProjectCommand) -> anyhow::Result<Outcome> {
    match command {
        ProjectCommand::Add { name, repository, folder, checklist } => {
            add(locations, name, repository, folder.as_deref(), checklist)
        }
        ProjectCommand::List { format } => show::list(locations, format),
        ProjectCommand::Show { project, format } => show::show(locations, &project, format),
        ProjectCommand::Edit { project, name, repository, folder } => {
            edit(locations, &project, name, repository, folder.as_deref())
        }
        ProjectCommand::Mark { project, items, status, note, evidence } => {
            mark(locations, &project, &items, (status, note, evidence))
        }
        ProjectCommand::Scan { project, accept, accept_all, format } => {
            show::scan(locations, &project, &accept, accept_all, format)
        }
        ProjectCommand::Summary { project, format, paper, output } => {
            show::summary(locations, &project, format, paper, output.as_deref())
        }
        ProjectCommand::Remove { project } => remove(locations, &project),
        ProjectCommand::Accept { project, skills, all } => accept::accept(locations, &project, &skills, all),
        ProjectCommand::Export { project, output } => share::export(locations, &project, output.as_deref()),
        ProjectCommand::Check(request) => share::check(locations, &request),
    }
}

fn add(
    locations: &Locations,
    name: Option<String>,
    repository: Option<String>,
    folder: Option<&Path>,
    checklist: Option<String>,
) -> anyhow::Result<Outcome> {
    let mut tracker = open_tracker(locations)?;
    let folder = folder.map(scan::project_folder).transpose()?.unwrap_or_default();
    // A folder with a project file (a teammate's export) brings the project with its statuses and evidence.
    let file = if folder.is_empty() { None } else { scan::load_project_file(Path::new(&folder))? };
    let from_file = |field: fn(&ProjectFile) -> &String| file.as_ref().map(|f| field(f).clone());
    let Some(name) = name.or_else(|| from_file(|f| &f.name)) else {
        bail!("give the project a name: `skillgap project add NAME --folder DIR` (its folder has no {PROJECT_FILE})");
    };
    let checklist = checklist.or_else(|| from_file(|f| &f.checklist)).unwrap_or(DEFAULT_PROJECT_CHECKLIST.to_owned());
    let repository = repository.or_else(|| from_file(|f| &f.repository)).unwrap_or_default();
    let project = NewProject { name, repository, folder, checklist };
    let (items, unknown) = match &file {
        Some(file) if file.checklist == project.checklist => {
            file.items_for(tracker.catalog(), chrono::Utc::now()).map_err(anyhow::Error::msg)?
        }
        Some(file) => {
            let (theirs, ours) = (&file.checklist, &project.checklist);
            eprintln!(
                "warning: {PROJECT_FILE} is scored against {theirs}, this project against {ours}: none of its items were brought"
            );
            Default::default()
        }
        None => Default::default(),
    };
    let (name, checklist, count) = (project.name.trim().to_owned(), project.checklist.clone(), items.len());
    let id = tracker.add_project(project, items)?;
    say!("Added the project {name:?} (id {id}), scored against {checklist}.");
    if file.is_some() {
        say!("It comes with {count} {} from {PROJECT_FILE}.", if count == 1 { "item" } else { "items" });
    }
    share::warn_unknown(&unknown, &checklist);
    say!("Next: `skillgap project scan {id:?}` proposes ticks from its folder; `skillgap project mark` ticks one.");
    Ok(Outcome::Success)
}

fn edit(
    locations: &Locations,
    query: &str,
    name: Option<String>,
    repository: Option<String>,
    folder: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let mut tracker = open_tracker(locations)?;
    let project = find_project(tracker.progress(), query)?.clone();
    if let Some(new_name) = &name {
        check_name(tracker.progress(), new_name, Some(&project.id))?;
    }
    if let Some(link) = &repository {
        check_repository(link)?;
    }
    let folder = folder.map(scan::project_folder).transpose()?;
    let change = ProjectChange::Edit { project: project.id.clone(), name, repository, folder };
    let changed = tracker.apply(&[change])?;
    let now = find_project(tracker.progress(), &project.id)?;
    let state = if changed > 0 { "Changed" } else { "Nothing to change in" };
    say!("{state} {:?}: repository {:?}, folder {:?}.", now.name, now.repository, now.folder);
    Ok(Outcome::Success)
}

fn mark(
    locations: &Locations,
    query: &str,
    items: &[String],
    (status, note, evidence): (ProjectStatus, Option<String>, Option<String>),
) -> anyhow::Result<Outcome> {
    let mut tracker = open_tracker(locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    let project = find_project(progress, query)?.clone();
    let evidence = evidence.map(|text| evidence_in_folder(&project, &text)).transpose()?;
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    for query in items {
        match resolve_item(catalog, &project, query) {
            Ok(index) => {
                let full_id = catalog.items[index].full_id.clone();
                let has_reason = note.as_ref().is_some_and(|n| !n.trim().is_empty())
                    || project.items.get(&full_id).is_some_and(|p| !p.note.is_empty());
                if status == ProjectStatus::NotApplicable && !has_reason {
                    errors.push(format!("{full_id}: say why it does not apply, with --note TEXT"));
                }
                changes.push(ProjectChange::Mark {
                    project: project.id.clone(),
                    item: full_id,
                    status: Some(status),
                    note: note.clone(),
                    evidence: evidence.clone(),
                });
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!("{}\nNothing was changed.", errors.join("\n"));
    }
    let changed = tracker.apply(&changes)?;
    for change in &changes {
        if let ProjectChange::Mark { item, .. } = change {
            say!("{}: {item} in {}", status.id(), crate::safe_text::for_terminal(&project.name, false));
        }
    }
    if changed < changes.len() {
        eprintln!("{} of {} items were already so.", changes.len() - changed, changes.len());
    }
    show::print_headline(&tracker, &project.id)?;
    Ok(Outcome::Success)
}

/// The evidence as kept (see [`check_evidence`]); a path the folder lacks is kept with a warning, as the
/// clone may be behind.
fn evidence_in_folder(project: &Project, evidence: &str) -> anyhow::Result<String> {
    let kept = check_evidence(project, evidence)?;
    let (path, _) = crate::project::evidence_path_and_line(&kept);
    if !project.folder.is_empty() && !is_http_url(&kept) && !Path::new(&project.folder).join(path).exists() {
        eprintln!("warning: {kept} is not in {}; kept as written (is the clone up to date?)", project.folder);
    }
    Ok(kept)
}

fn remove(locations: &Locations, query: &str) -> anyhow::Result<Outcome> {
    let mut tracker = open_tracker(locations)?;
    let project = crate::project::find_project_exactly(tracker.progress(), query)?.clone();
    tracker.apply(&[ProjectChange::Remove { project: project.id.clone() }])?;
    say!("Removed the project {:?}.", project.name);
    let backups = tracker.store().backups();
    let tag = crate::project::backup_tag(&project.id);
    let kept = backups.iter().find(|b| b.path.to_string_lossy().contains(&format!("before-removing-{tag}")));
    if let Some(kept) = kept {
        say!(
            "The progress as it was before is kept in {}; `skillgap restore` that file to bring the project back.",
            kept.path.display()
        );
    }
    Ok(Outcome::Success)
}
