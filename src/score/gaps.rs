//! Gaps: the open items of the target, ranked by how much ticking each would raise readiness, and the
//! sentences that explain the score and an item's gain.

use super::{Score, readiness_from, reciprocal};
use crate::catalog::Catalog;
use crate::progress::Status;
use crate::target::Target;
use crate::{Stage, Weight};

/// One open item and what ticking it would add.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// Index into [`Catalog::items`].
    pub item: usize,
    /// Readiness points ticking this item alone would add: the true change of the score.
    pub gain: f64,
}

/// Gains closer than this are ties, so the ranking does not hinge on rounding noise.
const GAIN_RESOLUTION: f64 = 1e-9;

/// What gaps are ranked by, after the gain: the weaker stage first, then the heavier item, then the
/// earlier stage.
struct GapKey {
    /// The next level needs this item: those come first.
    needed: bool,
    /// The gain in units of [`GAIN_RESOLUTION`], so gains equal to the shown precision tie.
    gain: i64,
    /// The item's stage is the limiting one: of equal gains, its items come first.
    limiting: bool,
    coverage: f64,
    weight: Weight,
    stage: Stage,
}

/// The open items of `target` (not done, not skipped), best first: those the next level needs, then the
/// rest; within each, the largest readiness gain; among equal gains the item of the limiting stage, then
/// of the weakest stage, then the higher weight, then the earlier stage, then catalog order.
pub(crate) fn gaps(catalog: &Catalog, statuses: &[Status], score: &Score, target: &Target) -> Vec<Gap> {
    let coverages: [Option<f64>; 6] = std::array::from_fn(|i| score.stages[i].coverage());
    let count = coverages.iter().flatten().count();
    let reciprocal_sum: f64 = coverages.iter().flatten().map(|&c| reciprocal(c)).sum();
    let gain_of = |stage: Stage, weight: Weight| -> f64 {
        let s = &score.stages[stage.index()];
        let old = coverages[stage.index()].unwrap_or(0.0);
        let new = (s.done_weight + weight.points()) as f64 / s.applicable_weight as f64;
        let readiness = readiness_from(count, reciprocal_sum - reciprocal(old) + reciprocal(new));
        (readiness - score.readiness).max(0.0)
    };
    // Whether the next level needs each catalog item, looked up once per gap (not searched for).
    let mut needed = vec![false; catalog.items.len()];
    for &item in score.next_level.iter().flat_map(|next| &next.missing) {
        needed[item] = true;
    }
    // The sort key is computed once per gap, so sorting never reaches back into the catalog.
    let mut found: Vec<(GapKey, Gap)> = catalog
        .items
        .iter()
        .zip(statuses)
        .enumerate()
        .filter(|(index, (_, status))| target.contains(*index) && matches!(status, Status::Todo | Status::Learning))
        .map(|(index, (item, _))| {
            let gain = gain_of(item.stage, item.weight);
            let key = GapKey {
                needed: needed[index],
                gain: (gain / GAIN_RESOLUTION).round() as i64,
                limiting: score.limiting == Some(item.stage),
                coverage: coverages[item.stage.index()].unwrap_or(0.0),
                weight: item.weight,
                stage: item.stage,
            };
            (key, Gap { item: index, gain })
        })
        .collect();
    found.sort_by(|(ka, a), (kb, b)| {
        kb.needed
            .cmp(&ka.needed)
            .then_with(|| kb.gain.cmp(&ka.gain))
            .then_with(|| kb.limiting.cmp(&ka.limiting))
            .then_with(|| ka.coverage.total_cmp(&kb.coverage))
            .then_with(|| ka.weight.cmp(&kb.weight))
            .then_with(|| ka.stage.cmp(&kb.stage))
            .then_with(|| a.item.cmp(&b.item))
    });
    found.into_iter().map(|(_, gap)| gap).collect()
}

/// The sentence that explains the score: "Limited by Recover (12%). Next: <top gap>." When the top gap
/// is in another stage (a small item there can add more than a big one in the weakest), it says so and
/// names the best step in the limiting stage too.
pub(crate) fn explanation(catalog: &Catalog, score: &Score, gaps: &[Gap]) -> String {
    let Some(limiting) = score.limiting else {
        return "Nothing to measure yet: every item of this target is skipped, or none is loaded.".to_owned();
    };
    let Some(top) = gaps.first() else {
        return "Every applicable item is done: ready for the whole lifecycle.".to_owned();
    };
    let percent = score.stage(limiting).percent().unwrap_or(0.0);
    let title = |gap: &Gap| catalog.items[gap.item].title.trim_end_matches(['.', '!', '?']).to_owned();
    // "Next" brings the next level closer: the item of those it needs that adds the most readiness.
    if let Some(next) = &score.next_level
        && let Some(step) = gaps.iter().find(|gap| next.missing.contains(&gap.item))
    {
        let stage = catalog.items[step.item].stage;
        let level = format!("Level {}, {}", next.level.number(), next.level.name());
        return format!(
            "Next: {} ({stage}), toward {level}. Readiness is held back most by {limiting} ({percent:.0}%).",
            title(step)
        );
    }
    let top_stage = catalog.items[top.item].stage;
    if top_stage == limiting {
        return format!("Limited by {limiting} ({percent:.0}%). Next: {}.", title(top));
    }
    let in_limiting = gaps.iter().find(|gap| catalog.items[gap.item].stage == limiting);
    let mut sentence =
        format!("Limited by {limiting} ({percent:.0}%). Next: {} ({top_stage}), the biggest step now", title(top));
    if let Some(gap) = in_limiting {
        sentence.push_str(&format!("; in {limiting}, start with {}", title(gap)));
    }
    sentence.push('.');
    sentence
}

/// What ticking an item would do to readiness, for the item's detail. `gain` is the item's [`Gap::gain`];
/// `in_target` whether the item counts toward the active target at all.
pub fn gain_sentence(gain: f64, in_target: bool, target: &str) -> String {
    if !in_target {
        format!("It is not part of {target}, so ticking it does not change this readiness.")
    } else if gain >= 0.05 {
        format!("Ticking it adds {gain:.1} readiness points now.")
    } else {
        "Ticking it adds less than 0.1 readiness points now.".to_owned()
    }
}
