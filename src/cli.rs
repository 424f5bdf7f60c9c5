//! The command line: clap types and one function per subcommand. Each is a thin shell over the core:
//! it loads, asks the core, prints. Errors are returned once and printed by `main`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::Stage;
use crate::cache::ParseCache;
use crate::catalog::{self, Catalog, Detail, FileProblem};
use crate::paths;
use crate::progress::{Change, Status};
use crate::report::{self, Format, Paper, SummaryOptions};
use crate::score;
use crate::store::{self, Store};
use crate::tracker::Tracker;

#[derive(Debug, Parser)]
#[command(
    name = "skillgap",
    version,
    about = "See which DevOps and software-engineering basics you still miss, across the whole lifecycle.",
    long_about = "See which DevOps and software-engineering basics you still miss, across the whole lifecycle: \
build, test, ship, run, observe, recover.\n\nWith no command, skillgap opens its window.",
    after_help = "Progress lives in progress.ron in the data folder (on Linux ~/.local/share/skillgap). \
Your own checklists go in the config folder's checklists/ (on Linux ~/.config/skillgap/checklists)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(flatten)]
    pub window: WindowArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Folder of the progress file (default: the platform's data folder).
    #[arg(long, global = true, value_name = "DIR", env = paths::DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,

    /// Also load every *.ron checklist in DIR (may be repeated).
    #[arg(long = "checklists", global = true, value_name = "DIR")]
    pub checklists: Vec<PathBuf>,
}

/// Options of the window (no subcommand).
#[derive(Debug, Clone, Args)]
pub struct WindowArgs {
    /// Open the window, let it settle, save a PNG of it to FILE and exit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,

    /// The view to show first.
    #[arg(long, value_enum, value_name = "VIEW")]
    pub view: Option<ViewArg>,

    /// Window size in points, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(f32, f32)>,

    /// Print on stderr how long after start the first frame was painted (for benchmarks).
    #[arg(long)]
    pub print_startup_time: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Checklists,
    Gaps,
    Progress,
    Summary,
}

fn parse_size(text: &str) -> Result<(f32, f32), String> {
    let (w, h) = text.split_once(['x', 'X']).ok_or("expected WIDTHxHEIGHT, e.g. 1280x800")?;
    let parse = |v: &str| v.trim().parse::<f32>().ok().filter(|v| (200.0..=8000.0).contains(v));
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err("width and height must be numbers from 200 to 8000, e.g. 1280x800".to_owned()),
    }
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|err| format!("{err}; write the date as YYYY-MM-DD, e.g. 2026-11-01"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the progress summary: readiness, level, stages, checklists, top gaps, recent work.
    Summary {
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Write to FILE (replaced atomically) instead of standard output. Required for PDF.
        #[arg(long, short, value_name = "FILE", required_if_eq("format", "pdf"))]
        output: Option<PathBuf>,
        /// Page size of a PDF.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// Your name, shown at the top.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Add each item's note and evidence link.
        #[arg(long)]
        with_notes: bool,
        /// Only this checklist (by id) in the checklists, gaps and lists; the score stays overall.
        #[arg(long, value_name = "ID")]
        checklist: Option<String>,
        /// Add "done since DATE" (YYYY-MM-DD): what you learned this month.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
    },
    /// List items with their status.
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        #[arg(long, value_enum)]
        stage: Option<StageArg>,
        /// Only items of this checklist id.
        #[arg(long, value_name = "ID")]
        checklist: Option<String>,
        /// Only items whose id, title or description contains TEXT (any case).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Set the status of one or more items: `skillgap mark linux-shell docker-image done`.
    Mark {
        /// Item ids (full `checklist/item`, or the item id when it is unique).
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// todo, learning, done or skipped.
        #[arg(value_enum, value_name = "STATUS")]
        status: StatusArg,
        /// Set the note of each item.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Set the evidence link (an http(s) URL to something you built).
        #[arg(long, value_name = "URL")]
        evidence: Option<String>,
    },
    /// The ranked gaps: open items with the readiness each would add.
    Gaps {
        #[arg(long, default_value_t = 10, value_name = "N")]
        limit: usize,
    },
    /// Validate checklist files (all loaded ones when none is named).
    Check {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the backups of the progress file, newest first.
    Backups,
    /// Replace the progress file with a backup (the current file is kept as a backup first).
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Markdown,
    Html,
    Json,
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(value: FormatArg) -> Format {
        match value {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl From<PaperArg> for Paper {
    fn from(value: PaperArg) -> Paper {
        match value {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Todo,
    Learning,
    Done,
    Skipped,
}

impl From<StatusArg> for Status {
    fn from(value: StatusArg) -> Status {
        match value {
            StatusArg::Todo => Status::Todo,
            StatusArg::Learning => Status::Learning,
            StatusArg::Done => Status::Done,
            StatusArg::Skipped => Status::Skipped,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StageArg {
    Build,
    Test,
    Ship,
    Run,
    Observe,
    Recover,
}

impl From<StageArg> for Stage {
    fn from(value: StageArg) -> Stage {
        match value {
            StageArg::Build => Stage::Build,
            StageArg::Test => Stage::Test,
            StageArg::Ship => Stage::Ship,
            StageArg::Run => Stage::Run,
            StageArg::Observe => Stage::Observe,
            StageArg::Recover => Stage::Recover,
        }
    }
}

/// Exit status of a command that ran: success, or "ran but found problems" (e.g. `check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    ProblemsFound,
}

/// Loads the catalog from the built-ins and the user's folders; warns on stderr about skipped files.
pub fn load_catalog(global: &GlobalArgs, detail: Detail) -> Catalog {
    let dirs = paths::checklist_dirs(&global.checklists);
    let (catalog, problems) = catalog::load_catalog_cached(&dirs, &cache(global), detail);
    warn_skipped(&problems);
    catalog
}

/// The parse cache in the data folder (none when there is no data folder).
fn cache(global: &GlobalArgs) -> ParseCache {
    paths::data_dir(global.data_dir.clone()).map_or_else(|_| ParseCache::off(), |dir| store::parse_cache(&dir))
}

fn warn_skipped(problems: &[FileProblem]) {
    for problem in problems {
        eprintln!("warning: checklist skipped: {problem}");
    }
    if !problems.is_empty() {
        eprintln!("hint: run `skillgap check` for details; the other checklists were loaded.");
    }
}

pub fn open_tracker(global: &GlobalArgs, detail: Detail) -> anyhow::Result<Tracker> {
    let (catalog, store) = catalog_and_store(global, detail)?;
    Ok(Tracker::open(catalog, store)?)
}

/// [`open_tracker`] for commands that only show the current state: it skips reading the history.
fn open_tracker_to_show(global: &GlobalArgs, detail: Detail) -> anyhow::Result<Tracker> {
    let (catalog, store) = catalog_and_store(global, detail)?;
    Ok(Tracker::open_without_history(catalog, store)?)
}

fn catalog_and_store(global: &GlobalArgs, detail: Detail) -> anyhow::Result<(Catalog, Store)> {
    let catalog = load_catalog(global, detail);
    let dir = paths::data_dir(global.data_dir.clone())?;
    Ok((catalog, Store::new(dir)))
}

/// Leaves what a command built to the end of the process instead of freeing it piece by piece:
/// the process ends right after, and freeing 10,000 items' strings one by one took over a millisecond.
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Runs one subcommand.
pub fn run(global: &GlobalArgs, command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Summary { format, output, paper, name, with_notes, checklist, since } => {
            let options = SummaryOptions { name, with_notes, checklist, since };
            summary(global, format.into(), paper.into(), &options, output.as_deref())
        }
        Command::List { status, stage, checklist, search, format } => {
            list(global, status.map(Into::into), stage.map(Into::into), checklist, search, format)
        }
        Command::Mark { ids, status, note, evidence } => mark(global, &ids, status.into(), note, evidence),
        Command::Gaps { limit } => gaps(global, limit),
        Command::Check { files } => Ok(check(global, &files)),
        Command::Backups => backups(global),
        Command::Restore { file } => restore(global, &file),
    }
}

fn summary(
    global: &GlobalArgs,
    format: Format,
    paper: Paper,
    options: &SummaryOptions,
    output: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker_to_show(global, Detail::Brief)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(id) = &options.checklist
        && !catalog.checklists.iter().any(|c| &c.id == id)
    {
        let known: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
        anyhow::bail!("there is no checklist \"{id}\"; the checklists are: {}", known.join(", "));
    }
    let summary = report::summarize(catalog, progress, options, chrono::Utc::now());
    let bytes = report::render(&summary, format, paper)?;
    match output {
        Some(path) => {
            store::atomic_write(path, &bytes).with_context(|| {
                format!("cannot write the summary to {}; choose a file in a folder you can write to", path.display())
            })?;
            eprintln!("Wrote {}", path.display());
        }
        None => print_stdout(&bytes)?,
    }
    leave_to_exit(summary);
    leave_to_exit((tracker, bytes));
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
    global: &GlobalArgs,
    status: Option<Status>,
    stage: Option<Stage>,
    checklist: Option<String>,
    search: Option<String>,
    format: ListFormat,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker_to_show(global, Detail::Full)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(id) = &checklist
        && catalog.checklist_index(id).is_none()
    {
        let known: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
        bail!("unknown checklist {id:?}; the loaded checklists are: {}", known.join(", "));
    }
    let needle = search.as_deref().map(str::to_lowercase);
    let statuses = score::statuses(catalog, progress);
    let matching = catalog.items.iter().zip(&statuses).filter(|(item, item_status)| {
        status.is_none_or(|s| s == **item_status)
            && stage.is_none_or(|s| s == item.stage)
            && checklist.as_deref().is_none_or(|id| catalog.checklists[item.checklist].id == id)
            && needle.as_deref().is_none_or(|n| {
                item.full_id.contains(n)
                    || item.title.to_lowercase().contains(n)
                    || item.description.to_lowercase().contains(n)
            })
    });
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
                    status_mark(*item_status),
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
    global: &GlobalArgs,
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
    let mut tracker = open_tracker(global, Detail::Brief)?;
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

fn gaps(global: &GlobalArgs, limit: usize) -> anyhow::Result<Outcome> {
    let tracker = open_tracker_to_show(global, Detail::Brief)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    let statuses = score::statuses(catalog, progress);
    let score = score::score(catalog, &statuses);
    let gaps = score::gaps(catalog, &statuses, &score);
    let mut out =
        format!("Readiness {:.0}/100. {}\n\n", score.readiness, score::explanation(catalog, &score, gaps.first()));
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

fn check(global: &GlobalArgs, files: &[PathBuf]) -> Outcome {
    let mut problems = Vec::new();
    let checked;
    if files.is_empty() {
        let (catalog, found) = catalog::load_catalog(&paths::checklist_dirs(&global.checklists));
        problems = found;
        checked = catalog.checklists.len();
        println!("{} checklists loaded, {} items.", catalog.checklists.len(), catalog.items.len());
    } else {
        checked = files.len();
        let mut seen_ids: Vec<(String, String)> = Vec::new();
        for path in files {
            let name = path.display().to_string();
            match catalog::read_checklist_file(path)
                .map_err(|p| vec![p])
                .and_then(|text| catalog::parse_checklist(&name, &text))
            {
                Ok(file) => {
                    if let Some((_, other)) = seen_ids.iter().find(|(id, _)| *id == file.id) {
                        problems.push(FileProblem {
                            file: name.clone(),
                            pos: None,
                            message: format!("checklist id {:?} is also used by {other}", file.id),
                        });
                    }
                    let items: usize = file.sections.iter().map(|s| s.items.len()).sum();
                    println!("{name}: ok ({} sections, {items} items)", file.sections.len());
                    seen_ids.push((file.id, name));
                }
                Err(found) => problems.extend(found),
            }
        }
    }
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.is_empty() {
        println!("No problems found.");
        Outcome::Success
    } else {
        eprintln!("{} problem(s) found in {checked} checked checklist file(s).", problems.len());
        Outcome::ProblemsFound
    }
}

fn backups(global: &GlobalArgs) -> anyhow::Result<Outcome> {
    let dir = paths::data_dir(global.data_dir.clone())?;
    let store = Store::new(dir);
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

fn restore(global: &GlobalArgs, file: &Path) -> anyhow::Result<Outcome> {
    let dir = paths::data_dir(global.data_dir.clone())?;
    let mut store = Store::new(dir);
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
