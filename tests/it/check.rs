//! `skillgap check` and the loading of checklist folders: counts that count what they say, and a folder
//! named twice loaded once (hostile-input review U6, U7).

use crate::common::{Sandbox, fixture_dir, stderr, stdout};

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

/// U6: the summary line counted the loaded checklists (3 built in), not the files checked.
#[test]
fn check_counts_the_files_it_checked() {
    let sandbox = Sandbox::new();
    let lists = sandbox.root.path().join("lists");
    write(&lists, "broken.ron", "(id: \"broken\"");
    write(&lists, "empty-title.ron", "(id: \"x\", title: \"\", sections: [])");
    std::fs::copy(fixture_dir().join("fixture.ron"), lists.join("fixture.ron")).unwrap();
    let output = sandbox.bare_cmd().arg("--checklists").arg(&lists).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let builtin = skillgap::catalog::BUILTIN_CHECKLISTS.len();
    let expected = format!("in {} checklist files ({builtin} built in, 3 of yours)", builtin + 3);
    assert!(stderr(&output).contains(&expected), "{expected} in {}", stderr(&output));
}

/// U7: the same folder given twice (`--checklists cl --checklists ./cl`) made each of its lists clash
/// with itself.
#[test]
fn a_folder_named_twice_is_loaded_once() {
    let sandbox = Sandbox::new();
    let twice = fixture_dir().join(".");
    let output = sandbox
        .bare_cmd()
        .arg("--checklists")
        .arg(fixture_dir())
        .arg("--checklists")
        .arg(&twice)
        .arg("check")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("No problems found."));
}

/// U11: a link with an escaped quote was reported without its line and column.
#[test]
fn a_bad_link_with_an_escaped_quote_is_reported_at_its_place() {
    let sandbox = Sandbox::new();
    let lists = sandbox.root.path().join("lists");
    let text = "(id: \"q\", title: \"Q\", sections: [(id: \"s\", title: \"S\", items: [\n  (id: \"one\", title: \"One\", stage: Build,\n   resources: [\"https://example.org/a\\\"b\"]),\n])])\n";
    write(&lists, "quote.ron", text);
    let output = sandbox.bare_cmd().arg("check").arg(lists.join("quote.ron")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let expected = format!("{}:3:16", lists.join("quote.ron").display());
    assert!(stderr(&output).contains(&expected), "{expected} in {}", stderr(&output));
}

/// Hostile review N17: one item of one's own could prove every built-in skill, and a project with it done
/// credited them all. `check` says so at the item's place; the file still loads (it is not wrong, only
/// generous).
#[test]
fn check_warns_about_an_item_that_proves_more_than_a_handful_of_skills() {
    let sandbox = Sandbox::new();
    let lists = sandbox.root.path().join("lists");
    let skills =
        ["dockerfile", "docker-compose", "unit-tests", "ci-test-on-push", "db-backup-scheduled", "uptime-monitoring"];
    let proves: Vec<String> = skills.iter().map(|s| format!("\"devops-basics/{s}\"")).collect();
    let text = format!(
        "(id: \"mine\", title: \"Mine\", sections: [(id: \"s\", title: \"S\", items: [\n  (id: \"everything\", title: \"Everything\", stage: Build, proves: [{}]),\n])])",
        proves.join(", ")
    );
    write(&lists, "mine.ron", &text);
    let file = lists.join("mine.ron");
    let output = sandbox.bare_cmd().arg("check").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = format!("warning: {}:2:8: item \"everything\" proves 6 skills", file.display());
    assert!(stderr(&output).contains(&expected), "{expected} in {}", stderr(&output));
    assert!(stdout(&output).contains("mine.ron: ok"), "{}", stdout(&output));
}
