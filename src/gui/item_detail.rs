//! The detail of the item selected in Checklists: what it is (title, place, badges), its status buttons,
//! what ticking it adds, the projects that prove it, why it matters, how to prove it, where to learn it.

use egui::{RichText, Ui};

use super::command::{Command, ItemCommand};
use super::model::Model;
use super::widgets;
use crate::catalog::validate::is_http_url;
use crate::progress::Status;
use crate::project::credits;
use crate::score;

/// What the selected item is: title and place, badges, status buttons, what ticking it adds, why it
/// matters, how to prove it, and where to learn it.
pub fn item_about_ui(ui: &mut Ui, model: &Model, index: usize, commands: &mut Vec<Command>) {
    let catalog = model.catalog();
    let item = &catalog.items[index];
    let checklist = &catalog.checklists[item.checklist];
    let status = model.assessment.statuses[index];
    ui.add_space(6.0);
    ui.add(egui::Label::new(RichText::new(&item.title).heading()).wrap());
    ui.label(RichText::new(format!("{} › {}", checklist.title, checklist.sections[item.section].title)).weak());
    ui.horizontal(|ui| {
        widgets::stage_badge(ui, item.stage);
        widgets::weight_badge(ui, item.weight);
        ui.label(RichText::new(&item.full_id).weak().small());
    });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        for choice in Status::ALL {
            let enabled = !model.is_read_only();
            let button = egui::Button::selectable(status == choice, choice.name());
            if ui.add_enabled(enabled, button).clicked() && status != choice {
                commands.push(Command::set_status(item, choice));
            }
        }
    });
    proven_ui(ui, model, index, commands);
    let gain = model.assessment.gain(index);
    // Always a line here, whatever the status, so the text below does not move when the status changes.
    let target = model.target();
    let sentence = match status {
        Status::Done if target.contains(index) => format!("Done: it counts toward {}.", target.title),
        Status::Skipped => format!("Skipped: it does not count toward {}.", target.title),
        _ => score::gain_sentence(gain, target.contains(index), &target.title),
    };
    ui.label(RichText::new(sentence).weak());
    // Last practised and next review of a done item while reviews are on, on the same line as the
    // sentence of other statuses would be, so nothing below moves when the status changes.
    if let Some(planned) = model.planned(index) {
        let next = format!("{} · next review {}", super::review_view::practised_line(planned), planned.due);
        ui.label(RichText::new(next).weak());
    } else {
        ui.label(RichText::new(" ").weak());
    }
    ui.add_space(6.0);
    if !item.description.is_empty() {
        ui.label(RichText::new("Why it matters").strong());
        ui.add(egui::Label::new(&item.description).wrap());
        ui.add_space(4.0);
    }
    if !item.proof.is_empty() {
        ui.label(RichText::new("Tick it when you have").strong());
        ui.add(egui::Label::new(&item.proof).wrap());
        ui.add_space(4.0);
    }
    if !item.resources.is_empty() {
        ui.label(RichText::new("Learn it").strong());
        for link in &item.resources {
            if is_http_url(link) {
                ui.hyperlink_to(link, link);
            } else {
                ui.label(link);
            }
        }
        ui.add_space(4.0);
    }
}

/// "Proven in Tuition centre: Dockerfile" for each project whose evidence proves the skill, with a button
/// that accepts it as done while it is not: the person decides, nothing is ticked for them.
fn proven_ui(ui: &mut Ui, model: &Model, index: usize, commands: &mut Vec<Command>) {
    let projects = &model.progress().projects;
    if projects.is_empty() {
        return;
    }
    let done = model.assessment.statuses[index] == Status::Done;
    for credit in credits(model.catalog(), projects).iter().filter(|c| c.skill == index) {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Proven in {}: {}", credit.project.name, credit.evidence));
            let accept = egui::Button::new("Accept as done");
            let hint = "Marks this skill done, with the project's file as its evidence";
            if !done && ui.add_enabled(!model.is_read_only(), accept).on_hover_text(hint).clicked() {
                let (skill, project) = (model.catalog().items[index].full_id.clone(), credit.project.id.clone());
                commands.push(ItemCommand::AcceptCredit { skill, project }.into());
            }
        });
    }
}
