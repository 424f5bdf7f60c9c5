//! Dockerfiles by instruction; Compose files and Kubernetes manifests as YAML: services and their
//! `restart:` (never `"no"`), health checks and probes, log limits, the command that runs migrations,
//! the database beside the app, Traefik's routers and certificates, scheduled backup jobs.

use super::commands::{self, DUMPS, MIGRATIONS, OFFSITE};
use super::{Facts, FileName, Seen};
use crate::scan::facts::{ClueKind, Proof, line_of};
use crate::scan::yaml::{self, Node};

/// Database images a Compose file or manifest runs beside the app.
const DATABASES: &[&str] =
    &["postgres", "mysql", "mariadb", "mongo", "clickhouse", "cockroach", "timescale", "postgis"];

/// Each instruction of a Dockerfile with its line (continuations joined), keyword uppercased.
fn instructions(text: &str) -> Vec<(usize, String, String)> {
    let mut out: Vec<(usize, String, String)> = Vec::new();
    let mut continued = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if continued {
            if let Some(last) = out.last_mut() {
                last.2.push(' ');
                last.2.push_str(trimmed.trim_end_matches('\\'));
            }
        } else if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let (keyword, rest) = trimmed.split_once(char::is_whitespace).unwrap_or((trimmed, ""));
            out.push((index + 1, keyword.to_uppercase(), rest.trim_end_matches('\\').to_owned()));
        }
        continued = trimmed.ends_with('\\');
    }
    out
}

pub(super) fn dockerfile(file: &FileName, text: &str, facts: &mut Facts) {
    let instructions = instructions(text);
    let Some((from_line, _, _)) = instructions.iter().find(|i| i.1 == "FROM") else { return };
    facts.clue(file, text, ClueKind::Dockerfile, *from_line, "");
    if let Some((line, _, args)) = instructions.iter().find(|i| i.1 == "HEALTHCHECK" && !i.2.starts_with("NONE")) {
        let found = "a container health check".to_owned();
        let missing = if args.contains("ready") { "" } else { "one check, not a separate readiness check" };
        let seen = Seen { item: "health-endpoints", proof: Proof::Partial, line: *line, found, missing };
        facts.found(file, text, seen);
    }
    let runs = instructions.iter().filter(|i| matches!(i.1.as_str(), "CMD" | "ENTRYPOINT"));
    if let Some((line, command)) = runs.filter_map(|i| commands::find(&i.2, MIGRATIONS).map(|c| (i.0, c.0))).next() {
        let found = format!("the container runs the migrations when it starts (`{command}`)");
        facts.found(file, text, Seen { item: "migrations-in-deploy", proof: Proof::Full, line, found, missing: "" });
    }
}

pub(super) fn compose(file: &FileName, text: &str, facts: &mut Facts) {
    for doc in yaml::parse(text) {
        let services = doc.get("services").map(Node::entries).unwrap_or_default();
        let database = services.iter().find(|(_, s)| {
            s.get("image").and_then(Node::text).is_some_and(|i| DATABASES.iter().any(|d| i.contains(d)))
        });
        let app = services
            .iter()
            .find(|(_, s)| s.get("build").is_some())
            .or(services.iter().find(|(_, s)| Some(s) != database.map(|d| &d.1)));
        if let (Some((_, db)), Some(_)) = (database, app) {
            facts.clue(file, text, ClueKind::RunsWithDatabase, db.line, "");
        }
        if let Some((name, service)) = app {
            compose_service(file, text, facts, name, service);
        }
        log_limits(file, text, facts, services, app.map(|a| a.0.as_str()));
        for (_, service) in services {
            scheduled_commands(file, text, facts, service);
            traefik(file, text, facts, service);
        }
        if !services.is_empty() {
            let line = doc.get("services").map_or(1, |s| s.line);
            let found = "a Compose file that starts it".to_owned();
            let missing = if database.is_some() { "" } else { "no database service beside it" };
            let proof = if database.is_some() { Proof::Full } else { Proof::Partial };
            facts.found(file, text, Seen { item: "one-command-start", proof, line, found, missing });
        }
    }
}

fn compose_service(file: &FileName, text: &str, facts: &mut Facts, name: &str, service: &Node) {
    let restart = service.get("restart").or(service.path(&["deploy", "restart_policy", "condition"]));
    if let Some((line, policy)) = restart.and_then(|r| Some((r.line, r.text()?)))
        && policy != "no"
        && policy != "none"
    {
        let found = format!("a Compose restart policy for `{name}` ({policy})");
        facts.found(file, text, Seen { item: "restarts-itself", proof: Proof::Full, line, found, missing: "" });
    }
    if let Some(test) = service.path(&["healthcheck", "test"]) {
        let found = format!("a health check for `{name}`");
        let missing = "one check, not a separate readiness check";
        facts.found(
            file,
            text,
            Seen { item: "health-endpoints", proof: Proof::Partial, line: test.line, found, missing },
        );
    }
    let commands: Vec<(usize, &str)> =
        ["command", "entrypoint"].iter().filter_map(|k| service.get(k)).flat_map(Node::all_text).collect();
    if let Some((line, command)) =
        commands.iter().find_map(|(line, c)| commands::find(c, MIGRATIONS).map(|m| (*line, m.0)))
    {
        let found = format!("`{name}` runs the migrations when it starts (`{command}`)");
        facts.found(
            file,
            text,
            Seen {
                item: "migrations-in-deploy",
                proof: Proof::Full,
                line: line_of(text, line, command),
                found,
                missing: "",
            },
        );
    }
}

/// Log rotation (`max-size`) for the app's service, or for another service only.
fn log_limits(file: &FileName, text: &str, facts: &mut Facts, services: &[(String, Node)], app: Option<&str>) {
    let limited: Vec<(&str, usize)> = services
        .iter()
        .filter_map(|(name, s)| s.path(&["logging", "options", "max-size"]).map(|size| (name.as_str(), size.line)))
        .collect();
    let best = limited.iter().find(|(name, _)| Some(*name) == app).or(limited.first());
    if let Some((name, line)) = best {
        let for_app = Some(*name) == app;
        let (proof, missing) =
            if for_app { (Proof::Full, "") } else { (Proof::Partial, "not for the app's own service") };
        let found = format!("log rotation for `{name}` (max-size)");
        facts.found(file, text, Seen { item: "logs-kept-and-searchable", proof, line: *line, found, missing });
    }
}

/// A service that runs a dump or a copy on a schedule (an ofelia or cron label, or a cron image).
fn scheduled_commands(file: &FileName, text: &str, facts: &mut Facts, service: &Node) {
    for (line, command) in service.all_text() {
        for (kind, set) in [(ClueKind::Dump, DUMPS), (ClueKind::Offsite, OFFSITE)] {
            if let Some((found, _)) = commands::find(command, set) {
                facts.clue(file, text, kind, line_of(text, line, found), found);
            }
        }
    }
}

fn traefik(file: &FileName, text: &str, facts: &mut Facts, service: &Node) {
    for (line, label) in service.get("labels").map(Node::all_text).unwrap_or_default() {
        if label.starts_with("traefik.http.routers.") && label.contains(".rule") {
            let found = "a Traefik router in front of it".to_owned();
            facts.found(
                file,
                text,
                Seen { item: "behind-reverse-proxy", proof: Proof::Full, line, found, missing: "" },
            );
        }
        if label.contains(".tls.certresolver") {
            let found = "Traefik certificates from an ACME resolver, renewed by Traefik".to_owned();
            facts.found(file, text, Seen { item: "domain-and-https", proof: Proof::Full, line, found, missing: "" });
        }
    }
    for (line, command) in service.all_text() {
        if command.contains("certbot renew") || command.contains("--certificatesresolvers") {
            facts.clue(file, text, ClueKind::Renewal, line_of(text, line, "cert"), "certbot renew");
        }
    }
}

/// Kinds that keep pods running (and restart them).
const WORKLOADS: &[&str] = &["Deployment", "StatefulSet", "DaemonSet"];

pub(super) fn kubernetes(file: &FileName, text: &str, facts: &mut Facts) {
    for doc in yaml::parse(text) {
        let Some(kind) = doc.get("kind").and_then(Node::text) else { continue };
        let line = doc.get("kind").map_or(1, |k| k.line);
        if WORKLOADS.contains(&kind) {
            let found = format!("a Kubernetes {kind}, restarted by the cluster");
            facts.found(file, text, Seen { item: "restarts-itself", proof: Proof::Full, line, found, missing: "" });
            probes(file, text, facts, &doc);
        }
        if kind == "CronJob" {
            let schedule = doc.path(&["spec", "schedule"]).and_then(Node::text).unwrap_or_default();
            let daily = if crate::scan::readers::schedule::is_daily_cron(schedule) { "daily:" } else { "" };
            facts.clue(file, text, ClueKind::Schedule, line, &format!("{daily}{}", file.path));
            scheduled_commands(file, text, facts, &doc);
        }
        if matches!(kind, "Ingress" | "HTTPRoute" | "IngressRoute") {
            let found = format!("a Kubernetes {kind} in front of it");
            facts.found(
                file,
                text,
                Seen { item: "behind-reverse-proxy", proof: Proof::Full, line, found, missing: "" },
            );
        }
        let cert_manager = kind == "Certificate"
            || doc
                .path(&["metadata", "annotations"])
                .is_some_and(|a| a.entries().iter().any(|(k, _)| k.starts_with("cert-manager.io/")));
        if cert_manager {
            let found = "certificates issued and renewed by cert-manager".to_owned();
            facts.found(file, text, Seen { item: "domain-and-https", proof: Proof::Full, line, found, missing: "" });
        }
    }
}

fn probes(file: &FileName, text: &str, facts: &mut Facts, doc: &Node) {
    let containers = doc.path(&["spec", "template", "spec", "containers"]).map(Node::items).unwrap_or_default();
    for container in containers {
        let live = container.get("livenessProbe");
        let ready = container.get("readinessProbe");
        let Some(first) = live.or(ready) else { continue };
        let (proof, missing) = match (live, ready) {
            (Some(_), Some(_)) => (Proof::Full, ""),
            (Some(_), None) => (Proof::Partial, "no readiness probe"),
            _ => (Proof::Partial, "no liveness probe"),
        };
        let found = "Kubernetes probes".to_owned();
        facts.found(file, text, Seen { item: "health-endpoints", proof, line: first.line, found, missing });
    }
}
