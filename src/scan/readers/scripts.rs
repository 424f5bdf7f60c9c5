//! Shell scripts (by extension, or by a shebang when they have none) read by their commands: a dump, a
//! copy off the server, a restore, a rollback, server hardening. A script named "backup" that dumps
//! nothing proves nothing.

use super::commands::{self, DUMPS, MIGRATIONS, OFFSITE, RESTORES};
use super::{Facts, FileName, Seen};
use crate::scan::facts::{ClueKind, Proof};

/// Whether `text` starts with a shell's shebang.
pub(crate) fn has_shell_shebang(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    first.starts_with("#!")
        && ["sh", "bash", "zsh", "dash", "ash"]
            .iter()
            .any(|s| first.ends_with(s) || first.contains(&format!("/{s} ")) || first.contains(&format!(" {s} ")))
}

pub(super) fn script(file: &FileName, text: &str, facts: &mut Facts) {
    for (kind, set) in [(ClueKind::Dump, DUMPS), (ClueKind::Offsite, OFFSITE)] {
        if let Some((command, at)) = commands::find(text, set) {
            facts.clue(file, text, kind, commands::line_at(text, at, 1), command);
        }
    }
    if file.name.contains("restore")
        && let Some((command, at)) = commands::find(text, RESTORES)
    {
        let found = format!("a restore script (`{command}`)");
        let missing = "that a restore was tested and timed is not something a file shows";
        let line = commands::line_at(text, at, 1);
        facts.found(file, text, Seen { item: "restore-proven", proof: Proof::Partial, line, found, missing });
    }
    if file.name.contains("rollback") {
        let found = "a rollback script".to_owned();
        let missing = "that a rollback was practised and timed is not something a file shows";
        facts.found(file, text, Seen { item: "rollback-practised", proof: Proof::Partial, line: 0, found, missing });
    }
    entrypoint_migrations(file, text, facts);
    hardening(file, text, facts);
}

/// An entrypoint or release script that runs the migrations.
fn entrypoint_migrations(file: &FileName, text: &str, facts: &mut Facts) {
    let deploys = ["entrypoint", "start", "release", "deploy", "run", "boot"].iter().any(|w| file.name.contains(w));
    if let (true, Some((command, at))) = (deploys, commands::find(text, MIGRATIONS)) {
        let found = format!("the deploy runs the migrations (`{command}`)");
        let line = commands::line_at(text, at, 1);
        facts.found(file, text, Seen { item: "migrations-in-deploy", proof: Proof::Full, line, found, missing: "" });
    }
}

/// SSH without passwords, a firewall, unattended upgrades: all three prove a hardened server.
pub(super) fn hardening(file: &FileName, text: &str, facts: &mut Facts) {
    let lower = text.to_lowercase();
    let parts = [
        (
            "SSH without passwords",
            ["passwordauthentication no", "passwordauthentication: no"].iter().find_map(|w| lower.find(w)),
        ),
        (
            "a firewall",
            ["ufw enable", "ufw allow", "ufw default", "firewall-cmd", "nftables", "iptables -a"]
                .iter()
                .find_map(|w| lower.find(w)),
        ),
        (
            "unattended upgrades",
            ["unattended-upgrades", "dnf-automatic", "unattended_upgrades"].iter().find_map(|w| lower.find(w)),
        ),
    ];
    let found: Vec<(&str, usize)> = parts.iter().filter_map(|(what, at)| at.map(|at| (*what, at))).collect();
    let Some(first) = found.iter().map(|f| f.1).min() else { return };
    let names: Vec<&str> = found.iter().map(|f| f.0).collect();
    let missing: Vec<&str> = parts.iter().filter(|p| p.1.is_none()).map(|p| p.0).collect();
    let (proof, missing) = if missing.is_empty() {
        (Proof::Full, String::new())
    } else {
        (Proof::Partial, format!("no {} found", missing.join(" and no ")))
    };
    let found = format!("server hardening: {}", names.join(", "));
    let line = commands::line_at(text, first, 1);
    facts.found(file, text, Seen { item: "server-hardened", proof, line, found, missing: &missing });
}
