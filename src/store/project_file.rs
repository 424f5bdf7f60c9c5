//! Writing a project's `.skillgap/project.ron` into its folder (`skillgap project export`, the window's
//! *Export to its repository*). The folder is a clone of a repository, and a pull can bring a link into
//! it: nothing is written through a link or into anything but a regular file (hostile review of issue
//! 30: a committed link made the export overwrite the file it named; a FIFO hung it).

use std::io;
use std::path::{Path, PathBuf};

use super::files::atomic_write_shared;
use crate::project::export::PROJECT_FILE;

/// Why a project file was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{path} is a symbolic link, and skillgap never writes into a repository through a link. Nothing was \
written; replace it with the real folder or file, then export again."
    )]
    Link { path: PathBuf },
    #[error(
        "the project folder {path} does not exist (was the clone moved?). Nothing was written; give the project \
its folder again, then export again."
    )]
    NoFolder { path: PathBuf },
    #[error("{path} is not a {what}. Nothing was written; move it away, then export again.")]
    NotA { path: PathBuf, what: &'static str },
    #[error("cannot write {path}: {error}. Nothing was changed; make the folder writable, then export again.")]
    Write { path: PathBuf, error: io::Error },
}

/// Writes `text` as the project file of `folder`, atomically: the folder and `.skillgap` must be real
/// folders (`.skillgap` is made when missing; a folder that is gone is said, never made again) and
/// `project.ron` a regular file or nothing. Returns its path.
pub(crate) fn write_project_file(folder: &Path, text: &str) -> Result<PathBuf, ExportError> {
    let path = folder.join(PROJECT_FILE);
    let holder = path.parent().unwrap_or(folder).to_path_buf();
    for (place, what) in [(folder, "folder"), (holder.as_path(), "folder"), (path.as_path(), "file")] {
        match std::fs::symlink_metadata(place) {
            Ok(meta) if meta.is_symlink() => return Err(ExportError::Link { path: place.to_path_buf() }),
            Ok(meta) if (what == "folder" && meta.is_dir()) || (what == "file" && meta.is_file()) => {}
            Ok(_) => return Err(ExportError::NotA { path: place.to_path_buf(), what }),
            Err(error) if error.kind() == io::ErrorKind::NotFound && place == folder => {
                return Err(ExportError::NoFolder { path: folder.to_path_buf() });
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if what == "folder" {
                    std::fs::create_dir(place)
                        .map_err(|error| ExportError::Write { path: place.to_path_buf(), error })?;
                }
            }
            Err(error) => return Err(ExportError::Write { path: place.to_path_buf(), error }),
        }
    }
    atomic_write_shared(&path, text.as_bytes()).map_err(|error| ExportError::Write { path: path.clone(), error })?;
    Ok(path)
}
