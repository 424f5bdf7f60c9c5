//! Reading a file of a folder that may be hostile: never through a link, never waiting on a FIFO or a
//! device, only regular files, and within a budget of bytes for the whole scan (hostile-input review N6,
//! N8, N13, N16: a file swapped for a FIFO during a scan hung it; 200,000 sparse 1 GiB files took 68 s).

use std::fs::File;
use std::io::Read as _;
use std::path::Path;

/// How much of one file the scan reads: enough for any config or the top of a source file.
pub const HEAD_BYTES: u64 = 64 * 1024;
/// How many bytes one scan reads in all, whatever the folder holds.
pub const BUDGET_BYTES: u64 = 256 * 1024 * 1024;

/// What one file gave.
pub(super) enum Head {
    /// Its first [`HEAD_BYTES`] at most, as text (invalid UTF-8 replaced).
    Text(String),
    /// A link, a FIFO, a device or a socket put where a file was: not read.
    NotAFile,
    /// It could not be opened or read.
    Unreadable,
    /// The scan's budget of bytes is spent.
    OverBudget,
}

/// Reads the head of `path` within what is left of `budget`.
pub(super) fn read_head(path: &Path, budget: &mut u64) -> Head {
    if *budget == 0 {
        return Head::OverBudget;
    }
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(error) if is_link_or_special(&error) => return Head::NotAFile,
        Err(_) => return Head::Unreadable,
    };
    let size = match file.metadata() {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return Head::NotAFile,
        Err(_) => return Head::Unreadable,
    };
    // Sized from fstat, so a small file is one read; a file that grows meanwhile is read to the limit.
    let limit = HEAD_BYTES.min(*budget);
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit)).unwrap_or_default() + 1);
    match file.take(limit).read_to_end(&mut bytes) {
        Ok(read) => {
            *budget -= read as u64;
            Head::Text(String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(_) => Head::Unreadable,
    }
}

/// The whole of the regular file at `path`, at most `limit` bytes, opened as the scan opens files (never
/// through a link, never waiting on a FIFO); `None` when there is no such file; else what is wrong.
pub(crate) fn read_regular_file(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) if is_link_or_special(&error) => {
            return Err("it is a symbolic link or not a regular file; commit the file itself".to_owned());
        }
        Err(error) => return Err(error.to_string()),
    };
    match file.metadata() {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err("it is not a regular file".to_owned()),
        Err(error) => return Err(error.to_string()),
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|error| error.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("it is larger than {} MiB", limit / (1024 * 1024)));
    }
    Ok(Some(bytes))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => File::open(path),
        Ok(_) => Err(std::io::Error::from(std::io::ErrorKind::InvalidInput)),
        Err(error) => Err(error),
    }
}

/// Whether opening failed because the path is a link (`ELOOP` with `O_NOFOLLOW`) or not a file.
fn is_link_or_special(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) || error.raw_os_error() == Some(libc::ENXIO) {
        return true;
    }
    error.kind() == std::io::ErrorKind::InvalidInput
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_and_a_fifo_are_not_read_and_the_budget_bounds_what_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("Dockerfile");
        std::fs::write(&file, "FROM scratch\n").unwrap();
        std::os::unix::fs::symlink(&file, dir.path().join("link")).unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let mut budget = 5;
        assert!(matches!(read_head(&dir.path().join("link"), &mut budget), Head::NotAFile));
        assert!(matches!(read_head(&fifo, &mut budget), Head::NotAFile), "a FIFO does not block the scan");
        assert!(matches!(read_head(&file, &mut budget), Head::Text(text) if text == "FROM "));
        assert_eq!(budget, 0);
        assert!(matches!(read_head(&file, &mut budget), Head::OverBudget));
    }
}
