//! The scan on small fixtures in the shapes real repositories showed (issue 29): each failure class of
//! the name-and-substring scan, now read as the file's format. The fixtures are written here, in the
//! shape of what the named repository does; none is copied from it.

use std::path::{Path, PathBuf};

use skillgap::scan::{Finding, Proof, scan};

fn shape(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/shapes").join(name)
}

/// The best finding for `item` in the fixture, if any (the scan lists them best first).
fn best(name: &str, item: &str) -> Option<Finding> {
    scan(&shape(name)).unwrap().findings.into_iter().find(|f| f.item == item)
}

fn proof(name: &str, item: &str) -> Option<Proof> {
    best(name, item).map(|f| f.proof)
}

#[test]
fn a_word_in_a_file_is_not_a_practice() {
    // `runs-on: ubuntu-latest` has "test" in it; the workflow runs no test suite.
    assert_eq!(proof("lint-only-ci", "tests-on-every-push"), None);
    // A Makefile that builds the docs and provisions a server starts nothing.
    assert_eq!(proof("task-makefile", "one-command-start"), None);
    // `restart: "no"` is a policy of not restarting.
    assert_eq!(proof("restart-no", "restarts-itself"), None);
    // A unit that restarts another program (a mail signer) says nothing about the app.
    assert_eq!(proof("other-unit", "restarts-itself"), None);
    // `curl -F` posts a form; it checks nothing.
    assert_eq!(proof("curl-upload", "smoke-check-after-deploy"), None);
    // An artifact named "deploy-bundle" is not a deploy.
    assert_eq!(proof("artifact-named-deploy", "deploys-from-main"), None);
    // A job named backup that only sleeps dumps nothing.
    assert_eq!(proof("simulated-backup", "daily-offsite-backup"), None);
}

#[test]
fn a_part_is_proposed_as_a_part_and_says_what_is_missing() {
    let backup = best("unscheduled-backup", "daily-offsite-backup").unwrap();
    assert_eq!(backup.proof, Proof::Partial);
    assert_eq!(backup.evidence(), "scripts/backup.sh:3");
    assert!(backup.missing.contains("no schedule") && backup.missing.contains("no copy off the server"), "{backup:?}");
    let tls = best("tls-only", "domain-and-https").unwrap();
    assert_eq!((tls.proof, tls.evidence().as_str()), (Proof::Partial, "deploy/nginx/site.conf:3"));
    assert!(tls.missing.contains("renews"), "{tls:?}");
    assert_eq!(proof("gitignore-only", "no-secrets-in-repo"), Some(Proof::Partial));
    let sdk = best("sdk-only", "errors-tracked").unwrap();
    assert_eq!(sdk.proof, Proof::Partial);
    assert!(sdk.missing.contains("set up"), "{sdk:?}");
}

#[test]
fn the_step_that_runs_migrations_is_found_wherever_the_deploy_keeps_it() {
    for (name, evidence) in [
        ("migrate-compose", "compose.yaml:4"),
        ("migrate-release", "Procfile:1"),
        ("migrate-flag", "packaging/shop.conf:2"),
        ("migrate-uwsgi", "docker/uwsgi.ini:3"),
    ] {
        let found = best(name, "migrations-in-deploy").unwrap_or_else(|| panic!("{name}: nothing"));
        assert_eq!((found.proof, found.evidence().as_str()), (Proof::Full, evidence), "{name}");
    }
    // Thirty migration files are one part, not thirty lines.
    let found = scan(&shape("many-migrations")).unwrap();
    let migrations: Vec<&Finding> = found.findings.iter().filter(|f| f.item == "migrations-in-deploy").collect();
    assert!(migrations.iter().all(|f| f.proof == Proof::Partial));
    assert!(migrations[0].missing.contains("no step that runs them"), "{:?}", migrations[0]);
}

#[test]
fn named_versions_are_seen_in_built_and_pinned_image_tags() {
    assert_eq!(proof("tagged-images", "named-versions"), Some(Proof::Full));
    let pinned = best("pinned-compose", "named-versions").unwrap();
    assert_eq!(pinned.evidence(), "compose.yaml:3");
    assert!(pinned.excerpt.contains("analytics:v2.0.0"), "{pinned:?}");
}

#[test]
fn configuration_in_unusual_places_is_read() {
    let proxy = best("unusual", "behind-reverse-proxy").unwrap();
    assert_eq!(proxy.evidence(), "deploy/nginx-configmap.yaml:9", "Nginx inside a ConfigMap");
    // An extension-less script, known by its shebang, scheduled by a crontab line that names it.
    let backup = best("unusual", "daily-offsite-backup").unwrap();
    assert_eq!((backup.proof, backup.evidence().as_str()), (Proof::Full, "bin/backup:3"), "{backup:?}");
    let hardened = best("unusual", "server-hardened").unwrap();
    assert_eq!(hardened.proof, Proof::Partial, "SSH and updates, no firewall: {hardened:?}");
    assert!(hardened.missing.contains("firewall"), "{hardened:?}");
    assert_eq!(best("unusual", "health-endpoints").unwrap().path, "app/api/health/route.ts");
    assert_eq!(best("rails-health", "health-endpoints").unwrap().evidence(), "config/routes.rb:2");
}

#[test]
fn the_production_file_is_the_evidence_and_examples_are_none() {
    let restarts = best("dev-and-prod", "restarts-itself").unwrap();
    assert_eq!(restarts.evidence(), "deploy/compose.yaml:4");
    assert!(restarts.excerpt.contains("unless-stopped"));
    let all = scan(&shape("dev-and-prod")).unwrap();
    assert!(all.findings.iter().all(|f| !f.path.starts_with("examples/")), "{:?}", all.findings);
}

#[test]
fn a_workflow_that_runs_a_pull_request_s_code_with_secrets_is_flagged_not_evidence() {
    let found = scan(&shape("pr-target")).unwrap();
    assert_eq!(found.dangers, [".github/workflows/preview.yml:8"]);
    assert!(
        found.findings.iter().all(|f| f.path != ".github/workflows/preview.yml" || f.item != "tests-on-every-push")
    );
}

/// Hostile-input review N13, N16: a project folder that became a link is refused (the scan never follows
/// one), and a file name with a newline is shown escaped, so it cannot break a report's structure.
#[test]
fn a_linked_folder_is_refused_and_a_file_name_with_a_newline_is_escaped() {
    let outside = tempfile::tempdir().unwrap();
    let link = tempfile::tempdir().unwrap();
    let project = link.path().join("project");
    std::os::unix::fs::symlink(outside.path(), &project).unwrap();
    let err = scan(&project).unwrap_err().to_string();
    assert!(err.contains("is now a link") && err.contains("never follows links"), "{err}");

    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("ops\nevil")).unwrap();
    std::fs::write(folder.path().join("ops\nevil/runbook.md"), "# Runbook\n## Deploy\n## Roll back\n").unwrap();
    let found = scan(folder.path()).unwrap();
    let page = found.findings.iter().find(|f| f.item == "operations-page").unwrap();
    assert_eq!(page.path, "ops\\u{a}evil/runbook.md");
}

/// Security a file shows that no project item asks for in so many words is said beside the proposals,
/// the unsafe first, with its line: an unpinned action, a workflow without `permissions:`, a container
/// running as root; and the safe ways.
#[test]
fn security_the_files_show_is_said_with_its_line() {
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos/tuition-centre");
    let found = scan(&plain).unwrap();
    let said: Vec<(bool, &str, &str)> =
        found.security.iter().map(|s| (s.good, s.evidence.as_str(), s.what.as_str())).collect();
    assert!(said.contains(&(false, "Dockerfile:1", "no USER instruction: the container runs as root")), "{said:?}");
    assert!(said.iter().any(|s| !s.0 && s.1 == ".github/workflows/deploy.yml:8" && s.2.starts_with("0 of 1 actions")));
    assert!(found.security.iter().take_while(|s| !s.good).count() == found.security.iter().filter(|s| !s.good).count());

    let hardened = scan(&shape("hardened")).unwrap();
    assert!(hardened.security.iter().all(|s| s.good), "{:?}", hardened.security);
    let what: Vec<&str> = hardened.security.iter().map(|s| s.what.as_str()).collect();
    for expected in [
        "1 of 1 actions in this workflow are pinned to a commit SHA",
        "the workflow sets its token's permissions",
        "the container runs as the non-root user `node`",
        "container `web` has resource limits",
        "a security policy: how to report a vulnerability",
    ] {
        assert!(what.contains(&expected), "{expected}: {what:?}");
    }
}
