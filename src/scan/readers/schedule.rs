//! Schedules: crontab lines and systemd timers, each a clue naming what it runs and whether it runs at
//! least daily. A backup script proves a daily backup only with a schedule that runs it.

use super::{Facts, FileName};
use crate::scan::facts::ClueKind;

/// Whether a five-field cron expression runs at least once a day: every day of every month, at one or
/// more hours (`0 3 * * *`, `*/30 * * * *`). A weekly or monthly one is not daily.
pub(crate) fn is_daily_cron(cron: &str) -> bool {
    let fields: Vec<&str> = cron.split_whitespace().collect();
    match fields.as_slice() {
        [special] => matches!(*special, "@daily" | "@midnight" | "@hourly"),
        [_, _, day, month, weekday] => *day == "*" && *month == "*" && matches!(*weekday, "*" | "0-6" | "1-7"),
        _ => false,
    }
}

/// The schedule and command of a crontab line (`m h dom mon dow [user] command`, or `@daily command`).
fn cron_line(line: &str) -> Option<(String, &str)> {
    let line = line.trim();
    if line.starts_with('#') || line.is_empty() || line.contains('=') && !line.contains(' ') {
        return None;
    }
    if line.starts_with('@') {
        let (special, command) = line.split_once(char::is_whitespace)?;
        return Some((special.to_owned(), command.trim()));
    }
    let mut rest = line;
    let mut fields = Vec::new();
    for _ in 0..5 {
        let (field, tail) = rest.split_once(char::is_whitespace)?;
        let cron_like = field.chars().all(|c| c.is_ascii_digit() || "*/,-".contains(c));
        if !cron_like {
            return None;
        }
        fields.push(field);
        rest = tail.trim_start();
    }
    Some((fields.join(" "), rest))
}

/// Reads crontab-shaped text: each scheduled command is a clue.
pub(super) fn crontab(file: &FileName, text: &str, facts: &mut Facts) {
    for (index, line) in text.lines().enumerate() {
        if let Some((cron, command)) = cron_line(line) {
            let daily = if is_daily_cron(&cron) { "daily:" } else { "" };
            facts.clue(file, text, ClueKind::Schedule, index + 1, &format!("{daily}{command}"));
        }
    }
}

/// A systemd timer: the unit it starts (its `Unit=`, or the service of the same name) and whether its
/// `OnCalendar=` is at least daily.
pub(super) fn timer(file: &FileName, text: &str, facts: &mut Facts) {
    let stem = file.name.trim_end_matches(".timer");
    let unit =
        super::systemd::values(text, "Unit").next().map_or_else(|| format!("{stem}.service"), |(_, u)| u.to_owned());
    for (line, calendar) in super::systemd::values(text, "OnCalendar") {
        let daily = matches!(calendar, "daily" | "hourly" | "minutely") || calendar.starts_with("*-*-* ");
        let prefix = if daily { "daily:" } else { "" };
        facts.clue(file, text, ClueKind::Schedule, line, &format!("{prefix}unit:{unit}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_means_every_day() {
        assert!(is_daily_cron("0 3 * * *"));
        assert!(is_daily_cron("*/15 * * * *"));
        assert!(is_daily_cron("@daily"));
        assert!(!is_daily_cron("0 3 * * 0"), "weekly");
        assert!(!is_daily_cron("0 3 1 * *"), "monthly");
        assert_eq!(
            cron_line("0 2 * * * root /opt/app/backup.sh"),
            Some(("0 2 * * *".to_owned(), "root /opt/app/backup.sh"))
        );
        assert_eq!(cron_line("SHELL=/bin/bash"), None);
    }
}
