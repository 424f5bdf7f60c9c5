//! What sits under a view's Save buttons: the file being written, how the last save went (with the file
//! one click away), and the question a save asks before it goes on. The Summary and the Projects view
//! each have one; the app tells it what happened. The line is always there, so nothing below it moves
//! when a message comes or goes (window review L8).

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::command::{AppCommand, Command, ViewCommand};

/// What a save asks before it goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// The folder does not exist yet.
    CreateFolder(PathBuf),
    /// A file of that name exists.
    Replace,
}

/// How the last save went, shown under the buttons.
#[derive(Debug, Clone, Default)]
pub struct SaveStatus {
    /// The file being written now.
    writing: Option<PathBuf>,
    /// What the last save, copy or print did, or why it failed.
    message: Option<Result<String, String>>,
    /// A failure's technical detail (a launcher's own error), shown on hover.
    detail: Option<String>,
    /// The file written, offered to open or show in its folder.
    saved: Option<PathBuf>,
    /// Opening `saved` just failed: only its folder is offered.
    open_failed: bool,
    /// A save waits for the person's answer: what it asks, about which file.
    question: Option<(Ask, PathBuf)>,
}

impl SaveStatus {
    /// A save waits for the report being written first.
    pub fn queued(&mut self) {
        if self.writing.is_none() {
            *self = SaveStatus {
                message: Some(Ok("Waiting for the report being written first…".to_owned())),
                ..SaveStatus::default()
            };
        }
    }

    pub fn started(&mut self, path: &Path) {
        *self = SaveStatus { writing: Some(path.to_path_buf()), ..SaveStatus::default() };
    }

    /// `path` was written; `text` says so.
    pub fn saved(&mut self, path: PathBuf, text: String) {
        *self = SaveStatus { message: Some(Ok(text)), saved: Some(path), ..SaveStatus::default() };
    }

    /// `path` was written but could not be opened: `text` says what to do, `detail` is the launcher's error.
    pub fn open_failed(&mut self, path: PathBuf, text: String, detail: String) {
        *self = SaveStatus {
            message: Some(Err(text)),
            detail: Some(detail),
            saved: Some(path),
            open_failed: true,
            ..SaveStatus::default()
        };
    }

    pub fn failed(&mut self, text: String) {
        *self = SaveStatus { message: Some(Err(text)), ..SaveStatus::default() };
    }

    /// Something that wrote no file went well (a copy to the clipboard).
    pub fn said(&mut self, text: String) {
        *self = SaveStatus { message: Some(Ok(text)), ..SaveStatus::default() };
    }

    pub fn ask(&mut self, ask: Ask, path: PathBuf) {
        self.question = Some((ask, path));
    }

    /// The question was answered.
    pub fn answered(&mut self) {
        self.question = None;
    }

    /// The line under the buttons, and the question as a modal while one waits. `what` names the
    /// document ("report", "story").
    pub fn ui(&self, ui: &mut Ui, what: &str, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            if let Some(path) = &self.writing {
                // Not a spinner: it would draw the window at full speed meanwhile; the answer wakes it.
                ui.label(format!("Writing {}…", path.display()));
                return;
            }
            let label = match &self.message {
                Some(Ok(text)) => ui.label(RichText::new(text).color(ui.visuals().hyperlink_color)),
                Some(Err(text)) => ui.colored_label(ui.visuals().error_fg_color, text),
                None => ui.weak(" "),
            };
            if let Some(detail) = &self.detail {
                label.on_hover_text(detail);
            }
            if let Some(path) = &self.saved {
                if !self.open_failed && ui.button("Open").on_hover_text("Open the file in its viewer").clicked() {
                    commands.push(ViewCommand::Open(path.clone()).into());
                }
                if let Some(folder) = path.parent()
                    && ui.button("Show in folder").on_hover_text(folder.display().to_string()).clicked()
                {
                    commands.push(ViewCommand::Open(folder.to_path_buf()).into());
                }
            }
        });
        self.question_ui(ui, what, commands);
    }

    /// "Create the folder?" or "Replace the file?", before a save goes on.
    fn question_ui(&self, ui: &Ui, what: &str, commands: &mut Vec<Command>) {
        let Some((ask, path)) = &self.question else { return };
        let (question, yes) = match ask {
            Ask::CreateFolder(folder) => (
                format!("The folder {} does not exist yet. Create it and save the {what} there?", folder.display()),
                "Create folder and save",
            ),
            Ask::Replace => (format!("{} already exists. Replace it with this {what}?", path.display()), "Replace"),
        };
        egui::Modal::new(egui::Id::unique("confirm-save")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.add(egui::Label::new(question).wrap());
            ui.horizontal(|ui| {
                if ui.button(yes).clicked() {
                    commands.push(AppCommand::ConfirmSave(true).into());
                }
                if ui.button("Cancel").clicked() {
                    commands.push(AppCommand::ConfirmSave(false).into());
                }
            });
        });
    }
}
