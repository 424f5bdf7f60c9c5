//! The window as a desktop app (issue 16): search keys, undo that says what it did, the Gaps view as a
//! keyboard triage list, counts that agree, and the shortcuts one key away.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use skillgap::gui::View;
use skillgap::progress::Status;

use super::{open_window, window};

fn selected_title(w: &super::Window) -> String {
    let state = w.harness.state();
    state.selected_item().map(|i| state.model.catalog().items[i].title.clone()).unwrap_or_default()
}

/// Enter takes the first result, Down moves into the results, Escape clears the search; section names
/// are searched too.
#[test]
fn search_keys_enter_down_and_escape() {
    let mut w = window();
    w.search("fixture/");
    w.harness.key_press(Key::Enter);
    w.harness.run();
    assert_eq!(selected_title(&w), "Build one", "Enter selects the first result");
    w.harness.key_press(Key::ArrowDown);
    w.harness.run();
    assert_eq!(selected_title(&w), "Test one", "and the keys are the list's now");

    w.search("x");
    w.harness.key_press(Key::Escape);
    w.harness.run();
    assert_eq!(w.harness.state().search_text(), "", "Escape clears the search");
    assert!(w.visible_checkboxes() >= 12);

    w.search("second half");
    assert_eq!(w.visible_checkboxes(), 6, "a section's name finds its items");
    w.harness.key_press(Key::ArrowDown);
    w.harness.run();
    assert_eq!(selected_title(&w), "Build two", "Down from the search box selects the first result");
    w.harness.key_press(Key::ArrowDown);
    w.harness.run();
    assert_eq!(selected_title(&w), "Test two");
}

/// Undo and redo say what they did in the status line and select the item, even from another view;
/// a note typed and saved is undone like a tick.
#[test]
fn undo_says_what_it_did_selects_the_item_and_takes_back_a_note() {
    let mut w = window();
    w.click_checkbox("Recover two");
    w.select("Build one");
    w.show("Gaps");
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    w.harness.run();
    assert!(w.harness.query_by_label("Undid: Recover two: to do -> done").is_some());
    assert_eq!(selected_title(&w), "Recover two", "the undone item is selected");
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    w.harness.run();
    assert!(w.harness.query_by_label("Redid: Recover two: to do -> done").is_some());

    w.show("Checklists");
    w.select("Build one");
    let note = w.harness.get_by_role_and_label(Role::MultilineTextInput, "Note");
    note.focus();
    note.type_text("Served it behind nginx");
    w.harness.run();
    w.select("Test one");
    let build_one = w.index("fixture/build-one");
    let stored = |w: &super::Window| {
        w.harness
            .state()
            .model
            .progress()
            .get(&w.harness.state().model.catalog().items[build_one])
            .map(|p| p.note.clone())
    };
    assert_eq!(stored(&w).as_deref(), Some("Served it behind nginx"), "saved when the selection moved on");
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    w.harness.run();
    assert_eq!(stored(&w), None, "the note is taken back, and the item, untouched again, leaves no trace");
    assert!(w.harness.query_by_label("Undid: the note of Build one").is_some());
    assert_eq!(selected_title(&w), "Build one");
    assert!(!w.progress_text().contains("Served it"), "and saved so");
}

fn gap_titles(w: &super::Window) -> Vec<String> {
    let state = w.harness.state();
    let catalog = state.model.catalog();
    state.model.assessment.gaps.iter().map(|g| catalog.items[g.item].title.clone()).collect()
}

/// Gaps is worked through by keyboard like Checklists: Down moves, Space ticks and the next gap takes
/// the selection, L marks learning, S skips; a stage filter narrows it and the count says so.
#[test]
fn the_gaps_view_is_a_keyboard_triage_list_with_filters_and_a_count() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Gaps));
    let gaps = gap_titles(&w);
    assert_eq!(gaps.len(), 12);
    assert!(
        w.harness
            .query_by_label("12 open items, what the next level needs first, each by the readiness it would add now.")
            .is_some()
    );
    w.harness.key_press(Key::ArrowDown);
    w.harness.key_press(Key::Space);
    w.harness.run();
    let done = w.index(&format!("fixture/{}", gaps[1].to_lowercase().replace(' ', "-")));
    assert_eq!(w.harness.state().model.assessment.statuses[done], skillgap::progress::Status::Done);
    w.harness.key_press(Key::L);
    w.harness.run();
    let learning = w
        .harness
        .state()
        .model
        .assessment
        .statuses
        .iter()
        .filter(|s| **s == skillgap::progress::Status::Learning)
        .count();
    assert_eq!(learning, 1, "L marks the gap that took the ticked one's place");
    w.harness.key_press(Key::S);
    w.harness.run();
    assert!(
        w.harness
            .query_by_label("10 open items, what the next level needs first, each by the readiness it would add now.")
            .is_some()
    );

    w.harness.get_by_role_and_label(Role::ComboBox, "Stage").click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "Recover").click();
    w.harness.run();
    let shown = w
        .harness
        .query_all_by_role(Role::CheckBox)
        .filter(|c| c.accesskit_node().label().is_some_and(|l| l.starts_with("Recover ")))
        .count();
    assert!(shown >= 1);
    assert!(w.harness.query_by_label_contains(" of 10 open items").is_some(), "the count says it is filtered");
    assert!(
        w.harness
            .query_all_by_role(Role::CheckBox)
            .all(|c| !c.accesskit_node().label().is_some_and(|l| l.starts_with("Build ")))
    );
}

/// F1 and ? show the shortcuts and the score; About names the version and opens the data folder; Ctrl+N
/// and Ctrl+E put the keys in the selected item's note and evidence link.
#[test]
fn help_about_and_the_focus_keys() {
    let mut w = window();
    w.harness.key_press(Key::F1);
    w.harness.run();
    assert!(w.harness.query_by_label("Keyboard shortcuts").is_some());
    assert!(w.harness.query_by_label("Ctrl+Z / Ctrl+Shift+Z").is_some());
    w.harness.key_press(Key::Escape);
    w.harness.run();
    assert!(w.harness.query_by_label("Keyboard shortcuts").is_none(), "Escape closes it");

    let opened = w.record_opened();
    w.harness.get_by_role_and_label(Role::Button, "Help").click();
    w.harness.run();
    w.harness.get_by_role_and_label(Role::Button, "About skillgap").click();
    w.harness.run();
    assert!(w.harness.query_by_label(&format!("skillgap {}", env!("CARGO_PKG_VERSION"))).is_some());
    w.harness.get_all_by_role_and_label(Role::Button, "Open").next().unwrap().click();
    w.harness.run();
    assert_eq!(opened.lock().unwrap().as_slice(), [w.dir.path().to_path_buf()], "the data folder");
    w.harness.get_by_role_and_label(Role::Button, "Close").click();
    w.harness.run();

    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    w.harness.run();
    assert!(w.harness.get_by_role_and_label(Role::MultilineTextInput, "Note").is_focused());
    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::E);
    w.harness.run();
    assert!(w.harness.get_by_role_and_label(Role::TextInput, "Evidence link").is_focused());
}

/// The list's heading and the side panel count the same way: done of the items not skipped; the heading
/// then says how many rows the filters show.
#[test]
fn the_list_heading_and_the_side_panel_agree() {
    let mut w = window();
    w.select("Test one");
    w.harness.key_press(Key::S);
    w.select("Build one");
    w.harness.key_press(Key::Space);
    w.harness.run();
    assert!(w.harness.query_by_label("Fixture list: 1 of 11 done (1 skipped), 12 shown").is_some());
    assert!(w.harness.query_by_label("1/11").is_some(), "the side panel's count");
    w.harness.get_by_role_and_label(Role::CheckBox, "Missing only").click();
    w.harness.run();
    assert!(w.harness.query_by_label("Fixture list: 1 of 11 done (1 skipped), 10 shown").is_some());
}

/// Shown from Gaps, an item is in view with rows around it, not on the list's edge.
#[test]
fn a_revealed_item_is_shown_with_its_neighbours() {
    let mut w = open_window(tempfile::tempdir().unwrap(), Some(View::Gaps));
    w.show("Checklists");
    w.show("Gaps");
    w.harness.get_by_role_and_label(Role::Link, "Build two").click();
    w.harness.run();
    assert_eq!(w.harness.state().view(), View::Checklists);
    assert_eq!(selected_title(&w), "Build two");
    let bounds = |role, label| {
        let node = w.harness.get_by_role_and_label(role, label);
        node.accesskit_node().bounding_box().unwrap()
    };
    let (row, list) = (bounds(Role::ListItem, "Build two"), bounds(Role::List, "Items"));
    assert!(row.y0 - list.y0 >= 60.0, "rows above it: {row:?} in {list:?}");
    assert!(list.y1 - row.y1 >= 60.0, "rows below it: {row:?} in {list:?}");
}

/// At start the top gap is selected, and shown with rows around it even though the list has not been
/// measured yet on the first frame.
#[test]
fn at_start_the_selected_gap_is_shown_with_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    // The first thirty items done and the fixture list (last in the list) skipped: the top gap is one
    // in the middle of the list.
    let (catalog, _) = skillgap::catalog::load_catalog(&[crate::common::fixture_dir()]);
    let (first, fixture) =
        (catalog.items.iter().take(30), catalog.items.iter().filter(|i| i.full_id.starts_with("fixture/")));
    let changes: Vec<_> = first
        .map(|item| (item, Status::Done))
        .chain(fixture.map(|item| (item, Status::Skipped)))
        .map(|(item, status)| skillgap::progress::Change::status(item.full_id.clone(), status))
        .collect();
    let mut tracker = skillgap::tracker::Tracker::open(catalog, skillgap::store::Store::new(dir.path(), None)).unwrap();
    tracker.apply(&changes).unwrap();
    let (model, _) = crate::common::open_model_for(dir.path(), None);
    let start = skillgap::gui::StartOptions { view: Some(View::Checklists), ..Default::default() };
    let mut harness = super::app_harness(model, start, None);
    harness.run();
    let state = harness.state();
    let title = state.model.catalog().items[state.selected_item().unwrap()].title.clone();
    let bounds =
        |role, label: &str| harness.get_by_role_and_label(role, label).accesskit_node().bounding_box().unwrap();
    let (row, list) = (bounds(Role::ListItem, &title), bounds(Role::List, "Items"));
    assert!(row.y0 - list.y0 >= 60.0, "rows above {title}: {row:?} in {list:?}");
    assert!(list.y1 - row.y1 >= 60.0, "rows below {title}: {row:?} in {list:?}");
}

/// The list is grouped under section headings: the section alone within one checklist (with the
/// checklist's track and description above), and "Checklist › Section" for search results.
#[test]
fn the_list_has_section_headings_and_search_results_say_their_checklist() {
    let mut w = window();
    let headings = |w: &super::Window| -> Vec<String> {
        w.harness.query_all_by_role(Role::Heading).filter_map(|node| node.accesskit_node().label()).collect()
    };
    let shown = headings(&w);
    assert!(shown.contains(&"First half".to_owned()) && shown.contains(&"Second half".to_owned()), "{shown:?}");
    assert!(w.harness.query_by_label("DevOps track. Two items per stage.").is_some());
    w.search("backup");
    let shown = headings(&w);
    assert!(shown.contains(&"DevOps basics for developers › Backups and restore".to_owned()), "{shown:?}");
    assert!(w.harness.query_by_label("DevOps track. Two items per stage.").is_none(), "no scope description");
}

/// A checklist file added, broken and fixed while the window is open is picked up within a second; the
/// broken one's banner says where the problem is and shows the format, and Reload loads it at once.
#[test]
fn checklist_files_are_picked_up_without_a_restart() {
    let (data, config) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let locations = skillgap::paths::Locations {
        data_dir: data.path().to_path_buf(),
        checklist_dirs: vec![crate::common::fixture_dir(), config.path().to_path_buf()],
        config_dir: None,
    };
    let (model, _) = skillgap::gui::open_model(&locations, Some("fixture")).unwrap();
    let start = skillgap::gui::StartOptions { view: Some(View::Checklists), ..Default::default() };
    let mut harness = super::app_harness(model, start, None);
    harness.run();
    let file = config.path().join("mine.ron");
    let list = |title: &str| {
        format!(
            r#"(id: "mine", title: "{title}", sections: [(id: "s", title: "S", items: [(id: "a", title: "Ask for help", stage: Build)])])"#
        )
    };
    std::fs::write(&file, list("My own list")).unwrap();
    harness.run_steps(8);
    assert!(
        harness.query_by_role_and_label(Role::Button, "My own list").is_some(),
        "the new list is in the side panel"
    );
    assert!(harness.query_by_label_contains("Checklists loaded again: 252 items in 7 checklists").is_some());

    std::fs::write(&file, "(id: \"mine\", title: \"My own list\",\n  sections: [oops").unwrap();
    harness.run_steps(8);
    assert!(harness.query_by_label_contains("mine.ron:2:").is_some(), "the banner names the place");
    assert!(harness.query_by_role_and_label(Role::Button, "My own list").is_none(), "the broken file is skipped");
    harness.get_by_label("What a checklist file looks like").click();
    harness.run();
    assert!(harness.query_by_label_contains("Each item needs an id, a title and a stage").is_some());

    std::fs::write(&file, list("Mine, fixed")).unwrap();
    harness.get_by_role_and_label(Role::Button, "Reload checklists").click();
    harness.run();
    assert!(harness.query_by_role_and_label(Role::Button, "Mine, fixed").is_some());
    assert!(harness.query_by_label_contains("were skipped").is_none(), "the banner is gone");
}

/// The detail keeps its layout when the status changes (the gain sentence used to disappear on Done,
/// moving everything under it up by a line).
#[test]
fn the_detail_does_not_move_when_the_status_changes() {
    let mut w = window();
    w.select("Build one");
    let top = |w: &super::Window| w.harness.get_by_label("Why it matters").accesskit_node().bounding_box().unwrap().y0;
    let before = top(&w);
    w.harness.get_by_role_and_label(Role::Button, "Done").click();
    w.harness.run();
    assert_eq!(w.status("fixture/build-one"), skillgap::progress::Status::Done);
    assert!(w.harness.query_by_label("Done: it counts toward Fixture target.").is_some());
    assert_eq!(top(&w), before);
}
