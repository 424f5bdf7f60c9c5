//! Reviews on a clock the tests control: the spread of first reviews, the daily limit, each rating's
//! effect, *Again* then *learning*, a new schedule after the item is done again, and 60 items ticked in
//! one evening reviewed for 90 days.

mod cli;

use chrono::{DateTime, Days, NaiveDate, Utc};
use skillgap::catalog::{Catalog, load_catalog};
use skillgap::progress::{Change, Progress, Status};
use skillgap::review::{Plan, Rating, ReviewSettings};
use skillgap::tracker::Tracker;

fn builtin() -> Catalog {
    let (catalog, problems) = load_catalog(&[]);
    assert!(problems.is_empty(), "{problems:?}");
    catalog
}

/// 2026-03-02 at `hour`:00 UTC, `days` later.
fn day(days: u64, hour: u32) -> DateTime<Utc> {
    let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + Days::new(days);
    date.and_hms_opt(hour, 0, 0).unwrap().and_utc()
}

/// A tracker over the built-in checklists in a folder of its own, with `count` items done at `at`.
fn tracker_with_done(dir: &std::path::Path, count: usize, at: DateTime<Utc>) -> Tracker {
    let catalog = builtin();
    let ids: Vec<String> = catalog.items.iter().take(count).map(|item| item.full_id.clone()).collect();
    let mut tracker = Tracker::open(catalog, skillgap::store::Store::new(dir, None)).unwrap();
    let changes: Vec<Change> = ids.iter().map(|id| Change::status(id.clone(), Status::Done)).collect();
    tracker.apply_at(&changes, at).unwrap();
    tracker
}

fn plan(tracker: &Tracker, settings: &ReviewSettings, now: DateTime<Utc>) -> Plan {
    let progress = tracker.progress();
    Plan::of(tracker.catalog(), progress, &progress.status_dates(), settings, now, &Utc)
}

fn per_day(dates: impl IntoIterator<Item = NaiveDate>) -> std::collections::BTreeMap<NaiveDate, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for date in dates {
        *counts.entry(date).or_default() += 1;
    }
    counts
}

#[test]
fn a_hundred_items_ticked_in_one_evening_are_first_reviewed_over_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let tracker = tracker_with_done(dir.path(), 100, day(0, 21));
    // With no limit to hide behind, the ideal days alone are spread.
    let unlimited = ReviewSettings { daily_limit: 100, ..ReviewSettings::default() };
    let ideal = per_day(plan(&tracker, &unlimited, day(0, 22)).planned.iter().map(|p| p.schedule.ideal));
    let (first, last) = (*ideal.keys().next().unwrap(), *ideal.keys().last().unwrap());
    assert!((last - first).num_days() >= 21, "spread over {} days: {ideal:?}", (last - first).num_days());
    assert!(*ideal.values().max().unwrap() <= 10, "a day holds {:?}", ideal.values().max());
    assert!(first > NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), "none due the evening they were ticked");
    // Under the default limit no day holds more than five, and each holds five until all are placed.
    let limited = plan(&tracker, &ReviewSettings::default(), day(0, 22));
    let due = per_day(limited.planned.iter().map(|p| p.due));
    assert!(due.values().all(|&count| count <= 5), "{due:?}");
    assert_eq!(due.values().sum::<usize>(), 100);
}

#[test]
fn over_the_limit_the_oldest_wait_least() {
    let dir = tempfile::tempdir().unwrap();
    let tracker = tracker_with_done(dir.path(), 40, day(0, 9));
    // Sixty days later every first review is overdue: they come five a day, oldest ideal day first.
    let late = plan(&tracker, &ReviewSettings::default(), day(60, 9));
    let today = late.due_today().count();
    assert_eq!(today, 5);
    let due = per_day(late.planned.iter().map(|p| p.due));
    assert_eq!(due.len(), 8, "40 items at five a day: {due:?}");
    for pair in late.planned.windows(2) {
        assert!(pair[0].schedule.ideal <= pair[1].schedule.ideal, "in the order they fell due");
    }
    assert_eq!(late.fresh(), 0, "all past their day");
}

#[test]
fn todays_reviews_count_against_todays_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 40, day(0, 9));
    let settings = ReviewSettings::default();
    let first: Vec<String> = plan(&tracker, &settings, day(60, 9))
        .due_today()
        .map(|p| tracker.catalog().items[p.schedule.item].full_id.clone())
        .collect();
    let reviews: Vec<Change> = first.iter().take(3).map(|id| Change::review(id.clone(), Rating::Good)).collect();
    tracker.apply_at(&reviews, day(60, 10)).unwrap();
    let after = plan(&tracker, &settings, day(60, 11));
    assert_eq!(after.reviewed_today, 3);
    let left: Vec<String> =
        after.due_today().map(|p| tracker.catalog().items[p.schedule.item].full_id.clone()).collect();
    assert_eq!(left, first[3..].to_vec(), "the two not yet reviewed, and no new ones");
}

/// The next ideal day of one item reviewed at its first ideal day with `rating`, in days after the review.
fn next_after(rating: Rating) -> (i64, u32) {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 1, day(0, 9));
    let settings = ReviewSettings::default();
    let first = plan(&tracker, &settings, day(0, 10)).planned[0].schedule.ideal;
    let review_day = (first - NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()).num_days() as u64;
    let id = tracker.catalog().items[0].full_id.clone();
    tracker.apply_at(&[Change::review(id, rating)], day(review_day, 9)).unwrap();
    let schedule = plan(&tracker, &settings, day(review_day, 10)).planned[0].schedule.clone();
    assert_eq!(schedule.reviews, 1);
    assert_eq!(schedule.last_rating, Some(rating));
    ((schedule.ideal - first).num_days(), schedule.lapses)
}

#[test]
fn each_rating_moves_the_next_review_and_again_brings_it_back_within_days() {
    let (again, hard, good, easy) =
        (next_after(Rating::Again), next_after(Rating::Hard), next_after(Rating::Good), next_after(Rating::Easy));
    assert!(again.0 <= 3, "after Again it comes back within days: {again:?}");
    assert_eq!(again.1, 1, "a lapse is counted");
    assert!(again.0 < hard.0 && hard.0 < good.0 && good.0 < easy.0, "{again:?} {hard:?} {good:?} {easy:?}");
    assert!(good.0 >= 7, "a good recall waits longer than the first interval: {good:?}");
}

#[test]
fn again_then_learning_stops_counting_and_done_again_starts_a_new_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 2, day(0, 9));
    let settings = ReviewSettings::default();
    let id = tracker.catalog().items[0].full_id.clone();
    tracker.apply_at(&[Change::review(id.clone(), Rating::Good)], day(5, 9)).unwrap();
    tracker.apply_at(&[Change::review(id.clone(), Rating::Again)], day(20, 9)).unwrap();
    tracker.apply_at(&[Change::status(id.clone(), Status::Learning)], day(20, 10)).unwrap();
    let learning = plan(&tracker, &settings, day(20, 11));
    assert_eq!(learning.planned.len(), 1, "a learning item has no review");
    let status = tracker.progress().items[&id].status;
    assert_eq!(status, Status::Learning, "and no longer counts as done");
    // A review of an item that is not done changes nothing.
    assert_eq!(tracker.apply_at(&[Change::review(id.clone(), Rating::Good)], day(21, 9)).unwrap(), 0);
    tracker.apply_at(&[Change::status(id.clone(), Status::Done)], day(30, 9)).unwrap();
    let again = plan(&tracker, &settings, day(30, 10));
    let schedule = &again.planned.iter().find(|p| p.schedule.item == 0).unwrap().schedule;
    assert_eq!((schedule.reviews, schedule.lapses, schedule.last_reviewed), (0, 0, None), "a new schedule");
    assert_eq!(schedule.done_since, day(30, 9));
}

#[test]
fn turned_off_there_is_no_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let tracker = tracker_with_done(dir.path(), 20, day(0, 9));
    let off = ReviewSettings { enabled: false, ..ReviewSettings::default() };
    let plan = plan(&tracker, &off, day(40, 9));
    assert!(plan.planned.is_empty());
    assert!(!plan.enabled);
}

#[test]
fn sixty_items_ticked_tonight_give_a_short_steady_queue_for_ninety_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 60, day(0, 21));
    let settings = ReviewSettings::default();
    let mut queues = Vec::new();
    for d in 1..=90 {
        let today = plan(&tracker, &settings, day(d, 19));
        let ids: Vec<String> =
            today.due_today().map(|p| tracker.catalog().items[p.schedule.item].full_id.clone()).collect();
        queues.push(ids.len());
        // The person reviews each: mostly Good, one in seven forgotten.
        let changes: Vec<Change> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                Change::review(
                    id.clone(),
                    if (d as usize + i).is_multiple_of(7) { Rating::Again } else { Rating::Good },
                )
            })
            .collect();
        tracker.apply_at(&changes, day(d, 20)).unwrap();
    }
    assert!(queues.iter().all(|&q| q <= 5), "never more than five a day: {queues:?}");
    let busy = queues.iter().filter(|&&q| q > 0).count();
    assert!(busy >= 30, "reviews on {busy} of 90 days: {queues:?}");
    let total: usize = queues.iter().sum();
    assert!((90..=300).contains(&total), "{total} reviews in 90 days");
    // Every item was reviewed at least once, and at the end most are within their schedule.
    let end = plan(&tracker, &settings, day(91, 9));
    assert!(end.planned.iter().all(|p| p.schedule.reviews >= 1), "every item was reviewed");
    assert!(end.fresh() * 10 >= end.planned.len() * 8, "fresh {} of {}", end.fresh(), end.planned.len());
    assert_eq!(end.practised_since(day(1, 0)), 60);
}

#[test]
fn a_progress_with_reviews_reads_back_and_an_older_one_reads_without() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 1, day(0, 9));
    let id = tracker.catalog().items[0].full_id.clone();
    tracker.apply_at(&[Change::review(id.clone(), Rating::Hard)], day(3, 9)).unwrap();
    let reopened = Tracker::open(builtin(), skillgap::store::Store::new(dir.path(), None)).unwrap();
    let reviews = &reopened.progress().reviews;
    assert_eq!(reviews.len(), 1);
    assert_eq!((reviews[0].item.as_str(), reviews[0].rating, reviews[0].at), (id.as_str(), Rating::Hard, day(3, 9)));
    let text = ron::ser::to_string(reopened.progress()).unwrap();
    assert!(text.contains("version:4"), "{text}");
    let old: Progress = ron::from_str("(version: 3, items: {}, history: [])").unwrap();
    assert!(old.reviews.is_empty());
}

#[test]
fn the_summary_counts_done_skills_practised_in_the_last_ninety_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 3, day(0, 9));
    let reviewed = tracker.catalog().items[0].full_id.clone();
    tracker.apply_at(&[Change::review(reviewed, Rating::Good)], day(50, 9)).unwrap();
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    let options = skillgap::report::SummaryOptions::default();
    let at = |days| skillgap::report::summarize(catalog, progress, catalog.default_target(), &options, day(days, 12));
    let sentence = |days| at(days).practice.sentence();
    assert!(sentence(80).starts_with("3 of your 3 done skills"), "{}", sentence(80));
    assert!(sentence(120).starts_with("1 of your 3 done skills"), "only the one reviewed: {}", sentence(120));
    assert!(sentence(200).starts_with("0 of your 3 done skills"), "{}", sentence(200));
}

/// Hostile-input review of issue 32: behind a backlog, a forgotten item waited weeks (then years at 5,000
/// items) while the message said "within days". Items last rated *Again* are placed first.
#[test]
fn a_forgotten_item_comes_back_within_days_even_behind_a_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = tracker_with_done(dir.path(), 100, day(0, 9));
    let settings = ReviewSettings::default();
    let id = tracker.catalog().items[7].full_id.clone();
    tracker.apply_at(&[Change::review(id.clone(), Rating::Again)], day(90, 9)).unwrap();
    let plan = plan(&tracker, &settings, day(90, 10));
    assert!(plan.overdue() > 50, "a backlog: {}", plan.overdue());
    let planned = plan.planned.iter().find(|p| tracker.catalog().items[p.schedule.item].full_id == id).unwrap();
    assert!((planned.due - plan.today).num_days() <= 3, "due {} while today is {}", planned.due, plan.today);
    let due = per_day(plan.planned.iter().map(|p| p.due));
    assert!(due.values().all(|&count| count <= 5), "{due:?}");
}
