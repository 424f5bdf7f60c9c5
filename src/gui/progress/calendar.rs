//! The activity calendar: the last 26 weeks as a grid of days (a column per week, Monday on top), each
//! as dark as the number of changes made that day, like the contribution calendars of GitHub and
//! roadmap.sh. Hover a day for its changes and what was done.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use egui::{Color32, CornerRadius, Rect, Sense, Ui, vec2};

use crate::progress::Status;
use crate::score::DayActivity;

const WEEKS: usize = 26;
const CELL: f32 = 12.0;
const GAP: f32 = 3.0;
/// The calendar's height: a row of month names and seven rows of days.
pub const HEIGHT: f32 = 16.0 + 7.0 * (CELL + GAP);

/// The first day shown: the Monday 25 weeks before this week's.
fn first_day(today: NaiveDate) -> NaiveDate {
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday - chrono::Duration::weeks(WEEKS as i64 - 1)
}

pub fn calendar_ui(ui: &mut Ui, days: &BTreeMap<NaiveDate, DayActivity>, today: NaiveDate) {
    let first = first_day(today);
    let weekday_labels = 30.0;
    let size = vec2(weekday_labels + WEEKS as f32 * (CELL + GAP), HEIGHT);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let active = days.range(first..=today).count();
    let name = format!(
        "Activity calendar: {} in the last {WEEKS} weeks",
        crate::gui::widgets::counted(active, "active day", "active days")
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    let cell_rect = |day: NaiveDate| {
        let offset = (day - first).num_days();
        let (week, weekday) = ((offset / 7) as f32, (offset % 7) as f32);
        let min = rect.min + vec2(weekday_labels + week * (CELL + GAP), 16.0 + weekday * (CELL + GAP));
        Rect::from_min_size(min, vec2(CELL, CELL))
    };
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let (text, font) = (visuals.weak_text_color(), egui::FontId::proportional(10.0));
    for (row, label) in [(0.0, "Mon"), (2.0, "Wed"), (4.0, "Fri")] {
        let at = rect.min + vec2(0.0, 16.0 + row * (CELL + GAP) + CELL / 2.0);
        painter.text(at, egui::Align2::LEFT_CENTER, label, font.clone(), text);
    }
    let done = super::super::theme::status_color(visuals, Status::Done);
    let mut hovered = None;
    for day in first.iter_days().take_while(|day| *day <= today) {
        let cell = cell_rect(day);
        if day.day() == 1 || day == first {
            let at = egui::pos2(cell.min.x, rect.min.y);
            painter.text(at, egui::Align2::LEFT_TOP, day.format("%b").to_string(), font.clone(), text);
        }
        let changes = days.get(&day).map_or(0, |d| d.changes);
        painter.rect_filled(cell, CornerRadius::same(2), shade(changes, done, visuals.extreme_bg_color));
        if response.hover_pos().is_some_and(|pointer| cell.expand(GAP / 2.0).contains(pointer)) {
            hovered = Some(day);
        }
    }
    if let Some(day) = hovered {
        let activity = days.get(&day).cloned().unwrap_or_default();
        response.on_hover_text_at_pointer(format!(
            "{}: {} changes, {} done",
            day.format("%a %Y-%m-%d"),
            activity.changes,
            activity.done.len()
        ));
    }
}

/// Empty days in the field colour; busier days in deeper shades of the "done" green.
fn shade(changes: usize, done: Color32, empty: Color32) -> Color32 {
    match changes {
        0 => empty,
        1..=2 => done.gamma_multiply(0.4),
        3..=5 => done.gamma_multiply(0.7),
        _ => done,
    }
}
