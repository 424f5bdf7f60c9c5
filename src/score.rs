//! The full-lifecycle readiness score: pure functions of a catalog and progress.
//!
//! - A stage's coverage = weight of its done items / weight of its applicable (not skipped) items.
//! - Readiness (0-100) = the harmonic mean of the coverages of the stages that have applicable items:
//!   like a chain, the weakest stage holds it back, and a stage at 0 gives 0.
//! - The level counts how far along the lifecycle the stages are at least half covered.
//! - Gaps are the open items ranked by how much ticking each would raise readiness.

use crate::catalog::Catalog;
use crate::progress::{Progress, Status};
use crate::{Stage, Weight};

/// Coverage needed for a stage to count towards a level.
pub const LEVEL_THRESHOLD: f64 = 0.5;
/// Coverage every stage needs for the top level.
pub const FULL_CYCLE_THRESHOLD: f64 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Localhost = 0,
    BuildsAndTests = 1,
    Ships = 2,
    RunsInProduction = 3,
    Observed = 4,
    Recoverable = 5,
    FullCycle = 6,
}

impl Level {
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Localhost => "Localhost",
            Level::BuildsAndTests => "Builds and tests",
            Level::Ships => "Ships",
            Level::RunsInProduction => "Runs in production",
            Level::Observed => "Observed",
            Level::Recoverable => "Recoverable",
            Level::FullCycle => "Full-cycle",
        }
    }

    /// What reaching the next level takes, in a sentence.
    pub fn next_step(self) -> &'static str {
        match self {
            Level::Localhost => "Reach 50% in Build and Test to build and test with confidence.",
            Level::BuildsAndTests => "Reach 50% in Ship to get your app to real users.",
            Level::Ships => "Reach 50% in Run to keep it running in production.",
            Level::RunsInProduction => "Reach 50% in Observe to see what it does there.",
            Level::Observed => "Reach 50% in Recover to bring it back when it breaks.",
            Level::Recoverable => "Reach 90% in every stage for the full cycle.",
            Level::FullCycle => "Every stage is at 90% or more.",
        }
    }
}

/// One stage's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageScore {
    pub done_weight: u64,
    pub applicable_weight: u64,
    pub done: usize,
    pub learning: usize,
    pub applicable: usize,
    pub skipped: usize,
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
    /// Indexed by [`Stage::index`].
    pub stages: [StageScore; 6],
    /// 0..=100.
    pub readiness: f64,
    /// The applicable stage with the lowest coverage (the first of equals in lifecycle order).
    pub limiting: Option<Stage>,
    pub level: Level,
    pub done: usize,
    pub applicable: usize,
    pub total: usize,
}

impl Score {
    pub fn stage(&self, stage: Stage) -> &StageScore {
        &self.stages[stage.index()]
    }

    /// Done / applicable items, in percent (0 when nothing is applicable).
    pub fn overall_percent(&self) -> f64 {
        if self.applicable == 0 { 0.0 } else { self.done as f64 * 100.0 / self.applicable as f64 }
    }
}

/// Readiness in 0..=100 from per-stage coverages (`None` = stage left out).
pub fn readiness_of(coverages: impl IntoIterator<Item = Option<f64>>) -> f64 {
    let mut count = 0usize;
    let mut reciprocal_sum = 0.0;
    for coverage in coverages.into_iter().flatten() {
        if coverage <= 0.0 {
            return 0.0;
        }
        count += 1;
        reciprocal_sum += 1.0 / coverage;
    }
    if count == 0 { 0.0 } else { (100.0 * count as f64 / reciprocal_sum).min(100.0) }
}

fn level_of(stages: &[StageScore; 6]) -> Level {
    let meets = |stage: Stage, threshold: f64| stages[stage.index()].coverage().is_none_or(|c| c >= threshold);
    if stages.iter().all(|s| s.applicable == 0) {
        return Level::Localhost;
    }
    if Stage::ALL.iter().all(|&s| meets(s, FULL_CYCLE_THRESHOLD)) {
        return Level::FullCycle;
    }
    let ladder = [
        (&[Stage::Build, Stage::Test][..], Level::BuildsAndTests),
        (&[Stage::Ship][..], Level::Ships),
        (&[Stage::Run][..], Level::RunsInProduction),
        (&[Stage::Observe][..], Level::Observed),
        (&[Stage::Recover][..], Level::Recoverable),
    ];
    let mut level = Level::Localhost;
    for (needed, reached) in ladder {
        if needed.iter().all(|&s| meets(s, LEVEL_THRESHOLD)) {
            level = reached;
        } else {
            break;
        }
    }
    level
}

/// Where a person stands over a catalog: each item's status, the score, and the ranked gaps, computed
/// together once per change of progress and shared by the views and reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Status of each catalog item, in catalog order.
    pub statuses: Vec<Status>,
    pub score: Score,
    /// Open items, best first (see [`gaps`]).
    pub gaps: Vec<Gap>,
}

impl Assessment {
    pub fn of(catalog: &Catalog, progress: &Progress) -> Assessment {
        let statuses = statuses(catalog, progress);
        let score = score(catalog, &statuses);
        let gaps = gaps(catalog, &statuses, &score);
        Assessment { statuses, score, gaps }
    }

    /// The status of catalog item `item` (to do for an index out of range).
    pub fn status(&self, item: usize) -> Status {
        self.statuses.get(item).copied().unwrap_or_default()
    }

    /// The readiness ticking catalog item `item` alone would add (0 for done and skipped items).
    pub fn gain(&self, item: usize) -> f64 {
        self.gaps.iter().find(|gap| gap.item == item).map_or(0.0, |gap| gap.gain)
    }

    /// The sentence that explains the score (see [`explanation`]).
    pub fn explanation(&self, catalog: &Catalog) -> String {
        explanation(catalog, &self.score, self.gaps.first())
    }
}

/// Statuses of all catalog items, in catalog order.
pub fn statuses(catalog: &Catalog, progress: &Progress) -> Vec<Status> {
    catalog.items.iter().map(|item| progress.status(item)).collect()
}

/// The score of `statuses` (as from [`statuses`]) over `catalog`.
pub fn score(catalog: &Catalog, statuses: &[Status]) -> Score {
    let mut stages = [StageScore::default(); 6];
    for (item, &status) in catalog.items.iter().zip(statuses) {
        let stage = &mut stages[item.stage.index()];
        match status {
            Status::Skipped => stage.skipped += 1,
            other => {
                stage.applicable += 1;
                stage.applicable_weight += item.weight.points();
                match other {
                    Status::Done => {
                        stage.done += 1;
                        stage.done_weight += item.weight.points();
                    }
                    Status::Learning => stage.learning += 1,
                    _ => {}
                }
            }
        }
    }
    let readiness = readiness_of(stages.iter().map(StageScore::coverage));
    let limiting = Stage::ALL
        .into_iter()
        .filter_map(|s| stages[s.index()].coverage().map(|c| (s, c)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s);
    Score {
        readiness,
        limiting,
        level: level_of(&stages),
        done: stages.iter().map(|s| s.done).sum(),
        applicable: stages.iter().map(|s| s.applicable).sum(),
        total: catalog.items.len(),
        stages,
    }
}

/// One open item and what ticking it would add.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// Index into [`Catalog::items`].
    pub item: usize,
    /// Readiness points ticking this item alone would add.
    pub gain: f64,
}

/// Gains closer than this are ties, so the ranking does not hinge on rounding noise.
const GAIN_RESOLUTION: f64 = 1e-9;

/// What gaps are ranked by, after the gain: the weaker stage first, then the heavier item, then the
/// earlier stage.
struct GapKey {
    /// The gain in units of [`GAIN_RESOLUTION`], so gains equal to the shown precision tie.
    gain: i64,
    coverage: f64,
    weight: Weight,
    stage: Stage,
}

/// The open items (not done, not skipped), best first: the largest readiness gain; among equal gains
/// the item of the weakest stage, then the higher weight, then the earlier stage, then catalog order.
pub fn gaps(catalog: &Catalog, statuses: &[Status], score: &Score) -> Vec<Gap> {
    let coverages: [Option<f64>; 6] = std::array::from_fn(|i| score.stages[i].coverage());
    let zero_stages = coverages.iter().flatten().filter(|&&c| c <= 0.0).count();
    let count = coverages.iter().flatten().count() as f64;
    let reciprocal_sum: f64 = coverages.iter().flatten().filter(|&&c| c > 0.0).map(|c| 1.0 / c).sum();

    let gain_of = |stage: Stage, weight: Weight| -> f64 {
        let s = &score.stages[stage.index()];
        let coverage = (s.done_weight + weight.points()) as f64 / s.applicable_weight as f64;
        let old = coverages[stage.index()].unwrap_or(0.0);
        let new_readiness = if old <= 0.0 {
            // The stage leaves the zero group; readiness stays 0 while another stage is still at 0.
            if zero_stages > 1 {
                return 0.0;
            }
            100.0 * count / (reciprocal_sum + 1.0 / coverage)
        } else if zero_stages > 0 {
            return 0.0;
        } else {
            100.0 * count / (reciprocal_sum - 1.0 / old + 1.0 / coverage)
        };
        (new_readiness.min(100.0) - score.readiness).max(0.0)
    };

    // The sort key is computed once per gap, so sorting never reaches back into the catalog (at 100,000
    // items those scattered reads, not the comparisons, were the cost).
    let mut found: Vec<(GapKey, Gap)> = catalog
        .items
        .iter()
        .zip(statuses)
        .enumerate()
        .filter(|(_, (_, status))| matches!(status, Status::Todo | Status::Learning))
        .map(|(index, (item, _))| {
            let gain = gain_of(item.stage, item.weight);
            let key = GapKey {
                gain: (gain / GAIN_RESOLUTION).round() as i64,
                coverage: coverages[item.stage.index()].unwrap_or(0.0),
                weight: item.weight,
                stage: item.stage,
            };
            (key, Gap { item: index, gain })
        })
        .collect();
    found.sort_by(|(ka, a), (kb, b)| {
        kb.gain
            .cmp(&ka.gain)
            .then_with(|| ka.coverage.total_cmp(&kb.coverage))
            .then_with(|| ka.weight.cmp(&kb.weight))
            // Equally weak stages go in lifecycle order, so the first gap is in the limiting stage.
            .then_with(|| ka.stage.cmp(&kb.stage))
            .then_with(|| a.item.cmp(&b.item))
    });
    found.into_iter().map(|(_, gap)| gap).collect()
}

/// The sentence that explains the score: "Limited by Recover (12%). Next: <top gap>".
pub fn explanation(catalog: &Catalog, score: &Score, top_gap: Option<&Gap>) -> String {
    let Some(limiting) = score.limiting else {
        return "Nothing to measure yet: every item is skipped or no checklist is loaded.".to_owned();
    };
    let percent = score.stage(limiting).percent().unwrap_or(0.0);
    let mut sentence = format!("Limited by {limiting} ({percent:.0}%).");
    match top_gap {
        Some(gap) => {
            sentence.push_str(&format!(" Next: {}", catalog.items[gap.item].title));
            if !sentence.ends_with(['.', '!', '?']) {
                sentence.push('.');
            }
        }
        None => return "Every applicable item is done: ready for the whole lifecycle.".to_owned(),
    }
    sentence
}

/// What ticking one item of `stage` would do to readiness, for the item's detail. `gain` is the item's
/// [`Gap::gain`]. A gain of 0 needs saying why: readiness counts a stage at 0% as not ready at all.
pub fn gain_sentence(score: &Score, stage: Stage, gain: f64) -> String {
    if gain >= 0.05 {
        return format!("Ticking it adds {gain:.1} readiness points now.");
    }
    let others_at_zero: Vec<&str> = Stage::ALL
        .into_iter()
        .filter(|&other| other != stage && score.stage(other).coverage() == Some(0.0))
        .map(Stage::name)
        .collect();
    match others_at_zero.as_slice() {
        [] => "Ticking it adds less than 0.1 readiness points now.".to_owned(),
        [one] => format!("Readiness stays 0 while {one} is at 0%; ticking it still moves {stage} forward."),
        [rest @ .., last] => format!(
            "Readiness stays 0 while {} and {last} are at 0%; ticking it still moves {stage} forward.",
            rest.join(", ")
        ),
    }
}

/// Readiness and items done right after one moment of the history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelinePoint {
    pub at: chrono::DateTime<chrono::Utc>,
    pub readiness: f64,
    pub done: usize,
}

/// Replays the status history over the catalog, one point per moment that changed something.
/// Linear in the history: each event updates one stage's sums. Events of unknown items are skipped.
pub fn timeline(catalog: &Catalog, history: &[crate::progress::HistoryEvent]) -> Vec<TimelinePoint> {
    let mut stages = [StageScore::default(); 6];
    for item in &catalog.items {
        let stage = &mut stages[item.stage.index()];
        stage.applicable += 1;
        stage.applicable_weight += item.weight.points();
    }
    let mut points: Vec<TimelinePoint> = Vec::new();
    let mut done = 0usize;
    for event in history {
        let Some(index) = catalog.item_index(&event.item) else { continue };
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
        let point =
            TimelinePoint { at: event.at, readiness: readiness_of(stages.iter().map(StageScore::coverage)), done };
        match points.last_mut() {
            Some(last) if last.at == event.at => *last = point,
            _ => points.push(point),
        }
    }
    points
}
