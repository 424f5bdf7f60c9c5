//! The readiness score: worked examples, the built-in targets measured, and properties over random
//! catalogs, progress and targets.

use proptest::prelude::*;
use skillgap::catalog::{Catalog, ChecklistFile, ItemFile, Origin, SectionFile, load_catalog};
use skillgap::progress::Status;
use skillgap::score::{self, Assessment, Level};
use skillgap::target::{self, Selector, Target, TargetFile};
use skillgap::{Stage, Weight};

pub(crate) fn catalog_of(items: &[(Stage, Weight)]) -> Catalog {
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
            tags: vec![],
            aliases: vec![],
            proves: vec![],
            phrase: String::new(),
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

/// A target of the items `members` marks (every item when it marks none).
pub(crate) fn target_of(catalog: &Catalog, members: &[bool]) -> Target {
    let include: Vec<Selector> = catalog
        .items
        .iter()
        .zip(members)
        .filter(|(_, member)| **member)
        .map(|(item, _)| Selector::Item(item.full_id.clone()))
        .collect();
    if include.is_empty() {
        return Target::everything(catalog);
    }
    let file = TargetFile {
        id: "t".into(),
        title: "T".into(),
        description: String::new(),
        include,
        exclude: vec![],
        min_weight: None,
    };
    target::resolve(&file, "", catalog, Origin::BuiltIn("t.ron")).unwrap()
}

pub(crate) fn score_all(catalog: &Catalog, statuses: &[Status]) -> score::Score {
    score::score(catalog, statuses, &Target::everything(catalog))
}

fn readiness(catalog: &Catalog, statuses: &[Status]) -> f64 {
    score_all(catalog, statuses).readiness
}

#[test]
fn equal_coverages_give_that_coverage_and_a_weak_stage_holds_readiness_back() {
    let items: Vec<(Stage, Weight)> = Stage::ALL.iter().flat_map(|&s| [(s, Weight::Core), (s, Weight::Core)]).collect();
    let catalog = catalog_of(&items);
    let half: Vec<Status> = (0..12).map(|i| if i % 2 == 0 { Status::Done } else { Status::Todo }).collect();
    assert!((readiness(&catalog, &half) - 50.0).abs() < 1e-9);
    // Recover at 0%, every other stage complete: 5/12 of the way.
    let mut statuses = vec![Status::Done; 12];
    statuses[10..].fill(Status::Todo);
    let score = score_all(&catalog, &statuses);
    assert!((score.readiness - 500.0 / 12.0).abs() < 1e-9, "{}", score.readiness);
    assert_eq!(score.limiting, Some(Stage::Recover));
    assert_eq!(score.level, Level::Observed);
    let explanation = Assessment::of_statuses(&catalog, statuses, &Target::everything(&catalog)).explanation(&catalog);
    assert_eq!(
        explanation,
        "Next: Item 10 (Recover), toward Level 5, Recoverable. Readiness is held back most by Recover (0%)."
    );
}

#[test]
fn weights_count_three_two_one_and_learning_earns_nothing() {
    let catalog = catalog_of(&[
        (Stage::Build, Weight::Core),
        (Stage::Build, Weight::Recommended),
        (Stage::Build, Weight::Advanced),
    ]);
    let score = score_all(&catalog, &[Status::Done, Status::Learning, Status::Done]);
    let build = score.stage(Stage::Build);
    assert_eq!((build.done_weight, build.applicable_weight, build.learning), (4, 6, 1));
    assert_eq!(build.percent().map(|p| p.round()), Some(67.0));
}

#[test]
fn skipped_items_leave_the_denominator_and_empty_stages_are_left_out() {
    let catalog = catalog_of(&[(Stage::Build, Weight::Core), (Stage::Build, Weight::Core), (Stage::Run, Weight::Core)]);
    let score = score_all(&catalog, &[Status::Done, Status::Skipped, Status::Skipped]);
    assert_eq!(score.stage(Stage::Build).coverage(), Some(1.0));
    assert_eq!(score.stage(Stage::Run).coverage(), None);
    assert_eq!(score.readiness, 100.0);
}

#[test]
fn levels_climb_the_lifecycle_by_core_items() {
    // A Core and a Recommended item per stage: the Core item alone puts a stage in hand.
    let items: Vec<(Stage, Weight)> =
        Stage::ALL.iter().flat_map(|&s| [(s, Weight::Core), (s, Weight::Recommended)]).collect();
    let catalog = catalog_of(&items);
    let level_with = |stages_done: &[usize]| {
        let statuses: Vec<Status> = (0..12)
            .map(|i| if i % 2 == 0 && stages_done.contains(&(i / 2)) { Status::Done } else { Status::Todo })
            .collect();
        score_all(&catalog, &statuses).level
    };
    assert_eq!(level_with(&[]), Level::Localhost);
    assert_eq!(level_with(&[0]), Level::Localhost, "Build alone is not enough");
    assert_eq!(level_with(&[0, 1]), Level::BuildsAndTests);
    assert_eq!(level_with(&[0, 1, 2]), Level::Ships);
    assert_eq!(level_with(&[0, 1, 3]), Level::BuildsAndTests, "Run without Ship does not skip a level");
    assert_eq!(level_with(&[0, 1, 2, 3, 4]), Level::Observed);
    assert_eq!(level_with(&[0, 1, 2, 3, 4, 5]), Level::Recoverable, "every Core item: Recoverable, not more");
    assert_eq!(score_all(&catalog, &[Status::Done; 12]).level, Level::FullCycle);
}

#[test]
fn a_stage_without_core_items_needs_half_of_its_weight() {
    let mut items: Vec<(Stage, Weight)> = Stage::ALL.map(|s| (s, Weight::Core)).to_vec();
    items[0] = (Stage::Build, Weight::Recommended);
    items.push((Stage::Build, Weight::Recommended));
    let catalog = catalog_of(&items);
    let mut statuses = vec![Status::Done; 7];
    statuses[6] = Status::Todo;
    assert_eq!(score_all(&catalog, &statuses).level, Level::Recoverable, "Build at 50% is in hand");
    statuses[0] = Status::Todo;
    assert_eq!(score_all(&catalog, &statuses).level, Level::Localhost, "Build at 0% is not");
}

/// Issue 27: the limiting stage (Recover, the smallest of the equally weak) holds readiness back, but the
/// next level needs Build first: its items come first, then Recover's.
#[test]
fn of_equally_weak_stages_the_smallest_limits_and_the_next_levels_items_come_first() {
    let catalog = catalog_of(&[
        (Stage::Build, Weight::Core),
        (Stage::Build, Weight::Core),
        (Stage::Build, Weight::Core),
        (Stage::Recover, Weight::Core),
    ]);
    let statuses = [Status::Todo; 4];
    let assessment = Assessment::of_statuses(&catalog, statuses.to_vec(), &Target::everything(&catalog));
    assert_eq!(assessment.score.limiting, Some(Stage::Recover));
    assert_eq!(assessment.gaps.iter().map(|g| g.item).collect::<Vec<_>>(), [0, 1, 2, 3]);
    assert_eq!(
        assessment.explanation(&catalog),
        "Next: Item 0 (Build), toward Level 1, Builds and tests. Readiness is held back most by Recover (0%)."
    );
}

/// Issue 27: a Recover item would add more readiness, but the level waits for Build: "Next" points at
/// Build, the way the level climbs (it pointed at Recover, "the biggest step now", beside a level that
/// asked for Build).
#[test]
fn the_headline_next_is_what_the_next_level_needs_even_when_another_item_adds_more() {
    // Build is weaker (1 of 20 done) but large; Recover is a little stronger (1 of 8) and small, so one
    // more Recover item adds more.
    let mut items = vec![(Stage::Build, Weight::Core); 20];
    items.extend([(Stage::Recover, Weight::Advanced); 8]);
    let catalog = catalog_of(&items);
    let mut statuses = vec![Status::Todo; 28];
    statuses[0] = Status::Done;
    statuses[20] = Status::Done;
    let assessment = Assessment::of_statuses(&catalog, statuses, &Target::everything(&catalog));
    assert_eq!(assessment.score.limiting, Some(Stage::Build));
    assert_eq!(catalog.items[assessment.gaps[0].item].stage, Stage::Build, "what the next level needs first");
    let recover_gain = assessment.gaps.iter().find(|g| g.item == 21).unwrap().gain;
    assert!(recover_gain > assessment.gaps[0].gain, "though Recover's item adds more readiness");
    assert_eq!(
        assessment.explanation(&catalog),
        "Next: Item 1 (Build), toward Level 1, Builds and tests. Readiness is held back most by Build (5%)."
    );
}

#[test]
fn items_outside_the_target_neither_score_nor_show_as_gaps() {
    let catalog = catalog_of(&[(Stage::Build, Weight::Core), (Stage::Test, Weight::Core), (Stage::Run, Weight::Core)]);
    let target = target_of(&catalog, &[true, true, false]);
    let statuses = vec![Status::Done, Status::Todo, Status::Done];
    let assessment = Assessment::of_statuses(&catalog, statuses, &target);
    assert_eq!((assessment.score.done, assessment.score.applicable, assessment.score.total), (1, 2, 2));
    assert_eq!(assessment.gaps.iter().map(|g| g.item).collect::<Vec<_>>(), vec![1]);
    assert_eq!(assessment.score.stage(Stage::Run).coverage(), None);
    assert_eq!(
        score::gain_sentence(0.0, target.contains(2), &target.title),
        "It is not part of T, so ticking it does not change this readiness."
    );
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
    let points = score::timeline(&catalog, &progress.history, &Target::everything(&catalog));
    let summary: Vec<(f64, usize)> = points.iter().map(|p| ((p.readiness * 1e6).round() / 1e6, p.done)).collect();
    // Build done, Test at 0%: 2 / (1 + 7) lifted, stretched back: (1/4 - 1/7) / (6/7) = 1/8.
    assert_eq!(summary, vec![(12.5, 1), (100.0, 2), (100.0, 1)]);
}

/// Issue 13's measurements, on the built-in content: they fail if the content or the score drifts.
#[test]
fn on_the_built_in_targets_core_items_reach_recoverable_and_the_first_tick_counts() {
    let (catalog, problems) = load_catalog(&[]);
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<&str> = catalog.targets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["developer-who-ships", "junior-devops-engineer", "everything"]);
    for target in &catalog.targets {
        let fresh = vec![Status::Todo; catalog.items.len()];
        let first = Assessment::of_statuses(&catalog, fresh.clone(), target);
        assert_eq!(first.score.readiness, 0.0);
        let weakest = first.gaps.iter().map(|g| g.gain).fold(f64::INFINITY, f64::min);
        assert!(weakest >= 0.05, "{}: a first-run gap shows +0.0 ({weakest})", target.id);
        let mut one_tick = fresh.clone();
        one_tick[first.gaps[0].item] = Status::Done;
        assert!(score::score(&catalog, &one_tick, target).readiness > 0.0, "{}: the first tick counts", target.id);

        let core_done: Vec<Status> = catalog
            .items
            .iter()
            .map(|item| if item.weight == Weight::Core { Status::Done } else { Status::Todo })
            .collect();
        let level = score::score(&catalog, &core_done, target).level;
        assert!(level >= Level::Recoverable, "{}: every Core item done is only {level:?}", target.id);
        assert_eq!(score::score(&catalog, &vec![Status::Done; catalog.items.len()], target).level, Level::FullCycle);
    }
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

/// A random catalog with a random status per item and a random target (every item when none is picked).
#[derive(Debug, Clone)]
struct Scenario {
    items: Vec<(Stage, Weight)>,
    statuses: Vec<Status>,
    members: Vec<bool>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    prop::collection::vec((stage_strategy(), weight_strategy(), status_strategy(), any::<bool>()), 1..40).prop_map(
        |rows| Scenario {
            items: rows.iter().map(|&(s, w, _, _)| (s, w)).collect(),
            statuses: rows.iter().map(|&(_, _, st, _)| st).collect(),
            members: rows.iter().map(|&(_, _, _, m)| m).collect(),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn readiness_stays_in_0_to_100(s in scenario()) {
        let catalog = catalog_of(&s.items);
        let r = score::score(&catalog, &s.statuses, &target_of(&catalog, &s.members)).readiness;
        prop_assert!((0.0..=100.0).contains(&r), "{r}");
    }

    #[test]
    fn every_done_item_of_the_target_strictly_raises_readiness(s in scenario()) {
        let catalog = catalog_of(&s.items);
        let target = target_of(&catalog, &s.members);
        let before = score::score(&catalog, &s.statuses, &target).readiness;
        let open = (0..s.items.len()).filter(|&i| target.contains(i) && matches!(s.statuses[i], Status::Todo | Status::Learning));
        for item in open {
            let mut ticked = s.statuses.clone();
            ticked[item] = Status::Done;
            let after = score::score(&catalog, &ticked, &target).readiness;
            prop_assert!(after > before, "item {}: {} -> {}", item, before, after);
        }
    }

    #[test]
    fn marking_any_item_done_never_lowers_readiness(s in scenario(), pick in any::<prop::sample::Index>()) {
        let catalog = catalog_of(&s.items);
        let target = target_of(&catalog, &s.members);
        let item = pick.index(s.items.len());
        let before = score::score(&catalog, &s.statuses, &target).readiness;
        let mut ticked = s.statuses.clone();
        ticked[item] = Status::Done;
        let after = score::score(&catalog, &ticked, &target).readiness;
        prop_assert!(after >= before, "{before} -> {after}");
        if !target.contains(item) {
            prop_assert_eq!(after, before, "an item outside the target changes nothing");
        }
    }

    #[test]
    fn readiness_is_100_exactly_when_every_applicable_item_is_done(s in scenario()) {
        let catalog = catalog_of(&s.items);
        let target = target_of(&catalog, &s.members);
        let in_target: Vec<Status> = (0..s.items.len()).filter(|&i| target.contains(i)).map(|i| s.statuses[i]).collect();
        prop_assume!(in_target.iter().any(|s| s.is_applicable()));
        let all_done = in_target.iter().all(|s| matches!(s, Status::Done | Status::Skipped));
        prop_assert_eq!(score::score(&catalog, &s.statuses, &target).readiness == 100.0, all_done);
    }

    #[test]
    fn one_stage_at_zero_with_every_other_complete_is_at_most_50(s in scenario(), pick in any::<prop::sample::Index>()) {
        let catalog = catalog_of(&s.items);
        let zero = s.items[pick.index(s.items.len())].0;
        let statuses: Vec<Status> = s.items.iter().map(|&(stage, _)| if stage == zero { Status::Todo } else { Status::Done }).collect();
        let r = readiness(&catalog, &statuses);
        prop_assert!(r <= 50.0, "{r}");
    }

    /// Every Core item done (and stages without Core items whole) puts every stage that has items in hand:
    /// the level reaches the rung of the last such stage (issue 27: a stage with nothing in it lifts
    /// nothing), and everything done is the full cycle.
    #[test]
    fn every_core_item_done_reaches_the_last_stage_with_items(s in scenario()) {
        let catalog = catalog_of(&s.items);
        let has_core = |stage: Stage| s.items.iter().any(|&(st, w)| st == stage && w == Weight::Core);
        // Stages without Core items need half their weight: here, all of it.
        let statuses: Vec<Status> = s
            .items
            .iter()
            .zip(&s.statuses)
            .map(|(&(stage, weight), &status)| {
                if weight == Weight::Core || !has_core(stage) { Status::Done } else { status }
            })
            .collect();
        let level = score_all(&catalog, &statuses).level;
        let rung = |stage: Stage| match stage {
            Stage::Build | Stage::Test => Level::BuildsAndTests,
            Stage::Ship => Level::Ships,
            Stage::Run => Level::RunsInProduction,
            Stage::Observe => Level::Observed,
            Stage::Recover => Level::Recoverable,
        };
        let last = s.items.iter().map(|&(stage, _)| rung(stage)).max().unwrap_or(Level::Localhost);
        prop_assert!(level >= last, "{level:?} below {last:?}");
        // Everything done is the full cycle, claimed only by a target that reaches Recover.
        let full = if last == Level::Recoverable { Level::FullCycle } else { last };
        prop_assert_eq!(score_all(&catalog, &vec![Status::Done; s.items.len()]).level, full);
    }

    #[test]
    fn gains_are_the_true_change_and_the_first_is_the_largest(s in scenario()) {
        let catalog = catalog_of(&s.items);
        let target = target_of(&catalog, &s.members);
        let assessment = Assessment::of_statuses(&catalog, s.statuses.clone(), &target);
        let gain_of = |item: usize| {
            let mut ticked = s.statuses.clone();
            ticked[item] = Status::Done;
            score::score(&catalog, &ticked, &target).readiness - assessment.score.readiness
        };
        let needed = |item: usize| assessment.score.next_level.as_ref().is_some_and(|n| n.missing.contains(&item));
        for gap in &assessment.gaps {
            prop_assert!((gain_of(gap.item) - gap.gain).abs() < 1e-9, "reported gain matches the real one");
            // What the next level needs comes first; within each part, the largest gain first.
            let first = assessment.gaps.iter().find(|g| needed(g.item) == needed(gap.item)).unwrap();
            prop_assert!(first.gain >= gap.gain - 1e-9);
        }
        let needed_first = assessment.gaps.iter().map(|g| needed(g.item)).collect::<Vec<_>>();
        prop_assert!(needed_first.windows(2).all(|w| w[0] || !w[1]), "needed items first: {needed_first:?}");
        let open = (0..s.items.len())
            .filter(|&i| target.contains(i) && matches!(s.statuses[i], Status::Todo | Status::Learning))
            .count();
        prop_assert_eq!(assessment.gaps.len(), open, "every open item of the target is a gap, and only those");
    }

    /// The headline's "Next" is the top gap, and while there is a next level, an item it needs.
    #[test]
    fn the_headline_next_is_the_top_gap_and_brings_the_next_level_closer(s in scenario()) {
        let catalog = catalog_of(&s.items);
        let assessment = Assessment::of_statuses(&catalog, s.statuses.clone(), &Target::everything(&catalog));
        if let (Some(top), Some(_)) = (assessment.gaps.first(), assessment.score.limiting) {
            let sentence = assessment.explanation(&catalog);
            let next = format!("Next: {}", catalog.items[top.item].title);
            prop_assert!(sentence.contains(&next), "{}", sentence);
            if let Some(level) = &assessment.score.next_level {
                prop_assert!(level.missing.contains(&top.item), "{sentence}");
            }
        }
    }
}
