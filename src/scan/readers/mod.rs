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
mod start;
pub(crate) mod systemd;

use super::facts::{self, ClueKind, Facts, Proof, Seen};
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
    /// An INI file (uWSGI, supervisord): the commands it runs.
    Ini,
    Fail2ban,
}

/// The reader for `file` and the name it reads it under (a template's suffix taken off), or none when no
/// reader wants it (it is not read at all).
pub(super) fn reader_for(file: &FileName) -> Option<(Reader, FileName)> {
    match first_reader_for(file) {
        Some(reader) => Some((reader, file.clone())),
        None => {
            let plain = file.without_template_suffix()?;
            first_reader_for(&plain).map(|reader| (reader, plain))
        }
    }
}

fn first_reader_for(file: &FileName) -> Option<Reader> {
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
    } else if is_env_file(file) {
        Reader::EnvExample
    } else if name.starts_with(".goreleaser") || name.starts_with(".releaserc") || name == "release-please-config.json"
    {
        Reader::Release
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
    } else if name.starts_with("jail.") || file.under("jail.d") {
        Reader::Fail2ban
    } else if name.contains("logrotate") {
        Reader::LogShipping
    } else if file.ext == "conf" || name.starts_with("nginx") || file.under("nginx") {
        Reader::Nginx
    } else if file.ext == "ini" {
        Reader::Ini
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
    } else if ["migrations", "migrate", "alembic"].iter().any(|f| file.under(f)) {
        Reader::Migration
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
pub(super) fn read(reader: Reader, file: &FileName, text: &str, facts: &mut Facts) {
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
        Reader::Nginx => {
            proxy::nginx(file, text, facts);
            config_commands(file, text, facts);
        }
        Reader::Ini => config_commands(file, text, facts),
        Reader::Fail2ban => fail2ban(file, text, facts),
        Reader::Caddy => proxy::caddy(file, text, facts),
        Reader::Service => systemd::service(file, text, facts),
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
        Reader::Manifest => {
            code::manifest(file, text, facts);
            if let Some(name) = code::manifest_name(file, text) {
                facts.project_name(&name);
            }
        }
        Reader::Document => {
            if file.name.starts_with("readme") {
                start::readme(file, text, facts);
            }
            names::document(file, text, facts);
        }
        Reader::TaskRunner => start::task_runner(file, text, facts),
        Reader::Release => names::release_tooling(file, text, facts),
        Reader::LoadTest => names::load_test(file, text, facts),
        Reader::Migration => migration(file, text, facts),
        Reader::LogShipping => {
            let found = "log rotation or shipping".to_owned();
            facts.proves(file, text, "logs-kept-and-searchable", 0, found);
        }
    }
}

/// An environment file kept in the repository: `.env.example`, `.env.prod-sample`, `env.sample`,
/// `mailserver.env`, or a `.env` with defaults.
fn is_env_file(file: &FileName) -> bool {
    let name = file.name.as_str();
    const VARIANTS: &[&str] =
        &["example", "sample", "template", "dist", "default", "defaults", "local", "prod", "dev", "tmpl"];
    let variant = |rest: &str| rest.split(['.', '-', '_']).any(|w| VARIANTS.contains(&w));
    name == ".env"
        || name.ends_with(".env")
        || name.strip_prefix(".env.").is_some_and(variant)
        || name.strip_prefix(".env-").is_some_and(variant)
        || name.strip_prefix("env.").is_some_and(variant)
}

/// A config file that runs the migrations: a command (`hook-pre-app = exec:./manage.py migrate`) or an
/// environment flag (`RUN_MIGRATIONS=1`).
fn config_commands(file: &FileName, text: &str, facts: &mut Facts) {
    let line = text.lines().position(|l| {
        let l = l.trim();
        !l.starts_with(['#', ';'])
            && (containers::is_migration_flag(l) || commands::find(l, commands::MIGRATIONS).is_some())
    });
    if let Some(line) = line {
        let found = "a config that runs the migrations when the app starts".to_owned();
        facts.proves(file, text, "migrations-in-deploy", line + 1, found);
    }
}

/// Whether `command` (from a README) starts the app: a start command, or a make or just target.
pub(crate) fn is_start_command(command: &str) -> bool {
    start::STARTS.contains(&command)
        || ["make ", "just "].iter().any(|p| {
            command.strip_prefix(p).is_some_and(|t| matches!(t, "run" | "start" | "up" | "dev" | "serve" | "server"))
        })
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
    if !text.contains("kind:") {
        other_yaml_commands(file, text, facts);
    }
    if let Some(what) = provisioning {
        let found = format!("infrastructure as code ({what})");
        let missing = "that it was rebuilt from it is not something a file shows";
        facts.part(file, text, "rebuilt-from-scratch", (1, found), missing);
    }
    if text.contains("proxy_pass") || text.contains("ssl_certificate") {
        proxy::nginx(file, text, facts);
    }
    scripts::hardening(file, text, facts);
    if file.name == ".upptimerc.yml" {
        let found = "an Upptime uptime monitor".to_owned();
        facts.proves(file, text, "uptime-alerts", 0, found);
    }
    uptime_monitor(file, text, facts);
    if file.name == "skaffold.yaml" || file.name == "skaffold.yml" {
        facts.clue(file, text, ClueKind::StartCommand, 1, "skaffold run|skaffold");
    }
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

/// Commands in provisioning and deployment templates (Ansible tasks, a launcher's templates): the
/// migrations a deploy runs, log rotation it sets up.
fn other_yaml_commands(file: &FileName, text: &str, facts: &mut Facts) {
    if file.lower.starts_with(".github/") {
        return;
    }
    let docs = super::yaml::parse(text);
    let texts: Vec<(usize, &str)> = docs.iter().flat_map(super::yaml::Node::all_text).collect();
    if let Some((line, command)) = texts.iter().find(|(_, t)| containers::runs_migrations(t)) {
        let line = facts::line_of(text, *line, "migrat");
        let found = format!(
            "the deploy runs the migrations (`{}`)",
            command.lines().find(|l| l.contains("migrat")).unwrap_or(command).trim()
        );
        facts.found(file, text, Seen { item: "migrations-in-deploy", proof: Proof::Full, line, found, missing: "" });
    }
    if let Some(line) = text.lines().position(|l| l.trim_start().starts_with("rotate ") || l.contains("max-size")) {
        let found = "log rotation set up by the deploy".to_owned();
        facts.proves(file, text, "logs-kept-and-searchable", line + 1, found);
    }
}

/// fail2ban jails: repeated failed logins are banned (a part: whether the jails are on is not shown).
fn fail2ban(file: &FileName, text: &str, facts: &mut Facts) {
    if let Some(line) = text.lines().position(|l| l.trim() == "enabled = true" || l.trim().starts_with("maxretry")) {
        let found = "fail2ban jails that ban repeated failed logins".to_owned();
        let missing = "not a limit on the app's own login route";
        facts.part(file, text, "login-rate-limited", (line + 1, found), missing);
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

fn migration(file: &FileName, text: &str, facts: &mut Facts) {
    let found = "database migrations".to_owned();
    let missing = "no step that runs them in the deploy was found";
    facts.part(file, text, "migrations-in-deploy", (0, found), missing);
}
