//! The two plots of the Progress view, readiness above and items done below, on one time axis whose
//! ticks fall on hours, days, weeks or months as the span needs; hover shows the values and what was done
//! that day.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, TimeZone};
use egui::Ui;
use egui_plot::{GridInput, GridMark, HoverPosition, Legend, Line, Plot, PlotPoint, PlotPoints};

use crate::Stage;
use crate::catalog::Catalog;
use crate::gui::theme::stage_color;
use crate::score::{DayActivity, TimelinePoint};

const SECONDS_PER_DAY: f64 = 86_400.0;

/// The step lines drawn, made once per change of the progress.
#[derive(Debug, Default)]
pub struct Lines {
    readiness: Vec<PlotPoint>,
    done: Vec<PlotPoint>,
    stages: [Vec<PlotPoint>; 6],
}

impl Lines {
    pub fn of(timeline: &[TimelinePoint]) -> Lines {
        let shown = thinned(timeline);
        Lines {
            readiness: steps(&shown, |p| p.readiness),
            done: steps(&shown, |p| p.done as f64),
            stages: std::array::from_fn(|stage| steps(&shown, |p| p.stages[stage].unwrap_or(0.0))),
        }
    }

    /// Every line runs on to `now`: a value holds until it changes.
    pub fn run_on_to(&mut self, now: chrono::DateTime<chrono::Utc>) {
        let now = to_x(now);
        for line in [&mut self.readiness, &mut self.done].into_iter().chain(self.stages.iter_mut()) {
            if let Some(end) = line.last_mut() {
                end.x = now.max(end.x);
            }
        }
    }
}

/// What the plots draw, and what their hover text looks up.
pub struct Chart<'a> {
    pub lines: &'a Lines,
    pub days: &'a BTreeMap<NaiveDate, DayActivity>,
    pub catalog: &'a Catalog,
    pub each_stage: bool,
}

/// A plot's own line, by name: away from every point, the hover reads its value where the pointer is.
type Own<'l> = (&'static str, &'l [PlotPoint]);

impl<'a> Chart<'a> {
    /// One of the two plots, sharing the time axis and the cursor with the other.
    fn plot<'p>(&'p self, name: &str, y_label: &str, own: Own<'p>) -> Plot<'p> {
        let group = egui::Id::unique("progress-time-axis");
        // At least the last day is shown: a first session's few seconds had no tick to label at all.
        let end = self.lines.readiness.last().map_or(0.0, |point| point.x);
        Plot::new(name.to_owned())
            .include_x(end - 1.0)
            .include_x(end)
            .link_axis(group, [true, false])
            .link_cursor(group, [true, false])
            .x_grid_spacer(date_marks)
            .x_axis_formatter(date_tick_label)
            .y_axis_label(y_label.to_owned())
            .y_axis_min_width(48.0)
            // About three labelled values a plot: egui_plot's powers of ten left a short plot with
            // only 0 and 100.
            .y_grid_spacer(egui_plot::uniform_grid_spacer(value_steps))
            .include_y(0.0)
            .allow_scroll(false)
            .label_formatter(move |hover| self.hover_text(hover, own))
    }

    /// Readiness (0-100) above, items done below, `height` points for both.
    pub fn ui(&self, ui: &mut Ui, height: f32) {
        let (top, bottom) = (height * 0.6, height * 0.4 - 8.0);
        // Neutral and thick, so it stands apart from every stage's colour (window review L5).
        let readiness_color = ui.visuals().strong_text_color();
        let done_color = crate::gui::theme::status_color(ui.visuals(), crate::progress::Status::Done);
        let readiness = ("Readiness", self.lines.readiness.as_slice());
        let axis = if self.each_stage { "Readiness, and each stage's coverage (0-100)" } else { "Readiness (0-100)" };
        self.plot("progress-readiness", axis, readiness)
            .height(top)
            .include_y(100.0)
            // Readiness first, then the stages in the lifecycle's order (not alphabetical).
            .legend(Legend::default().follow_insertion_order(true))
            .show(ui, |plot| {
                let line = Line::new("Readiness", PlotPoints::Borrowed(&self.lines.readiness));
                plot.line(line.color(readiness_color).width(2.5).allow_band(false));
                if self.each_stage {
                    for stage in Stage::ALL {
                        let line = PlotPoints::Borrowed(&self.lines.stages[stage.index()]);
                        let line = Line::new(stage.name(), line).color(stage_color(stage)).allow_band(false);
                        // Neighbouring stages of close colours (Ship, Run) are told apart by their stroke.
                        let dashed = matches!(stage, Stage::Test | Stage::Ship | Stage::Observe);
                        plot.line(if dashed { line.style(egui_plot::LineStyle::dashed_loose()) } else { line });
                    }
                }
            });
        ui.add_space(8.0);
        let done_plot = self.plot("progress-done", "Items done", ("Items done", &self.lines.done)).height(bottom);
        done_plot.x_axis_label("Date").show(ui, |plot| {
            let line = Line::new("Items done", PlotPoints::Borrowed(&self.lines.done));
            plot.line(line.color(done_color).width(2.0).allow_band(false));
        });
    }

    /// "Readiness: 42" with the moment, then the items done that day (five at most): of the point nearest
    /// the pointer, or else of the plot's own line (`own`: its name and points) where the pointer is.
    fn hover_text(&self, hover: &HoverPosition<'_>, own: Own<'_>) -> Option<String> {
        // A point is a change at its own time; elsewhere along the line the pointer's minute means
        // nothing, so the day is said (window review L5).
        let (plot_name, x, y, when) = match hover {
            HoverPosition::NearDataPoint { plot_name, position, .. } => {
                (*plot_name, position.x, position.y, "%Y-%m-%d %H:%M")
            }
            HoverPosition::Elsewhere { position } => (own.0, position.x, value_at(own.1, position.x)?, "%Y-%m-%d"),
        };
        let at = to_time(x)?;
        let mut text = format!("{plot_name}: {y:.0}\n{}", at.format(when));
        if let Some(day) = self.days.get(&at.date_naive()) {
            let titles: Vec<&str> = day
                .done
                .iter()
                .filter_map(|id| self.catalog.item_index(id).map(|i| self.catalog.items[i].title.as_str()))
                .collect();
            text.push_str(&format!("\n{} that day", crate::gui::widgets::counted(day.changes, "change", "changes")));
            for title in titles.iter().take(5) {
                text.push_str(&format!("\nDone: {title}"));
            }
            if titles.len() > 5 {
                text.push_str(&format!("\n... and {} more done", titles.len() - 5));
            }
        }
        Some(text)
    }
}

/// Grid steps for a value axis: a round number (1, 2 or 5 times a power of ten) that divides the visible
/// span into about three, a fifth of it and twice it. Each is a multiple of the one below, so no two
/// labels land on top of each other (steps of 20 and 25 did).
fn value_steps(input: GridInput) -> [f64; 3] {
    let span = (input.bounds.1 - input.bounds.0).abs().max(1.0);
    let rough = span / 3.0;
    let power = 10f64.powf(rough.log10().floor());
    let big = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&step| step >= rough).unwrap_or(10.0 * power);
    [(big / 5.0).max(1.0), big.max(1.0), (2.0 * big).max(2.0)]
}

/// The value a step line holds at `x`; `None` before it starts or after it ends.
fn value_at(line: &[PlotPoint], x: f64) -> Option<f64> {
    let after = line.partition_point(|point| point.x <= x);
    let last = line.last()?;
    (after > 0 && x <= last.x).then(|| line[after - 1].y)
}

/// Days since the epoch (the plots' x) of a moment.
fn to_x(at: chrono::DateTime<chrono::Utc>) -> f64 {
    at.timestamp_millis() as f64 / (SECONDS_PER_DAY * 1000.0)
}

/// The local moment of an x value.
fn to_time(x: f64) -> Option<chrono::DateTime<chrono::Local>> {
    chrono::DateTime::from_timestamp_millis((x * SECONDS_PER_DAY * 1000.0).round() as i64)
        .map(|t| t.with_timezone(&chrono::Local))
}

/// The tick steps, in days: hours, days, weeks, months, years. Months and years are placed on the
/// calendar (their first day), the others on local midnights and whole hours.
const STEPS: [f64; 9] = [1.0 / 24.0, 3.0 / 24.0, 6.0 / 24.0, 1.0, 2.0, 7.0, 30.4, 91.3, 365.25];

/// Ticks on calendar boundaries: the smallest step that leaves room for a label (about 80 points).
fn date_marks(input: GridInput) -> Vec<GridMark> {
    let wanted = input.base_step_size * 10.0;
    let step = STEPS.iter().copied().find(|&step| step >= wanted).unwrap_or(365.25);
    let (Some(start), Some(end)) = (to_time(input.bounds.0), to_time(input.bounds.1)) else { return Vec::new() };
    let mut marks = Vec::new();
    let last_day = end.date_naive();
    for day in start.date_naive().iter_days().take_while(|day| *day <= last_day).take(4000) {
        let starts_step = match step {
            s if s >= 365.0 => day.ordinal() == 1,
            s if s >= 90.0 => day.day() == 1 && day.month0() % 3 == 0,
            s if s >= 30.0 => day.day() == 1,
            7.0 => day.weekday() == chrono::Weekday::Mon,
            2.0 => day.num_days_from_ce() % 2 == 0,
            _ => true,
        };
        let Some(midnight) = day.and_hms_opt(0, 0, 0).and_then(|t| chrono::Local.from_local_datetime(&t).earliest())
        else {
            continue;
        };
        if step < 1.0 {
            let hours = ((step * 24.0).round() as usize).max(1);
            let at = |hour| to_x((midnight + chrono::Duration::hours(hour as i64)).to_utc());
            marks.extend((0..24).step_by(hours).map(|hour| GridMark { value: at(hour), step_size: step }));
        } else if starts_step {
            marks.push(GridMark { value: to_x(midnight.to_utc()), step_size: step });
        }
    }
    marks.retain(|mark| (input.bounds.0..=input.bounds.1).contains(&mark.value));
    marks
}

/// A tick's label for its step: "14:00", "Nov 24", "Nov 2026" or "2026". The year is written on the
/// first tick shown and where a new year starts, not on every tick.
fn date_tick_label(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    let Some(at) = to_time(mark.value) else { return String::new() };
    let first_shown = mark.value - mark.step_size < *range.start();
    let new_year = at.ordinal() == 1;
    let with_year = first_shown || new_year;
    match mark.step_size {
        s if s < 1.0 && at.format("%H:%M").to_string() != "00:00" => at.format("%H:%M").to_string(),
        s if s >= 365.0 => at.format("%Y").to_string(),
        s if s >= 30.0 => at.format(if with_year { "%b %Y" } else { "%b" }).to_string(),
        _ => at.format(if with_year { "%b %d %Y" } else { "%b %d" }).to_string(),
    }
}

/// At most this many steps are drawn, however long the history: a plot is only so many pixels across, and
/// drawing 60,000 changes (10,000 items) took 4 ms a frame.
const MAX_STEPS: usize = 2000;

/// The timeline with at most [`MAX_STEPS`] points: its span is cut into that many equal slices and each
/// slice keeps its last point, so every value drawn is one the history really had.
fn thinned(timeline: &[TimelinePoint]) -> Vec<TimelinePoint> {
    let (Some(first), Some(last)) = (timeline.first(), timeline.last()) else { return Vec::new() };
    let span = (last.at - first.at).num_milliseconds().max(1) as f64;
    let slice =
        |point: &TimelinePoint| ((point.at - first.at).num_milliseconds() as f64 / span * MAX_STEPS as f64) as i64;
    timeline
        .iter()
        .enumerate()
        .filter(|(i, point)| timeline.get(i + 1).is_none_or(|next| slice(next) != slice(point)))
        .map(|(_, point)| *point)
        .collect()
}

/// Steps, not slopes: a value holds until the next change, and rises from nothing at the first change
/// (so a first session draws its rise, not a dot). The last point is moved to now each frame.
fn steps(timeline: &[TimelinePoint], value: impl Fn(&TimelinePoint) -> f64) -> Vec<PlotPoint> {
    let mut points = Vec::with_capacity(timeline.len() * 2 + 1);
    if let Some(first) = timeline.first() {
        points.push(PlotPoint::new(to_x(first.at), 0.0));
    }
    for pair in timeline.windows(2) {
        points.push(PlotPoint::new(to_x(pair[0].at), value(&pair[0])));
        points.push(PlotPoint::new(to_x(pair[1].at), value(&pair[0])));
    }
    if let Some(last) = timeline.last() {
        points.push(PlotPoint::new(to_x(last.at), value(last)));
        points.push(PlotPoint::new(to_x(last.at), value(last)));
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local_x(y: i32, m: u32, d: u32) -> f64 {
        let midnight = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap();
        to_x(chrono::Local.from_local_datetime(&midnight).earliest().unwrap().to_utc())
    }

    #[test]
    fn ticks_fall_on_days_weeks_or_months_and_the_year_is_not_repeated() {
        // Ten days across about 800 points: a tick each local midnight, labelled "Nov 24".
        let bounds = (local_x(2026, 11, 20) + 0.3, local_x(2026, 11, 30));
        let marks = date_marks(GridInput { bounds, base_step_size: 0.1 });
        assert_eq!(marks.first().map(|m| m.value), Some(local_x(2026, 11, 21)));
        assert_eq!(marks.len(), 10);
        let range = bounds.0..=bounds.1;
        let labels: Vec<String> = marks.iter().map(|m| date_tick_label(*m, &range)).collect();
        assert_eq!((labels[0].as_str(), labels[3].as_str()), ("Nov 21 2026", "Nov 24"));
        // Two years: months or quarters on their first day, the year only where it starts or on the first.
        let bounds = (local_x(2024, 11, 3), local_x(2026, 11, 24));
        let marks = date_marks(GridInput { bounds, base_step_size: 8.0 });
        let range = bounds.0..=bounds.1;
        let labels: Vec<String> = marks.iter().map(|m| date_tick_label(*m, &range)).collect();
        assert!(marks.iter().all(|m| to_time(m.value).unwrap().day() == 1), "{labels:?}");
        assert_eq!(labels.iter().filter(|l| l.contains("2025")).count(), 1, "{labels:?}");
        assert!(labels.contains(&"Jan 2026".to_owned()) && labels.contains(&"Apr".to_owned()), "{labels:?}");
    }

    #[test]
    fn hover_says_the_value_the_moment_and_what_was_done_that_day() {
        let (catalog, _) = crate::catalog::load_catalog(&[]);
        let done: Vec<String> = catalog.items.iter().take(7).map(|item| item.full_id.clone()).collect();
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let days = BTreeMap::from([(day, DayActivity { changes: 9, done })]);
        let noon = local_x(2026, 11, 20) + 0.5;
        let readiness =
            vec![PlotPoint::new(noon - 3.0, 10.0), PlotPoint::new(noon, 42.4), PlotPoint::new(noon + 2.0, 42.4)];
        let lines = Lines { readiness, ..Lines::default() };
        let chart = Chart { lines: &lines, days: &days, catalog: &catalog, each_stage: false };
        let own = ("Readiness", lines.readiness.as_slice());
        let near = HoverPosition::NearDataPoint {
            plot_name: "Readiness",
            position: egui_plot::PlotPoint::new(noon, 42.4),
            index: 1,
        };
        let text = chart.hover_text(&near, own).unwrap();
        let shown: Vec<&str> = text.lines().collect();
        assert_eq!(shown[..3], ["Readiness: 42", "2026-11-20 12:00", "9 changes that day"]);
        assert_eq!(shown[3], format!("Done: {}", catalog.items[0].title));
        assert_eq!(shown.len(), 3 + 5 + 1, "five titles, then how many more: {text}");
        assert_eq!(shown[8], "... and 2 more done");
        // Away from the points, the line's value where the pointer is.
        let elsewhere = |x: f64| HoverPosition::Elsewhere { position: egui_plot::PlotPoint::new(x, 80.0) };
        let quiet_day = chart.hover_text(&elsewhere(noon - 1.0), own).unwrap();
        assert_eq!(quiet_day, "Readiness: 10\n2026-11-19", "a day without changes says only the value and the day");
        assert_eq!(chart.hover_text(&elsewhere(noon - 4.0), own), None, "nothing before the line starts");
        assert_eq!(chart.hover_text(&elsewhere(noon + 3.0), own), None, "nor after it ends");
    }

    #[test]
    fn value_steps_label_about_three_round_values() {
        assert_eq!(value_steps(GridInput { bounds: (0.0, 100.0), base_step_size: 1.0 }), [10.0, 50.0, 100.0]);
        assert_eq!(value_steps(GridInput { bounds: (0.0, 12.0), base_step_size: 1.0 }), [1.0, 5.0, 10.0]);
    }

    #[test]
    fn a_long_history_is_drawn_in_at_most_max_steps_ending_on_its_last_value() {
        let start = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let timeline: Vec<TimelinePoint> = (0..60_000)
            .map(|i| TimelinePoint {
                at: start + chrono::Duration::minutes(17 * i),
                readiness: 0.0,
                done: i as usize,
                stages: [None; 6],
            })
            .collect();
        let shown = thinned(&timeline);
        assert!(shown.len() <= MAX_STEPS + 1 && shown.len() > MAX_STEPS / 2, "{}", shown.len());
        assert_eq!(shown.last(), timeline.last());
        assert!(shown.windows(2).all(|pair| pair[0].at < pair[1].at && pair[0].done < pair[1].done));
        // A short history, say ticks a second apart on the first day, keeps every point.
        assert_eq!(thinned(&timeline[..50]).len(), 50);
    }
}
