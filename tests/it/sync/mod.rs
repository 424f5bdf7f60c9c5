//! Progress on several machines (issue 31): two or three machines as data and config folders of their
//! own, a Syncthing-like copier between their data folders (what changed on one side is copied; what
//! changed on both is kept once and the other side's version as a conflict copy, as Syncthing names it; a
//! file can be delivered half-way), and plain git with a bare repository (`git.rs`). After the copies,
//! every change is on every machine and all print the same.

mod copier;
mod git;
mod reviews;

use std::path::{Path, PathBuf};

use crate::common::{fixture_dir, stderr, stdout};

/// One computer: its data folder (the one that is synced) and its config folder (never synced).
pub struct Machine {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Machine {
    pub fn new(root: &Path, name: &str) -> Machine {
        Machine { data: root.join(name).join("data"), config: root.join(name).join("config") }
    }

    /// `skillgap ARGS` on this machine; panics with its message when it fails.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.command(args);
        assert!(output.status.success(), "skillgap {args:?} on {}: {}", self.data.display(), stderr(&output));
        stdout(&output)
    }

    pub fn command(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new(assert_cmd::cargo::cargo_bin!("skillgap"))
            .env("SKILLGAP_DATA_DIR", &self.data)
            .env("SKILLGAP_CONFIG_DIR", &self.config)
            .arg("--checklists")
            .arg(fixture_dir())
            .args(args)
            .output()
            .unwrap()
    }

    /// What a person compares: every item with its status, note and evidence, and each project.
    pub fn view(&self) -> String {
        let mut view = self.run(&["list", "--format", "json"]);
        for line in self.run(&["project", "list"]).lines() {
            view.push_str(line);
            view.push('\n');
        }
        view
    }

    pub fn item(&self, id: &str) -> serde_json::Value {
        let list: serde_json::Value = serde_json::from_str(&self.run(&["list", "--format", "json"])).unwrap();
        let items = list.as_array().or_else(|| list["items"].as_array()).unwrap().clone();
        items.into_iter().find(|item| item["id"] == id).unwrap_or_else(|| panic!("no {id} in {list}"))
    }
}

/// Both machines change items, notes, evidence and projects while apart; after one copy each way, both
/// show every change and print the same.
#[test]
fn two_machines_changing_apart_show_every_change_after_a_sync() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    let mut copier = copier::Copier::default();
    laptop.run(&["mark", "fixture/build-one", "done", "--note", "on the laptop"]);
    copier.sync(&laptop.data, &desktop.data);
    assert_eq!(desktop.item("fixture/build-one")["status"], "done", "delivered");

    // Apart: each changes its own items, and both change one item's note and evidence.
    laptop.run(&["mark", "fixture/test-one", "learning"]);
    laptop.run(&["mark", "fixture/build-one", "done", "--evidence", "https://example.com/laptop"]);
    laptop.run(&["project", "add", "Shop"]);
    laptop.run(&["project", "mark", "shop", "containerised", "done", "--evidence", "https://example.com/Dockerfile"]);
    desktop.run(&["mark", "fixture/ship-one", "done"]);
    desktop.run(&["mark", "fixture/build-one", "done", "--note", "on the desktop, later"]);
    desktop.run(&["project", "add", "Blog"]);
    copier.sync(&laptop.data, &desktop.data);

    assert_eq!(laptop.item("fixture/test-one")["status"], "learning", "the laptop's change");
    assert_eq!(laptop.item("fixture/ship-one")["status"], "done", "the desktop's change");
    assert_eq!(laptop.view(), desktop.view(), "both print the same");
    let build = laptop.item("fixture/build-one");
    assert_eq!(build["note"], "on the desktop, later", "the later note wins: {build}");
    assert_eq!(build["evidence"], "https://example.com/laptop", "an evidence change on one side stays: {build}");
    let projects = desktop.run(&["project", "list"]);
    assert!(projects.contains("Shop") && projects.contains("Blog"), "{projects}");
    let shop = desktop.run(&["project", "show", "shop"]);
    assert!(shop.contains("https://example.com/Dockerfile"), "{shop}");
    assert!(copier.conflicts.is_empty(), "no file had two writers: {:?}", copier.conflicts);
}

/// Two machines that share an id (a config folder copied along) write one journal: the copier makes a
/// conflict copy, which is folded too, each change counted once.
#[test]
fn a_conflict_copy_of_a_journal_is_folded_and_each_change_counts_once() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    let mut copier = copier::Copier::default();
    laptop.run(&["mark", "fixture/build-one", "done"]);
    copier.sync(&laptop.data, &desktop.data);
    copy_folder(&laptop.config, &desktop.config);
    laptop.run(&["mark", "fixture/test-one", "done"]);
    desktop.run(&["mark", "fixture/ship-one", "learning"]);
    copier.sync(&laptop.data, &desktop.data);
    assert_eq!(copier.conflicts.len(), 1, "one journal, two writers: {:?}", copier.conflicts);
    assert_eq!(laptop.view(), desktop.view());
    for (id, status) in [("fixture/build-one", "done"), ("fixture/test-one", "done"), ("fixture/ship-one", "learning")]
    {
        assert_eq!(desktop.item(id)["status"], status, "{id}");
    }
    let summary = desktop.run(&["summary", "--format", "json"]);
    assert!(summary.contains("\"done\": 2") || summary.contains("\"done\":2"), "each done once: {summary}");
    // The next change goes on from there, and the next sync makes no new conflict.
    laptop.run(&["mark", "fixture/run-one", "done"]);
    copier.sync(&laptop.data, &desktop.data);
    assert_eq!(desktop.item("fixture/run-one")["status"], "done");
}

/// A journal delivered half-way (a copy in progress, cut inside a line and inside a character) is not
/// damage: the lines it holds count, and the rest counts when it arrives.
#[test]
fn a_half_delivered_journal_counts_its_complete_lines_and_the_rest_when_it_arrives() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    laptop.run(&["mark", "fixture/build-one", "done"]);
    laptop.run(&["mark", "fixture/test-one", "done", "--note", "café ✓ and more text after it"]);
    let journal = crate::common::walk(&laptop.data.join("journal")).pop().unwrap();
    let bytes = std::fs::read(&journal).unwrap();
    let cut = bytes.iter().position(|&b| b == 0xc3).unwrap() + 1;
    let delivered = desktop.data.join("journal").join(journal.file_name().unwrap());
    std::fs::create_dir_all(delivered.parent().unwrap()).unwrap();
    std::fs::write(&delivered, &bytes[..cut]).unwrap();

    assert_eq!(desktop.item("fixture/build-one")["status"], "done", "the complete line counts");
    assert_eq!(desktop.item("fixture/test-one")["status"], "todo", "the cut one does not, yet");
    desktop.run(&["mark", "fixture/ship-one", "done"]);
    assert_eq!(std::fs::read(&delivered).unwrap(), &bytes[..cut], "another machine's journal is never written");
    std::fs::write(&delivered, &bytes).unwrap();
    assert_eq!(desktop.item("fixture/test-one")["note"], "café ✓ and more text after it");
}

/// Three machines, changes on each, copies along a line (laptop - desktop - work): after enough copies
/// every machine has everything, and all three print the same.
#[test]
fn three_machines_syncing_in_a_line_agree() {
    let root = tempfile::tempdir().unwrap();
    let machines: Vec<Machine> = ["laptop", "desktop", "work"].iter().map(|n| Machine::new(root.path(), n)).collect();
    let (mut left, mut right) = (copier::Copier::default(), copier::Copier::default());
    for round in 0..3 {
        for (index, machine) in machines.iter().enumerate() {
            let item = ["fixture/build-one", "fixture/test-one", "fixture/ship-one"][(round + index) % 3];
            let status = ["done", "learning", "skipped"][index];
            machine.run(&["mark", item, status, "--note", &format!("round {round} on machine {index}")]);
        }
        left.sync(&machines[0].data, &machines[1].data);
        right.sync(&machines[1].data, &machines[2].data);
    }
    left.sync(&machines[0].data, &machines[1].data);
    let views: Vec<String> = machines.iter().map(Machine::view).collect();
    assert_eq!(views[0], views[1]);
    assert_eq!(views[1], views[2]);
    assert_eq!(machines[2].item("fixture/test-one")["note"], "round 2 on machine 2", "the last change wins");
}

/// Two machines that each had a progress file of a version before journals, in the synced folder: the
/// first to change carries it over, the other reads the carried-over one, and nothing either held is lost.
#[test]
fn progress_files_from_before_journals_on_two_machines_are_carried_over_and_merged() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    let old = |item: &str, day: u32| {
        format!(
            r#"(version: 2, items: {{"{item}": (status: done, changed: "2026-0{day}-01T00:00:00Z")}}, history: [(item: "{item}", from: todo, to: done, at: "2026-0{day}-01T00:00:00Z")])"#
        )
    };
    for (machine, file) in [(&laptop, old("fixture/build-one", 1)), (&desktop, old("fixture/test-one", 2))] {
        std::fs::create_dir_all(&machine.data).unwrap();
        std::fs::write(machine.data.join("progress.ron"), file).unwrap();
    }
    let mut copier = copier::Copier::default();
    laptop.run(&["mark", "fixture/ship-one", "done"]);
    desktop.run(&["mark", "fixture/run-one", "done"]);
    copier.sync(&laptop.data, &desktop.data);
    assert_eq!(laptop.view(), desktop.view());
    for id in ["fixture/build-one", "fixture/test-one", "fixture/ship-one", "fixture/run-one"] {
        assert_eq!(laptop.item(id)["status"], "done", "{id}");
    }
    let kept = crate::common::walk(&laptop.data.join("backups"));
    let carried: Vec<_> = kept.iter().filter(|p| p.to_string_lossy().contains("before-journals")).collect();
    assert_eq!(carried.len(), 2, "each machine's file is kept: {kept:?}");
}

/// Review of this change, 5: "Shop" on the laptop and "shop!" on the desktop, added apart, make one id.
/// After the sync the desktop shows its project as `shop-2`, and what it then calls `shop` is the laptop's:
/// a mark of `shop` lands there, as the list it shows says.
#[test]
fn after_a_sync_renames_a_project_its_old_id_means_the_project_that_now_has_it() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    let mut copier = copier::Copier::default();
    laptop.run(&["project", "add", "Shop"]);
    desktop.run(&["project", "add", "shop!"]);
    desktop.run(&["project", "mark", "shop", "containerised", "done"]);
    copier.sync(&laptop.data, &desktop.data);
    let listed = desktop.run(&["project", "list"]);
    assert!(listed.contains("shop-2"), "{listed}");
    let marked = desktop.run(&["project", "mark", "shop", "one-command-start", "done"]);
    assert!(marked.contains("in Shop"), "{marked}");
    copier.sync(&laptop.data, &desktop.data);
    for machine in [&laptop, &desktop] {
        let (shop, shop_2) = (items_done(machine, "shop"), items_done(machine, "shop-2"));
        assert_eq!(shop, ["Shop", "launch-one-project/one-command-start"]);
        assert_eq!(shop_2, ["shop!", "launch-one-project/containerised"]);
    }
}

/// A project's name, then the ids of its items done, as `project show --format json` tells them.
fn items_done(machine: &Machine, project: &str) -> Vec<String> {
    let shown: serde_json::Value =
        serde_json::from_str(&machine.run(&["project", "show", project, "--format", "json"])).unwrap();
    let story = &shown["story"];
    let done = story["stages"].as_array().unwrap().iter().flat_map(|stage| stage["done"].as_array().unwrap().clone());
    std::iter::once(story["name"].as_str().unwrap().to_owned())
        .chain(done.map(|item| item["id"].as_str().unwrap().to_owned()))
        .collect()
}

/// Copies every file of `from` into `to`.
pub fn copy_folder(from: &Path, to: &Path) {
    for file in crate::common::walk(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}
