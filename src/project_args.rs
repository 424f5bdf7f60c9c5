//! The `skillgap project` arguments: clap's side of [`ProjectCommand`]. Part of the binary, with
//! `main.rs`, the only place that knows clap; the library never sees these types.

use std::path::PathBuf;

use clap::Subcommand;
use skillgap::cli::{self, ProjectCommand};
use skillgap::project::ProjectStatus;

use super::{ListFormatArg, ReportArgs};

#[derive(Debug, Subcommand)]
pub(crate) enum ProjectArgs {
    /// Add a project, scored against launch-one-project unless --checklist says otherwise.
    Add {
        /// Its name; left out, the name in the folder's .skillgap/project.ron.
        #[arg(value_name = "NAME", required_unless_present = "folder")]
        name: Option<String>,
        /// Its repository (an http(s) URL); evidence paths link to files there on GitHub and GitLab.
        #[arg(long = "repo", value_name = "URL")]
        repository: Option<String>,
        /// A local clone, for `skillgap project scan`.
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The checklist it is scored against (an id from `skillgap list`).
        #[arg(long, value_name = "ID")]
        checklist: Option<String>,
    },
    /// List your projects with their levels.
    List {
        #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
        format: ListFormatArg,
    },
    /// Show one project: its level, every item with its evidence, and the skills it proves.
    Show {
        #[arg(value_name = "PROJECT")]
        project: String,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
        format: ListFormatArg,
    },
    /// Change a project's name, repository or folder.
    Edit {
        #[arg(value_name = "PROJECT")]
        project: String,
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        #[arg(long = "repo", value_name = "URL")]
        repository: Option<String>,
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Set the status of items of a project: `skillgap project mark tc containerised done --evidence Dockerfile`.
    Mark {
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Item ids of the project's checklist (`containerised` or `launch-one-project/containerised`).
        #[arg(required = true, value_name = "ITEM")]
        items: Vec<String>,
        /// todo, doing, done or n/a (n/a needs a --note saying why).
        #[arg(value_name = "STATUS", value_parser = parse_project_status)]
        status: ProjectStatus,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// A link, or a path in the project's folder (deploy/nginx.conf).
        #[arg(long, value_name = "LINK|PATH")]
        evidence: Option<String>,
    },
    /// Look through the project's folder for lifecycle files and propose ticks (nothing is ticked without --accept).
    Scan {
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Accept these proposals (item ids): each becomes done with its file as evidence.
        #[arg(long, value_name = "ITEM", num_args = 1..)]
        accept: Vec<String>,
        /// Accept every proposal.
        #[arg(long, conflicts_with = "accept")]
        accept_all: bool,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
        format: ListFormatArg,
    },
    /// The project's story: what it does in production, stage by stage, with its evidence.
    Summary {
        #[arg(value_name = "PROJECT")]
        project: String,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Remove a project (the progress as it was is kept in backups/).
    Remove {
        #[arg(value_name = "PROJECT")]
        project: String,
    },
    /// Write the project's statuses, notes and evidence to FOLDER/.skillgap/project.ron, to commit.
    Export {
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Another file instead (`-` for standard output).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The readiness of the project in DIR, from its .skillgap/project.ron and a scan; no data folder needed (CI).
    Check {
        /// The project's folder (a clone of its repository).
        #[arg(value_name = "DIR", default_value = ".")]
        folder: PathBuf,
        /// Exit 1 when the level is below N (0 to 6): a CI gate.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=6))]
        min_level: Option<u8>,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Text)]
        format: ListFormatArg,
    },
    /// Accept as done skills of yours that the project proves, with its evidence (`project show` lists them).
    Accept {
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Skill ids (`containers/dockerfile`); or --all.
        #[arg(value_name = "SKILL", required_unless_present = "all")]
        skills: Vec<String>,
        /// Every skill it proves that is not done yet.
        #[arg(long, conflicts_with = "skills")]
        all: bool,
    },
}

fn parse_project_status(text: &str) -> Result<ProjectStatus, String> {
    ProjectStatus::parse(text).ok_or_else(|| format!("{text:?} is not a project status; use todo, doing, done or n/a"))
}

impl From<ProjectArgs> for ProjectCommand {
    fn from(args: ProjectArgs) -> ProjectCommand {
        match args {
            ProjectArgs::Add { name, repository, folder, checklist } => {
                ProjectCommand::Add { name, repository, folder, checklist }
            }
            ProjectArgs::List { format } => ProjectCommand::List { format: format.into() },
            ProjectArgs::Show { project, format } => ProjectCommand::Show { project, format: format.into() },
            ProjectArgs::Edit { project, name, repository, folder } => {
                ProjectCommand::Edit { project, name, repository, folder }
            }
            ProjectArgs::Mark { project, items, status, note, evidence } => {
                ProjectCommand::Mark { project, items, status, note, evidence }
            }
            ProjectArgs::Scan { project, accept, accept_all, format } => {
                ProjectCommand::Scan { project, accept, accept_all, format: format.into() }
            }
            ProjectArgs::Summary { project, report: ReportArgs { format, output, paper } } => {
                ProjectCommand::Summary { project, format: format.into(), paper: paper.into(), output }
            }
            ProjectArgs::Remove { project } => ProjectCommand::Remove { project },
            ProjectArgs::Accept { project, skills, all } => ProjectCommand::Accept { project, skills, all },
            ProjectArgs::Export { project, output } => ProjectCommand::Export { project, output },
            ProjectArgs::Check { folder, min_level, format } => {
                ProjectCommand::Check(cli::CheckRequest { folder, min_level, format: format.into() })
            }
        }
    }
}
