//! Facts spread over files, put together once every file is read: a dump, the schedule that runs it and
//! the copy that takes it off the server make a daily off-site backup; a Dockerfile and a Compose file
//! with a database make the app containerised; a certificate and a renewal job make HTTPS that renews.
//! Each says what it found and what is still missing.

use super::facts::{Clue, ClueKind, Facts, Finding, Proof};
use super::place::Place;

pub(super) fn combine(facts: &mut Facts) {
    backups(facts);
    containerised(facts);
    https(facts);
    starts(facts);
    units(facts);
    called_tests(facts);
}

/// A reusable workflow's tests run on every push when a workflow that runs on every push calls it.
fn called_tests(facts: &mut Facts) {
    let calls = of(facts, ClueKind::WorkflowCall);
    let mut found = Vec::new();
    for tests in of(facts, ClueKind::CalledTests) {
        let (name, command) = tests.detail.split_once('|').unwrap_or((&tests.detail, ""));
        let called = calls.iter().any(|call| call.detail == name);
        let (proof, missing) = if called {
            (Proof::Full, String::new())
        } else {
            (
                Proof::Partial,
                "it runs only when another workflow calls it, and none that runs on every push does".to_owned(),
            )
        };
        let what = format!("a CI workflow that runs `{command}`");
        found.push(finding(tests, "tests-on-every-push", proof, what, missing));
    }
    facts.findings.extend(found);
}

fn of(facts: &Facts, kind: ClueKind) -> Vec<&Clue> {
    facts.clues.iter().filter(|c| c.kind == kind && c.place != Place::Example).collect()
}

fn finding(clue: &Clue, item: &'static str, proof: Proof, found: String, missing: String) -> Finding {
    Finding {
        item,
        proof,
        path: clue.path.clone(),
        line: clue.line,
        excerpt: clue.excerpt.clone(),
        found,
        missing,
        place: clue.place,
    }
}

/// The schedules that run `clue`'s file: a cron line or unit naming it, or a schedule in the file itself.
/// Each is (daily, schedule).
fn schedules_of<'a>(facts: &'a Facts, clue: &Clue) -> Vec<(bool, &'a Clue)> {
    let units = of(facts, ClueKind::UnitCommand);
    of(facts, ClueKind::Schedule)
        .into_iter()
        .filter_map(|schedule| {
            let (daily, runs) = match schedule.detail.strip_prefix("daily:") {
                Some(rest) => (true, rest),
                None => (false, schedule.detail.as_str()),
            };
            let command = match runs.strip_prefix("unit:") {
                Some(unit) => units.iter().find(|u| u.detail.starts_with(&format!("{unit}=")))?.detail.as_str(),
                None => runs,
            };
            let runs_it = schedule.path == clue.path || command == clue.path || command.contains(&clue.name);
            runs_it.then_some((daily, schedule))
        })
        .collect()
}

fn backups(facts: &mut Facts) {
    let mut found = Vec::new();
    for dump in of(facts, ClueKind::Dump) {
        if dump.detail.starts_with("managed:") {
            let what = "a managed database with daily backups kept by the provider".to_owned();
            found.push(finding(dump, "daily-offsite-backup", Proof::Full, what, String::new()));
            continue;
        }
        let schedules = schedules_of(facts, dump);
        let daily = schedules.iter().any(|(daily, _)| *daily);
        let offsite = of(facts, ClueKind::Offsite)
            .into_iter()
            .any(|copy| copy.path == dump.path || schedules.iter().any(|(_, s)| s.path == copy.path));
        let mut missing = Vec::new();
        match (schedules.is_empty(), daily) {
            (true, _) => missing.push("no schedule that runs it"),
            (false, false) => missing.push("it is not scheduled daily"),
            _ => {}
        }
        if !offsite {
            missing.push("no copy off the server");
        }
        let proof = if missing.is_empty() { Proof::Full } else { Proof::Partial };
        let what = format!("a database backup (`{}`)", dump.detail);
        let missing = if missing.is_empty() { String::new() } else { format!("{} found", missing.join(" and ")) };
        found.push(finding(dump, "daily-offsite-backup", proof, what, missing));
    }
    facts.findings.extend(found);
}

fn containerised(facts: &mut Facts) {
    let with_database = of(facts, ClueKind::RunsWithDatabase);
    let mut found = Vec::new();
    // The Dockerfile a Compose file builds comes first: it is the app's.
    let mut dockerfiles = of(facts, ClueKind::Dockerfile);
    let folder = |path: &str| path.rsplit_once('/').map_or(String::new(), |(folder, _)| folder.to_owned());
    let built: Vec<&Clue> =
        dockerfiles.iter().copied().filter(|d| with_database.iter().any(|w| w.detail == folder(&d.path))).collect();
    if !built.is_empty() {
        dockerfiles = built;
    }
    for dockerfile in dockerfiles {
        let (proof, missing) = if with_database.is_empty() {
            (Proof::Partial, "no Compose file or manifest runs it with its database".to_owned())
        } else {
            (Proof::Full, String::new())
        };
        found.push(finding(dockerfile, "containerised", proof, "a Dockerfile".to_owned(), missing));
    }
    if found.is_empty() {
        for compose in with_database {
            let missing = "it runs published images; no Dockerfile builds the app here".to_owned();
            let what = "a Compose file that runs it with its database".to_owned();
            found.push(finding(compose, "containerised", Proof::Partial, what, missing));
        }
    }
    facts.findings.extend(found);
}

/// A Compose file or a make target starts it in one command when the README names that command; the
/// README's command alone is a part (whether it starts what the app needs is not shown).
fn starts(facts: &mut Facts) {
    let readme: Vec<&Clue> = of(facts, ClueKind::ReadmeCommand);
    let mut found = Vec::new();
    for start in of(facts, ClueKind::StartCommand) {
        let (typed, runs) = start.detail.split_once('|').unwrap_or((&start.detail, ""));
        let named = readme.iter().any(|r| r.detail == typed || (!runs.is_empty() && r.detail.contains(runs)));
        let what = if typed.contains("compose") {
            "a Compose file that starts it".to_owned()
        } else {
            format!("`{typed}` starts it")
        };
        let (proof, missing) = if named {
            (Proof::Full, String::new())
        } else {
            (Proof::Partial, format!("the README does not tell a newcomer to run `{typed}`"))
        };
        found.push(finding(start, "one-command-start", proof, what, missing));
    }
    if found.is_empty()
        && let Some(command) = readme.iter().find(|r| super::readers::is_start_command(&r.detail))
    {
        let what = format!("the README starts it with `{}`", command.detail);
        let missing = "that this one command starts everything it needs is not shown".to_owned();
        found.push(finding(command, "one-command-start", Proof::Partial, what, missing));
    }
    facts.findings.extend(found);
}

/// A systemd unit that restarts and runs the app (by the project's names, or an app server it starts).
fn units(facts: &mut Facts) {
    let names: Vec<&str> = of(facts, ClueKind::ProjectName).iter().map(|c| c.detail.as_str()).collect();
    let mut found = Vec::new();
    for unit in of(facts, ClueKind::RestartingUnit) {
        let mut parts = unit.detail.splitn(3, '|');
        let (policy, boot, command) =
            (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
        if !super::readers::systemd::runs_app(&unit.name, command, &names) {
            continue;
        }
        let what = format!("a systemd unit that runs it with Restart={policy}");
        let (proof, missing) = if boot.is_empty() {
            (Proof::Partial, "nothing starts it at boot (no WantedBy=)".to_owned())
        } else {
            (Proof::Full, String::new())
        };
        found.push(finding(unit, "restarts-itself", proof, what, missing));
    }
    facts.findings.extend(found);
}

fn https(facts: &mut Facts) {
    let renewal = !of(facts, ClueKind::Renewal).is_empty()
        || of(facts, ClueKind::Schedule).iter().any(|s| s.detail.contains("certbot") || s.detail.contains("acme.sh"));
    let mut found = Vec::new();
    for certificate in of(facts, ClueKind::Certificate) {
        let (proof, missing) = if renewal {
            (Proof::Full, String::new())
        } else {
            (Proof::Partial, "no job that renews the certificate was found".to_owned())
        };
        found.push(finding(
            certificate,
            "domain-and-https",
            proof,
            "HTTPS with a certificate file".to_owned(),
            missing,
        ));
    }
    facts.findings.extend(found);
}
