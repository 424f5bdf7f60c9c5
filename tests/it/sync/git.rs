//! Plain git: each machine's data folder a clone of one bare repository, `skillgap sync` committing,
//! pulling and pushing with the system's git. Journals never conflict, so every pull merges.

use std::path::Path;

use super::Machine;
use crate::common::stderr;

fn git(dir: &Path, args: &[&str]) {
    let output = std::process::Command::new("git").arg("-C").arg(dir).args(args).output().unwrap();
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
}

/// Two clones of a bare repository, changes on both between syncs, syncs in any order: both show every
/// change and print the same, and the history holds one merge a time, never a conflict.
#[test]
fn two_clones_of_one_repository_agree_after_skillgap_sync() {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("progress.git");
    git(root.path(), &["init", "--quiet", "--bare", remote.to_str().unwrap()]);
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    for machine in [&laptop, &desktop] {
        std::fs::create_dir_all(machine.data.parent().unwrap()).unwrap();
        git(root.path(), &["clone", "--quiet", remote.to_str().unwrap(), machine.data.to_str().unwrap()]);
    }
    for round in 0..3 {
        laptop.run(&["mark", "fixture/build-one", "done", "--note", &format!("laptop {round}")]);
        desktop.run(&["mark", "fixture/test-one", "learning", "--evidence", &format!("https://example.com/{round}")]);
        if round == 1 {
            laptop.run(&["project", "add", "Shop"]);
            desktop.run(&["project", "add", "Blog"]);
        }
        let said = laptop.run(&["sync"]);
        assert!(said.contains("pushed"), "{said}");
        desktop.run(&["sync"]);
    }
    laptop.run(&["sync"]);
    assert_eq!(laptop.view(), desktop.view());
    assert_eq!(desktop.item("fixture/build-one")["note"], "laptop 2");
    assert_eq!(laptop.item("fixture/test-one")["evidence"], "https://example.com/2");
    let projects = laptop.run(&["project", "list"]);
    assert!(projects.contains("Shop") && projects.contains("Blog"), "{projects}");
    let ignored = std::fs::read_to_string(laptop.data.join(".gitignore")).unwrap();
    assert!(ignored.contains("/backups/") && ignored.contains("/settings.ron"), "{ignored}");
}

/// What fails is said plainly: a folder that is not a repository, one with no remote (its changes are
/// committed all the same), and a remote that cannot be reached.
#[test]
fn sync_says_what_failed_and_what_to_do() {
    let root = tempfile::tempdir().unwrap();
    let machine = Machine::new(root.path(), "laptop");
    machine.run(&["mark", "fixture/build-one", "done"]);
    let err = stderr(&machine.command(&["sync"]));
    assert!(err.contains("is not a git repository") && err.contains("remote add origin"), "{err}");

    git(&machine.data, &["init", "--quiet"]);
    let output = machine.command(&["sync"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("has no remote") && err.contains("changes are committed"), "{err}");
    git(&machine.data, &["log", "--oneline", "-1"]);

    let gone = root.path().join("no-such-repository.git");
    git(&machine.data, &["remote", "add", "origin", gone.to_str().unwrap()]);
    let err = stderr(&machine.command(&["sync"]));
    assert!(err.contains("the remote could not be reached") && err.contains("Nothing was lost"), "{err}");
    assert!(err.contains("git: "), "what git said is shown: {err}");
}
