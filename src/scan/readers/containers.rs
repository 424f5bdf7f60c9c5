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
    match instructions.iter().rev().find(|i| i.1 == "USER") {
        Some((line, _, user)) if !matches!(user.trim(), "root" | "0" | "0:0") => {
            facts.signal(file, true, *line, format!("the container runs as the non-root user `{}`", user.trim()));
        }
        Some((line, _, _)) => facts.signal(file, false, *line, "the container runs as root".to_owned()),
        None => facts.signal(file, false, *from_line, "no USER instruction: the container runs as root".to_owned()),
    }
    if let Some((line, _, args)) = instructions.iter().find(|i| i.1 == "HEALTHCHECK" && !i.2.starts_with("NONE")) {
        let found = "a container health check".to_owned();
        let missing = if args.contains("ready") { "" } else { "one check, not a separate readiness check" };
        facts.part(file, text, "health-endpoints", (*line, found), missing);
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
        let is_database =
            |s: &Node| s.get("image").and_then(Node::text).is_some_and(|i| DATABASES.iter().any(|d| i.contains(d)));
        // The app: the service built here; else the one that depends on the database; else the first other.
        let needs_database = |s: &Node| {
            s.get("depends_on").is_some_and(|d| d.words().iter().any(|w| database.is_some_and(|(name, _)| name == w)))
        };
        let app = services
            .iter()
            .find(|(_, s)| s.get("build").is_some())
            .or(services.iter().find(|(_, s)| !is_database(s) && needs_database(s)))
            .or(services.iter().find(|(_, s)| !is_database(s)));
        if let (Some((_, db)), Some((_, service))) = (database, app) {
            // The folder the app is built from, below the project's: its Dockerfile is the evidence.
            let build = service.get("build");
            let context = build.and_then(|b| b.text().or(b.get("context").and_then(Node::text))).unwrap_or_default();
            let base = file.path.rsplit_once('/').map_or("", |(folder, _)| folder);
            let folder = context.trim_start_matches("./").trim_end_matches('/');
            let built = if base.is_empty() { folder.to_owned() } else { format!("{base}/{folder}") };
            facts.clue(file, text, ClueKind::RunsWithDatabase, db.line, built.trim_end_matches(['/', '.']));
        }
        if let Some((name, service)) = app {
            let shared = shared_restart(&doc);
            compose_service(file, text, facts, (name, service), shared);
            // A version pinned for a helper (a cache, a proxy) says nothing of the app's own.
            let others = services.iter().filter(|(_, s)| !is_database(s)).count();
            if service.get("build").is_some() || needs_database(service) || others == 1 {
                pinned_version(file, text, facts, name, service);
            }
        }
        log_limits(file, text, facts, services, app.map(|a| a.0.as_str()));
        for (name, service) in services {
            scheduled_commands(file, text, facts, service);
            traefik(file, text, facts, service);
            service_migrations(file, text, facts, name, service);
        }
        if !services.is_empty() {
            let line = doc.get("services").map_or(1, |s| s.line);
            // `docker compose up` starts the default file at the root; another one needs `-f FILE`.
            let default = !file.path.contains('/')
                && ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]
                    .contains(&file.name.as_str());
            let typed = if default {
                "docker compose up|compose up".to_owned()
            } else {
                format!("docker compose -f {}|{}", file.path, file.name)
            };
            facts.clue(file, text, ClueKind::StartCommand, line, &typed);
        }
    }
}

/// A restart policy kept in an extension field (`x-restart-policy: &restart {restart: unless-stopped}`)
/// for services that merge it in (`<<: *restart`): the YAML reader does not follow anchors.
fn shared_restart(doc: &Node) -> Option<&Node> {
    doc.entries().iter().filter(|(key, _)| key.starts_with("x-")).find_map(|(_, node)| node.get("restart"))
}

fn compose_service(
    file: &FileName,
    text: &str,
    facts: &mut Facts,
    (name, service): (&str, &Node),
    shared: Option<&Node>,
) {
    let merged = shared.filter(|_| service.get("<<").is_some());
    let restart = service.get("restart").or(service.path(&["deploy", "restart_policy", "condition"])).or(merged);
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
        facts.part(file, text, "health-endpoints", (test.line, found), missing);
    }
    migration_flag(file, text, facts, service.get("environment"));
}

/// The app's image pinned to a version (`image: example/app:2.4.1`), or built with a version or commit
/// tag from a variable (`image: app:${TAG}`): each deploy is a version you can name.
fn pinned_version(file: &FileName, text: &str, facts: &mut Facts, name: &str, service: &Node) {
    let Some(image) = service.get("image") else { return };
    let Some(reference) = image.text() else { return };
    if is_versioned(reference) {
        let found = format!("the `{name}` image is a named version (`{reference}`)");
        facts.proves(file, text, "named-versions", image.line, found);
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

/// An environment flag that makes the app run its migrations when it starts (`RUN_MIGRATIONS=1`,
/// `AUTO_MIGRATE: "true"`), in a Compose service's environment or an env or config file.
pub(crate) fn migration_flag(file: &FileName, text: &str, facts: &mut Facts, environment: Option<&Node>) {
    let Some(environment) = environment else { return };
    let pairs: Vec<(usize, String)> = match &environment.value {
        crate::scan::yaml::Value::Map(entries) => {
            entries.iter().map(|(k, v)| (v.line, format!("{k}={}", v.text().unwrap_or_default()))).collect()
        }
        _ => environment.all_text().into_iter().map(|(line, pair)| (line, pair.to_owned())).collect(),
    };
    if let Some((line, pair)) = pairs.iter().find(|(_, pair)| is_migration_flag(pair)) {
        let found = format!("the app runs its migrations when it starts (`{pair}`)");
        facts.proves(file, text, "migrations-in-deploy", *line, found);
    }
}

/// `KEY=VALUE` where the key asks for migrations and the value turns it on.
pub(crate) fn is_migration_flag(pair: &str) -> bool {
    let Some((key, value)) = pair.split_once('=') else { return false };
    let value = value.trim().trim_matches(['"', '\'']).to_lowercase();
    key.to_uppercase().contains("MIGRAT") && matches!(value.as_str(), "1" | "true" | "yes" | "on")
}

/// A service whose command or entrypoint runs the migrations (the app's own, or a one-off `migrate`
/// service the others wait for).
fn service_migrations(file: &FileName, text: &str, facts: &mut Facts, name: &str, service: &Node) {
    if let Some((line, command)) = command_line(service, &["entrypoint", "command"]).filter(|(_, c)| runs_migrations(c))
    {
        let found = format!("`{name}` runs the migrations when it starts (`{}`)", command.trim());
        let seen = Seen {
            item: "migrations-in-deploy",
            proof: Proof::Full,
            line: line_of(text, line, "migrat"),
            found,
            missing: "",
        };
        facts.found(file, text, seen);
    }
}

/// The command a container runs, its list items joined (`["rails", "db:migrate"]` is `rails db:migrate`),
/// with the line it starts on.
fn command_line(node: &Node, keys: &[&str]) -> Option<(usize, String)> {
    let parts: Vec<(usize, &str)> = keys.iter().filter_map(|k| node.get(k)).flat_map(Node::all_text).collect();
    let line = parts.first()?.0;
    Some((line, parts.iter().map(|(_, part)| *part).collect::<Vec<_>>().join(" ")))
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
            limits(file, facts, &doc);
        }
        pod_containers(file, text, facts, &doc);
        if kind == "CronJob" {
            let schedule = doc.path(&["spec", "schedule"]).and_then(Node::text).unwrap_or_default();
            let daily = if crate::scan::readers::schedule::is_daily_cron(schedule) { "daily:" } else { "" };
            facts.clue(file, text, ClueKind::Schedule, line, &format!("{daily}{}", file.path));
            scheduled_commands(file, text, facts, &doc);
        }
        if kind == "Ingress"
            && let Some(tls) = doc.path(&["spec", "tls"])
            && !cert_managed(&doc)
        {
            let found = "HTTPS on a Kubernetes Ingress".to_owned();
            let missing = "who renews its certificate is not shown (no cert-manager annotation)";
            facts.part(file, text, "domain-and-https", (tls.line, found), missing);
        }
        if matches!(kind, "Ingress" | "HTTPRoute" | "IngressRoute") {
            let found = format!("a Kubernetes {kind} in front of it");
            facts.found(
                file,
                text,
                Seen { item: "behind-reverse-proxy", proof: Proof::Full, line, found, missing: "" },
            );
        }
        let cert_manager = matches!(kind, "Certificate" | "ManagedCertificate") || cert_managed(&doc);
        if cert_manager {
            let issuer = doc.path(&["spec", "issuerRef", "name"]).and_then(Node::text).unwrap_or_default();
            let self_signed = issuer.to_lowercase().replace('-', "").contains("selfsigned");
            let (proof, missing) = if self_signed {
                (Proof::Partial, "its issuer is self-signed, not a public CA")
            } else {
                (Proof::Full, "")
            };
            let found = "certificates issued and renewed in the cluster".to_owned();
            facts.found(file, text, Seen { item: "domain-and-https", proof, line, found, missing });
        }
    }
}

/// The containers of a workload, a Job or a CronJob: a versioned image, and migrations run by a
/// container, an init container or a Job.
fn pod_containers(file: &FileName, text: &str, facts: &mut Facts, doc: &Node) {
    let pod = doc
        .path(&["spec", "template", "spec"])
        .or(doc.path(&["spec", "jobTemplate", "spec", "template", "spec"]))
        .or(doc.get("spec").filter(|_| doc.get("kind").and_then(Node::text) == Some("Pod")));
    let Some(pod) = pod else { return };
    let containers = ["initContainers", "containers"].iter().filter_map(|k| pod.get(k)).flat_map(Node::items);
    for container in containers {
        let image = container.get("image");
        if let Some((line, reference)) = image.and_then(|i| Some((i.line, i.text()?)))
            && is_versioned(reference)
        {
            let found = format!("the image is a named version (`{reference}`)");
            facts.found(file, text, Seen { item: "named-versions", proof: Proof::Full, line, found, missing: "" });
        }
        let settings = container.get("env").map_or(0, |env| env.items().len());
        if settings >= 3 {
            let line = container.get("env").map_or(0, |env| env.line);
            let found = format!("{settings} settings given to the container as environment variables");
            let missing = "no example file lists them";
            facts.found(
                file,
                text,
                Seen { item: "config-in-environment", proof: Proof::Partial, line, found, missing },
            );
        }
        if let Some((line, command)) = command_line(container, &["command", "args"]).filter(|(_, c)| runs_migrations(c))
        {
            let found = format!("a container runs the migrations (`{}`)", command.trim());
            facts.found(
                file,
                text,
                Seen { item: "migrations-in-deploy", proof: Proof::Full, line, found, missing: "" },
            );
        }
    }
}

/// An image reference that names a version: a tag with a digit or a variable, not `latest`; or a digest.
pub(crate) fn is_versioned(reference: &str) -> bool {
    let tag = reference.rsplit_once(':').map(|(_, tag)| tag).filter(|tag| !tag.contains('/'));
    // A variable or a template's value (`${TAG}`, `<%= current_sha %>`, `{{ .Values.tag }}`) is set per deploy.
    let variable = |tag: &str| ["$", "<%", "{{"].iter().any(|v| tag.contains(v));
    reference.contains('@')
        || tag.is_some_and(|tag| tag != "latest" && (tag.chars().any(|c| c.is_ascii_digit()) || variable(tag)))
}

/// Whether a command runs migrations: a known migration command, or a command with the word `migrate`.
pub(crate) fn runs_migrations(command: &str) -> bool {
    // A word of a command: `rails db:migrate`, `./entrypoint.sh db migrate`, `["rails", "db:migrate"]`;
    // a path such as `db/migrate/*` is not one.
    let words: Vec<&str> =
        command.split_whitespace().map(|w| w.trim_matches(['[', ']', '"', '\'', ',', ';', '&'])).collect();
    commands::find(command, MIGRATIONS).is_some()
        || (words.len() >= 2 && words.iter().any(|w| *w == "migrate" || w.ends_with(":migrate")))
}

fn cert_managed(doc: &Node) -> bool {
    doc.path(&["metadata", "annotations"])
        .is_some_and(|a| a.entries().iter().any(|(k, _)| k.starts_with("cert-manager.io/")))
}

/// Resource limits on a workload's containers: without them one pod can starve a node.
fn limits(file: &FileName, facts: &mut Facts, doc: &Node) {
    let containers = doc.path(&["spec", "template", "spec", "containers"]).map(Node::items).unwrap_or_default();
    for container in containers {
        let name = container.get("name").and_then(Node::text).unwrap_or("?");
        match container.path(&["resources", "limits"]) {
            Some(limits) => facts.signal(file, true, limits.line, format!("container `{name}` has resource limits")),
            None => facts.signal(file, false, container.line, format!("container `{name}` has no resource limits")),
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
