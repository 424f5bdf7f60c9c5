//! systemd units by key: a service's `Restart=` (not `no`) proves the app restarts itself only when the
//! unit runs the app (its name or command names the project, or a server or container runtime); a unit
//! for something else (a mail signer, a backup job) says so and proposes nothing.

use super::{Facts, FileName, Seen};
use crate::scan::facts::{ClueKind, Proof};

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

/// `project` is the project folder's name, lowercased: a unit that names it is the app's.
pub(super) fn service(file: &FileName, text: &str, project: &str, facts: &mut Facts) {
    let exec: Vec<(usize, &str)> = values(text, "ExecStart").collect();
    let command = exec.iter().map(|(_, c)| *c).collect::<Vec<_>>().join(" ");
    facts.clue(file, text, ClueKind::UnitCommand, 0, &format!("{}={command}", file.name));
    let Some((line, policy)) = values(text, "Restart").next() else { return };
    if policy == "no" {
        return;
    }
    let names_project =
        !project.is_empty() && (file.name.contains(project) || command.to_lowercase().contains(project));
    let runs_app = names_project || APP_RUNNERS.iter().any(|r| command.contains(r));
    let oneshot = values(text, "Type").any(|(_, t)| t == "oneshot");
    if runs_app && !oneshot {
        let found = format!("a systemd unit that runs it with Restart={policy}");
        let missing =
            if values(text, "WantedBy").next().is_some() { "" } else { "nothing starts it at boot (no WantedBy=)" };
        let proof = if missing.is_empty() { Proof::Full } else { Proof::Partial };
        facts.found(file, text, Seen { item: "restarts-itself", proof, line, found, missing });
    }
}
