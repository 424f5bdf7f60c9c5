//! Writes a synthetic data set to disk, in the shape of BENCHMARKS.md (60% done, six status changes per
//! item over two years):
//!
//!   cargo run --release --example generate -- realistic OUT_DIR    the built-ins plus a 350-item list
//!   cargo run --release --example generate -- N OUT_DIR            the built-ins plus lists up to N items
//!
//! OUT_DIR/checklists/*.ron are checklists (load them with --checklists), OUT_DIR/data/journal/ holds the
//! matching progress as one machine's journal, a line a change (use it with --data-dir);
//! OUT_DIR/progress.ron is the same progress as a progress file of a version before journals.

#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;

use anyhow::Context;

/// Items of one's own list at the realistic size.
const REALISTIC_OWN_ITEMS: usize = 350;

fn main() -> anyhow::Result<()> {
    let usage = "usage: generate realistic|N OUT_DIR";
    let mut args = std::env::args().skip(1);
    let size = args.next().context(usage)?;
    let out = PathBuf::from(args.next().context(usage)?);
    let (builtin, _) = skillgap::catalog::load_catalog(&[]);
    let builtin_ids: Vec<String> = builtin.items.iter().map(|item| item.full_id.clone()).collect();
    let own = match size.as_str() {
        "realistic" => REALISTIC_OWN_ITEMS,
        n => n.parse::<usize>().context("N must be a number")?.saturating_sub(builtin_ids.len()),
    };
    let data = synthetic::generate_with(own, &builtin_ids);
    let checklists = out.join("checklists");
    std::fs::create_dir_all(&checklists)?;
    std::fs::create_dir_all(out.join("data/journal"))?;
    for file in &data.checklists {
        std::fs::write(checklists.join(format!("{}.ron", file.id)), synthetic::checklist_ron(file))?;
    }
    std::fs::write(out.join("data/journal/0000000000000001.ron"), synthetic::journal_text(&data.progress))?;
    std::fs::write(out.join("progress.ron"), skillgap::store::to_ron(&data.progress)?)?;
    println!(
        "{} built-in + {own} own items in {} lists, {} progress entries, {} history events -> {}",
        builtin_ids.len(),
        data.checklists.len(),
        data.progress.items.len(),
        data.progress.history.len(),
        out.display()
    );
    Ok(())
}
