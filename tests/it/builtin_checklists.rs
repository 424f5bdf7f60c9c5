//! The built-in checklists: they load, follow the content rules, cover the lifecycle, and keep their ids.

use crate::common;

use std::collections::BTreeSet;

use skillgap::catalog::validate::is_slug;
use skillgap::catalog::{Catalog, load_catalog};
use skillgap::{Stage, Weight};

fn builtin() -> Catalog {
    let (catalog, problems) = load_catalog(&[]);
    assert!(problems.is_empty(), "built-in checklists have problems: {problems:#?}");
    catalog
}

#[test]
fn the_three_checklists_load_with_enough_items() {
    let catalog = builtin();
    let ids: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["devops-basics", "developer-core", "devops-engineer"]);
    assert!(catalog.items.len() >= 120, "only {} items", catalog.items.len());
}

#[test]
fn ids_are_unique_slugs() {
    let catalog = builtin();
    let mut seen = BTreeSet::new();
    for item in &catalog.items {
        assert!(is_slug(item.id()), "{}", item.full_id);
        assert!(seen.insert(item.full_id.clone()), "duplicate {}", item.full_id);
    }
    for checklist in &catalog.checklists {
        let sections: BTreeSet<&str> = checklist.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sections.len(), checklist.sections.len(), "duplicate section in {}", checklist.id);
    }
}

#[test]
fn every_item_has_why_proof_and_official_https_links() {
    let catalog = builtin();
    for item in &catalog.items {
        let id = &item.full_id;
        assert!(item.description.len() >= 40, "{id}: description too thin");
        assert!(item.proof.len() >= 40, "{id}: proof too thin");
        let proof = item.proof.to_lowercase();
        assert!(
            !proof.starts_with("understand") && !proof.starts_with("know "),
            "{id}: a proof is something done, not understood"
        );
        assert!((1..=3).contains(&item.resources.len()), "{id}: {} resources", item.resources.len());
        for link in &item.resources {
            assert!(link.starts_with("https://"), "{id}: {link} is not https");
            for banned in ["youtube.com", "medium.com", "youtu.be", "dev.to"] {
                assert!(!link.contains(banned), "{id}: {link} is not official documentation");
            }
        }
    }
}

#[test]
fn every_stage_has_ten_items_and_beginner_core_items() {
    let catalog = builtin();
    for stage in Stage::ALL {
        let count = catalog.items.iter().filter(|i| i.stage == stage).count();
        assert!(count >= 10, "{stage} has only {count} items");
        let beginner_core = catalog.items.iter().any(|i| {
            i.stage == stage
                && i.weight == Weight::Core
                && matches!(catalog.checklists[i.checklist].id.as_str(), "devops-basics" | "developer-core")
        });
        assert!(beginner_core, "{stage} has no Core item in devops-basics or developer-core");
    }
}

#[test]
fn the_devops_basics_cover_the_whole_path_to_production() {
    let catalog = builtin();
    let basics = catalog.checklist_index("devops-basics").unwrap();
    let text: String = catalog.checklists[basics]
        .item_range()
        .map(|i| format!("{} {} ", catalog.items[i].title, catalog.items[i].description).to_lowercase())
        .collect();
    for topic in [
        "shell",
        "permission",
        "process",
        "service",
        "environment variable",
        "secret",
        "dockerfile",
        "compose",
        "multi-stage",
        "nginx",
        "pipeline",
        "dns",
        "certificate",
        "renewal",
        "logs",
        "rotation",
        "backup",
        "restore",
        "uptime",
        "alert",
        "roll back",
    ] {
        assert!(text.contains(topic), "devops-basics does not cover {topic:?}");
    }
}

/// Every id ever shipped must still resolve, directly or through an alias, so no one's progress is
/// orphaned by a rename.
#[test]
fn pinned_ids_still_resolve_and_new_ids_are_pinned() {
    let catalog = builtin();
    let pinned_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/builtin-ids.txt"),
    )
    .unwrap();
    let pinned: BTreeSet<&str> =
        pinned_text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let missing: Vec<&&str> = pinned.iter().filter(|id| catalog.item_index(id).is_none()).collect();
    assert!(
        missing.is_empty(),
        "these built-in ids disappeared; add them to the new item's `aliases` so progress carries over: {missing:?}"
    );
    let unpinned: Vec<&str> =
        catalog.items.iter().map(|i| i.full_id.as_str()).filter(|id| !pinned.contains(id)).collect();
    assert!(unpinned.is_empty(), "add these new ids to tests/fixtures/builtin-ids.txt: {unpinned:?}");
}

#[test]
fn a_fresh_start_is_readiness_zero_with_a_beginner_first_gap() {
    let sandbox = common::Sandbox::new();
    let output = sandbox.bare_cmd().args(["summary", "--format", "json"]).output().unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["readiness"], 0.0);
    assert_eq!(json["target"]["id"], "developer-who-ships", "a new user is scored as a developer who ships");
    let first = json["gaps"][0]["id"].as_str().unwrap();
    // A beginner starts with the basics of the limiting stage, not a DevOps-role item.
    assert!(first.starts_with("devops-basics/") || first.starts_with("developer-core/"), "{first}");
    let catalog = builtin();
    let item = &catalog.items[catalog.item_index(first).unwrap()];
    assert_eq!(item.weight, Weight::Core, "{first}");
    assert_eq!(json["limiting_stage"], item.stage.id(), "the first gap is in the limiting stage");
    let gain = json["gaps"][0]["gain"].as_f64().unwrap();
    assert!(gain >= 0.05, "the first step shows a real gain on a fresh start: {gain}");
}
