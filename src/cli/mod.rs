//! The command line's commands: one function per subcommand over plain options (the binary's `main.rs`
//! turns the command line into them). Each loads through `workspace::open`, asks the core, prints.
//! Errors are returned once and printed by `main`.
//!
//! `items.rs` lists, marks and ranks items; `targets.rs` makes summaries and chooses and compares
//! targets; `files.rs` checks checklist files and handles backups.

/// `println!` for the commands: a reader that went away (`skillgap backups | head -1`) has read enough,
/// so a closed pipe is not an error (nor a panic); any other failure to write is returned.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::print_stdout(format!("{}\n", format_args!($($arg)*)).as_bytes())?
    };
}

mod desktop;
mod files;
mod items;
mod project;
mod review;
mod targets;

pub use desktop::install_desktop;
pub use project::{CheckRequest, ProjectCommand};
pub use review::{ReviewCommand, SettingsChange};

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::catalog::{self, FileProblem};
use crate::filter::ItemFilter;
use crate::paths::Locations;
use crate::progress::Status;
use crate::report::{Format, Paper, SummaryOptions};
use crate::settings::{Settings, find_target};
use crate::store::Store;
use crate::target::Target;
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
    /// Shows the active target, or (with an id) makes it the remembered one.
    Target {
        id: Option<String>,
    },
    /// Every target side by side.
    Targets {
        format: ListFormat,
    },
    Check {
        files: Vec<PathBuf>,
    },
    Backups,
    Restore {
        file: PathBuf,
    },
    Sync,
    Project(ProjectCommand),
    Review(ReviewCommand),
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
    /// The input could not be checked (its message is printed): exit status 2, told apart from a check
    /// that ran and failed (`project check --min-level`).
    InvalidInput,
}

/// What every command shares: where the files are, and the target asked for with `--target`.
#[derive(Debug, Clone)]
pub struct Context {
    pub locations: Locations,
    /// `--target ID`: this target for one command instead of the remembered one.
    pub target: Option<String>,
}

pub(crate) fn warn_skipped(problems: &[FileProblem]) {
    for problem in problems {
        eprintln!("warning: file skipped: {problem}");
    }
    if !problems.is_empty() {
        eprintln!("hint: run `skillgap check` for details; the other checklists and targets were loaded.");
    }
}

/// Opens the catalog and the progress, warning about skipped checklists; an unreadable progress file
/// is an error.
fn open_tracker(locations: &Locations) -> anyhow::Result<Tracker> {
    let workspace = workspace::open(locations);
    warn_skipped(&workspace.skipped);
    for warning in &workspace.journal_warnings {
        eprintln!("warning: {warning}");
    }
    match workspace.unreadable {
        Some(err) => Err(err.into()),
        None => Ok(workspace.tracker),
    }
}

/// The remembered settings; a settings file that cannot be read is warned about and left alone.
fn settings(locations: &Locations) -> Settings {
    Store::of(locations).load_settings().unwrap_or_else(|err| {
        eprintln!("warning: {err}");
        Settings::default()
    })
}

/// The target a command scores against: `--target`, else the remembered one, else the default. An
/// unknown `--target` is an error; a remembered target that is no longer loaded is a warning.
fn active_target<'a>(context: &Context, catalog: &'a catalog::Catalog) -> anyhow::Result<&'a Target> {
    chosen_target(context, catalog).map(|(target, _)| target)
}

/// [`active_target`], and whether someone chose it (with `--target` or by remembering one) rather than it
/// being the default. The settings file is read once, so a problem with it is said once.
fn chosen_target<'a>(context: &Context, catalog: &'a catalog::Catalog) -> anyhow::Result<(&'a Target, bool)> {
    if let Some(id) = &context.target {
        return Ok((find_target(catalog, id)?, true));
    }
    let settings = settings(&context.locations);
    let (target, unknown) = settings.active_target(catalog);
    if let Some(unknown) = unknown {
        eprintln!(
            "warning: the remembered target {:?} is not loaded (was its file removed?); using {}. Choose one with \
`skillgap target ID`.",
            unknown.id, target.title
        );
    }
    Ok((target, settings.target.is_some()))
}

/// The index of the checklist with this id, or an error that lists the loaded ones.
fn checklist_named(catalog: &catalog::Catalog, id: &str) -> anyhow::Result<usize> {
    catalog.checklist_index(id).with_context(|| {
        let known: Vec<&str> = catalog.checklists.iter().map(|c| c.id.as_str()).collect();
        format!("there is no checklist {id:?}; the loaded checklists are: {}", known.join(", "))
    })
}

/// Runs one subcommand.
pub fn run(context: &Context, command: Command) -> anyhow::Result<Outcome> {
    let locations = &context.locations;
    match command {
        Command::Summary { format, paper, output, options } => {
            targets::summary(context, format, paper, &options, output.as_deref())
        }
        Command::List { filter, checklist, format } => items::list(context, filter, checklist.as_deref(), format),
        Command::Mark { ids, status, note, evidence } => items::mark(locations, &ids, status, note, evidence),
        Command::Gaps { limit } => items::gaps(context, limit),
        Command::Target { id } => targets::target(context, id.as_deref()),
        Command::Targets { format } => targets::targets(context, format),
        Command::Check { files } => files::check(locations, &files),
        Command::Backups => files::backups(locations),
        Command::Restore { file } => files::restore(locations, &file),
        Command::Sync => files::sync(locations),
        Command::Project(command) => project::run(locations, command),
        Command::Review(command) => review::review(locations, command),
    }
}

/// Writes a report to `output` (replaced atomically, never one of the data folder's own files), or to
/// stdout when there is none.
fn write_report(bytes: &[u8], output: Option<&std::path::Path>, locations: &Locations) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            if let Some(written) = crate::store::write_output(path, bytes, &locations.data_dir)? {
                eprintln!("Wrote {}", written.display());
            }
            Ok(())
        }
        None => print_stdout(bytes),
    }
}

/// Prints to stdout; a closed pipe (`skillgap list | head`) is not an error worth a message.
pub fn print_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err).context("cannot write to standard output"),
        _ => Ok(()),
    }
}
