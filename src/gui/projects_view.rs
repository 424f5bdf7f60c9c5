//! The Projects view: the person's projects with their levels and a form to add one (left), and one
//! project's lifecycle (right): its headline and story sentence, the scan's proposals to accept or
//! reject, every item of its checklist with a status and evidence, and its story saved as a PDF.

use egui::{RichText, Ui};

use super::command::Command;
use super::model::Model;
use super::widgets;
use crate::Stage;
use crate::project::{NewProject, Project, ProjectChange, ProjectStatus, assess};
use crate::scan::Proposal;

/// What the view keeps between frames.
#[derive(Debug, Default)]
pub struct ProjectsView {
    /// The id of the project shown.
    pub selected: Option<String>,
    /// The add form.
    pub draft: NewProject,
    /// Why the last add failed.
    pub add_error: Option<String>,
    /// The last scan: which project, and its proposals or why it failed.
    pub scan: Option<(String, Result<Vec<Proposal>, String>)>,
    /// The project whose folder is being scanned.
    pub scanning: Option<String>,
    /// Evidence being typed, by full item id, saved when the field loses focus.
    evidence_drafts: std::collections::HashMap<String, String>,
    /// The remove button was pressed once: ask before removing.
    confirm_remove: bool,
    /// The edit form of the shown project: its id and the name, repository and folder being typed.
    pub editing: Option<(String, NewProject)>,
    /// Why the last edit was refused.
    pub edit_error: Option<String>,
}

impl ProjectsView {
    pub fn list_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        ui.heading("Projects");
        ui.label(RichText::new("Is your app production-ready? Each project is scored like you are.").weak());
        ui.add_space(6.0);
        for project in &model.progress().projects {
            let level = assess(model.catalog(), project).map(|a| a.assessment.score);
            let selected = self.selected.as_deref() == Some(project.id.as_str());
            let text = match &level {
                Some(score) => format!("{}\nLevel {} · {}", project.name, score.level.number(), score.level.name()),
                None => format!("{}\n(checklist not loaded)", project.name),
            };
            if ui.add(egui::Button::selectable(selected, text).wrap()).clicked() {
                self.selected = Some(project.id.clone());
                self.confirm_remove = false;
                self.editing = None;
            }
        }
        ui.separator();
        ui.label(RichText::new("Add a project").strong());
        let fields = [
            ("Name", &mut self.draft.name, "Tuition centre"),
            ("Repository", &mut self.draft.repository, "https://github.com/you/app"),
            ("Local folder", &mut self.draft.folder, "/home/you/code/app"),
        ];
        for (label, value, hint) in fields {
            let label = ui.label(label);
            ui.add(egui::TextEdit::singleline(value).hint_text(hint)).labelled_by(label.id);
        }
        let enabled = !model.is_read_only() && !self.draft.name.trim().is_empty();
        if ui.add_enabled(enabled, egui::Button::new("Add project")).clicked() {
            commands.push(Command::AddProject(self.draft.clone()));
        }
        if let Some(error) = &self.add_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        let projects = &model.progress().projects;
        let shown = self.selected.as_deref().and_then(|id| projects.iter().find(|p| p.id == id)).or(projects.first());
        let Some(project) = shown else {
            ui.heading("No projects yet");
            ui.label(
                "Add the app you are building on the left: its name, and a local clone so skillgap can scan it for a \
Dockerfile, CI workflows, an Nginx config, backup scripts and more. Then take it from Localhost to Recoverable.",
            );
            return;
        };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            self.header_ui(ui, model, project, commands);
            self.scan_ui(ui, model, project, commands);
            self.items_ui(ui, model, project, commands);
        });
    }

    fn header_ui(&mut self, ui: &mut Ui, model: &Model, project: &Project, commands: &mut Vec<Command>) {
        ui.heading(&project.name);
        if let Some(story) = crate::report::project::project_story(model.catalog(), project, chrono::Utc::now()) {
            let level = format!("Level {}: {} · readiness {:.0}/100", story.level, story.level_name, story.readiness);
            ui.label(RichText::new(level).strong().size(16.0));
            ui.label(story.explanation);
            ui.label(RichText::new(story.sentence).italics());
        }
        if self.editing.as_ref().is_some_and(|(id, _)| *id == project.id) {
            self.edit_ui(ui, model, commands);
        } else {
            let folder = if project.folder.is_empty() { "no local folder" } else { project.folder.as_str() };
            let repository = if project.repository.is_empty() { "no repository link" } else { &project.repository };
            ui.label(RichText::new(format!("{repository} · {folder}")).weak().small());
        }
        ui.horizontal(|ui| {
            let can_scan = !project.folder.is_empty() && !model.is_read_only() && self.scanning.is_none();
            if ui.add_enabled(can_scan, egui::Button::new("Scan folder")).clicked() {
                commands.push(Command::ScanProject(project.id.clone()));
            }
            if ui.button("Save story as PDF").clicked() {
                commands.push(Command::SaveProjectStory(project.id.clone()));
            }
            let edit = egui::Button::new("Edit details…");
            if self.editing.is_none() && ui.add_enabled(!model.is_read_only(), edit).clicked() {
                let (name, repository, folder) =
                    (project.name.clone(), project.repository.clone(), project.folder.clone());
                let draft = NewProject { name, repository, folder, checklist: project.checklist.clone() };
                self.editing = Some((project.id.clone(), draft));
                self.edit_error = None;
            }
            if self.confirm_remove {
                ui.label("Remove it? A backup is kept.");
                if ui.button("Remove").clicked() {
                    commands.push(Command::ChangeProject(ProjectChange::Remove { project: project.id.clone() }));
                    self.confirm_remove = false;
                }
                if ui.button("Cancel").clicked() {
                    self.confirm_remove = false;
                }
            } else if ui.add_enabled(!model.is_read_only(), egui::Button::new("Remove project…")).clicked() {
                self.confirm_remove = true;
            }
            // Last in the row, so no button moves when it comes and goes.
            if self.scanning.as_ref() == Some(&project.id) {
                ui.spinner();
                ui.label(format!("Scanning {}…", project.folder));
            }
        });
        ui.separator();
    }

    /// The shown project's name, repository and folder, saved together (and checked like a new
    /// project's) or left as they were.
    fn edit_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        let Some((id, draft)) = &mut self.editing else { return };
        egui::Grid::new("project-edit").num_columns(2).show(ui, |ui| {
            let fields = [
                ("Project name", &mut draft.name),
                ("Repository link", &mut draft.repository),
                ("Folder of its clone", &mut draft.folder),
            ];
            for (label, value) in fields {
                let label = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).desired_width(360.0)).labelled_by(label.id);
                ui.end_row();
            }
        });
        if let Some(error) = &self.edit_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let mut cancel = false;
        ui.horizontal(|ui| {
            let save = egui::Button::new("Save changes");
            if ui.add_enabled(!model.is_read_only() && !draft.name.trim().is_empty(), save).clicked() {
                commands.push(Command::EditProject { project: id.clone(), details: draft.clone() });
            }
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            self.editing = None;
            self.edit_error = None;
        }
    }

    fn scan_ui(&mut self, ui: &mut Ui, model: &Model, project: &Project, commands: &mut Vec<Command>) {
        let Some((scanned, result)) = &mut self.scan else { return };
        if *scanned != project.id {
            return;
        }
        ui.label(RichText::new("Scan proposals").strong());
        match result {
            Err(error) => {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            Ok(proposals) if proposals.is_empty() => {
                ui.label("Nothing to propose: no artefact found for an item that is still open.");
            }
            Ok(proposals) => {
                let mut rejected = None;
                for (index, proposal) in proposals.iter().enumerate() {
                    let title = model.catalog().item_index(&proposal.item).map(|i| &model.catalog().items[i].title);
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("Accept").clicked() {
                            commands.push(Command::AcceptProposal(proposal.clone()));
                            rejected = Some(index);
                        }
                        if ui.button("Reject").clicked() {
                            rejected = Some(index);
                        }
                        ui.label(title.map_or(proposal.item.as_str(), String::as_str));
                        let found: Vec<String> =
                            proposal.findings.iter().map(|f| format!("{} ({})", f.path, f.what)).collect();
                        ui.label(RichText::new(found.join(", ")).weak().small());
                    });
                }
                if ui.button(format!("Accept all {}", proposals.len())).clicked() {
                    commands.extend(proposals.drain(..).map(Command::AcceptProposal));
                }
                if let Some(index) = rejected.filter(|&i| i < proposals.len()) {
                    proposals.remove(index);
                }
            }
        }
        ui.separator();
    }

    fn items_ui(&mut self, ui: &mut Ui, model: &Model, project: &Project, commands: &mut Vec<Command>) {
        let catalog = model.catalog();
        let Some(checklist) = catalog.checklist_index(&project.checklist) else {
            ui.label(format!("The checklist {:?} is not loaded; the project's marks are kept.", project.checklist));
            return;
        };
        for stage in Stage::ALL {
            let items: Vec<usize> =
                catalog.checklists[checklist].item_range().filter(|&i| catalog.items[i].stage == stage).collect();
            if items.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            widgets::stage_badge(ui, stage);
            for index in items {
                self.item_row(ui, model, project, index, commands);
            }
        }
    }

    fn item_row(&mut self, ui: &mut Ui, model: &Model, project: &Project, index: usize, commands: &mut Vec<Command>) {
        let item = &model.catalog().items[index];
        let entry = project.items.get(&item.full_id);
        let status = entry.map_or(ProjectStatus::Todo, |e| e.status);
        let mark = |status: Option<ProjectStatus>, note: Option<String>, evidence: Option<String>| {
            let (project, item) = (project.id.clone(), item.full_id.clone());
            Command::ChangeProject(ProjectChange::Mark { project, item, status, note, evidence })
        };
        ui.horizontal_wrapped(|ui| {
            let enabled = !model.is_read_only();
            ui.add_enabled_ui(enabled, |ui| {
                let combo = egui::ComboBox::from_id_salt(("project-status", &item.full_id))
                    .selected_text(status.name())
                    .width(110.0)
                    .show_ui(ui, |ui| {
                        for choice in ProjectStatus::ALL {
                            if ui.selectable_label(choice == status, choice.name()).clicked() && choice != status {
                                commands.push(mark(Some(choice), None, None));
                            }
                        }
                    });
                let name = format!("Status of {}", item.title);
                combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, enabled, &name));
            });
            widgets::weight_badge(ui, item.weight);
            ui.label(&item.title);
        });
        let saved = entry.map_or("", |e| e.evidence.as_str());
        let draft = self.evidence_drafts.entry(item.full_id.clone()).or_insert_with(|| saved.to_owned());
        ui.horizontal(|ui| {
            ui.add_space(118.0);
            ui.label(RichText::new("Evidence").weak().small());
            let field = ui.add(
                egui::TextEdit::singleline(draft)
                    .hint_text("a link, or a path in the project's folder")
                    .desired_width(320.0),
            );
            let field = named_field(field, &format!("Evidence for {}", item.title), draft);
            if field.lost_focus() && draft.trim() != saved {
                commands.push(mark(None, None, Some(draft.clone())));
            }
        });
        if status == ProjectStatus::NotApplicable {
            let saved = entry.map_or("", |e| e.note.as_str());
            let draft =
                self.evidence_drafts.entry(format!("{}#reason", item.full_id)).or_insert_with(|| saved.to_owned());
            ui.horizontal(|ui| {
                ui.add_space(118.0);
                ui.label(RichText::new("Why not").weak().small());
                let field =
                    ui.add(egui::TextEdit::singleline(draft).hint_text("why it does not apply").desired_width(320.0));
                let field = named_field(field, &format!("Why {} does not apply", item.title), draft);
                if field.lost_focus() && draft.trim() != saved {
                    commands.push(mark(None, Some(draft.clone()), None));
                }
            });
        }
    }

    /// Forgets typed evidence once the project changes under it (another window, an accepted proposal).
    pub fn refresh(&mut self) {
        self.evidence_drafts.clear();
    }
}

/// A row's text field, named for screen readers (and tests) after its item: every row shows the same
/// short visible label, which alone would not tell the fields apart.
fn named_field(field: egui::Response, name: &str, text: &str) -> egui::Response {
    field.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(field.enabled(), text, text, "");
        info.label = Some(name.to_owned());
        info
    });
    field
}
