//! Nginx and Caddy configs by directive, wherever they are kept (a `.conf`, a template, a YAML file that
//! embeds one). A certificate file alone is not "HTTPS that renews by itself": that needs a renewal job
//! (put together with the clues of other files), or a server that renews by itself (Caddy).

use super::{Facts, FileName, Seen};
use crate::scan::facts::{ClueKind, Proof};

/// Each Nginx statement with its line: the directive's name and its arguments, comments out; a block's
/// opening (`location /api {`) is a statement too, so `location / { proxy_pass …; }` on one line is two.
fn directives(text: &str) -> Vec<(usize, &str, &str)> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = line.split('#').next().unwrap_or_default();
        for statement in code.split([';', '{', '}']) {
            let statement = statement.trim();
            let (name, args) = statement.split_once(char::is_whitespace).unwrap_or((statement, ""));
            if !name.is_empty() {
                out.push((index + 1, name, args.trim()));
            }
        }
    }
    out
}

pub(super) fn nginx(file: &FileName, text: &str, facts: &mut Facts) {
    let mut location = String::new();
    let mut headers: Option<(usize, bool)> = None;
    for (line, name, args) in directives(text) {
        match name {
            "location" => args.clone_into(&mut location),
            "proxy_pass" | "fastcgi_pass" | "uwsgi_pass" | "grpc_pass" => {
                let found = format!("an Nginx config that passes requests to the app (`{name} {args}`)");
                facts.found(
                    file,
                    text,
                    Seen { item: "behind-reverse-proxy", proof: Proof::Full, line, found, missing: "" },
                );
            }
            "ssl_certificate" => facts.clue(file, text, ClueKind::Certificate, line, args),
            "limit_req" => {
                let login =
                    ["login", "signin", "sign_in", "auth", "session", "token"].iter().any(|w| location.contains(w));
                let found = format!(
                    "an Nginx rate limit (limit_req) on `{}`",
                    if location.is_empty() { "every request" } else { &location }
                );
                let (proof, missing) =
                    if login { (Proof::Full, "") } else { (Proof::Partial, "not on the login route") };
                facts.found(file, text, Seen { item: "login-rate-limited", proof, line, found, missing });
            }
            "add_header" | "more_set_headers" => {
                // Security headers only: a CORS or cache header is not one.
                const SECURITY: &[&str] = &[
                    "content-security-policy",
                    "x-frame-options",
                    "x-content-type-options",
                    "referrer-policy",
                    "strict-transport-security",
                    "permissions-policy",
                ];
                let lower = args.to_lowercase();
                let csp = lower.contains("content-security-policy");
                let security = SECURITY.iter().any(|h| lower.contains(h));
                if security && headers.is_none_or(|(_, had_csp)| csp && !had_csp) {
                    headers = Some((line, csp));
                }
            }
            _ => {}
        }
    }
    if let Some((line, csp)) = headers {
        let found = "security headers set in Nginx".to_owned();
        let (proof, missing) = if csp { (Proof::Full, "") } else { (Proof::Partial, "no Content-Security-Policy") };
        facts.found(file, text, Seen { item: "security-headers-sent", proof, line, found, missing });
    }
}

pub(super) fn caddy(file: &FileName, text: &str, facts: &mut Facts) {
    for (line, name, args) in directives(text) {
        if name == "reverse_proxy" {
            let found = format!("a Caddyfile that passes requests to the app (`reverse_proxy {args}`)");
            facts.found(
                file,
                text,
                Seen { item: "behind-reverse-proxy", proof: Proof::Full, line, found, missing: "" },
            );
        }
        let site =
            name.contains('.') && !name.starts_with(':') && !name.contains("localhost") && !name.starts_with("http://");
        if site && args.is_empty() {
            let found = format!("a Caddy site for `{name}` (Caddy gets and renews its certificate)");
            facts.found(file, text, Seen { item: "domain-and-https", proof: Proof::Full, line, found, missing: "" });
        }
    }
}
