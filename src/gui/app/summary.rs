//! Saving reports, the summary and a project's story alike: to a new file in the reports folder, or where
//! the platform's dialog says; asking before creating a folder or replacing a file. One is written at a
//! time and the others wait their turn, each taking its new file's name when it starts, so two quick
//! clicks on Save make two files, never one over the other. And the Summary's copy and print.

use std::path::PathBuf;
use std::time::Duration;

use super::App;
use super::report_job::{Document, PendingSave, ReportJob, Then};
use crate::gui::command::SummaryCommand;
use crate::gui::file_chooser::{FileRequest, Pending, format_of};
use crate::gui::save_status::{Ask, SaveStatus};
use crate::gui::summary_view::build_summary;
use crate::report::{self, Format, SummaryOptions};
use crate::store::{self, Destination};

/// What an open file dialog's answer is for.
pub(super) enum Chosen {
    ReportFolder,
    SaveAs(Document),
    /// A project's local folder: for the edit form when `editing`, else the add form.
    ProjectFolder {
        editing: bool,
    },
}

/// Where a report asked for goes.
#[derive(Debug, Clone)]
pub(super) enum Target {
    /// A new file in the reports folder, named when it is written.
    New,
    /// A file the person chose, and agreed to create or replace.
    At(PathBuf),
    /// A temporary file opened in the PDF viewer.
    Print,
}

/// Printed PDFs older than this are removed: the viewer has long read them.
const PRINT_KEEP: Duration = Duration::from_secs(3600);

/// How long a closing window waits for a report being written before it gives up on it.
const EXIT_WAIT: Duration = Duration::from_secs(30);

impl App {
    pub(super) fn apply_summary_command(&mut self, command: SummaryCommand) {
        match command {
            SummaryCommand::Save { format, options } => {
                self.request_report(Document::Summary(options), format, Target::New);
            }
            SummaryCommand::SaveAs { options } => self.ask_save_as(Document::Summary(options)),
            SummaryCommand::ChooseFolder => {
                let request = FileRequest::Folder { start: self.report_folder(), title: "Save reports in" };
                self.ask_file(request, Chosen::ReportFolder);
            }
            SummaryCommand::Copy { format, options } => self.copy_summary(format, &options),
            SummaryCommand::Print { options } => {
                self.request_report(Document::Summary(options), Format::Pdf, Target::Print)
            }
        }
    }

    /// The reports folder as typed in the Summary view.
    pub(super) fn report_folder(&self) -> PathBuf {
        PathBuf::from(self.prefs.report.folder.trim())
    }

    /// Where a document's messages show: under the Save buttons of the view it was saved from.
    fn status_of(&mut self, document: &Document) -> &mut SaveStatus {
        match document {
            Document::Summary(_) => self.summary.status_mut(),
            Document::Story(_) => self.projects.status_mut(),
        }
    }

    /// Writes `document` to `target` now, or once the report being written is done.
    pub(super) fn request_report(&mut self, document: Document, format: Format, target: Target) {
        if self.jobs.report.is_some() {
            self.status_of(&document).queued();
            self.jobs.waiting.push_back((document, format, target));
            return;
        }
        match target {
            Target::New => self.save_new(document, format),
            Target::At(path) => self.start_report(document, format, path, Then::Report),
            Target::Print => self.print(document),
        }
    }

    /// Saves `document` as a new file in the reports folder, never over an earlier one.
    fn save_new(&mut self, document: Document, format: Format) {
        let stem = match &document {
            Document::Summary(_) => report_stem(),
            Document::Story(id) => format!("{id}-story-{}", chrono::Local::now().format("%Y-%m-%d")),
        };
        let destination = store::new_report_in(&self.report_folder(), &stem, format.extension());
        self.save_to(destination, document, format);
    }

    /// Asks the platform's dialog where to save `document`.
    pub(super) fn ask_save_as(&mut self, document: Document) {
        let (name, title) = match &document {
            Document::Summary(_) => (format!("{}.pdf", report_stem()), "Save the report as"),
            Document::Story(id) => (format!("{id}-story.pdf"), "Save the project's story as"),
        };
        let request = FileRequest::SaveReport { folder: self.report_folder(), name, title };
        self.ask_file(request, Chosen::SaveAs(document));
    }

    /// Opens a file dialog, one at a time.
    pub(super) fn ask_file(&mut self, request: FileRequest, purpose: Chosen) {
        if self.jobs.file_dialog.is_some() {
            return;
        }
        match Pending::ask(&self.ctx, &self.jobs.chooser, request, purpose) {
            Ok(pending) => self.jobs.file_dialog = Some(pending),
            Err(err) => self.messages.notice = Some(format!("The file dialog could not open: {err}")),
        }
    }

    /// Writes `document` to `destination`, or asks first when a folder is missing or a file is in the way.
    fn save_to(&mut self, destination: Destination, document: Document, format: Format) {
        let (path, ask) = match destination {
            Destination::Ready(path) => return self.request_report(document, format, Target::At(path)),
            Destination::MissingFolder { folder, path } => (path, Ask::CreateFolder(folder)),
            Destination::WouldReplace(path) => (path, Ask::Replace),
        };
        self.status_of(&document).ask(ask.clone(), path.clone());
        self.jobs.pending_save = Some(PendingSave { document, format, path, ask });
    }

    /// The answer to the save waiting: go on (creating its folder first), or not.
    pub(super) fn confirm_save(&mut self, go_on: bool) {
        let Some(PendingSave { document, format, path, ask }) = self.jobs.pending_save.take() else { return };
        self.status_of(&document).answered();
        if !go_on {
            return;
        }
        if let Ask::CreateFolder(folder) = &ask
            && let Err(err) = store::create_folder(folder)
        {
            let what = format!("Could not create {}: {err}. Choose another folder.", folder.display());
            return self.status_of(&document).failed(what);
        }
        self.request_report(document, format, Target::At(path));
    }

    /// Writes the PDF into skillgap's own temporary folder and opens it in the viewer. Earlier prints
    /// are removed once the viewer has surely read them (here, and when the window closes).
    fn print(&mut self, document: Document) {
        let folder = print_folder();
        store::remove_files_older_than(&folder, PRINT_KEEP);
        if let Err(err) = store::create_folder(&folder) {
            let what = format!("Could not make {} to print from: {err}", folder.display());
            return self.summary.status_mut().failed(what);
        }
        let path = store::unused_path(&folder, &format!("{}-print", report_stem()), "pdf");
        self.start_report(document, Format::Pdf, path, Then::Open);
    }

    /// Removes the printed PDFs the viewer has surely read.
    pub(super) fn clean_up_prints(&self) {
        store::remove_files_older_than(&print_folder(), PRINT_KEEP);
    }

    /// Applies the answer of the file dialog, once it has closed.
    pub(super) fn poll_file_dialog(&mut self) {
        let Some(pending) = &self.jobs.file_dialog else { return };
        let Some(answer) = pending.answer() else { return };
        let Some(Pending { purpose, .. }) = self.jobs.file_dialog.take() else { return };
        let path = match answer {
            Ok(Some(path)) => path,
            Ok(None) => return,
            Err(err) => return self.messages.notice = Some(format!("The file dialog closed: {err}")),
        };
        match purpose {
            Chosen::ReportFolder => self.prefs.report.folder = path.display().to_string(),
            Chosen::SaveAs(document) => {
                if let Some(folder) = path.parent() {
                    self.prefs.report.folder = folder.display().to_string();
                }
                self.save_to(store::report_at(&path), document, format_of(&path));
            }
            Chosen::ProjectFolder { editing } => self.projects.folder_chosen(&path, editing),
        }
    }

    /// Starts writing `document` (no other report is being written: see [`App::request_report`]).
    fn start_report(&mut self, document: Document, format: Format, path: PathBuf, then: Then) {
        let paper = self.prefs.report.paper;
        match ReportJob::start(&self.ctx, &self.model, (document.clone(), format, paper), path.clone(), then) {
            Ok(job) => {
                self.status_of(&document).started(&path);
                self.jobs.report = Some(job);
            }
            Err(err) => self.status_of(&document).failed(format!("Could not save the {}: {err}", document.noun())),
        }
    }

    /// Says how the report being written turned out, once it has; a printed one opens in the viewer.
    pub(super) fn poll_report(&mut self) {
        let Some(result) = self.jobs.report.as_ref().and_then(ReportJob::finished) else { return };
        let Some(job) = self.jobs.report.take() else { return };
        self.report_done(&job.document, job.then, result);
        if let Some((document, format, target)) = self.jobs.waiting.pop_front() {
            self.request_report(document, format, target);
        }
    }

    fn report_done(&mut self, document: &Document, then: Then, result: Result<PathBuf, String>) {
        let noun = document.noun();
        let opened = match (&result, then) {
            (Ok(path), Then::Open) => Some((self.opener)(path)),
            _ => None,
        };
        let status = self.status_of(document);
        match (result, opened) {
            (Ok(path), None) => status.saved(path.clone(), format!("Saved {}", path.display())),
            (Ok(path), Some(Ok(()))) => {
                let text = format!("Opened {} in your PDF viewer; print it from there.", path.display());
                status.saved(path, text);
            }
            (Ok(path), Some(Err(err))) => {
                let text = "No PDF viewer could open the report. Open the file from its folder with any PDF \
viewer to print it, or install one (for example Evince or Okular).";
                status.open_failed(path, text.to_owned(), err.to_string());
            }
            (Err(err), _) => status.failed(format!("Could not save the {noun}: {err}")),
        }
        if self.overlays.closing == super::Closing::AfterReport && self.jobs.waiting.is_empty() {
            self.outbox.viewport.push(egui::ViewportCommand::Close);
        }
    }

    /// The window is closing: a report being written is finished first (for a while), so it is not
    /// lost half-written with its temporary file left in the person's folder.
    pub(super) fn finish_report_before_exit(&mut self) {
        while let Some(job) = self.jobs.report.take() {
            let result = job.wait(EXIT_WAIT);
            match (result, self.jobs.waiting.pop_front()) {
                (Some(_), Some((document, format, target))) => self.request_report(document, format, target),
                _ => break,
            }
        }
    }

    fn copy_summary(&mut self, format: Format, options: &SummaryOptions) {
        let summary = build_summary(&self.model, options);
        let (text, name) = match format {
            Format::Markdown => (report::render_markdown(&summary), "Markdown"),
            _ => (report::render_text(&summary), "text"),
        };
        let lines = text.lines().count();
        self.outbox.clipboard = Some(text);
        let said = format!("Copied the summary as {name} ({lines} lines); paste it anywhere.");
        self.summary.status_mut().said(said);
    }
}

/// "skillgap-report-2026-11-24": a report's file name without its extension.
fn report_stem() -> String {
    format!("skillgap-report-{}", chrono::Local::now().format("%Y-%m-%d"))
}

fn print_folder() -> PathBuf {
    std::env::temp_dir().join("skillgap-print")
}
