//! The Summary view: the report's options, Save / Copy / Print buttons, and its pages as they will print.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::Ui;
use serde::{Deserialize, Serialize};

use super::background::Background;
use super::command::{Command, SummaryCommand};
use super::model::Model;
use super::paper_preview::{PaperPreview, Zoom};
use super::save_status::SaveStatus;
use super::summary_source::SummarySource;
use super::widgets::counted;
use crate::report::pdf;
use crate::report::{self, Format, Paper, Summary, SummaryInput, SummaryOptions};

/// The report choices remembered between runs (UI preferences, kept in eframe's storage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportPrefs {
    /// Folder the report is saved to.
    pub folder: String,
    /// Name printed at the top; empty for none.
    pub name: String,
    pub with_notes: bool,
    pub paper: Paper,
    /// How large the preview draws the pages.
    pub zoom: Zoom,
}

impl Default for ReportPrefs {
    fn default() -> Self {
        // Documents, even where no Documents folder is set up yet: the first save asks to create it.
        let folder = directories::UserDirs::new()
            .map(|dirs| dirs.document_dir().map_or_else(|| dirs.home_dir().join("Documents"), PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."));
        ReportPrefs {
            folder: folder.display().to_string(),
            name: String::new(),
            with_notes: false,
            paper: Paper::A4,
            zoom: Zoom::default(),
        }
    }
}

/// The report's choices that are not remembered between runs, and the preview. The remembered ones,
/// [`ReportPrefs`], belong to the app's preferences and are lent to [`SummaryView::ui`].
#[derive(Default)]
pub struct SummaryView {
    /// Only this checklist id, or all.
    checklist: Option<String>,
    /// "Done since" as typed: YYYY-MM-DD, or empty for none.
    since: String,
    /// How the last save, copy or print went, under the buttons.
    status: SaveStatus,
    /// The pages as they will print.
    preview: Preview,
}

/// What the preview's pages were made from: when any of it changes, they are made again.
#[derive(Debug, Clone, PartialEq)]
struct PreviewKey {
    generation: u64,
    options: SummaryOptions,
    paper: Paper,
}

/// The pages shown, and the next ones being laid out on a thread of their own (a few hundred pages take
/// a second, and typing a name must not wait for them). Until they come, the last ones stay.
#[derive(Default)]
struct Preview {
    shown: Option<(PreviewKey, Result<PaperPreview, String>)>,
    next: Option<(PreviewKey, Background<Result<PaperPreview, String>>)>,
}

impl Preview {
    /// Takes the pages being laid out once they are ready.
    fn poll(&mut self) {
        let Some((key, job)) = &self.next else { return };
        if let Some(answer) = job.poll() {
            let pages = answer.and_then(|pages| pages);
            self.shown = Some((key.clone(), pages));
            self.next = None;
        }
    }

    /// Starts laying out the pages for `key` unless they are shown or on their way.
    fn update(&mut self, ui: &Ui, model: &Model, key: PreviewKey) {
        self.poll();
        if self.next.is_some() || self.shown.as_ref().is_some_and(|(shown, _)| *shown == key) {
            return;
        }
        let source = SummarySource::of(model);
        let (options, paper) = (key.options.clone(), key.paper);
        let job = Background::run(ui.ctx(), "summary-pages", move || {
            let pages = source.with_summary(&options, |summary| pdf::lay_out_summary(summary, paper));
            pages.map(PaperPreview::new).map_err(|e| e.to_string())
        });
        match job {
            Ok(job) => self.next = Some((key, job)),
            Err(err) => self.shown = Some((key, Err(err))),
        }
    }

    fn ui(&self, ui: &mut Ui, prefs: &mut ReportPrefs) {
        match &self.shown {
            Some((shown, Ok(pages))) => {
                ui.horizontal(|ui| {
                    let count = counted(pages.page_count(), "page", "pages");
                    // The paper of the pages shown, which the next ones may not be on yet.
                    ui.label(format!("{count} on {}, as the PDF prints them", paper_name(shown.paper)));
                    if self.next.is_some() {
                        // Not a spinner: it would draw the window at full speed meanwhile.
                        ui.weak("updating…");
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        for zoom in [Zoom::WholePage, Zoom::FitWidth] {
                            ui.selectable_value(&mut prefs.zoom, zoom, zoom.name()).on_hover_text(zoom.purpose());
                        }
                    });
                });
                pages.ui(ui, prefs.zoom);
            }
            Some((_, Err(problem))) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("The preview could not be made: {problem}"));
            }
            None => {
                ui.weak("Laying out the pages…");
            }
        }
    }

    /// Whether pages are being laid out.
    fn is_busy(&self) -> bool {
        self.next.is_some()
    }
}

impl SummaryView {
    /// The "done since" date, `Err` when what was typed is not a date.
    fn since_date(&self) -> Result<Option<NaiveDate>, String> {
        let text = self.since.trim();
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some).map_err(|_| "write the date as YYYY-MM-DD".to_owned())
    }

    /// The options the report is made with now.
    pub fn options(&self, prefs: &ReportPrefs) -> SummaryOptions {
        SummaryOptions {
            name: Some(prefs.name.trim().to_owned()).filter(|n| !n.is_empty()),
            with_notes: prefs.with_notes,
            checklist: self.checklist.clone(),
            since: self.since_date().ok().flatten(),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, model: &Model, prefs: &mut ReportPrefs, commands: &mut Vec<Command>) {
        ui.heading("Summary");
        self.options_ui(ui, model, prefs);
        ui.add_space(4.0);
        self.save_ui(ui, prefs, commands);
        self.status.ui(ui, "report", commands);
        ui.separator();
        let key = PreviewKey { generation: model.generation, options: self.options(prefs), paper: prefs.paper };
        self.preview.update(ui, model, key);
        self.preview.ui(ui, prefs);
    }

    /// Where the app says how a save, copy or print went.
    pub fn status_mut(&mut self) -> &mut SaveStatus {
        &mut self.status
    }

    /// Whether the preview's pages are being laid out (a screenshot waits for them). Takes them once
    /// they are ready, whichever view is shown.
    pub fn is_busy(&mut self) -> bool {
        self.preview.poll();
        self.preview.is_busy()
    }

    fn save_ui(&self, ui: &mut Ui, prefs: &mut ReportPrefs, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Save to folder");
            ui.add(egui::TextEdit::singleline(&mut prefs.folder).desired_width(300.0)).labelled_by(label.id);
            if ui.button("Choose…").on_hover_text("Choose the folder in your system's dialog").clicked() {
                commands.push(SummaryCommand::ChooseFolder.into());
            }
        });
        ui.horizontal_wrapped(|ui| self.report_buttons_ui(ui, prefs, commands));
    }

    /// Save, Copy and Print; none while "Done since" is not a date, since a report without the section
    /// asked for would pass for the one wanted.
    fn report_buttons_ui(&self, ui: &mut Ui, prefs: &ReportPrefs, commands: &mut Vec<Command>) {
        let ready = self.since_date().is_ok();
        let button = |ui: &mut Ui, name: &str, help: &str| {
            let response = ui.add_enabled(ready, egui::Button::new(name));
            let fix_first = "Fix the \"Done since\" date (YYYY-MM-DD), or clear it, first";
            response.on_hover_text(help).on_disabled_hover_text(fix_first).clicked()
        };
        for (format, name) in
            [(Format::Pdf, "Save as PDF"), (Format::Html, "Save as HTML"), (Format::Markdown, "Save as Markdown")]
        {
            let help = format!(
                "A new file in the folder above, skillgap-report-DATE.{}; never over an earlier one",
                format.extension()
            );
            if button(ui, name, &help) {
                commands.push(SummaryCommand::Save { format, options: self.options(prefs) }.into());
            }
        }
        if button(ui, "Save as…", "Choose the file and format in your system's dialog") {
            commands.push(SummaryCommand::SaveAs { options: self.options(prefs) }.into());
        }
        ui.separator();
        for (format, name) in [(Format::Markdown, "Copy as Markdown"), (Format::Text, "Copy as text")] {
            if button(ui, name, "Puts the summary on the clipboard, to paste anywhere") {
                commands.push(SummaryCommand::Copy { format, options: self.options(prefs) }.into());
            }
        }
        if button(ui, "Print…", "Opens the PDF report in your default viewer, to print from there") {
            commands.push(SummaryCommand::Print { options: self.options(prefs) }.into());
        }
    }

    fn options_ui(&mut self, ui: &mut Ui, model: &Model, prefs: &mut ReportPrefs) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut prefs.name).hint_text("optional").desired_width(160.0))
                .labelled_by(label.id);
            let label = ui.label("Checklist");
            let catalog = model.catalog();
            let selected = self
                .checklist
                .as_ref()
                .and_then(|id| catalog.checklists.iter().find(|c| &c.id == id))
                .map_or("All checklists", |c| c.title.as_str());
            egui::ComboBox::from_id_salt("report-checklist")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.checklist, None, "All checklists");
                    for checklist in &catalog.checklists {
                        ui.selectable_value(&mut self.checklist, Some(checklist.id.clone()), &checklist.title);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Done since");
            ui.add(egui::TextEdit::singleline(&mut self.since).hint_text("YYYY-MM-DD").desired_width(100.0))
                .labelled_by(label.id);
            ui.checkbox(&mut prefs.with_notes, "Notes and evidence");
            let label = ui.label("Paper");
            egui::ComboBox::from_id_salt("report-paper")
                .selected_text(paper_name(prefs.paper))
                .show_ui(ui, |ui| {
                    for paper in [Paper::A4, Paper::Letter] {
                        ui.selectable_value(&mut prefs.paper, paper, paper_name(paper));
                    }
                })
                .response
                .labelled_by(label.id);
            // Last in the row, so nothing after it moves when it appears.
            if let Err(problem) = self.since_date() {
                ui.colored_label(ui.visuals().error_fg_color, format!("Done since: {problem}"));
            }
        });
    }
}

fn paper_name(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "A4",
        Paper::Letter => "Letter",
    }
}

/// The summary of the model's current state.
pub fn build_summary<'a>(model: &'a Model, options: &SummaryOptions) -> Summary<'a> {
    report::build_summary(&SummaryInput {
        catalog: model.catalog(),
        target: model.target(),
        progress: model.progress(),
        assessment: &model.assessment,
        now: chrono::Utc::now(),
        options,
    })
}
