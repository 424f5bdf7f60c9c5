//! The two rules that keep a level true to its evidence (issue 27), on small catalogs: a stage with
//! nothing in the target lifts no level, and one Core item in all may stay open below the level, named.

use skillgap::progress::Status;
use skillgap::score::{self, Level};
use skillgap::{Stage, Weight};

use crate::score::{catalog_of, score_all, target_of};

/// Hostile review N18: a target whose only item is a Run Core item, 0 of 1 done, was "Level 2, Ships": the
/// stages with nothing in them counted as passed. A stage with nothing applicable lifts no level, and a
/// target that covers one stage never claims the full cycle.
#[test]
fn a_stage_with_nothing_in_it_lifts_no_level() {
    let catalog = catalog_of(&[(Stage::Build, Weight::Core), (Stage::Run, Weight::Core)]);
    let target = target_of(&catalog, &[false, true]);
    let open = score::score(&catalog, &[Status::Todo, Status::Todo], &target);
    assert_eq!(open.level, Level::Localhost);
    let next = open.next_level.as_ref().unwrap();
    assert_eq!((next.level, next.missing.clone()), (Level::RunsInProduction, vec![1]));
    let done = score::score(&catalog, &[Status::Todo, Status::Done], &target);
    assert_eq!(done.level, Level::RunsInProduction);
    assert_eq!(done.next_level, None);
    assert_eq!(
        done.next_level_sentence(&catalog),
        "Every stage this target covers is in hand; it has no items for the stages after it."
    );
}

/// One Core item may stay open below the level when its stage has another done, and it is named; a
/// second open item, or a stage with none done, holds the level back (issue 27).
#[test]
fn one_open_core_item_in_a_stage_with_another_done_is_let_pass_and_named() {
    let items: Vec<(Stage, Weight)> = Stage::ALL.iter().flat_map(|&s| [(s, Weight::Core), (s, Weight::Core)]).collect();
    let catalog = catalog_of(&items);
    let mut statuses = vec![Status::Done; 12];
    statuses[3] = Status::Todo;
    let score = score_all(&catalog, &statuses);
    assert_eq!((score.level, score.except), (Level::Recoverable, Some(3)));
    assert_eq!(score.except_clause(&catalog), ", except: Item 3");
    assert_eq!(score.next_level_sentence(&catalog), "Level 6, Full-cycle, needs 1 item: Item 3.", "named once there");
    statuses[5] = Status::Todo;
    assert_eq!(
        score_all(&catalog, &statuses).level,
        Level::BuildsAndTests,
        "a second open item, in Ship, holds Ship back"
    );
    let mut statuses = vec![Status::Done; 12];
    statuses[2..4].fill(Status::Todo);
    assert_eq!(score_all(&catalog, &statuses).level, Level::Localhost, "Test with nothing done is not in hand");
}

/// The next level's count is never more than it asks: with the allowance unused, the last open Core item
/// of a stage that has two may stay open, and the sentence says so.
#[test]
fn the_next_levels_count_says_when_one_item_may_stay_open() {
    let catalog =
        catalog_of(&[(Stage::Build, Weight::Core), (Stage::Build, Weight::Core), (Stage::Test, Weight::Core)]);
    let mut statuses = vec![Status::Todo, Status::Todo, Status::Done];
    let open = score_all(&catalog, &statuses);
    assert_eq!(
        open.next_level_sentence(&catalog),
        "Level 1, Builds and tests, needs 2 items (one may stay open): Item 0 and Item 1."
    );
    statuses[0] = Status::Done;
    let one_left = score_all(&catalog, &statuses);
    assert_eq!((one_left.level, one_left.except), (Level::BuildsAndTests, Some(1)), "the one left is let pass, named");
    // When another stage of the same level already takes the allowance, none may stay open: not said.
    let catalog = catalog_of(&[
        (Stage::Build, Weight::Core),
        (Stage::Build, Weight::Core),
        (Stage::Test, Weight::Core),
        (Stage::Test, Weight::Core),
    ]);
    let statuses = [Status::Done, Status::Todo, Status::Todo, Status::Todo];
    let sentence = score_all(&catalog, &statuses).next_level_sentence(&catalog);
    assert_eq!(sentence, "Level 1, Builds and tests, needs 2 items: Item 2 and Item 3.");
}
