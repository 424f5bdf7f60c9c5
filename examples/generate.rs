//! Writes a synthetic data set to disk: `cargo run --release --example generate -- N OUT_DIR`.
//! OUT_DIR/checklists/*.ron are checklists (load them with --checklists), OUT_DIR/data/progress.ron is
//! the matching progress (use it with --data-dir).

use std::path::PathBuf;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let items: usize = args.next().context("usage: generate N OUT_DIR")?.parse().context("N must be a number")?;
    let out = PathBuf::from(args.next().context("usage: generate N OUT_DIR")?);
    let data = skillgap::synthetic::generate(items);
    let checklists = out.join("checklists");
    std::fs::create_dir_all(&checklists)?;
    std::fs::create_dir_all(out.join("data"))?;
    for file in &data.checklists {
        std::fs::write(checklists.join(format!("{}.ron", file.id)), skillgap::synthetic::checklist_ron(file))?;
    }
    std::fs::write(out.join("data/progress.ron"), skillgap::store::to_ron(&data.progress))?;
    println!(
        "{} items in {} checklists, {} progress entries, {} history events -> {}",
        items,
        data.checklists.len(),
        data.progress.items.len(),
        data.progress.history.len(),
        out.display()
    );
    Ok(())
}
