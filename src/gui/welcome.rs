//! The welcome: on first start, and from Help, it says what skillgap measures (the six stages, from
//! laptop to recovery), lets the person pick a target with a line on who each is for, and names where to
//! start (the first three gaps of that target).

use egui::{RichText, Ui};

use super::command::{AppCommand, Command, ViewCommand};
use super::model::Model;
use super::widgets;
use crate::Stage;

const THESIS: &str = "A project is not done when it runs on localhost; it is done when it is deployed, monitored, \
and able to recover when something goes wrong. skillgap shows which basics of that whole lifecycle you still miss.";

/// Draws the welcome as a modal over the window; Escape, a click outside or "Start" closes it.
pub fn welcome_ui(ctx: &egui::Context, model: &Model, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("welcome")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.heading("Welcome to skillgap");
        ui.add(egui::Label::new(THESIS).wrap());
        ui.add_space(8.0);
        stages_ui(ui);
        ui.add_space(8.0);
        targets_ui(ui, model, commands);
        ui.add_space(8.0);
        first_steps_ui(ui, model, commands);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Start").strong()).clicked() {
                commands.push(ViewCommand::CloseWelcome.into());
            }
            ui.label(RichText::new("Reopen this from Help in the top bar.").weak());
        });
    });
    if modal.should_close() {
        commands.push(ViewCommand::CloseWelcome.into());
    }
}

fn stages_ui(ui: &mut Ui) {
    ui.label(RichText::new("Six stages, from your laptop to recovery").strong());
    egui::Grid::new("welcome-stages").num_columns(2).spacing([8.0, 3.0]).show(ui, |ui| {
        for stage in Stage::ALL {
            widgets::stage_badge(ui, stage);
            let meaning = stage.meaning().split_once(": ").map_or(stage.meaning(), |(_, rest)| rest);
            ui.add(egui::Label::new(meaning).wrap());
            ui.end_row();
        }
    });
    ui.label(
        RichText::new(
            "Readiness (0-100) rises with every item you tick, and the weakest stage holds it back. Levels climb \
the stages in order: a stage counts once its Core items are done.",
        )
        .weak(),
    );
}

fn targets_ui(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    ui.label(RichText::new("What are you aiming at?").strong());
    let active = model.target();
    for row in &model.targets {
        let chosen = row.id == active.id;
        // The first sentence is the one line on who the target is for.
        let who = row.description.split_inclusive(". ").next().unwrap_or_default().trim();
        ui.horizontal_wrapped(|ui| {
            if ui.radio(chosen, RichText::new(&row.title).strong()).clicked() && !chosen {
                commands.push(AppCommand::SetTarget(row.id.clone()).into());
            }
            ui.label(RichText::new(who).weak());
        });
    }
}

fn first_steps_ui(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    let gaps = &model.assessment.gaps;
    if gaps.is_empty() {
        return;
    }
    ui.label(RichText::new("Where to start").strong());
    for gap in gaps.iter().take(3) {
        let item = &model.catalog().items[gap.item];
        ui.horizontal(|ui| {
            widgets::stage_badge(ui, item.stage);
            if ui.link(&item.title).on_hover_text("Show it in the list").clicked() {
                commands.push(ViewCommand::CloseWelcome.into());
                commands.push(Command::reveal(item));
            }
            ui.label(RichText::new(format!("+{:.1}", gap.gain)).weak());
        });
    }
}
