//! The window at small and large sizes (issue 16): the header folds, the checklists become a menu and
//! the detail goes below the list when room runs out, and a title stays beside its badges.

use egui::accesskit::{Rect, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use skillgap::gui::{App, StartOptions, View};

use super::sized_app_harness;

/// Selected at start, as the top gap of the default target.
const TOP_GAP: &str = "Run the build and tests on every push";

fn window_of_size(width: f32, height: f32) -> (Harness<'static, App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (model, _) = crate::common::open_model_for(dir.path(), None);
    let start = StartOptions { view: Some(View::Checklists), ..StartOptions::default() };
    let mut harness = sized_app_harness(model, start, None, egui::vec2(width, height));
    harness.run();
    let state = harness.state();
    assert_eq!(state.model.catalog().items[state.selected_item().unwrap()].title, TOP_GAP);
    (harness, dir)
}

fn bounds(harness: &Harness<'static, App>, role: Role, label: &str) -> Rect {
    harness.get_by_role_and_label(role, label).accesskit_node().bounding_box().unwrap()
}

/// The list row's title: the label inside the row (the detail's heading has the same text).
fn row_title(harness: &Harness<'static, App>, title: &str) -> Rect {
    let row = bounds(harness, Role::ListItem, title);
    harness
        .query_all(by().role(Role::Label).label(title))
        .filter_map(|node| node.accesskit_node().bounding_box())
        .find(|b| b.y0 >= row.y0 && b.y1 <= row.y1 && b.width() < row.width())
        .unwrap()
}

#[test]
fn at_1024x640_the_checklists_are_a_menu_and_titles_are_whole() {
    let (harness, _dir) = window_of_size(1024.0, 640.0);
    assert!(harness.query_by_role_and_label(Role::ComboBox, "Showing").is_some(), "the checklists menu");
    assert!(harness.query_by_role_and_label(Role::Button, "DevOps basics for developers").is_none(), "no side panel");
    // The header leaves the lists most of the window.
    assert!(bounds(&harness, Role::TextInput, "Search").y0 < 0.25 * 640.0);
    let (title, row) = (row_title(&harness, TOP_GAP), bounds(&harness, Role::ListItem, TOP_GAP));
    // About 216 points of text when whole; a title was cut to about 145 beside the side panel.
    assert!(title.width() > 200.0, "title cut short: {title:?}");
    // The detail is beside the list.
    let beside =
        harness.query_all(by().role(Role::Label).label(TOP_GAP)).filter_map(|n| n.accesskit_node().bounding_box());
    assert_eq!(beside.filter(|heading| heading.x0 > row.x1).count(), 1, "the detail's heading");
}

#[test]
fn at_the_minimum_size_the_header_folds_and_the_detail_goes_below_the_list() {
    let (harness, _dir) = window_of_size(760.0, 480.0);
    assert!(harness.query_by_label_contains("Build  0%").is_none(), "the stage bars are folded away");
    let list = bounds(&harness, Role::List, "Items");
    let heading = harness
        .query_all_by_label(TOP_GAP)
        .filter_map(|node| node.accesskit_node().bounding_box())
        .find(|b| b.y0 > list.y1)
        .map(|b| b.y0);
    assert!(heading.is_some(), "the detail's heading is below the list {list:?}");
    let row = bounds(&harness, Role::ListItem, TOP_GAP);
    let checkbox = bounds(&harness, Role::CheckBox, TOP_GAP);
    assert!(row.x0 <= checkbox.x0 && checkbox.x1 <= row.x1 && list.x1 <= 760.0);
}

#[test]
fn at_1920x1080_a_title_stays_beside_its_badges() {
    let (harness, _dir) = window_of_size(1920.0, 1080.0);
    let (title, row) = (row_title(&harness, TOP_GAP), bounds(&harness, Role::ListItem, TOP_GAP));
    let badge = harness
        .query_all(by().role(Role::Label).label("Stage: Test"))
        .filter_map(|node| node.accesskit_node().bounding_box())
        .find(|b| b.y0 >= row.y0 && b.y1 <= row.y1)
        .unwrap();
    // Side by side, not across the width of the list (the badges sat on its far right).
    let apart = (badge.x0 - title.x1).max(title.x0 - badge.x1);
    assert!(apart < 120.0, "{badge:?} .. {title:?}");
    assert!(harness.query_by_role_and_label(Role::Button, "DevOps basics for developers").is_some(), "side panel");
}

#[test]
fn the_header_folds_to_one_line_and_unfolds() {
    let (mut harness, _dir) = window_of_size(1280.0, 800.0);
    assert!(harness.query_by_label("Build  0%").is_some());
    let list_top = bounds(&harness, Role::List, "Items").y0;
    harness.get_by_role_and_label(Role::Button, "Less").click();
    harness.run();
    assert!(harness.query_by_label("Build  0%").is_none());
    assert!(harness.query_by_label_contains("Next: ").is_some(), "the explanation stays, on the first line");
    assert!(bounds(&harness, Role::List, "Items").y0 < list_top - 40.0, "the list gains the room");
    harness.get_by_role_and_label(Role::Button, "More").click();
    harness.run();
    assert!(harness.query_by_label("Build  0%").is_some());
}

/// A message that comes and goes (a reload said, skipped checklist files dismissed) never moves the view
/// under the pointer: messages sit above the status line, below the view's content.
#[test]
fn messages_that_come_and_go_do_not_move_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let lists = dir.path().join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    std::fs::write(lists.join("broken.ron"), "(id: \"broken\",").unwrap();
    let locations = skillgap::paths::Locations {
        data_dir: dir.path().to_path_buf(),
        checklist_dirs: vec![crate::common::fixture_dir(), lists],
        config_dir: None,
    };
    let (model, load_problems) = skillgap::gui::open_model(&locations, None).unwrap();
    assert_eq!(load_problems.len(), 1, "{load_problems:?}");
    let start = StartOptions { view: Some(View::Checklists), load_problems, ..StartOptions::default() };
    let mut harness = sized_app_harness(model, start, None, egui::vec2(1280.0, 800.0));
    harness.run();
    let search_at = |harness: &Harness<'static, App>| bounds(harness, Role::TextInput, "Search").y0;
    let before = search_at(&harness);

    harness.get_by_role_and_label(Role::Button, "Reload checklists").click();
    harness.run();
    assert!(harness.query_by_label_contains("Checklists loaded again").is_some(), "the reload is said");
    assert_eq!(search_at(&harness), before, "the reload's message moved the list");
    harness.get_by_role_and_label(Role::Button, "Dismiss message").click();
    harness.run();
    assert!(harness.query_by_label_contains("Checklists loaded again").is_none());
    assert_eq!(search_at(&harness), before, "dismissing the message moved the list");
    harness.get_by_role_and_label(Role::Button, "Dismiss").click();
    harness.run();
    assert!(harness.query_by_label_contains("Some checklist files were skipped").is_none());
    assert_eq!(search_at(&harness), before, "dismissing the skipped files moved the list");
}

/// Window review 16: a long checklist title ran under its count in the side panel ("…basics0/5").
#[test]
fn a_long_checklist_title_is_cut_before_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let lists = dir.path().join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    let title = "Taking a small team's Django app to production basics";
    std::fs::write(
        lists.join("mine.ron"),
        format!(r#"(id: "mine", title: "{title}", sections: [(id: "s", title: "S", items: [(id: "a", title: "A", stage: Build)])])"#),
    )
    .unwrap();
    let locations = skillgap::paths::Locations {
        data_dir: dir.path().to_path_buf(),
        checklist_dirs: vec![crate::common::fixture_dir(), lists],
        config_dir: None,
    };
    let (model, problems) = skillgap::gui::open_model(&locations, None).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let start = StartOptions { view: Some(View::Checklists), ..StartOptions::default() };
    let mut harness = sized_app_harness(model, start, None, egui::vec2(1280.0, 800.0));
    harness.run();
    let button = bounds(&harness, Role::Button, title);
    let count = harness
        .query_all(by().role(Role::Label).value("0/1"))
        .filter_map(|node| node.accesskit_node().bounding_box())
        .find(|b| b.y0 < button.y1 && b.y1 > button.y0)
        .expect("the count beside the title");
    assert!(button.x1 + 4.0 <= count.x0, "the title {button:?} runs into its count {count:?}");
}

/// Window review M6: at 1024x640 the header took 170 of 640 points and the filter row split the Weight
/// label from its drop-down; at 1920x1080 the detail stayed 380 points wide beside a half-empty list.
#[test]
fn the_header_keeps_to_15_percent_at_1024x640_and_the_detail_grows_at_1920x1080() {
    let (harness, _dir) = window_of_size(1024.0, 640.0);
    let tabs = bounds(&harness, Role::Button, "Checklists");
    let filters = bounds(&harness, Role::ComboBox, "Showing");
    assert!(harness.query_by_label("Build  0%").is_some(), "the stage bars are shown, not folded away");
    assert!(filters.y0 - tabs.y1 <= 0.15 * 640.0, "the header is {} points high", filters.y0 - tabs.y1);
    let (label, combo) = (bounds(&harness, Role::Label, "Weight"), bounds(&harness, Role::ComboBox, "Weight"));
    assert!((label.y0 - combo.y0).abs() < 6.0, "the Weight label on its drop-down's line: {label:?} {combo:?}");

    let width_at = |size: (f32, f32)| {
        let (harness, _dir) = window_of_size(size.0, size.1);
        let heading = harness
            .query_all_by_label(TOP_GAP)
            .filter_map(|n| n.accesskit_node().bounding_box())
            .max_by(|a, b| a.x0.total_cmp(&b.x0));
        f64::from(size.0) - heading.unwrap().x0
    };
    let (small, large) = (width_at((1280.0, 800.0)), width_at((1920.0, 1080.0)));
    assert!(large > small + 150.0, "the detail grows with the window: {small} then {large}");
}
