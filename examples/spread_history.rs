//! Spreads a data folder's history over the weeks before now, as if the marks had been made on many
//! days, for the README's Progress screenshot (`assets/screenshots/make.sh`): marks made by a script all
//! carry the same second. Each item's `changed` date follows its last event.
//!
//!   cargo run --example spread_history -- DATA_DIR WEEKS

#![allow(clippy::unwrap_used, clippy::expect_used)]

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let usage = "usage: spread_history DATA_DIR WEEKS";
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().context(usage)?);
    let weeks: i64 = args.next().context(usage)?.parse().context(usage)?;
    let path = dir.join("progress.ron");
    let mut progress = skillgap::store::read_progress(&path)?;
    let now = chrono::Utc::now();
    let start = now - chrono::Duration::weeks(weeks);
    let events = progress.history.len().max(1) as i64;
    let span = (now - start).num_minutes() - 60;
    for (index, event) in progress.history.iter_mut().enumerate() {
        // Evenly over the span, then moved to the evening of its day, skipping Sundays and every fifth day.
        let at = start + chrono::Duration::minutes(span * index as i64 / events);
        let mut day = at.date_naive();
        while day.weekday() == chrono::Weekday::Sun || day.ordinal0().is_multiple_of(5) {
            day = day.pred_opt().unwrap();
        }
        let minute = (index % 50) as u32;
        event.at = day.and_hms_opt(19, minute, 0).unwrap().and_utc().min(now);
    }
    progress.history.sort_by_key(|event| event.at);
    for event in &progress.history {
        if let Some(item) = progress.items.get_mut(&event.item) {
            item.changed = event.at;
        }
    }
    std::fs::write(&path, skillgap::store::to_ron(&progress)?)?;
    println!("spread {events} changes over {weeks} weeks in {}", path.display());
    Ok(())
}

use chrono::Datelike as _;
