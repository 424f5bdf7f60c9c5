//! What the scan recognises: one rule per kind of artefact, each naming the `launch-one-project` item it
//! is evidence for. A rule matches a file by its name, and, where the name is not enough, by words in its
//! first bytes (lowercased).

/// A file as the rules see it.
pub(super) struct FileName {
    /// The path below the project's folder, as spelled on disk: the evidence.
    pub path: String,
    /// The same, lowercased.
    lower: String,
    /// The file name, lowercased.
    name: String,
    /// The extension, lowercased, or "".
    ext: String,
}

impl FileName {
    pub(super) fn new(path: String) -> FileName {
        let lower = path.to_lowercase();
        let name = lower.rsplit('/').next().unwrap_or_default().to_owned();
        let ext = name.rsplit_once('.').map(|(_, ext)| ext.to_owned()).unwrap_or_default();
        FileName { path, lower, name, ext }
    }

    fn is(&self, names: &[&str]) -> bool {
        names.contains(&self.name.as_str())
    }

    fn ext_in(&self, exts: &[&str]) -> bool {
        exts.contains(&self.ext.as_str())
    }

    fn under(&self, folder: &str) -> bool {
        self.lower.starts_with(folder) || self.lower.contains(&format!("/{folder}"))
    }

    fn name_has(&self, word: &str) -> bool {
        self.name.contains(word)
    }
}

/// One kind of artefact.
pub(super) struct Rule {
    /// The item of `launch-one-project` it is evidence for.
    pub item: &'static str,
    /// What was found, as the proposal says it: "a Dockerfile".
    pub what: &'static str,
    /// Whether a file can be this artefact, by its name.
    pub file: fn(&FileName) -> bool,
    /// Words (lowercase), any of which in the file's head makes it one; empty: the name is enough.
    pub needles: &'static [&'static str],
}

const SCRIPT: &[&str] = &["sh", "bash", "py", "ps1", "rb", "js", "ts", ""];
const CONFIG: &[&str] = &["yml", "yaml", "json", "toml", "tf", "conf", "ini", "cfg", "hcl"];
const SOURCE: &[&str] = &["py", "js", "mjs", "cjs", "ts", "go", "rb", "java", "kt", "rs", "php", "cs", "ex", "exs"];
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

fn dockerfile(f: &FileName) -> bool {
    f.is(&["dockerfile", "containerfile"]) || f.name.starts_with("dockerfile.") || f.ext == "dockerfile"
}

fn compose(f: &FileName) -> bool {
    f.is(&["docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml"])
        || (f.name.starts_with("docker-compose.") && f.ext_in(&["yml", "yaml"]))
}

fn ci(f: &FileName) -> bool {
    (f.lower.starts_with(".github/workflows/") && f.ext_in(&["yml", "yaml"]))
        || f.is(&[".gitlab-ci.yml", "jenkinsfile", "azure-pipelines.yml", "bitbucket-pipelines.yml", ".drone.yml"])
        || f.lower == ".circleci/config.yml"
        || f.lower.starts_with(".woodpecker")
}

fn nginx(f: &FileName) -> bool {
    f.ext == "conf" || f.name == "nginx.conf" || f.under("sites-available/") || f.under("nginx/")
}

fn caddy(f: &FileName) -> bool {
    f.name.starts_with("caddyfile")
}

fn k8s(f: &FileName) -> bool {
    f.ext_in(&["yml", "yaml"]) && !ci(f) && !compose(f)
}

fn env_example(f: &FileName) -> bool {
    f.is(&[".env.example", ".env.sample", ".env.template", ".env.dist", "example.env", "env.example", "sample.env"])
}

fn script_named(f: &FileName, word: &str) -> bool {
    f.name_has(word) && (f.ext_in(SCRIPT) || f.ext_in(&["yml", "yaml"]))
}

fn doc_named(f: &FileName, words: &[&str]) -> bool {
    let folders = f.lower.rsplit_once('/').map_or("", |(folders, _)| folders);
    f.ext_in(&["md", "txt", "adoc", "rst", ""]) && words.iter().any(|w| f.name_has(w) || folders.contains(w))
}

pub(super) const RULES: &[Rule] = &[
    Rule { item: "containerised", what: "a Dockerfile", file: dockerfile, needles: &[] },
    Rule { item: "containerised", what: "a Compose file", file: compose, needles: &[] },
    Rule { item: "one-command-start", what: "a Compose file that starts it", file: compose, needles: &[] },
    Rule {
        item: "one-command-start",
        what: "a Makefile or task file",
        file: |f| f.is(&["makefile", "justfile", "taskfile.yml", "procfile"]),
        needles: &[],
    },
    Rule { item: "config-in-environment", what: "an example environment file", file: env_example, needles: &[] },
    Rule {
        item: "no-secrets-in-repo",
        what: "a .gitignore that keeps .env files out of git",
        file: |f| f.name == ".gitignore",
        needles: &[".env"],
    },
    Rule {
        item: "no-secrets-in-repo",
        what: "a secret scanner",
        file: |f| f.is(&[".gitleaks.toml", ".pre-commit-config.yaml", ".secrets.baseline"]) || ci(f),
        needles: &["gitleaks", "detect-secrets", "trufflehog", "allowlist"],
    },
    Rule { item: "tests-on-every-push", what: "a CI pipeline that runs tests", file: ci, needles: &["test"] },
    Rule {
        item: "deploys-from-main",
        what: "a pipeline that deploys",
        file: ci,
        needles: &["deploy", "rsync ", "kubectl apply", "helm upgrade", "docker push"],
    },
    Rule {
        item: "smoke-check-after-deploy",
        what: "a check of the live site after deploying",
        file: ci,
        needles: &["smoke", "curl --fail", "curl -f"],
    },
    Rule {
        item: "named-versions",
        what: "a changelog or release setup",
        file: |f| f.name.starts_with("changelog") || f.is(&[".goreleaser.yml", ".goreleaser.yaml", ".releaserc"]),
        needles: &[],
    },
    Rule { item: "behind-reverse-proxy", what: "an Nginx reverse-proxy config", file: nginx, needles: &["proxy_pass"] },
    Rule { item: "behind-reverse-proxy", what: "a Caddyfile", file: caddy, needles: &["reverse_proxy"] },
    Rule {
        item: "domain-and-https",
        what: "an Nginx HTTPS config",
        file: nginx,
        needles: &["ssl_certificate", "listen 443"],
    },
    Rule {
        item: "domain-and-https",
        what: "a Caddyfile (Caddy renews certificates itself)",
        file: caddy,
        needles: &["."],
    },
    Rule {
        item: "restarts-itself",
        what: "a systemd unit that restarts it",
        file: |f| f.ext == "service",
        needles: &["restart="],
    },
    Rule { item: "restarts-itself", what: "a Compose restart policy", file: compose, needles: &["restart:"] },
    Rule { item: "restarts-itself", what: "a Kubernetes Deployment", file: k8s, needles: &["kind: deployment"] },
    Rule {
        item: "server-hardened",
        what: "server hardening (SSH, firewall, updates)",
        file: |f| f.ext_in(&["yml", "yaml", "sh", "cfg"]) || f.name == "cloud-init",
        needles: &["passwordauthentication no", "ufw ", "unattended-upgrades", "fail2ban"],
    },
    Rule {
        item: "health-endpoints",
        what: "a health endpoint",
        file: |f| f.ext_in(SOURCE),
        needles: &["/health", "/ready", "/livez"],
    },
    Rule { item: "health-endpoints", what: "a container health check", file: dockerfile, needles: &["healthcheck"] },
    Rule {
        item: "health-endpoints",
        what: "Kubernetes probes",
        file: k8s,
        needles: &["livenessprobe", "readinessprobe"],
    },
    Rule {
        item: "logs-kept-and-searchable",
        what: "log rotation or shipping",
        file: |f| {
            f.name_has("logrotate")
                || ["promtail", "loki", "fluent-bit", "filebeat", "vector"]
                    .iter()
                    .any(|w| f.name_has(w) && f.ext_in(CONFIG))
        },
        needles: &[],
    },
    Rule { item: "logs-kept-and-searchable", what: "log rotation in Compose", file: compose, needles: &["max-size"] },
    Rule {
        item: "uptime-alerts",
        what: "an uptime monitor",
        file: |f| f.name == ".upptimerc.yml" || f.ext_in(CONFIG),
        needles: &["uptimerobot", "healthchecks.io", "betteruptime", "uptime-kuma", "upptime", "checkly"],
    },
    Rule {
        item: "errors-tracked",
        what: "an error tracker",
        file: |f| f.is(MANIFESTS) || f.name.starts_with("requirements"),
        needles: &["sentry", "rollbar", "bugsnag", "honeybadger", "glitchtip"],
    },
    Rule {
        item: "server-resources-watched",
        what: "resource monitoring and alerts",
        file: |f| f.ext_in(&["yml", "yaml", "json"]),
        needles: &["node_exporter", "node-exporter", "netdata", "cadvisor"],
    },
    Rule {
        item: "bills-watched",
        what: "a budget alert",
        file: |f| f.ext_in(&["tf", "yml", "yaml", "json"]),
        needles: &["aws_budgets_budget", "google_billing_budget", "azurerm_consumption_budget"],
    },
    Rule { item: "daily-offsite-backup", what: "a backup script", file: |f| script_named(f, "backup"), needles: &[] },
    Rule {
        item: "daily-offsite-backup",
        what: "a database dump",
        file: |f| f.ext_in(SCRIPT) || f.ext_in(&["yml", "yaml"]) || f.name == "crontab",
        needles: &["pg_dump", "mysqldump", "mongodump", "restic backup", "borg create"],
    },
    Rule { item: "restore-proven", what: "a restore script", file: |f| script_named(f, "restore"), needles: &[] },
    Rule { item: "rollback-practised", what: "a rollback script", file: |f| script_named(f, "rollback"), needles: &[] },
    Rule {
        item: "rebuilt-from-scratch",
        what: "infrastructure as code",
        file: |f| f.ext == "tf" || f.is(&["chart.yaml", "pulumi.yaml", "playbook.yml", "site.yml", "cloud-init.yaml"]),
        needles: &[],
    },
    Rule { item: "rebuilt-from-scratch", what: "Kubernetes manifests", file: k8s, needles: &["apiversion:"] },
    Rule {
        item: "operations-page",
        what: "a runbook",
        file: |f| doc_named(f, &["runbook", "operations", "playbook"]),
        needles: &[],
    },
    Rule {
        item: "incident-written-up",
        what: "a post-mortem",
        file: |f| doc_named(f, &["postmortem", "post-mortem", "incident"]),
        needles: &[],
    },
    Rule {
        item: "failures-rehearsed",
        what: "a game-day or chaos plan",
        file: |f| doc_named(f, &["game-day", "gameday", "chaos"]),
        needles: &[],
    },
    Rule {
        item: "peak-load-checked",
        what: "a load test",
        file: |f| f.name.starts_with("locustfile") || f.ext == "jmx" || f.name_has("artillery"),
        needles: &[],
    },
    Rule {
        item: "peak-load-checked",
        what: "a k6 load test",
        file: |f| f.ext_in(&["js", "ts"]),
        needles: &["k6/http"],
    },
    Rule {
        item: "migrations-in-deploy",
        what: "database migrations",
        file: |f| ["migrations/", "db/migrate/", "alembic/"].iter().any(|folder| f.under(folder)),
        needles: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(path: &str) -> Vec<&'static str> {
        let file = FileName::new(path.to_owned());
        RULES.iter().filter(|r| (r.file)(&file) && r.needles.is_empty()).map(|r| r.item).collect()
    }

    #[test]
    fn names_alone_find_what_they_name() {
        assert_eq!(kinds("Dockerfile"), ["containerised"]);
        assert_eq!(kinds("deploy/Dockerfile.prod"), ["containerised"]);
        assert_eq!(kinds("compose.yaml"), ["containerised", "one-command-start"]);
        assert_eq!(kinds(".env.example"), ["config-in-environment"]);
        assert_eq!(kinds("scripts/backup-db.sh"), ["daily-offsite-backup"]);
        assert_eq!(kinds("docs/runbooks/restart.md"), ["operations-page"]);
        assert_eq!(kinds("infra/main.tf"), ["rebuilt-from-scratch"]);
        assert_eq!(kinds("app/db/migrate/001_init.rb"), ["migrations-in-deploy"]);
        assert!(kinds("src/main.rs").is_empty());
        assert!(kinds("README.md").is_empty());
    }
}
