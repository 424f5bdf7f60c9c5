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
fn the_five_checklists_load_with_enough_items_and_distinct_titles() {
    let catalog = builtin();
    let ids: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["devops-basics", "developer-core", "devops-engineer", "launch-one-project", "devsecops-basics"]);
    assert!(catalog.items.len() >= 220, "only {} items", catalog.items.len());
    let mut titles = BTreeSet::new();
    for item in &catalog.items {
        assert!(titles.insert(item.title.to_lowercase()), "two items are titled {:?}", item.title);
    }
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
fn every_stage_has_twenty_five_items() {
    let catalog = builtin();
    for stage in Stage::ALL {
        let count = catalog.items.iter().filter(|i| i.stage == stage).count();
        assert!(count >= 25, "{stage} has only {count} items");
    }
}

/// The Core items of a role's target span the whole lifecycle, so doing them all means being ready for
/// every stage (the score's levels rest on this: a learner with every Core item done reaches Level 5).
#[test]
fn the_core_items_of_each_role_target_span_every_stage() {
    let catalog = builtin();
    for (target_id, at_least) in [("developer-who-ships", 5), ("junior-devops-engineer", 5)] {
        let target = catalog.target(target_id).unwrap();
        for stage in Stage::ALL {
            let core = (0..catalog.items.len())
                .filter(|&i| target.contains(i))
                .filter(|&i| catalog.items[i].stage == stage && catalog.items[i].weight == Weight::Core)
                .count();
            assert!(core >= at_least, "{target_id}: {stage} has {core} Core items, needs {at_least}");
        }
    }
}

/// The project list reads as one project's journey: every stage, Core items to start with in each.
#[test]
fn launch_one_project_covers_every_stage_with_core_items() {
    let catalog = builtin();
    let list = catalog.checklist_index("launch-one-project").unwrap();
    let items: Vec<_> = catalog.checklists[list].item_range().map(|i| &catalog.items[i]).collect();
    for stage in Stage::ALL {
        let core = items.iter().filter(|i| i.stage == stage && i.weight == Weight::Core).count();
        assert!(core >= 1, "{stage} has no Core item in launch-one-project");
        assert!(items.iter().filter(|i| i.stage == stage).count() >= 2, "{stage} has under two items");
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
    // Merged duplicates: the old id now names the item that absorbed it.
    for (old, merged_into) in [
        ("devops-engineer/golden-signals", "devops-engineer/grafana-dashboard"),
        ("devops-engineer/mttr", "devops-engineer/dora-metrics"),
    ] {
        assert_eq!(catalog.item_index(old), catalog.item_index(merged_into), "{old}");
    }
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
    // A beginner starts with the basics of what the first level needs, not a DevOps-role item.
    assert!(first.starts_with("devops-basics/") || first.starts_with("developer-core/"), "{first}");
    let catalog = builtin();
    let item = &catalog.items[catalog.item_index(first).unwrap()];
    assert_eq!(item.weight, Weight::Core, "{first}");
    assert!(matches!(item.stage.id(), "build" | "test"), "the first gap brings Level 1 closer: {first}");
    let gain = json["gaps"][0]["gain"].as_f64().unwrap();
    assert!(gain >= 0.05, "the first step shows a real gain on a fresh start: {gain}");
}

/// A project's item credits the person's skills: every `proves` of the launch list names a loaded skill
/// of another list, and every launch item has words for the story and proves one, but for three (named).
#[test]
fn every_launch_item_proves_loaded_skills_and_has_a_phrase() {
    let catalog = builtin();
    let launch = &catalog.checklists[catalog.checklist_index("launch-one-project").unwrap()];
    for item in &catalog.items[launch.item_range()] {
        assert!(!item.phrase.is_empty(), "{} has no phrase", item.full_id);
        for skill in &item.proves {
            let index = catalog.item_index(skill).unwrap_or_else(|| panic!("{} proves unknown {skill}", item.full_id));
            assert_ne!(catalog.items[index].checklist, item.checklist, "{} proves its own list", item.full_id);
        }
        // The launch review is the list itself; a restart policy or a proxy proves a different skill on each path.
        let proves_nothing = ["launch-review", "restarts-itself", "behind-reverse-proxy"].contains(&item.id());
        assert!(item.proves.is_empty() == proves_nothing, "{} proves {:?}", item.full_id, item.proves);
    }
}

/// "Is your app production-ready?" includes its security: a project cannot be Recoverable with no
/// second factor on the accounts that control it and no dependency updates, and each security item
/// credits the matching skill. Each is something a file or a setting shows, for the scan to find.
#[test]
fn launch_one_project_takes_app_security() {
    let catalog = builtin();
    let launch = &catalog.checklists[catalog.checklist_index("launch-one-project").unwrap()];
    let items = &catalog.items[launch.item_range()];
    let proving = |skill: &str| {
        items.iter().find(|i| i.proves.iter().any(|p| p == skill)).unwrap_or_else(|| panic!("nothing proves {skill}"))
    };
    for (skill, weight) in [
        ("devsecops-basics/mfa-everywhere", Weight::Core),
        ("developer-core/dependency-updates", Weight::Core),
        ("devsecops-basics/rate-limit-logins", Weight::Core),
        ("devsecops-basics/security-headers", Weight::Recommended),
    ] {
        assert_eq!(proving(skill).weight, weight, "{}", proving(skill).full_id);
    }
    let bot = proving("developer-core/dependency-updates");
    assert!(bot.proof.contains("dependabot.yml") && bot.proof.contains("renovate.json"), "{}", bot.proof);
}

/// A project's item credits only the skills its proof shows on every path it allows (content review
/// M12): restarts under Compose show no systemd unit, Caddy shows no Nginx, a note written alone is no
/// team post-mortem, a disk graph is not disk triage, an image tag is not a Git tag.
#[test]
fn launch_items_credit_only_what_every_path_of_their_proof_shows() {
    let catalog = builtin();
    let launch = &catalog.checklists[catalog.checklist_index("launch-one-project").unwrap()];
    for (item, not_proven) in [
        ("restarts-itself", "devops-basics/linux-systemd-service"),
        ("behind-reverse-proxy", "devops-basics/nginx-reverse-proxy"),
        ("incident-written-up", "devops-engineer/postmortem"),
        ("server-resources-watched", "devops-basics/linux-disk-space"),
        ("named-versions", "developer-core/git-tags"),
    ] {
        let item = catalog.items[launch.item_range()].iter().find(|i| i.id() == item).unwrap();
        assert!(!item.proves.iter().any(|p| p == not_proven), "{} proves {not_proven}", item.full_id);
    }
}

/// Facts that went stale: the superseded OWASP Top 10 edition, the retired community Ingress controller
/// offered without a word, ZAP under its old owner's name.
#[test]
fn no_item_teaches_a_stale_fact() {
    let catalog = builtin();
    for item in &catalog.items {
        let id = &item.full_id;
        let text = format!("{} {} {}", item.title, item.description, item.proof);
        for link in &item.resources {
            assert!(!link.contains("Top10/A") || link.contains("2025"), "{id}: {link} is not the 2025 edition");
        }
        assert!(!text.contains("OWASP ZAP"), "{id}: ZAP left OWASP in 2023");
        assert!(!text.contains("tfsec") || text.contains("Trivy"), "{id}: tfsec is now part of Trivy");
        if text.to_lowercase().contains("ingress-nginx") {
            assert!(text.contains("retired"), "{id}: names ingress-nginx without saying it is retired");
        }
    }
}

/// The scanning gates moved from devops-engineer to devsecops-basics (content review M4): a progress file
/// written before the move, with the old ids, shows them done under the new ones.
#[test]
fn progress_on_a_moved_item_carries_over() {
    let sandbox = common::Sandbox::new();
    sandbox.write_progress(
        br#"(version: 2, items: {
            "devops-engineer/dependency-scanning": (status: done, changed: "2026-11-02T10:00:00Z"),
            "devops-engineer/image-scanning": (status: learning, changed: "2026-11-02T10:00:00Z"),
        }, history: [])"#,
    );
    let output = sandbox.bare_cmd().args(["list", "--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let status = |id: &str| items.iter().find(|i| i["id"] == id).map(|i| i["status"].clone());
    assert_eq!(status("devsecops-basics/dependency-scanning"), Some("done".into()));
    assert_eq!(status("devsecops-basics/image-scanning"), Some("learning".into()));
}
