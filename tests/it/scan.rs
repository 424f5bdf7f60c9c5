//! The repository scan over fixture repositories (one per kind of artefact, one with nothing), and over
//! a folder with links out of it and a 100 MB file.

use std::path::{Path, PathBuf};

use skillgap::scan::{HEAD_BYTES, scan};

fn repo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repos").join(name)
}

/// The `launch-one-project` items the scan finds in a fixture repository, each once, sorted.
fn items(name: &str) -> Vec<&'static str> {
    let mut found: Vec<&str> = scan(&repo(name)).unwrap().findings.iter().map(|f| f.item).collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn each_kind_of_artefact_is_found_with_its_file() {
    let cases: &[(&str, &[&str])] = &[
        ("docker", &["containerised"]),
        ("compose", &["containerised", "one-command-start", "restarts-itself"]),
        ("github-actions", &["tests-on-every-push"]),
        ("gitlab-ci", &["tests-on-every-push"]),
        ("jenkins", &["tests-on-every-push"]),
        ("nginx", &["behind-reverse-proxy", "domain-and-https"]),
        ("caddy", &["behind-reverse-proxy", "domain-and-https"]),
        ("systemd", &["restarts-itself"]),
        ("env-example", &["config-in-environment", "no-secrets-in-repo"]),
        ("health", &["health-endpoints"]),
        ("terraform", &["rebuilt-from-scratch"]),
        ("kubernetes", &["health-endpoints", "named-versions", "rebuilt-from-scratch", "restarts-itself"]),
        ("helm", &["rebuilt-from-scratch"]),
        ("backup", &["daily-offsite-backup", "restore-proven"]),
        ("monitoring", &["server-resources-watched", "uptime-alerts"]),
        ("runbook", &["operations-page", "restore-proven"]),
        ("postmortem", &["incident-written-up"]),
    ];
    for (name, expected) in cases {
        assert_eq!(items(name), *expected, "{name}");
    }
    let nginx = scan(&repo("nginx")).unwrap();
    assert!(nginx.findings.iter().all(|f| f.path == "deploy/nginx/site.conf"), "{:?}", nginx.findings);
}

#[test]
fn a_repository_with_nothing_to_find_proposes_nothing() {
    let found = scan(&repo("nothing-here")).unwrap();
    assert!(found.findings.is_empty(), "{:?}", found.findings);
    assert_eq!(found.files, 2);
}

#[test]
fn links_out_of_the_folder_are_never_followed_and_a_huge_file_is_read_only_at_its_head() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("Dockerfile"), "FROM scratch\n").unwrap();
    std::fs::create_dir(outside.path().join("runbook")).unwrap();
    std::fs::write(outside.path().join("runbook/restore.md"), "# Restore\n").unwrap();
    let project = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path().join("Dockerfile"), project.path().join("Dockerfile")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("runbook"), project.path().join("docs")).unwrap();
    // 100 MB whose only health route is beyond the head the scan reads.
    let huge = std::fs::File::create(project.path().join("server.js")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut huge = huge;
        huge.seek(SeekFrom::Start(50 * 1024 * 1024)).unwrap();
        huge.write_all(b"app.get('/healthz')").unwrap();
    }
    let found = scan(project.path()).unwrap();
    assert!(found.findings.is_empty(), "nothing outside the folder, nothing past the head: {:?}", found.findings);
    assert_eq!(found.links_skipped, 2);
    assert_eq!(found.files, 1);
    assert_eq!(found.bytes_read, HEAD_BYTES, "only the head of the 100 MB file was read");
}

#[test]
fn dependency_folders_are_skipped_and_a_missing_folder_is_an_error() {
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(project.path().join("node_modules/some-lib")).unwrap();
    std::fs::write(project.path().join("node_modules/some-lib/Dockerfile"), "FROM node\n").unwrap();
    assert!(scan(project.path()).unwrap().findings.is_empty());
    let err = scan(&project.path().join("gone")).unwrap_err().to_string();
    assert!(err.contains("does not exist") && err.contains("gone"), "{err}");
    let err = scan(&repo("docker").join("Dockerfile")).unwrap_err().to_string();
    assert!(err.contains("is not a folder"), "{err}");
}

/// Hostile-input review N19: what the scan leaves out is said, never silent. A file below 32 folders is
/// not read, and the scan's output says how many entries lay too deep.
#[test]
fn entries_too_deep_to_read_are_counted_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for level in 0..34 {
        deep.push(format!("d{level}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("Dockerfile"), "FROM node:22-slim\n").unwrap();
    let found = scan(dir.path()).unwrap();
    assert!(found.findings.is_empty(), "the deep Dockerfile is not read");
    assert_eq!(found.too_deep, 1, "one folder at depth 33 is not opened");
    let left_out = found.left_out().join(", ");
    assert!(left_out.contains("1 entry deeper than 32 folders not read"), "{left_out}");
}
