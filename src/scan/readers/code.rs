//! The app's own code and manifests: health routes (by route, or by a route file's path such as a
//! Next.js `app/api/health/route.ts` or a Rails health controller), the error tracker set up in code
//! (a dependency alone is a part), a rate limiter and a Content-Security-Policy.

use super::{Facts, FileName, Seen};
use crate::scan::facts::Proof;

/// Route paths of a liveness check, and of a readiness check.
const LIVE: &[&str] = &["/health", "/healthz", "/livez", "/live", "/ping", "/up"];
const READY: &[&str] = &["/ready", "/readyz", "/readiness"];

/// Where `text` defines a route ending in one of `paths`, quoted: `'/healthz'`, `"/api/health"`; or
/// Rails' health check (`rails/health#show`).
fn route_line(text: &str, paths: &[&str]) -> Option<usize> {
    let quoted_route = |line: &str, path: &str| {
        line.match_indices(path).any(|(at, _)| {
            let after = line[at + path.len()..].chars().next();
            let before: String =
                line[..at].chars().rev().take_while(|c| c.is_ascii_alphanumeric() || "/_-.".contains(*c)).collect();
            let opening = line[..at - before.len()].chars().next_back();
            matches!(after, Some('"' | '\'' | '`')) && after == opening
        })
    };
    text.lines()
        .position(|line| {
            let code = !line.trim_start().starts_with(['#', '*']) && !line.trim_start().starts_with("//");
            code && (paths.iter().any(|path| quoted_route(line, path)) || line.contains("rails/health#show"))
        })
        .map(|index| index + 1)
}

/// The first line (1-based) holding one of `needles`; the whole text is searched first, as most source
/// files hold none of them and a line-by-line search of every file is what a scan's time would go to.
fn first_line(text: &str, needles: &[&str]) -> Option<usize> {
    if !needles.iter().any(|n| text.contains(n)) {
        return None;
    }
    text.lines().position(|l| needles.iter().any(|n| l.contains(n))).map(|index| index + 1)
}

pub(super) fn source(file: &FileName, text: &str, facts: &mut Facts) {
    let by_path = ["/health/", "/healthz/", "health_controller", "healthcheck"].iter().any(|p| file.lower.contains(p));
    let routes = ["/health", "/live", "/ready", "/ping", "/up", "rails/health", "\"up\"", "'up'"]
        .iter()
        .any(|r| text.contains(r));
    let live = routes.then(|| route_line(text, LIVE)).flatten().or(by_path.then_some(0));
    let ready = routes.then(|| route_line(text, READY)).flatten();
    if let Some(line) = live.or(ready) {
        let (proof, missing) = match (live, ready) {
            (Some(_), Some(_)) => (Proof::Full, ""),
            _ => (Proof::Partial, "one health route; a separate readiness check was not found"),
        };
        let found = "a health route in the app's code".to_owned();
        facts.found(file, text, Seen { item: "health-endpoints", proof, line, found, missing });
    }
    let init = [
        "Sentry.init(",
        "sentry_sdk.init(",
        "Sentry.configure",
        "Rollbar.configure",
        "Bugsnag.start(",
        "Honeybadger.configure",
        "Raven.config(",
    ];
    if let Some(line) = first_line(text, &init) {
        let found = "the error tracker set up in the app's code".to_owned();
        facts.found(file, text, Seen { item: "errors-tracked", proof: Proof::Full, line, found, missing: "" });
    }
    headers(file, text, facts);
    if let Some(line) = first_line(text, &["autocert.Manager", "certmagic.", "acme.NewClient"]) {
        let found = "certificates from an ACME CA, got and renewed by the app itself".to_owned();
        let seen = Seen { item: "domain-and-https", proof: Proof::Full, line, found, missing: "" };
        facts.found(file, text, seen);
    }
    app_migrations(file, text, facts);
    login_limit(file, text, facts);
    settings_from_environment(file, text, facts);
}

/// A Content-Security-Policy set for the whole app (in its settings, middleware or server setup) proves
/// the headers; one set on some responses only, or other security headers only, is a part.
fn headers(file: &FileName, text: &str, facts: &mut Facts) {
    const CSP: &[&str] = &[
        "Content-Security-Policy",
        "contentSecurityPolicy",
        "CSP_DEFAULT_SRC",
        "CSP_REPORT_ONLY",
        "content_security_policy",
    ];
    const OTHERS: &[&str] = &["SecurityMiddleware", "helmet(", "X-Frame-Options", "X-Content-Type-Options"];
    let stem = file.name.split('.').next().unwrap_or_default();
    let app_wide = ["setting", "middleware", "conf", "security", "header"].iter().any(|w| file.name.contains(w))
        || ["server", "app", "main", "index"].contains(&stem);
    let csp = first_line(text, CSP).map(|line| line - 1);
    let other = first_line(text, OTHERS).map(|line| line - 1);
    // A policy only reported (`Content-Security-Policy-Report-Only`, `CSP_REPORT_ONLY = True`) blocks nothing yet.
    let report_only = ["Report-Only", "REPORT_ONLY = True", "reportOnly: true"].iter().any(|r| text.contains(r));
    let (line, proof, found, missing) = match (csp, other) {
        (Some(line), _) if app_wide && report_only => {
            (line, Proof::Partial, "a Content-Security-Policy for the app", "it is only reported, not enforced")
        }
        (Some(line), _) if app_wide => (line, Proof::Full, "a Content-Security-Policy set for the app", ""),
        (Some(line), _) => {
            (line, Proof::Partial, "a Content-Security-Policy on some responses", "not seen set for the whole app")
        }
        (None, Some(line)) => (line, Proof::Partial, "security headers set in the app", "no Content-Security-Policy"),
        (None, None) => return,
    };
    let seen = Seen { item: "security-headers-sent", proof, line: line + 1, found: found.to_owned(), missing };
    facts.found(file, text, seen);
}

/// Calls with which an app migrates its database when it starts.
const MIGRATES_AT_START: &[&str] = &[
    "knex.migrate.latest",
    ".Migrate(ctx",
    "AutoMigrate(",
    "migrator.Up(",
    "runMigrations(",
    "migrate.Up(",
    "call_command(\"migrate\"",
    "flyway.migrate()",
];

fn app_migrations(file: &FileName, text: &str, facts: &mut Facts) {
    // A deploy or start script written in the app's language that runs the migration command.
    let deploy_script = file.under("scripts")
        || file.under("bin")
        || ["migrate", "deploy", "start", "check-db"].iter().any(|w| file.name.contains(w));
    if deploy_script && let Some((command, at)) = super::commands::find(text, super::commands::MIGRATIONS) {
        let found = format!("a deploy script runs the migrations (`{command}`)");
        let line = super::commands::line_at(text, at, 1);
        return facts.found(
            file,
            text,
            Seen { item: "migrations-in-deploy", proof: Proof::Full, line, found, missing: "" },
        );
    }
    // A command-line tool's migrate command is run by hand, not when the app starts.
    if ["command-line", "/cli/", "/commands/", "/management/"].iter().any(|w| file.lower.contains(w)) {
        return;
    }
    if let Some(line) = first_line(text, MIGRATES_AT_START) {
        let found = "the app runs its migrations when it starts".to_owned();
        let seen = Seen { item: "migrations-in-deploy", proof: Proof::Full, line, found, missing: "" };
        facts.found(file, text, seen);
    }
}

/// A rate limiter on the login (`loginRateLimiter`, `@ratelimit` on a login view), or a rate limiter in
/// the app's code not seen on it.
fn login_limit(file: &FileName, text: &str, facts: &mut Facts) {
    let limiter = |l: &str| {
        ["ratelimit", "rate_limit", "ratelimiter", "throttle", "tokenbucket", "limiter"].iter().any(|w| l.contains(w))
    };
    // Most files hold no limiter: the text is searched before it is lowercased line by line.
    if !["imit", "hrottl", "ucket"].iter().any(|w| text.contains(w)) {
        return;
    }
    let lower = text.to_lowercase();
    let on_login = |l: &str| limiter(l) && (l.contains("login") || l.contains("signin") || l.contains("sign_in"));
    if let Some(line) = lower.lines().position(on_login) {
        let found = "a rate limit on the login in the app's code".to_owned();
        facts.proves(file, text, "login-rate-limited", line + 1, found);
    } else if ["ratelimit", "rate_limit", "ratelimiter", "throttl"]
        .iter()
        .any(|w| file.name.replace('-', "").contains(w))
    {
        // A module named for rate limiting; a word in another file is not one.
        let found = "a rate limiter in the app's code".to_owned();
        let missing = "it was not seen on the login route";
        facts.part(file, text, "login-rate-limited", (0, found), missing);
    }
}

/// A config or settings module that reads several settings from the environment: a part of "settings
/// from the environment" (the example file that lists them is the rest).
fn settings_from_environment(file: &FileName, text: &str, facts: &mut Facts) {
    const READS: &[&str] = &[
        "os.Getenv(",
        "os.LookupEnv(",
        "os.environ",
        "os.getenv(",
        "process.env.",
        "ENV[",
        "ENV.fetch(",
        "env::var(",
        "System.getenv(",
    ];
    let stem = file.name.split('.').next().unwrap_or_default();
    let config = ["config", "setting"].iter().any(|w| file.name.contains(w))
        || file.lower.split('/').rev().skip(1).any(|f| f == "config")
        || stem == "main";
    // A binder reads every setting from the environment at once.
    const BINDERS: &[&str] =
        &["viper.AutomaticEnv", "viper.BindEnv", "envconfig.Process", "env.Parse(", "BaseSettings"];
    if !config || !READS.iter().chain(BINDERS).any(|r| text.contains(r)) {
        return;
    }
    let reads = text.lines().filter(|l| READS.iter().any(|r| l.contains(r))).count();
    let binds = text.lines().any(|l| BINDERS.iter().any(|b| l.contains(b)));
    if config && (reads >= 3 || binds) {
        let line = text.lines().position(|l| READS.iter().chain(BINDERS).any(|r| l.contains(r))).map_or(0, |i| i + 1);
        let found = format!("settings read from the environment ({reads} of them)");
        let missing = "no example file lists them";
        let seen = Seen { item: "config-in-environment", proof: Proof::Partial, line, found, missing };
        facts.found(file, text, seen);
    }
}

/// The name a manifest gives the project: package.json's `name`, go.mod's module, Cargo.toml's or
/// pyproject.toml's `name`, composer.json's package.
pub(super) fn manifest_name(file: &FileName, text: &str) -> Option<String> {
    let quoted_after = |key: &str| {
        text.lines().find_map(|line| {
            let rest = line.trim().strip_prefix(key)?.trim_start().strip_prefix([':', '='])?.trim();
            Some(rest.trim_matches(['"', '\'', ',']).to_owned())
        })
    };
    match file.name.as_str() {
        "go.mod" => text.lines().find_map(|l| l.strip_prefix("module ")).map(str::to_owned),
        "package.json" | "composer.json" => quoted_after("\"name\""),
        "cargo.toml" | "pyproject.toml" => quoted_after("name"),
        _ => None,
    }
    .filter(|name| !name.is_empty())
}

/// Dependencies that are a part of an item: a tracker's SDK, a rate limiter, a header library.
const PARTS: &[(&str, &[&str], &str, &str)] = &[
    (
        "errors-tracked",
        &["sentry", "rollbar", "bugsnag", "honeybadger", "glitchtip"],
        "an error tracker's library",
        "it was not seen set up in the code",
    ),
    (
        "login-rate-limited",
        &[
            "express-rate-limit",
            "django-ratelimit",
            "rack-attack",
            "slowapi",
            "flask-limiter",
            "rate-limiter-flexible",
            "django-axes",
        ],
        "a rate-limit library",
        "it was not seen on the login route",
    ),
    (
        "security-headers-sent",
        &["helmet", "django-csp", "secure_headers", "secure-headers"],
        "a security-header library",
        "no Content-Security-Policy was seen set",
    ),
];

pub(super) fn manifest(file: &FileName, text: &str, facts: &mut Facts) {
    // An npm script that builds, starts or deploys the app and runs the migrations on the way.
    let script = |l: &str| {
        let key = l.trim_start().trim_start_matches('"');
        ["start", "build", "deploy", "release", "prestart", "predeploy", "postbuild"].iter().any(|k| key.starts_with(k))
    };
    if file.name == "package.json"
        && let Some(line) = text
            .lines()
            .position(|l| script(l) && super::containers::runs_migrations(l.split_once(':').map_or(l, |(_, v)| v)))
    {
        let found = "an npm script that runs the migrations when the app is built or started".to_owned();
        facts.proves(file, text, "migrations-in-deploy", line + 1, found);
    }
    let lower = text.to_lowercase();
    for (item, names, what, missing) in PARTS {
        if let Some(name) = names.iter().find(|n| {
            // `"sentry-sdk"`, `"@sentry/node"`, `sentry-sdk==2.0` or `gem "sentry-ruby"`.
            lower.contains(&format!("\"{n}"))
                || lower.contains(&format!("\"@{n}/"))
                || lower.lines().any(|l| l.trim_start().starts_with(*n))
        }) {
            let line = lower.lines().position(|l| l.contains(name)).map_or(0, |i| i + 1);
            let found = format!("{what} ({name})");
            facts.found(file, text, Seen { item, proof: Proof::Partial, line, found, missing });
        }
    }
}
