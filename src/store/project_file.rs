//! A project's `.skillgap/project.ron` in its own folder (see [`crate::project::export`]): read from a
//! repository, which may be a stranger's, and written by `skillgap project export`.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::output::{OutputError, create_folder, write_output};
use crate::project::export::{PROJECT_FILE, ProjectFile, ProjectFileError};

/// The largest project file read: a checklist of hundreds of items with notes takes a few KiB.
const MAX_PROJECT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The project file in a project's `folder`, read and checked; `None` when it has none.
pub(crate) fn load_project_file(folder: &Path) -> Result<Option<ProjectFile>, ProjectFileError> {
    let path = folder.join(PROJECT_FILE);
    let name = path.display().to_string();
    match read_project_file(&path)? {
        Some(text) => ProjectFile::parse(&name, &text).map(Some),
        None => Ok(None),
    }
}

/// The text of the project file at `path`, or `None` when there is none. A link is refused (a
/// repository's file must not make skillgap read what lies outside it), as is anything but UTF-8 text of
/// at most 4 MiB in a regular file.
fn read_project_file(path: &Path) -> Result<Option<String>, ProjectFileError> {
    let failed = |problem: String| ProjectFileError {
        file: path.display().to_string(),
        pos: None,
        message: format!("it cannot be read: {problem}"),
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(failed(err.to_string())),
    };
    if meta.is_symlink() {
        return Err(failed("it is a symbolic link; commit the file itself".to_owned()));
    }
    if !meta.is_file() {
        return Err(failed("it is not a regular file".to_owned()));
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|err| failed(err.to_string()))?;
    file.take(MAX_PROJECT_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|err| failed(err.to_string()))?;
    if bytes.len() as u64 > MAX_PROJECT_FILE_BYTES {
        return Err(failed(format!("it is larger than {} MiB", MAX_PROJECT_FILE_BYTES / (1024 * 1024))));
    }
    String::from_utf8(bytes).map(Some).map_err(|_| failed("it is not UTF-8 text".to_owned()))
}

/// Writes a project file's `text` at `path`, creating its folder (`.skillgap/`) when missing; the data
/// folder's own files are refused as for any report. Returns where it went (`None`: standard output).
pub(crate) fn write_project_file(path: &Path, text: &str, data_dir: &Path) -> Result<Option<PathBuf>, OutputError> {
    if path != Path::new("-")
        && let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
    {
        create_folder(folder).map_err(|error| OutputError::Write { path: path.to_path_buf(), error })?;
    }
    write_output(path, text.as_bytes(), data_dir)
}
