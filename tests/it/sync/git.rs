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
        assert!(said.contains("committed this machine's changes"), "{said}");
        let said = desktop.run(&["sync"]);
        let expected = if round == 1 { "2 changes from other machines" } else { "1 change from other machines" };
        assert!(said.contains(expected), "round {round}: {said}");
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

/// A bare repository and clones of it as the data folders of `names`, on `branch` where given.
fn clones(root: &Path, names: &[&str]) -> (std::path::PathBuf, Vec<Machine>) {
    let remote = root.join("progress.git");
    git(root, &["init", "--quiet", "--bare", "-b", "master", remote.to_str().unwrap()]);
    let machines: Vec<Machine> = names.iter().map(|name| Machine::new(root, name)).collect();
    for machine in &machines {
        std::fs::create_dir_all(machine.data.parent().unwrap()).unwrap();
        git(root, &["clone", "--quiet", remote.to_str().unwrap(), machine.data.to_str().unwrap()]);
    }
    (remote, machines)
}

/// Review of this change, 1: two machines sharing an id (a copied config folder) write one journal; git's
/// `union` merge (set by the `.gitattributes` sync writes) keeps both sides' lines, so the pull merges and
/// nothing is lost. Before, the second sync committed and pushed conflict markers.
#[test]
fn one_journal_written_on_two_machines_merges_with_no_conflict() {
    let root = tempfile::tempdir().unwrap();
    let (_, machines) = clones(root.path(), &["laptop", "desktop"]);
    let (laptop, desktop) = (&machines[0], &machines[1]);
    laptop.run(&["mark", "fixture/build-one", "done"]);
    laptop.run(&["sync"]);
    desktop.run(&["sync"]);
    super::copy_folder(&laptop.config, &desktop.config);
    laptop.run(&["mark", "fixture/test-one", "done"]);
    desktop.run(&["mark", "fixture/ship-one", "learning"]);
    laptop.run(&["sync"]);
    desktop.run(&["sync"]);
    laptop.run(&["sync"]);
    assert_eq!(laptop.view(), desktop.view());
    assert_eq!(laptop.item("fixture/ship-one")["status"], "learning");
    assert_eq!(desktop.item("fixture/test-one")["status"], "done");
    let journal = std::fs::read_to_string(crate::common::walk(&laptop.data.join("journal")).pop().unwrap()).unwrap();
    assert!(!journal.contains("<<<<<<<"), "{journal}");
}

/// A conflict in a file that is not a journal: the pull is undone, nothing with conflict markers is
/// committed or pushed, and the message names the file and what to do.
#[test]
fn a_conflict_outside_the_journals_is_undone_and_said_never_committed() {
    let root = tempfile::tempdir().unwrap();
    let (_, machines) = clones(root.path(), &["laptop", "desktop"]);
    let (laptop, desktop) = (&machines[0], &machines[1]);
    laptop.run(&["mark", "fixture/build-one", "done"]);
    std::fs::write(laptop.data.join("notes.md"), "laptop\n").unwrap();
    git(&laptop.data, &["add", "notes.md"]);
    laptop.run(&["sync"]);
    desktop.run(&["sync"]);
    std::fs::write(laptop.data.join("notes.md"), "laptop, later\n").unwrap();
    std::fs::write(desktop.data.join("notes.md"), "desktop\n").unwrap();
    laptop.run(&["sync"]);
    let output = desktop.command(&["sync"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unresolved conflicts (notes.md)") && err.contains("The pull was undone"), "{err}");
    assert!(err.contains("git: CONFLICT"), "what git said: {err}");
    assert!(!std::fs::read_to_string(desktop.data.join("notes.md")).unwrap().contains("<<<<<<<"));
    // Until the person resolves it, each sync says so again and changes nothing.
    let again = stderr(&desktop.command(&["sync"]));
    assert!(again.contains("unresolved conflicts (notes.md)"), "{again}");
    assert_eq!(std::fs::read_to_string(desktop.data.join("notes.md")).unwrap(), "desktop\n");
}

/// Review of this change, 4: a server's repository on `master` and a laptop whose git starts `main`: both
/// sync one branch, the remote's, and see each other's changes.
#[test]
fn machines_on_different_branch_names_sync_the_remotes_branch() {
    let root = tempfile::tempdir().unwrap();
    let (remote, machines) = clones(root.path(), &["desktop"]);
    let laptop = Machine::new(root.path(), "laptop");
    laptop.run(&["mark", "fixture/build-one", "done"]);
    git(&laptop.data, &["init", "--quiet", "-b", "main"]);
    git(&laptop.data, &["remote", "add", "origin", remote.to_str().unwrap()]);
    laptop.run(&["sync"]);
    machines[0].run(&["mark", "fixture/test-one", "done"]);
    machines[0].run(&["sync"]);
    laptop.run(&["sync"]);
    assert_eq!(laptop.view(), machines[0].view());
    assert_eq!(laptop.item("fixture/test-one")["status"], "done");
}

/// Two machines that each had a progress file of a version before journals sync before any change: each
/// is carried over first, so git never sees two `progress.ron` files.
#[test]
fn progress_files_from_before_journals_are_carried_over_before_the_first_sync() {
    let root = tempfile::tempdir().unwrap();
    let (_, machines) = clones(root.path(), &["laptop", "desktop"]);
    for (machine, item) in machines.iter().zip(["fixture/build-one", "fixture/test-one"]) {
        let old = format!(
            r#"(version: 2, items: {{"{item}": (status: done, changed: "2026-01-01T00:00:00Z")}}, history: [])"#
        );
        std::fs::write(machine.data.join("progress.ron"), old).unwrap();
    }
    for machine in machines.iter().chain(machines.iter()) {
        machine.run(&["sync"]);
    }
    assert_eq!(machines[0].view(), machines[1].view());
    assert_eq!(machines[0].item("fixture/test-one")["status"], "done");
    assert_eq!(machines[1].item("fixture/build-one")["status"], "done");
}
