//! Help and About: the keyboard shortcuts and the score explained (F1 or `?`), and the version with the
//! folders skillgap keeps its files in, each with a button that opens it.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::command::{Command, ViewCommand};
use crate::Weight;
use crate::score::Level;

/// The dialog shown over the window, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    Help,
    About,
}

/// Every shortcut, as Help lists it: keys, and what they do.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("F1 or ?", "this help"),
    ("Ctrl+F", "search all checklists"),
    ("Enter / Down", "in the search box: select the first result"),
    ("Escape", "in the search box: clear it"),
    ("Up / Down", "select the previous or next item (Checklists and Gaps lists)"),
    ("Space", "done, or back to to do"),
    ("L", "learning, or back to to do"),
    ("S", "skipped, or back to to do"),
    ("1 / 2 / 3 / 4", "Review: rate the chosen review Again (forgot), Hard, Good or Easy; L: back to learning"),
    ("Ctrl+N", "write a note for the selected item"),
    ("Ctrl+E", "edit the selected item's evidence link"),
    ("Page Up / Page Down, Home / End", "Summary: scroll the pages, go to the first or last"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a status, note, link or review (the status line says which)"),
    ("Ctrl+Plus / Ctrl+Minus / Ctrl+0", "zoom in / out / reset"),
    ("Ctrl+Q", "quit"),
];

const SCORE: &str = "Readiness (0-100) is a harmonic mean of the six stages' coverage (Build, Test, Ship, Run, \
Observe, Recover), so the weakest stage holds it back like a chain. A stage's coverage is the weight of its done \
items over the weight of its items that are not skipped. Learning earns no credit. The level climbs the lifecycle \
one stage at a time: a stage counts once every Core item of it in your target is done. A stage with nothing in \
your target lifts no level, and one Core item in all may stay open below the level, in a stage with another Core \
item done: the level then names it (\"Level 5: Recoverable, except: Every push runs its tests in CI\"). Next, and \
the top of Gaps, are what the next level needs; the level's hover lists them.";

/// Help: the shortcuts and the score. Closes on Escape, a click outside, or Close.
pub fn help_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.set_max_width(600.0);
        ui.heading("Keyboard shortcuts");
        egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
            for (keys, what) in SHORTCUTS {
                ui.label(RichText::new(*keys).monospace().strong());
                ui.label(*what);
                ui.end_row();
            }
        });
        ui.label(RichText::new("The letter keys act while the list has focus (click a row, or press Down).").weak());
        ui.add_space(8.0);
        ui.heading("The score");
        ui.add(egui::Label::new(SCORE).wrap());
        for level in Level::ALL {
            ui.label(format!("Level {} {}: {}", level.number(), level.name(), level.meaning()));
        }
        ui.add_space(4.0);
        ui.label(RichText::new("Weights").strong());
        for weight in Weight::ALL {
            // The meaning starts with the weight's name ("Core: a basic of the list…").
            ui.label(weight.meaning());
        }
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            commands.push(ViewCommand::CloseDialog.into());
        }
    });
    if modal.should_close() {
        commands.push(ViewCommand::CloseDialog.into());
    }
}

/// About: the version, and the data and config folders with buttons that open them.
pub fn about_ui(ctx: &egui::Context, folders: &Folders, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(format!("skillgap {}", env!("CARGO_PKG_VERSION")));
        ui.label("Which DevOps and software-engineering basics you still miss, for the whole lifecycle.");
        ui.label(RichText::new("Offline: nothing you tick leaves this computer.").weak());
        ui.add_space(8.0);
        folder_row(ui, "Your progress and projects", Some(&folders.data), commands);
        folder_row(ui, "Your checklists and settings", folders.config.as_deref(), commands);
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            commands.push(ViewCommand::CloseDialog.into());
        }
    });
    if modal.should_close() {
        commands.push(ViewCommand::CloseDialog.into());
    }
}

/// Where skillgap keeps its files, for About.
#[derive(Debug, Clone, Default)]
pub struct Folders {
    pub data: PathBuf,
    pub config: Option<PathBuf>,
}

fn folder_row(ui: &mut Ui, what: &str, folder: Option<&Path>, commands: &mut Vec<Command>) {
    ui.label(RichText::new(what).strong());
    ui.horizontal_wrapped(|ui| match folder {
        Some(folder) => {
            ui.label(RichText::new(folder.display().to_string()).monospace());
            if ui.button("Open").on_hover_text(format!("Open {} in your file manager", folder.display())).clicked() {
                commands.push(ViewCommand::Open(folder.to_path_buf()).into());
            }
        }
        None => {
            ui.label("none (no config folder on this system)");
        }
    });
}
