//! The `skillgap` binary: parse the command line, run a subcommand or open the window, print errors.

use std::process::ExitCode;

use clap::Parser;
use skillgap::cli::{self, Cli, Outcome};

/// mimalloc: a run allocates and frees tens of thousands of small strings (item ids, titles, history);
/// with it `summary` at 10,000 items spends a fraction of the time glibc's allocator needs (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => cli::run(&cli.global, command),
        None => skillgap::gui::run(&cli.global, &cli.window, started).map(|()| Outcome::Success),
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
