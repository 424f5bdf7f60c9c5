//! Days of activity, from the history: how many changes each day had and which items were done, and the
//! streaks of days in a row with a change (the calendar on the Progress view).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::progress::{HistoryEvent, Status};

/// What happened on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DayActivity {
    /// Status changes made that day (undos too: they are work as well).
    pub changes: usize,
    /// Full ids of the items marked done that day, in the order they were.
    pub done: Vec<String>,
}

/// Days in a row with at least one change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Streaks {
    /// The run that ends today, or yesterday (today is not over yet).
    pub current: usize,
    pub longest: usize,
}

/// Each day with a change, by the date `to_date` gives a moment (the person's local date).
pub(crate) fn daily_activity(
    history: &[HistoryEvent],
    to_date: impl Fn(DateTime<Utc>) -> NaiveDate,
) -> BTreeMap<NaiveDate, DayActivity> {
    let mut days: BTreeMap<NaiveDate, DayActivity> = BTreeMap::new();
    for event in history {
        let day = days.entry(to_date(event.at)).or_default();
        day.changes += 1;
        if event.to == Status::Done && !event.undo {
            day.done.push(event.item.clone());
        } else if event.undo && event.from == Status::Done {
            // Undoing a tick takes it off the day's list.
            if let Some(position) = day.done.iter().rposition(|id| *id == event.item) {
                day.done.remove(position);
            }
        }
    }
    days
}

/// The current and longest streaks of `days`, as of `today`.
pub(crate) fn streaks(days: &BTreeMap<NaiveDate, DayActivity>, today: NaiveDate) -> Streaks {
    let mut streaks = Streaks::default();
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for &day in days.keys() {
        run = if previous.and_then(|p| p.succ_opt()) == Some(day) { run + 1 } else { 1 };
        streaks.longest = streaks.longest.max(run);
        previous = Some(day);
    }
    let yesterday = today.pred_opt();
    if previous == Some(today) || (previous.is_some() && previous == yesterday) {
        streaks.current = run;
    }
    streaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(item: &str, to: Status, day: u32, undo: bool) -> HistoryEvent {
        let at = NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc();
        let from = if undo { Status::Done } else { Status::Todo };
        HistoryEvent { item: item.into(), from, to, at, undo }
    }

    #[test]
    fn days_count_changes_and_list_what_was_done_and_streaks_end_today_or_yesterday() {
        let history = [
            event("a", Status::Done, 1, false),
            event("b", Status::Learning, 2, false),
            event("c", Status::Done, 2, false),
            event("c", Status::Todo, 2, true),
            event("d", Status::Done, 3, false),
            event("e", Status::Done, 5, false),
            event("f", Status::Done, 6, false),
        ];
        let days = daily_activity(&history, |at| at.date_naive());
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(days[&day(2)], DayActivity { changes: 3, done: vec![] }, "the undone tick is not listed");
        assert_eq!(days[&day(1)].done, vec!["a".to_owned()]);
        assert_eq!(streaks(&days, day(6)), Streaks { current: 2, longest: 3 });
        assert_eq!(streaks(&days, day(7)), Streaks { current: 2, longest: 3 }, "today is not over");
        assert_eq!(streaks(&days, day(8)), Streaks { current: 0, longest: 3 });
    }
}
