//! Measures the scan on the corpus of real repositories labelled by hand (SCAN.md):
//! `cargo run --release --example scan_corpus -- DIR [LABELS]` scans each checkout `DIR/OWNER+NAME` named
//! in `benches/scan-corpus/labels/` (or the LABELS folder, such as `benches/scan-corpus/heldout`) and
//! prints precision, recall and the right-evidence rate, per repository and in all, with every wrong or
//! missed item named.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use skillgap::scan::{Finding, Proof, scan};

#[derive(Debug, Deserialize)]
struct Label {
    repo: String,
    #[allow(dead_code)]
    commit: String,
    kind: String,
    items: BTreeMap<String, Labelled>,
}

#[derive(Debug, Deserialize)]
struct Labelled {
    proof: LabelProof,
    evidence: Vec<String>,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
enum LabelProof {
    Full,
    Partial,
}

#[derive(Default)]
struct Tally {
    proposals: usize,
    right_item: usize,
    right_claim: usize,
    labelled: usize,
    recalled: usize,
    right_evidence: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.proposals += other.proposals;
        self.right_item += other.right_item;
        self.right_claim += other.right_claim;
        self.labelled += other.labelled;
        self.recalled += other.recalled;
        self.right_evidence += other.right_evidence;
    }
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 { "-".to_owned() } else { format!("{:.2}", a as f64 / b as f64) }
}

/// The best finding of each item: the scan lists them best first.
fn best_per_item(findings: &[Finding]) -> BTreeMap<&'static str, &Finding> {
    let mut best = BTreeMap::new();
    for finding in findings {
        best.entry(finding.item).or_insert(finding);
    }
    best
}

fn measure(label: &Label, checkout: &Path) -> (Tally, Vec<String>) {
    let found = scan(checkout).unwrap_or_else(|err| panic!("{}: {err}", label.repo));
    let best = best_per_item(&found.findings);
    let mut tally = Tally { proposals: best.len(), labelled: label.items.len(), ..Tally::default() };
    let mut notes = Vec::new();
    for (item, finding) in &best {
        let claim = match finding.proof {
            Proof::Full => "done",
            Proof::Partial => "doing",
        };
        let Some(labelled) = label.items.get(*item) else {
            notes.push(format!("  wrong  {item} ({claim}) {}", finding.evidence()));
            continue;
        };
        tally.right_item += 1;
        if finding.proof == Proof::Partial || labelled.proof == LabelProof::Full {
            tally.right_claim += 1;
        } else {
            notes.push(format!("  over   {item}: claims done, label is partial ({})", finding.evidence()));
        }
        if labelled.evidence.iter().any(|e| e == &finding.path) {
            tally.right_evidence += 1;
        } else {
            notes.push(format!("  elsewhere {item}: {} (label: {})", finding.path, labelled.evidence.join(", ")));
        }
    }
    for item in label.items.keys() {
        if best.contains_key(item.as_str()) {
            tally.recalled += 1;
        } else {
            notes.push(format!(
                "  missed {item} ({:?}: {})",
                label.items[item].proof,
                label.items[item].evidence.join(", ")
            ));
        }
    }
    (tally, notes)
}

fn main() {
    let corpus = PathBuf::from(std::env::args().nth(1).expect("usage: scan_corpus DIR (the checkouts)"));
    let labels = std::env::args()
        .nth(2)
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/scan-corpus/labels"), PathBuf::from);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&labels).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut total = Tally::default();
    println!("| repository | kind | proposals | precision | recall | right evidence |");
    println!("|---|---|---|---|---|---|");
    let mut details = Vec::new();
    for file in files {
        let label: Label =
            ron::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let checkout = corpus.join(label.repo.replace('/', "+"));
        let (tally, notes) = measure(&label, &checkout);
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            label.repo,
            label.kind,
            tally.proposals,
            ratio(tally.right_claim, tally.proposals),
            ratio(tally.recalled, tally.labelled),
            ratio(tally.right_evidence, tally.right_item)
        );
        details.push(format!("{}\n{}", label.repo, notes.join("\n")));
        total.add(&tally);
    }
    println!(
        "| **all {}** | | {} | **{}** ({} of {}; item right: {}) | **{}** ({} of {}) | **{}** ({} of {}) |",
        details.len(),
        total.proposals,
        ratio(total.right_claim, total.proposals),
        total.right_claim,
        total.proposals,
        ratio(total.right_item, total.proposals),
        ratio(total.recalled, total.labelled),
        total.recalled,
        total.labelled,
        ratio(total.right_evidence, total.right_item),
        total.right_evidence,
        total.right_item
    );
    println!("\n{}", details.join("\n"));
}
