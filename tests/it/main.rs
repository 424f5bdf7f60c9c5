//! The integration tests, as one test binary: each module below used to be its own binary, and each of
//! those linked the whole window stack (eframe, fonts, PDF), so a clean `cargo test` spent most of its time
//! and disk linking the same code eight times.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../benches/synthetic.rs"]
mod synthetic;

mod backups;
mod builtin_checklists;
mod check;
mod cli;
mod cli_files;
mod common;
mod desktop;
mod durability;
mod full_disk;
mod gui;
mod hostile_cli;
mod hostile_text;
mod levels;
mod personas;
mod project_check;
mod project_file_hostile;
mod project_removal;
mod project_text;
mod projects;
mod races;
mod report;
mod review;
mod scan;
mod scan_shapes;
mod score;
mod snapshot;
mod store;
mod sync;
mod target_balance;
mod targets;
