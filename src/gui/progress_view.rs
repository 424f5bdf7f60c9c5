//! The Progress view: readiness and items done over time, replayed from the history.

use egui::{RichText, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints};

use super::model::Model;
use crate::score::TimelinePoint;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// How to write dates on the x axis for a visible span of days: the time of day when the span is short,
/// and milliseconds under half a minute (ticking many items in a row puts marks a second apart).
fn axis_format(span_days: f64) -> &'static str {
    if span_days < 30.0 / SECONDS_PER_DAY {
        "%H:%M:%S%.3f"
    } else if span_days < 1.0 / 24.0 {
        "%H:%M:%S"
    } else if span_days < 3.0 {
        "%m-%d %H:%M"
    } else {
        "%Y-%m-%d"
    }
}

/// The local date and time of an x value (days since the epoch).
fn date_label(x: f64, format: &str) -> String {
    chrono::DateTime::from_timestamp_millis((x * SECONDS_PER_DAY * 1000.0).round() as i64)
        .map(|t| t.with_timezone(&chrono::Local).format(format).to_string())
        .unwrap_or_default()
}

/// The Progress view. It keeps the plotted lines of the current progress, rebuilt only when it changes.
#[derive(Debug, Default)]
pub struct ProgressView {
    /// The model generation the lines were made from, and the step lines of readiness and items done.
    lines: Option<(u64, Vec<PlotPoint>, Vec<PlotPoint>)>,
}

impl ProgressView {
    pub fn ui(&mut self, ui: &mut Ui, model: &Model) {
        ui.heading("Progress over time");
        let timeline = &model.timeline;
        let (Some(first), Some(last)) = (timeline.first(), timeline.last()) else {
            ui.add_space(12.0);
            ui.label("Your progress over time will appear here.");
            ui.label(
                "Each time you mark an item learning, done or skipped, skillgap records it. This chart then \
shows your readiness (0-100) and the number of items done, day by day.",
            );
            ui.add_space(6.0);
            ui.label(RichText::new("Start in Checklists or Gaps: tick something you can already do.").weak());
            return;
        };
        ui.label(format!(
            "{} changes recorded since {}. Readiness now {:.0}, {} items done.",
            model.progress().history.len(),
            first.at.with_timezone(&chrono::Local).format("%Y-%m-%d"),
            last.readiness,
            last.done
        ));
        if self.lines.as_ref().is_none_or(|(generation, ..)| *generation != model.generation) {
            let shown = thinned(timeline);
            self.lines = Some((model.generation, steps(&shown, |p| p.readiness), steps(&shown, |p| p.done as f64)));
        }
        let Some((_, readiness, done)) = &mut self.lines else { return };
        // Both lines run on to now.
        let now = to_x(chrono::Utc::now()).max(to_x(last.at));
        for line in [&mut *readiness, &mut *done] {
            if let Some(end) = line.last_mut() {
                end.x = now;
            }
        }
        Plot::new("progress-plot")
            .legend(Legend::default())
            .x_axis_formatter(|mark, range| date_label(mark.value, axis_format(range.end() - range.start())))
            .label_formatter(|hover| match hover {
                egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } => {
                    Some(format!("{plot_name}\n{}: {:.0}", date_label(position.x, "%Y-%m-%d %H:%M:%S"), position.y))
                }
                egui_plot::HoverPosition::Elsewhere { .. } => None,
            })
            .include_y(0.0)
            .include_y(100.0)
            .allow_scroll(false)
            .show(ui, |plot| {
                plot.line(Line::new("Readiness", PlotPoints::Borrowed(readiness)).width(2.0).allow_band(false));
                plot.line(Line::new("Items done", PlotPoints::Borrowed(done)).allow_band(false));
            });
    }
}

fn to_x(at: chrono::DateTime<chrono::Utc>) -> f64 {
    at.timestamp_millis() as f64 / (SECONDS_PER_DAY * 1000.0)
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

/// Steps, not slopes: a value holds until the next change. The last point is moved to now each frame.
fn steps(timeline: &[TimelinePoint], value: impl Fn(&TimelinePoint) -> f64) -> Vec<PlotPoint> {
    let mut points = Vec::with_capacity(timeline.len() * 2 + 1);
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

    #[test]
    fn a_long_history_is_drawn_in_at_most_max_steps_ending_on_its_last_value() {
        let start = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let timeline: Vec<TimelinePoint> = (0..60_000)
            .map(|i| TimelinePoint { at: start + chrono::Duration::minutes(17 * i), readiness: 0.0, done: i as usize })
            .collect();
        let shown = thinned(&timeline);
        assert!(shown.len() <= MAX_STEPS + 1 && shown.len() > MAX_STEPS / 2, "{}", shown.len());
        assert_eq!(shown.last(), timeline.last());
        assert!(shown.windows(2).all(|pair| pair[0].at < pair[1].at && pair[0].done < pair[1].done));
        // A short history, say ticks a second apart on the first day, keeps every point.
        assert_eq!(thinned(&timeline[..50]).len(), 50);
    }
}
