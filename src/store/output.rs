//! Where a report goes: a file the person names, written so that it never replaces their own data and
//! lands where they expect (hostile-input review F1, F12, F16).
//!
//! - `-` is standard output.
//! - A path the data folder's own files live at (`progress.ron`, its backup, lock, damaged copies,
//!   anything in `backups/`) is refused, whether named directly or through a link.
//! - A link is followed: the file it points to gets the report, and the link stays a link.
//! - Something that exists and is not a regular file (`/dev/stdout`, `/dev/null`, a FIFO) is written
//!   through, never replaced.
//! - Anything else is replaced atomically (temporary file beside it, fsync, rename).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::files::{atomic_write_shared, resolve_links};
use super::{BACKUP_DIR, PROGRESS_FILE};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{path} is one of skillgap's own files in the data folder, and a report must not replace it. \
Choose another file, for example report.{extension} in your documents."
    )]
    OwnFile { path: PathBuf, extension: String },
    // The io::Error is in the message, not the source, so it is printed once (see `StoreError`).
    #[error("cannot write the report to {path}: {error}. Choose a file in a folder you can write to.")]
    Write { path: PathBuf, error: io::Error },
    #[error("cannot write the report to standard output: {0}")]
    Stdout(io::Error),
}

/// Writes `bytes` to `path` as the module doc says; `data_dir` is the folder whose files are protected.
/// Returns where the bytes went (the link's target for a link), or `None` for standard output.
pub fn write_output(path: &Path, bytes: &[u8], data_dir: &Path) -> Result<Option<PathBuf>, OutputError> {
    if path == Path::new("-") {
        let mut stdout = io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(OutputError::Stdout(err)),
            _ => Ok(None),
        };
    }
    let write_error = |error| OutputError::Write { path: path.to_path_buf(), error };
    // A pipe or device, named directly or through links the kernel makes up (`/dev/stdout` is
    // `/proc/self/fd/1`, which points at `pipe:[123]`), is opened by the name given and written through.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        std::fs::File::options().write(true).open(path).and_then(|mut f| f.write_all(bytes)).map_err(write_error)?;
        return Ok(Some(path.to_path_buf()));
    }
    let target = resolve_links(path);
    if is_data_folder_file(&target, data_dir) {
        let extension = path.extension().map_or_else(|| "txt".into(), |e| e.to_string_lossy().into_owned());
        return Err(OutputError::OwnFile { path: path.to_path_buf(), extension });
    }
    atomic_write_shared(&target, bytes).map_err(write_error)?;
    Ok(Some(target))
}

/// Whether `path` (links resolved) is where the data folder keeps progress, its backup, lock, damaged
/// copies, temporary files, backups or settings. Folders are compared by what they are (device and inode),
/// so a bind mount or a network alias of the data folder is the data folder; names in any case, for the
/// file systems that ignore it.
fn is_data_folder_file(path: &Path, data_dir: &Path) -> bool {
    let Ok(data_dir) = std::fs::canonicalize(data_dir) else { return false };
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else { return false };
    let name = name.to_string_lossy().to_lowercase();
    let own_name = name.starts_with(PROGRESS_FILE)
        || name.starts_with(&format!(".{PROGRESS_FILE}."))
        || name == super::LOCK_FILE
        || name.starts_with(super::SETTINGS_FILE)
        || name.starts_with(&format!(".{}.", super::SETTINGS_FILE))
        || name == super::journal_files::JOURNAL_DIR
        || name == super::journal_files::MACHINE_ID_FILE;
    let (backups, journals) = (data_dir.join(BACKUP_DIR), data_dir.join(super::journal_files::JOURNAL_DIR));
    (same_folder(folder, &data_dir) && own_name)
        || folder.ancestors().any(|above| same_folder(above, &backups) || same_folder(above, &journals))
        || path == resolve_links(&data_dir.join(PROGRESS_FILE))
}

/// Whether two paths name the same folder: the same device and inode, or the same path where those are
/// not known.
fn same_folder(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    a == b
}

/// `<folder>/<stem>.<extension>`, or `<stem>-2.<extension>`, `-3` ... when that name is taken: a new
/// report never replaces an earlier one.
pub(crate) fn unused_path(folder: &Path, stem: &str, extension: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.{extension}"));
    if std::fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.{extension}")))
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .unwrap_or(first)
}

/// Removes the files in `dir` last changed longer than `age` ago (the PDFs Print handed to a viewer,
/// which may still be reading the newer ones). Returns how many went; a file that cannot go stays.
pub(crate) fn remove_files_older_than(dir: &Path, age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let now = std::time::SystemTime::now();
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter(|entry| {
            let modified = entry.metadata().and_then(|m| m.modified());
            modified.is_ok_and(|at| now.duration_since(at).is_ok_and(|elapsed| elapsed > age))
        })
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// Where a new report can go, or what to ask the person first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// Nothing is in the way.
    Ready(PathBuf),
    /// The folder does not exist yet: create it (with [`create_folder`]) before writing.
    MissingFolder { folder: PathBuf, path: PathBuf },
    /// An earlier file has this name: replace it only if the person says so.
    WouldReplace(PathBuf),
}

/// A new file `<stem>.<extension>` in `folder`, under a name no file has yet.
pub(crate) fn new_report_in(folder: &Path, stem: &str, extension: &str) -> Destination {
    let path = unused_path(folder, stem, extension);
    if folder.is_dir() { Destination::Ready(path) } else { Destination::MissingFolder { folder: folder.into(), path } }
}

/// `path` as chosen in a dialog. A pipe or device there is written through (see the module doc), so
/// only a regular file would be replaced.
pub(crate) fn report_at(path: &Path) -> Destination {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if std::fs::metadata(path).is_ok_and(|meta| meta.is_file()) {
        Destination::WouldReplace(path.into())
    } else if folder.is_dir() {
        Destination::Ready(path.into())
    } else {
        Destination::MissingFolder { folder: folder.into(), path: path.into() }
    }
}

/// Creates `folder` and the folders above it that are missing.
pub(crate) fn create_folder(folder: &Path) -> io::Result<()> {
    std::fs::create_dir_all(folder)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// Hostile-input review N3: a bind mount (or an NFS alias) is another path to the data folder; the
    /// folder is known by what it is (device and inode), not by its path. A folder link stands in for the
    /// mount here, passed unresolved as a mount's path would be.
    #[test]
    fn the_data_folder_is_known_by_identity_and_its_files_by_name_in_any_case() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        std::fs::create_dir_all(data.join(BACKUP_DIR)).unwrap();
        std::fs::write(data.join(PROGRESS_FILE), "(version: 2)").unwrap();
        let alias = root.path().join("alias");
        std::os::unix::fs::symlink(&data, &alias).unwrap();
        assert!(is_data_folder_file(&alias.join(PROGRESS_FILE), &data), "the progress file through another path");
        assert!(is_data_folder_file(&alias.join(BACKUP_DIR).join("x.ron"), &data), "a backup through another path");
        assert!(is_data_folder_file(&data.join("Progress.RON"), &data), "a case-insensitive file system's name");
        assert!(!is_data_folder_file(&root.path().join("report.md"), &data));
    }
}
