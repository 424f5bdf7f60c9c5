//! The readiness header: the score, the level, a bar per stage, and the sentence that explains it.

use egui::{RichText, Ui};

use super::model::Model;
use super::widgets;
use crate::Stage;
use crate::report::percent_label;

pub fn header_ui(ui: &mut Ui, model: &Model) {
    let score = &model.assessment.score;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_min_width(170.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{:.0}", score.readiness)).size(44.0).strong()).on_hover_text(
                    "Readiness: the harmonic mean of the six stage coverages. A weak stage holds it back.",
                );
                ui.label(RichText::new("/100\nreadiness").weak());
            });
            ui.label(RichText::new(format!("Level {}: {}", score.level.number(), score.level.name())).strong())
                .on_hover_text(score.level.next_step());
        });
        ui.separator();
        egui::Grid::new("stage-bars").num_columns(3).spacing([8.0, 2.0]).show(ui, |ui| {
            for stage in Stage::ALL {
                let stage_score = score.stage(stage);
                let is_limiting = score.limiting == Some(stage);
                let name = RichText::new(stage.name());
                ui.label(if is_limiting { name.strong() } else { name });
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
