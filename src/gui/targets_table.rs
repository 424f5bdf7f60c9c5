//! The targets side by side: readiness, level and what each needs next over the same progress (the
//! articles' "developer vs DevOps engineer" comparison, on the person's own ticks). Shown in the Gaps view.

use egui::{RichText, Ui};

use super::command::{AppCommand, Command};
use super::model::Model;

pub fn compare_ui(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    let active = &model.target().id;
    egui::CollapsingHeader::new(format!("Compare the {} targets", model.targets.len()))
        .id_salt("compare-targets")
        // Open at first where there is room; in a low window the gaps list needs it more.
        .default_open(ui.ctx().content_rect().height() >= 860.0)
        .show(ui, |ui| {
            egui::Grid::new("targets-table").striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
                for heading in ["Target", "Readiness", "Level", "Done", "Next"] {
                    ui.label(RichText::new(heading).strong());
                }
                ui.end_row();
                for row in &model.targets {
                    let chosen = row.id == *active;
                    let title = ui.add(egui::Button::selectable(chosen, &row.title)).on_hover_text(&row.description);
                    if title.clicked() && !chosen {
                        commands.push(AppCommand::SetTarget(row.id.clone()).into());
                    }
                    ui.label(format!("{:.0}/100", row.readiness));
                    ui.label(format!("{} {}", row.level.number(), row.level.name())).on_hover_text(row.level.meaning());
                    ui.label(format!("{} of {}", row.done, row.applicable));
                    match row.next {
                        Some(item) => {
                            let title = &model.catalog().items[item].title;
                            if ui.link(title).on_hover_text("Show in Checklists").clicked() {
                                commands.push(Command::reveal(&model.catalog().items[item]));
                            }
                        }
                        None => {
                            ui.label("nothing: all done");
                        }
                    }
                    ui.end_row();
                }
            });
            ui.label(
                RichText::new("Click a target to score for it; ticks count for every target they belong to.").weak(),
            );
        });
}
