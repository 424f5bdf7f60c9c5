//! How the app is started and run by hand: a Makefile or justfile target that starts it, a Procfile's
//! processes (a `release:` that migrates), and what the README tells a newcomer to type. A Compose file or
//! a make target proves a one-command start only when the README names that command (put together in
//! `combine.rs`); a docs or provisioning Makefile has no target that starts the app and proves nothing.

use super::commands::{self, MIGRATIONS};
use super::{Facts, FileName};
use crate::scan::facts::ClueKind;

/// Commands that start an app (or its stack) for someone who just cloned it.
pub(crate) const STARTS: &[&str] = &[
    "docker compose up",
    "docker-compose up",
    "podman compose up",
    "skaffold dev",
    "skaffold run",
    "tilt up",
    "manage.py runserver",
    "npm start",
    "npm run dev",
    "npm run start",
    "yarn dev",
    "yarn start",
    "pnpm dev",
    "pnpm start",
    "go run",
    "cargo run",
    "uvicorn",
    "rails server",
    "bin/dev",
    "foreman start",
    "flask run",
    "mix phx.server",
];

/// Targets of a Makefile or justfile that start the app, with their line: a target whose recipe runs a
/// start command.
pub(super) fn task_runner(file: &FileName, text: &str, facts: &mut Facts) {
    if file.name == "procfile" {
        return procfile(file, text, facts);
    }
    let mut target: Option<(usize, &str)> = None;
    for (index, line) in text.lines().enumerate() {
        if !line.starts_with(char::is_whitespace) {
            target = line
                .split_once(':')
                .map(|(name, _)| (index + 1, name.trim()))
                .filter(|(_, n)| !n.contains(['=', '$', ' ']));
        } else if let (Some((line, name)), Some((command, _))) = (target, commands::find(line, STARTS)) {
            let runner = if file.name == "justfile" { "just" } else { "make" };
            facts.clue(file, text, ClueKind::StartCommand, line, &format!("{runner} {name}|{command}"));
            target = None;
        }
    }
}

fn procfile(file: &FileName, text: &str, facts: &mut Facts) {
    for (index, line) in text.lines().enumerate() {
        if line.starts_with("release:")
            && let Some((command, _)) = commands::find(line, MIGRATIONS)
        {
            let found = format!("a release phase that runs the migrations (`{command}`)");
            facts.proves(file, text, "migrations-in-deploy", index + 1, found);
        }
    }
}

/// What the README says: the command that starts the app, and whether it has a section for running it
/// in production (a part of an operations page, or all of one when it covers the four topics).
pub(super) fn readme(file: &FileName, text: &str, facts: &mut Facts) {
    // The README a newcomer reads is the one at the root.
    if file.path.contains('/') {
        return;
    }
    if let Some((command, at)) = commands::find(text, STARTS) {
        facts.clue(file, text, ClueKind::ReadmeCommand, commands::line_at(text, at, 1), command);
    }
    for (index, line) in text.lines().enumerate() {
        let make = line.split("make ").nth(1).and_then(|rest| rest.split_whitespace().next());
        if let Some(target) = make.filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
            facts.clue(file, text, ClueKind::ReadmeCommand, index + 1, &format!("make {target}"));
        }
        if let Some(target) = line.split("just ").nth(1).and_then(|rest| rest.split_whitespace().next()) {
            facts.clue(file, text, ClueKind::ReadmeCommand, index + 1, &format!("just {target}"));
        }
    }
}
