//! The Gaps view: open items ranked by the readiness each would add, ticked straight from the list, under
//! the targets compared.

use egui::{RichText, Ui};

use super::command::Command;
use super::model::Model;
use super::widgets;
use crate::progress::Status;
use crate::project::{credits, proven_in};

const ROW_HEIGHT: f32 = 26.0;

pub fn gaps_ui(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    let catalog = model.catalog();
    ui.heading(format!("Gaps for {}", model.target().title));
    ui.label(model.assessment.explanation(catalog));
    super::targets_table::compare_ui(ui, model, commands);
    if model.assessment.gaps.is_empty() {
        ui.add_space(12.0);
        ui.label("No gaps: every applicable item is done. Keep your evidence links up to date for the summary.");
        return;
    }
    let count = model.assessment.gaps.len();
    ui.label(RichText::new(format!("{count} open items, ranked by the readiness each would add now.")).weak());
    ui.add_space(4.0);
    // A ticked item leaves the list and the next one moves under the pointer: the second click of a
    // double-click would tick it, unseen.
    let second_click = ui.input(|i| i.pointer.button_double_clicked(egui::PointerButton::Primary));
    let proven = credits(catalog, &model.progress().projects);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
        ui,
        ROW_HEIGHT,
        model.assessment.gaps.len(),
        |ui, rows| {
            for gap in &model.assessment.gaps[rows] {
                let item = &catalog.items[gap.item];
                let status = model.assessment.statuses[gap.item];
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    let mut done = status == Status::Done;
                    let enabled = !model.is_read_only();
                    let checkbox = ui.add_enabled(enabled, egui::Checkbox::without_text(&mut done));
                    checkbox
                        .widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, enabled, done, &item.title));
                    if checkbox.changed() && done && !second_click {
                        commands.push(Command::SetStatus { item: gap.item, status: Status::Done });
                    }
                    ui.label(RichText::new(format!("{:>5}", format!("+{:.1}", gap.gain))).monospace().strong())
                        .on_hover_text("Readiness points ticking this item would add");
                    widgets::stage_badge(ui, item.stage);
                    widgets::weight_badge(ui, item.weight);
                    if status == Status::Learning {
                        ui.label(RichText::new("Learning").small().color(widgets::status_color(ui, status)));
                    }
                    if ui.link(&item.title).on_hover_text("Show in Checklists").clicked() {
                        commands.push(Command::Reveal(gap.item));
                    }
                    ui.label(RichText::new(&catalog.checklists[item.checklist].title).weak().small());
                    if let Some(label) = proven_in(&proven, gap.item) {
                        ui.label(RichText::new(label).small().color(widgets::status_color(ui, Status::Done)))
                            .on_hover_text("A project's evidence proves it: accept it in Checklists");
                    }
                });
            }
        },
    );
}
