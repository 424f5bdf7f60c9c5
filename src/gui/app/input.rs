//! What arrives from outside a frame's widgets, turned into commands: keyboard shortcuts, the periodic
//! look for changes another process saved, and the request to close the window.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::App;
use crate::gui::command::{Command, View};
use crate::gui::gaps_view::gaps_list_id;
use crate::gui::help::Dialog;
use crate::gui::item_list::list_id;
use crate::progress::Status;

/// How often the window looks for changes another process saved.
const DISK_CHECK_SECONDS: f64 = 1.0;

impl App {
    pub(super) fn input(&mut self, ctx: &egui::Context) {
        self.keyboard(ctx);
        self.check_disk(ctx);
        if ctx.input(|i| i.viewport().close_requested()) {
            // A note typed just before closing is saved first.
            self.checklists.flush_draft(&self.model, &mut self.commands);
            self.commands.push(Command::CloseRequested);
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
                self.commands.push(Command::Redo);
            } else if !typing && input.consume_shortcut(&undo) {
                self.commands.push(Command::Undo);
            }
            if input.consume_shortcut(&find) {
                self.commands.push(Command::FocusSearch);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)) {
                self.commands.push(Command::FocusNote);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)) {
                self.commands.push(Command::FocusEvidence);
            }
            let question = !typing && input.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "?"));
            if input.consume_key(Modifiers::NONE, Key::F1) || question {
                self.commands.push(Command::ShowDialog(Dialog::Help));
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
                self.checklists.list.move_selection(delta);
                return true;
            }
            Some(ListKey::Status { status, repeat }) => (status, repeat),
        };
        let Some(item) = self.checklists.list.selected else { return true };
        if !repeat {
            let pending = self.commands.iter().rev().find_map(|command| match command {
                Command::SetStatus { item: i, status } if *i == item => Some(*status),
                _ => None,
            });
            let current = pending.unwrap_or_else(|| self.model.assessment.status(item));
            let status = if current == target { Status::Todo } else { target };
            self.commands.push(Command::SetStatus { item, status });
        }
        true
    }

    /// Applies one key of the gaps list, as [`Self::list_key`] does for the item list.
    fn gaps_key(&mut self, event: &egui::Event) -> bool {
        match ListKey::of(event) {
            None => return false,
            Some(ListKey::Move(delta)) => self.gaps.move_selection(&self.model, delta),
            Some(ListKey::Status { repeat: true, .. }) => {}
            Some(ListKey::Status { status, repeat: false }) => {
                if let Some((item, status)) = self.gaps.key_status(&self.model, status) {
                    self.commands.push(Command::SetStatus { item, status });
                }
            }
        }
        true
    }

    /// Asks for a reload once a second, unless a note or link is being typed (it would be reloaded away).
    fn check_disk(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if now - self.last_disk_check >= DISK_CHECK_SECONDS {
            self.last_disk_check = now;
            if !self.checklists.has_pending_draft() {
                self.commands.push(Command::ReloadIfChanged);
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_CHECK_SECONDS));
    }
}

/// What a key means to a list (Checklists' items, Gaps): move the selection, or toggle a status.
enum ListKey {
    Move(isize),
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
            Key::Space => Status::Done,
            Key::L => Status::Learning,
            Key::S => Status::Skipped,
            _ => return None,
        };
        Some(ListKey::Status { status, repeat })
    }
}
