//! The journal files of a data folder (see [`crate::journal`] for what a line holds and how journals
//! fold). Each machine appends to
//! `journal/MACHINE.ron` only, so no file has two writers; the machine's id is kept in the config
//! folder, outside the synced data folder.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::SystemTime;

use super::files::{atomic_write, read_limited, sync_dir};
use super::{PROGRESS_FILE, StoreError};
use crate::journal::{MACHINE_ID_LEN, machine_of};
use crate::text_pos::TextPos;

/// The folder of the journals, in the data folder.
pub const JOURNAL_DIR: &str = "journal";
/// The file in the config folder that names this machine.
pub(super) const MACHINE_ID_FILE: &str = "machine-id";

/// This machine's id, from the config folder; made (random, 16 hex digits) the first time, or when the
/// file holds anything else.
pub fn machine_id(config_dir: &Path) -> io::Result<String> {
    if let Some(id) = existing_machine_id(config_dir) {
        return Ok(id);
    }
    // std's hasher is keyed at random per process: hashing the time and the process id with it gives
    // 64 bits no other machine (or copy of this config) made at another moment will share.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    hasher.write_u32(std::process::id());
    let id = format!("{:0width$x}", hasher.finish(), width = MACHINE_ID_LEN);
    fs::create_dir_all(config_dir)?;
    atomic_write(&config_dir.join(MACHINE_ID_FILE), format!("{id}\n").as_bytes())?;
    Ok(id)
}

/// This machine's id if it has one yet (it has none before its first change).
pub fn existing_machine_id(config_dir: &Path) -> Option<String> {
    let text = fs::read_to_string(config_dir.join(MACHINE_ID_FILE)).ok()?;
    let id = text.trim();
    (machine_of(&format!("{id}.ron")) == Some(id)).then(|| id.to_owned())
}

/// One journal file as read: its name, the machine it belongs to, the text of its complete lines, and
/// how many bytes after them are still being delivered (a sync tool's copy in progress may end inside
/// a character, so they are not read as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalFile {
    pub name: String,
    pub machine: String,
    pub text: String,
    pub pending: usize,
}

/// Every journal in `data_dir/journal/` (conflict copies included), in name order; other files are left
/// alone and unread. No folder yet is no journals. Complete lines that are not UTF-8 are damage, placed.
pub fn read_journals(data_dir: &Path) -> Result<Vec<JournalFile>, StoreError> {
    let dir = data_dir.join(JOURNAL_DIR);
    let read_error = |path: &Path, error| StoreError::Read { path: path.to_path_buf(), error };
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(read_error(&dir, error)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| read_error(&dir, error))?;
        let (name, path) = (entry.file_name().to_string_lossy().into_owned(), entry.path());
        let Some(machine) = machine_of(&name).map(str::to_owned) else { continue };
        if !entry.file_type().map_err(|error| read_error(&path, error))?.is_file() {
            continue;
        }
        let mut bytes = read_limited(&path).map_err(|error| read_error(&path, error))?;
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let pending = bytes.len() - complete;
        bytes.truncate(complete);
        let text = String::from_utf8(bytes).map_err(|err| StoreError::DamagedJournal {
            pos: TextPos::of_invalid_utf8(err.as_bytes(), err.utf8_error().valid_up_to()),
            path: path.clone(),
            message: "not UTF-8 text".to_owned(),
        })?;
        files.push(JournalFile { name, machine, text, pending });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// What identifies one version of a file on disk: an append changes its size, a replacement its inode,
/// any edit its size or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn fingerprint(meta: &fs::Metadata) -> Fingerprint {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    Fingerprint { len: meta.len(), modified: meta.modified().ok(), inode }
}

/// The journals and the progress file to carry over as they are on disk: when it changes, someone (a
/// process of this machine, a sync tool) changed progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiskState {
    journals: BTreeMap<String, Fingerprint>,
    legacy: Option<Fingerprint>,
}

/// The [`DiskState`] of `data_dir` now: a listing of `journal/` and a look at each journal.
pub fn disk_state(data_dir: &Path) -> DiskState {
    let mut journals = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(data_dir.join(JOURNAL_DIR)) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if machine_of(&name).is_some()
                && let Ok(meta) = entry.metadata()
            {
                journals.insert(name, fingerprint(&meta));
            }
        }
    }
    let legacy = fs::metadata(data_dir.join(PROGRESS_FILE)).ok().map(|meta| fingerprint(&meta));
    DiskState { journals, legacy }
}

impl DiskState {
    /// Takes in what this machine's append changed: its own journal, and the progress file it carried
    /// over (`carried`). Any other change stays news.
    pub(super) fn update(&mut self, data_dir: &Path, machine: &str, carried: bool) {
        let name = format!("{machine}.ron");
        if let Ok(meta) = fs::metadata(data_dir.join(JOURNAL_DIR).join(&name)) {
            self.journals.insert(name, fingerprint(&meta));
        }
        if carried {
            self.legacy = None;
        }
    }
}

/// Appends `lines` (each without its line break) to this machine's journal and makes them durable
/// (fsync of the file, and of the folder when the file is new). The caller holds the folder's lock. A
/// torn last line, left by a write of this machine killed mid-line and so never acknowledged, is cut off
/// first, so each new line starts on a line of its own.
pub fn append_lines(data_dir: &Path, machine: &str, lines: &[String]) -> io::Result<()> {
    let dir = data_dir.join(JOURNAL_DIR);
    let created_dir = !dir.exists();
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{machine}.ron"));
    let new_file = !path.exists();
    let mut file = OpenOptions::new().read(true).append(true).create(true).open(&path)?;
    cut_torn_line(&mut file)?;
    let mut text = lines.join("\n");
    text.push('\n');
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    if new_file {
        sync_dir(&dir)?;
    }
    if created_dir {
        sync_dir(data_dir)?;
    }
    Ok(())
}

/// Cuts `file` back to just after its last line break when it does not end with one.
fn cut_torn_line(file: &mut File) -> io::Result<()> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut last = [0u8];
    file.seek(SeekFrom::End(-1))?;
    file.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(());
    }
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    let keep = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    file.set_len(keep as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: &str = "0123456789abcdef";

    #[test]
    fn lines_are_appended_whole_and_a_torn_last_line_of_mine_is_cut_first() {
        let dir = tempfile::tempdir().unwrap();
        append_lines(dir.path(), ME, &["one".into(), "two".into()]).unwrap();
        let path = dir.path().join(JOURNAL_DIR).join(format!("{ME}.ron"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\ntwo\n");
        // A write killed mid-line.
        OpenOptions::new().append(true).open(&path).unwrap().write_all(b"thr").unwrap();
        append_lines(dir.path(), ME, &["three".into()]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\ntwo\nthree\n");
    }

    #[test]
    fn every_journal_and_conflict_copy_is_read_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let journals = dir.path().join(JOURNAL_DIR);
        fs::create_dir_all(journals.join("ffffffffffffffff.ron")).unwrap();
        let copy = format!("{ME}.sync-conflict-20261206-101010-ABCDEFG.ron");
        for name in [format!("{ME}.ron"), copy.clone(), "notes.txt".into()] {
            fs::write(journals.join(&name), format!("{name}\n")).unwrap();
        }
        // A copy cut inside a character: its complete lines are read, the rest is pending.
        fs::write(journals.join("aaaaaaaaaaaaaaaa.ron"), b"whole line\ncaf\xc3").unwrap();
        let read = read_journals(dir.path()).unwrap();
        let names: Vec<(&str, &str, usize)> =
            read.iter().map(|f| (f.name.as_str(), f.machine.as_str(), f.pending)).collect();
        let mine = format!("{ME}.ron");
        assert_eq!(
            names,
            [(mine.as_str(), ME, 0), (copy.as_str(), ME, 0), ("aaaaaaaaaaaaaaaa.ron", "aaaaaaaaaaaaaaaa", 4)]
        );
        assert_eq!(read[2].text, "whole line\n");
        assert!(read_journals(&dir.path().join("none")).unwrap().is_empty());
    }

    #[test]
    fn a_machine_keeps_its_id_and_two_configs_get_two() {
        let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let id = machine_id(one.path()).unwrap();
        assert_eq!(machine_of(&format!("{id}.ron")), Some(id.as_str()), "{id}");
        assert_eq!(machine_id(one.path()).unwrap(), id);
        assert_ne!(machine_id(two.path()).unwrap(), id);
        fs::write(one.path().join(MACHINE_ID_FILE), "not an id\n").unwrap();
        let new = machine_id(one.path()).unwrap();
        assert!(new != id && machine_of(&format!("{new}.ron")).is_some());
    }
}
