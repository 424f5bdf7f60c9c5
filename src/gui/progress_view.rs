//! The Progress view: readiness and items done over time, replayed from the history.

use egui::{RichText, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::model::Model;
use crate::score::TimelinePoint;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// A date for an x value in days; with the time of day when the visible span is short.
fn day_label(x: f64, span_days: f64) -> String {
    let format = if span_days < 1.0 / 24.0 {
        "%H:%M:%S"
    } else if span_days < 3.0 {
        "%m-%d %H:%M"
    } else {
        "%Y-%m-%d"
    };
    chrono::DateTime::from_timestamp((x * SECONDS_PER_DAY) as i64, 0)
        .map(|t| t.with_timezone(&chrono::Local).format(format).to_string())
        .unwrap_or_default()
}

pub fn progress_ui(ui: &mut Ui, model: &Model) {
    ui.heading("Progress over time");
    let timeline = &model.timeline;
    let (Some(first), Some(last)) = (timeline.first(), timeline.last()) else {
        ui.add_space(12.0);
        ui.label("Your progress over time will appear here.");
        ui.label(
            "Each time you mark an item learning, done or skipped, skillgap records it. This chart then shows \
your readiness (0-100) and the number of items done, day by day.",
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
    let to_x = |at: chrono::DateTime<chrono::Utc>| at.timestamp() as f64 / SECONDS_PER_DAY;
    // Steps, not slopes: a value holds until the next change. Both lines run on to now.
    let now = to_x(chrono::Utc::now());
    let steps = |value: &dyn Fn(&TimelinePoint) -> f64| {
        let mut points: Vec<[f64; 2]> = Vec::with_capacity(timeline.len() * 2 + 1);
        for pair in timeline.windows(2) {
            points.push([to_x(pair[0].at), value(&pair[0])]);
            points.push([to_x(pair[1].at), value(&pair[0])]);
        }
        points.push([to_x(last.at), value(last)]);
        points.push([now.max(to_x(last.at)), value(last)]);
        points
    };
    let readiness = steps(&|p| p.readiness);
    let done = steps(&|p| p.done as f64);
    Plot::new("progress-plot")
        .legend(Legend::default())
        .x_axis_formatter(|mark, range| day_label(mark.value, range.end() - range.start()))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } => {
                Some(format!("{plot_name}\n{}: {:.0}", day_label(position.x, 0.0), position.y))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .include_y(0.0)
        .include_y(100.0)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(Line::new("Readiness", PlotPoints::from(readiness)).width(2.0).allow_band(false));
            plot.line(Line::new("Items done", PlotPoints::from(done)).allow_band(false));
        });
}
