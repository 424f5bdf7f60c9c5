//! A Syncthing-like copier between two folders: it remembers each file as it was at the last sync; a
//! file changed (or added, or deleted) on one side only is copied to the other; a file changed on both
//! keeps one side's version under its name and the other's as `NAME.sync-conflict-DATE-TIME-DEVICE.EXT`,
//! on both sides, as Syncthing does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct Copier {
    /// Each file (relative path) as both sides held it after the last sync.
    last: BTreeMap<PathBuf, Vec<u8>>,
    /// The conflict copies made so far.
    pub conflicts: Vec<PathBuf>,
}

impl Copier {
    pub fn sync(&mut self, a: &Path, b: &Path) {
        let (files_a, files_b) = (files(a), files(b));
        let names: BTreeSet<&PathBuf> = files_a.keys().chain(files_b.keys()).chain(self.last.keys()).collect();
        let mut last = BTreeMap::new();
        for name in names {
            let (in_a, in_b, before) = (files_a.get(name), files_b.get(name), self.last.get(name));
            let now = match (in_a != before, in_b != before) {
                _ if in_a == in_b => in_a.cloned(),
                (true, false) => in_a.cloned(),
                (false, true) => in_b.cloned(),
                _ => match (in_a, in_b) {
                    (Some(kept), Some(other)) => {
                        let copy = conflict_name(name);
                        for side in [a, b] {
                            write(&side.join(&copy), Some(other));
                        }
                        last.insert(copy.clone(), other.clone());
                        self.conflicts.push(copy);
                        Some(kept.clone())
                    }
                    // Changed on one side, deleted on the other: the change wins.
                    (kept, other) => kept.or(other).cloned(),
                },
            };
            for side in [a, b] {
                if (if side == a { in_a } else { in_b }) != now.as_ref() {
                    write(&side.join(name), now.as_ref());
                }
            }
            if let Some(now) = now {
                last.insert(name.clone(), now);
            }
        }
        self.last = last;
    }
}

/// Every file under `root` (relative path -> bytes), leaving out temporary files.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    crate::common::walk(root)
        .into_iter()
        .filter(|path| !path.to_string_lossy().ends_with(".tmp"))
        .map(|path| (path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap()))
        .collect()
}

fn write(path: &Path, bytes: Option<&Vec<u8>>) {
    match bytes {
        Some(bytes) => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        None => {
            std::fs::remove_file(path).ok();
        }
    }
}

/// Syncthing's name for the losing side of a conflict: `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`.
fn conflict_name(name: &Path) -> PathBuf {
    let stem = name.file_stem().unwrap().to_string_lossy();
    let extension = name.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    name.with_file_name(format!("{stem}.sync-conflict-20261206-101010-ABCDEFG{extension}"))
}
