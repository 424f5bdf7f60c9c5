//! Files whose name and a look at their content say what they are: an example environment file with
//! settings in it, a dependency-update bot's configuration, a .gitignore that keeps `.env` out, Terraform
//! by resource type, release tooling, load tests, operations documents, migration folders.

use super::{Facts, FileName, Seen};
use crate::scan::facts::{ClueKind, Proof};

pub(super) fn env_example(file: &FileName, text: &str, facts: &mut Facts) {
    if let Some((index, line)) = text.lines().enumerate().find(|(_, l)| super::containers::is_migration_flag(l)) {
        let found = format!("the app runs its migrations when it starts (`{}`)", line.trim());
        facts.proves(file, text, "migrations-in-deploy", index + 1, found);
    }
    let settings = text.lines().filter(|l| l.contains('=') && !l.trim_start().starts_with('#')).count();
    if let Some(line) = text.lines().position(|l| l.contains('=') && !l.trim_start().starts_with('#')) {
        let found = format!("an example environment file with {settings} settings");
        facts.proves(file, text, "config-in-environment", line + 1, found);
    }
}

pub(super) fn gitignore(file: &FileName, text: &str, facts: &mut Facts) {
    if let Some(line) = text.lines().position(|l| l.trim().trim_start_matches(['/', '*']).starts_with(".env")) {
        let found = "a .gitignore that keeps .env files out of git".to_owned();
        let missing = "no secret scanner was found, so the history is not shown clean";
        facts.part(file, text, "no-secrets-in-repo", (line + 1, found), missing);
    }
}

pub(super) fn secret_scanner_config(file: &FileName, text: &str, facts: &mut Facts) {
    let hook =
        ["gitleaks", "detect-secrets", "trufflehog"].iter().find_map(|w| text.lines().position(|l| l.contains(w)));
    if let Some(line) = hook {
        let found = "a secret scanner that runs before a commit lands".to_owned();
        facts.proves(file, text, "no-secrets-in-repo", line + 1, found);
    }
}

pub(super) fn update_bot(file: &FileName, text: &str, facts: &mut Facts) {
    let schedule = text.lines().position(|l| l.contains("interval") || l.contains("schedule") || l.contains("extends"));
    let dependabot = file.name.starts_with("dependabot");
    let found = if dependabot { "Dependabot version updates" } else { "a Renovate configuration" };
    // Dependabot that updates only the CI's actions leaves the app's own packages behind.
    let ecosystems: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split("package-ecosystem:").nth(1))
        .map(|e| e.trim().trim_matches(['"', '\'']))
        .collect();
    // Ecosystems of the project's tooling, not of the app: updating only these leaves the app's packages behind.
    const TOOLING: &[&str] = &["github-actions", "pre-commit", "devcontainers", "gitsubmodule"];
    let actions_only = dependabot && !ecosystems.is_empty() && ecosystems.iter().all(|e| TOOLING.contains(e));
    let (proof, missing, line) = match schedule {
        Some(line) if actions_only => (
            Proof::Partial,
            "it updates only the project's tooling (CI actions, hooks), not the app's packages",
            line + 1,
        ),
        Some(line) => (Proof::Full, "", line + 1),
        None if !dependabot => (Proof::Full, "", 1),
        None => (Proof::Partial, "no update schedule in it", 1),
    };
    facts.found(file, text, Seen { item: "dependency-update-bot", proof, line, found: found.to_owned(), missing });
}

/// Terraform resource types that set a budget, and managed databases that keep daily backups.
const BUDGETS: &[&str] =
    &["aws_budgets_budget", "google_billing_budget", "azurerm_consumption_budget", "digitalocean_billing_alert"];

pub(super) fn terraform(file: &FileName, text: &str, facts: &mut Facts) {
    let resources: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.trim().strip_prefix("resource \"").and_then(|r| r.split('"').next()).map(|t| (i + 1, t)))
        .collect();
    if let Some((line, kind)) = resources.iter().find(|(_, kind)| BUDGETS.contains(kind)) {
        let found = format!("a budget in infrastructure code ({kind})");
        facts.proves(file, text, "bills-watched", *line, found);
    }
    if let Some((line, _)) = resources.first() {
        let found = "infrastructure as code".to_owned();
        let missing = "that it was rebuilt from it is not something a file shows";
        facts.part(file, text, "rebuilt-from-scratch", (*line, found), missing);
    }
    if let Some(line) = text.lines().position(|l| l.trim().starts_with("backup_retention_period") && !l.contains("= 0"))
    {
        facts.clue(file, text, ClueKind::Dump, line + 1, "managed:backup_retention_period");
    }
}

/// The words an operations page covers, and what each is for.
const OPERATIONS: &[(&str, &[&str])] = &[
    ("deploy", &["deploy"]),
    ("roll back", &["rollback", "roll back", "revert"]),
    ("restore", &["restore"]),
    ("who is alerted", &["alert", "on-call", "oncall", "pager", "contact"]),
];

pub(super) fn document(file: &FileName, text: &str, facts: &mut Facts) {
    production_section(file, text, facts);
    if file.name == "security.md" || file.lower.ends_with(".well-known/security.txt") {
        facts.signal(file, true, 0, "a security policy: how to report a vulnerability".to_owned());
    }
    let path = &file.lower;
    // Most documents are none of these: their names say so before their text is lowercased.
    const NAMES: &[&str] = &[
        "runbook",
        "operations",
        "operating",
        "playbook",
        "ops.md",
        "postmortem",
        "post-mortem",
        "incident",
        "backup",
        "restore",
        "faq",
        "readme",
        "game-day",
        "gameday",
        "chaos",
    ];
    if !NAMES.iter().any(|w| path.contains(w)) {
        return;
    }
    let lower = text.to_lowercase();
    if ["runbook", "operations", "operating", "playbook", "ops.md"].iter().any(|w| path.contains(w)) {
        let missing: Vec<&str> = OPERATIONS
            .iter()
            .filter(|(_, words)| !words.iter().any(|w| lower.contains(w)))
            .map(|(what, _)| *what)
            .collect();
        let (proof, missing) = if missing.is_empty() {
            (Proof::Full, String::new())
        } else {
            (Proof::Partial, format!("it does not say {}", missing.join(", ")))
        };
        let found = "an operations page".to_owned();
        facts.found(file, text, Seen { item: "operations-page", proof, line: 0, found, missing: &missing });
    }
    if ["postmortem", "post-mortem", "incident"].iter().any(|w| path.contains(w)) {
        let followed = ["action item", "follow-up", "follow up", "followup"].iter().any(|w| lower.contains(w));
        let (proof, missing) =
            if followed { (Proof::Full, "") } else { (Proof::Partial, "no follow-up actions in it") };
        let found = "an incident note".to_owned();
        facts.found(file, text, Seen { item: "incident-written-up", proof, line: 0, found, missing });
    }
    // A restore section, or a page about backups that says how to restore.
    let about_data = ["backup", "restore", "operations", "faq", "runbook", "readme"].iter().any(|w| path.contains(w));
    let restore_heading = || {
        let lines = || lower.lines();
        let heading = lines().position(|l| l.starts_with('#') && l.contains("restor"));
        heading.or_else(|| file.name.contains("backup").then(|| lines().position(|l| l.contains("restor"))).flatten())
    };
    if let Some(line) = about_data.then(restore_heading).flatten() {
        let found = "a documented restore procedure".to_owned();
        let missing = "that a restore was tested and timed is not something a file shows";
        facts.part(file, text, "restore-proven", (line + 1, found), missing);
    }
    if ["game-day", "gameday", "chaos"].iter().any(|w| path.contains(w)) {
        let found = "a game-day or chaos plan".to_owned();
        let missing = "that the failures were rehearsed is not something a file shows";
        facts.part(file, text, "failures-rehearsed", (0, found), missing);
    }
}

/// A README or deployment page's section on running it in production: a part of an operations page, or
/// all of one when it covers deploying, rolling back, restoring and who is alerted.
fn production_section(file: &FileName, text: &str, facts: &mut Facts) {
    let root_readme = file.name.starts_with("readme") && !file.path.contains('/');
    let about_running = ["deploy", "production", "install", "self-host", "hosting", "operations", "backup"]
        .iter()
        .any(|w| file.name.contains(w));
    if !(root_readme || about_running) {
        return;
    }
    // A page about running it is all one section; in a README, a section (a second-level heading or
    // deeper, not the title) about running it in production.
    let lines: Vec<&str> = text.lines().collect();
    let (start, section, production) = if root_readme {
        match readme_sections(&lines) {
            Some(found) => found,
            None => return,
        }
    } else {
        (lines.iter().position(|l| l.starts_with('#')).unwrap_or(0), text.to_lowercase(), true)
    };
    let covered: Vec<&str> = OPERATIONS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| section.contains(w)))
        .map(|(what, _)| *what)
        .collect();
    let upkeep = ["upgrad", "backup", "restor", "logs", "rollback"].iter().any(|w| section.contains(w));
    let deploy_page = !root_readme && covered.contains(&"deploy");
    if !((covered.contains(&"deploy") && (upkeep || covered.len() >= 2)) || (production && upkeep) || deploy_page) {
        return;
    }
    let missing: Vec<&str> = OPERATIONS.iter().map(|(what, _)| *what).filter(|what| !covered.contains(what)).collect();
    let (proof, missing) = if missing.is_empty() {
        (Proof::Full, String::new())
    } else {
        (Proof::Partial, format!("it does not say {}", missing.join(", ")))
    };
    let found = "a section on running it in production".to_owned();
    facts.found(file, text, Seen { item: "operations-page", proof, line: start + 1, found, missing: &missing });
}

/// A README's sections (second-level headings or deeper) about running it: deploying, installing it
/// on a server, upgrading, running it in production. Their first line, their text, and whether one is
/// about running it in production or upgrading it.
fn readme_sections(lines: &[&str]) -> Option<(usize, String, bool)> {
    const ABOUT: &[&str] = &["production", "deploy", "self-host", "running", "install", "upgrad", "hosting"];
    let level = |line: &str| line.chars().take_while(|c| *c == '#').count();
    let mut first = None;
    let mut text = String::new();
    let mut production = false;
    for (start, heading) in lines.iter().enumerate().filter(|(_, l)| l.starts_with("##")) {
        let lower = heading.to_lowercase();
        if !ABOUT.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let end = (start + 1..lines.len())
            .find(|&i| lines[i].starts_with('#') && level(lines[i]) <= level(heading))
            .unwrap_or(lines.len());
        first.get_or_insert(start);
        production |= ["production", "self-host", "upgrad"].iter().any(|w| lower.contains(w));
        text.push_str(&lines[start..end].join("\n").to_lowercase());
        text.push('\n');
    }
    first.map(|start| (start, text, production))
}

pub(super) fn load_test(file: &FileName, text: &str, facts: &mut Facts) {
    let k6 = text.contains("k6/http");
    let named = file.name.starts_with("locustfile") || file.ext == "jmx" || file.name.contains("artillery");
    if k6 || named {
        let found = "a load test".to_owned();
        let missing = "its results (the traffic it held) are not in the repository";
        let line = text.lines().position(|l| l.contains("k6/http")).map_or(0, |i| i + 1);
        facts.found(file, text, Seen { item: "peak-load-checked", proof: Proof::Partial, line, found, missing });
    }
}

pub(super) fn release_tooling(file: &FileName, text: &str, facts: &mut Facts) {
    let changelog = file.name.starts_with("changelog");
    let (proof, found, missing) = if changelog {
        (Proof::Partial, "a changelog", "no versioned images or releases were seen built")
    } else {
        (Proof::Full, "release tooling that versions each release", "")
    };
    facts.found(file, text, Seen { item: "named-versions", proof, line: 0, found: found.to_owned(), missing });
}
