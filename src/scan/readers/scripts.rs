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
    if file.name.contains("restore") {
        // A script named for restoring is a restore procedure; a restore command in it says what it runs.
        let (found, line) = match commands::find(text, RESTORES) {
            Some((command, at)) => (format!("a restore script (`{command}`)"), commands::line_at(text, at, 1)),
            None => ("a restore script".to_owned(), 0),
        };
        let missing = "that a restore was tested and timed is not something a file shows";
        facts.found(file, text, Seen { item: "restore-proven", proof: Proof::Partial, line, found, missing });
    }
    if file.name.contains("rollback") {
        let found = "a rollback script".to_owned();
        let missing = "that a rollback was practised and timed is not something a file shows";
        facts.part(file, text, "rollback-practised", (0, found), missing);
    }
    entrypoint_migrations(file, text, facts);
    // A script that builds an image installs packages inside it; hardening is a server's setup.
    let server_setup = ["provision", "harden", "setup", "bootstrap", "server", "secure", "firewall", "init"]
        .iter()
        .any(|w| file.lower.contains(w));
    if server_setup {
        hardening(file, text, facts);
    }
    container_restart(file, text, facts);
    provisioning(file, text, facts);
}

/// A script that starts the app's container with a restart policy (`docker run --restart=always`).
fn container_restart(file: &FileName, text: &str, facts: &mut Facts) {
    // The policy may be kept in a variable the run line uses (`restart_policy=--restart=always`).
    let runs_container = text.lines().any(|l| (l.contains("docker") || l.contains("podman")) && l.contains(" run "));
    let kept = text.lines().position(|l| {
        ["--restart=always", "--restart=unless-stopped", "--restart=on-failure"].iter().any(|p| l.contains(p))
    });
    if let (true, Some(line)) = (runs_container, kept) {
        let found = "the container is started with a restart policy (docker run --restart)".to_owned();
        let seen = Seen { item: "restarts-itself", proof: Proof::Full, line: line + 1, found, missing: "" };
        return facts.found(file, text, seen);
    }
    let line = text.lines().position(|l| {
        let runs = (l.contains("docker") || l.contains("podman")) && l.contains(" run ");
        runs && (l.contains("--restart=") || l.contains("--restart ")) && !l.contains("--restart=no")
    });
    if let Some(line) = line {
        let found = "the container is started with a restart policy (docker run --restart)".to_owned();
        facts.proves(file, text, "restarts-itself", line + 1, found);
    }
}

/// A script that sets up a server from nothing (installs packages and the app): a part of a rebuild.
fn provisioning(file: &FileName, text: &str, facts: &mut Facts) {
    let named = ["install", "setup", "set-up", "bootstrap", "provision"].iter().any(|w| file.name.starts_with(w));
    // It installs the server's software: a container runtime, or packages and a service.
    let server =
        text.contains("get.docker.com") || text.contains("systemctl enable") || text.contains("install docker");
    let installs = text
        .lines()
        .position(|l| l.contains("apt-get install") || l.contains("apt install") || l.contains("get.docker.com"))
        .filter(|_| server);
    if let (true, Some(line)) = (named, installs) {
        let found = "a script that sets up a server".to_owned();
        let missing = "that it was rebuilt from it is not something a file shows";
        facts.part(file, text, "rebuilt-from-scratch", (line + 1, found), missing);
    }
}

/// An entrypoint or release script that runs the migrations.
fn entrypoint_migrations(file: &FileName, text: &str, facts: &mut Facts) {
    let deploys = ["entrypoint", "start", "release", "deploy", "run", "boot", "install", "setup", "set-up", "migrate"]
        .iter()
        .any(|w| file.name.contains(w));
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
            ["ufw enable", "ufw allow", "ufw default", "firewall-cmd --", "nft add rule", "iptables -a input"]
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
