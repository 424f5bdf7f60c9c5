//! The six lifecycle stages and the three item weights: the vocabulary every part of skillgap shares.

use serde::{Deserialize, Serialize};

/// A stage of the software lifecycle. Readiness is measured per stage, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    Build,
    Test,
    Ship,
    Run,
    Observe,
    Recover,
}

impl Stage {
    pub const ALL: [Stage; 6] = [Stage::Build, Stage::Test, Stage::Ship, Stage::Run, Stage::Observe, Stage::Recover];

    /// Position in [`Stage::ALL`], for per-stage arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The lowercase id used in JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Build => "build",
            Stage::Test => "test",
            Stage::Ship => "ship",
            Stage::Run => "run",
            Stage::Observe => "observe",
            Stage::Recover => "recover",
        }
    }

    /// What the stage covers, in a sentence (tooltips, the welcome, the README).
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Stage::Build => {
                "Build: write the code and make it build the same way everywhere (Git, config, containers)."
            }
            Stage::Test => "Test: know it works before users do (unit and integration tests, CI on every push).",
            Stage::Ship => "Ship: get it to real users safely (deploys, HTTPS, secrets, pipelines).",
            Stage::Run => "Run: keep it running on a server (Linux, services, updates, resources).",
            Stage::Observe => "Observe: see what it does in production (logs, metrics, uptime checks, alerts).",
            Stage::Recover => {
                "Recover: bring it back when it breaks (backups with tested restores, rollbacks, incidents)."
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Stage::Build => "Build",
            Stage::Test => "Test",
            Stage::Ship => "Ship",
            Stage::Run => "Run",
            Stage::Observe => "Observe",
            Stage::Recover => "Recover",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How much an item counts towards its stage's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum Weight {
    /// The basics of the list.
    Core,
    #[default]
    Recommended,
    Advanced,
}

impl Weight {
    pub const ALL: [Weight; 3] = [Weight::Core, Weight::Recommended, Weight::Advanced];

    /// Points in the coverage formula: Core 3, Recommended 2, Advanced 1.
    pub(crate) fn points(self) -> u64 {
        match self {
            Weight::Core => 3,
            Weight::Recommended => 2,
            Weight::Advanced => 1,
        }
    }

    /// What the weight means, in a sentence.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Weight::Core => "Core: a basic of the list. Counts 3 points; levels need every Core item of a stage.",
            Weight::Recommended => "Recommended: expected of someone at ease with the topic. Counts 2 points.",
            Weight::Advanced => "Advanced: beyond the basics, for later. Counts 1 point.",
        }
    }

    pub(crate) fn id(self) -> &'static str {
        match self {
            Weight::Core => "core",
            Weight::Recommended => "recommended",
            Weight::Advanced => "advanced",
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Weight::Core => "Core",
            Weight::Recommended => "Recommended",
            Weight::Advanced => "Advanced",
        }
    }
}

impl std::fmt::Display for Weight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
