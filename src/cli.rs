//! The command line's commands: one function per subcommand over plain options (the binary's `main.rs`
//! turns the command line into them). Each loads through [`workspace::open`], asks the core, prints.
//! Errors are returned once and printed by `main`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::catalog::{self, FileProblem};
use crate::filter::{ItemFilter, Scope};
use crate::paths::Locations;
use crate::progress::{Change, Status};
use crate::report::{self, Format, Paper, SummaryOptions};
use crate::score::Assessment;
use crate::store::{self, Store};
use crate::tracker::Tracker;
use crate::workspace;

/// One subcommand and its options.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Summary {
        format: Format,
        paper: Paper,
        output: Option<PathBuf>,
        options: SummaryOptions,
    },
    /// `checklist` is an id, checked against the loaded checklists before it narrows `filter`.
    List {
        filter: ItemFilter,
        checklist: Option<String>,
        format: ListFormat,
    },
    Mark {
        ids: Vec<String>,
        status: Status,
        note: Option<String>,
        evidence: Option<String>,
    },
    Gaps {
        limit: usize,
    },
    Check {
        files: Vec<PathBuf>,
    },
    Backups,
    Restore {
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

/// Exit status of a command that ran: success, or "ran but found problems" (e.g. `check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    ProblemsFound,
}

fn warn_skipped(problems: &[FileProblem]) {
    for problem in problems {
        eprintln!("warning: checklist skipped: {problem}");
    }
    if !problems.is_empty() {
        eprintln!("hint: run `skillgap check` for details; the other checklists were loaded.");
    }
}

/// Opens the catalog and the progress, warning about skipped checklists; an unreadable progress file
/// is an error.
fn open_tracker(locations: &Locations) -> anyhow::Result<Tracker> {
    let workspace = workspace::open(locations);
    warn_skipped(&workspace.skipped);
    match workspace.unreadable {
        Some(err) => Err(err.into()),
        None => Ok(workspace.tracker),
    }
}

/// The index of the checklist with this id, or an error that lists the loaded ones.
fn checklist_named(catalog: &catalog::Catalog, id: &str) -> anyhow::Result<usize> {
    catalog.checklist_index(id).with_context(|| {
        let known: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
        format!("there is no checklist {id:?}; the loaded checklists are: {}", known.join(", "))
    })
}

/// Runs one subcommand.
pub fn run(locations: &Locations, command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Summary { format, paper, output, options } => {
            summary(locations, format, paper, &options, output.as_deref())
        }
        Command::List { filter, checklist, format } => list(locations, filter, checklist.as_deref(), format),
        Command::Mark { ids, status, note, evidence } => mark(locations, &ids, status, note, evidence),
        Command::Gaps { limit } => gaps(locations, limit),
        Command::Check { files } => Ok(check(locations, &files)),
        Command::Backups => backups(locations),
        Command::Restore { file } => restore(locations, &file),
    }
}

fn summary(
    locations: &Locations,
    format: Format,
    paper: Paper,
    options: &SummaryOptions,
    output: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(id) = &options.checklist {
        checklist_named(catalog, id)?;
    }
    let summary = report::summarize(catalog, progress, options, chrono::Utc::now());
    let bytes = report::render(&summary, format, paper)?;
    match output {
        Some(path) => {
            if let Some(written) = store::write_output(path, &bytes, &locations.data_dir)? {
                eprintln!("Wrote {}", written.display());
            }
        }
        None => print_stdout(&bytes)?,
    }
    Ok(Outcome::Success)
}

/// Prints to stdout; a closed pipe (`skillgap list | head`) is not an error worth a message.
fn print_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err).context("cannot write to standard output"),
        _ => Ok(()),
    }
}

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Done => "[x]",
        Status::Learning => "[~]",
        Status::Skipped => "[-]",
        Status::Todo => "[ ]",
    }
}

fn list(
    locations: &Locations,
    mut filter: ItemFilter,
    checklist: Option<&str>,
    format: ListFormat,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(id) = checklist {
        filter.scope = Scope::Checklist(checklist_named(catalog, id)?);
    }
    let assessment = Assessment::of(catalog, progress);
    let matching = filter.matching(catalog, &assessment.statuses);
    let matching = matching.iter().map(|&index| (&catalog.items[index], assessment.statuses[index]));
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = matching
                .map(|(item, item_status)| {
                    let checklist = &catalog.checklists[item.checklist];
                    serde_json::json!({
                        "id": item.full_id,
                        "checklist": checklist.id,
                        "section": checklist.sections[item.section].id,
                        "title": item.title,
                        "stage": item.stage.id(),
                        "weight": item.weight.id(),
                        "status": item_status.id(),
                        "description": item.description,
                        "proof": item.proof,
                        "resources": item.resources,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rows)?;
            out.push('\n');
        }
        ListFormat::Text => {
            let mut count = 0;
            for (item, item_status) in matching {
                count += 1;
                out.push_str(&format!(
                    "{} {:<44} {:<8} {:<12} {}\n",
                    status_mark(item_status),
                    item.full_id,
                    item.stage.name(),
                    item.weight.name(),
                    item.title
                ));
            }
            if count == 0 {
                eprintln!("No items match.");
            }
        }
    }
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

fn mark(
    locations: &Locations,
    ids: &[String],
    status: Status,
    note: Option<String>,
    evidence: Option<String>,
) -> anyhow::Result<Outcome> {
    if let Some(link) = &evidence
        && !link.trim().is_empty()
        && !catalog::validate::is_http_url(link.trim())
    {
        bail!("the evidence link {link:?} is not an http(s) URL; give a link such as https://github.com/you/project");
    }
    let mut tracker = open_tracker(locations)?;
    let catalog = tracker.catalog();
    let mut changes = Vec::with_capacity(ids.len());
    let mut errors = Vec::new();
    for id in ids {
        match catalog.resolve(id) {
            Ok(index) => changes.push(Change {
                item: catalog.items[index].full_id.clone(),
                status: Some(status),
                note: note.clone(),
                evidence: evidence.clone(),
                undo: false,
            }),
            Err(err) => errors.push(err.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!("{}\nNothing was changed.", errors.join("\n"));
    }
    let titles: Vec<String> = changes
        .iter()
        .filter_map(|c| catalog.item_index(&c.item).map(|i| format!("{} ({})", catalog.items[i].title, c.item)))
        .collect();
    let changed = tracker.apply(&changes)?;
    for title in titles {
        println!("{}: {title}", status.id());
    }
    if changed < changes.len() {
        eprintln!("{} of {} items already had that status.", changes.len() - changed, changes.len());
    }
    Ok(Outcome::Success)
}

fn gaps(locations: &Locations, limit: usize) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(locations)?;
    let catalog = tracker.catalog();
    let assessment = Assessment::of(catalog, tracker.progress());
    let gaps = &assessment.gaps;
    let mut out = format!("Readiness {:.0}/100. {}\n\n", assessment.score.readiness, assessment.explanation(catalog));
    if gaps.is_empty() {
        out.push_str("No gaps: every applicable item is done.\n");
    } else if gaps[0].gain <= 0.0 {
        out.push_str(
            "Several stages are still at 0%, so no single item raises readiness yet: the weakest stages' \
core items come first.\n\n",
        );
    }
    for gap in gaps.iter().take(limit) {
        let item = &catalog.items[gap.item];
        out.push_str(&format!(
            "+{:>5.1}  {:<8} {:<12} {:<44} {}\n",
            gap.gain,
            item.stage.name(),
            item.weight.name(),
            item.full_id,
            item.title
        ));
    }
    if gaps.len() > limit {
        out.push_str(&format!("\n{} more; show them with --limit {}\n", gaps.len() - limit, gaps.len()));
    }
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

fn check(locations: &Locations, files: &[PathBuf]) -> Outcome {
    let (problems, checked) = if files.is_empty() {
        let (catalog, found) = catalog::load_catalog(&locations.checklist_dirs);
        println!("{} checklists loaded, {} items.", catalog.checklists.len(), catalog.items.len());
        let builtin = catalog::BUILTIN_CHECKLISTS.len();
        let yours = catalog::user_checklist_files(&locations.checklist_dirs).0.len();
        (found, format!("{} checklist files ({builtin} built in, {yours} of yours)", builtin + yours))
    } else {
        (check_files(files), format!("{} checklist file(s)", files.len()))
    };
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.is_empty() {
        println!("No problems found.");
        Outcome::Success
    } else {
        eprintln!("{} problem(s) found in {checked}.", problems.len());
        Outcome::ProblemsFound
    }
}

/// Validates the named checklist files on their own, then against the built-in lists and each other (ids
/// used twice, aliases that name an existing item). Prints a line for each file that passes.
fn check_files(files: &[PathBuf]) -> Vec<FileProblem> {
    let mut problems = Vec::new();
    let mut parsed: Vec<(catalog::ChecklistFile, String)> = Vec::new();
    for path in files {
        let name = path.display().to_string();
        match catalog::read_checklist_file(path)
            .map_err(|p| vec![p])
            .and_then(|text| catalog::parse_checklist(&name, &text))
        {
            Ok(file) => parsed.push((file, name)),
            Err(found) => problems.extend(found),
        }
    }
    let builtin: Vec<_> = catalog::BUILTIN_CHECKLISTS
        .iter()
        .filter_map(|(name, text)| catalog::parse_checklist(name, text).ok())
        .collect();
    let ids = catalog::full_ids(builtin.iter().chain(parsed.iter().map(|(file, _)| file)));
    for (index, (file, name)) in parsed.iter().enumerate() {
        let mut found = Vec::new();
        if let Some((_, other)) = parsed[..index].iter().find(|(earlier, _)| earlier.id == file.id) {
            found.push(format!("checklist id {:?} is also used by {other}", file.id));
        }
        found.extend(catalog::stolen_alias(file, &ids));
        if found.is_empty() {
            let items: usize = file.sections.iter().map(|s| s.items.len()).sum();
            println!("{name}: ok ({} sections, {items} items)", file.sections.len());
        }
        problems.extend(found.into_iter().map(|message| FileProblem { file: name.clone(), pos: None, message }));
    }
    problems
}

fn backups(locations: &Locations) -> anyhow::Result<Outcome> {
    let store = Store::new(&locations.data_dir);
    let found = store.backups();
    if found.is_empty() {
        println!("No backups yet in {}. One is kept each time progress is saved.", store.dir().display());
        return Ok(Outcome::Success);
    }
    for backup in found {
        let when =
            backup.modified.map_or_else(|| "unknown time".to_owned(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string());
        println!("{when}  {:>9} bytes  {}", backup.bytes, backup.path.display());
    }
    println!("\nRestore one with: skillgap restore FILE");
    Ok(Outcome::Success)
}

fn restore(locations: &Locations, file: &Path) -> anyhow::Result<Outcome> {
    let mut store = Store::new(&locations.data_dir);
    let restored = store.restore(file)?;
    println!(
        "Restored {} ({} items with progress, {} history events) to {}.",
        file.display(),
        restored.items.len(),
        restored.history.len(),
        store.path().display()
    );
    Ok(Outcome::Success)
}
