//! Readiness over time, replayed from the history of status changes.

use super::{StageScore, readiness_of};
use crate::catalog::Catalog;
use crate::progress::{HistoryEvent, Status};
use crate::target::Target;

/// Readiness and items done right after one moment of the history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelinePoint {
    pub at: chrono::DateTime<chrono::Utc>,
    pub readiness: f64,
    pub done: usize,
    /// Each stage's weighted coverage in percent (in `Stage::ALL` order); `None` for a stage the target
    /// has no applicable item in.
    pub stages: [Option<f64>; 6],
}

/// Replays the status history over the items of `target`, one point per moment that changed something.
/// Linear in the history: each event updates one stage's sums. Events of other items are skipped.
pub fn timeline(catalog: &Catalog, history: &[HistoryEvent], target: &Target) -> Vec<TimelinePoint> {
    let mut stages = [StageScore::default(); 6];
    for (index, item) in catalog.items.iter().enumerate() {
        if target.contains(index) {
            let stage = &mut stages[item.stage.index()];
            stage.applicable += 1;
            stage.applicable_weight += item.weight.points();
        }
    }
    let mut points: Vec<TimelinePoint> = Vec::new();
    let mut done = 0usize;
    for event in history {
        let Some(index) = catalog.item_index(&event.item).filter(|&index| target.contains(index)) else { continue };
        let item = &catalog.items[index];
        let stage = &mut stages[item.stage.index()];
        let points_of = item.weight.points();
        // Undo the old status's contribution, then add the new one's.
        match event.from {
            Status::Done => {
                stage.done_weight = stage.done_weight.saturating_sub(points_of);
                done = done.saturating_sub(1);
            }
            Status::Skipped => stage.applicable_weight += points_of,
            _ => {}
        }
        match event.to {
            Status::Done => {
                stage.done_weight += points_of;
                done += 1;
            }
            Status::Skipped => stage.applicable_weight = stage.applicable_weight.saturating_sub(points_of),
            _ => {}
        }
        let point = TimelinePoint {
            at: event.at,
            readiness: readiness_of(stages.iter().map(StageScore::coverage)),
            done,
            stages: stages.map(|stage| stage.percent()),
        };
        match points.last_mut() {
            Some(last) if last.at == event.at => *last = point,
            _ => points.push(point),
        }
    }
    points
}
