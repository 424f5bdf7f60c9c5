//! Applying the Projects view's commands: adding, changing and removing projects, scans and their
//! proposals, a project's story, its folder chosen in a dialog. Every change to a project is one undo
//! step (`history.rs`), *Accept all* included.

use std::path::{Path, PathBuf};

use super::App;
use super::history::Subject;
use super::report_job::Document;
use super::summary::{Chosen, Target};
use crate::gui::background::Background;
use crate::gui::command::ProjectCommand;
use crate::gui::file_chooser::FileRequest;
use crate::gui::scan_proposals::ScanProposals;
use crate::progress::Edit;
use crate::project::export::export_text;
use crate::project::{
    DEFAULT_PROJECT_CHECKLIST, NewProject, ProjectChange, ProjectStatus, ReadingSource, check_evidence, check_name,
    check_repository, reading_of,
};
use crate::scan::{self, Proposal};
use crate::store;

/// A mark's new status, note and evidence; `None` leaves one as it is.
type Marked = (Option<ProjectStatus>, Option<String>, Option<String>);

impl App {
    pub(super) fn apply_project_command(&mut self, command: ProjectCommand) {
        match command {
            ProjectCommand::Add(draft) => self.add_project(draft),
            ProjectCommand::Edit { project, details } => self.edit_project(&project, &details),
            ProjectCommand::Mark { project, item, status, note, evidence } => {
                self.mark(project, item, (status, note, evidence));
            }
            ProjectCommand::Remove(project) => self.remove(project),
            ProjectCommand::Scan(id) => self.scan_project(&id),
            ProjectCommand::AcceptProposals(proposals) => self.accept_proposals(&proposals),
            ProjectCommand::SaveStory { project, format } => {
                self.request_report(Document::Story(project), format, Target::New);
            }
            ProjectCommand::SaveStoryAs { project } => self.ask_save_as(Document::Story(project)),
            ProjectCommand::Export(project) => self.export_project(&project),
            ProjectCommand::ChooseFolder { editing } => {
                let start = self.projects.folder_typed(editing).map_or_else(home, PathBuf::from);
                let request = FileRequest::Folder { start, title: "The project's local clone" };
                self.ask_file(request, Chosen::ProjectFolder { editing });
            }
        }
    }

    /// Writes the project to its folder's `.skillgap/project.ron` (as `skillgap project export` does) and
    /// says where, or why not, under the story's buttons.
    fn export_project(&mut self, id: &str) {
        let Some(project) = self.model.progress().project(id) else { return };
        let folder = Path::new(&project.folder);
        let written = export_text(self.model.catalog(), project).and_then(|(text, items)| {
            let path = store::write_project_file(folder, &text).map_err(|err| err.to_string())?;
            Ok((path, items))
        });
        let status = self.projects.status_mut();
        match written {
            Ok((path, items)) => {
                let items = if items == 1 { "1 item".to_owned() } else { format!("{items} items") };
                let text = format!("Wrote {} ({items}); commit it, and CI can check it.", path.display());
                status.saved(path, text);
            }
            Err(err) => status.failed(format!("Not exported: {err}")),
        }
    }

    /// The name of project `id`, for messages.
    fn project_name(&self, id: &str) -> String {
        self.model.progress().project(id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_owned())
    }

    /// Changes an item of a project; evidence is kept relative to the project's folder, and refused (with
    /// the reason in the status line) when it points out of it.
    fn mark(&mut self, project: String, item: String, (status, note, mut evidence): Marked) {
        if let (Some(typed), Some(found)) = (evidence.as_mut(), self.model.progress().project(&project)) {
            match check_evidence(found, typed) {
                Ok(kept) => *typed = kept,
                Err(err) => return self.messages.notice = Some(format!("Evidence not saved: {err}.")),
            }
        }
        let catalog = self.model.catalog();
        let title = catalog.item_index(&item).map_or(item.clone(), |i| catalog.items[i].title.clone());
        let name = self.project_name(&project);
        let what = match (status, &note) {
            (Some(status), _) => format!("{name}: {title} -> {}", status.name().to_lowercase()),
            (None, Some(_)) => format!("{name}: the note of {title}"),
            (None, None) => format!("{name}: the evidence of {title}"),
        };
        let subject = Subject::Project(project.clone());
        let change = ProjectChange::Mark { project, item, status, note, evidence };
        self.change(what, &subject, &[Edit::Project(change)]);
        self.projects.refresh();
    }

    /// Removes a project: the progress file as it was is kept in the backups, and undo puts it back.
    fn remove(&mut self, project: String) {
        let what = format!("removed {}", self.project_name(&project));
        let subject = Subject::Project(project.clone());
        self.change(what, &subject, &[Edit::Project(ProjectChange::Remove { project })]);
        self.projects.refresh();
    }

    /// Accepts proposals of the last scan as one change: one undo takes them all back.
    fn accept_proposals(&mut self, proposals: &[Proposal]) {
        let Some(id) = self.projects.scanned().map(str::to_owned) else { return };
        let Some(project) = self.model.progress().project(&id).cloned() else { return };
        let edits: Vec<Edit> = proposals.iter().map(|p| Edit::Project(p.accept(&project))).collect();
        let what = match proposals {
            [one] => {
                let catalog = self.model.catalog();
                let title = catalog.item_index(&one.item).map_or(one.item.as_str(), |i| &catalog.items[i].title);
                format!("{}: accepted {title}", project.name)
            }
            many => format!("{}: accepted {} scan proposals", project.name, many.len()),
        };
        self.change(what, &Subject::Project(id), &edits);
        self.projects.accepted(proposals);
        self.projects.refresh();
    }

    fn add_project(&mut self, draft: NewProject) {
        if self.model.is_read_only() {
            return;
        }
        let mut project = NewProject { checklist: DEFAULT_PROJECT_CHECKLIST.to_owned(), ..draft };
        match checked_folder(&project.folder) {
            Ok(folder) => project.folder = folder,
            Err(error) => return self.projects.add_failed(error),
        }
        // A folder with a project file (a teammate's export) brings the project with its items.
        let file = match project.folder.as_str() {
            "" => None,
            folder => match scan::load_project_file(Path::new(folder)) {
                Ok(file) => file,
                Err(error) => return self.projects.add_failed(error.to_string()),
            },
        };
        let items = match file.map(|file| file.fill(&mut project, self.model.catalog())).transpose() {
            Ok(items) => items.unwrap_or_default(),
            Err(error) => return self.projects.add_failed(error),
        };
        let what = format!("added {}", project.name.trim());
        match self.model.add_project(project, items) {
            Ok(id) => {
                self.added(what, &id);
                self.projects.added(&id);
            }
            Err(error) => self.projects.add_failed(error),
        }
    }

    /// Saves the edit form when every field passes the checks a new project's do; says why not otherwise.
    fn edit_project(&mut self, id: &str, details: &NewProject) {
        let checked = check_name(self.model.progress(), &details.name, Some(id))
            .and_then(|()| check_repository(&details.repository))
            .map_err(|err| err.to_string())
            .and_then(|()| checked_folder(&details.folder));
        match checked {
            Ok(folder) => {
                let change = ProjectChange::Edit {
                    project: id.to_owned(),
                    name: Some(details.name.clone()),
                    repository: Some(details.repository.clone()),
                    folder: Some(folder),
                };
                let what = format!("edited the details of {}", self.project_name(id));
                self.change(what, &Subject::Project(id.to_owned()), &[Edit::Project(change)]);
                self.projects.edited();
            }
            Err(error) => self.projects.edit_failed(error),
        }
    }

    /// Starts scanning the project's folder on a thread of its own: a folder picked by mistake (a home
    /// folder, a registry of sources) takes seconds to walk, and the window must not freeze meanwhile.
    fn scan_project(&mut self, id: &str) {
        let Some(project) = self.model.progress().project(id) else { return };
        if self.jobs.scan.is_some() {
            return;
        }
        let (id, folder) = (project.id.clone(), PathBuf::from(&project.folder));
        match Background::run(&self.ctx, "scan", move || scan::scan(&folder).map_err(|err| err.to_string())) {
            Ok(job) => {
                self.projects.scan_started(&id);
                self.jobs.scan = Some((id, job));
            }
            Err(err) => self.projects.scan_finished(ScanProposals {
                project: id,
                result: Err(err),
                dangers: Vec::new(),
                security: Vec::new(),
                left_out: Vec::new(),
            }),
        }
    }

    /// Shows the scan's proposals once it has finished.
    pub(super) fn poll_scan(&mut self) {
        let Some(answer) = self.jobs.scan.as_ref().and_then(|(_, job)| job.poll()) else { return };
        let Some((id, _)) = self.jobs.scan.take() else { return };
        let finished = |result, (dangers, security, left_out)| ScanProposals {
            project: id.clone(),
            result,
            dangers,
            security,
            left_out,
        };
        let Some(project) = self.model.progress().project(&id) else {
            return self
                .projects
                .scan_finished(finished(Err("the project was removed".to_owned()), Default::default()));
        };
        match answer.flatten() {
            Ok(found) => {
                let proposals = scan::proposals(self.model.catalog(), project, &found);
                let left_out = found.left_out();
                let measured = reading_of(self.model.catalog(), project, ReadingSource::Scan, chrono::Utc::now());
                self.projects.scan_finished(finished(Ok(proposals), (found.dangers, found.security, left_out)));
                // Where it stood at this scan, kept for its history (not a change to undo).
                if let Some((reading, _)) = measured {
                    self.model.apply(&[ProjectChange::Record { project: id, reading }]);
                }
            }
            Err(error) => self.projects.scan_finished(finished(Err(error), Default::default())),
        }
    }
}

/// A project's folder as typed, checked and made absolute; empty stays empty (no local clone).
fn checked_folder(folder: &str) -> Result<String, String> {
    match folder.trim() {
        "" => Ok(String::new()),
        folder => scan::project_folder(Path::new(folder)).map_err(|err| err.to_string()),
    }
}

/// The person's home folder, where a folder dialog starts when nothing is typed.
fn home() -> PathBuf {
    directories::UserDirs::new().map_or_else(|| PathBuf::from("."), |dirs| dirs.home_dir().to_path_buf())
}
