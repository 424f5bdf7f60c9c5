//! A cache of parsed files, so a run does not re-parse megabytes of RON that have not changed.
//!
//! Each entry is keyed by a hash (xxh3-128) of the exact bytes it was parsed from, so a changed file
//! is never served from a stale entry, however fast it was edited. Reading and hashing a source
//! costs about a millisecond per 4 MB, so a file whose bytes were hashed once is not read again
//! while its stamp (size, modification and change times, inode, device) stays the same; see
//! [`SETTLED`] for why that is safe. Callers store only successful parses, so problems are always
//! found and reported afresh.
//!
//! Entries are postcard, read from a memory map: at 10,000 items copying an entry into fresh heap
//! pages cost more than decoding it.
//!
//! The cache is disposable: a missing, unreadable, damaged or foreign entry is ignored and rewritten,
//! and a failed write is ignored too. Entries are written to a temporary file and renamed into place,
//! so a reader sees a whole entry or none.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Marks a skillgap cache file. Bump the digit when a cached type changes shape.
const MAGIC: &[u8; 8] = b"SGCACHE1";

/// A file's stamp is only trusted if its change time was this far in the past when it was hashed.
/// A write in the same tick of the file system's clock as the hashing could leave every part of the
/// stamp equal with new bytes; a write after a settled stamp changes the change time (which no
/// program can set back). This is git's rule for "racily clean" files.
const SETTLED: Duration = Duration::from_secs(5);

/// The entry of file stamps and the keys of the bytes they were taken with.
const STAMPS_SLOT: &str = "stamps";
/// The stamps entry is one per cache, made from nothing in particular.
const STAMPS_KEY: Key = Key(0);

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
        let mut hashing = Hashing::new(std::io::sink());
        let file = std::fs::File::open(path).ok()?;
        // Read in large blocks: `copy` alone reads 8 KiB at a time.
        std::io::copy(&mut std::io::BufReader::with_capacity(64 * 1024, file), &mut hashing).ok()?;
        Some(hashing.key())
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

/// What the file system says about one version of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Stamp {
    len: u64,
    /// Seconds and nanoseconds since the epoch.
    modified: (i64, i64),
    /// When the file's bytes or metadata last changed (ctime), whatever the modification time says.
    changed: (i64, i64),
    inode: u64,
    device: u64,
}

impl Stamp {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        })
    }

    /// Without a change time to rely on, every file is hashed.
    #[cfg(not(unix))]
    fn of(_path: &Path) -> Option<Stamp> {
        None
    }

    fn settled_at(&self, now: SystemTime) -> bool {
        let settled = now.duration_since(UNIX_EPOCH).ok().and_then(|since| since.checked_sub(SETTLED));
        let Some(settled) = settled else { return false };
        let settled = (settled.as_secs() as i64, i64::from(settled.subsec_nanos()));
        self.changed < settled && self.modified < settled
    }
}

type Stamps = BTreeMap<PathBuf, (Stamp, Key)>;

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
        read_entry(&entry, self.keys_of_files(&[path]).pop()??)
    }

    /// The keys of the files' current bytes (`None` for a file that cannot be read, and for every file
    /// when the cache is off: there is nothing to look them up in). A file is read and hashed only
    /// when its stamp is not one recorded with its key before.
    pub fn keys_of_files<P: AsRef<Path>>(&self, paths: &[P]) -> Vec<Option<Key>> {
        self.keys_of_files_at(paths, SystemTime::now())
    }

    fn keys_of_files_at<P: AsRef<Path>>(&self, paths: &[P], now: SystemTime) -> Vec<Option<Key>> {
        if self.dir.is_none() {
            return vec![None; paths.len()];
        }
        let mut stamps: Stamps = self.get(STAMPS_SLOT, STAMPS_KEY).unwrap_or_default();
        let mut learned = false;
        let keys = paths
            .iter()
            .map(|path| {
                let path = path.as_ref();
                let before = Stamp::of(path);
                if let Some(stamp) = before
                    && let Some((known, key)) = stamps.get(path)
                    && *known == stamp
                {
                    return Some(*key);
                }
                let key = Key::of_file(path)?;
                // Unchanged while it was read, and settled: the stamp stands for these bytes.
                if let Some(stamp) = before
                    && stamp.settled_at(now)
                    && Stamp::of(path) == Some(stamp)
                {
                    stamps.insert(path.to_path_buf(), (stamp, key));
                    learned = true;
                }
                Some(key)
            })
            .collect();
        if learned {
            stamps.retain(|path, _| path.exists());
            self.put(STAMPS_SLOT, STAMPS_KEY, &stamps);
        }
        keys
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
    // A cache that cannot be written only makes the next run slower.
    let _ = std::fs::create_dir_all(dir)
        .and_then(|()| tempfile::NamedTempFile::with_prefix_in(".skillgap-cache-", dir))
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
            out.write_all(MAGIC)?;
            postcard::to_io(&header, &mut out).map_err(std::io::Error::other)?;
            postcard::to_io(value, &mut out).map_err(std::io::Error::other)?;
            let file = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
            file.persist(path).map(drop).map_err(|err| err.error)
        });
}

/// Passes bytes on to `inner` and hashes them on the way, so a file's cache key comes with writing it.
pub struct Hashing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W) -> Hashing<W> {
        Hashing { inner, hasher: xxhash_rust::xxh3::Xxh3::new() }
    }

    /// The key of everything written so far.
    pub fn key(&self) -> Key {
        Key(self.hasher.digest128())
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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
    fn a_settled_file_is_known_by_its_stamp_and_any_write_to_it_is_noticed() {
        let (dir, cache, source) = setup("a,b");
        let later = SystemTime::now() + SETTLED * 2;
        // Just written: hashed, but its stamp is not trusted yet.
        assert_eq!(cache.keys_of_files(&[&source]), [Some(Key::of_bytes(b"a,b"))]);
        assert!(cache.get::<Stamps>(STAMPS_SLOT, STAMPS_KEY).is_none());
        // Settled: the stamp is recorded with the key...
        assert_eq!(cache.keys_of_files_at(&[&source], later), [Some(Key::of_bytes(b"a,b"))]);
        let mut stamps: Stamps = cache.get(STAMPS_SLOT, STAMPS_KEY).unwrap();
        assert!(stamps.contains_key(&source));
        // ...and trusted without reading the file: a planted key proves it is the one used.
        stamps.get_mut(&source).unwrap().1 = Key::of_bytes(b"planted");
        cache.put(STAMPS_SLOT, STAMPS_KEY, &stamps);
        assert_eq!(cache.keys_of_files_at(&[&source], later), [Some(Key::of_bytes(b"planted"))]);
        // A write of the same length, even with the old modification time put back, changes the
        // stamp (the change time), so the file is read again.
        let modified = std::fs::metadata(&source).unwrap().modified().unwrap();
        std::fs::write(&source, "a,c").unwrap();
        std::fs::File::options().write(true).open(&source).unwrap().set_modified(modified).unwrap();
        assert_eq!(cache.keys_of_files_at(&[&source], later), [Some(Key::of_bytes(b"a,c"))]);
        // A missing file has no key, and its stamp is dropped when the stamps are next written.
        let other = dir.path().join("other.txt");
        std::fs::write(&other, "x").unwrap();
        std::fs::remove_file(&source).unwrap();
        assert_eq!(cache.keys_of_files_at(&[&source, &other], later), [None, Some(Key::of_bytes(b"x"))]);
        let stamps: Stamps = cache.get(STAMPS_SLOT, STAMPS_KEY).unwrap();
        assert_eq!(stamps.keys().collect::<Vec<_>>(), [&other]);
    }

    #[test]
    fn a_key_hashed_while_writing_is_the_key_of_the_bytes() {
        let mut out = Hashing::new(Vec::new());
        out.write_all(b"hello, ").unwrap();
        out.write_all(b"world").unwrap();
        assert_eq!(out.key(), Key::of_bytes(b"hello, world"));
        assert_ne!(out.key(), Key::of_bytes(b"hello, world!"));
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
