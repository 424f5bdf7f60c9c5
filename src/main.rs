//! The `skillgap` binary: turns the command line into the library's plain options, runs a command or
//! opens the window, and prints errors. Every clap type lives here; the library knows none of them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use skillgap::cli::{self, Command, ListFormat, Outcome};
use skillgap::filter::{ItemFilter, Scope};
use skillgap::gui::{View, WindowOptions};
use skillgap::paths::{self, Locations};
use skillgap::progress::Status;
use skillgap::report::{Format, Paper, SummaryOptions};
use skillgap::{Stage, Weight};

mod project_args;
mod review_args;

use project_args::ProjectArgs;
use review_args::ReviewArgs;

#[derive(Debug, Parser)]
#[command(
    name = "skillgap",
    version,
    about = "See which DevOps and software-engineering basics you still miss, across the whole lifecycle.",
    long_about = "See which DevOps and software-engineering basics you still miss, across the whole lifecycle: \
build, test, ship, run, observe, recover.\n\nWith no command, skillgap opens its window.",
    after_help = "Progress lives in journal/, one file per machine, in the data folder (on Linux \
~/.local/share/skillgap); share that folder with a sync tool or git to use it on several machines. \
Your own checklists go in the config folder's checklists/ (on Linux ~/.config/skillgap/checklists)."
)]
struct Cli {
    /// Folder of your progress, its journals and backups (default: the platform's data folder).
    #[arg(long, global = true, value_name = "DIR", env = paths::DATA_DIR_ENV)]
    data_dir: Option<PathBuf>,

    /// Also load every *.ron checklist and target in DIR (may be repeated).
    #[arg(long = "checklists", global = true, value_name = "DIR")]
    checklists: Vec<PathBuf>,

    /// Score for this target (an id from `skillgap targets`) instead of the remembered one.
    #[arg(long, global = true, value_name = "ID")]
    target: Option<String>,

    #[command(flatten)]
    window: WindowArgs,

    #[command(subcommand)]
    command: Option<TopArgs>,
}

/// Options of the window (no subcommand).
#[derive(Debug, Clone, Args)]
struct WindowArgs {
    /// Open the window, let it settle, save a PNG of it to FILE and exit.
    #[arg(long, value_name = "FILE.png")]
    screenshot: Option<PathBuf>,

    /// The view to show first.
    #[arg(long, value_enum, value_name = "VIEW")]
    view: Option<ViewArg>,

    /// Light or dark, instead of the remembered theme (or the system's).
    #[arg(long, value_enum, value_name = "THEME")]
    theme: Option<ThemeArg>,

    /// Window size in points, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    size: Option<(f32, f32)>,

    /// Print on stderr how long after start the first frame was painted (for benchmarks).
    #[arg(long)]
    print_startup_time: bool,
}

/// Where and how a report is written: `summary` and `project summary` share these.
#[derive(Debug, Clone, Args)]
struct ReportArgs {
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Write to FILE (replaced atomically) instead of standard output. Required for PDF.
    #[arg(long, short, value_name = "FILE", required_if_eq("format", "pdf"))]
    output: Option<PathBuf>,
    /// Page size of a PDF.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    paper: PaperArg,
}

#[derive(Debug, Subcommand)]
enum CommandArgs {
    /// Print the progress summary: readiness, level, stages, checklists, top gaps, recent work.
    Summary {
        #[command(flatten)]
        report: ReportArgs,
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
        #[arg(long, value_enum)]
        weight: Option<WeightArg>,
        /// Only items of this checklist id.
        #[arg(long, value_name = "ID")]
        checklist: Option<String>,
        /// Only items whose id, title or description contains TEXT (any case).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Only items not done and not skipped.
        #[arg(long)]
        missing: bool,
        /// Only items that count toward the active target.
        #[arg(long)]
        in_target: bool,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
        format: ListFormatArg,
    },
    /// Set the status of one or more items: `skillgap mark linux-shell dockerfile done`.
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
    /// Show the active target, or choose one: `skillgap target junior-devops-engineer`.
    Target {
        /// The target to make active and remember (an id from `skillgap targets`).
        #[arg(value_name = "ID")]
        id: Option<String>,
    },
    /// Compare every target side by side: readiness, level and what each needs next.
    Targets {
        #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
        format: ListFormatArg,
    },
    /// Validate checklist and target files (all loaded ones when none is named).
    Check {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the backups of the progress, newest first.
    Backups,
    /// Put a backup back, for every machine that shares the data folder (what there was is kept as a backup first).
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Commit this machine's changes in a data folder kept in git, pull the other machines' and push (with the
    /// system's git).
    Sync,
    /// Your projects: is your app production-ready? `skillgap project add "Tuition centre" --folder ~/code/tc`.
    #[command(subcommand)]
    Project(ProjectArgs),
    /// Today's reviews of done items, or record one: `skillgap review dockerfile good`.
    Review(ReviewArgs),
}

/// A clap value enum that stands for one of the library's own enums.
macro_rules! value_enum {
    ($arg:ident => $target:ty { $($variant:ident),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        enum $arg { $($variant),+ }

        impl From<$arg> for $target {
            fn from(value: $arg) -> $target {
                match value { $($arg::$variant => <$target>::$variant),+ }
            }
        }
    };
}

value_enum!(ViewArg => View { Checklists, Gaps, Review, Progress, Summary, Projects });
value_enum!(ThemeArg => egui::Theme { Light, Dark });
value_enum!(FormatArg => Format { Text, Markdown, Html, Json, Pdf });
value_enum!(PaperArg => Paper { A4, Letter });
value_enum!(ListFormatArg => ListFormat { Text, Json });
value_enum!(StatusArg => Status { Todo, Learning, Done, Skipped });
value_enum!(StageArg => Stage { Build, Test, Ship, Run, Observe, Recover });
value_enum!(WeightArg => Weight { Core, Recommended, Advanced });

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

impl From<CommandArgs> for Command {
    fn from(args: CommandArgs) -> Command {
        match args {
            CommandArgs::Summary {
                report: ReportArgs { format, output, paper },
                name,
                with_notes,
                checklist,
                since,
            } => Command::Summary {
                format: format.into(),
                paper: paper.into(),
                output,
                options: SummaryOptions { name, with_notes, checklist, since },
            },
            CommandArgs::List { status, stage, weight, checklist, search, missing, in_target, format } => {
                Command::List {
                    checklist,
                    filter: ItemFilter {
                        scope: Scope::All,
                        search: search.unwrap_or_default(),
                        status: status.map(Into::into),
                        stage: stage.map(Into::into),
                        weight: weight.map(Into::into),
                        missing_only: missing,
                        in_target_only: in_target,
                    },
                    format: format.into(),
                }
            }
            CommandArgs::Mark { ids, status, note, evidence } => {
                Command::Mark { ids, status: status.into(), note, evidence }
            }
            CommandArgs::Gaps { limit } => Command::Gaps { limit },
            CommandArgs::Target { id } => Command::Target { id },
            CommandArgs::Targets { format } => Command::Targets { format: format.into() },
            CommandArgs::Check { files } => Command::Check { files },
            CommandArgs::Backups => Command::Backups,
            CommandArgs::Sync => Command::Sync,
            CommandArgs::Restore { file } => Command::Restore { file },
            CommandArgs::Project(args) => Command::Project(args.into()),
            CommandArgs::Review(args) => Command::Review(args.into()),
        }
    }
}

/// The subcommands: the library's, and two about the command line itself.
#[derive(Debug, Subcommand)]
enum TopArgs {
    #[command(flatten)]
    Library(CommandArgs),
    /// Print shell completions: `skillgap completions bash > ~/.local/share/bash-completion/completions/skillgap`.
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page: `skillgap man > ~/.local/share/man/man1/skillgap.1`.
    Man,
    /// Add skillgap to the desktop's application menu: a .desktop entry and its icon in ~/.local/share.
    InstallDesktop {
        /// Remove them instead.
        #[arg(long)]
        remove: bool,
    },
}

fn run(cli: Cli, started: std::time::Instant) -> anyhow::Result<Outcome> {
    let mut out = Vec::new();
    let command = match cli.command {
        Some(TopArgs::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "skillgap", &mut out);
            return cli::print_stdout(&out).map(|()| Outcome::Success);
        }
        Some(TopArgs::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            return cli::print_stdout(&out).map(|()| Outcome::Success);
        }
        Some(TopArgs::InstallDesktop { remove }) => return cli::install_desktop(remove),
        Some(TopArgs::Library(command)) => Some(command),
        None => None,
    };
    let locations = Locations::new(cli.data_dir, &cli.checklists)?;
    match command {
        Some(command) => cli::run(&cli::Context { locations, target: cli.target }, command.into()),
        None => {
            let window = WindowOptions {
                screenshot: cli.window.screenshot,
                view: cli.window.view.map(Into::into),
                size: cli.window.size,
                theme: cli.window.theme.map(Into::into),
                startup_clock: cli.window.print_startup_time.then_some(started),
                target: cli.target,
            };
            skillgap::gui::run(&locations, window).map(|()| Outcome::Success)
        }
    }
}

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    match run(Cli::parse(), started) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::ProblemsFound) => ExitCode::FAILURE,
        Ok(Outcome::InvalidInput) => ExitCode::from(2),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
