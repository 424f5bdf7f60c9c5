//! What arrives from outside a frame's widgets: keyboard shortcuts and the request to close the window,
//! turned into commands (the lists' arrow keys move their selection at once), and the periodic look for
//! changes another process saved, read once the frame's commands are applied.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::App;
use crate::gui::command::{AppCommand, CloseCommand, Command, ItemCommand, ProjectCommand, View, ViewCommand};
use crate::gui::gaps_view::gaps_list_id;
use crate::gui::help::Dialog;
use crate::gui::item_list::list_id;
use crate::progress::Status;
use crate::project::NewProject;

/// How often the window looks for changes another process saved.
const DISK_CHECK_SECONDS: f64 = 1.0;

impl App {
    pub(super) fn input(&mut self, ctx: &egui::Context) {
        self.keyboard(ctx);
        self.dropped_folders(ctx);
        if ctx.input(|i| i.viewport().close_requested()) {
            // A note typed just before closing is saved first.
            self.checklists.flush_draft(&self.model, &mut self.commands);
            self.commands.push(AppCommand::Close(CloseCommand::Requested).into());
        }
    }

    /// A folder dropped on the window is added as a project, named after the folder (M8).
    fn dropped_folders(&mut self, ctx: &egui::Context) {
        let dropped: Vec<std::path::PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|file| file.path().to_path_buf()).collect());
        for folder in dropped.into_iter().filter(|path| path.is_dir()) {
            let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let project = NewProject { name, folder: folder.display().to_string(), ..NewProject::default() };
            self.commands.push(ViewCommand::Show(View::Projects).into());
            self.commands.push(ProjectCommand::Add(project).into());
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let typing = ctx.text_edit_focused();
        let list_focused = ctx.memory(|memory| memory.has_focus(list_id()));
        let gaps_focused = ctx.memory(|memory| memory.has_focus(gaps_list_id()));
        ctx.input_mut(|input| {
            // Redo first: its shortcut contains undo's.
            if input.consume_shortcut(&redo) {
                self.commands.push(AppCommand::Redo.into());
            } else if !typing && input.consume_shortcut(&undo) {
                self.commands.push(AppCommand::Undo.into());
            }
            if input.consume_shortcut(&find) {
                self.commands.push(ViewCommand::FocusSearch.into());
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)) {
                self.commands.push(ViewCommand::FocusNote.into());
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                self.commands.push(ViewCommand::FocusEvidence.into());
            }
            let question = !typing && input.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "?"));
            if input.consume_key(Modifiers::NONE, Key::F1) || question {
                self.commands.push(ViewCommand::ShowDialog(Dialog::Help).into());
            }
            if list_focused && self.prefs.view == View::Checklists {
                input.events.retain(|event| !self.list_key(event));
            }
            if gaps_focused && self.prefs.view == View::Gaps {
                input.events.retain(|event| !self.gaps_key(event));
            }
        });
    }

    /// Applies one key of the item list, in the order typed (F9), and says whether it was one. A status
    /// key toggles from the status the earlier keys of the frame left, and a held key's repeats change
    /// nothing.
    fn list_key(&mut self, event: &egui::Event) -> bool {
        let (target, repeat) = match ListKey::of(event) {
            None => return false,
            Some(ListKey::Move(delta)) => {
                self.checklists.move_selection(delta);
                return true;
            }
            Some(ListKey::ClearSearch) => return self.checklists.clear_search(),
            Some(ListKey::Status { status, repeat }) => (status, repeat),
        };
        let Some(index) = self.checklists.selected() else { return true };
        if !repeat {
            let id = &self.model.catalog().items[index].full_id;
            let pending = self.commands.iter().rev().find_map(|command| match command {
                Command::Item(ItemCommand::SetStatus { item, status }) if item == id => Some(*status),
                _ => None,
            });
            let current = pending.unwrap_or_else(|| self.model.assessment.status(index));
            let status = if current == target { Status::Todo } else { target };
            self.commands.push(Command::set_status(&self.model.catalog().items[index], status));
        }
        true
    }

    /// Applies one key of the gaps list, as [`Self::list_key`] does for the item list.
    fn gaps_key(&mut self, event: &egui::Event) -> bool {
        match ListKey::of(event) {
            None => return false,
            Some(ListKey::Move(delta)) => self.gaps.move_selection(&self.model, delta),
            Some(ListKey::ClearSearch) => return false,
            Some(ListKey::Status { repeat: true, .. }) => {}
            Some(ListKey::Status { status, repeat: false }) => {
                if let Some((item, status)) = self.gaps.key_status(&self.model, status) {
                    self.commands.push(Command::set_status(&self.model.catalog().items[item], status));
                }
            }
        }
        true
    }

    /// Once a second, reads what another process saved and the checklist files that changed, unless a
    /// note or link is being typed (it would be reloaded away). Called after the frame's commands are
    /// applied, never between the drawing and the applying.
    pub(super) fn check_disk(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if now - self.last_disk_check >= DISK_CHECK_SECONDS {
            self.last_disk_check = now;
            if !self.checklists.has_pending_draft() {
                self.model.reload_if_changed();
                self.reload_checklists(false);
                self.model.replan_when_due();
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_CHECK_SECONDS));
    }
}

/// What a key means to a list (Checklists' items, Gaps): move the selection, or toggle a status.
enum ListKey {
    Move(isize),
    /// Escape: the search is cleared, so the next one starts afresh.
    ClearSearch,
    /// `repeat`: a held key's repeat, which changes nothing.
    Status {
        status: Status,
        repeat: bool,
    },
}

impl ListKey {
    fn of(event: &egui::Event) -> Option<ListKey> {
        let egui::Event::Key { key, pressed: true, repeat, modifiers, .. } = *event else { return None };
        if modifiers.any() {
            return None;
        }
        let status = match key {
            Key::ArrowDown => return Some(ListKey::Move(1)),
            Key::ArrowUp => return Some(ListKey::Move(-1)),
            Key::Escape => return Some(ListKey::ClearSearch),
            Key::Space => Status::Done,
            Key::L => Status::Learning,
            Key::S => Status::Skipped,
            _ => return None,
        };
        Some(ListKey::Status { status, repeat })
    }
}
