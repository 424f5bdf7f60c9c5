//! Applying the Projects view's commands: adding, changing and removing projects, scans and their
//! proposals, a project's story, and accepting what a project proves for a skill.

use std::path::{Path, PathBuf};

use super::App;
use crate::gui::background::Background;
use crate::gui::command::Command;
use crate::project::{
    DEFAULT_PROJECT_CHECKLIST, NewProject, ProjectChange, check_evidence, check_name, check_new_project,
    check_repository, credits,
};
use crate::report::Format;
use crate::report::project::{project_story, render_story};
use crate::{scan, store};

impl App {
    pub(super) fn apply_project_command(&mut self, command: Command) {
        match command {
            Command::AddProject(draft) => self.add_project(draft),
            Command::ChangeProject(change) => self.change_project(change),
            Command::ScanProject(id) => self.scan_project(&id),
            Command::AcceptProposal(proposal) => {
                let scanned = self.projects.scan.as_ref().map(|(id, _)| id.clone()).unwrap_or_default();
                if let Some(project) = self.model.progress().project(&scanned).cloned() {
                    self.model.apply(&[proposal.accept(&project)]);
                    self.projects.refresh();
                }
            }
            Command::SaveProjectStory(id) => self.save_story(&id),
            Command::EditProject { project, details } => self.edit_project(&project, &details),
            Command::AcceptCredit { skill, project } => {
                let (catalog, progress) = (self.model.catalog(), self.model.progress());
                let change = credits(catalog, &progress.projects)
                    .into_iter()
                    .find(|c| c.skill == skill && c.project.id == project)
                    .map(|credit| {
                        let item = &catalog.items[skill];
                        credit.accept(progress.get(item), &item.full_id)
                    });
                if let Some(change) = change {
                    self.model.apply(&[change]);
                }
            }
            _ => {}
        }
    }

    /// Applies a mark or a removal; evidence is kept relative to the project's folder, and refused (with
    /// the reason in the status line) when it points out of it.
    fn change_project(&mut self, mut change: ProjectChange) {
        if let ProjectChange::Mark { project, evidence: Some(evidence), .. } = &mut change
            && let Some(found) = self.model.progress().project(project)
        {
            match check_evidence(found, evidence) {
                Ok(kept) => *evidence = kept,
                Err(err) => {
                    self.notice = Some(format!("Evidence not saved: {err}."));
                    return;
                }
            }
        }
        if let ProjectChange::Remove { project } = &change {
            let name = self.model.progress().project(project).map(|p| p.name.clone()).unwrap_or_default();
            self.notice = Some(format!(
                "Removed the project {name:?}. The progress file as it was is kept in the data folder's backups/."
            ));
            self.projects.selected = None;
        }
        self.model.apply(&[change]);
        self.projects.refresh();
    }

    fn add_project(&mut self, draft: NewProject) {
        let mut project = NewProject { checklist: DEFAULT_PROJECT_CHECKLIST.to_owned(), ..draft };
        let checked = check_new_project(self.model.catalog(), self.model.progress(), &project)
            .map_err(|err| err.to_string())
            .and_then(|()| {
                let folder = project.folder.trim();
                if folder.is_empty() {
                    Ok(String::new())
                } else {
                    scan::project_folder(Path::new(folder)).map_err(|e| e.to_string())
                }
            });
        match checked {
            Ok(folder) => {
                project.folder = folder;
                let id = self.model.progress().new_project_id(&project.name);
                self.model.apply(&[ProjectChange::Add { id: id.clone(), project }]);
                self.projects.selected = Some(id);
                self.projects.draft = NewProject::default();
                self.projects.add_error = None;
            }
            Err(error) => self.projects.add_error = Some(error),
        }
    }

    /// Saves the edit form when every field passes the checks a new project's do; says why not otherwise.
    fn edit_project(&mut self, id: &str, details: &NewProject) {
        let checked = check_name(self.model.progress(), &details.name, Some(id))
            .and_then(|()| check_repository(&details.repository))
            .map_err(|err| err.to_string())
            .and_then(|()| match details.folder.trim() {
                "" => Ok(String::new()),
                folder => scan::project_folder(Path::new(folder)).map_err(|err| err.to_string()),
            });
        match checked {
            Ok(folder) => {
                let change = ProjectChange::Edit {
                    project: id.to_owned(),
                    name: Some(details.name.clone()),
                    repository: Some(details.repository.clone()),
                    folder: Some(folder),
                };
                self.model.apply(&[change]);
                self.projects.editing = None;
                self.projects.edit_error = None;
            }
            Err(error) => self.projects.edit_error = Some(error),
        }
    }

    /// Starts scanning the project's folder on a thread of its own: a folder picked by mistake (a home
    /// folder, a registry of sources) takes seconds to walk, and the window must not freeze meanwhile.
    fn scan_project(&mut self, id: &str) {
        let Some(project) = self.model.progress().project(id) else { return };
        let folder = PathBuf::from(&project.folder);
        let job = Background::run(&self.ctx, move || scan::scan(&folder).map_err(|err| err.to_string()));
        self.projects.scanning = Some(project.id.clone());
        self.scan_job = Some((project.id.clone(), job));
    }

    /// Shows the scan's proposals once it has finished.
    pub(super) fn poll_scan(&mut self) {
        let Some((id, job)) = &self.scan_job else { return };
        let Some(answer) = job.poll() else { return };
        let id = id.clone();
        self.scan_job = None;
        self.projects.scanning = None;
        let Some(project) = self.model.progress().project(&id) else { return };
        let result = answer
            .unwrap_or_else(|| Err("the scan stopped".to_owned()))
            .map(|found| scan::proposals(self.model.catalog(), project, &found));
        self.projects.scan = Some((id, result));
    }

    /// Writes the story as a PDF beside the summaries (`<folder>/<project>-story-<date>.pdf`) and opens it.
    fn save_story(&mut self, id: &str) {
        let Some(project) = self.model.progress().project(id) else { return };
        let Some(story) = project_story(self.model.catalog(), project, chrono::Utc::now()) else { return };
        let name = format!("{}-story-{}.pdf", project.id, chrono::Local::now().format("%Y-%m-%d"));
        let path = PathBuf::from(self.prefs.report.folder.trim()).join(name);
        let written = render_story(&story, Format::Pdf, self.prefs.report.paper)
            .map_err(anyhow::Error::from)
            .and_then(|bytes| Ok(store::write_output(&path, &bytes, self.model.tracker().store().dir())?));
        self.notice = Some(match written {
            Ok(_) => {
                let opened =
                    (self.opener)(&path).map_or_else(|err| format!(" (could not open it: {err})"), |()| String::new());
                format!("Saved the story of {} to {}{opened}.", project.name, path.display())
            }
            Err(err) => format!("Could not save the story: {err:#}"),
        });
    }
}
