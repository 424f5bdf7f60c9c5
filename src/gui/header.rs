//! The readiness header: the target it is for (a selector that also compares every target), the score,
//! the level, a bar per stage, and the sentence that explains it.

use egui::{RichText, Ui};

use super::command::{AppCommand, Command, View, ViewCommand};
use super::model::Model;
use super::review_view;
use super::widgets;
use crate::Stage;
use crate::report::percent_label;

const READINESS_HELP: &str = "Readiness for the active target, 0 to 100: a harmonic mean of the six stage \
coverages, so the weakest stage holds it back. Every item you tick raises it; 100 means every item of the target \
is done (or skipped).";

/// Below this width the first line leaves out the count of items done.
const NARROW_WINDOW: f32 = 880.0;
/// Below this window height the header keeps to its first line, so the lists keep most of the window.
const LOW_WINDOW: f32 = 560.0;

/// The header: one line (target, score, level, counts) and, when `expanded` and the window is tall
/// enough, a strip of stage bars and the sentence that explains the score. About 100 points high in
/// full, 30 folded.
pub fn header_ui(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>, expanded: &mut bool) {
    let low = ui.ctx().content_rect().height() < LOW_WINDOW;
    let show_details = *expanded && !low;
    // In a narrow window the count of items done moves to the second line, or out when folded.
    let count_on_first_line = ui.available_width() >= NARROW_WINDOW;
    if model.is_read_only() {
        // A score of nothing would read as everything lost (window review 21).
        ui.horizontal(|ui| {
            target_selector(ui, model, commands);
            ui.add_space(8.0);
            ui.label(RichText::new("Progress not loaded").size(20.0).strong().color(ui.visuals().warn_fg_color));
            ui.label("Your score comes back when the progress file reads again: see the message below.");
        });
        return;
    }
    ui.horizontal(|ui| {
        summary_line(ui, model, commands);
        if count_on_first_line {
            ui.separator();
            ui.label(done_count(model)).on_hover_text(count_base(model));
        }
        reviews_due(ui, model, commands, count_on_first_line);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let (text, help) = if show_details {
                ("Less", "Fold the header to one line (the choice is remembered)")
            } else {
                ("More", "Show the stage bars and what to do next")
            };
            let toggle = ui.add_enabled(!low, egui::Button::new(text).small());
            let toggle = toggle.on_hover_text(help).on_disabled_hover_text("Make the window taller to see more");
            if toggle.clicked() {
                *expanded = !*expanded;
            }
            if !show_details {
                let explanation = model.assessment.explanation(model.catalog());
                ui.add(egui::Label::new(RichText::new(explanation).weak()).truncate());
            }
        });
    });
    if show_details {
        stage_strip(ui, model);
        ui.horizontal_wrapped(|ui| {
            if !count_on_first_line {
                ui.label(RichText::new(done_count(model)).strong()).on_hover_text(count_base(model));
            }
            // What the next level needs, item by item, is on the level's hover: one line here.
            ui.label(model.assessment.explanation(model.catalog()));
        });
    }
}

/// Target, score and level, on one line.
fn summary_line(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
    let score = &model.assessment.score;
    target_selector(ui, model, commands);
    ui.add_space(8.0);
    ui.label(RichText::new(format!("{:.0}", score.readiness)).size(22.0).strong()).on_hover_text(READINESS_HELP);
    ui.label(RichText::new("/100 readiness").weak()).on_hover_text(READINESS_HELP);
    ui.add_space(8.0);
    // A Core item let pass below the level is said at once; its name is on the hover (issue 27).
    let except = if score.except.is_some() { ", except one Core item" } else { "" };
    let level = format!("Level {}: {}{except}", score.level.number(), score.level.name());
    ui.label(RichText::new(level).strong()).on_hover_text(format!(
        "{}\n{}",
        score.level.meaning(),
        score.next_level_sentence(model.catalog())
    ));
}

const FRESH_HELP: &str = "Fresh: done items practised within their review schedule (done or reviewed, and \
not yet past the day FSRS set for the next review). It sits beside readiness and never lowers it: a review brings \
an item back.";

/// "3 reviews due today", a button to the Review view, and how many done items are fresh; nothing when
/// reviews are off or nothing is done. In a narrow window only the button, shorter.
fn reviews_due(ui: &mut Ui, model: &Model, commands: &mut Vec<Command>, wide: bool) {
    let plan = &model.reviews;
    if !plan.enabled || plan.planned.is_empty() {
        return;
    }
    ui.separator();
    if wide {
        let fresh = format!("{} of {} done skills fresh", plan.fresh(), plan.planned.len());
        ui.label(fresh).on_hover_text(format!("{FRESH_HELP}\n{}", review_view::freshness(model)));
    }
    let due = plan.due_today().count();
    if due > 0 {
        let plural = if due == 1 { "" } else { "s" };
        let text = if wide { format!("{due} review{plural} due today") } else { format!("{due} due") };
        if ui.button(text).on_hover_text("Redo their proofs in the Review view").clicked() {
            commands.push(ViewCommand::Show(View::Review).into());
        }
    }
}

/// What the header's count is counted over (window review L12: three totals, no base said).
fn count_base(model: &Model) -> String {
    format!(
        "Counted over the target {}: its items you have not skipped. The side panel counts every item of a \
checklist, whatever the target.",
        model.target().title
    )
}

fn done_count(model: &Model) -> String {
    let score = &model.assessment.score;
    format!("{} of {} applicable items done ({:.0}%)", score.done, score.applicable, score.overall_percent())
}

/// The six stages side by side, each with its name, percentage and a bar as wide as its share.
fn stage_strip(ui: &mut Ui, model: &Model) {
    let score = &model.assessment.score;
    let gap = 16.0;
    let width = ((ui.available_width() - gap * 5.0) / 6.0).max(60.0);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for stage in Stage::ALL {
            let stage_score = score.stage(stage);
            // Name and bar on one line: the header keeps to about 12% of a 640-point window (review M6).
            ui.horizontal(|ui| {
                ui.set_width(width);
                ui.spacing_mut().item_spacing.x = 6.0;
                let text = format!("{}  {}", stage.name(), percent_label(stage_score.percent()));
                let name = RichText::new(text);
                let name = if score.limiting == Some(stage) { name.strong() } else { name };
                let label = ui.label(name).on_hover_text(stage.meaning());
                let fraction = stage_score.coverage().unwrap_or(0.0) as f32;
                let bar_width = (width - label.rect.width() - 6.0).max(16.0);
                widgets::bar(ui, fraction, bar_width, widgets::stage_color(stage)).on_hover_text(format!(
                    "{}: {} of {} applicable items done, {} learning",
                    stage.name(),
                    stage_score.done,
                    stage_score.applicable,
                    stage_score.learning
                ));
            });
        }
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
                    commands.push(AppCommand::SetTarget(row.id.clone()).into());
                }
            }
        });
        combo.response.labelled_by(label.id);
    });
}
