//! Removing a project (hostile-input review N9, N10): removal takes an exact id or name, never a prefix,
//! says which project a name that is another's id means, works for a long name, and names are bounded.

use crate::common::{Sandbox, stderr, stdout};

fn project(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    sandbox.bare_cmd().arg("project").args(args).output().unwrap()
}

fn names(sandbox: &Sandbox) -> Vec<String> {
    let out = project(sandbox, &["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn removal_needs_an_exact_id_or_name_and_says_which_one_a_shared_word_means() {
    let sandbox = Sandbox::new();
    for name in ["Shop", "Shop!", "shop-2", "日本語プロジェクト"] {
        assert!(project(&sandbox, &["add", name]).status.success());
    }
    // "shop-2" is the id of "Shop!" and the name of the third project: nothing is removed, both are named.
    let both = project(&sandbox, &["remove", "shop-2"]);
    assert_eq!(both.status.code(), Some(1), "{}", stdout(&both));
    let err = stderr(&both);
    assert!(err.contains("\"shop-2\" is the id of \"Shop!\" and the name of another project (id shop-2-2)"), "{err}");
    assert_eq!(names(&sandbox).len(), 4, "nothing removed");
    // A prefix removes nothing.
    let prefix = project(&sandbox, &["remove", "日本"]);
    assert_eq!(prefix.status.code(), Some(1));
    assert!(stderr(&prefix).contains("the exact id or name"), "{}", stderr(&prefix));
    assert_eq!(names(&sandbox).len(), 4);
    // The exact id removes the one it names.
    assert!(project(&sandbox, &["remove", "shop-2-2"]).status.success());
    assert_eq!(names(&sandbox), ["Shop", "Shop!", "日本語プロジェクト"]);
}

#[test]
fn a_project_with_a_long_name_is_removed_and_names_are_bounded() {
    let sandbox = Sandbox::new();
    let long = "日本語".repeat(22);
    assert!(project(&sandbox, &["add", &long]).status.success(), "66 characters, 198 bytes");
    let removed = project(&sandbox, &["remove", &long]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(stdout(&removed).contains("is kept in"), "{}", stdout(&removed));
    assert!(names(&sandbox).is_empty());
    let too_long = "x".repeat(101);
    let refused = project(&sandbox, &["add", &too_long]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("100 characters at most"), "{}", stderr(&refused));
}
