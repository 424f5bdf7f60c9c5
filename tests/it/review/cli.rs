//! `skillgap review` on a temporary data folder: listing, recording, planning, settings, and the refusals.

use crate::common::{Sandbox, stderr, stdout};

fn run(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    sandbox.cmd().env("TZ", "UTC").args(args).output().unwrap()
}

fn ok(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = run(sandbox, args);
    assert!(output.status.success(), "skillgap {args:?}: {}", stderr(&output));
    stdout(&output)
}

fn all_json(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&ok(sandbox, &["review", "--all", "--format", "json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn nothing_done_nothing_to_review() {
    let sandbox = Sandbox::new();
    let out = ok(&sandbox, &["review"]);
    assert!(out.contains("Nothing to review: no item is done yet."), "{out}");
}

#[test]
fn every_done_item_has_a_next_review_and_a_review_moves_it() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "test-one", "ship-one", "done"]);
    let rows = all_json(&sandbox);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let today = chrono::Utc::now().date_naive();
    for row in &rows {
        let due: chrono::NaiveDate = row["due"].as_str().unwrap().parse().unwrap();
        assert!(due > today, "not due the day it was done: {row}");
        assert!(row["last_reviewed"].is_null());
        assert_eq!(row["state"]["reviews"], 0);
        assert!(row["state"]["stability_days"].as_f64().unwrap() > 0.0);
    }
    let build = rows.iter().find(|row| row["id"] == "fixture/build-one").unwrap();
    assert_eq!(build["proof"], "Built it.");

    let out = ok(&sandbox, &["review", "build-one", "good"]);
    assert!(out.starts_with("Reviewed fixture/build-one: good. Next review: "), "{out}");
    let rows = all_json(&sandbox);
    let build = rows.iter().find(|row| row["id"] == "fixture/build-one").unwrap();
    assert_eq!(build["state"]["reviews"], 1);
    assert_eq!(build["last_rating"], "good");
    let reviewed: chrono::DateTime<chrono::FixedOffset> =
        chrono::DateTime::parse_from_rfc3339(build["last_reviewed"].as_str().unwrap()).unwrap();
    assert_eq!(reviewed.date_naive(), today);
}

#[test]
fn a_review_of_an_item_not_done_or_unknown_or_without_a_rating_is_refused_and_changes_nothing() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "done"]);
    ok(&sandbox, &["mark", "test-one", "learning"]);
    let before = sandbox.progress_text();
    for (args, says) in [
        (&["review", "build-one", "test-one", "good"][..], "fixture/test-one is learning (not done)"),
        (&["review", "no-such-item", "easy"][..], "unknown item"),
        (&["review", "build-one", "great"][..], "\"great\" is not a rating"),
        (&["review", "good"][..], "name the items you reviewed"),
    ] {
        let output = run(&sandbox, args);
        assert!(!output.status.success(), "{args:?} was accepted");
        assert!(stderr(&output).contains(says), "{args:?}: {}", stderr(&output));
    }
    assert_eq!(sandbox.progress_text(), before, "nothing was recorded");
}

#[test]
fn as_of_shows_a_future_days_plan_and_refuses_the_past() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "test-one", "ship-one", "run-one", "observe-one", "recover-one", "done"]);
    let rows = all_json(&sandbox);
    let due = rows[0]["due"].as_str().unwrap();
    let out = ok(&sandbox, &["review", "--as-of", due]);
    assert!(out.starts_with(&format!("Reviews planned for {due}")), "{out}");
    assert!(out.contains(rows[0]["id"].as_str().unwrap()), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&sandbox, &["review", "--as-of", due, "--format", "json"])).unwrap();
    let on_that_day = rows.iter().filter(|row| row["due"] == due).count();
    assert_eq!(json.as_array().unwrap().len(), on_that_day);
    let output = run(&sandbox, &["review", "--as-of", "2020-01-01"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("is before today"), "{}", stderr(&output));
}

#[test]
fn reviews_turned_off_say_so_and_refuse_a_rating_and_settings_out_of_range_are_refused() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "done"]);
    let out = ok(&sandbox, &["review", "--disable"]);
    assert!(out.starts_with("Reviews are off"), "{out}");
    assert!(ok(&sandbox, &["review"]).starts_with("Reviews are off"));
    let output = run(&sandbox, &["review", "build-one", "good"]);
    assert!(stderr(&output).contains("reviews are off"), "{}", stderr(&output));
    let out = ok(&sandbox, &["review", "--enable", "--daily-limit", "8", "--retention", "0.85"]);
    assert_eq!(out.trim(), "Reviews are on: at most 8 a day, each due when recall falls to 85%.");
    let output = run(&sandbox, &["review", "--retention", "1.5"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("outside 0.7..0.97"), "{}", stderr(&output));
    let settings = std::fs::read_to_string(sandbox.data_dir().join("settings.ron")).unwrap();
    assert!(settings.contains("daily_limit: 8") && settings.contains("0.85"), "{settings}");
}

#[test]
fn a_settings_file_with_a_retention_out_of_range_is_reported_and_left_alone() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let path = sandbox.data_dir().join("settings.ron");
    std::fs::write(&path, "(reviews: (retention: 2.0))").unwrap();
    let output = run(&sandbox, &["review"]);
    assert!(stderr(&output).contains("the review retention 2 is outside"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "(reviews: (retention: 2.0))");
}

/// Sixty items ticked tonight: day by day with `--as-of`, each first review is planned once, never more
/// than five on a day, and on most days of the month after.
#[test]
fn sixty_items_ticked_tonight_plan_at_most_five_a_day_with_as_of() {
    let sandbox = Sandbox::new();
    let run_bare = |args: &[&str]| {
        let output = sandbox.bare_cmd().env("TZ", "UTC").args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        stdout(&output)
    };
    let list: serde_json::Value = serde_json::from_str(&run_bare(&["list", "--format", "json"])).unwrap();
    let ids: Vec<&str> = list.as_array().unwrap().iter().take(60).map(|item| item["id"].as_str().unwrap()).collect();
    let mut mark = vec!["mark"];
    mark.extend(&ids);
    mark.push("done");
    run_bare(&mark);
    let today = chrono::Utc::now().date_naive();
    let mut seen = std::collections::BTreeSet::new();
    let mut per_day = Vec::new();
    for days in 0..60 {
        let day = (today + chrono::Days::new(days)).to_string();
        let json: serde_json::Value =
            serde_json::from_str(&run_bare(&["review", "--as-of", &day, "--format", "json"])).unwrap();
        let rows = json.as_array().unwrap();
        per_day.push(rows.len());
        for row in rows {
            assert_eq!(row["due"], day.as_str());
            assert!(seen.insert(row["id"].as_str().unwrap().to_owned()), "planned twice: {row}");
        }
    }
    assert_eq!(seen.len(), 60, "every first review is planned: {per_day:?}");
    assert!(per_day.iter().all(|&count| count <= 5), "{per_day:?}");
    assert_eq!(per_day[0], 0, "none the evening they were ticked");
    assert!(per_day[..31].iter().filter(|&&count| count > 0).count() >= 15, "spread over the month: {per_day:?}");
}

/// Hostile-input review of issue 32: a review dated at the end of time in a journal (a hand edit, another
/// machine) crashed `review`, `summary` and the window with "NaiveDate + Days out of range".
#[test]
fn a_review_dated_at_the_end_of_time_is_no_crash() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "done"]);
    let line =
        "(seq:99,at:\"+262142-12-31T00:00:00Z\",change:Edit(Item((item:\"fixture/build-one\",review:Some(again)))))\n";
    let mut journal = std::fs::read_to_string(sandbox.journal_file()).unwrap();
    journal.push_str(line);
    std::fs::write(sandbox.journal_file(), journal).unwrap();
    for args in [&["review", "--all"][..], &["review"][..], &["summary"][..]] {
        let output = run(&sandbox, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
}

/// Dates are the person's days: in a time zone where today is another day than in UTC, the done date
/// printed is the local one (one of UTC+14 and UTC-12 is always on another day than UTC).
#[test]
fn dates_are_printed_in_the_local_time_zone() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "done"]);
    for (tz, hours) in [("XXX-14", 14), ("XXX+12", -12)] {
        let local = (chrono::Utc::now() + chrono::Duration::hours(hours)).date_naive();
        let output = sandbox.cmd().env("TZ", tz).args(["review", "--all"]).output().unwrap();
        let out = stdout(&output);
        assert!(out.contains(&format!("(done {local})")), "TZ={tz}: {out}");
    }
}

/// A settings flag given with a review or a listing would have dropped the review silently; an item named
/// twice was two reviews.
#[test]
fn a_review_with_a_settings_flag_is_refused_and_an_item_named_twice_is_one_review() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "done"]);
    let output = run(&sandbox, &["review", "build-one", "easy", "--daily-limit", "5"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("cannot be used with"), "{}", stderr(&output));
    ok(&sandbox, &["review", "build-one", "fixture/build-one", "build-one", "good"]);
    let rows = all_json(&sandbox);
    assert_eq!(rows[0]["state"]["reviews"], 1, "{rows:?}");
}

/// Hostile-input review of issue 32: under `--limit` the heading said the number shown as the number
/// due, and an `--as-of` after the last planned day said no item was done.
#[test]
fn the_heading_says_how_many_of_how_many_and_a_day_after_the_plan_names_its_last_day() {
    let sandbox = Sandbox::new();
    ok(&sandbox, &["mark", "build-one", "test-one", "ship-one", "done"]);
    let out = ok(&sandbox, &["review", "--all", "--limit", "2"]);
    assert!(out.starts_with("Every done item and its next review: 3, showing 2."), "{out}");
    let rows = all_json(&sandbox);
    let last = rows.iter().map(|row| row["due"].as_str().unwrap().to_owned()).max().unwrap();
    let out = ok(&sandbox, &["review", "--as-of", "2099-01-01"]);
    assert!(out.contains(&format!("Nothing planned then: the last planned review is on {last}.")), "{out}");
    assert!(!out.contains("no item is done yet"), "{out}");
}
