//! The Summary view: the printable summary as it will print, with Save and Print buttons.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::Command;
use super::model::Model;
use crate::report::{self, Format, SummaryInput};

pub struct SummaryView {
    /// Folder the summary is saved to.
    pub folder: String,
    /// What happened to the last save, shown under the buttons.
    pub message: Option<Result<String, String>>,
    cache: Option<(u64, String)>,
}

impl Default for SummaryView {
    fn default() -> Self {
        let folder = directories::UserDirs::new()
            .and_then(|dirs| dirs.document_dir().map(PathBuf::from).or_else(|| Some(dirs.home_dir().to_path_buf())))
            .unwrap_or_else(|| PathBuf::from("."));
        SummaryView { folder: folder.display().to_string(), message: None, cache: None }
    }
}

impl SummaryView {
    /// The file a format is saved to: `<folder>/skillgap-summary-<date>.<ext>`.
    pub fn target(&self, format: Format) -> PathBuf {
        let name = format!("skillgap-summary-{}.{}", chrono::Local::now().format("%Y-%m-%d"), format.extension());
        PathBuf::from(self.folder.trim()).join(name)
    }

    pub fn ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        ui.heading("Summary");
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Save to folder");
            ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(320.0)).labelled_by(label.id);
            if ui.button("Save as Markdown").clicked() {
                commands.push(Command::SaveSummary { format: Format::Markdown, path: self.target(Format::Markdown) });
            }
            if ui.button("Save as HTML").clicked() {
                commands.push(Command::SaveSummary { format: Format::Html, path: self.target(Format::Html) });
            }
            if ui
                .button("Open HTML for printing")
                .on_hover_text("Opens the summary in your browser; print it from there")
                .clicked()
            {
                commands.push(Command::OpenSummaryForPrinting);
            }
        });
        match &self.message {
            Some(Ok(text)) => {
                ui.label(RichText::new(text).color(ui.visuals().hyperlink_color));
            }
            Some(Err(text)) => {
                ui.colored_label(ui.visuals().error_fg_color, text);
            }
            None => {}
        }
        ui.separator();
        let generation = model.generation;
        if self.cache.as_ref().is_none_or(|(g, _)| *g != generation) {
            self.cache = Some((generation, render_summary(model, Format::Text)));
        }
        let text = self.cache.as_ref().map_or("", |(_, t)| t.as_str());
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).extend());
        });
    }
}

/// The summary of the model's current state in `format`.
pub fn render_summary(model: &Model, format: Format) -> String {
    let summary = report::build_summary(&SummaryInput {
        catalog: model.catalog(),
        progress: model.progress(),
        statuses: &model.statuses,
        score: &model.score,
        gaps: &model.gaps,
        now: chrono::Utc::now(),
    });
    report::render(&summary, format)
}
