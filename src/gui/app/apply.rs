//! Applying the commands the frame emitted, in order, once it is drawn: every change of progress, undo
//! and redo, reloads, reports, and closing.

use std::path::PathBuf;

use super::report_job::{ReportJob, Then};
use super::{App, Closing};
use crate::gui::command::{Command, View};
use crate::gui::summary_view::build_summary;
use crate::progress::{Change, Status};
use crate::report::{self, Format, SummaryOptions};

/// One status change, as undo and redo replay it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StatusEdit {
    item: String,
    from: Status,
    to: Status,
}

impl App {
    /// Applies the commands the frame emitted, in order.
    pub(super) fn apply_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            self.apply(command);
        }
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::SetStatus { item, status } => {
                if let Some(edit) = self.set_status(item, status) {
                    self.undo.push(edit);
                    self.redo.clear();
                }
            }
            Command::SetNote { item, note } => self.change_item(item, |change| change.note = Some(note)),
            Command::SetEvidence { item, evidence } => {
                self.change_item(item, |change| change.evidence = Some(evidence));
            }
            Command::Undo => {
                if let Some(edit) = self.undo.pop()
                    && self.replay(&edit, edit.to, edit.from, true)
                {
                    self.redo.push(edit);
                }
            }
            Command::Redo => {
                if let Some(edit) = self.redo.pop()
                    && self.replay(&edit, edit.from, edit.to, false)
                {
                    self.undo.push(edit);
                }
            }
            Command::SetTarget(id) => {
                if let Err(err) = self.model.set_target(&id) {
                    let title = &self.model.target().title;
                    self.notice =
                        Some(format!("Scoring for {title} in this window, but it could not be remembered: {err}"));
                }
            }
            Command::ShowWelcome => self.welcome_open = true,
            Command::CloseWelcome => {
                self.welcome_open = false;
                self.prefs.welcome_seen = true;
            }
            Command::RetrySave => self.model.retry_save(),
            Command::ReloadIfChanged => self.model.reload_if_changed(),
            Command::ShowView(view) => self.prefs.view = view,
            Command::FocusSearch => {
                self.prefs.view = View::Checklists;
                self.checklists.focus_search = true;
                self.checklists.list.focus_requested = false;
            }
            Command::Reveal(item) => {
                self.prefs.view = View::Checklists;
                self.checklists.reveal(&self.model, item);
            }
            Command::RestoreLatestBackup => {
                self.notice = Some(match self.model.restore_latest_backup() {
                    Ok(path) => format!("Restored {}.", path.display()),
                    Err(err) => format!("Could not restore a backup: {err}"),
                });
            }
            Command::MoveAsideAndStartFresh => {
                self.notice = Some(match self.model.move_aside_and_start_fresh() {
                    Ok(path) => format!("The unreadable file was kept as {}. Starting afresh.", path.display()),
                    Err(err) => format!("Could not move the file aside: {err}"),
                });
            }
            Command::DismissNotice => self.notice = None,
            Command::DismissLoadProblems => self.load_problems.clear(),
            Command::SaveSummary { format, path, options } => self.start_report(options, format, path, Then::Report),
            Command::CopySummary { format, options } => self.copy_summary(format, &options),
            Command::PrintSummary { options } => {
                let path = std::env::temp_dir()
                    .join(format!("skillgap-report-{}.pdf", chrono::Local::now().format("%Y-%m-%d-%H%M%S")));
                self.start_report(options, Format::Pdf, path, Then::Open);
            }
            Command::CloseRequested | Command::RetrySaveAndClose | Command::DiscardAndClose | Command::KeepOpen => {
                self.apply_closing(&command);
            }
            Command::AddProject(_)
            | Command::ChangeProject(_)
            | Command::ScanProject(_)
            | Command::AcceptProposal(_)
            | Command::SaveProjectStory(_)
            | Command::EditProject { .. }
            | Command::AcceptCredit { .. } => self.apply_project_command(command),
        }
    }

    /// Changes the note or evidence of catalog item `item`.
    fn change_item(&mut self, item: usize, edit: impl FnOnce(&mut Change)) {
        if let Some(item) = self.model.catalog().items.get(item) {
            let mut change = Change { item: item.full_id.clone(), ..Change::default() };
            edit(&mut change);
            self.model.apply(&[change]);
        }
    }

    fn set_status(&mut self, item: usize, status: Status) -> Option<StatusEdit> {
        let full_id = self.model.catalog().items.get(item)?.full_id.clone();
        let from = self.model.assessment.status(item);
        if from == status || self.model.is_read_only() {
            return None;
        }
        self.model.apply(&[Change::status(full_id.clone(), status)]);
        Some(StatusEdit { item: full_id, from, to: status })
    }

    /// Sets `edit`'s item from `expected` to `status`, if it still has `expected`. If another process
    /// changed it since, that change stands: undo takes back this window's own change only (F15).
    fn replay(&mut self, edit: &StatusEdit, expected: Status, status: Status, undo: bool) -> bool {
        let Some(index) = self.model.catalog().item_index(&edit.item) else { return false };
        let now = self.model.assessment.status(index);
        if now != expected {
            let title = &self.model.catalog().items[index].title;
            let verb = if undo { "undone" } else { "redone" };
            self.notice = Some(format!(
                "Nothing {verb}: \"{title}\" was changed elsewhere since (it is now {}).",
                now.name().to_lowercase()
            ));
            self.undo.clear();
            self.redo.clear();
            return false;
        }
        self.model.apply(&[Change { undo, ..Change::status(edit.item.clone(), status) }]);
        true
    }

    fn apply_closing(&mut self, command: &Command) {
        match command {
            Command::CloseRequested if self.model.has_unsaved_changes() && self.closing != Closing::Discard => {
                self.viewport_commands.push(egui::ViewportCommand::CancelClose);
                self.closing = Closing::Confirming;
            }
            Command::RetrySaveAndClose => {
                self.model.retry_save();
                if !self.model.has_unsaved_changes() {
                    self.closing = Closing::Open;
                    self.viewport_commands.push(egui::ViewportCommand::Close);
                }
            }
            Command::DiscardAndClose => {
                self.closing = Closing::Discard;
                self.viewport_commands.push(egui::ViewportCommand::Close);
            }
            Command::KeepOpen => self.closing = Closing::Open,
            _ => {}
        }
    }

    fn start_report(&mut self, options: SummaryOptions, format: Format, path: PathBuf, then: Then) {
        self.summary.message = Some(Ok(format!("Writing {}…", path.display())));
        let paper = self.prefs.report.paper;
        self.report_job = Some(ReportJob::start(&self.model, options, format, paper, path, then));
    }

    /// Says how the report being written turned out, once it has; a printed one opens in the viewer.
    pub(super) fn poll_report(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.report_job else { return };
        let Some(result) = job.finished() else {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        };
        let then = job.then;
        self.report_job = None;
        self.summary.message = Some(match (result, then) {
            (Ok(path), Then::Report) => Ok(format!("Saved {}", path.display())),
            (Ok(path), Then::Open) => match (self.opener)(&path) {
                Ok(()) => Ok(format!("Opened {} in your PDF viewer; print it from there.", path.display())),
                Err(err) => {
                    Err(format!("Wrote {} but could not open it: {err}. Open it yourself to print.", path.display()))
                }
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
        self.summary.message = Some(Ok(format!("Copied the summary as {name} ({lines} lines); paste it anywhere.")));
    }
}
