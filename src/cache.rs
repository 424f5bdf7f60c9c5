//! A cache of parsed files, so a run does not re-parse megabytes of RON that have not changed.
//!
//! Each entry is keyed by a hash (xxh3-128) of the exact bytes it was parsed from, not by size or
//! modification time: hashing streams at several GB/s (under a millisecond for the 4.7 MB of 10,000
//! items) and a changed file can never be served from a stale entry, however fast it was edited.
//! Callers store only successful parses, so problems are always found and reported afresh.
//!
//! Entries are postcard, read from a memory map: at 10,000 items copying an entry into fresh heap
//! pages cost more than decoding it.
//!
//! The cache is disposable: a missing, unreadable, damaged or foreign entry is ignored and rewritten,
//! and a failed write is ignored too. Entries are written to a temporary file and renamed into place,
//! so a reader sees a whole entry or none.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Marks a skillgap cache file. Bump the digit when a cached type changes shape.
const MAGIC: &[u8; 8] = b"SGCACHE1";

/// Where parsed files are cached; [`ParseCache::off`] parses every time.
#[derive(Debug, Clone, Default)]
pub struct ParseCache {
    dir: Option<PathBuf>,
}

/// What an entry was made from: xxh3-128 of the source bytes, or a [`Key::combine`] of several keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Key(u128);

impl Key {
    pub fn of_bytes(bytes: &[u8]) -> Key {
        Key(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    /// The key of the file's current bytes, hashed as they stream by so the file is never held in
    /// memory whole. `None` when it cannot be read.
    pub fn of_file(path: &Path) -> Option<Key> {
        let mut file = std::fs::File::open(path).ok()?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match file.read(&mut buffer) {
                Ok(0) => return Some(Key(hasher.digest128())),
                Ok(n) => hasher.update(&buffer[..n]),
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
    }

    /// One key for several sources, each named (say by its path) so that moving bytes from one
    /// source to another changes the key too.
    pub fn combine<'a>(parts: impl IntoIterator<Item = (&'a [u8], Key)>) -> Key {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (name, key) in parts {
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name);
            hasher.update(&key.0.to_le_bytes());
        }
        Key(hasher.digest128())
    }
}

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Eq)]
struct Header {
    /// The skillgap version that wrote the entry: another version may lay its types out differently.
    app: String,
    key: Key,
}

impl ParseCache {
    /// A cache kept in `dir` (created when first written).
    pub fn in_dir(dir: impl Into<PathBuf>) -> ParseCache {
        ParseCache { dir: Some(dir.into()) }
    }

    pub fn off() -> ParseCache {
        ParseCache { dir: None }
    }

    pub fn is_off(&self) -> bool {
        self.dir.is_none()
    }

    /// The value in entry `slot` when it was made from sources with this `key`.
    pub fn get<T: DeserializeOwned>(&self, slot: &str, key: Key) -> Option<T> {
        read_entry(&entry_path(self.dir.as_ref()?, slot), key)
    }

    /// The cached parse of the file at `path` when the entry `slot` was made from its current bytes.
    pub fn lookup_file<T: DeserializeOwned>(&self, slot: &str, path: &Path) -> Option<T> {
        let entry = entry_path(self.dir.as_ref()?, slot);
        // No entry, no need to read and hash the file.
        if !entry.exists() {
            return None;
        }
        read_entry(&entry, Key::of_file(path)?)
    }

    /// Stores `value` in entry `slot` as made from sources with this `key`: after a miss was parsed,
    /// or after a save, whose bytes and value are both at hand. Only successful parses are stored.
    pub fn put<T: Serialize>(&self, slot: &str, key: Key, value: &T) {
        if let Some(dir) = &self.dir {
            write_entry(dir, &entry_path(dir, slot), key, value);
        }
    }
}

/// One file per slot; a slot named after a path is hashed so any path makes a valid file name.
fn entry_path(dir: &Path, slot: &str) -> PathBuf {
    let safe = slot.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if safe && slot.len() <= 64 {
        dir.join(format!("{slot}.bin"))
    } else {
        dir.join(format!("{:032x}.bin", xxhash_rust::xxh3::xxh3_128(slot.as_bytes())))
    }
}

fn read_entry<T: DeserializeOwned>(path: &Path, key: Key) -> Option<T> {
    let file = std::fs::File::open(path).ok()?;
    // Mapped, not read: copying megabytes into fresh heap pages cost more than decoding them.
    // SAFETY: the mapped bytes never change while mapped. Entries are never written in place: a new
    // entry is a new file renamed over the old one, and the old inode lives on until unmapped. Only
    // another program truncating the file could fault the read (rustc maps its incremental cache
    // under the same assumption).
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.ok()?;
    let rest = map.strip_prefix(MAGIC)?;
    let (header, rest) = postcard::take_from_bytes::<Header>(rest).ok()?;
    if header != (Header { app: env!("CARGO_PKG_VERSION").to_owned(), key }) {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

fn write_entry<T: Serialize>(dir: &Path, path: &Path, key: Key, value: &T) {
    let header = Header { app: env!("CARGO_PKG_VERSION").to_owned(), key };
    let Ok(mut bytes) = postcard::to_stdvec(&header) else { return };
    let Ok(body) = postcard::to_stdvec(value) else { return };
    bytes.splice(0..0, MAGIC.iter().copied());
    bytes.extend_from_slice(&body);
    // A cache that cannot be written only makes the next run slower.
    let _ = std::fs::create_dir_all(dir)
        .and_then(|()| tempfile::NamedTempFile::with_prefix_in(".skillgap-cache-", dir))
        .and_then(|mut file| {
            file.write_all(&bytes)?;
            file.persist(path).map(drop).map_err(|err| err.error)
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Parsed(Vec<String>);

    fn parsed(text: &str) -> Parsed {
        Parsed(text.split(',').map(str::to_owned).collect())
    }

    /// A cache in a temporary folder and a source file holding `text`.
    fn setup(text: &str) -> (tempfile::TempDir, ParseCache, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let cache = ParseCache::in_dir(dir.path().join("cache"));
        let source = dir.path().join("source.txt");
        std::fs::write(&source, text).unwrap();
        (dir, cache, source)
    }

    #[test]
    fn a_file_lookup_hits_only_for_the_bytes_the_entry_was_made_from() {
        let (dir, cache, source) = setup("a,b");
        assert_eq!(cache.lookup_file::<Parsed>("slot", &source), None, "nothing cached yet");
        cache.put("slot", Key::of_bytes(b"a,b"), &parsed("a,b"));
        assert_eq!(cache.lookup_file("slot", &source), Some(parsed("a,b")));
        // Same length, different bytes: never the old value.
        std::fs::write(&source, "a,c").unwrap();
        assert_eq!(cache.lookup_file::<Parsed>("slot", &source), None, "an edited file misses");
        assert_eq!(cache.lookup_file::<Parsed>("slot", &dir.path().join("gone")), None);
    }

    #[test]
    fn a_damaged_entry_is_ignored_and_rewritten() {
        let (dir, cache, source) = setup("x");
        cache.put("slot", Key::of_bytes(b"x"), &parsed("x"));
        let entry = entry_path(&dir.path().join("cache"), "slot");
        let mut bytes = std::fs::read(&entry).unwrap();
        bytes.truncate(bytes.len() - 1);
        std::fs::write(&entry, &bytes).unwrap();
        assert_eq!(cache.lookup_file::<Parsed>("slot", &source), None, "a truncated entry is not trusted");
        cache.put("slot", Key::of_bytes(b"x"), &parsed("x"));
        assert!(std::fs::read(&entry).unwrap().len() > bytes.len(), "and it is written whole again");
        assert_eq!(cache.lookup_file("slot", &source), Some(parsed("x")));
    }

    #[test]
    fn an_unwritable_cache_and_a_switched_off_one_only_miss() {
        let (dir, _, source) = setup("y");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "not a folder").unwrap();
        let unwritable = ParseCache::in_dir(&blocker);
        unwritable.put("slot", Key::of_bytes(b"y"), &parsed("y"));
        assert_eq!(unwritable.lookup_file::<Parsed>("slot", &source), None);
        let off = ParseCache::off();
        off.put("slot", Key::of_bytes(b"y"), &parsed("y"));
        assert_eq!(off.lookup_file::<Parsed>("slot", &source), None);
    }
}
