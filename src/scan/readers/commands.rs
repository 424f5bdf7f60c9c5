//! Commands in shell text (a workflow's `run:`, a script, a cron line, a Compose `command:`), found as
//! commands: a whole word at the start of a command or after a separator, case kept (`curl -F` posts a
//! form; `curl -f` fails on an HTTP error), and never on a line that installs the tool.

/// Commands that run a test suite.
pub(crate) const TESTS: &[&str] = &[
    "pytest",
    "manage.py test",
    "npm test",
    "npm run test",
    "npm run test:ci",
    "yarn test",
    "yarn run test",
    "pnpm test",
    "pnpm run test",
    "bun test",
    "cargo test",
    "cargo nextest",
    "go test",
    "make test",
    "make check",
    "rspec",
    "rails test",
    "rake test",
    "rake spec",
    "mix test",
    "mvn test",
    "mvn verify",
    "./mvnw test",
    "./mvnw verify",
    "gradle test",
    "./gradlew test",
    "./gradlew check",
    "./gradlew build",
    "phpunit",
    "artisan test",
    "jest",
    "vitest",
    "tox",
    "nox",
    "dotnet test",
    "ctest",
    "deno test",
    "just test",
    "playwright test",
    "hatch test",
];

/// Commands that put a new version on a server or platform.
pub(crate) const DEPLOYS: &[&str] = &[
    "kubectl apply",
    "kubectl set image",
    "kubectl rollout restart",
    "helm upgrade",
    "flyctl deploy",
    "fly deploy",
    "vercel deploy",
    "netlify deploy",
    "git push heroku",
    "heroku container:release",
    "docker stack deploy",
    "kamal deploy",
    "cap production deploy",
    "ansible-playbook",
    "aws ecs update-service",
    "gcloud run deploy",
    "gcloud app deploy",
    "az webapp deploy",
    "az containerapp update",
    "railway up",
    "serverless deploy",
    "cdk deploy",
    "pulumi up",
    "wrangler deploy",
    "firebase deploy",
    "eb deploy",
    "caprover deploy",
    "skaffold run",
    "skaffold deploy",
    "argocd app sync",
    "flux reconcile",
    "fastapi deploy",
    "ssh",
    "rsync",
    "scp",
];

/// Actions (`uses:`) that deploy.
pub(crate) const DEPLOY_ACTIONS: &[&str] = &[
    "appleboy/ssh-action",
    "appleboy/scp-action",
    "superfly/flyctl-actions",
    "azure/webapps-deploy",
    "azure/k8s-deploy",
    "google-github-actions/deploy-cloudrun",
    "google-github-actions/deploy-appengine",
    "aws-actions/amazon-ecs-deploy-task-definition",
    "amondnet/vercel-action",
    "akhileshns/heroku-deploy",
    "burnett01/rsync-deployments",
    "easingthemes/ssh-deploy",
    "cloudflare/wrangler-action",
    "dokku/github-action",
    "digitalocean/app_action",
];

/// Commands and actions that publish an image or a package, which is not yet a deploy.
pub(crate) const PUBLISHES: &[&str] = &["docker push", "docker buildx build", "podman push", "ko publish"];
pub(crate) const PUBLISH_ACTIONS: &[&str] = &["docker/build-push-action", "redhat-actions/push-to-registry"];

/// Commands and actions that publish a package or a release (a deploy for nobody's server).
pub(crate) const RELEASES: &[&str] =
    &["npm publish", "twine upload", "cargo publish", "gem push", "gh release create", "goreleaser", "release-plz"];
pub(crate) const RELEASE_ACTIONS: &[&str] = &[
    "pypa/gh-action-pypi-publish",
    "softprops/action-gh-release",
    "goreleaser/goreleaser-action",
    "release-plz/action",
    "ncipollo/release-action",
];

/// Database dumps.
pub(crate) const DUMPS: &[&str] = &[
    "pg_dump",
    "pg_dumpall",
    "pg_basebackup",
    "mysqldump",
    "mariadb-dump",
    "mongodump",
    "wal-g backup-push",
    "pgbackrest",
    "barman backup",
];

/// Copies off the machine.
pub(crate) const OFFSITE: &[&str] = &[
    "restic backup",
    "borg create",
    "rclone copy",
    "rclone sync",
    "rclone move",
    "aws s3 cp",
    "aws s3 sync",
    "gsutil cp",
    "gsutil rsync",
    "gcloud storage cp",
    "s3cmd put",
    "s3cmd sync",
    "mc cp",
    "mc mirror",
    "az storage blob upload",
    "b2 upload-file",
    "wal-g backup-push",
    "scp",
];

/// Restores.
pub(crate) const RESTORES: &[&str] =
    &["pg_restore", "mongorestore", "restic restore", "borg extract", "mysql", "psql", "wal-g backup-fetch"];

/// Database migrations run as a command.
pub(crate) const MIGRATIONS: &[&str] = &[
    "manage.py migrate",
    "alembic upgrade",
    "rails db:migrate",
    "rake db:migrate",
    "db:prepare",
    "prisma migrate deploy",
    "flyway migrate",
    "knex migrate:latest",
    "sequelize db:migrate",
    "typeorm migration:run",
    "goose up",
    "migrate -path",
    "diesel migration run",
    "sqlx migrate run",
    "artisan migrate",
    "flask db upgrade",
    "liquibase update",
    "dbmate up",
    "mix ecto.migrate",
];

/// The first command of `set` that `text` runs, with the byte offset where it starts.
pub(crate) fn find(text: &str, set: &[&'static str]) -> Option<(&'static str, usize)> {
    // Only the commands the text holds at all are looked for line by line.
    let present: Vec<&'static str> = set.iter().copied().filter(|c| text.contains(c)).collect();
    if present.is_empty() {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let installs = ["install", " add ", "apt-get", "apk add", "brew "].iter().any(|w| line.contains(w));
        if !installs && let Some((command, at)) = present.iter().find_map(|c| command_at(line, c).map(|at| (*c, at))) {
            return Some((command, offset + at));
        }
        offset += line.len();
    }
    None
}

/// Where `line` runs `command`: at a command's start (after a separator or a path) and ending a word.
fn command_at(line: &str, command: &str) -> Option<usize> {
    line.match_indices(command).map(|(at, _)| at).find(|&at| {
        let before = line[..at].chars().next_back();
        let after = line[at + command.len()..].chars().next();
        let starts = before.is_none_or(|c| c.is_whitespace() || ";&|(`\"'=/$".contains(c));
        let ends = after.is_none_or(|c| c.is_whitespace() || ";&|)`\"'".contains(c));
        starts && ends
    })
}

/// Tools whose `test` subcommand runs a test suite (`${{ env.CARGO }} test` too: a variable names the tool).
const TEST_TOOLS: &[&str] = &[
    "cargo",
    "go",
    "npm",
    "yarn",
    "pnpm",
    "bun",
    "deno",
    "mix",
    "dotnet",
    "make",
    "just",
    "rake",
    "rails",
    "bin/rails",
    "gradle",
    "./gradlew",
    "mvn",
    "./mvnw",
    "poetry",
    "uv",
    "hatch",
    "pdm",
];

/// The test command `run` holds, if any: a known test runner; a tool's `test` subcommand (`npm run
/// test-backend`, `${{ env.CARGO }} test`); a script named for tests (`./unit-test.sh`); or the command
/// of a step whose name says it runs the tests ("Run tests").
pub(crate) fn runs_tests(run: &str, step_name: &str) -> Option<String> {
    if let Some((command, _)) = find(run, TESTS) {
        return Some(command.to_owned());
    }
    for segment in run.lines().flat_map(|line| line.split(['&', ';', '|'])) {
        // `${{ env.CARGO }} test`: the expression is one word, the tool.
        let segment = match segment.trim_start().strip_prefix("${{").and_then(|rest| rest.split_once("}}")) {
            Some((_, rest)) => format!("$TOOL {rest}"),
            None => segment.to_owned(),
        };
        let words: Vec<&str> = segment.split_whitespace().collect();
        let tool = words.first().copied().unwrap_or_default();
        let known = TEST_TOOLS.contains(&tool) || tool.starts_with('$');
        let sub = words
            .iter()
            .skip(1)
            .find(|w| !w.starts_with('-') && !w.starts_with('$') && !w.ends_with('}') && **w != "run");
        // `make lint tests/serial` runs a target named for tests, wherever it is in the line.
        let targets = ["make", "just", "rake"].contains(&tool);
        let sub = if targets { words.iter().skip(1).find(|w| w.starts_with("test")).or(sub) } else { sub };
        if let (true, Some(sub)) = (known, sub)
            && sub.starts_with("test")
        {
            return Some(format!("{} {sub}", if tool.starts_with('$') { "…" } else { tool }));
        }
        let script = tool.rsplit('/').next().unwrap_or_default();
        let test_script = script.split(['-', '_', '.']).any(|w| w == "test" || w == "tests");
        if tool.contains('/') && test_script {
            return Some(tool.to_owned());
        }
    }
    let lower = step_name.to_lowercase();
    let named = lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "test" || w == "tests");
    let command = run.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'))?;
    (named && !command.contains("install")).then(|| command.to_owned())
}

/// Whether `text` fetches a page and fails on an HTTP error: `curl -f`, `--fail`, combined short flags
/// (`-fsS`), `wget` (which fails on errors by itself). `curl -F` posts a form and is not it.
pub(crate) fn fetches_and_fails(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(at) = command_at(line, "curl") {
            let fails = line[at..].split_whitespace().any(|word| {
                word == "--fail"
                    || word == "--fail-with-body"
                    || (word.starts_with('-') && !word.starts_with("--") && word.contains('f'))
            });
            if fails {
                return Some(offset + at);
            }
        }
        if let Some(at) = command_at(line, "wget") {
            return Some(offset + at);
        }
        offset += line.len();
    }
    None
}

/// The 1-based line of byte `offset` in `text`, counted from line `first`.
pub(crate) fn line_at(text: &str, offset: usize, first: usize) -> usize {
    first + text[..offset.min(text.len())].matches('\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_found_as_commands_not_as_words() {
        assert_eq!(find("runs-on: ubuntu-latest\n", TESTS), None, "the word test in a name is not a test run");
        assert_eq!(find("pip install pytest pytest-cov\n", TESTS), None, "installing is not running");
        assert_eq!(find("set -e\npython -m pytest -q\n", TESTS).map(|f| f.0), Some("pytest"));
        assert_eq!(find("cd app && npm test", TESTS).map(|f| f.0), Some("npm test"));
        assert_eq!(find("ssh-keyscan host >> known_hosts", DEPLOYS), None);
        assert_eq!(find("ssh deploy@host 'docker compose up -d'", DEPLOYS).map(|f| f.0), Some("ssh"));
        assert_eq!(find("docker exec db /usr/bin/pg_dump app", DUMPS).map(|f| f.0), Some("pg_dump"));
    }

    #[test]
    fn test_runs_are_found_by_tool_script_or_step_name() {
        assert_eq!(runs_tests("${{ env.CARGO }} test --workspace", ""), Some("… test".to_owned()));
        assert_eq!(runs_tests("npm run test-backend", ""), Some("npm test-backend".to_owned()));
        assert_eq!(runs_tests("./unit-test.sh", ""), Some("./unit-test.sh".to_owned()));
        assert_eq!(runs_tests("make ci", "Run tests"), Some("make ci".to_owned()));
        assert_eq!(runs_tests("make ci", "Build"), None);
        assert_eq!(runs_tests("npm run lint", "Lint"), None);
        assert_eq!(runs_tests("pip install -r requirements-test.txt", "Install test deps"), None);
    }

    #[test]
    fn curl_fails_on_errors_only_with_a_lowercase_f() {
        assert!(fetches_and_fails("curl -F file=@a.txt https://x").is_none(), "-F posts a form");
        assert!(fetches_and_fails("curl -fsS https://example.org/health").is_some());
        assert!(fetches_and_fails("curl --fail https://example.org").is_some());
        assert!(fetches_and_fails("curl https://example.org").is_none());
    }
}
