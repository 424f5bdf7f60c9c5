//! The Progress view: readiness and items done over time on two plots that share their time axis (a line
//! per stage on demand), and a calendar of the days with a change, with the streak.

mod calendar;
mod chart;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::model::Model;
use super::widgets::counted;
use crate::score::{self, DayActivity};

/// The Progress view. It keeps what it draws from the current progress, rebuilt only when it changes.
#[derive(Default)]
pub struct ProgressView {
    /// The model generation `lines` and `days` were made from.
    generation: Option<u64>,
    lines: chart::Lines,
    days: BTreeMap<NaiveDate, DayActivity>,
    /// Draw a line per stage on the readiness plot.
    each_stage: bool,
}

/// The person's local date of a moment.
fn local_date(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    at.with_timezone(&chrono::Local).date_naive()
}

impl ProgressView {
    pub fn ui(&mut self, ui: &mut Ui, model: &Model) {
        ui.heading("Progress over time");
        let timeline = &model.timeline;
        let (Some(first), Some(last)) = (timeline.first(), timeline.last()) else {
            first_run_ui(ui);
            return;
        };
        if self.generation != Some(model.generation) {
            self.lines = chart::Lines::of(timeline);
            self.days = score::daily_activity(&model.progress().history, local_date);
            self.generation = Some(model.generation);
        }
        let today = local_date(chrono::Utc::now());
        let streaks = score::streaks(&self.days, today);
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} recorded since {}. Readiness now {:.0}, {} done.",
                counted(model.progress().history.len(), "change", "changes"),
                first.at.with_timezone(&chrono::Local).format("%Y-%m-%d"),
                last.readiness,
                counted(last.done, "item", "items"),
            ));
            let streak = format!(
                "Streak: {} in a row (longest {}), {} in all.",
                counted(streaks.current, "day", "days"),
                streaks.longest,
                counted(self.days.len(), "active day", "active days"),
            );
            ui.label(RichText::new(streak).strong());
        });
        ui.checkbox(&mut self.each_stage, "A line per stage")
            .on_hover_text("Each stage's coverage in percent, on the readiness plot, in the stage's colour");
        let calendar_height = calendar::HEIGHT;
        let plots_height = (ui.available_height() - calendar_height - 16.0).max(160.0);
        self.lines.run_on_to(chrono::Utc::now());
        let chart = chart::Chart {
            lines: &self.lines,
            days: &self.days,
            catalog: model.catalog(),
            each_stage: self.each_stage,
        };
        chart.ui(ui, plots_height);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            calendar::calendar_ui(ui, &self.days, today);
            ui.label(
                RichText::new("Days with a change in the last 26 weeks: the more changes, the stronger the colour.")
                    .weak(),
            );
        });
    }
}

fn first_run_ui(ui: &mut Ui) {
    ui.add_space(12.0);
    ui.label("Your progress over time will appear here.");
    ui.label(
        "Each time you mark an item learning, done or skipped, skillgap records it. This chart then shows your \
readiness (0-100) and the number of items done, day by day, and a calendar of the days you worked on it.",
    );
    ui.add_space(6.0);
    ui.label(RichText::new("Start in Checklists or Gaps: tick something you can already do.").weak());
}
