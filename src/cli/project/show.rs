//! `project list|show|scan|summary`: what the person's projects are, what their folders hold, their story.

use std::path::Path;

use anyhow::{Context as _, bail};

use super::super::{ListFormat, Outcome, open_tracker, print_stdout, write_report};
use crate::catalog::Catalog;
use crate::paths::Locations;
use crate::progress::Status;
use crate::project::{Project, ProjectChange, ReadingSource, assess, credits, find_project, resolve_item};
use crate::report::project::{project_story, render_story, render_story_text};
use crate::report::{Format, Paper};
use crate::scan::{self, Proposal, ScanError};
use crate::tracker::Tracker;

/// "Tuition centre: Level 3, Runs in production. Limited by ...", on stdout.
pub(super) fn print_headline(tracker: &Tracker, project_id: &str) -> anyhow::Result<()> {
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(project) = progress.project(project_id)
        && let Some(assessed) = assess(catalog, project)
    {
        say!("{}", crate::safe_text::for_terminal(&assessed.headline(catalog, project), false));
    }
    Ok(())
}

pub(super) fn list(locations: &Locations, format: ListFormat) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let (catalog, projects) = (tracker.catalog(), &tracker.progress().projects);
    let rows: Vec<serde_json::Value> = projects
        .iter()
        .map(|project| {
            let score = assess(catalog, project).map(|a| a.assessment.score);
            serde_json::json!({
                "id": project.id,
                "name": project.name,
                "repository": project.repository,
                "folder": project.folder,
                "checklist": project.checklist,
                "readiness": score.as_ref().map(|s| s.readiness),
                "level": score.as_ref().map(|s| s.level.number()),
                "level_name": score.as_ref().map(|s| format!("{}{}", s.level.name(), s.except_clause(catalog))),
                "done": score.as_ref().map(|s| s.done),
                "applicable": score.as_ref().map(|s| s.applicable),
            })
        })
        .collect();
    let out = match format {
        ListFormat::Json => serde_json::to_string_pretty(&rows)? + "\n",
        ListFormat::Text if projects.is_empty() => {
            "No projects yet. Add one with `skillgap project add NAME --folder DIR`.\n".to_owned()
        }
        ListFormat::Text => projects.iter().map(|project| list_line(catalog, project)).collect(),
    };
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

fn list_line(catalog: &Catalog, project: &Project) -> String {
    let name = crate::safe_text::for_terminal(&project.name, false);
    match assess(catalog, project).map(|a| a.assessment.score) {
        // The Core item the level lets pass goes on a line of its own, so the columns stay aligned.
        Some(score) => format!(
            "{name:<28} {:>3.0}/100  Level {}: {:<20} {}/{} done  ({})\n{}",
            score.readiness,
            score.level.number(),
            score.level.name(),
            score.done,
            score.applicable,
            project.id,
            match score.except_clause(catalog).strip_prefix(", ") {
                Some(except) => format!("{:<38}{except}\n", ""),
                None => String::new(),
            },
        ),
        None => format!("{name:<28} its checklist {:?} is not loaded  ({})\n", project.checklist, project.id),
    }
}

pub(super) fn show(locations: &Locations, query: &str, format: ListFormat) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    let project = find_project(progress, query)?;
    let story = project_story(catalog, project, chrono::Utc::now())
        .with_context(|| format!("the checklist {:?} of {} is not loaded", project.checklist, project.name))?;
    let proven: Vec<serde_json::Value> = credits(catalog, std::slice::from_ref(project))
        .iter()
        .map(|credit| {
            let skill = &catalog.items[credit.skill];
            serde_json::json!({
                "skill": skill.full_id,
                "title": skill.title,
                "by": catalog.items[credit.item].full_id,
                "evidence": credit.evidence,
                "done": progress.status(skill) == Status::Done,
            })
        })
        .collect();
    let out = match format {
        ListFormat::Json => {
            let value = serde_json::json!({
                "id": project.id, "folder": project.folder, "story": story, "proves": proven, "readings": project.readings,
            });
            serde_json::to_string_pretty(&value)? + "\n"
        }
        ListFormat::Text => {
            let mut text = render_story_text(&story);
            if !proven.is_empty() {
                text.push_str(&format!(
                    "\nIt proves these skills of yours (accept them with `skillgap project accept {:?} --all`):\n",
                    project.id
                ));
                for row in &proven {
                    let mark = if row["done"] == true { "[x]" } else { "[ ]" };
                    let (id, title) = (row["skill"].as_str().unwrap_or(""), row["title"].as_str().unwrap_or(""));
                    text.push_str(&format!("  {mark} {id:<40} {title}\n"));
                }
            }
            let readings = project.readings_lines(catalog, 8);
            if let Some((movement, rest)) = readings.split_first() {
                text.push_str(&format!("\nReadiness over time: {movement}\n"));
                text.extend(rest.iter().map(|line| format!("  {}\n", crate::safe_text::for_terminal(line, false))));
            }
            text
        }
    };
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

pub(super) fn scan(
    locations: &Locations,
    query: &str,
    accept: &[String],
    accept_all: bool,
    format: ListFormat,
) -> anyhow::Result<Outcome> {
    let mut tracker = open_tracker(locations)?;
    let project = find_project(tracker.progress(), query)?.clone();
    if project.folder.is_empty() {
        return Err(ScanError::NoFolder.into());
    }
    let started = std::time::Instant::now();
    let found = scan::scan(Path::new(&project.folder))?;
    let elapsed = started.elapsed();
    let catalog = tracker.catalog();
    let proposals = scan::proposals(catalog, &project, &found);
    // Accept all takes only what a file proves in full; a part waits for the person to say so.
    let chosen: Vec<&Proposal> = if accept_all {
        proposals.iter().filter(|p| p.proof == scan::Proof::Full).collect()
    } else {
        let mut chosen = Vec::new();
        for query in accept {
            let full_id = &catalog.items[resolve_item(catalog, &project, query)?].full_id;
            match proposals.iter().find(|p| &p.item == full_id) {
                Some(proposal) => chosen.push(proposal),
                None => bail!("the scan proposes nothing for {full_id}; its proposals are listed without --accept"),
            }
        }
        chosen
    };
    let changes: Vec<ProjectChange> = chosen.iter().map(|p| p.accept(&project)).collect();
    let accepted: Vec<Proposal> = chosen.into_iter().cloned().collect();
    let chosen: Vec<&Proposal> = accepted.iter().collect();
    tracker.apply(&changes)?;
    let gone = super::share::record_reading(&mut tracker, &project.id, ReadingSource::Scan)?;
    let out = match format {
        ListFormat::Json => {
            let accepted: Vec<&str> = chosen.iter().map(|p| p.item.as_str()).collect();
            let unseen = scan::unseen_items(tracker.catalog(), &project);
            let value = serde_json::json!({
                "scan": found, "proposals": proposals, "accepted": accepted, "cannot_be_seen_in_files": unseen,
                "evidence_gone": gone,
            });
            serde_json::to_string_pretty(&value)? + "\n"
        }
        ListFormat::Text => {
            let mut text = scan_text(tracker.catalog(), (&project, &found, elapsed), &proposals, &chosen);
            text.push_str(&super::share::gone_text(
                &gone,
                "they still count here; mark them again with evidence that is there",
            ));
            text
        }
    };
    print_stdout(out.as_bytes())?;
    if !chosen.is_empty() && format == ListFormat::Text {
        print_headline(&tracker, &project.id)?;
    }
    Ok(Outcome::Success)
}

fn scan_text(
    catalog: &Catalog,
    (project, found, elapsed): (&Project, &scan::Scan, std::time::Duration),
    proposals: &[Proposal],
    chosen: &[&Proposal],
) -> String {
    let t = |text: &str| crate::safe_text::for_terminal(text, false).into_owned();
    let mut out = format!("Scanned {}: {}.\n", t(&project.folder), scan_counts(found, elapsed));
    if proposals.is_empty() {
        out.push_str("Nothing to propose: no file proves an item that is still open.\n");
    }
    for proposal in proposals {
        let accepted = chosen.iter().any(|c| c.item == proposal.item);
        let title = catalog.item_index(&proposal.item).map_or("", |i| catalog.items[i].title.as_str());
        out.push_str(&format!("{} {}  {}\n", if accepted { "[x]" } else { "[?]" }, proposal.item, t(title)));
        let proof = match proposal.proof {
            scan::Proof::Full => "proves it",
            scan::Proof::Partial => "a part of it",
        };
        out.push_str(&format!("      {proof}: {}\n", t(&proposal.finding.sentence())));
        out.push_str(&format!("      {}   {}\n", t(&proposal.evidence), t(&proposal.finding.excerpt)));
        if proposal.more_files > 0 {
            out.push_str(&format!("      and {} more {}\n", proposal.more_files, plural(proposal.more_files, "file")));
        }
    }
    out.push_str(&unseen_and_dangers(catalog, project, found));
    let partial =
        proposals.iter().filter(|p| p.proof == scan::Proof::Partial && !chosen.iter().any(|c| c.item == p.item));
    let left = partial.count();
    if chosen.is_empty() && !proposals.is_empty() {
        out.push_str(&format!(
            "\nNothing was ticked. Accept a proposal with `skillgap project scan {:?} --accept ITEM`, or every full one with --accept-all.\n",
            project.id
        ));
    } else if !chosen.is_empty() {
        out.push_str(&format!(
            "\nAccepted {} {}, each line as its evidence.",
            chosen.len(),
            plural(chosen.len(), "proposal")
        ));
        if left > 0 {
            out.push_str(&format!(
                " {left} {} only a part of an item and {} left for you: accept one with --accept ITEM to mark it doing, with what is missing as its note.",
                if left == 1 { "proves" } else { "prove" },
                if left == 1 { "is" } else { "are" },
            ));
        }
        out.push('\n');
    }
    out
}

/// "212 files in 0.02 s, 2 links not followed", and what the scan left out.
fn scan_counts(found: &scan::Scan, elapsed: std::time::Duration) -> String {
    let mut parts = vec![
        format!("{} files in {:.2} s", found.files, elapsed.as_secs_f64()),
        format!("{} links not followed", found.links_skipped),
    ];
    parts.extend(found.left_out());
    parts.join(", ")
}

fn unseen_and_dangers(catalog: &Catalog, project: &Project, found: &scan::Scan) -> String {
    let t = |text: &str| crate::safe_text::for_terminal(text, false).into_owned();
    let mut out = String::new();
    let unseen = scan::unseen_items(catalog, project);
    if !unseen.is_empty() {
        out.push_str(&format!("Cannot be seen in files, mark them yourself: {}.\n", t(&unseen.join("; "))));
    }
    if !found.security.is_empty() {
        // The unsafe first; a long list is cut, its count said.
        const SHOWN: usize = 10;
        out.push_str("Security seen in the files (no item asks for it; look at the [!] ones):\n");
        for signal in found.security.iter().take(SHOWN) {
            let mark = if signal.good { "[ok]" } else { "[!] " };
            out.push_str(&format!("  {mark} {}  {}\n", t(&signal.evidence), t(&signal.what)));
        }
        if found.security.len() > SHOWN {
            out.push_str(&format!("  and {} more (--format json lists them all)\n", found.security.len() - SHOWN));
        }
    }
    for danger in &found.dangers {
        out.push_str(&format!(
            "Danger: {} runs a pull request's code with the repository's secrets (pull_request_target with a checkout of the pull request's head).\n",
            t(danger)
        ));
    }
    out
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 { word.to_owned() } else { format!("{word}s") }
}

pub(super) fn summary(
    locations: &Locations,
    query: &str,
    format: Format,
    paper: Paper,
    output: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let project = find_project(tracker.progress(), query)?;
    let story = project_story(tracker.catalog(), project, chrono::Utc::now())
        .with_context(|| format!("the checklist {:?} of {} is not loaded", project.checklist, project.name))?;
    let bytes = render_story(&story, format, paper)?;
    write_report(&bytes, output, locations)?;
    Ok(Outcome::Success)
}
