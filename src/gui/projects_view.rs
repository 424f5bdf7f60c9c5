//! The Projects view: the person's projects with their levels and a form to add one (left), and one
//! project's lifecycle (right): its headline and story sentence, its story saved as PDF, HTML or
//! Markdown, the scan's proposals to accept or reject, and every item of its checklist with a status,
//! a note (the reason, for an item that does not apply), evidence, and why it matters.

use std::path::Path;

use egui::{RichText, Ui};

use super::command::{Command, ProjectCommand};
use super::model::Model;
use super::project_items::ItemsState;
use super::save_status::SaveStatus;
use super::scan_proposals::ScanProposals;
use crate::project::{NewProject, Project, assess};
use crate::report::Format;
use crate::scan::Proposal;

/// What the view keeps between frames.
#[derive(Debug, Default)]
pub struct ProjectsView {
    /// The id of the project shown; the first one when none is chosen.
    selected: Option<String>,
    /// The add form.
    draft: NewProject,
    /// Why the last add failed.
    add_error: Option<String>,
    /// The last scan: which project, and its proposals or why it failed.
    scan: Option<ScanProposals>,
    /// The project whose folder is being scanned.
    scanning: Option<String>,
    /// Notes and evidence being typed, and which items' "why" is unfolded.
    items: ItemsState,
    /// The remove button was pressed once: ask before removing.
    confirm_remove: bool,
    /// The edit form of the shown project: its id and the name, repository and folder being typed.
    editing: Option<(String, NewProject)>,
    /// Why the last edit was refused.
    edit_error: Option<String>,
    /// The format *Save story* writes.
    story_format: StoryFormat,
    /// How the last story save went.
    status: SaveStatus,
    /// What the projects' levels and the shown project's story say, made once per change of the model
    /// (assessing a project every frame cost about half of the view's frame).
    headlines: Headlines,
}

/// The list's level lines and the shown project's headline, for one model generation and project.
#[derive(Debug, Default)]
struct Headlines {
    made_for: Option<(u64, String)>,
    /// "Tuition centre\nLevel 2 · Ships", one per project in order.
    list: Vec<String>,
    /// The level line, the explanation and the story sentence of the shown project.
    shown: Option<[String; 3]>,
    /// How its readiness moved over its scans and checks, the last readings, and the evidence gone.
    readings: Vec<String>,
}

impl Headlines {
    fn update(&mut self, model: &Model, shown: &Project) {
        let key = (model.generation, shown.id.clone());
        if self.made_for.as_ref() == Some(&key) {
            return;
        }
        self.list = model
            .progress()
            .projects
            .iter()
            .map(|project| match assess(model.catalog(), project).map(|a| a.assessment.score) {
                // The item let pass is named beside the project's level on the right; the list says one is.
                Some(score) => {
                    let except = if score.except.is_some() { ", except 1 item" } else { "" };
                    format!("{}\nLevel {} · {}{except}", project.name, score.level.number(), score.level.name())
                }
                None => format!("{}\n(checklist not loaded)", project.name),
            })
            .collect();
        self.shown = crate::report::project::project_story(model.catalog(), shown, chrono::Utc::now()).map(|story| {
            let (name, except) = (story.level_name, &story.except);
            let level = format!("Level {}: {name}{except} · readiness {:.0}/100", story.level, story.readiness);
            [level, format!("{} {}", story.explanation, story.next_level.sentence), story.sentence]
        });
        self.readings = shown.readings_lines(model.catalog(), 5);
        self.made_for = Some(key);
    }
}

/// The formats a story is saved in from the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum StoryFormat {
    #[default]
    Pdf,
    Html,
    Markdown,
}

impl StoryFormat {
    const ALL: [StoryFormat; 3] = [StoryFormat::Pdf, StoryFormat::Html, StoryFormat::Markdown];

    fn format(self) -> Format {
        match self {
            StoryFormat::Pdf => Format::Pdf,
            StoryFormat::Html => Format::Html,
            StoryFormat::Markdown => Format::Markdown,
        }
    }

    fn name(self) -> &'static str {
        match self {
            StoryFormat::Pdf => "PDF",
            StoryFormat::Html => "HTML",
            StoryFormat::Markdown => "Markdown (for the project's README)",
        }
    }
}

impl ProjectsView {
    /// The view at start, showing the project shown when the window last closed.
    pub fn at_start(selected: Option<String>) -> ProjectsView {
        ProjectsView { selected, ..ProjectsView::default() }
    }

    /// The id of the project chosen, if one is.
    pub fn shown(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// Shows project `id` (undo shows the project it changed).
    pub fn show_project(&mut self, id: &str) {
        if self.selected.as_deref() != Some(id) {
            self.selected = Some(id.to_owned());
            self.confirm_remove = false;
            self.editing = None;
        }
    }

    /// Where the app says how a story save went.
    pub fn status_mut(&mut self) -> &mut SaveStatus {
        &mut self.status
    }

    /// The folder typed in the edit form (`editing`) or the add form, where a folder dialog starts.
    pub fn folder_typed(&self, editing: bool) -> Option<&str> {
        let folder =
            if editing { self.editing.as_ref().map(|(_, d)| d.folder.as_str()) } else { Some(&*self.draft.folder) };
        folder.map(str::trim).filter(|f| !f.is_empty())
    }

    /// A folder chosen in the dialog goes into the form that asked; a new project is named after it.
    pub fn folder_chosen(&mut self, path: &Path, editing: bool) {
        let folder = path.display().to_string();
        match &mut self.editing {
            Some((_, draft)) if editing => draft.folder = folder,
            _ => {
                if self.draft.name.trim().is_empty() {
                    self.draft.name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                }
                self.draft.folder = folder;
            }
        }
    }

    /// Project `id` was added: it is shown, and the form is empty again.
    pub fn added(&mut self, id: &str) {
        self.show_project(id);
        self.draft = NewProject::default();
        self.add_error = None;
    }

    pub fn add_failed(&mut self, error: String) {
        self.add_error = Some(error);
    }

    pub fn edited(&mut self) {
        self.editing = None;
        self.edit_error = None;
    }

    pub fn edit_failed(&mut self, error: String) {
        self.edit_error = Some(error);
    }

    pub fn scan_started(&mut self, id: &str) {
        self.scanning = Some(id.to_owned());
    }

    pub fn scan_finished(&mut self, finished: ScanProposals) {
        self.scanning = None;
        self.scan = Some(finished);
    }

    /// The project the proposals shown are for.
    pub fn scanned(&self) -> Option<&str> {
        self.scan.as_ref().map(|scan| scan.project.as_str())
    }

    /// Takes accepted proposals off the list.
    pub fn accepted(&mut self, accepted: &[Proposal]) {
        if let Some(ScanProposals { result: Ok(proposals), .. }) = &mut self.scan {
            proposals.retain(|p| !accepted.contains(p));
        }
    }

    /// Forgets typed notes and evidence once the project changes under them (undo, another window).
    pub fn refresh(&mut self) {
        self.items.drafts.clear();
    }

    /// The project shown: the one chosen, or else the first.
    fn shown_project<'m>(&self, model: &'m Model) -> Option<&'m Project> {
        let projects = &model.progress().projects;
        self.selected.as_deref().and_then(|id| projects.iter().find(|p| p.id == id)).or(projects.first())
    }

    pub fn list_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        ui.heading("Projects");
        ui.label(RichText::new("Is your app production-ready? Each project is scored like you are.").weak());
        ui.add_space(6.0);
        let shown = self.shown_project(model);
        if let Some(project) = shown {
            self.headlines.update(model, project);
        }
        let shown = shown.map(|p| p.id.clone());
        let texts = std::mem::take(&mut self.headlines.list);
        for (project, text) in model.progress().projects.iter().zip(&texts) {
            if ui.add(egui::Button::selectable(shown.as_ref() == Some(&project.id), text).wrap()).clicked() {
                self.show_project(&project.id);
            }
        }
        self.headlines.list = texts;
        ui.separator();
        self.add_form_ui(ui, model, commands);
    }

    fn add_form_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        ui.label(RichText::new("Add a project").strong());
        for (label, value, hint) in [
            ("Name", &mut self.draft.name, "Tuition centre"),
            ("Repository", &mut self.draft.repository, "https://github.com/you/app"),
        ] {
            let label = ui.label(label);
            ui.add(egui::TextEdit::singleline(value).hint_text(hint)).labelled_by(label.id);
        }
        let label = ui.label("Local folder");
        // The button first, from the right, and the field in the room left: the row never grows the panel.
        let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
        ui.allocate_ui_with_layout(row, egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let choose = ui.button("Choose…").on_hover_text("Choose the folder of its clone in your system's dialog");
            if choose.clicked() {
                commands.push(ProjectCommand::ChooseFolder { editing: false }.into());
            }
            let field = egui::TextEdit::singleline(&mut self.draft.folder).hint_text("/home/you/code/app");
            ui.add(field.desired_width(ui.available_width())).labelled_by(label.id);
        });
        ui.label(RichText::new("Or drop a project's folder on the window.").weak());
        let enabled = !model.is_read_only() && !self.draft.name.trim().is_empty();
        if ui.add_enabled(enabled, egui::Button::new("Add project")).clicked() {
            commands.push(ProjectCommand::Add(self.draft.clone()).into());
        }
        if let Some(error) = &self.add_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    }

    /// The shown project; `report_folder` is where its story is saved (the Summary's folder).
    pub fn ui(&mut self, ui: &mut Ui, model: &Model, report_folder: &str, commands: &mut Vec<Command>) {
        let Some(project) = self.shown_project(model) else {
            ui.heading("No projects yet");
            ui.label(
                "Add the app you are building on the left: its name, and a local clone so skillgap can scan it for a \
Dockerfile, CI workflows, an Nginx config, backup scripts and more. Then take it from Localhost to Recoverable.",
            );
            return;
        };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            self.header_ui(ui, model, project, commands);
            self.story_ui(ui, project, report_folder, commands);
            ui.separator();
            if let Some(scan) = self.scan.as_mut().filter(|scan| scan.project == project.id) {
                scan.ui(ui, model, project, commands);
            }
            super::project_items::items_ui(ui, model, project, &mut self.items, commands);
        });
    }

    fn header_ui(&mut self, ui: &mut Ui, model: &Model, project: &Project, commands: &mut Vec<Command>) {
        ui.heading(&project.name);
        self.headlines.update(model, project);
        if let Some([level, explanation, sentence]) = &self.headlines.shown {
            ui.label(RichText::new(level).strong().size(16.0));
            ui.label(explanation);
            ui.label(RichText::new(sentence).italics());
        }
        if let Some((movement, lines)) = self.headlines.readings.split_first() {
            egui::CollapsingHeader::new(format!("Over time: {movement}")).id_salt("project-readings").show(ui, |ui| {
                for line in lines {
                    let gone = line.starts_with("Evidence gone");
                    let text = RichText::new(line).monospace();
                    ui.label(if gone { text.color(ui.visuals().warn_fg_color) } else { text });
                }
            });
        }
        if self.editing.as_ref().is_some_and(|(id, _)| *id == project.id) {
            self.edit_ui(ui, model, commands);
        } else {
            let folder = if project.folder.is_empty() { "no local folder" } else { project.folder.as_str() };
            let repository = if project.repository.is_empty() { "no repository link" } else { &project.repository };
            ui.label(RichText::new(format!("{repository} · {folder}")).weak());
        }
        ui.horizontal_wrapped(|ui| {
            let can_scan = !project.folder.is_empty() && !model.is_read_only() && self.scanning.is_none();
            if ui.add_enabled(can_scan, egui::Button::new("Scan folder")).clicked() {
                commands.push(ProjectCommand::Scan(project.id.clone()).into());
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
                ui.label("Remove it? A backup is kept, and Ctrl+Z puts it back.");
                if ui.button("Remove").clicked() {
                    commands.push(ProjectCommand::Remove(project.id.clone()).into());
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
    }

    /// The shown project's name, repository and folder, saved together (and checked like a new
    /// project's) or left as they were.
    fn edit_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        let Some((id, draft)) = &mut self.editing else { return };
        egui::Grid::new("project-edit").num_columns(3).show(ui, |ui| {
            let fields = [
                ("Project name", &mut draft.name, false),
                ("Repository link", &mut draft.repository, false),
                ("Folder of its clone", &mut draft.folder, true),
            ];
            for (label, value, is_folder) in fields {
                let label = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).desired_width(360.0)).labelled_by(label.id);
                let choose = "Choose the folder in your system's dialog";
                if is_folder && ui.button("Choose…").on_hover_text(choose).clicked() {
                    commands.push(ProjectCommand::ChooseFolder { editing: true }.into());
                }
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
                commands.push(ProjectCommand::Edit { project: id.clone(), details: draft.clone() }.into());
            }
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            self.editing = None;
            self.edit_error = None;
        }
    }

    /// The story saved like the summary: a format, a new file in the Summary's folder (shown), or Save
    /// as…; how it went underneath, with the file one click away.
    fn story_ui(&mut self, ui: &mut Ui, project: &Project, folder: &str, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Story as");
            let combo = egui::ComboBox::from_id_salt("story-format").selected_text(self.story_format.name());
            combo
                .show_ui(ui, |ui| {
                    for format in StoryFormat::ALL {
                        ui.selectable_value(&mut self.story_format, format, format.name());
                    }
                })
                .response
                .labelled_by(label.id);
            let help = "A new file in the folder shown, the Summary's; never over an earlier one";
            if ui.button("Save story").on_hover_text(help).clicked() {
                let format = self.story_format.format();
                commands.push(ProjectCommand::SaveStory { project: project.id.clone(), format }.into());
            }
            let save_as = ui.button("Save story as…");
            if save_as.on_hover_text("Choose the file and format in your system's dialog").clicked() {
                commands.push(ProjectCommand::SaveStoryAs { project: project.id.clone() }.into());
            }
            ui.label(RichText::new(format!("to {folder}")).weak()).on_hover_text("Change it in the Summary view");
        });
        if !project.folder.is_empty() {
            let help = "Its statuses, notes and evidence as .skillgap/project.ron in its folder, to commit: \
CI checks it with `skillgap project check`, a teammate adds it with its folder";
            if ui.button("Export to its repository").on_hover_text(help).clicked() {
                commands.push(ProjectCommand::Export(project.id.clone()).into());
            }
        }
        self.status.ui(ui, "story", commands);
    }
}
