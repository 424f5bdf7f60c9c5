//! Synthetic checklists and progress in the real formats, for benchmarks and scale tests. It is not
//! part of the library: benches, examples and tests include this file with `#[path]`.
//!
//! The shape is the realistic one of BENCHMARKS.md: about 60% of the items done, 10% learning, 5%
//! skipped, and six status changes per item on average, spread over two years. The realistic size is
//! the built-in checklists plus one 350-item list of one's own (about 3,000 history events); the stress
//! size is 10,000 items of the same shape. Deterministic: the same arguments give the same data.
#![allow(dead_code)] // Each includer uses a part.

use chrono::{DateTime, Duration, Utc};
use skillgap::catalog::{ChecklistFile, ItemFile, SectionFile, Track};
use skillgap::progress::{HistoryEvent, ItemProgress, Progress, Status};
use skillgap::{Stage, Weight};

/// Checklist files (as they would be written) and a matching progress file.
pub struct Synthetic {
    pub checklists: Vec<ChecklistFile>,
    pub progress: Progress,
}

/// Status changes per item, on average.
const EVENTS_PER_ITEM: u64 = 6;
/// The history spans this many days before [`END`].
const SPAN_DAYS: u64 = 730;
/// 2026-11-01: the history ends here, so the data does not change with the day it is made.
const END: i64 = 1_793_491_200;

/// A small, fast, deterministic generator (xorshift), so no RNG crate is needed for test data.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `items` new items over `items / 50` sections in `items / 2000 + 1` checklists (`synthetic-K`), with
/// progress for them.
pub fn generate(items: usize) -> Synthetic {
    generate_with(items, &[])
}

/// [`generate`], with progress of the same shape for `other_ids` too (say the built-in items).
pub fn generate_with(items: usize, other_ids: &[String]) -> Synthetic {
    let mut rng = Xorshift(0x5eed_cafe_f00d_1234);
    let checklists = checklists(items, &mut rng);
    let mut progress = Progress::default();
    let new_ids = checklists
        .iter()
        .flat_map(|c| c.sections.iter().flat_map(move |s| s.items.iter().map(move |i| format!("{}/{}", c.id, i.id))));
    for (n, id) in other_ids.iter().cloned().chain(new_ids).enumerate() {
        add_item_progress(&mut progress, id, n, &mut rng);
    }
    progress.history.sort_by_key(|event| event.at);
    Synthetic { checklists, progress }
}

fn checklists(items: usize, rng: &mut Xorshift) -> Vec<ChecklistFile> {
    let checklist_count = items / 2000 + 1;
    let section_count = (items / 50).max(1);
    let mut checklists: Vec<ChecklistFile> = (0..checklist_count)
        .map(|c| ChecklistFile {
            id: format!("synthetic-{c}"),
            title: format!("Synthetic checklist {c}"),
            track: if c % 2 == 0 { Track::DevOps } else { Track::Developer },
            description: "Generated for benchmarks.".to_owned(),
            sections: Vec::new(),
        })
        .collect();
    let mut item_index = 0;
    for s in 0..section_count {
        let in_section = items / section_count + usize::from(s < items % section_count);
        let items = (0..in_section)
            .map(|_| {
                item_index += 1;
                item(item_index - 1, rng)
            })
            .collect();
        let section = SectionFile { id: format!("section-{s}"), title: format!("Section {s}"), items };
        checklists[s * checklist_count / section_count].sections.push(section);
    }
    checklists
}

fn item(n: usize, rng: &mut Xorshift) -> ItemFile {
    ItemFile {
        id: format!("item-{n}"),
        title: format!("Practise skill number {n} until you can show it"),
        stage: Stage::ALL[rng.below(6) as usize],
        weight: Weight::ALL[rng.below(3) as usize],
        description: "Why it matters: a sentence or two of the length real items have, so parsing and \
                      rendering costs are realistic."
            .to_owned(),
        proof: "What you have done when you can tick it, in one concrete sentence.".to_owned(),
        resources: vec![format!("https://example.org/docs/{n}")],
        aliases: Vec::new(),
        proves: Vec::new(),
        phrase: String::new(),
        tags: vec![],
    }
}

/// The item's status changes (1 to 11, six on average) at random times of the span, ending in its
/// final status, and its current state.
fn add_item_progress(progress: &mut Progress, id: String, n: usize, rng: &mut Xorshift) {
    let roll = rng.below(100);
    let last = match roll {
        0..60 => Status::Done,
        60..70 => Status::Learning,
        70..75 => Status::Skipped,
        _ => Status::Todo,
    };
    let mut changes = 1 + rng.below(2 * EVENTS_PER_ITEM - 1);
    if last == Status::Todo {
        changes = changes.max(2);
    }
    let mut times: Vec<DateTime<Utc>> = (0..changes).map(|_| time_in_span(rng)).collect();
    times.sort();
    let mut from = Status::Todo;
    for (step, at) in times.iter().enumerate() {
        let remaining = changes - step as u64 - 1;
        let to = if remaining == 0 {
            last
        } else {
            // Any other status, but not the final one just before the last change.
            let choices: Vec<Status> =
                Status::ALL.into_iter().filter(|s| *s != from && (remaining > 1 || *s != last)).collect();
            choices[rng.below(choices.len() as u64) as usize]
        };
        progress.history.push(HistoryEvent { item: id.clone(), from, to, at: *at, undo: false });
        from = to;
    }
    let note = if roll.is_multiple_of(7) { "Did this at work last sprint.".to_owned() } else { String::new() };
    let evidence = if last == Status::Done && roll.is_multiple_of(5) {
        format!("https://github.com/example/project/pull/{n}")
    } else {
        String::new()
    };
    let changed = times.last().copied().unwrap_or_else(|| time_in_span(rng));
    progress.items.insert(id, ItemProgress { status: last, changed, note, evidence });
}

fn time_in_span(rng: &mut Xorshift) -> DateTime<Utc> {
    let seconds = rng.below(SPAN_DAYS * 86_400) as i64;
    let millis = rng.below(1000) as i64;
    DateTime::from_timestamp(END, 0).unwrap_or_default() - Duration::seconds(seconds) + Duration::milliseconds(millis)
}

/// A checklist file's text, as a person would write it.
pub fn checklist_ron(file: &ChecklistFile) -> String {
    ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::new().indentor("  ".to_owned())).unwrap_or_default()
}

/// The journal a person who made `progress` one change at a time would have: a line for each status
/// change of the history, in time order, then one for each note and evidence link, at the item's date.
pub fn journal_text(progress: &Progress) -> String {
    use skillgap::journal::{Entry, Record};
    use skillgap::progress::{Change, Edit};
    let mut changes: Vec<(DateTime<Utc>, Change)> = progress
        .history
        .iter()
        .map(|event| {
            let change = Change { item: event.item.clone(), status: Some(event.to), ..Change::default() };
            (event.at, change)
        })
        .collect();
    for (id, item) in &progress.items {
        if !item.note.is_empty() || !item.evidence.is_empty() {
            let note = (!item.note.is_empty()).then(|| item.note.clone());
            let evidence = (!item.evidence.is_empty()).then(|| item.evidence.clone());
            changes.push((item.changed, Change { item: id.clone(), note, evidence, ..Change::default() }));
        }
    }
    changes.sort_by_key(|(at, _)| *at);
    let mut text = String::new();
    for (seq, (at, change)) in changes.into_iter().enumerate() {
        let entry = Entry { seq: seq as u64 + 1, at, change: Record::Edit(Edit::Item(change)) };
        text.push_str(&entry.to_line().unwrap_or_default());
        text.push('\n');
    }
    text
}
