//! The reviews laid out on days: each done item on its ideal day or, when that day is full, the first
//! later day with room, never more than the daily limit on one day (today's reviews already done count
//! against today). Items last rated *Again* are placed first, so a forgotten skill comes back within days
//! even behind a backlog; the others wait in order: the oldest ideal day first, then Core items, then the
//! catalog's order. Recomputed from the progress whenever it is asked, so it needs no file of its own.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::schedule::later;
use super::{Rating, ReviewSettings, Schedule, schedules};
use crate::Weight;
use crate::catalog::Catalog;
use crate::progress::{Progress, StatusDates};

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
    /// The plan for `progress` at `now`, in the person's days in time zone `zone`; `dates` are its
    /// [`Progress::status_dates`], which the window has computed already.
    pub fn of<Zone: TimeZone>(
        catalog: &Catalog,
        progress: &Progress,
        dates: &StatusDates,
        settings: &ReviewSettings,
        now: DateTime<Utc>,
        zone: &Zone,
    ) -> Plan {
        let found = schedules(catalog, progress, dates, settings, zone);
        let today = now.with_timezone(zone).date_naive();
        let reviewed_today = progress
            .reviews
            .iter()
            .filter(|review| review.at <= now && review.at.with_timezone(zone).date_naive() == today)
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
        let not_forgotten = |s: &Schedule| s.last_rating != Some(Rating::Again);
        found.sort_by_key(|s| (not_forgotten(s), s.ideal, rank(catalog.items[s.item].weight), s.item));
        let mut days = Days { today, limit, reviewed_today, used: HashMap::new(), first_free: today };
        let mut planned: Vec<Planned> =
            found.into_iter().map(|schedule| Planned { due: days.take(schedule.ideal.max(today)), schedule }).collect();
        planned.sort_by_key(|p| (p.due, not_forgotten(&p.schedule), p.schedule.ideal, p.schedule.item));
        Plan { today, limit, reviewed_today, planned, enabled: true }
    }

    /// Reviews waiting past their ideal day: more than the daily limit keeps up with.
    pub fn overdue(&self) -> usize {
        self.planned.iter().filter(|p| p.schedule.ideal < self.today).count()
    }

    /// Said when reviews wait past their day (more items are done than the daily limit keeps up with):
    /// "12 reviews wait past their day: at 5 a day, the last is on 2027-01-04."
    pub fn backlog(&self) -> Option<String> {
        let overdue = self.overdue();
        let last = self.last_day().filter(|_| overdue > 0)?;
        let (reviews, wait) = if overdue == 1 { ("review", "waits") } else { ("reviews", "wait") };
        Some(format!("{overdue} {reviews} {wait} past their day: at {} a day, the last is on {last}.", self.limit))
    }

    /// The first day after `day` a review is planned for, if any.
    pub fn next_day_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.planned.iter().map(|p| p.due).find(|due| *due > day)
    }

    /// The last day a review is planned for, if any.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.planned.last().map(|p| p.due)
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

/// The days' room: `limit` a day, less today's reviews done.
struct Days {
    today: NaiveDate,
    limit: u32,
    reviewed_today: u32,
    used: HashMap<NaiveDate, u32>,
    /// Every day before it is full.
    first_free: NaiveDate,
}

impl Days {
    fn room(&self, day: NaiveDate) -> u32 {
        if day == self.today { self.limit.saturating_sub(self.reviewed_today) } else { self.limit }
    }

    /// The first day from `wanted` with room, taken.
    fn take(&mut self, wanted: NaiveDate) -> NaiveDate {
        let mut day = wanted.max(self.first_free);
        while self.used.get(&day).copied().unwrap_or(0) >= self.room(day) && day < NaiveDate::MAX {
            day = later(day, 1);
        }
        *self.used.entry(day).or_default() += 1;
        while self.used.get(&self.first_free).copied().unwrap_or(0) >= self.room(self.first_free)
            && self.first_free < NaiveDate::MAX
        {
            self.first_free = later(self.first_free, 1);
        }
        day
    }
}
