//! The fold of the journals, kept between runs so a run parses only the lines appended since (issue 31's
//! speed: a realistic `summary` no slower than Taskwarrior's). It is a cache of this machine's, in the
//! config folder (never in the synced data folder), and never trusted blindly: it is used only when it
//! reads whole (its own checksum), was made by this format from the same checklists' ids and aliases, and
//! every journal it folded still starts with exactly the bytes it folded (their length and xxh3 hash).
//! Anything else (a journal edited or new, a conflict copy, a line out of time order) is a full fold, and
//! the snapshot is made again. Losing it costs one full fold, nothing else: it is written without fsync.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::Clock;
use super::journal_files::JournalFile;
use crate::catalog::Catalog;
use crate::journal::{Entry, Folded, ProjectIds, read_journal};
use crate::progress::{CURRENT_VERSION, HistoryEvent, ItemProgress, Progress, ReviewEvent, Status};
use crate::review::Rating;

/// Changed whenever what is written changes: an older snapshot is then a full fold, not a misreading.
const FORMAT: u32 = 2;
const SNAPSHOT_DIR: &str = "snapshots";

/// Where the snapshot of `data_dir`'s journals is kept in `config_dir`: one per data folder.
pub(super) fn snapshot_path(config_dir: &Path, data_dir: &Path) -> PathBuf {
    let data_dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let key = xxh3_64(data_dir.to_string_lossy().as_bytes());
    config_dir.join(SNAPSHOT_DIR).join(format!("{key:016x}.bin"))
}

/// What a fold depends on besides the journals: the items' ids and aliases (a change to an alias
/// finds the progress kept under the old id).
pub(super) fn catalog_key(catalog: &Catalog) -> u64 {
    let mut text = String::new();
    for item in &catalog.items {
        text.push_str(&item.full_id);
        for alias in &item.aliases {
            text.push(' ');
            text.push_str(alias);
        }
        text.push('\n');
    }
    xxh3_64(text.as_bytes())
}

/// A journal's complete lines as folded: how many bytes, and their hash.
#[derive(Debug, Serialize, Deserialize)]
struct Mark {
    name: String,
    len: u64,
    hash: u64,
}

type Time = (i64, u32);

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Snapshot {
    format: u32,
    catalog: u64,
    files: Vec<Mark>,
    last: Option<(Time, String, u64)>,
    latest: Option<Time>,
    last_seq: Vec<(String, u64)>,
    project_ids: ProjectIds,
    items: Vec<(String, Status, Time, String, String)>,
    /// Item ids, once each, that `history` names by place.
    names: Vec<String>,
    history: Vec<(u32, Status, Status, Time, bool)>,
    /// Reviews, naming their items by place in `names` too.
    reviews: Vec<(u32, Rating, Time)>,
    /// The projects, as RON: few, and with fields the compact form cannot leave out.
    projects: String,
}

fn time(at: DateTime<Utc>) -> Time {
    (at.timestamp(), at.timestamp_subsec_nanos())
}

fn from_time((seconds, nanos): Time) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, nanos)
}

/// The fold `snapshot` holds, brought up to date with `files` by applying the lines appended since; `None`
/// when it cannot be (see the module's doc). The third value says whether it was up to date already.
pub(super) fn fold_from(snapshot: Snapshot, catalog: &Catalog, files: &[JournalFile]) -> Option<(Folded, Clock, bool)> {
    if snapshot.catalog != catalog_key(catalog) || snapshot.files.len() != files.len() {
        return None;
    }
    let mut new: Vec<(&str, Entry)> = Vec::new();
    for (file, mark) in files.iter().zip(&snapshot.files) {
        let len = usize::try_from(mark.len).ok()?;
        if file.name != mark.name || file.text.len() < len || xxh3_64(&file.text.as_bytes()[..len]) != mark.hash {
            return None;
        }
        let tail = read_journal(file.text.get(len..)?).ok()?;
        new.extend(tail.entries.into_iter().map(|entry| (file.machine.as_str(), entry)));
    }
    // Two files of one machine (a conflict copy) may repeat a line: only a full fold counts it once.
    let mut machines: Vec<&str> = files.iter().map(|f| f.machine.as_str()).collect();
    machines.dedup();
    if !new.is_empty() && machines.len() != files.len() {
        return None;
    }
    let (mut folded, mut clock) = restore(snapshot)?;
    new.sort_by(|(a_machine, a), (b_machine, b)| (a.at, *a_machine, a.seq).cmp(&(b.at, *b_machine, b.seq)));
    let fresh = new.is_empty();
    for (machine, entry) in &new {
        if !folded.follows(machine, entry) {
            return None;
        }
        folded.apply(catalog, machine, entry);
        clock.latest = clock.latest.max(Some(entry.at));
        let last = clock.last_seq.entry((*machine).to_owned()).or_default();
        *last = (*last).max(entry.seq);
    }
    Some((folded, clock, fresh))
}

/// The snapshot at `path`, if it reads whole and is of this format (of any checklists: `fold_from` checks).
pub(super) fn read(path: &Path) -> Option<Snapshot> {
    let bytes = std::fs::read(path).ok()?;
    let (payload, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(payload).to_le_bytes() != sum {
        return None;
    }
    let snapshot: Snapshot = postcard::from_bytes(payload).ok()?;
    (snapshot.format == FORMAT).then_some(snapshot)
}

/// The journals this machine folded before that are now gone or shorter, said in words: a sync tool or
/// git that put back an older copy, or passed on a deletion, took changes away, and nothing else would say
/// so. (Said once: the snapshot is then made of what is there.)
pub(super) fn lost_since(snapshot: &Snapshot, data_dir: &Path, files: &[JournalFile]) -> Vec<String> {
    let journal = |name: &str| data_dir.join(super::journal_files::JOURNAL_DIR).join(name);
    let history = "If a sync tool or git put back an older copy or passed on a deletion, the changes it held are \
no longer counted: get the file back from the tool's history (Syncthing's .stversions, Dropbox's version history, \
`git log -- journal`).";
    snapshot
        .files
        .iter()
        .filter_map(|mark| match files.iter().find(|f| f.name == mark.name) {
            None => Some(format!(
                "journal {} is gone since this machine last read it. {history}",
                journal(&mark.name).display()
            )),
            Some(file) if (file.text.len() as u64) < mark.len => Some(format!(
                "journal {} is shorter than when this machine last read it ({} bytes, then {}). {history}",
                journal(&mark.name).display(),
                file.text.len(),
                mark.len
            )),
            Some(_) => None,
        })
        .collect()
}

fn restore(snapshot: Snapshot) -> Option<(Folded, Clock)> {
    let mut items = BTreeMap::new();
    for (id, status, changed, note, evidence) in snapshot.items {
        items.insert(id, ItemProgress { status, changed: from_time(changed)?, note, evidence });
    }
    let mut history = Vec::with_capacity(snapshot.history.len());
    for (item, from, to, at, undo) in snapshot.history {
        let item = snapshot.names.get(usize::try_from(item).ok()?)?.clone();
        history.push(HistoryEvent { item, from, to, at: from_time(at)?, undo });
    }
    let mut reviews = Vec::with_capacity(snapshot.reviews.len());
    for (item, rating, at) in snapshot.reviews {
        let item = snapshot.names.get(usize::try_from(item).ok()?)?.clone();
        reviews.push(ReviewEvent { item, at: from_time(at)?, rating });
    }
    let projects = ron::from_str(&snapshot.projects).ok()?;
    let progress = Progress { version: CURRENT_VERSION, items, history, projects, reviews };
    let last = match snapshot.last {
        Some((at, machine, seq)) => Some((from_time(at)?, machine, seq)),
        None => None,
    };
    let latest = match snapshot.latest {
        Some(at) => Some(from_time(at)?),
        None => None,
    };
    let clock = Clock { latest, last_seq: snapshot.last_seq.into_iter().collect(), renamed: Vec::new() };
    Some((Folded { progress, project_ids: snapshot.project_ids, last }, clock))
}

/// Keeps `folded` (the fold of `files`) at `path`, atomically; a failure is only a slower next run.
pub(super) fn save(path: &Path, catalog: &Catalog, files: &[JournalFile], folded: &Folded, clock: &Clock) {
    let files = files
        .iter()
        .map(|f| Mark { name: f.name.clone(), len: f.text.len() as u64, hash: xxh3_64(f.text.as_bytes()) })
        .collect();
    let progress = &folded.progress;
    let Ok(projects) = ron::to_string(&progress.projects) else { return };
    let mut places: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut names = Vec::new();
    let history = progress
        .history
        .iter()
        .map(|event| (place_of(&mut places, &mut names, &event.item), event.from, event.to, time(event.at), event.undo))
        .collect();
    let reviews =
        progress.reviews.iter().map(|r| (place_of(&mut places, &mut names, &r.item), r.rating, time(r.at))).collect();
    let snapshot = Snapshot {
        format: FORMAT,
        catalog: catalog_key(catalog),
        files,
        last: folded.last.as_ref().map(|(at, machine, seq)| (time(*at), machine.clone(), *seq)),
        latest: clock.latest.map(time),
        last_seq: clock.last_seq.iter().map(|(machine, seq)| (machine.clone(), *seq)).collect(),
        project_ids: folded.project_ids.clone(),
        items: progress
            .items
            .iter()
            .map(|(id, p)| (id.clone(), p.status, time(p.changed), p.note.clone(), p.evidence.clone()))
            .collect(),
        names,
        history,
        reviews,
        projects,
    };
    let Ok(mut bytes) = postcard::to_stdvec(&snapshot) else { return };
    bytes.extend_from_slice(&xxh3_64(&bytes).to_le_bytes());
    write(path, &bytes).ok();
}

/// The place of `item` in `names`, added at the end the first time.
fn place_of<'a>(places: &mut std::collections::HashMap<&'a str, u32>, names: &mut Vec<String>, item: &'a str) -> u32 {
    let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
    *places.entry(item).or_insert_with(|| {
        names.push(item.to_owned());
        next
    })
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = super::files::folder_of(path);
    std::fs::create_dir_all(folder)?;
    remove_stale_temp_files(folder);
    let mut staged = tempfile::Builder::new().prefix(".snapshot.").suffix(".tmp").tempfile_in(folder)?;
    staged.write_all(bytes)?;
    staged.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// Removes what a run killed while writing a snapshot left (a minute old: a write takes milliseconds, and
/// another run's may be under way).
fn remove_stale_temp_files(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry.metadata().and_then(|meta| meta.modified()).is_ok_and(|modified| modified < minute_ago);
        if name.starts_with(".snapshot.") && name.ends_with(".tmp") && old {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}
