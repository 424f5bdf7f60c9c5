//! `project export` and `project check`: a project's readiness kept in its own repository
//! (`.skillgap/project.ron`) and checked there, in CI, with no data folder.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::Utc;

use super::super::{ListFormat, Outcome, open_tracker, print_stdout, warn_skipped};
use crate::catalog::{self, Catalog};
use crate::paths::Locations;
use crate::project::check::{Checked, GoneEvidence, check as check_project};
use crate::project::export::{PROJECT_FILE, ProjectFile, export_text};
use crate::project::{ProjectChange, Reading, ReadingSource, assess, find_project, reading_of};
use crate::report::project::{ProjectStory, project_story, render_story_text};
use crate::safe_text::for_terminal;
use crate::scan::load_project_file;
use crate::scan::{self, Scan};
use crate::store::{Store, write_output, write_project_file};
use crate::tracker::Tracker;

/// Writes the project's statuses, notes and evidence to `FOLDER/.skillgap/project.ron` (or `output`).
pub(super) fn export(locations: &Locations, query: &str, output: Option<&Path>) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let project = find_project(tracker.progress(), query)?;
    let (text, items) = export_text(tracker.catalog(), project).map_err(anyhow::Error::msg)?;
    let written = match (output, project.folder.is_empty()) {
        // Another file is written as a report is, through `--output`'s rules.
        (Some(path), _) => write_output(path, text.as_bytes(), &locations.data_dir)?,
        (None, false) => Some(write_project_file(Path::new(&project.folder), &text)?),
        (None, true) => bail!(
            "{} has no folder to export into; give it one with `skillgap project edit {} --folder DIR`, or name a file \
             with --output FILE",
            project.name,
            project.id
        ),
    };
    if let Some(written) = written {
        eprintln!("Wrote {} ({items} {}).", written.display(), if items == 1 { "item" } else { "items" });
        eprintln!(
            "Commit it; `skillgap project check` reads it in CI, `skillgap project add --folder DIR` on another machine."
        );
    }
    Ok(Outcome::Success)
}

/// Warns of the project file's keys no item of `checklist` has: the first ten, and how many more.
pub(super) fn warn_unknown(unknown: &[String], checklist: &str) {
    for key in unknown.iter().take(10) {
        let key = for_terminal(key, false);
        eprintln!("warning: {PROJECT_FILE} names {key:?}, which {checklist} has no item for; it is left out");
    }
    if unknown.len() > 10 {
        eprintln!("warning: and {} more such names in {PROJECT_FILE}", unknown.len() - 10);
    }
}

/// Records where the project stands now, measured `by` a scan or check of its folder, and returns the
/// evidence gone from that folder.
pub(super) fn record_reading(tracker: &mut Tracker, id: &str, by: ReadingSource) -> anyhow::Result<Vec<GoneEvidence>> {
    let Some(project) = tracker.progress().projects.iter().find(|p| p.id == id) else { return Ok(Vec::new()) };
    let measured = reading_of(tracker.catalog(), project, by, Utc::now());
    let Some((reading, gone)) = measured else { return Ok(Vec::new()) };
    tracker.apply(&[ProjectChange::Record { project: id.to_owned(), reading }])?;
    Ok(gone)
}

/// "Evidence gone from the folder: …", one line each, and what it means (`consequence`); empty for none.
pub(super) fn gone_text(gone: &[GoneEvidence], consequence: &str) -> String {
    if gone.is_empty() {
        return String::new();
    }
    let mut out = format!("\nEvidence gone from the folder ({consequence}):\n");
    for gone in gone {
        let (evidence, title) = (for_terminal(&gone.evidence, false), for_terminal(&gone.title, false));
        out.push_str(&format!("  evidence gone: {evidence}  ({title}, was {})\n", gone.was));
    }
    out
}

/// What `project check` was asked: the folder, the level a CI gate needs, and how to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRequest {
    pub folder: PathBuf,
    pub min_level: Option<u8>,
    pub format: ListFormat,
}

/// The readiness of the project in `folder`, from its project file and a scan. Exit 1 below
/// `min_level`; exit 2, with a message, on input that cannot be checked.
pub(super) fn check(locations: &Locations, request: &CheckRequest) -> anyhow::Result<Outcome> {
    match checked(locations, request) {
        Ok(outcome) => Ok(outcome),
        Err(err) => {
            eprintln!("error: {err:#}");
            Ok(Outcome::InvalidInput)
        }
    }
}

fn checked(locations: &Locations, request: &CheckRequest) -> anyhow::Result<Outcome> {
    let folder = PathBuf::from(scan::project_folder(&request.folder)?);
    let file_path = folder.join(PROJECT_FILE);
    let file = load_project_file(&folder)?;
    let (catalog, skipped) = catalog::load_catalog(&locations.checklist_dirs);
    warn_skipped(&skipped);
    if let Some(file) = &file
        && catalog.checklist_index(&file.checklist).is_none()
    {
        let known: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
        bail!(
            "{}: the checklist {:?} is not loaded, so the project cannot be scored; the loaded checklists are: {}",
            file_path.display(),
            file.checklist,
            known.join(", ")
        );
    }
    let found = scan::scan(&folder)?;
    let folder_name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let now = Utc::now();
    let exists = |path: &str| scan::is_in_folder(&folder, path);
    let result = check_project(&catalog, file.as_ref(), &folder_name, &found, exists, now)
        .map_err(|problem| anyhow::anyhow!("{}: {problem}", file_path.display()))?;
    warn_unknown(&result.unknown, &result.project.checklist);
    let story = project_story(&catalog, &result.project, now).context("the project's checklist is not loaded")?;
    if let Some(assessed) = assess(&catalog, &result.project) {
        let reading = Reading::of(&assessed.assessment.score, ReadingSource::Check, &result.gone, now);
        record_check((locations, &catalog), (&folder, &result.project.checklist), reading);
    }
    let passed = request.min_level.is_none_or(|min| story.level >= min);
    let out = match request.format {
        ListFormat::Json => {
            let sources = (folder.as_path(), file.is_some(), &found);
            serde_json::to_string_pretty(&check_json(sources, &result, &story, request.min_level, passed))? + "\n"
        }
        ListFormat::Text => check_text((&folder, file.as_ref(), &found), &result, &story, request.min_level),
    };
    print_stdout(out.as_bytes())?;
    Ok(if passed { Outcome::Success } else { Outcome::ProblemsFound })
}

/// Keeps a check's reading in the person's project of this folder, if they have one: a machine with no
/// progress file (a CI runner) gets nothing written. A failure to record is said, and the check stands.
/// The checklists the check loaded are the tracker's: they are not read twice.
fn record_check((locations, catalog): (&Locations, &Catalog), (folder, checklist): (&Path, &str), reading: Reading) {
    let store = Store::of(locations);
    if !store.has_progress() {
        return;
    }
    let Ok(mut tracker) = Tracker::open(catalog.clone(), store) else { return };
    let folder = folder.to_string_lossy();
    // The projects of this folder scored against the checklist the check used: a reading of another
    // checklist's items would say nothing true of them.
    let records: Vec<ProjectChange> = tracker
        .progress()
        .projects
        .iter()
        .filter(|p| p.folder == folder && p.checklist == checklist)
        .map(|p| ProjectChange::Record { project: p.id.clone(), reading: reading.clone() })
        .collect();
    if let Err(err) = tracker.apply(&records) {
        eprintln!("warning: the check was not recorded in your projects: {err}");
    }
}

fn check_json(
    (folder, has_file, found): (&Path, bool, &Scan),
    result: &Checked,
    story: &ProjectStory,
    min_level: Option<u8>,
    passed: bool,
) -> serde_json::Value {
    serde_json::json!({
        "folder": folder,
        "project_file": has_file.then_some(PROJECT_FILE),
        "files_scanned": found.files,
        "not_read": found.left_out(),
        "name": story.name,
        "checklist": result.project.checklist,
        "readiness": story.readiness,
        "level": story.level,
        "level_name": story.level_name,
        "next_level": story.next_level,
        "done": story.done,
        "applicable": story.applicable,
        "min_level": min_level,
        "passed": passed,
        "evidence_gone": result.gone,
        "from_scan": result.from_scan,
        "unknown_items": result.unknown,
        "story": story,
    })
}

fn check_text(
    (folder, file, found): (&Path, Option<&ProjectFile>, &Scan),
    result: &Checked,
    story: &ProjectStory,
    min_level: Option<u8>,
) -> String {
    let t = |text: &str| for_terminal(text, false).into_owned();
    let source = match file {
        Some(file) => format!("{PROJECT_FILE} ({} items) and a scan", file.items.len()),
        None => format!("a scan alone (no {PROJECT_FILE}: `skillgap project export` writes one)"),
    };
    let mut out = format!("Checked {} from {source} of {} files.\n\n", t(&folder.display().to_string()), found.files);
    out.push_str(&render_story_text(story));
    out.push_str(&gone_text(&result.gone, "they do not count"));
    if !result.from_scan.is_empty() {
        let what = if file.is_some() { format!("not marked in {PROJECT_FILE}") } else { "proven in full".to_owned() };
        out.push_str(&format!("\nCounted from the scan ({what}):\n"));
        for found in &result.from_scan {
            out.push_str(&format!("  {}  {}\n", t(&found.evidence), t(&found.title)));
        }
    }
    let left_out = found.left_out();
    if !left_out.is_empty() {
        out.push_str(&format!("Not read: {}.\n", left_out.join(", ")));
    }
    if let Some(min) = min_level {
        let verdict = if story.level >= min { "passed" } else { "failed" };
        out.push_str(&format!("\nLevel {} against --min-level {min}: {verdict}.\n", story.level));
    }
    out
}
