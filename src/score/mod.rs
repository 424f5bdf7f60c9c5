//! The full-lifecycle readiness score for a target: pure functions of a catalog, progress and target.
//!
//! - A stage's coverage = weight of its done items / weight of its applicable (not skipped) items, over
//!   the items of the target.
//! - Readiness (0-100) is a harmonic mean of the stage coverages, so the weakest stage holds it back,
//!   like a chain. Each coverage is first lifted a seventh of the way towards 1, and the mean stretched
//!   back so that 0 stays 0 and 100 stays 100: every tick raises readiness (a stage at 0% no longer pins
//!   it to 0), a profile with one stage at 0% stays below 50, and equal coverages give that coverage.
//! - The level counts how far along the lifecycle the stages are in hand (`level`).
//! - Gaps are the open items ranked by how much ticking each would raise readiness (`gaps`).

mod activity;
mod gaps;
mod level;
mod timeline;

pub(crate) use activity::{DayActivity, daily_activity, streaks};
pub use gaps::{Gap, gain_sentence};
pub(crate) use gaps::{explanation, gaps};
pub use level::{Level, NextLevel};
pub use timeline::{TimelinePoint, timeline};

use crate::catalog::Catalog;
use crate::progress::{Progress, Status};
use crate::target::Target;
use crate::{Stage, Weight};

/// How far each coverage is lifted before the harmonic mean. With six stages, one at 0% and five at
/// 100% then give (6 / (7 + 5) - 1/7) / (6/7) = 5/12: below half, as a profile that cannot recover must.
const LIFT: f64 = 1.0 / 7.0;

/// One stage's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageScore {
    pub done_weight: u64,
    pub applicable_weight: u64,
    pub done: usize,
    pub learning: usize,
    pub applicable: usize,
    pub skipped: usize,
    /// Applicable Core items, and how many of them are done (for levels).
    pub core_applicable: usize,
    pub core_done: usize,
}

impl StageScore {
    /// Done weight / applicable weight, or `None` when nothing in the stage is applicable.
    pub fn coverage(&self) -> Option<f64> {
        (self.applicable_weight > 0).then(|| self.done_weight as f64 / self.applicable_weight as f64)
    }

    pub fn percent(&self) -> Option<f64> {
        self.coverage().map(|c| c * 100.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Indexed by `Stage::index`.
    pub stages: [StageScore; 6],
    /// 0..=100.
    pub readiness: f64,
    /// The applicable stage with the lowest coverage; of equals, the one with the least weight to do, then
    /// the first in lifecycle order.
    pub limiting: Option<Stage>,
    pub level: Level,
    /// A Core item still open below the level, let pass because its stage has another Core item done
    /// (see `level`); every verdict that says the level names it.
    pub except: Option<usize>,
    /// What the next level needs, when there is one.
    pub next_level: Option<NextLevel>,
    pub done: usize,
    pub applicable: usize,
    /// Items of the target.
    pub total: usize,
}

impl Score {
    pub fn stage(&self, stage: Stage) -> &StageScore {
        &self.stages[stage.index()]
    }

    /// Done / applicable items, in percent (0 when nothing is applicable).
    pub(crate) fn overall_percent(&self) -> f64 {
        if self.applicable == 0 { 0.0 } else { self.done as f64 * 100.0 / self.applicable as f64 }
    }
}

/// 1 / the lifted coverage: a stage's term in the harmonic mean.
fn reciprocal(coverage: f64) -> f64 {
    // Exactly 1 for a complete stage, so a profile with every item done scores exactly 100.
    if coverage >= 1.0 { 1.0 } else { 1.0 / (LIFT + (1.0 - LIFT) * coverage) }
}

/// Readiness from the number of applicable stages and the sum of their [`reciprocal`]s.
fn readiness_from(count: usize, reciprocal_sum: f64) -> f64 {
    if count == 0 {
        return 0.0;
    }
    let mean = count as f64 / reciprocal_sum;
    (100.0 * (mean - LIFT) / (1.0 - LIFT)).clamp(0.0, 100.0)
}

/// Readiness in 0..=100 from per-stage coverages (`None` = stage left out).
fn readiness_of(coverages: impl IntoIterator<Item = Option<f64>>) -> f64 {
    let (count, sum) = coverages.into_iter().flatten().fold((0, 0.0), |(n, sum), c| (n + 1, sum + reciprocal(c)));
    readiness_from(count, sum)
}

/// Where a person stands on one target: each item's status, the score, and the ranked gaps, computed
/// together once per change of progress and shared by the views and reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Status of each catalog item, in catalog order (every item, in the target or not).
    pub statuses: Vec<Status>,
    pub score: Score,
    /// Open items of the target, best first (see `gaps`).
    pub gaps: Vec<Gap>,
}

impl Assessment {
    pub fn of(catalog: &Catalog, progress: &Progress, target: &Target) -> Assessment {
        let statuses = statuses(catalog, progress);
        Assessment::of_statuses(catalog, statuses, target)
    }

    /// The assessment of statuses already read (one read of progress serves every target).
    pub fn of_statuses(catalog: &Catalog, statuses: Vec<Status>, target: &Target) -> Assessment {
        let mut score = score(catalog, &statuses, target);
        let gaps = gaps(catalog, &statuses, &score, target);
        // What the next level needs is named in the order of the gaps, which rank those items first
        // (every one of them is an open item of the target, so a gap): the best step first.
        if let Some(next) = &mut score.next_level
            && let Some(ranked) = gaps.get(..next.missing.len())
        {
            next.missing = ranked.iter().map(|gap| gap.item).collect();
        }
        Assessment { statuses, score, gaps }
    }

    /// The status of catalog item `item` (to do for an index out of range).
    pub(crate) fn status(&self, item: usize) -> Status {
        self.statuses.get(item).copied().unwrap_or_default()
    }

    /// The readiness ticking catalog item `item` alone would add (0 for done, skipped and other items).
    pub(crate) fn gain(&self, item: usize) -> f64 {
        self.gaps.iter().find(|gap| gap.item == item).map_or(0.0, |gap| gap.gain)
    }

    /// The sentence that explains the score (see `explanation`).
    pub fn explanation(&self, catalog: &Catalog) -> String {
        explanation(catalog, &self.score, &self.gaps)
    }
}

/// One target's standing, for the side-by-side comparison of targets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Standing<'a> {
    pub target: &'a Target,
    pub score: Score,
    /// The top gap: what it needs next.
    pub next: Option<Gap>,
}

/// Every target of the catalog scored over the same statuses, in the catalog's order of targets.
pub(crate) fn standings<'a>(catalog: &'a Catalog, statuses: &[Status]) -> Vec<Standing<'a>> {
    catalog
        .targets
        .iter()
        .map(|target| {
            let score = score(catalog, statuses, target);
            let next = gaps(catalog, statuses, &score, target).first().copied();
            Standing { target, score, next }
        })
        .collect()
}

/// Statuses of all catalog items, in catalog order.
pub(crate) fn statuses(catalog: &Catalog, progress: &Progress) -> Vec<Status> {
    catalog.items.iter().map(|item| progress.status(item)).collect()
}

/// The score of `statuses` (as from `statuses`) over the items of `target`.
pub fn score(catalog: &Catalog, statuses: &[Status], target: &Target) -> Score {
    let mut stages = [StageScore::default(); 6];
    let mut open: [Vec<level::Open>; 6] = Default::default();
    for (index, (item, &status)) in catalog.items.iter().zip(statuses).enumerate() {
        if !target.contains(index) {
            continue;
        }
        let stage = &mut stages[item.stage.index()];
        if status == Status::Skipped {
            stage.skipped += 1;
            continue;
        }
        let core = item.weight == Weight::Core;
        stage.applicable += 1;
        stage.applicable_weight += item.weight.points();
        stage.core_applicable += usize::from(core);
        match status {
            Status::Done => {
                stage.done += 1;
                stage.done_weight += item.weight.points();
                stage.core_done += usize::from(core);
            }
            Status::Learning => stage.learning += 1,
            Status::Todo | Status::Skipped => {}
        }
        if status != Status::Done {
            open[item.stage.index()].push(level::Open { item: index, core, points: item.weight.points() });
        }
    }
    let readiness = readiness_of(stages.iter().map(StageScore::coverage));
    // Among equally weak stages, the smallest holds readiness back most: each of its ticks moves it furthest.
    let limiting = Stage::ALL
        .into_iter()
        .filter_map(|s| stages[s.index()].coverage().map(|c| (s, c, stages[s.index()].applicable_weight)))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)))
        .map(|(s, _, _)| s);
    let standing = level::standing(&stages, &open);
    Score {
        readiness,
        limiting,
        level: standing.level,
        except: standing.except,
        next_level: standing.next,
        done: stages.iter().map(|s| s.done).sum(),
        applicable: stages.iter().map(|s| s.applicable).sum(),
        total: target.len(),
        stages,
    }
}
