//! The reviews laid out on days: each done item on its ideal day or, when that day is full, the first
//! later day with room, never more than the daily limit on one day (today's reviews already done count
//! against today). What waits, waits in order: the oldest ideal day first, then Core items, then the
//! catalog's order. Recomputed from the progress whenever it is asked, so it needs no file of its own.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};

use super::{ReviewSettings, Schedule, schedules};
use crate::Weight;
use crate::catalog::Catalog;
use crate::progress::Progress;

/// One done item and the day its review is planned for.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub schedule: Schedule,
    /// Today or later: the ideal day, or the first later one with room under the limit.
    pub due: NaiveDate,
}

/// Every done item's next review, planned from `today`.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub today: NaiveDate,
    /// Reviews a day (see [`ReviewSettings::daily_limit`]).
    pub limit: u32,
    /// Reviews already recorded today.
    pub reviewed_today: u32,
    /// Ordered by due day, then as they waited.
    pub planned: Vec<Planned>,
    /// Whether reviews are on at all.
    pub enabled: bool,
}

impl Plan {
    /// The plan for `progress` at `now`, in the person's days at `offset` from UTC.
    pub fn of(
        catalog: &Catalog,
        progress: &Progress,
        settings: &ReviewSettings,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> Plan {
        let found = schedules(catalog, progress, &progress.status_dates(), settings, offset);
        let today = now.with_timezone(&offset).date_naive();
        let reviewed_today = progress
            .reviews
            .iter()
            .filter(|review| review.at <= now && review.at.with_timezone(&offset).date_naive() == today)
            .count();
        let reviewed_today = u32::try_from(reviewed_today).unwrap_or(u32::MAX);
        let mut plan = Plan::lay_out(catalog, found, settings.daily_limit, today, reviewed_today);
        plan.enabled = settings.enabled;
        plan
    }

    /// Lays `schedules` out on days from `today`, at most `limit` a day.
    pub fn lay_out(
        catalog: &Catalog,
        mut found: Vec<Schedule>,
        limit: u32,
        today: NaiveDate,
        reviewed_today: u32,
    ) -> Plan {
        let rank = |weight: Weight| Weight::ALL.iter().position(|w| *w == weight).unwrap_or(Weight::ALL.len());
        found.sort_by_key(|s| (s.ideal, rank(catalog.items[s.item].weight), s.item));
        let room = |day: NaiveDate| if day == today { limit.saturating_sub(reviewed_today) } else { limit };
        let (mut day, mut used) = (today, 0);
        let mut planned = Vec::with_capacity(found.len());
        for schedule in found {
            let wanted = schedule.ideal.max(today);
            if wanted > day {
                (day, used) = (wanted, 0);
            }
            while used >= room(day) {
                (day, used) = (day + Days::new(1), 0);
            }
            used += 1;
            planned.push(Planned { schedule, due: day });
        }
        Plan { today, limit, reviewed_today, planned, enabled: true }
    }

    /// The reviews planned for `day`.
    pub fn on(&self, day: NaiveDate) -> impl Iterator<Item = &Planned> {
        self.planned.iter().filter(move |p| p.due == day)
    }

    /// Today's reviews: at most the daily limit, less those done today.
    pub fn due_today(&self) -> impl Iterator<Item = &Planned> {
        self.on(self.today)
    }

    /// Done items still within their schedule: their ideal day is today or later (a review waiting its
    /// turn under the limit past its ideal day is not).
    pub fn fresh(&self) -> usize {
        self.planned.iter().filter(|p| p.schedule.ideal >= self.today).count()
    }

    /// Done items practised (done or reviewed) at or after `since`.
    pub fn practised_since(&self, since: DateTime<Utc>) -> usize {
        self.planned.iter().filter(|p| p.schedule.last_practised() >= since).count()
    }
}
