//! Reviews: a skill ticked in March is not a skill in December. Every done item has a next review, when
//! the person redoes its proof task and says how it went; the rating moves the next date. The schedule
//! is FSRS's (the `fsrs` crate, as Anki uses it), replayed from the progress each time: the reviews are
//! events in the progress like status changes, so they are synced, backed up and undone like them, and
//! no side file holds a state that a sync could mangle.
//!
//! - [`schedule`]: each done item's memory state and the day FSRS would review it again.
//! - [`plan`]: those days spread under a daily limit, today's queue, and the share still fresh.

pub mod plan;
mod record;
pub mod schedule;

use serde::{Deserialize, Serialize};

pub use plan::{Plan, Planned};
pub use schedule::{Schedule, schedules};

/// How a review went: the person redid the item's proof task and rates their recall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// Forgot: could not redo it without help. The item comes back within days.
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The word for it on the command line and in files.
    pub fn id(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// What the rating means, as the window's buttons say it.
    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "Again (forgot)",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }

    /// The rating a word names (`again`, `hard`, `good`, `easy`, any case).
    pub fn parse(word: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|rating| rating.id().eq_ignore_ascii_case(word.trim()))
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The person's choices about reviews, kept in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewSettings {
    /// Off: no schedule, no queue, nothing in the header.
    pub enabled: bool,
    /// The chance of still recalling an item when it falls due (FSRS's desired retention).
    pub retention: f64,
    /// At most this many reviews a day; the rest wait their turn, oldest first.
    pub daily_limit: u32,
}

/// The retention a person may choose: below it reviews come too seldom to keep a skill, above it so often
/// that the queue never ends.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.70..=0.97;
/// The daily limit a person may choose.
pub const DAILY_LIMIT_RANGE: std::ops::RangeInclusive<u32> = 1..=100;

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings { enabled: true, retention: 0.9, daily_limit: 5 }
    }
}

impl ReviewSettings {
    /// What is wrong with these settings (as read from a file), said with the range that is allowed.
    pub fn problem(&self) -> Option<String> {
        if !RETENTION_RANGE.contains(&self.retention) {
            return Some(format!(
                "the review retention {} is outside {}..{}; 0.9 is the usual choice",
                self.retention,
                RETENTION_RANGE.start(),
                RETENTION_RANGE.end()
            ));
        }
        if !DAILY_LIMIT_RANGE.contains(&self.daily_limit) {
            return Some(format!(
                "the daily review limit {} is outside {}..{}; 5 is the usual choice",
                self.daily_limit,
                DAILY_LIMIT_RANGE.start(),
                DAILY_LIMIT_RANGE.end()
            ));
        }
        None
    }
}
