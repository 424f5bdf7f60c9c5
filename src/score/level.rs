//! Levels: how far along the lifecycle a person's basics reach. Each level adds one stage, in order, and
//! a stage counts once it is *in hand*: every Core item of it done (a stage without Core items: half of it
//! by weight). So a learner who has done every Core item of a target is at least Recoverable.

use super::StageScore;
use crate::Stage;

/// Coverage a stage without Core items needs to be in hand.
pub(crate) const LEVEL_THRESHOLD: f64 = 0.5;
/// Coverage every stage needs for the top level.
pub(crate) const FULL_CYCLE_THRESHOLD: f64 = 0.9;

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

    pub(crate) fn number(self) -> u8 {
        self as u8
    }

    pub(crate) fn name(self) -> &'static str {
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
            Level::Localhost => "It runs on your laptop; the Core items of Build and Test are not all done yet.",
            Level::BuildsAndTests => "Every Core item of Build and Test is done: you build and test with confidence.",
            Level::Ships => "Ship's Core items too: you get your app to real users.",
            Level::RunsInProduction => "Run's Core items too: you keep it running in production.",
            Level::Observed => "Observe's Core items too: you see what it does there.",
            Level::Recoverable => "Recover's Core items too: you bring it back when it breaks.",
            Level::FullCycle => "Every stage is at least 90% done: the whole lifecycle.",
        }
    }

    /// What reaching the next level takes, in a sentence.
    pub(crate) fn next_step(self) -> &'static str {
        match self {
            Level::Localhost => "Finish the Core items of Build and Test to build and test with confidence.",
            Level::BuildsAndTests => "Finish the Core items of Ship to get your app to real users.",
            Level::Ships => "Finish the Core items of Run to keep it running in production.",
            Level::RunsInProduction => "Finish the Core items of Observe to see what it does there.",
            Level::Observed => "Finish the Core items of Recover to bring it back when it breaks.",
            Level::Recoverable => "Reach 90% in every stage for the full cycle.",
            Level::FullCycle => "Every stage is at 90% or more.",
        }
    }
}

impl StageScore {
    /// Whether the stage counts toward a level: every applicable Core item is done, or, in a stage
    /// without Core items, half of it by weight. A stage with nothing applicable is in hand.
    pub(crate) fn in_hand(&self) -> bool {
        if self.applicable == 0 {
            true
        } else if self.core_applicable > 0 {
            self.core_done == self.core_applicable
        } else {
            self.coverage().is_some_and(|c| c >= LEVEL_THRESHOLD)
        }
    }
}

pub(super) fn level_of(stages: &[StageScore; 6]) -> Level {
    if stages.iter().all(|s| s.applicable == 0) {
        return Level::Localhost;
    }
    let at_least = |s: &StageScore, threshold: f64| s.coverage().is_none_or(|c| c >= threshold);
    if stages.iter().all(|s| s.in_hand() && at_least(s, FULL_CYCLE_THRESHOLD)) {
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
        if needed.iter().all(|&s| stages[s.index()].in_hand()) {
            level = reached;
        } else {
            break;
        }
    }
    level
}
