//! The window tells one story (issue 27): on a first start the welcome's "where to start", the header's
//! Next and the top of Gaps are what Level 1 needs, and the level's hover lists those items.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use skillgap::gui::{StartOptions, View};

use crate::common;

/// Window review M1: on first start the welcome said "levels climb the stages in order" and offered
/// three Recover items, and the header said "Next: Back up the database…" beside "Finish the Core items of
/// Build and Test".
#[test]
fn a_first_start_points_at_what_level_1_needs_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (model, _) = common::open_model_for(dir.path(), None);
    let start = StartOptions { view: Some(View::Checklists), offer_welcome: true, ..StartOptions::default() };
    let mut harness = super::app_harness(model, start, None);
    harness.run();
    let state = harness.state();
    let (catalog, assessment) = (state.model.catalog(), &state.model.assessment);
    let needs = assessment.score.next_level.clone().unwrap().missing;
    let first_three: Vec<String> =
        assessment.gaps.iter().take(3).map(|g| catalog.items[g.item].title.clone()).collect();
    for (gap, title) in assessment.gaps.iter().take(3).zip(&first_three) {
        assert!(needs.contains(&gap.item), "{title} is not what Level 1 needs");
        assert!(harness.query_by_role_and_label(Role::Link, title).is_some(), "the welcome offers {title}");
    }
    let next = format!("Next: {}", first_three[0]);
    assert!(harness.query_by_label_contains(&next).is_some(), "the header says {next}");
    assert!(harness.query_by_label_contains("Back up the database automatically every day").is_none());

    harness.get_by_role_and_label(Role::Button, "Start").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Gaps").click();
    harness.run();
    // Gaps lists first what Level 1 needs: its top row is the header's Next.
    assert!(harness.query_by_role_and_label(Role::CheckBox, &first_three[0]).is_some());
    let level = harness.get_by_label("Level 0: Localhost");
    level.hover();
    harness.run();
    let sentence =
        format!("Level 1, Builds and tests, needs {} items (one may stay open): {}", needs.len(), first_three[0]);
    let said = harness.query_all_by_label_contains(&sentence).count();
    assert_eq!(said, 2, "above the gaps and in the level's hover: {sentence}");
}
