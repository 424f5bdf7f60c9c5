//! `review`: today's reviews, a day's plan, every done item's next date, recording a review, and the
//! review settings.

use anyhow::bail;
use chrono::{DateTime, Local, NaiveDate, Utc};

use super::{ListFormat, Outcome, open_tracker, print_stdout, settings};
use crate::catalog::Catalog;
use crate::paths::Locations;
use crate::progress::{Change, Status};
use crate::review::{Plan, Planned, Rating, ReviewSettings};
use crate::store::Store;

/// What `skillgap review` was asked.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewCommand {
    /// `ID... again|hard|good|easy` to record a review; none to list.
    pub words: Vec<String>,
    /// At most this many reviews listed.
    pub limit: Option<usize>,
    pub format: ListFormat,
    /// The day to show the plan of, instead of today.
    pub as_of: Option<NaiveDate>,
    /// Every done item with its next review.
    pub all: bool,
    pub settings: SettingsChange,
}

/// Review settings to change; none given leaves them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsChange {
    pub enabled: Option<bool>,
    pub retention: Option<f64>,
    pub daily_limit: Option<u32>,
}

pub(super) fn review(locations: &Locations, command: ReviewCommand) -> anyhow::Result<Outcome> {
    if command.settings != SettingsChange::default() {
        return change_settings(locations, &command.settings);
    }
    let review_settings = settings(locations).reviews;
    let Some((last, ids)) = command.words.split_last() else {
        return list(locations, &command, &review_settings);
    };
    match Rating::parse(last) {
        Some(rating) => record(locations, ids, rating, &review_settings),
        None => bail!(
            "{last:?} is not a rating: end with again, hard, good or easy (`skillgap review ID... good`); \
`skillgap review` alone lists today's reviews"
        ),
    }
}

fn change_settings(locations: &Locations, change: &SettingsChange) -> anyhow::Result<Outcome> {
    // Read here, not through `settings`: a file that does not read is the error, said once.
    let store = Store::of(locations);
    let mut wanted = store.load_settings()?.reviews;
    wanted.enabled = change.enabled.unwrap_or(wanted.enabled);
    wanted.retention = change.retention.unwrap_or(wanted.retention);
    wanted.daily_limit = change.daily_limit.unwrap_or(wanted.daily_limit);
    if let Some(problem) = wanted.problem() {
        bail!("{problem}. Nothing was changed.");
    }
    let saved = store.update_settings(|settings| settings.reviews = wanted)?;
    say!("{}", describe_settings(&saved.reviews));
    Ok(Outcome::Success)
}

fn describe_settings(settings: &ReviewSettings) -> String {
    if !settings.enabled {
        return "Reviews are off: no schedule and no queue. `skillgap review --enable` turns them on.".to_owned();
    }
    format!(
        "Reviews are on: at most {} a day, each due when recall falls to {:.0}%.",
        settings.daily_limit,
        settings.retention * 100.0
    )
}

fn record(locations: &Locations, ids: &[String], rating: Rating, settings: &ReviewSettings) -> anyhow::Result<Outcome> {
    if !settings.enabled {
        bail!("reviews are off; turn them on with `skillgap review --enable`. Nothing was changed.");
    }
    if ids.is_empty() {
        bail!("name the items you reviewed: `skillgap review ID... {rating}`");
    }
    let mut tracker = open_tracker(locations)?;
    let catalog = tracker.catalog();
    let mut changes = Vec::with_capacity(ids.len());
    let mut errors = Vec::new();
    for id in ids {
        match catalog.resolve(id) {
            // An item named twice is one review.
            Ok(index) if changes.iter().any(|c: &Change| c.item == catalog.items[index].full_id) => {}
            Ok(index) => match tracker.progress().status(&catalog.items[index]) {
                Status::Done => changes.push(Change::review(catalog.items[index].full_id.clone(), rating)),
                other => errors.push(format!(
                    "{} is {} (not done): only done items are reviewed; mark it done first",
                    catalog.items[index].full_id,
                    other.name().to_lowercase()
                )),
            },
            Err(err) => errors.push(err.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!("{}\nNothing was changed.", errors.join("\n"));
    }
    tracker.apply(&changes)?;
    let now = Utc::now();
    let progress = tracker.progress();
    let plan = Plan::of(tracker.catalog(), progress, &progress.status_dates(), settings, now, &Local);
    for change in &changes {
        let planned = plan.planned.iter().find(|p| tracker.catalog().items[p.schedule.item].full_id == change.item);
        let next = planned.map_or(String::new(), |p| format!(". Next review: {}", when(p.due, plan.today)));
        say!("Reviewed {}: {rating}{next}", change.item);
    }
    if rating == Rating::Again {
        say!(
            "A forgotten item comes back before the other reviews waiting. To learn it again from the start: \
`skillgap mark ID learning`."
        );
    }
    Ok(Outcome::Success)
}

/// "2027-01-03 (in 18 days)".
fn when(day: NaiveDate, today: NaiveDate) -> String {
    match (day - today).num_days() {
        0 => format!("{day} (today)"),
        1 => format!("{day} (tomorrow)"),
        days => format!("{day} (in {days} days)"),
    }
}

fn list(locations: &Locations, command: &ReviewCommand, settings: &ReviewSettings) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if !settings.enabled {
        say!("{}", describe_settings(settings));
        return Ok(Outcome::Success);
    }
    let plan = Plan::of(catalog, progress, &progress.status_dates(), settings, Utc::now(), &Local);
    let day = command.as_of.unwrap_or(plan.today);
    if day < plan.today {
        bail!("--as-of {day} is before today ({}); the plan starts today", plan.today);
    }
    let matching: Vec<&Planned> = if command.all { plan.planned.iter().collect() } else { plan.on(day).collect() };
    let shown = &matching[..command.limit.unwrap_or(usize::MAX).min(matching.len())];
    let out = match command.format {
        ListFormat::Json => format!("{}\n", serde_json::to_string_pretty(&json_rows(catalog, shown))?),
        ListFormat::Text => text(catalog, &plan, shown, matching.len(), day, command.all),
    };
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

fn json_rows(catalog: &Catalog, shown: &[&Planned]) -> Vec<serde_json::Value> {
    let time = |at: Option<DateTime<Utc>>| at.map(|at| at.to_rfc3339());
    shown
        .iter()
        .map(|planned| {
            let (item, schedule) = (&catalog.items[planned.schedule.item], &planned.schedule);
            serde_json::json!({
                "id": item.full_id,
                "title": item.title,
                "proof": item.proof,
                "due": planned.due.to_string(),
                "last_reviewed": time(schedule.last_reviewed),
                "last_rating": schedule.last_rating.map(Rating::id),
                "done_since": schedule.done_since.to_rfc3339(),
                "state": {
                    "ideal": schedule.ideal.to_string(),
                    "stability_days": schedule.stability,
                    "difficulty": schedule.difficulty,
                    "reviews": schedule.reviews,
                    "lapses": schedule.lapses,
                },
            })
        })
        .collect()
}

fn text(catalog: &Catalog, plan: &Plan, shown: &[&Planned], matching: usize, day: NaiveDate, all: bool) -> String {
    let mut out = heading(plan, shown.len(), matching, day, all);
    for planned in shown {
        let (item, schedule) = (&catalog.items[planned.schedule.item], &planned.schedule);
        let practised = match schedule.last_reviewed {
            Some(at) => format!("reviewed {}", at.with_timezone(&Local).date_naive()),
            None => format!("done {}", schedule.done_since.with_timezone(&Local).date_naive()),
        };
        let due = if all { format!("{}  ", planned.due) } else { String::new() };
        out.push_str(&format!("{due}{:<44} {}  ({practised})\n", item.full_id, item.title));
        if !all && !item.proof.is_empty() {
            out.push_str(&format!("    Proof: {}\n", item.proof));
        }
    }
    if matching == 0 && !all {
        out.push_str(&match (plan.next_day_after(day), plan.last_day()) {
            (Some(next), _) => format!("Nothing to review. The next review is on {}.\n", when(next, plan.today)),
            (None, Some(last)) => format!("Nothing planned then: the last planned review is on {last}.\n"),
            (None, None) => "Nothing to review: no item is done yet.\n".to_owned(),
        });
    } else if !all && !shown.is_empty() {
        out.push_str("Redo each proof, then record how it went: skillgap review ID again|hard|good|easy\n");
    }
    if let Some(backlog) = plan.backlog() {
        out.push_str(&format!("{backlog} A higher --daily-limit catches up sooner.\n"));
    }
    out
}

/// The first line: what is listed, and how many of how many when `--limit` left some out.
fn heading(plan: &Plan, shown: usize, matching: usize, day: NaiveDate, all: bool) -> String {
    let count = if shown < matching { format!("{matching}, showing {shown}") } else { matching.to_string() };
    if all {
        format!("Every done item and its next review: {count}.\n")
    } else if day == plan.today {
        let room = plan.limit.saturating_sub(plan.reviewed_today);
        let (limit, done) = (plan.limit, plan.reviewed_today);
        format!("Reviews due today, {day}: {count} (at most {limit} a day; {done} done today, {room} to go).\n")
    } else {
        format!("Reviews planned for {}: {count} (if each day's reviews before it are done).\n", when(day, plan.today))
    }
}
