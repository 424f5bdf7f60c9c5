//! The readiness header: the target it is for (a selector that also compares every target), the score,
//! the level, a bar per stage, and the sentence that explains it.

use egui::{RichText, Ui};

use super::command::Command;
use super::model::Model;
use super::widgets;
use crate::Stage;
use crate::report::percent_label;

const READINESS_HELP: &str = "Readiness for the active target, 0 to 100: a harmonic mean of the six stage \
coverages, so the weakest stage holds it back. Every item you tick raises it; 100 means every item of the target \
is done (or skipped).";

pub fn header_ui(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    let score = &model.assessment.score;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_min_width(170.0);
            target_selector(ui, model, commands);
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{:.0}", score.readiness)).size(44.0).strong())
                    .on_hover_text(READINESS_HELP);
                ui.label(RichText::new("/100\nreadiness").weak()).on_hover_text(READINESS_HELP);
            });
            let level = format!("Level {}: {}", score.level.number(), score.level.name());
            ui.label(RichText::new(level).strong()).on_hover_text(format!(
                "{}\n{}",
                score.level.meaning(),
                score.level.next_step()
            ));
        });
        ui.separator();
        egui::Grid::new("stage-bars").num_columns(3).spacing([8.0, 2.0]).show(ui, |ui| {
            for stage in Stage::ALL {
                let stage_score = score.stage(stage);
                let is_limiting = score.limiting == Some(stage);
                let name = RichText::new(stage.name());
                ui.label(if is_limiting { name.strong() } else { name }).on_hover_text(stage.meaning());
                let fraction = stage_score.coverage().unwrap_or(0.0) as f32;
                widgets::bar(ui, fraction, 160.0, widgets::stage_color(stage)).on_hover_text(format!(
                    "{}: {} of {} applicable items done, {} learning",
                    stage.name(),
                    stage_score.done,
                    stage_score.applicable,
                    stage_score.learning
                ));
                ui.label(percent_label(stage_score.percent()));
                ui.end_row();
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} of {} applicable items done ({:.0}%)",
                    score.done,
                    score.applicable,
                    score.overall_percent()
                ))
                .strong(),
            );
            ui.add(egui::Label::new(model.assessment.explanation(model.catalog())).wrap());
            ui.label(RichText::new(score.level.next_step()).weak());
        });
    });
}

/// "Readiness for [Developer who ships v]": choosing a target rescores everything for it. The list shows
/// each target's readiness and level, so it doubles as the side-by-side comparison.
fn target_selector(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    let active = model.target();
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("Readiness for").weak());
        let combo = egui::ComboBox::from_id_salt("active-target").selected_text(&active.title).show_ui(ui, |ui| {
            for row in &model.targets {
                let text = format!("{}   {:.0}/100, Level {}", row.title, row.readiness, row.level.number());
                let chosen = row.id == active.id;
                let next = row.next.map_or("nothing: all done", |item| model.catalog().items[item].title.as_str());
                let help = format!("{}\n{} of {} done. Next: {next}", row.description, row.done, row.applicable);
                if ui.add(egui::Button::selectable(chosen, text)).on_hover_text(help).clicked() && !chosen {
                    commands.push(Command::SetTarget(row.id.clone()));
                }
            }
        });
        combo.response.labelled_by(label.id);
    });
}
