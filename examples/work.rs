//! Runs each core operation once on N synthetic items, for counting the instructions each executes:
//! unlike wall time, an instruction count does not change with the machine's load or with whether the
//! data fits a CPU cache, so it shows how the work itself grows with N.
//!
//!   cargo build --release --example work
//!   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out --toggle-collect='work::op_*' \
//!       target/release/examples/work 10000
//!   callgrind_annotate --inclusive=yes /tmp/cg.out | grep 'work::op_'
//!
//! `bash benches/instructions.sh` does this for 1,000, 10,000 and 100,000 items and prints the table
//! that BENCHMARKS.md holds.

use std::hint::black_box;

use skillgap::catalog::{Catalog, Origin};
use skillgap::progress::Progress;
use skillgap::report::{self, Format, Paper, SummaryOptions};
use skillgap::score;

fn main() -> anyhow::Result<()> {
    let items: usize = std::env::args().nth(1).unwrap_or_else(|| "10000".to_owned()).parse()?;
    let data = skillgap::synthetic::generate(items);
    let texts: Vec<String> = data.checklists.iter().map(skillgap::synthetic::checklist_ron).collect();
    let progress_text = skillgap::store::to_ron(&data.progress);
    let catalog = op_parse_checklists(&texts);
    let progress = op_parse_progress(&progress_text)?;
    op_index(&catalog);
    op_score_and_gaps(&catalog, &progress);
    op_summary_txt(&catalog, &progress)?;
    op_timeline(&catalog, &progress);
    op_write_progress(&progress);
    let cached_catalog = postcard::to_stdvec(&catalog)?;
    let cached_progress = postcard::to_stdvec(&progress)?;
    op_decode_cached(&cached_catalog, &cached_progress)?;
    Ok(())
}

#[inline(never)]
fn op_parse_checklists(texts: &[String]) -> Catalog {
    let files = texts
        .iter()
        .filter_map(|text| skillgap::catalog::parse_checklist("work.ron", text).ok())
        .map(|file| (file, Origin::File("work.ron".into())))
        .collect();
    Catalog::from_files(files).0
}

#[inline(never)]
fn op_parse_progress(text: &str) -> anyhow::Result<Progress> {
    Ok(skillgap::store::parse_progress(std::path::Path::new("work.ron"), text.as_bytes())?)
}

/// Builds the lookup index (on the first lookup) and resolves one id.
#[inline(never)]
fn op_index(catalog: &Catalog) {
    black_box(catalog.resolve("synthetic-0/item-1").is_ok());
}

#[inline(never)]
fn op_score_and_gaps(catalog: &Catalog, progress: &Progress) {
    let statuses = score::statuses(catalog, progress);
    let score = score::score(catalog, &statuses);
    black_box(score::gaps(catalog, &statuses, &score).len());
}

#[inline(never)]
fn op_summary_txt(catalog: &Catalog, progress: &Progress) -> anyhow::Result<()> {
    let summary = report::summarize(catalog, progress, &SummaryOptions::default(), chrono::Utc::now());
    black_box(report::render(&summary, Format::Text, Paper::A4)?.len());
    Ok(())
}

#[inline(never)]
fn op_timeline(catalog: &Catalog, progress: &Progress) {
    black_box(score::timeline(catalog, &progress.history).len());
}

/// What a run that hits the parse cache decodes: the whole catalog and the progress, history included.
#[inline(never)]
fn op_decode_cached(catalog: &[u8], progress: &[u8]) -> anyhow::Result<()> {
    black_box(postcard::from_bytes::<Catalog>(catalog)?.items.len());
    black_box(postcard::from_bytes::<Progress>(progress)?.history.len());
    Ok(())
}

#[inline(never)]
fn op_write_progress(progress: &Progress) {
    black_box(skillgap::store::to_ron(progress).len());
}
