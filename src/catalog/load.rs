//! Reading checklist files: the built-in ones, the user's folders, and single files for `check`.
//! A bad user file is reported and skipped; the others still load.

use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::format::ChecklistFile;
use super::validate::validate;
use super::{BUILTIN_CHECKLISTS, Catalog, Origin};
use crate::text_pos::TextPos;

/// Larger checklist files are refused unread: 100,000 items fit in well under this.
pub(crate) const MAX_CHECKLIST_BYTES: u64 = 64 * 1024 * 1024;

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
    let text = without_bom(text);
    let file: ChecklistFile = parse_ron(name, text, "checklist")?;
    let problems = validate(&file, text);
    if problems.is_empty() { Ok(file) } else { Err(problems.into_iter().map(|p| p.in_file(name)).collect()) }
}

/// A byte-order mark, as Windows Notepad writes one, is not part of the text.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses the RON text of a checklist or target file (named `name`); a syntax problem names its place
/// and points at the README's section on the `format`.
pub(crate) fn parse_ron<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    format: &str,
) -> Result<T, Vec<FileProblem>> {
    ron::Options::default().from_str(without_bom(text)).map_err(|err| {
        vec![FileProblem {
            file: name.to_owned(),
            pos: Some(TextPos::of_ron_error(&err)),
            message: format!("{} (see the {format} format in the README)", crate::text_pos::describe(&err.code)),
        }]
    })
}

/// Reads a checklist file as text, refusing huge and non-UTF-8 files with a clear problem.
pub(crate) fn read_checklist_file(path: &Path) -> Result<String, FileProblem> {
    let name = path.display().to_string();
    let problem = |pos, message: String| FileProblem { file: name.clone(), pos, message };
    // Looked at before it is opened: opening a FIFO would wait for a writer for ever.
    let meta = std::fs::metadata(path).map_err(|e| problem(None, format!("cannot open: {e}")))?;
    if !meta.is_file() {
        let message = "not a regular file (it is a folder, a device or a pipe); a checklist is a .ron text file";
        return Err(problem(None, message.to_owned()));
    }
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

/// The `*.ron` entries in each folder, sorted by name within a folder; one that is not a file is reported
/// when it is read, never skipped silently. A folder that does not exist is no problem (the config folder
/// usually has none); one that cannot be read is.
pub(crate) fn user_checklist_files(dirs: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // A folder named twice (`cl` and `./cl`, or a link to it) is read once (hostile-input review U7).
    let mut seen = std::collections::HashSet::new();
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
            .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
            .collect();
        found.sort();
        files.extend(found.into_iter().filter(|path| seen.insert(std::fs::canonicalize(path).unwrap_or(path.clone()))));
    }
    (files, problems)
}

/// A person's file, read and told apart by its first word.
pub(crate) enum UserFile {
    /// A checklist, parsed and validated.
    Checklist(ChecklistFile),
    /// A target's text: it is resolved once every checklist is loaded.
    Target(String),
}

/// Reads the file at `path` as a checklist or a target; a problem names its place.
pub(crate) fn read_user_file(path: &Path) -> Result<UserFile, Vec<FileProblem>> {
    let text = read_checklist_file(path).map_err(|problem| vec![problem])?;
    if crate::target::is_target_text(&text) {
        return Ok(UserFile::Target(text));
    }
    parse_checklist(&path.display().to_string(), &text).map(UserFile::Checklist)
}

/// [`read_user_file`] for each of `paths`, in their order, on as many threads as the machine has cores: a
/// person's own lists are parsed afresh every run, and at the stress size (10,000 items in five files,
/// 4.7 MB) that was half of a `summary`; two cores take it in about half the time.
fn read_user_files(paths: &[PathBuf]) -> Vec<Result<UserFile, Vec<FileProblem>>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(paths.len());
    if threads <= 1 {
        return paths.iter().map(|path| read_user_file(path)).collect();
    }
    let per_thread = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(per_thread)
            .map(|part| scope.spawn(move || part.iter().map(|path| read_user_file(path)).collect::<Vec<_>>()))
            .collect();
        // A panic while parsing is a bug: it goes on as it would have without threads.
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// Loads the built-in checklists and every `*.ron` file in `user_dirs`, parsed afresh. Files with problems
/// are skipped and reported; a user checklist may not reuse the id of one loaded before it.
pub fn load_catalog(user_dirs: &[PathBuf]) -> (Catalog, Vec<FileProblem>) {
    let (paths, mut problems) = user_checklist_files(user_dirs);
    let mut parsed = Vec::new();
    for (name, text) in BUILTIN_CHECKLISTS {
        match parse_checklist(name, text) {
            Ok(file) => parsed.push((file, Origin::BuiltIn(name))),
            Err(found) => problems.extend(found),
        }
    }
    // Targets are resolved over the loaded items, so they wait until every checklist is in.
    let mut targets = Vec::new();
    for (path, read) in paths.iter().cloned().zip(read_user_files(&paths)) {
        match read {
            Ok(UserFile::Checklist(file)) => parsed.push((file, Origin::File(path))),
            Ok(UserFile::Target(text)) => targets.push((text, path)),
            Err(found) => problems.extend(found),
        }
    }
    let ids = full_ids(parsed.iter().map(|(file, _)| file));
    parsed.retain(|(file, origin)| match (origin, stolen_alias(file, &ids)) {
        (Origin::File(path), Some(message)) => {
            problems.push(FileProblem { file: path.display().to_string(), pos: None, message });
            false
        }
        _ => true,
    });
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
    let mut catalog = catalog;
    for (text, path) in targets {
        let name = path.display().to_string();
        if let Err(found) = catalog.add_target(&name, &text, Origin::File(path)) {
            problems.extend(found);
        }
    }
    (catalog, problems)
}

/// The full ids (`checklist/item`) of every item in `files`.
pub(crate) fn full_ids<'a>(files: impl IntoIterator<Item = &'a ChecklistFile>) -> HashSet<String> {
    files
        .into_iter()
        .flat_map(|file| {
            file.sections.iter().flat_map(|s| s.items.iter().map(|item| format!("{}/{}", file.id, item.id)))
        })
        .collect()
}

/// Why `file` may not load when one of its aliases is the id of an item that exists (`ids`): an alias names
/// an item's old id, and one naming a live item would count that item's progress twice (hostile-input
/// review F10). This also catches an item that aliases itself or two items that alias each other.
pub(crate) fn stolen_alias(file: &ChecklistFile, ids: &HashSet<String>) -> Option<String> {
    file.sections.iter().flat_map(|s| &s.items).find_map(|item| {
        let alias = item.full_aliases(&file.id).find(|alias| ids.contains(alias))?;
        Some(format!(
            "item {:?} has the alias {alias:?}, which is the id of an item that exists; an alias is an old id of \
this item, so remove it or rename",
            item.id
        ))
    })
}

/// What the user checklist folders hold: each `*.ron` file with its size and time of change. A
/// different answer means a file was added, removed or edited, and the catalog is worth loading again.
pub(crate) fn user_files_fingerprint(dirs: &[PathBuf]) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let (files, _) = user_checklist_files(dirs);
    files
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let (size, modified) = meta.map_or((0, None), |m| (m.len(), m.modified().ok()));
            (path, size, modified)
        })
        .collect()
}
