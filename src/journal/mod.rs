//! Progress as journals, one per machine. Each
//! machine appends its own changes to `journal/MACHINE.ron` in the data folder, one change a line, so
//! no file has two writers and no sync tool (Syncthing, Dropbox, git) can make a conflict of them. The
//! progress is the fold of every journal: every change, once, in time order with a fixed tie-break.
//!
//! What a sync tool leaves is read as well as it can be: a half-delivered last line (a copy in progress)
//! is not damage, its complete lines count and the rest is read when it arrives; a conflict copy of a
//! journal (`MACHINE.sync-conflict-….ron`, `MACHINE (conflicted copy).ron`, `MACHINE-LAPTOP.ron`) is
//! folded with the others, each change counted once. A complete line that does not read is damage,
//! reported at its `line:col`, and the journals are then not folded at all (a fold without it could show
//! a status the person had changed).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::progress::{Edit, Progress};
use crate::text_pos::TextPos;

mod project_ids;
pub(crate) use project_ids::ProjectIds;

/// A machine's id: 16 lowercase hex digits, kept outside the synced folder.
pub const MACHINE_ID_LEN: usize = 16;

/// One line of a journal: a change, when it was made, and its place in its machine's journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 1 for a machine's first change, then one more for each.
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub change: Record,
}

/// What a journal line records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    /// A change the person made, as [`crate::tracker::Tracker::apply`] takes it.
    Edit(Edit),
    /// A machine's whole progress file as it was when it moved to journals: merged with the rest, each
    /// item, project item and reading by its own date (the later wins), the histories joined.
    Base(Box<Progress>),
    /// A backup put back (`skillgap restore`): from its time on, the progress is that backup, whatever
    /// came before on any machine; later changes apply on top. (A `Base` merges by date, so it could not
    /// take a later change back.)
    Restore(Box<Progress>),
}

impl Entry {
    /// The entry as one line of RON, without its line break (a note's line breaks are escaped in it).
    pub fn to_line(&self) -> Result<String, ron::Error> {
        ron::ser::to_string(self)
    }
}

/// A complete line of a journal that does not read as an entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pos} cannot be read: {message}")]
pub struct DamagedLine {
    pub pos: TextPos,
    pub message: String,
}

/// The entries of a journal's text, and how many bytes at its end are a line still being delivered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Journal {
    pub entries: Vec<Entry>,
    /// Bytes after the last line break: part of a line a sync tool has not finished copying.
    pub pending: usize,
}

/// Reads a journal's text: each complete line an entry (blank lines skipped); the text after the last
/// line break is pending, not damage.
pub fn read_journal(text: &str) -> Result<Journal, DamagedLine> {
    let complete = text.rfind('\n').map_or(0, |end| end + 1);
    let mut entries = Vec::new();
    for (index, line) in text[..complete].lines().enumerate() {
        // A byte-order mark, as an editor on Windows may add one, is not part of the line.
        let line = if index == 0 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if line.trim().is_empty() {
            continue;
        }
        let entry = ron::Options::default().from_str::<Entry>(line).map_err(|err| {
            let pos = TextPos { line: index + 1, col: TextPos::of_ron_error(&err).col };
            DamagedLine { pos, message: crate::text_pos::describe(&err.code) }
        })?;
        entries.push(entry);
    }
    Ok(Journal { entries, pending: text.len() - complete })
}

/// The machine whose journal a file in `journal/` is, by its name: its first [`MACHINE_ID_LEN`]
/// characters when they are lowercase hex and the name goes on with `.`, ` ` or `-` (a sync tool's
/// conflict copy); `None` for any other file.
pub fn machine_of(file_name: &str) -> Option<&str> {
    let id = file_name.get(..MACHINE_ID_LEN)?;
    let rest = &file_name[MACHINE_ID_LEN..];
    let hex = id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex && rest.ends_with(".ron") && rest.starts_with(['.', ' ', '-'])).then_some(id)
}

/// One machine's entries, as read from one of its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub machine: String,
    pub entries: Vec<Entry>,
}

/// The progress every journal makes: each entry once (a conflict copy repeats its machine's lines),
/// applied in time order; entries at one time in the order of their machine, then their place.
pub fn fold(catalog: &Catalog, sources: &[Source]) -> Progress {
    fold_all(catalog, sources).progress
}

/// [`fold`], with what it takes to apply later entries on top (see [`Folded::follows`]).
pub fn fold_all(catalog: &Catalog, sources: &[Source]) -> Folded {
    let mut all: Vec<(&str, &Entry)> =
        sources.iter().flat_map(|source| source.entries.iter().map(|entry| (source.machine.as_str(), entry))).collect();
    all.sort_by(|(a_machine, a), (b_machine, b)| {
        (a.at, *a_machine, a.seq).cmp(&(b.at, *b_machine, b.seq)).then_with(|| tie_break(a, b))
    });
    // Equal neighbours after the sort are one change seen twice (a journal and its conflict copy).
    all.dedup();
    let mut folded = Folded::default();
    for (machine, entry) in all {
        folded.apply(catalog, machine, entry);
    }
    folded
}

/// Where an entry falls in the fold: its time, then its machine, then its place in the machine's journal.
pub type FoldKey = (DateTime<Utc>, String, u64);

/// The journals folded so far: the progress, and what applying the next entries needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folded {
    pub progress: Progress,
    pub(crate) project_ids: ProjectIds,
    /// The key of the last entry applied.
    pub last: Option<FoldKey>,
}

impl Folded {
    /// Applies `entry`, of `machine`'s journal, after those applied so far.
    pub fn apply(&mut self, catalog: &Catalog, machine: &str, entry: &Entry) {
        match &entry.change {
            Record::Edit(edit) => self.project_ids.apply(&mut self.progress, catalog, machine, edit, entry.at),
            Record::Base(base) => merge_base(&mut self.progress, base),
            Record::Restore(backup) => self.progress = (**backup).clone(),
        }
        self.last = Some((entry.at, machine.to_owned(), entry.seq));
    }

    /// Whether `entry` of `machine` comes after every entry applied, so applying it on top gives what a
    /// fold of everything would.
    pub fn follows(&self, machine: &str, entry: &Entry) -> bool {
        self.last
            .as_ref()
            .is_none_or(|(at, last_machine, seq)| (entry.at, machine, entry.seq) > (*at, last_machine.as_str(), *seq))
    }
}

/// Merges a carried-over progress file into `progress`: what is newer by its own date wins, so two
/// machines' files merge to the same whichever comes first, and nothing either held is lost.
pub(crate) fn merge_base(progress: &mut Progress, base: &Progress) {
    for (id, item) in &base.items {
        let newer = progress.items.get(id).is_none_or(|current| current.changed < item.changed);
        if newer {
            progress.items.insert(id.clone(), item.clone());
        }
    }
    let known: std::collections::HashSet<&crate::progress::HistoryEvent> = progress.history.iter().collect();
    let new: Vec<_> = base.history.iter().filter(|event| !known.contains(event)).cloned().collect();
    progress.history.extend(new);
    progress.history.sort_by_key(|event| event.at);
    let known: std::collections::HashSet<&crate::progress::ReviewEvent> = progress.reviews.iter().collect();
    let new: Vec<_> = base.reviews.iter().filter(|review| !known.contains(review)).cloned().collect();
    progress.reviews.extend(new);
    progress.reviews.sort_by_key(|review| review.at);
    for project in &base.projects {
        match progress.projects.iter_mut().find(|p| p.id == project.id) {
            None => progress.projects.push(project.clone()),
            Some(current) => {
                for (id, item) in &project.items {
                    if current.items.get(id).is_none_or(|mine| mine.changed < item.changed) {
                        current.items.insert(id.clone(), item.clone());
                    }
                }
                for reading in &project.readings {
                    current.record(reading);
                }
            }
        }
    }
}

/// Two machines that share an id (a copied config) can write different changes under one place: their
/// order is still fixed, by the changes' text.
fn tie_break(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    a.to_line().unwrap_or_default().cmp(&b.to_line().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Change, Status};
    use crate::project::{NewProject, ProjectChange};

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_765_000_000 + seconds, 0).unwrap()
    }

    fn mark(seq: u64, seconds: i64, item: &str, status: Status, note: Option<&str>) -> Entry {
        let change =
            Change { item: item.into(), status: Some(status), note: note.map(str::to_owned), ..Change::default() };
        Entry { seq, at: at(seconds), change: Record::Edit(Edit::Item(change)) }
    }

    fn text(entries: &[Entry]) -> String {
        entries.iter().map(|e| e.to_line().unwrap() + "\n").collect()
    }

    #[test]
    fn an_entry_is_one_line_and_reads_back() {
        let project =
            NewProject { name: "Tuition centre".into(), checklist: "launch-one-project".into(), ..Default::default() };
        let entries = [
            mark(1, 0, "devops-basics/dockerfile", Status::Done, Some("line one\nline \"two\"")),
            Entry {
                seq: 2,
                at: at(1),
                change: Record::Edit(Edit::Project(ProjectChange::Add { id: "tc".into(), project })),
            },
        ];
        let written = text(&entries);
        assert_eq!(written.lines().count(), 2, "{written}");
        assert_eq!(read_journal(&written).unwrap(), Journal { entries: entries.to_vec(), pending: 0 });
    }

    #[test]
    fn a_half_delivered_line_is_pending_and_a_damaged_line_is_placed() {
        let written = text(&[mark(1, 0, "a/one", Status::Done, None), mark(2, 1, "a/two", Status::Done, None)]);
        let cut = &written[..written.len() - 10];
        let read = read_journal(cut).unwrap();
        assert_eq!((read.entries.len(), read.pending), (1, written.lines().nth(1).unwrap().len() - 9));
        let damaged = format!("{}(seq: 3, at: \"yesterday\", change: Edit(Item((item: \"a/x\"))))\n", written);
        let err = read_journal(&damaged).unwrap_err();
        assert_eq!(err.pos.line, 3, "{err}");
        assert!(err.to_string().starts_with("3:"), "{err}");
    }

    #[test]
    fn machines_are_known_by_their_files_and_conflict_copies() {
        let id = "0123456789abcdef";
        for name in [
            format!("{id}.ron"),
            format!("{id}.sync-conflict-20261206-101010-ABCDEFG.ron"),
            format!("{id} (conflicted copy 2026-12-06).ron"),
            format!("{id}-LAPTOP.ron"),
        ] {
            assert_eq!(machine_of(&name), Some(id), "{name}");
        }
        for name in ["0123456789ABCDEF.ron", "0123456789abcde.ron", "0123456789abcdefg.ron", "notes.txt"] {
            assert_eq!(machine_of(name), None, "{name}");
        }
    }

    /// Two machines' changes, in any order of files and with a conflict copy of one, fold to one progress:
    /// the later change wins, a tie goes by machine, and a change seen twice counts once.
    #[test]
    fn the_fold_is_the_same_whatever_the_files_and_counts_each_change_once() {
        let catalog = Catalog::default();
        let laptop = Source {
            machine: "aaaaaaaaaaaaaaaa".into(),
            entries: vec![
                mark(1, 0, "a/one", Status::Learning, None),
                mark(2, 10, "a/one", Status::Done, Some("laptop")),
            ],
        };
        let desktop = Source {
            machine: "bbbbbbbbbbbbbbbb".into(),
            entries: vec![mark(1, 5, "a/two", Status::Done, None), mark(2, 10, "a/one", Status::Done, Some("desktop"))],
        };
        let copy = Source { machine: laptop.machine.clone(), entries: laptop.entries[..1].to_vec() };
        let one = fold(&catalog, &[laptop.clone(), desktop.clone()]);
        let other = fold(&catalog, &[desktop, copy, laptop]);
        assert_eq!(one, other);
        assert_eq!(one.items["a/one"].note, "desktop", "at one time, the later machine's change is applied last");
        assert_eq!(one.items["a/two"].status, Status::Done);
        let one_events: Vec<_> = one.history.iter().filter(|e| e.item == "a/one").map(|e| (e.from, e.to)).collect();
        assert_eq!(one_events, [(Status::Todo, Status::Learning), (Status::Learning, Status::Done)], "each once");
    }

    /// Two machines that each had a progress file of their own when they moved to journals: both files
    /// are kept whole, merged by each item's date whichever machine comes first, and later changes apply.
    #[test]
    fn two_carried_over_files_merge_by_their_own_dates_in_either_order() {
        let catalog = Catalog::default();
        let base = |marks: &[(&str, Status, i64)]| {
            let mut progress = Progress::default();
            for &(item, status, seconds) in marks {
                progress.apply(
                    &catalog,
                    &Change { item: item.into(), status: Some(status), ..Change::default() },
                    at(seconds),
                );
            }
            progress
        };
        let laptop = base(&[("a/one", Status::Done, 0), ("a/two", Status::Done, 1)]);
        let desktop = base(&[("a/one", Status::Learning, 5), ("a/three", Status::Skipped, 2)]);
        let entry = |seq, seconds, progress: &Progress| Entry {
            seq,
            at: at(seconds),
            change: Record::Base(Box::new(progress.clone())),
        };
        let sources = |first_at, second_at| {
            vec![
                Source {
                    machine: "aaaaaaaaaaaaaaaa".into(),
                    entries: vec![entry(1, first_at, &laptop), mark(2, 200, "a/two", Status::Todo, None)],
                },
                Source { machine: "bbbbbbbbbbbbbbbb".into(), entries: vec![entry(1, second_at, &desktop)] },
            ]
        };
        let (one, other) = (fold(&catalog, &sources(100, 150)), fold(&catalog, &sources(150, 100)));
        assert_eq!(one, other, "the order the machines moved in does not matter");
        let status = |item: &str| one.items[item].status;
        assert_eq!(
            (status("a/one"), status("a/two"), status("a/three")),
            (Status::Learning, Status::Todo, Status::Skipped)
        );
        assert_eq!(one.history.len(), 5, "four carried over, one made after: {:?}", one.history);
        assert!(one.history.windows(2).all(|pair| pair[0].at <= pair[1].at));
    }

    /// A restore on one machine puts the backup back for every machine, at its time: changes before it
    /// (here or elsewhere) are gone, changes after it stay.
    #[test]
    fn a_restore_puts_the_backup_back_and_later_changes_apply_on_top() {
        let catalog = Catalog::default();
        let mut backup = Progress::default();
        backup.apply(
            &catalog,
            &Change { item: "a/one".into(), status: Some(Status::Learning), ..Change::default() },
            at(0),
        );
        let restore = Entry { seq: 2, at: at(20), change: Record::Restore(Box::new(backup.clone())) };
        let laptop = Source {
            machine: "aaaaaaaaaaaaaaaa".into(),
            entries: vec![mark(1, 10, "a/one", Status::Done, Some("a mistake")), restore],
        };
        let desktop = Source {
            machine: "bbbbbbbbbbbbbbbb".into(),
            entries: vec![mark(1, 15, "a/two", Status::Done, None), mark(2, 30, "a/three", Status::Done, None)],
        };
        let folded = fold(&catalog, &[laptop, desktop]);
        assert_eq!(folded.items["a/one"], backup.items["a/one"], "as in the backup");
        assert!(!folded.items.contains_key("a/two"), "a change before the restore is taken back");
        assert_eq!(folded.items["a/three"].status, Status::Done, "a change after it stays");
    }
}
