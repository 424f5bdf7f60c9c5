//! skillgap: which DevOps and software-engineering basics you still miss, across the whole lifecycle.
//!
//! The crate is a pure core (checklists, progress, score, reports) plus a store that alone writes the
//! progress file and the person's reports, and two thin shells over them: the command line ([`cli`]) and
//! the window ([`gui`]). Checklist files and a project's folder are read where they are parsed and
//! scanned (`catalog/load.rs`, `scan/`).
//!
//! Data flows one way: checklist files and the progress file become a [`catalog::Catalog`] and a
//! [`progress::Progress`]; [`score`] and [`report`] are pure functions of the two; every change of progress
//! goes through [`tracker::Tracker::apply`], which records it and saves it.

// A failed unwrap in a test is a failed test with its message; outside tests errors are handled.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod catalog;
pub mod cli;
pub mod filter;
pub mod gui;
pub mod journal;
pub mod paths;
pub mod progress;
pub mod project;
pub mod report;
pub mod review;
pub mod safe_text;
pub mod scan;
pub mod score;
pub mod settings;
pub mod stage;
pub mod store;
pub mod target;
pub(crate) mod text_pos;
pub mod tracker;
pub mod workspace;

pub use stage::{Stage, Weight};
