//! A cache of parsed files, so a run does not re-parse megabytes of RON that have not changed.
//!
//! Each entry is keyed by a hash (xxh3-128) of the exact bytes it was parsed from, not by size or
//! modification time: the bytes are read anyway, hashing them costs well under a millisecond per
//! megabyte, and a changed file can never be served from a stale entry, however fast it was edited.
//! Callers store only successful parses, so problems are always found and reported afresh.
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

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Eq)]
struct Header {
    /// The skillgap version that wrote the entry: another version may lay its types out differently.
    app: String,
    /// xxh3-128 of the source bytes.
    key: u128,
}

impl ParseCache {
    /// A cache kept in `dir` (created when first written).
    pub fn in_dir(dir: impl Into<PathBuf>) -> ParseCache {
        ParseCache { dir: Some(dir.into()) }
    }

    pub fn off() -> ParseCache {
        ParseCache { dir: None }
    }

    /// The cached parse of the file at `path` when the entry `slot` was made from its current bytes.
    /// The file is hashed as it streams by, so a hit never holds the whole file in memory.
    pub fn lookup_file<T: DeserializeOwned>(&self, slot: &str, path: &Path) -> Option<T> {
        let dir = self.dir.as_ref()?;
        let entry = entry_path(dir, slot);
        if !entry.exists() {
            return None;
        }
        let mut file = std::fs::File::open(path).ok()?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buffer[..n]),
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        read_entry(&entry, hasher.digest128())
    }

    /// Stores `value` as the parse of `bytes`: after a miss was parsed, or after a save, whose bytes and
    /// value are both at hand. Only successful parses are stored.
    pub fn put<T: Serialize>(&self, slot: &str, bytes: &[u8], value: &T) {
        if let Some(dir) = &self.dir {
            write_entry(dir, &entry_path(dir, slot), xxhash_rust::xxh3::xxh3_128(bytes), value);
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

fn read_entry<T: DeserializeOwned>(path: &Path, key: u128) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let (header, rest) = postcard::take_from_bytes::<Header>(rest).ok()?;
    if header != (Header { app: env!("CARGO_PKG_VERSION").to_owned(), key }) {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

fn write_entry<T: Serialize>(dir: &Path, path: &Path, key: u128, value: &T) {
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
        cache.put("slot", b"a,b", &parsed("a,b"));
        assert_eq!(cache.lookup_file("slot", &source), Some(parsed("a,b")));
        // Same length, different bytes: never the old value.
        std::fs::write(&source, "a,c").unwrap();
        assert_eq!(cache.lookup_file::<Parsed>("slot", &source), None, "an edited file misses");
        assert_eq!(cache.lookup_file::<Parsed>("slot", &dir.path().join("gone")), None);
    }

    #[test]
    fn a_damaged_entry_is_ignored_and_rewritten() {
        let (dir, cache, source) = setup("x");
        cache.put("slot", b"x", &parsed("x"));
        let entry = entry_path(&dir.path().join("cache"), "slot");
        let mut bytes = std::fs::read(&entry).unwrap();
        bytes.truncate(bytes.len() - 1);
        std::fs::write(&entry, &bytes).unwrap();
        assert_eq!(cache.lookup_file::<Parsed>("slot", &source), None, "a truncated entry is not trusted");
        cache.put("slot", b"x", &parsed("x"));
        assert!(std::fs::read(&entry).unwrap().len() > bytes.len(), "and it is written whole again");
        assert_eq!(cache.lookup_file("slot", &source), Some(parsed("x")));
    }

    #[test]
    fn an_unwritable_cache_and_a_switched_off_one_only_miss() {
        let (dir, _, source) = setup("y");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "not a folder").unwrap();
        let unwritable = ParseCache::in_dir(&blocker);
        unwritable.put("slot", b"y", &parsed("y"));
        assert_eq!(unwritable.lookup_file::<Parsed>("slot", &source), None);
        let off = ParseCache::off();
        off.put("slot", b"y", &parsed("y"));
        assert_eq!(off.lookup_file::<Parsed>("slot", &source), None);
    }
}
