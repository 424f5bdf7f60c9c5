//! Reviews are changes like any other: two machines review apart, and after the copier both show every
//! review and plan the same days.

use super::{Machine, copier::Copier};

fn all(machine: &Machine) -> serde_json::Value {
    serde_json::from_str(&machine.run(&["review", "--all", "--format", "json"])).unwrap()
}

#[test]
fn reviews_made_on_two_machines_apart_are_on_both_after_a_sync() {
    let root = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (Machine::new(root.path(), "laptop"), Machine::new(root.path(), "desktop"));
    let mut copier = Copier::default();
    laptop.run(&["mark", "build-one", "test-one", "done"]);
    copier.sync(&laptop.data, &desktop.data);

    laptop.run(&["review", "build-one", "good"]);
    desktop.run(&["review", "test-one", "again"]);
    copier.sync(&laptop.data, &desktop.data);

    let (on_laptop, on_desktop) = (all(&laptop), all(&desktop));
    assert_eq!(on_laptop, on_desktop, "both plan the same");
    let rating =
        |id: &str| on_laptop.as_array().unwrap().iter().find(|row| row["id"] == id).unwrap()["last_rating"].clone();
    assert_eq!(rating("fixture/build-one"), "good", "the laptop's review");
    assert_eq!(rating("fixture/test-one"), "again", "the desktop's review");
    assert!(copier.conflicts.is_empty(), "{:?}", copier.conflicts);
}
