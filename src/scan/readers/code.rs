//! The app's own code and manifests: health routes (by route, or by a route file's path such as a
//! Next.js `app/api/health/route.ts` or a Rails health controller), the error tracker set up in code
//! (a dependency alone is a part), a rate limiter and a Content-Security-Policy.

use super::{Facts, FileName, Seen};
use crate::scan::facts::Proof;

/// Route paths of a liveness check, and of a readiness check.
const LIVE: &[&str] = &["/health", "/healthz", "/livez", "/live", "/ping", "/up", "/status"];
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

pub(super) fn source(file: &FileName, text: &str, facts: &mut Facts) {
    let by_path = ["/health/", "/healthz/", "health_controller", "healthcheck"].iter().any(|p| file.lower.contains(p));
    let live = route_line(text, LIVE).or(by_path.then_some(0));
    let ready = route_line(text, READY);
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
    if let Some(line) = text.lines().position(|l| init.iter().any(|i| l.contains(i))) {
        let found = "the error tracker set up in the app's code".to_owned();
        facts.found(
            file,
            text,
            Seen { item: "errors-tracked", proof: Proof::Full, line: line + 1, found, missing: "" },
        );
    }
    if let Some(line) = text.lines().position(|l| {
        l.contains("Content-Security-Policy")
            || l.contains("contentSecurityPolicy")
            || l.contains("CSP_DEFAULT_SRC")
            || l.contains("content_security_policy")
    }) {
        let found = "a Content-Security-Policy set in the app".to_owned();
        facts.found(
            file,
            text,
            Seen { item: "security-headers-sent", proof: Proof::Full, line: line + 1, found, missing: "" },
        );
    }
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
    let lower = text.to_lowercase();
    for (item, names, what, missing) in PARTS {
        if let Some(name) = names
            .iter()
            .find(|n| lower.contains(&format!("\"{n}")) || lower.lines().any(|l| l.trim_start().starts_with(*n)))
        {
            let line = lower.lines().position(|l| l.contains(name)).map_or(0, |i| i + 1);
            let found = format!("{what} ({name})");
            facts.found(file, text, Seen { item, proof: Proof::Partial, line, found, missing });
        }
    }
}
