//! systemd units by key: a service's `Restart=` (not `no`) proves the app restarts itself only when the
//! unit runs the app (its name or command names the project, or a server or container runtime); a unit
//! for something else (a mail signer, a backup job) proposes nothing.

use super::{Facts, FileName};
use crate::scan::facts::ClueKind;

/// Each `key=value` of the unit with its line (comments and sections skipped).
pub(crate) fn values<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    text.lines().enumerate().filter_map(move |(index, line)| {
        let (k, v) = line.trim().split_once('=')?;
        (k.trim() == key).then(|| (index + 1, v.trim()))
    })
}

/// Commands that run an app server or its container.
const APP_RUNNERS: &[&str] = &[
    "docker compose",
    "docker-compose",
    "docker run",
    "podman",
    "gunicorn",
    "uvicorn",
    "puma",
    "node ",
    "npm start",
    "java -jar",
    "bundle exec",
    "manage.py",
    "dotnet ",
    "php-fpm",
];

/// A service unit: what it runs (for the timers that start it), and, when it restarts by itself and is
/// not a one-shot job, a clue that becomes evidence once the project's names are known (`combine.rs`).
pub(super) fn service(file: &FileName, text: &str, facts: &mut Facts) {
    let exec: Vec<(usize, &str)> = values(text, "ExecStart").collect();
    let command = exec.iter().map(|(_, c)| *c).collect::<Vec<_>>().join(" ");
    facts.clue(file, text, ClueKind::UnitCommand, 0, &format!("{}={command}", file.name));
    let Some((line, policy)) = values(text, "Restart").next() else { return };
    let oneshot = values(text, "Type").any(|(_, t)| t == "oneshot");
    if policy != "no" && !oneshot {
        let boot = if values(text, "WantedBy").next().is_some() { "boot" } else { "" };
        facts.clue(file, text, ClueKind::RestartingUnit, line, &format!("{policy}|{boot}|{command}"));
    }
}

/// Whether a unit runs the app: its name or command names the project, or it runs an app server or the
/// app's container.
pub(crate) fn runs_app(unit: &str, command: &str, names: &[&str]) -> bool {
    let command = command.to_lowercase();
    let stem = unit.trim_end_matches(".service");
    names.iter().any(|name| stem.contains(name) || command.contains(name))
        || APP_RUNNERS.iter().any(|r| command.contains(r))
}
