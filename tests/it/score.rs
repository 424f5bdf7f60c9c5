//! The readiness score: worked examples and properties over random catalogs and progress.

use proptest::prelude::*;
use skillgap::catalog::{Catalog, ChecklistFile, ItemFile, Origin, SectionFile};
use skillgap::progress::Status;
use skillgap::score::{self, Level};
use skillgap::{Stage, Weight};

fn catalog_of(items: &[(Stage, Weight)]) -> Catalog {
    let items = items
        .iter()
        .enumerate()
        .map(|(i, &(stage, weight))| ItemFile {
            id: format!("i{i}"),
            title: format!("Item {i}"),
            stage,
            weight,
            description: String::new(),
            proof: String::new(),
            resources: vec![],
            aliases: vec![],
        })
        .collect();
    let file = ChecklistFile {
        id: "p".into(),
        title: "P".into(),
        track: Default::default(),
        description: String::new(),
        sections: vec![SectionFile { id: "s".into(), title: "S".into(), items }],
    };
    Catalog::from_files(vec![(file, Origin::BuiltIn("p.ron"))]).0
}

fn readiness(catalog: &Catalog, statuses: &[Status]) -> f64 {
    score::score(catalog, statuses).readiness
}

#[test]
fn readiness_is_the_harmonic_mean_of_stage_coverages() {
    // One Core item per stage, plus a second Core item in Build and Test.
    let mut items: Vec<(Stage, Weight)> = Stage::ALL.iter().map(|&s| (s, Weight::Core)).collect();
    items.push((Stage::Build, Weight::Core));
    items.push((Stage::Test, Weight::Core));
    let catalog = catalog_of(&items);
    let mut statuses = vec![Status::Done; 6];
    statuses.extend([Status::Todo, Status::Todo]);
    let score = score::score(&catalog, &statuses);
    // Build and Test at 50%, the rest at 100%: 6 / (2 + 2 + 1 + 1 + 1 + 1) = 0.75.
    assert!((score.readiness - 75.0).abs() < 1e-9, "{}", score.readiness);
    assert_eq!(score.limiting, Some(Stage::Build));
    assert_eq!(score.level, Level::Recoverable);
    assert_eq!((score.done, score.applicable), (6, 8));
}

#[test]
fn weights_count_three_two_one_and_learning_earns_nothing() {
    let catalog = catalog_of(&[
        (Stage::Build, Weight::Core),
        (Stage::Build, Weight::Recommended),
        (Stage::Build, Weight::Advanced),
    ]);
    let score = score::score(&catalog, &[Status::Done, Status::Learning, Status::Done]);
    let build = score.stage(Stage::Build);
    assert_eq!((build.done_weight, build.applicable_weight, build.learning), (4, 6, 1));
    assert_eq!(build.percent().map(|p| p.round()), Some(67.0));
}

#[test]
fn skipped_items_leave_the_denominator_and_empty_stages_are_left_out() {
    let catalog = catalog_of(&[(Stage::Build, Weight::Core), (Stage::Build, Weight::Core), (Stage::Run, Weight::Core)]);
    let score = score::score(&catalog, &[Status::Done, Status::Skipped, Status::Skipped]);
    assert_eq!(score.stage(Stage::Build).coverage(), Some(1.0));
    assert_eq!(score.stage(Stage::Run).coverage(), None);
    assert_eq!(score.readiness, 100.0);
}

#[test]
fn one_stage_at_zero_makes_readiness_zero() {
    let catalog = catalog_of(&Stage::ALL.map(|s| (s, Weight::Core)));
    let mut statuses = vec![Status::Done; 6];
    statuses[5] = Status::Learning;
    let score = score::score(&catalog, &statuses);
    assert_eq!(score.readiness, 0.0);
    assert_eq!(score.limiting, Some(Stage::Recover));
    assert_eq!(score.level, Level::Observed);
    let explanation = score::explanation(&catalog, &score, score::gaps(&catalog, &statuses, &score).first());
    assert_eq!(explanation, "Limited by Recover (0%). Next: Item 5.");
}

#[test]
fn levels_climb_the_lifecycle_in_order() {
    let catalog = catalog_of(&Stage::ALL.map(|s| (s, Weight::Core)));
    let level_with = |done: &[usize]| {
        let statuses: Vec<Status> =
            (0..6).map(|i| if done.contains(&i) { Status::Done } else { Status::Todo }).collect();
        score::score(&catalog, &statuses).level
    };
    assert_eq!(level_with(&[]), Level::Localhost);
    assert_eq!(level_with(&[0]), Level::Localhost, "Build alone is not enough");
    assert_eq!(level_with(&[0, 1]), Level::BuildsAndTests);
    assert_eq!(level_with(&[0, 1, 2]), Level::Ships);
    assert_eq!(level_with(&[0, 1, 3]), Level::BuildsAndTests, "Run without Ship does not skip a level");
    assert_eq!(level_with(&[0, 1, 2, 3, 4]), Level::Observed);
    assert_eq!(level_with(&[0, 1, 2, 3, 4, 5]), Level::FullCycle);
}

#[test]
fn recoverable_needs_half_of_each_but_full_cycle_needs_ninety_percent() {
    let mut items: Vec<(Stage, Weight)> = Stage::ALL.map(|s| (s, Weight::Core)).to_vec();
    items.push((Stage::Recover, Weight::Core));
    let catalog = catalog_of(&items);
    let mut statuses = vec![Status::Done; 7];
    statuses[6] = Status::Todo;
    assert_eq!(score::score(&catalog, &statuses).level, Level::Recoverable);
}

#[test]
fn tied_gains_rank_weakest_stage_then_weight_then_order() {
    // Two stages at 0: every single tick adds 0, so the tie-breaks decide.
    let catalog = catalog_of(&[
        (Stage::Build, Weight::Core),   // 0: done
        (Stage::Build, Weight::Core),   // 1: Build at 50%
        (Stage::Run, Weight::Advanced), // 2
        (Stage::Run, Weight::Core),     // 3
        (Stage::Recover, Weight::Core), // 4
    ]);
    let statuses = [Status::Done, Status::Todo, Status::Todo, Status::Todo, Status::Todo];
    let score = score::score(&catalog, &statuses);
    let order: Vec<usize> = score::gaps(&catalog, &statuses, &score).iter().map(|g| g.item).collect();
    assert_eq!(order, vec![3, 4, 2, 1]);
}

#[test]
fn timeline_replays_history_into_readiness_and_done_counts() {
    use chrono::DateTime;
    use skillgap::progress::{Change, Progress};
    let catalog = catalog_of(&[(Stage::Build, Weight::Core), (Stage::Test, Weight::Core)]);
    let mut progress = Progress::default();
    let at = |s: i64| DateTime::from_timestamp(1_700_000_000 + s, 0).unwrap();
    progress.apply(&catalog, &Change::status("p/i0", Status::Done), at(0));
    progress.apply(&catalog, &Change::status("p/i1", Status::Done), at(10));
    progress.apply(&catalog, &Change::status("p/i1", Status::Skipped), at(20));
    let points = score::timeline(&catalog, &progress.history);
    let summary: Vec<(f64, usize)> = points.iter().map(|p| (p.readiness, p.done)).collect();
    assert_eq!(summary, vec![(0.0, 1), (100.0, 2), (100.0, 1)]);
}

fn stage_strategy() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

fn weight_strategy() -> impl Strategy<Value = Weight> {
    prop::sample::select(Weight::ALL.to_vec())
}

fn status_strategy() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

/// A random catalog with a random status per item.
fn scenario() -> impl Strategy<Value = (Vec<(Stage, Weight)>, Vec<Status>)> {
    prop::collection::vec((stage_strategy(), weight_strategy(), status_strategy()), 1..40).prop_map(|rows| {
        let items = rows.iter().map(|&(s, w, _)| (s, w)).collect();
        let statuses = rows.iter().map(|&(_, _, st)| st).collect();
        (items, statuses)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn readiness_stays_in_0_to_100((items, statuses) in scenario()) {
        let catalog = catalog_of(&items);
        let r = readiness(&catalog, &statuses);
        prop_assert!((0.0..=100.0).contains(&r), "{r}");
    }

    #[test]
    fn marking_any_item_done_never_lowers_readiness((items, statuses) in scenario(), pick in any::<prop::sample::Index>()) {
        let catalog = catalog_of(&items);
        let before = readiness(&catalog, &statuses);
        let mut after_statuses = statuses.clone();
        after_statuses[pick.index(items.len())] = Status::Done;
        let after = readiness(&catalog, &after_statuses);
        prop_assert!(after >= before, "{before} -> {after}");
    }

    #[test]
    fn readiness_is_100_exactly_when_every_applicable_item_is_done((items, statuses) in scenario()) {
        let catalog = catalog_of(&items);
        prop_assume!(statuses.iter().any(|s| s.is_applicable()));
        let all_done = statuses.iter().all(|s| matches!(s, Status::Done | Status::Skipped));
        prop_assert_eq!(readiness(&catalog, &statuses) == 100.0, all_done);
    }

    #[test]
    fn the_first_gap_raises_readiness_at_least_as_much_as_any_other((items, statuses) in scenario()) {
        let catalog = catalog_of(&items);
        let score = score::score(&catalog, &statuses);
        let gaps = score::gaps(&catalog, &statuses, &score);
        let gain_of = |item: usize| {
            let mut ticked = statuses.clone();
            ticked[item] = Status::Done;
            readiness(&catalog, &ticked) - score.readiness
        };
        if let Some(first) = gaps.first() {
            let first_gain = gain_of(first.item);
            prop_assert!((first_gain - first.gain).abs() < 1e-9, "reported gain matches the real one");
            for gap in &gaps {
                prop_assert!(first_gain >= gain_of(gap.item) - 1e-9);
            }
        }
        let open = statuses.iter().filter(|s| matches!(s, Status::Todo | Status::Learning)).count();
        prop_assert_eq!(gaps.len(), open, "every open item is a gap, and only those");
    }
}

/// The detail pane says why ticking an item adds nothing while other stages are still at 0%.
#[test]
fn the_gain_sentence_explains_a_zero_gain() {
    // Two items per stage; Build and Test have one done each.
    let items: Vec<(Stage, Weight)> = Stage::ALL.iter().flat_map(|&s| [(s, Weight::Core), (s, Weight::Core)]).collect();
    let catalog = catalog_of(&items);
    let mut statuses = vec![Status::Todo; 12];
    statuses[0] = Status::Done;
    statuses[2] = Status::Done;
    let score = score::score(&catalog, &statuses);
    assert_eq!(score.readiness, 0.0);
    assert_eq!(
        score::gain_sentence(&score, Stage::Build, 0.0),
        "Readiness stays 0 while Ship, Run, Observe and Recover are at 0%; ticking it still moves Build forward."
    );
    // Only Recover left at 0%: its items now carry the whole gain, the others still add nothing.
    statuses[4..10].fill(Status::Done);
    let score = score::score(&catalog, &statuses);
    let gaps = score::gaps(&catalog, &statuses, &score);
    let recover = gaps.iter().find(|g| catalog.items[g.item].stage == Stage::Recover).unwrap();
    assert!(score::gain_sentence(&score, Stage::Recover, recover.gain).starts_with("Ticking it adds "));
    assert_eq!(
        score::gain_sentence(&score, Stage::Build, 0.0),
        "Readiness stays 0 while Recover is at 0%; ticking it still moves Build forward."
    );
}
