//! Reading checklist files: the built-in ones, the user's folders, and single files for `check`.
//! A bad user file is reported and skipped; the others still load.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::format::ChecklistFile;
use super::validate::validate;
use super::{BUILTIN_CHECKLISTS, BriefCatalog, Catalog, Detail, Origin};
use crate::cache::{Key, ParseCache};
use crate::text_pos::TextPos;

/// Larger checklist files are refused unread: 100,000 items fit in well under this.
pub const MAX_CHECKLIST_BYTES: u64 = 64 * 1024 * 1024;

/// A problem in one checklist file, printed as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub file: String,
    pub pos: Option<TextPos>,
    pub message: String,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(pos) => write!(f, "{}:{pos}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Parses and validates one checklist's text. `name` is used in problem reports.
pub fn parse_checklist(name: &str, text: &str) -> Result<ChecklistFile, Vec<FileProblem>> {
    let file: ChecklistFile = ron::Options::default().from_str(text).map_err(|err| {
        vec![FileProblem {
            file: name.to_owned(),
            pos: Some(TextPos { line: err.span.start.line, col: err.span.start.col }),
            message: format!("{} (see the checklist format in the README)", err.code),
        }]
    })?;
    let problems = validate(&file, text);
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems
            .into_iter()
            .map(|p| FileProblem { file: name.to_owned(), pos: p.pos, message: p.message })
            .collect())
    }
}

/// Reads a checklist file as text, refusing huge and non-UTF-8 files with a clear problem.
pub fn read_checklist_file(path: &Path) -> Result<String, FileProblem> {
    let name = path.display().to_string();
    let problem = |pos, message: String| FileProblem { file: name.clone(), pos, message };
    let file = std::fs::File::open(path).map_err(|e| problem(None, format!("cannot open: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_CHECKLIST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(None, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_CHECKLIST_BYTES {
        return Err(problem(
            None,
            format!("larger than {} MiB; split it into several checklists", MAX_CHECKLIST_BYTES / (1024 * 1024)),
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let pos = TextPos::of_invalid_utf8(err.as_bytes(), err.utf8_error().valid_up_to());
        problem(Some(pos), "not valid UTF-8 text; save the file as UTF-8".to_owned())
    })
}

/// The `*.ron` files in each folder, sorted by name within a folder. A folder that does not exist
/// is no problem (the config folder usually has none); one that cannot be read is.
pub fn user_checklist_files(dirs: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for dir in dirs {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => {
                problems.push(FileProblem {
                    file: dir.display().to_string(),
                    pos: None,
                    message: format!("cannot read checklist folder: {err}"),
                });
                continue;
            }
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ron") && path.is_file())
            .collect();
        found.sort();
        files.extend(found);
    }
    (files, problems)
}

/// Loads the built-in checklists and every `*.ron` file in `user_dirs`. Files with problems are
/// skipped and reported; a user checklist may not reuse the id of one loaded before it.
pub fn load_catalog(user_dirs: &[PathBuf]) -> (Catalog, Vec<FileProblem>) {
    load_catalog_cached(user_dirs, &ParseCache::off(), Detail::Full)
}

/// The cache entry of the whole catalog, built-ins and user files together.
const CATALOG_SLOT: &str = "catalog";

/// [`load_catalog`] through `cache` (see [`crate::cache`]). When no file changed since the last run, the
/// whole catalog comes from one entry; otherwise each unchanged file comes from its own entry and only
/// the changed ones are parsed. Catalogs with problems are not cached whole, so their problems are
/// always found and reported afresh. A catalog from the cache has only the `detail` asked for.
pub fn load_catalog_cached(user_dirs: &[PathBuf], cache: &ParseCache, detail: Detail) -> (Catalog, Vec<FileProblem>) {
    let (paths, mut problems) = user_checklist_files(user_dirs);
    let file_keys = cache.keys_of_files(&paths);
    let mut catalog_key = problems.is_empty().then(|| catalog_key(&paths, &file_keys)).flatten();
    if let Some(key) = catalog_key {
        let cached = match detail {
            Detail::Full => cache.get(CATALOG_SLOT, key),
            Detail::Brief => cache.get::<BriefCatalog>(CATALOG_SLOT, key).map(Catalog::from),
        };
        if let Some(catalog) = cached.filter(Catalog::is_consistent) {
            return (catalog, problems);
        }
    }
    let mut parsed = Vec::new();
    for (name, text) in BUILTIN_CHECKLISTS {
        match parse_checklist(name, text) {
            Ok(file) => parsed.push((file, Origin::BuiltIn(name))),
            Err(found) => problems.extend(found),
        }
    }
    for (path, file_key) in paths.into_iter().zip(file_keys) {
        let name = path.display().to_string();
        let slot = format!("checklist {name}");
        let result = match file_key.and_then(|key| cache.get(&slot, key)) {
            Some(file) => Ok(file),
            None => read_checklist_file(&path).map_err(|p| vec![p]).and_then(|text| {
                let key = Key::of_bytes(text.as_bytes());
                if file_key != Some(key) {
                    // Edited since it was hashed above: the catalog key no longer says what was read.
                    catalog_key = None;
                }
                let file = parse_checklist(&name, &text)?;
                cache.put(&slot, key, &file);
                Ok(file)
            }),
        };
        match result {
            Ok(file) => parsed.push((file, Origin::File(path))),
            Err(found) => problems.extend(found),
        }
    }
    let (catalog, rejected) = Catalog::from_files(parsed);
    for (file, origin) in rejected {
        let name = match origin {
            Origin::BuiltIn(name) => name.to_owned(),
            Origin::File(path) => path.display().to_string(),
        };
        problems.push(FileProblem {
            file: name,
            pos: None,
            message: format!(
                "checklist id {:?} is already used by another checklist; give this one its own id",
                file.id
            ),
        });
    }
    if problems.is_empty()
        && let Some(key) = catalog_key
    {
        cache.put(CATALOG_SLOT, key, &catalog);
    }
    (catalog, problems)
}

/// The key of everything a catalog is made from: the built-in texts (they change between builds of
/// one version during development) and each user file's path and bytes. `None` when a file could not
/// be read.
fn catalog_key(paths: &[PathBuf], file_keys: &[Option<Key>]) -> Option<Key> {
    let builtins =
        BUILTIN_CHECKLISTS.iter().map(|(name, text)| Some((name.as_bytes(), Key::of_bytes(text.as_bytes()))));
    let files = paths.iter().zip(file_keys).map(|(path, key)| Some((path.as_os_str().as_encoded_bytes(), (*key)?)));
    let parts: Option<Vec<(&[u8], Key)>> = builtins.chain(files).collect();
    Some(Key::combine(parts?))
}
