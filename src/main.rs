//! The `skillgap` binary: parse the command line, run a subcommand or open the window, print errors.

use std::process::ExitCode;

use clap::Parser;
use skillgap::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => cli::run(&cli.global, command),
        None => skillgap::gui::run(&cli.global, &cli.window).map(|()| Outcome::Success),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::ProblemsFound) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
