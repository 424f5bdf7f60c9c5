//! The Review view and the header's count (issue 32): rating by key and by button, undo and redo of a
//! review, moving an item back to learning, turning reviews off, and the detail's next review.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::View;
use skillgap::progress::{Change, Status};
use skillgap::review::Rating;

use super::open_window;
use crate::common;

/// A window over three fixture items done two months ago: every first review is due today.
fn window_with_reviews_due(view: Option<View>) -> super::Window {
    let dir = tempfile::tempdir().unwrap();
    let mut tracker = common::open_tracker(dir.path());
    let ids = ["fixture/build-one", "fixture/test-one", "fixture/ship-one"];
    let changes: Vec<Change> = ids.iter().map(|id| Change::status(*id, Status::Done)).collect();
    tracker.apply_at(&changes, chrono::Utc::now() - chrono::Duration::days(60)).unwrap();
    drop(tracker);
    open_window(dir, view)
}

fn reviews(w: &super::Window) -> Vec<(String, Rating)> {
    w.harness.state().model.progress().reviews.iter().map(|r| (r.item.clone(), r.rating)).collect()
}

fn due_today(w: &super::Window) -> usize {
    w.harness.state().model.reviews.due_today().count()
}

#[test]
fn the_header_counts_todays_reviews_and_a_key_records_one_that_undo_takes_back() {
    let mut w = window_with_reviews_due(None);
    w.harness.get_by_role_and_label(Role::Button, "3 reviews due today").click();
    w.harness.run();
    assert_eq!(w.harness.state().view(), View::Review);
    assert!(w.harness.query_by_label("Reviews due today: 3").is_some());
    let first = w.harness.state().model.catalog().items
        [w.harness.state().model.reviews.due_today().next().unwrap().schedule.item]
        .full_id
        .clone();

    w.harness.key_press(Key::Num3);
    w.harness.run();
    assert_eq!(reviews(&w), vec![(first.clone(), Rating::Good)], "3 is Good");
    assert_eq!(due_today(&w), 2, "it left today's queue");
    assert!(w.progress_text().contains("rating: good"), "and was saved: {}", w.progress_text());

    w.harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    w.harness.run();
    assert!(reviews(&w).is_empty(), "undo takes the review back");
    assert_eq!(due_today(&w), 3);
    assert!(!w.progress_text().contains("rating:"), "in the file too");
    assert_eq!(w.harness.state().model.assessment.statuses[w.index(&first)], Status::Done, "still done");

    w.harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    w.harness.run();
    assert_eq!(reviews(&w), vec![(first, Rating::Good)], "redo makes it again");
}

#[test]
fn a_rating_button_records_and_l_moves_the_item_back_to_learning() {
    let mut w = window_with_reviews_due(Some(View::Review));
    w.harness.get_by_role_and_label(Role::Button, "4  Easy").click();
    w.harness.run();
    assert_eq!(reviews(&w).iter().map(|r| r.1).collect::<Vec<_>>(), vec![Rating::Easy]);
    let next = w.harness.state().model.reviews.due_today().next().unwrap().schedule.item;
    let id = w.harness.state().model.catalog().items[next].full_id.clone();
    w.harness.key_press(Key::L);
    w.harness.run();
    assert_eq!(w.status(&id), Status::Learning, "no longer done");
    assert_eq!(due_today(&w), 1, "and no longer reviewed");
}

#[test]
fn reviews_turned_off_leave_the_header_silent_and_are_remembered() {
    let mut w = window_with_reviews_due(Some(View::Review));
    w.harness.get_by_role_and_label(Role::Button, "Turn reviews off").click();
    w.harness.run();
    assert!(w.harness.query_by_label("3 reviews due today").is_none(), "the header says nothing");
    assert!(w.harness.query_by_label_contains("fresh").is_none());
    let settings = std::fs::read_to_string(w.dir.path().join("settings.ron")).unwrap();
    assert!(settings.contains("enabled: false"), "{settings}");
    w.harness.get_by_role_and_label(Role::Button, "Turn reviews on").click();
    w.harness.run();
    assert!(w.harness.query_by_label("3 reviews due today").is_some());
}

/// `skillgap review --disable` in a terminal while the window is open: within a second the header says
/// nothing more.
#[test]
fn reviews_turned_off_in_a_terminal_reach_the_open_window() {
    let mut w = window_with_reviews_due(None);
    assert!(w.harness.query_by_label("3 reviews due today").is_some());
    std::fs::write(w.dir.path().join("settings.ron"), "(reviews: (enabled: false))").unwrap();
    w.wait_seconds(1.5);
    assert!(w.harness.query_by_label("3 reviews due today").is_none());
    assert!(!w.harness.state().model.reviews.enabled);
}

#[test]
fn the_checklists_detail_says_when_a_done_item_was_practised_and_its_next_review() {
    let mut w = window_with_reviews_due(None);
    w.select("Build one");
    assert!(w.harness.query_by_label_contains("not reviewed yet · next review").is_some());
}
