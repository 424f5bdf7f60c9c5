//! The readers: one per format, each finding what a file of its kind proves. [`reader_for`] picks the
//! reader by the file's name; extension-less files are scripts when their first line is a shell's
//! shebang.

mod code;
pub(crate) mod commands;
mod containers;
mod names;
mod pipeline;
mod proxy;
pub(crate) mod schedule;
mod scripts;
pub(crate) mod systemd;

use super::facts::{Facts, Proof, Seen};
use super::place::FileName;

const SOURCE: &[&str] =
    &["py", "js", "mjs", "cjs", "ts", "tsx", "go", "rb", "java", "kt", "rs", "php", "cs", "ex", "exs", "scala", "clj"];
const MANIFESTS: &[&str] = &[
    "package.json",
    "requirements.txt",
    "pyproject.toml",
    "pipfile",
    "gemfile",
    "go.mod",
    "cargo.toml",
    "composer.json",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "mix.exs",
];
const OTHER_CI: &[&str] =
    &["jenkinsfile", "azure-pipelines.yml", "bitbucket-pipelines.yml", ".drone.yml", ".travis.yml"];

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reader {
    Dockerfile,
    Compose,
    GithubActions,
    GitlabCi,
    OtherCi,
    UpdateBot,
    EnvExample,
    GitIgnore,
    SecretScanner,
    Terraform,
    Yaml,
    Nginx,
    Caddy,
    Service,
    Timer,
    Crontab,
    Script,
    /// An extension-less file: a script if its shebang says so.
    MaybeScript,
    Hardening,
    Source,
    Manifest,
    Document,
    TaskRunner,
    Release,
    LoadTest,
    Migration,
    LogShipping,
}

/// The reader for `file`, or none when no reader wants it (it is not read at all).
pub(super) fn reader_for(file: &FileName) -> Option<Reader> {
    let name = file.name.as_str();
    let lower = file.lower.as_str();
    let reader = if name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name == "containerfile"
        || file.ext == "dockerfile"
    {
        Reader::Dockerfile
    } else if (name.starts_with("docker-compose") || name.starts_with("compose.")) && file.ext_in(&["yml", "yaml"]) {
        Reader::Compose
    } else if lower.starts_with(".github/workflows/") && file.ext_in(&["yml", "yaml"]) {
        Reader::GithubActions
    } else if name == ".gitlab-ci.yml" {
        Reader::GitlabCi
    } else if file.is(OTHER_CI) || lower == ".circleci/config.yml" || lower.starts_with(".woodpecker") {
        Reader::OtherCi
    } else if name == "dependabot.yml"
        || name == "dependabot.yaml"
        || name.starts_with("renovate.json")
        || name.starts_with(".renovaterc")
    {
        Reader::UpdateBot
    } else if file.is(&[
        ".env.example",
        ".env.sample",
        ".env.template",
        ".env.dist",
        "example.env",
        "env.example",
        "sample.env",
        ".env.default",
        ".env.defaults",
    ]) {
        Reader::EnvExample
    } else if name == ".gitignore" {
        Reader::GitIgnore
    } else if file.is(&[".gitleaks.toml", ".pre-commit-config.yaml", ".secrets.baseline"]) {
        Reader::SecretScanner
    } else {
        return second_reader_for(file);
    };
    Some(reader)
}

fn second_reader_for(file: &FileName) -> Option<Reader> {
    let name = file.name.as_str();
    let reader = if file.ext == "tf" {
        Reader::Terraform
    } else if name.starts_with("caddyfile") {
        Reader::Caddy
    } else if file.ext == "conf"
        || name.starts_with("nginx")
        || file.under("nginx")
        || name.ends_with(".conf.template")
        || name.ends_with(".conf.j2")
    {
        Reader::Nginx
    } else if file.ext == "service" {
        Reader::Service
    } else if file.ext == "timer" {
        Reader::Timer
    } else if name.contains("crontab") || file.ext == "cron" || file.under("cron.d") {
        Reader::Crontab
    } else if name.contains("logrotate")
        || ["promtail", "loki", "fluent-bit", "filebeat", "vector"].iter().any(|w| name.starts_with(w))
    {
        Reader::LogShipping
    } else if file.ext_in(&["yml", "yaml"]) {
        Reader::Yaml
    } else if file.ext_in(&["sh", "bash", "zsh"]) {
        Reader::Script
    } else if name == "sshd_config"
        || name.contains("unattended-upgrades")
        || name == "20auto-upgrades"
        || name.starts_with("cloud-init")
    {
        Reader::Hardening
    } else {
        return third_reader_for(file);
    };
    Some(reader)
}

fn third_reader_for(file: &FileName) -> Option<Reader> {
    let name = file.name.as_str();
    let reader = if file.is(MANIFESTS) || name.starts_with("requirements") && file.ext == "txt" {
        Reader::Manifest
    } else if name.starts_with("locustfile") || file.ext == "jmx" {
        Reader::LoadTest
    } else if file.ext_in(SOURCE) {
        Reader::Source
    } else if file.is(&["makefile", "justfile", "taskfile.yml", "procfile"]) {
        Reader::TaskRunner
    } else if name.starts_with("changelog")
        || name.starts_with(".goreleaser")
        || name.starts_with(".releaserc")
        || name == "release-please-config.json"
    {
        Reader::Release
    } else if ["migrations", "migrate", "alembic"].iter().any(|f| file.under(f)) {
        Reader::Migration
    } else if file.ext_in(&["md", "txt", "adoc", "rst"]) {
        Reader::Document
    } else if file.ext.is_empty() && !name.starts_with('.') {
        Reader::MaybeScript
    } else {
        return None;
    };
    Some(reader)
}

/// Reads `text`, the head of `file`, with `reader`. `project` is the project folder's name, lowercased.
pub(super) fn read(reader: Reader, file: &FileName, text: &str, project: &str, facts: &mut Facts) {
    match reader {
        Reader::Dockerfile => containers::dockerfile(file, text, facts),
        Reader::Compose => containers::compose(file, text, facts),
        Reader::GithubActions => pipeline::github_actions(file, text, facts),
        Reader::GitlabCi => pipeline::gitlab_ci(file, text, facts),
        Reader::OtherCi => pipeline::other_ci(file, text, facts),
        Reader::UpdateBot => names::update_bot(file, text, facts),
        Reader::EnvExample => names::env_example(file, text, facts),
        Reader::GitIgnore => names::gitignore(file, text, facts),
        Reader::SecretScanner => names::secret_scanner_config(file, text, facts),
        Reader::Terraform => names::terraform(file, text, facts),
        Reader::Yaml => yaml_file(file, text, facts),
        Reader::Nginx => proxy::nginx(file, text, facts),
        Reader::Caddy => proxy::caddy(file, text, facts),
        Reader::Service => systemd::service(file, text, project, facts),
        Reader::Timer => schedule::timer(file, text, facts),
        Reader::Crontab => schedule::crontab(file, text, facts),
        Reader::Script => scripts::script(file, text, facts),
        Reader::MaybeScript if scripts::has_shell_shebang(text) => scripts::script(file, text, facts),
        Reader::MaybeScript => {}
        Reader::Hardening => scripts::hardening(file, text, facts),
        Reader::Source => {
            code::source(file, text, facts);
            names::load_test(file, text, facts);
        }
        Reader::Manifest => code::manifest(file, text, facts),
        Reader::Document => names::document(file, text, facts),
        Reader::TaskRunner => task_runner(file, text, facts),
        Reader::Release => names::release_tooling(file, text, facts),
        Reader::LoadTest => names::load_test(file, text, facts),
        Reader::Migration => migration(file, text, facts),
        Reader::LogShipping => {
            let found = "log rotation or shipping".to_owned();
            facts.found(
                file,
                text,
                Seen { item: "logs-kept-and-searchable", proof: Proof::Full, line: 0, found, missing: "" },
            );
        }
    }
}

/// Other YAML: Kubernetes manifests, provisioning (Ansible, cloud-init) and configs that embed Nginx.
fn yaml_file(file: &FileName, text: &str, facts: &mut Facts) {
    let provisioning = if text.contains("apiVersion:") && text.contains("kind:") {
        containers::kubernetes(file, text, facts);
        Some("Kubernetes manifests")
    } else if file.name == "chart.yaml" {
        Some("a Helm chart")
    } else if text.contains("hosts:") && (text.contains("tasks:") || text.contains("roles:")) {
        Some("an Ansible playbook")
    } else if text.starts_with("#cloud-config") {
        Some("a cloud-init configuration")
    } else {
        None
    };
    if let Some(what) = provisioning {
        let found = format!("infrastructure as code ({what})");
        let missing = "that it was rebuilt from it is not something a file shows";
        facts.found(file, text, Seen { item: "rebuilt-from-scratch", proof: Proof::Partial, line: 1, found, missing });
    }
    if text.contains("proxy_pass") || text.contains("ssl_certificate") {
        proxy::nginx(file, text, facts);
    }
    scripts::hardening(file, text, facts);
    if file.name == ".upptimerc.yml" {
        let found = "an Upptime uptime monitor".to_owned();
        facts.found(file, text, Seen { item: "uptime-alerts", proof: Proof::Full, line: 0, found, missing: "" });
    }
    uptime_monitor(file, text, facts);
    let exporter = ["node_exporter", "node-exporter", "netdata", "cadvisor"]
        .iter()
        .find_map(|w| text.lines().position(|l| l.contains(w)));
    if let Some(line) = exporter {
        let disk_alert = text.contains("node_filesystem_avail") || text.contains("node_filesystem_free");
        let (proof, missing) =
            if disk_alert { (Proof::Full, "") } else { (Proof::Partial, "no disk alert rule found") };
        let found = "server metrics collected".to_owned();
        facts.found(file, text, Seen { item: "server-resources-watched", proof, line: line + 1, found, missing });
    }
}

/// Hosted uptime monitors that check from outside.
const UPTIME_SERVICES: &[&str] =
    &["uptimerobot", "betteruptime", "checkly", "healthchecks.io", "pingdom", "statuscake", "uptime-kuma", "gatus"];

fn uptime_monitor(file: &FileName, text: &str, facts: &mut Facts) {
    let lower = text.to_lowercase();
    let Some(service) = UPTIME_SERVICES.iter().find(|s| lower.contains(*s)) else { return };
    if !(file.name.contains("uptime")
        || file.name.contains("monitor")
        || file.name.contains("gatus")
        || file.name.contains("checkly"))
    {
        return;
    }
    let line = lower.lines().position(|l| l.contains(service)).map_or(0, |i| i + 1);
    let alerts = ["alert", "notif", "contact", "webhook", "slack", "email"].iter().any(|w| lower.contains(w));
    let (proof, missing) = if alerts { (Proof::Full, "") } else { (Proof::Partial, "no alert route in it") };
    let found = format!("an uptime monitor ({service})");
    facts.found(file, text, Seen { item: "uptime-alerts", proof, line, found, missing });
}

/// A Makefile, justfile or task file target that starts the app; a Procfile's web process.
fn task_runner(file: &FileName, text: &str, facts: &mut Facts) {
    const STARTS: &[&str] = &[
        "compose up",
        "docker-compose up",
        "runserver",
        "npm start",
        "npm run dev",
        "go run",
        "cargo run",
        "uvicorn",
        "rails s",
        "rails server",
        "flask run",
        "bin/dev",
        "foreman start",
    ];
    if file.name == "procfile" {
        if let Some(line) = text.lines().position(|l| l.starts_with("web:")) {
            let found = "a Procfile web process".to_owned();
            let missing = "it is for a platform, not one command on a clean clone";
            facts.found(
                file,
                text,
                Seen { item: "one-command-start", proof: Proof::Partial, line: line + 1, found, missing },
            );
        }
        return;
    }
    if let Some(line) = text.lines().position(|l| STARTS.iter().any(|s| l.contains(s))) {
        let found = format!("a {} target that starts it", if file.name == "justfile" { "just" } else { "make" });
        facts.found(
            file,
            text,
            Seen { item: "one-command-start", proof: Proof::Full, line: line + 1, found, missing: "" },
        );
    }
}

fn migration(file: &FileName, text: &str, facts: &mut Facts) {
    let found = "database migrations".to_owned();
    let missing = "no step that runs them in the deploy was found";
    facts.found(file, text, Seen { item: "migrations-in-deploy", proof: Proof::Partial, line: 0, found, missing });
}
