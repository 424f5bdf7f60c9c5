//! The window's chrome around the views: the top bar (views, theme), the banners (read-only, failed
//! save, failed reload, skipped checklists, notices), the status line, and the close dialog. It only
//! draws and emits commands.

use egui::{RichText, Ui};

use super::{App, Closing};
use crate::gui::command::{AppCommand, CloseCommand, Command, View, ViewCommand};
use crate::gui::help::Dialog;
use crate::gui::model::{Access, SaveState};
use crate::store::BackupOffer;

impl App {
    pub(super) fn top_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("skillgap").strong().size(16.0));
            ui.add_space(12.0);
            for view in View::ALL {
                if ui.add(egui::Button::selectable(self.prefs.view == view, view.name())).clicked() {
                    self.commands.push(ViewCommand::Show(view).into());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                theme_ui(ui);
                ui.menu_button("Help", |ui| self.help_menu_ui(ui));
            });
        });
    }

    fn help_menu_ui(&mut self, ui: &mut Ui) {
        let entries = [
            ("Keyboard shortcuts and the score   F1", ViewCommand::ShowDialog(Dialog::Help).into()),
            ("Welcome: the stages, targets, where to start", ViewCommand::ShowWelcome.into()),
            ("Open the data folder", ViewCommand::Open(self.model.tracker().store().dir().to_path_buf()).into()),
            ("Reload checklists (after editing one)", AppCommand::ReloadChecklists.into()),
        ];
        for (label, command) in entries as [(&str, Command); 4] {
            if ui.button(label).clicked() {
                self.commands.push(command);
            }
        }
        if let Some(config) = &self.config_dir
            && ui.button("Open the config folder (your checklists)").clicked()
        {
            self.commands.push(ViewCommand::Open(config.clone()).into());
        }
        ui.separator();
        if ui.button("About skillgap").clicked() {
            self.commands.push(ViewCommand::ShowDialog(Dialog::About).into());
        }
    }

    /// Whether there is a message to show above the status line.
    pub(super) fn has_banners(&self) -> bool {
        let model = &self.model;
        model.is_read_only()
            || matches!(model.save_state, SaveState::Failed(_))
            || model.reload_error.is_some()
            || !self.messages.load_problems.is_empty()
            || self.messages.notice.is_some()
            || self.history.message.is_some()
    }

    pub(super) fn banners_ui(&mut self, ui: &mut Ui) {
        let (model, commands) = (&self.model, &mut self.commands);
        if let Access::ReadOnly { reason, backup, others_journal } = &model.access {
            if *others_journal {
                let title = "Read-only: another machine's journal has a line that cannot be read";
                let data = model.tracker().store().dir().to_path_buf();
                error_banner(ui, title, reason, commands, |ui, commands| others_journal_choices(ui, data, commands));
            } else {
                let title = "Read-only: your progress could not be read";
                error_banner(ui, title, reason, commands, |ui, commands| {
                    read_only_choices(ui, backup.as_ref(), commands)
                });
            }
        } else if let SaveState::Failed(reason) = &model.save_state {
            error_banner(ui, "Your last change could not be saved", reason, commands, |ui, commands| {
                ui.label("It is kept in this window: fix the cause, then Retry saves it.");
                if ui.button("Retry").clicked() {
                    commands.push(AppCommand::RetrySave.into());
                }
            });
        } else if let Some(reason) = &model.reload_error {
            let title = "Your progress file changed on disk and could not be read again";
            error_banner(ui, title, reason, commands, |ui, _| {
                ui.label(
                    "It was left untouched, and nothing is saved over it. The window shows the progress as last \
read and tries again every second; fix or restore the file (skillgap backups, skillgap restore FILE).",
                );
            });
        }
        if !self.messages.load_problems.is_empty() {
            egui::Frame::new()
                .fill(ui.visuals().warn_fg_color.gamma_multiply(0.12))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    self.load_problems_ui(ui);
                });
        }
        if let Some(message) = &self.history.message {
            // What undo or redo did, where the eye is drawn: it changed something the person may not see.
            egui::Frame::new()
                .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
                .stroke(ui.visuals().selection.stroke)
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(message).strong());
                        if ui.button("Dismiss").clicked() {
                            self.commands.push(ViewCommand::DismissNotice.into());
                        }
                    });
                });
        }
        if let Some(notice) = &self.messages.notice {
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::Label::new(notice).wrap());
                if ui.small_button("Dismiss message").clicked() {
                    self.commands.push(ViewCommand::DismissNotice.into());
                }
            });
        }
    }

    /// The skipped checklist files, each at file:line:col, with what a checklist file looks like: the
    /// person fixes it in an editor, and the window loads it again by itself (or on Reload).
    fn load_problems_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("Some checklist files were skipped; the others loaded").strong());
        for problem in &self.messages.load_problems {
            ui.add(egui::Label::new(problem).wrap());
        }
        ui.collapsing("What a checklist file looks like", |ui| {
            ui.label(CHECKLIST_FORMAT_HELP);
            ui.add(egui::Label::new(RichText::new(CHECKLIST_EXAMPLE).monospace()).wrap());
        });
        ui.horizontal(|ui| {
            let reload = ui.button("Reload checklists");
            if reload
                .on_hover_text("Load the checklist files again now (it also happens by itself after a save)")
                .clicked()
            {
                self.commands.push(AppCommand::ReloadChecklists.into());
            }
            if let Some(config) = &self.config_dir
                && ui.button("Open the config folder").clicked()
            {
                self.commands.push(ViewCommand::Open(config.join("checklists")).into());
            }
            if ui.button("Dismiss").clicked() {
                self.commands.push(ViewCommand::DismissLoadProblems.into());
            }
        });
    }

    pub(super) fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let path = self.model.tracker().store().dir();
            match (&self.model.save_state, self.model.has_unsaved_changes()) {
                (_, true) => ui.colored_label(ui.visuals().error_fg_color, "Not saved"),
                (SaveState::Saved(at), false) => ui.label(format!("Saved {}", at.format("%H:%M:%S"))),
                _ if self.model.is_read_only() => ui.colored_label(ui.visuals().warn_fg_color, "Read-only"),
                _ => ui.label("All changes saved"),
            };
            ui.label(RichText::new(path.display().to_string()).weak().small());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (undo, redo) = self.history.counts();
                let keys = format!("Undo: Ctrl+Z ({undo})  Redo: Ctrl+Shift+Z ({redo})");
                ui.label(RichText::new(keys).weak().small());
            });
        });
    }

    /// The dialog shown when the window is asked to close while changes are not saved.
    pub(super) fn close_dialog_ui(&mut self, ctx: &egui::Context) {
        if self.overlays.closing == Closing::AfterReport {
            egui::Modal::new(egui::Id::unique("closing-after-report")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.heading("Finishing the report");
                ui.label("The window closes as soon as the report being written is on disk.");
                ui.spinner();
            });
        }
        if self.overlays.closing != Closing::Confirming {
            return;
        }
        egui::Modal::new(egui::Id::unique("confirm-close")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Some changes are not saved");
            ui.label("skillgap could not save your latest changes. If you close now, they are lost.");
            if let SaveState::Failed(reason) = &self.model.save_state {
                ui.add(egui::Label::new(RichText::new(reason).weak()).wrap());
            }
            ui.horizontal(|ui| {
                let choices = [
                    ("Retry save", CloseCommand::RetrySaveAndClose),
                    ("Discard and close", CloseCommand::DiscardAndClose),
                    ("Keep open", CloseCommand::KeepOpen),
                ];
                for (label, command) in choices {
                    if ui.button(label).clicked() {
                        self.commands.push(AppCommand::Close(command).into());
                    }
                }
            });
        });
    }
}

const CHECKLIST_FORMAT_HELP: &str = "One checklist per .ron file: an id (lowercase letters, digits and \
dashes), a title, and sections of items. Each item needs an id, a title and a stage (Build, Test, Ship, Run, \
Observe or Recover); weight (Core, Recommended, Advanced), description, proof and resources (http or https \
links) may be left out. Fix the file in an editor and save it: the window loads it again within a second. \
`skillgap check FILE` checks one from a terminal; the README's Checklists section has the whole format.";

const CHECKLIST_EXAMPLE: &str = r#"(
    id: "my-list",
    title: "My list",
    sections: [
        (id: "basics", title: "Basics", items: [
            (id: "first", title: "Do the first thing", stage: Build, weight: Core),
        ]),
    ],
)"#;

/// What the person can do about a progress file that does not read, and what the latest backup holds.
fn read_only_choices(ui: &mut Ui, backup: Option<&BackupOffer>, commands: &mut Vec<Command>) {
    ui.label(
        "The file was left untouched, and nothing is saved until you choose. The lists show the checklists \
without your progress: it is not lost.",
    );
    let offer = match backup {
        Some(offer) => {
            let name = offer.backup.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let saved = offer.backup.modified.map(|at| at.with_timezone(&chrono::Local).format(" %Y-%m-%d %H:%M"));
            let saved = saved.map(|at| format!(", saved{at}")).unwrap_or_default();
            let items = if offer.done == 1 { "item" } else { "items" };
            format!("Latest backup: {name}{saved}, {} {items} done.", offer.done)
        }
        None => "No backup reads, so there is none to restore.".to_owned(),
    };
    ui.horizontal_wrapped(|ui| {
        let restore = ui.add_enabled(backup.is_some(), egui::Button::new("Restore latest backup"));
        if restore.on_hover_text("Your file is kept as a backup first").clicked() {
            commands.push(AppCommand::RestoreLatestBackup.into());
        }
        ui.label(offer);
    });
    let fresh = ui.button("Move it aside and start fresh");
    if fresh.on_hover_text("The unreadable file is renamed and kept beside the new, empty one").clicked() {
        commands.push(AppCommand::MoveAsideAndStartFresh.into());
    }
}

/// What a person can do about another machine's damaged journal: fix the line. It is never moved aside
/// nor restored over, as a sync tool would pass that on and that machine's later changes would be lost.
fn others_journal_choices(ui: &mut Ui, data: std::path::PathBuf, commands: &mut Vec<Command>) {
    ui.label(
        "skillgap will not move it aside or restore over it: a sync tool would pass that on, and that machine's \
later changes would be lost. Undo the edit that damaged the line, here or on that machine, then open skillgap again.",
    );
    if ui.button("Open the data folder").clicked() {
        commands.push(ViewCommand::Open(data).into());
    }
}

/// A framed error message: a bold title, the reason, and the actions `actions` adds.
fn error_banner(
    ui: &mut Ui,
    title: &str,
    reason: &str,
    commands: &mut Vec<Command>,
    actions: impl FnOnce(&mut Ui, &mut Vec<Command>),
) {
    egui::Frame::new()
        .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
        .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
        .corner_radius(6)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.label(RichText::new(title).strong());
            ui.add(egui::Label::new(reason).wrap());
            actions(ui, commands);
        });
}

fn theme_ui(ui: &mut Ui) {
    let mut theme = ui.ctx().options(|o| o.theme_preference);
    let before = theme;
    let combo = egui::ComboBox::from_id_salt("theme").selected_text(theme_name(theme)).show_ui(ui, |ui| {
        for choice in [egui::ThemePreference::System, egui::ThemePreference::Light, egui::ThemePreference::Dark] {
            ui.selectable_value(&mut theme, choice, theme_name(choice));
        }
    });
    combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Theme"));
    ui.label("Theme");
    if theme != before {
        ui.ctx().set_theme(theme);
    }
}

fn theme_name(theme: egui::ThemePreference) -> &'static str {
    match theme {
        egui::ThemePreference::System => "Follow system",
        egui::ThemePreference::Light => "Light",
        egui::ThemePreference::Dark => "Dark",
    }
}
