//! Each done item's place in FSRS, replayed from the progress: the tick that made it done counts as its
//! first successful recall, and each review since moves its memory state. What comes out is the day
//! FSRS would review it again (its *ideal* day); [`super::plan`] spreads those days under the daily limit.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use fsrs::{FSRS, MemoryState};
use xxhash_rust::xxh3::xxh3_64;

use super::{Rating, ReviewSettings};
use crate::catalog::Catalog;
use crate::progress::{Progress, ReviewEvent, Status, StatusDates};

/// The longest wait between two practices: a skill untouched for a year is worth a look whatever the
/// model says.
pub const MAX_INTERVAL_DAYS: u32 = 365;

/// The first reviews are spread over this many days after FSRS's first interval, each item on a day of
/// its own id's choosing: a hundred items ticked in one evening never fall due together, and ticking one
/// more moves none of the others.
pub const FIRST_SPREAD_DAYS: u64 = 28;

/// Where one done item stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The item's place in the catalog.
    pub item: usize,
    /// Since when the item has been done; reviews before it (an earlier time it was done) do not count.
    pub done_since: DateTime<Utc>,
    pub last_reviewed: Option<DateTime<Utc>>,
    pub last_rating: Option<Rating>,
    /// Reviews since it was done, and how many of them were *Again*.
    pub reviews: u32,
    pub lapses: u32,
    /// FSRS's memory state: days until recall falls to 90%, and how hard the item is (1 to 10).
    pub stability: f32,
    pub difficulty: f32,
    /// The day FSRS would have it reviewed: recall has fallen to the chosen retention.
    pub ideal: NaiveDate,
}

impl Schedule {
    /// When the item was last practised: its last review, or when it was done.
    pub fn last_practised(&self) -> DateTime<Utc> {
        self.last_reviewed.unwrap_or(self.done_since)
    }
}

/// The schedule of every done item of `catalog`, in catalog order; none when reviews are off. Days are
/// the person's, in time zone `zone` (each date with the offset it had then).
pub fn schedules<Zone: TimeZone>(
    catalog: &Catalog,
    progress: &Progress,
    dates: &StatusDates,
    settings: &ReviewSettings,
    zone: &Zone,
) -> Vec<Schedule> {
    if !settings.enabled {
        return Vec::new();
    }
    let mut by_item: HashMap<&str, Vec<&ReviewEvent>> = HashMap::new();
    for review in &progress.reviews {
        by_item.entry(review.item.as_str()).or_default().push(review);
    }
    let fsrs = FSRS::default();
    let day = |at: DateTime<Utc>| at.with_timezone(zone).date_naive();
    let mut found = Vec::new();
    for (index, item) in catalog.items.iter().enumerate() {
        let Some(stored) = progress.get(item).filter(|p| p.status == Status::Done) else { continue };
        let done_since = progress.status_since(item, dates).unwrap_or(stored.changed);
        let mut reviews: Vec<&ReviewEvent> = std::iter::once(&item.full_id)
            .chain(&item.aliases)
            .filter_map(|id| by_item.get(id.as_str()))
            .flatten()
            .filter(|review| review.at >= done_since)
            .copied()
            .collect();
        reviews.sort_by_key(|review| review.at);
        let replayed = replay(&fsrs, settings.retention as f32, day(done_since), &reviews, day);
        let mut ideal = replayed.ideal;
        if reviews.is_empty() {
            ideal = later(ideal, xxh3_64(item.full_id.as_bytes()) % FIRST_SPREAD_DAYS);
        }
        found.push(Schedule {
            item: index,
            done_since,
            last_reviewed: reviews.last().map(|review| review.at),
            last_rating: reviews.last().map(|review| review.rating),
            reviews: u32::try_from(reviews.len()).unwrap_or(u32::MAX),
            lapses: u32::try_from(reviews.iter().filter(|r| r.rating == Rating::Again).count()).unwrap_or(u32::MAX),
            stability: replayed.memory.stability,
            difficulty: replayed.memory.difficulty,
            ideal,
        });
    }
    found
}

struct Replayed {
    memory: MemoryState,
    ideal: NaiveDate,
}

/// The memory state after the tick on `done_day` (a first recall rated *Good*) and each of `reviews`.
fn replay(
    fsrs: &FSRS,
    retention: f32,
    done_day: NaiveDate,
    reviews: &[&ReviewEvent],
    day: impl Fn(DateTime<Utc>) -> NaiveDate,
) -> Replayed {
    let mut state = step(fsrs, None, retention, 0, Rating::Good);
    let mut last_day = done_day;
    for review in reviews {
        let review_day = day(review.at);
        let elapsed = u32::try_from((review_day - last_day).num_days()).unwrap_or(0);
        state = step(fsrs, Some(state.0), retention, elapsed, review.rating);
        last_day = review_day;
    }
    let (memory, interval) = state;
    // Rounded as FSRS's own examples do; at least a day, at most a year.
    let days = (interval.round() as u32).clamp(1, MAX_INTERVAL_DAYS);
    Replayed { memory, ideal: later(last_day, u64::from(days)) }
}

/// `days` after `day`, or the last day there is: a date read from a file may be near the end of time.
pub(super) fn later(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// FSRS's next memory state and interval (in days) after a recall rated `rating`, `elapsed` days after
/// the last. A state the model cannot continue from (not finite) starts again as a first recall.
fn step(fsrs: &FSRS, memory: Option<MemoryState>, retention: f32, elapsed: u32, rating: Rating) -> (MemoryState, f32) {
    let next = fsrs.next_states(memory, retention, elapsed).or_else(|_| fsrs.next_states(None, retention, 0));
    match next {
        Ok(states) => {
            let state = match rating {
                Rating::Again => states.again,
                Rating::Hard => states.hard,
                Rating::Good => states.good,
                Rating::Easy => states.easy,
            };
            (state.memory, state.interval)
        }
        // Only non-finite parameters fail, and the defaults are finite: a day keeps the item in view.
        Err(_) => (MemoryState { stability: 1.0, difficulty: 5.0 }, 1.0),
    }
}
