//! Reading a project's `.skillgap/project.ron` from its folder, a repository that may be a stranger's:
//! never through a link (the `.skillgap` folder or the file), never waiting on a FIFO, a regular UTF-8
//! file of at most 4 MiB, then parsed and checked (see [`crate::project::export`]).

use std::path::Path;

use super::read::read_regular_file;
use crate::project::export::{PROJECT_FILE, ProjectFile, ProjectFileError};

/// The largest project file read: a checklist of hundreds of items with notes takes a few KiB.
const MAX_PROJECT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The project file in a project's `folder`, read and checked; `None` when it has none.
pub(crate) fn load_project_file(folder: &Path) -> Result<Option<ProjectFile>, ProjectFileError> {
    let path = folder.join(PROJECT_FILE);
    let refused = |problem: &str| ProjectFileError {
        file: path.display().to_string(),
        pos: None,
        message: format!("it cannot be read: {problem}"),
    };
    let holder = folder.join(".skillgap");
    if std::fs::symlink_metadata(&holder).is_ok_and(|meta| meta.is_symlink()) {
        return Err(refused("its folder .skillgap is a symbolic link; commit the folder and the file themselves"));
    }
    let bytes = match read_regular_file(&path, MAX_PROJECT_FILE_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(problem) => return Err(refused(&problem)),
    };
    let text = String::from_utf8(bytes).map_err(|_| refused("it is not UTF-8 text"))?;
    ProjectFile::parse(&path.display().to_string(), &text).map(Some)
}
