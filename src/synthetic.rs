//! Synthetic checklists and progress at any size, in the real format, for benchmarks and scale tests:
//! N items over N/50 sections and N/2000+1 checklists, about 60% done, one history event per item
//! plus extra changes (about 1.6 events per item). Deterministic: the same N gives the same data.

use chrono::{DateTime, Duration, Utc};

use crate::catalog::{ChecklistFile, ItemFile, SectionFile, Track};
use crate::progress::{HistoryEvent, ItemProgress, Progress, Status};
use crate::{Stage, Weight};

/// A synthetic data set: checklist files (as they would be written) and a matching progress file.
pub struct Synthetic {
    pub checklists: Vec<ChecklistFile>,
    pub progress: Progress,
}

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

pub fn generate(items: usize) -> Synthetic {
    let checklist_count = items / 2000 + 1;
    let section_count = (items / 50).max(1);
    let mut rng = Xorshift(0x5eed_cafe_f00d_1234);
    let start: DateTime<Utc> = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let mut checklists: Vec<ChecklistFile> = (0..checklist_count)
        .map(|c| ChecklistFile {
            id: format!("synthetic-{c}"),
            title: format!("Synthetic checklist {c}"),
            track: if c % 2 == 0 { Track::DevOps } else { Track::Developer },
            description: "Generated for benchmarks.".to_owned(),
            sections: Vec::new(),
        })
        .collect();
    let mut progress = Progress::default();
    let mut item_index = 0;
    for s in 0..section_count {
        let in_section = items / section_count + usize::from(s < items % section_count);
        let checklist = &mut checklists[s * checklist_count / section_count];
        let mut section = SectionFile {
            id: format!("section-{s}"),
            title: format!("Section {s}"),
            items: Vec::with_capacity(in_section),
        };
        for _ in 0..in_section {
            let id = format!("item-{item_index}");
            let stage = Stage::ALL[rng.below(6) as usize];
            let weight = Weight::ALL[rng.below(3) as usize];
            section.items.push(ItemFile {
                id: id.clone(),
                title: format!("Practise skill number {item_index} until you can show it"),
                stage,
                weight,
                description: "Why it matters: a sentence or two of the length real items have, so parsing and \
                              rendering costs are realistic."
                    .to_owned(),
                proof: "What you have done when you can tick it, in one concrete sentence.".to_owned(),
                resources: vec![format!("https://example.org/docs/{item_index}")],
                aliases: Vec::new(),
            });
            let full_id = format!("{}/{id}", checklist.id);
            let at = start + Duration::minutes(item_index as i64);
            let roll = rng.below(100);
            let status = match roll {
                0..60 => Status::Done,
                60..70 => Status::Learning,
                70..75 => Status::Skipped,
                _ => Status::Todo,
            };
            // One history event per item, plus an extra one for a third of them (learning first), and
            // a learning-then-reset pair for the items left to do.
            let mut event = |from, to, minutes| {
                progress.history.push(HistoryEvent {
                    item: full_id.clone(),
                    from,
                    to,
                    at: at + Duration::minutes(minutes),
                });
            };
            if status == Status::Todo || roll.is_multiple_of(3) {
                event(Status::Todo, Status::Learning, 0);
            }
            match status {
                Status::Todo => event(Status::Learning, Status::Todo, 1),
                Status::Learning if !roll.is_multiple_of(3) => event(Status::Todo, Status::Learning, 1),
                Status::Learning => {}
                _ => event(if roll.is_multiple_of(3) { Status::Learning } else { Status::Todo }, status, 1),
            }
            let note = if roll.is_multiple_of(7) { "Did this at work last sprint.".to_owned() } else { String::new() };
            let evidence = if status == Status::Done && roll.is_multiple_of(5) {
                format!("https://github.com/example/project/pull/{item_index}")
            } else {
                String::new()
            };
            let changed = at + Duration::minutes(1);
            progress.items.insert(full_id, ItemProgress { status, changed, note, evidence });
            item_index += 1;
        }
        checklist.sections.push(section);
    }
    progress.history.sort_by_key(|event| event.at);
    Synthetic { checklists, progress }
}

/// A checklist file's text, as a person would write it.
pub fn checklist_ron(file: &ChecklistFile) -> String {
    ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::new().indentor("  ".to_owned())).unwrap_or_default()
}
