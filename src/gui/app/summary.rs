//! Applying the Summary view's commands: saving the report (to a new file in the reports folder, or where
//! the platform's dialog says), asking before creating a folder or replacing a file, copying, printing.

use std::path::PathBuf;
use std::time::Duration;

use super::App;
use super::report_job::{ReportJob, Then};
use crate::gui::command::Command;
use crate::gui::file_chooser::{FileRequest, Pending, format_of};
use crate::gui::summary_view::{Ask, PendingSave, build_summary};
use crate::report::{self, Format, SummaryOptions};
use crate::store::{self, Destination};

/// What an open file dialog's answer is for.
pub(super) enum Chosen {
    ReportFolder,
    SaveAs(SummaryOptions),
}

/// Printed PDFs older than this are removed: the viewer has long read them.
const PRINT_KEEP: Duration = Duration::from_secs(3600);

impl App {
    pub(super) fn apply_summary_command(&mut self, command: Command) {
        match command {
            Command::SaveSummary { format, options } => {
                let destination = store::new_report_in(&self.report_folder(), &report_stem(), format.extension());
                self.save_to(destination, format, options);
            }
            Command::SaveSummaryAs { options } => {
                let request =
                    FileRequest::SaveReport { folder: self.report_folder(), name: format!("{}.pdf", report_stem()) };
                self.file_dialog = Some(Pending::ask(&self.ctx, &self.chooser, request, Chosen::SaveAs(options)));
            }
            Command::ChooseReportFolder => {
                let request = FileRequest::Folder { start: self.report_folder() };
                self.file_dialog = Some(Pending::ask(&self.ctx, &self.chooser, request, Chosen::ReportFolder));
            }
            Command::ConfirmSave(go_on) => {
                if let Some(PendingSave { format, path, options, ask }) = self.summary.pending.take()
                    && go_on
                {
                    if let Ask::CreateFolder(folder) = &ask
                        && let Err(err) = store::create_folder(folder)
                    {
                        let what = format!("Could not create {}: {err}. Choose another folder.", folder.display());
                        self.summary.message = Some(Err(what));
                        return;
                    }
                    self.start_report(options, format, path, Then::Report);
                }
            }
            Command::CopySummary { format, options } => self.copy_summary(format, &options),
            Command::PrintSummary { options } => self.print(options),
            _ => {}
        }
    }

    /// The reports folder as typed in the Summary view.
    fn report_folder(&self) -> PathBuf {
        PathBuf::from(self.prefs.report.folder.trim())
    }

    /// Writes the report to `destination`, or asks first when a folder is missing or a file is in the way.
    fn save_to(&mut self, destination: Destination, format: Format, options: SummaryOptions) {
        self.summary.pending = match destination {
            Destination::Ready(path) => {
                self.start_report(options, format, path, Then::Report);
                None
            }
            Destination::MissingFolder { folder, path } => {
                Some(PendingSave { format, path, options, ask: Ask::CreateFolder(folder) })
            }
            Destination::WouldReplace(path) => Some(PendingSave { format, path, options, ask: Ask::Replace }),
        };
    }

    /// Writes the PDF into skillgap's own temporary folder and opens it in the viewer. Earlier prints
    /// are removed once the viewer has surely read them (here, and when the window closes).
    fn print(&mut self, options: SummaryOptions) {
        let folder = print_folder();
        store::remove_files_older_than(&folder, PRINT_KEEP);
        if let Err(err) = store::create_folder(&folder) {
            self.summary.message = Some(Err(format!("Could not make {} to print from: {err}", folder.display())));
            return;
        }
        let path = store::unused_path(&folder, &format!("{}-print", report_stem()), "pdf");
        self.start_report(options, Format::Pdf, path, Then::Open);
    }

    /// Removes the printed PDFs the viewer has surely read.
    pub(super) fn clean_up_prints(&self) {
        store::remove_files_older_than(&print_folder(), PRINT_KEEP);
    }

    /// Applies the answer of the file dialog, once it has closed.
    pub(super) fn poll_file_dialog(&mut self) {
        let Some(pending) = &self.file_dialog else { return };
        let Some(answer) = pending.answer() else { return };
        let Some(Pending { purpose, .. }) = self.file_dialog.take() else { return };
        let Some(path) = answer else { return };
        match purpose {
            Chosen::ReportFolder => self.prefs.report.folder = path.display().to_string(),
            Chosen::SaveAs(options) => {
                if let Some(folder) = path.parent() {
                    self.prefs.report.folder = folder.display().to_string();
                }
                self.save_to(store::report_at(&path), format_of(&path), options);
            }
        }
    }

    fn start_report(&mut self, options: SummaryOptions, format: Format, path: PathBuf, then: Then) {
        self.summary.message = Some(Ok(format!("Writing {}…", path.display())));
        self.summary.saved = None;
        let paper = self.prefs.report.paper;
        self.report_job = Some(ReportJob::start(&self.ctx, &self.model, options, format, paper, path, then));
    }

    /// Says how the report being written turned out, once it has; a printed one opens in the viewer.
    pub(super) fn poll_report(&mut self) {
        let Some(job) = &self.report_job else { return };
        let Some(result) = job.finished() else { return };
        let then = job.then;
        self.report_job = None;
        if let Ok(path) = &result {
            self.summary.saved = Some(path.clone());
        }
        self.summary.message = Some(match (result, then) {
            (Ok(path), Then::Report) => Ok(format!("Saved {}", path.display())),
            (Ok(path), Then::Open) => match (self.opener)(&path) {
                Ok(()) => Ok(format!("Opened {} in your PDF viewer; print it from there.", path.display())),
                Err(err) => Err(format!(
                    "No PDF viewer could open {} ({err}). Open that file with any PDF viewer to print it, or \
install one (for example Evince or Okular).",
                    path.display()
                )),
            },
            (Err(err), _) => Err(err),
        });
    }

    fn copy_summary(&mut self, format: Format, options: &SummaryOptions) {
        let summary = build_summary(&self.model, options);
        let (text, name) = match format {
            Format::Markdown => (report::render_markdown(&summary), "Markdown"),
            _ => (report::render_text(&summary), "text"),
        };
        let lines = text.lines().count();
        self.clipboard = Some(text);
        self.summary.saved = None;
        self.summary.message = Some(Ok(format!("Copied the summary as {name} ({lines} lines); paste it anywhere.")));
    }
}

/// "skillgap-report-2026-11-24": a report's file name without its extension.
fn report_stem() -> String {
    format!("skillgap-report-{}", chrono::Local::now().format("%Y-%m-%d"))
}

fn print_folder() -> PathBuf {
    std::env::temp_dir().join("skillgap-print")
}
