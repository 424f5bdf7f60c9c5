//! Applying the commands the frame emitted, in order, once it is drawn. Each owner's commands have
//! their handler: the person's items here, projects in `projects.rs`, reports in `summary.rs`; every
//! `match` is exhaustive, so a new command cannot be forgotten.

use super::history::Subject;
use super::{App, Closing};
use crate::gui::checklist_view::DraftField;
use crate::gui::command::{AppCommand, CloseCommand, Command, ItemCommand, View, ViewCommand};
use crate::progress::{Change, Edit, Status};
use crate::project::credits;

impl App {
    /// Applies the commands the frame emitted, in order.
    pub(super) fn apply_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::Item(command) => self.apply_item(command),
                Command::Project(command) => self.apply_project_command(command),
                Command::Summary(command) => self.apply_summary_command(command),
                Command::View(command) => self.apply_view(command),
                Command::App(command) => self.apply_app(command),
            }
        }
    }

    /// A change to one of the person's items, named by full id, kept for undo.
    pub(super) fn apply_item(&mut self, command: ItemCommand) {
        let catalog = self.model.catalog();
        let (id, title) = match &command {
            ItemCommand::SetStatus { item, .. }
            | ItemCommand::SetNote { item, .. }
            | ItemCommand::SetEvidence { item, .. }
            | ItemCommand::AcceptCredit { skill: item, .. }
            | ItemCommand::Review { item, .. } => match catalog.item_index(item) {
                Some(index) => (catalog.items[index].full_id.clone(), catalog.items[index].title.clone()),
                // The item is gone from the checklists since the click: nothing to change.
                None => return,
            },
        };
        let subject = Subject::Item(id.clone());
        let base = Change { item: id.clone(), ..Change::default() };
        let (what, change) = match command {
            ItemCommand::SetStatus { status, .. } => {
                let catalog = self.model.catalog();
                // Looked up with the item's aliases, as the list shows it.
                let from = catalog.item_index(&id).map_or_else(Status::default, |i| self.model.assessment.status(i));
                let what = format!("{title}: {} -> {}", from.name().to_lowercase(), status.name().to_lowercase());
                (what, Change::status(id, status))
            }
            ItemCommand::SetNote { note, .. } => (format!("the note of {title}"), Change { note: Some(note), ..base }),
            ItemCommand::SetEvidence { evidence, .. } => {
                (format!("the evidence link of {title}"), Change { evidence: Some(evidence), ..base })
            }
            ItemCommand::AcceptCredit { project, .. } => {
                let (catalog, progress) = (self.model.catalog(), self.model.progress());
                let Some(index) = catalog.item_index(&id) else { return };
                let credit = credits(catalog, &progress.projects)
                    .into_iter()
                    .find(|c| c.skill == index && c.project.id == project);
                let Some(credit) = credit else { return };
                let what = format!("{title}: done, proven in {}", credit.project.name);
                (what, credit.accept(progress.get(&catalog.items[index]), &id))
            }
            ItemCommand::Review { rating, .. } => {
                (format!("the review of {title} ({rating})"), Change::review(id, rating))
            }
        };
        self.change(what, &subject, &[Edit::Item(change)]);
    }

    /// Where the person looks: views, focus, dialogs, messages.
    fn apply_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::Show(view) => self.prefs.view = view,
            ViewCommand::FocusNote => self.focus_field(DraftField::Note),
            ViewCommand::FocusEvidence => self.focus_field(DraftField::Evidence),
            ViewCommand::FocusSearch => {
                self.prefs.view = View::Checklists;
                self.checklists.focus_search();
            }
            ViewCommand::Reveal(id) => {
                if let Some(index) = self.model.catalog().item_index(&id) {
                    self.prefs.view = View::Checklists;
                    self.checklists.reveal(&self.model, index);
                }
            }
            ViewCommand::ShowDialog(dialog) => self.overlays.dialog = Some(dialog),
            ViewCommand::CloseDialog => self.overlays.dialog = None,
            ViewCommand::ShowWelcome => self.overlays.welcome = true,
            ViewCommand::CloseWelcome => {
                self.overlays.welcome = false;
                self.prefs.welcome_seen = true;
            }
            ViewCommand::DismissNotice => {
                self.messages.notice = None;
                self.history.message = None;
            }
            ViewCommand::DismissLoadProblems => self.messages.load_problems.clear(),
            ViewCommand::Open(path) => {
                if let Err(err) = (self.opener)(&path) {
                    self.messages.notice = Some(format!("Could not open {}: {err}", path.display()));
                }
            }
        }
    }

    fn focus_field(&mut self, field: DraftField) {
        self.prefs.view = View::Checklists;
        self.checklists.focus_field(field);
    }

    /// The app as a whole: the target, undo, the progress file, the checklists, closing.
    fn apply_app(&mut self, command: AppCommand) {
        match command {
            AppCommand::SetTarget(id) => {
                if let Err(err) = self.model.set_target(&id) {
                    let title = &self.model.target().title;
                    self.messages.notice =
                        Some(format!("Scoring for {title} in this window, but it could not be remembered: {err}"));
                }
            }
            AppCommand::SetReviews(enabled) => {
                if let Err(err) = self.model.set_reviews(enabled) {
                    self.messages.notice = Some(format!("Could not change the review setting: {err}"));
                }
            }
            AppCommand::Undo => self.undo(),
            AppCommand::Redo => self.redo(),
            AppCommand::RetrySave => self.model.retry_save(),
            AppCommand::ReloadChecklists => self.reload_checklists(true),
            AppCommand::RestoreLatestBackup => {
                self.messages.notice = Some(match self.model.restore_latest_backup() {
                    Ok(path) => format!("Restored {}.", path.display()),
                    Err(err) => format!("Could not restore a backup: {err}"),
                });
            }
            AppCommand::MoveAsideAndStartFresh => {
                self.messages.notice = Some(match self.model.move_aside_and_start_fresh() {
                    Ok(path) => format!("The unreadable file was kept as {}. Starting afresh.", path.display()),
                    Err(err) => format!("Could not move the file aside: {err}"),
                });
            }
            AppCommand::ConfirmSave(go_on) => self.confirm_save(go_on),
            AppCommand::Close(command) => self.apply_closing(command),
        }
    }

    fn apply_closing(&mut self, command: CloseCommand) {
        match command {
            CloseCommand::Requested => {
                if self.model.has_unsaved_changes() && self.overlays.closing != Closing::Discard {
                    self.outbox.viewport.push(egui::ViewportCommand::CancelClose);
                    self.overlays.closing = Closing::Confirming;
                } else if self.jobs.report.is_some() {
                    // The report asked for is finished first; the window closes when it is on disk.
                    self.outbox.viewport.push(egui::ViewportCommand::CancelClose);
                    self.overlays.closing = Closing::AfterReport;
                }
            }
            CloseCommand::RetrySaveAndClose => {
                self.model.retry_save();
                if !self.model.has_unsaved_changes() {
                    self.overlays.closing = Closing::Open;
                    self.outbox.viewport.push(egui::ViewportCommand::Close);
                }
            }
            CloseCommand::DiscardAndClose => {
                self.overlays.closing = Closing::Discard;
                self.outbox.viewport.push(egui::ViewportCommand::Close);
            }
            CloseCommand::KeepOpen => self.overlays.closing = Closing::Open,
        }
    }
}
