//! Levels: how far along the lifecycle a person's basics reach. Each level adds one stage, in order, and
//! a stage counts once it is *in hand*: every Core item of it done (a stage without Core items: half of it
//! by weight). So a learner who has done every Core item of a target is at least Recoverable.
//!
//! Two rules keep a level true to its evidence (issue 27):
//! - A stage with nothing applicable in the target neither lifts nor holds back a level: a target of one
//!   Run item is Localhost until that item is done, then Runs in production.
//! - One Core item in all may stay open below the level, in a stage that has another Core item done, and
//!   every verdict names it ("Recoverable, except: Each deploy is checked on the live site"). A project
//!   with every Core item of five stages done is not "Localhost" for one open item of the sixth; a
//!   second open item, or a stage with none done, holds the level back.

use super::{Score, StageScore};
use crate::Stage;
use crate::catalog::Catalog;

/// Coverage a stage without Core items needs to be in hand.
pub(crate) const LEVEL_THRESHOLD: f64 = 0.5;
/// Coverage every stage needs for the top level.
pub(crate) const FULL_CYCLE_THRESHOLD: f64 = 0.9;

/// The rungs of the ladder: the stages each level adds, in order.
const LADDER: [(&[Stage], Level); 5] = [
    (&[Stage::Build, Stage::Test], Level::BuildsAndTests),
    (&[Stage::Ship], Level::Ships),
    (&[Stage::Run], Level::RunsInProduction),
    (&[Stage::Observe], Level::Observed),
    (&[Stage::Recover], Level::Recoverable),
];

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
    pub(crate) const ALL: [Level; 7] = [
        Level::Localhost,
        Level::BuildsAndTests,
        Level::Ships,
        Level::RunsInProduction,
        Level::Observed,
        Level::Recoverable,
        Level::FullCycle,
    ];

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

    /// What the level means, in one line (the README's table and the window's help say the same).
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Level::Localhost => "The Core items of Build and Test are not all done yet.",
            Level::BuildsAndTests => "Every Core item of Build and Test is done: you build and test with confidence.",
            Level::Ships => "Ship's Core items too: you get your app to real users.",
            Level::RunsInProduction => "Run's Core items too: you keep it running in production.",
            Level::Observed => "Observe's Core items too: you see what it does there.",
            Level::Recoverable => "Recover's Core items too: you bring it back when it breaks.",
            Level::FullCycle => "Every stage is at least 90% done: the whole lifecycle.",
        }
    }
}

impl StageScore {
    /// Whether the stage counts toward a level: it has something applicable, and every applicable Core
    /// item is done or, in a stage without Core items, half of it by weight.
    pub fn in_hand(&self) -> bool {
        if self.applicable == 0 {
            false
        } else if self.core_applicable > 0 {
            self.core_done == self.core_applicable
        } else {
            self.coverage().is_some_and(|c| c >= LEVEL_THRESHOLD)
        }
    }
}

impl Score {
    /// ", except: Its server takes SSH keys only" when a Core item is let pass below the level (said
    /// right after the level's name, wherever it is said); empty otherwise.
    pub fn except_clause(&self, catalog: &Catalog) -> String {
        self.except.map_or_else(String::new, |item| {
            format!(", except: {}", catalog.items[item].title.trim_end_matches(['.', '!', '?']))
        })
    }

    /// What the next level needs, naming the items: "Level 1, Builds and tests, needs 8 items: Write a
    /// Dockerfile, Use Git, Write tests and 5 more." Names the item let pass below the level, if any.
    pub fn next_level_sentence(&self, catalog: &Catalog) -> String {
        let title = |item: usize| catalog.items[item].title.trim_end_matches(['.', '!', '?']).to_owned();
        let mut sentence = match &self.next_level {
            None if self.level == Level::FullCycle => "Every stage is at 90% or more: the whole lifecycle.".to_owned(),
            None if self.applicable == 0 => "Nothing to reach yet: no item of this target is applicable.".to_owned(),
            None => "Every stage this target covers is in hand; it has no items for the stages after it.".to_owned(),
            Some(next) => {
                let mut names: Vec<String> = next.missing.iter().take(3).map(|&i| title(i)).collect();
                let more = next.missing.len().saturating_sub(names.len());
                if more > 0 {
                    names.push(format!("{more} more"));
                }
                let list = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                    _ => names.concat(),
                };
                let count = next.missing.len();
                let items = if count == 1 { "1 item".to_owned() } else { format!("{count} items") };
                // The count is never more than the level asks: the last of them may be let pass.
                let items = if next.one_may_stay_open { format!("{items} (one may stay open)") } else { items };
                format!("Level {}, {}, needs {items}: {list}.", next.level.number(), next.level.name())
            }
        };
        // The item let pass is named with the level ("Recoverable, except: …"); here too unless the list
        // above already names it.
        let named =
            self.next_level.as_ref().is_some_and(|next| next.missing.iter().take(3).any(|&i| Some(i) == self.except));
        if let Some(item) = self.except.filter(|_| !named) {
            let stage = catalog.items[item].stage;
            sentence.push_str(&format!(
                " {stage} counts with one Core item still open, which every level above needs: {}.",
                title(item)
            ));
        }
        sentence
    }
}

/// What the next level needs: the level, and open items (catalog indices) that together reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLevel {
    pub level: Level,
    pub missing: Vec<usize>,
    /// The allowance is unused and a stage waited for has another Core item: once the rest are done,
    /// the last open Core item of it may stay open, named.
    pub one_may_stay_open: bool,
}

/// The level of a score, the Core item it lets pass, and what the next level needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Standing {
    pub level: Level,
    pub except: Option<usize>,
    pub next: Option<NextLevel>,
}

/// An applicable item of the target that is not done: its catalog index and weight points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Open {
    pub item: usize,
    pub core: bool,
    pub points: u64,
}

/// The level of `stages`, given each stage's open items (`open`, by `Stage::index`, in catalog order).
pub(super) fn standing(stages: &[StageScore; 6], open: &[Vec<Open>; 6]) -> Standing {
    let mut level = Level::Localhost;
    let mut except = None;
    for (needed, reached) in LADDER {
        let present: Vec<Stage> = needed.iter().copied().filter(|s| stages[s.index()].applicable > 0).collect();
        if present.is_empty() {
            // Nothing to measure here: this stage neither lifts nor holds back the level.
            continue;
        }
        let mut missing = Vec::new();
        let mut excusable = None;
        let mut waits_on_a_stage_of_several = false;
        for stage in present {
            let score = &stages[stage.index()];
            if score.in_hand() {
                continue;
            }
            let core_open: Vec<usize> = open[stage.index()].iter().filter(|o| o.core).map(|o| o.item).collect();
            match core_open[..] {
                [one] if except.is_none() && excusable.is_none() && score.core_done > 0 => excusable = Some(one),
                _ => {
                    waits_on_a_stage_of_several |= score.core_applicable >= 2;
                    missing.extend(to_reach(score, &open[stage.index()], LEVEL_THRESHOLD));
                }
            }
        }
        if !missing.is_empty() {
            let one_may_stay_open = except.is_none() && excusable.is_none() && waits_on_a_stage_of_several;
            let next = NextLevel { level: reached, missing, one_may_stay_open };
            return Standing { level, except, next: Some(next) };
        }
        level = reached;
        except = except.or(excusable);
    }
    if level != Level::Recoverable {
        // The stages after this level have nothing in this target (or none has anything): the full
        // cycle is not claimed for a target that does not cover it.
        return Standing { level, except, next: None };
    }
    full_cycle(stages, open, level, except)
}

/// The top level: every applicable stage in hand (no exception) and at least 90% done.
fn full_cycle(stages: &[StageScore; 6], open: &[Vec<Open>; 6], level: Level, except: Option<usize>) -> Standing {
    let mut missing: Vec<usize> = except.into_iter().collect();
    for stage in Stage::ALL {
        let score = &stages[stage.index()];
        if score.applicable > 0 && score.coverage().is_some_and(|c| c < FULL_CYCLE_THRESHOLD) {
            missing.extend(to_reach(score, &open[stage.index()], FULL_CYCLE_THRESHOLD).filter(|i| Some(*i) != except));
        }
    }
    if missing.is_empty() {
        Standing { level: Level::FullCycle, except: None, next: None }
    } else {
        Standing { level, except, next: Some(NextLevel { level: Level::FullCycle, missing, one_may_stay_open: false }) }
    }
}

/// Open items of a stage that together put it in hand: every open Core item, or, in a stage without
/// Core items (or for the top level), the heaviest open items until `threshold` of its weight is done.
fn to_reach<'a>(score: &StageScore, open: &'a [Open], threshold: f64) -> impl Iterator<Item = usize> + 'a {
    let core_rule = score.core_applicable > 0 && threshold == LEVEL_THRESHOLD;
    let mut by_weight: Vec<&Open> = open.iter().filter(|o| !core_rule || o.core).collect();
    by_weight.sort_by(|a, b| b.core.cmp(&a.core).then(b.points.cmp(&a.points)).then(a.item.cmp(&b.item)));
    let target = (threshold * score.applicable_weight as f64).ceil() as u64;
    let mut done = score.done_weight;
    by_weight
        .into_iter()
        .take_while(move |o| {
            let needed = core_rule || done < target;
            done += o.points;
            needed
        })
        .map(|o| o.item)
}
