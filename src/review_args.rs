//! The `skillgap review` arguments: clap's side of [`ReviewCommand`]. Part of the binary, with `main.rs`.

use chrono::NaiveDate;
use clap::{ArgGroup, Args};
use skillgap::cli::{ReviewCommand, SettingsChange};

use super::ListFormatArg;

/// A settings change is a command of its own: a review or a listing given with it would be dropped.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("settings").multiple(true)))]
pub(crate) struct ReviewArgs {
    /// Item ids then a rating (again, hard, good or easy) to record a review; none to list today's reviews.
    #[arg(value_name = "ID... RATING", conflicts_with = "settings")]
    words: Vec<String>,
    /// List at most N reviews.
    #[arg(long, value_name = "N", conflicts_with = "settings")]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
    format: ListFormatArg,
    /// The reviews planned for that day (YYYY-MM-DD), to plan a week.
    #[arg(long, value_name = "DATE", conflicts_with_all = ["all", "settings"])]
    as_of: Option<NaiveDate>,
    /// Every done item with its next review.
    #[arg(long, conflicts_with = "settings")]
    all: bool,
    /// Turn reviews on (the default).
    #[arg(long, conflicts_with = "disable", group = "settings")]
    enable: bool,
    /// Turn reviews off: no schedule, no queue, nothing in the header.
    #[arg(long, group = "settings")]
    disable: bool,
    /// The recall a review is due at, 0.70 to 0.97 (default 0.9): higher means more reviews.
    #[arg(long, value_name = "R", group = "settings")]
    retention: Option<f64>,
    /// At most N reviews a day, 1 to 100 (default 5); the rest wait their turn, oldest first.
    #[arg(long, value_name = "N", group = "settings", value_parser = clap::value_parser!(u32).range(1..=100))]
    daily_limit: Option<u32>,
}

impl From<ReviewArgs> for ReviewCommand {
    fn from(args: ReviewArgs) -> ReviewCommand {
        let enabled = match (args.enable, args.disable) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        ReviewCommand {
            words: args.words,
            limit: args.limit,
            format: args.format.into(),
            as_of: args.as_of,
            all: args.all,
            settings: SettingsChange { enabled, retention: args.retention, daily_limit: args.daily_limit },
        }
    }
}
