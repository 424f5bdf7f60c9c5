//! How a review changes the progress: one more event, or, for an undo, one fewer.

use chrono::{DateTime, Utc};

use super::Rating;
use crate::progress::{Progress, ReviewEvent};

impl Progress {
    /// Records a review of `item` at `now`, or with `undo` takes back its last review rated `rating`.
    /// A review of an item that is not done changes nothing: only done items have a schedule.
    pub(crate) fn apply_review(
        &mut self,
        item: &str,
        rating: Rating,
        undo: bool,
        is_done: bool,
        now: DateTime<Utc>,
    ) -> bool {
        if undo {
            let Some(index) = self.reviews.iter().rposition(|r| r.item == item && r.rating == rating) else {
                return false;
            };
            self.reviews.remove(index);
            return true;
        }
        if !is_done {
            return false;
        }
        // A review replayed by a merge keeps its time, so it goes before reviews saved meanwhile.
        let position = self.reviews.partition_point(|r| r.at <= now);
        self.reviews.insert(position, ReviewEvent { item: item.to_owned(), at: now, rating });
        true
    }
}
