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
    for dockerfile in of(facts, ClueKind::Dockerfile) {
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
