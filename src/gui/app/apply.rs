//! Applying the commands the frame emitted, in order, once it is drawn: every change of progress, undo
//! and redo, reloads, reports, and closing.

use super::{App, Closing};
use crate::gui::checklist_view::DraftField;
use crate::gui::command::{Command, View};
use crate::progress::{Change, Status};

/// One change this window made to an item, as undo and redo replay it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ItemEdit {
    item: String,
    from: ItemValue,
    to: ItemValue,
}

/// The part of an item's progress an edit changed, with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ItemValue {
    Status(Status),
    Note(String),
    Evidence(String),
}

impl ItemValue {
    /// The change that gives `item` this value; `undo` keeps a taken-back status out of the history.
    fn change(&self, item: &str, undo: bool) -> Change {
        let base = Change { item: item.to_owned(), ..Change::default() };
        match self {
            ItemValue::Status(status) => Change { undo, ..Change::status(item.to_owned(), *status) },
            ItemValue::Note(note) => Change { note: Some(note.clone()), ..base },
            ItemValue::Evidence(link) => Change { evidence: Some(link.clone()), ..base },
        }
    }

    /// "Restore a backup -> done", "the note of Restore a backup", for the status line.
    fn describe(&self, title: &str) -> String {
        match self {
            ItemValue::Status(status) => format!("{title} -> {}", status.name().to_lowercase()),
            ItemValue::Note(_) => format!("the note of {title}"),
            ItemValue::Evidence(_) => format!("the evidence link of {title}"),
        }
    }
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
            Command::SetStatus { item, status } => self.edit_item(item, ItemValue::Status(status)),
            Command::SetNote { item, note } => self.edit_item(item, ItemValue::Note(note)),
            Command::SetEvidence { item, evidence } => self.edit_item(item, ItemValue::Evidence(evidence)),
            Command::Undo => {
                if let Some(edit) = self.undo.pop()
                    && self.replay(&edit, &edit.to, &edit.from, true)
                {
                    self.redo.push(edit);
                }
            }
            Command::Redo => {
                if let Some(edit) = self.redo.pop()
                    && self.replay(&edit, &edit.from, &edit.to, false)
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
            Command::ReloadIfChanged => {
                self.model.reload_if_changed();
                self.reload_checklists(false);
            }
            Command::ReloadChecklists => self.reload_checklists(true),
            Command::ShowView(view) => self.prefs.view = view,
            Command::FocusNote | Command::FocusEvidence => {
                self.prefs.view = View::Checklists;
                let field = if command == Command::FocusNote { DraftField::Note } else { DraftField::Evidence };
                self.checklists.focus_field = Some(field);
            }
            Command::ShowDialog(dialog) => self.dialog = Some(dialog),
            Command::CloseDialog => self.dialog = None,
            Command::Open(folder) => {
                if let Err(err) = (self.opener)(&folder) {
                    self.notice = Some(format!("Could not open {}: {err}", folder.display()));
                }
            }
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
            Command::SaveSummary { .. }
            | Command::SaveSummaryAs { .. }
            | Command::ChooseReportFolder
            | Command::ConfirmSave(_)
            | Command::CopySummary { .. }
            | Command::PrintSummary { .. } => self.apply_summary_command(command),
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

    /// What catalog item `index` has now, of the part `like` names.
    fn current(&self, index: usize, like: &ItemValue) -> ItemValue {
        let item = &self.model.catalog().items[index];
        let stored = self.model.progress().get(item);
        match like {
            ItemValue::Status(_) => ItemValue::Status(self.model.assessment.status(index)),
            ItemValue::Note(_) => ItemValue::Note(stored.map(|p| p.note.clone()).unwrap_or_default()),
            ItemValue::Evidence(_) => ItemValue::Evidence(stored.map(|p| p.evidence.clone()).unwrap_or_default()),
        }
    }

    /// Gives catalog item `index` the value `to`, and keeps the edit for undo.
    fn edit_item(&mut self, index: usize, to: ItemValue) {
        let Some(item) = self.model.catalog().items.get(index) else { return };
        let item = item.full_id.clone();
        let from = self.current(index, &to);
        if from == to || self.model.is_read_only() {
            return;
        }
        self.model.apply(&[to.change(&item, false)]);
        self.undo.push(ItemEdit { item, from, to });
        self.redo.clear();
    }

    /// Sets `edit`'s item from `expected` to `value`, if it still has `expected`, says what was done
    /// and selects the item. If another process changed it since, that change stands: undo takes back
    /// this window's own change only (F15).
    fn replay(&mut self, edit: &ItemEdit, expected: &ItemValue, value: &ItemValue, undo: bool) -> bool {
        let Some(index) = self.model.catalog().item_index(&edit.item) else { return false };
        let title = self.model.catalog().items[index].title.clone();
        let now = self.current(index, expected);
        if now != *expected {
            let verb = if undo { "undone" } else { "redone" };
            self.notice = Some(format!("Nothing {verb}: {} was changed elsewhere since.", expected.describe(&title)));
            self.undo.clear();
            self.redo.clear();
            return false;
        }
        self.model.apply(&[value.change(&edit.item, undo)]);
        self.last_action = Some(format!("{}: {}", if undo { "Undid" } else { "Redid" }, value.describe(&title)));
        self.checklists.reveal(&self.model, index);
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
}
