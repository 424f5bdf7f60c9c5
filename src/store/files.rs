//! File primitives the store and the report writer share: atomic durable writes, bounded reads, links.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{MAX_PROGRESS_BYTES, TEMP_SUFFIX};

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file, never a mix.
pub(crate) fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut staged = stage(path)?;
    staged.write_all(bytes)?;
    commit(staged, path)
}

/// Like [`atomic_write`], for a file meant to be shared (a report): it gets the permissions of the file it
/// replaces, or those any new file of the person's gets (read and write for all, less their umask), not
/// the owner-only ones of a temporary file (window review L2).
pub(crate) fn atomic_write_shared(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut staged = stage_with(path, shared_permissions(path))?;
    staged.write_all(bytes)?;
    commit(staged, path)
}

#[cfg(unix)]
fn shared_permissions(path: &Path) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path).ok().filter(fs::Metadata::is_file).map_or(0o666, |m| m.permissions().mode() & 0o777);
    Some(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn shared_permissions(_path: &Path) -> Option<fs::Permissions> {
    None
}

/// The temporary file, beside `path`, that a new version of it is written to.
pub(super) fn stage(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    stage_with(path, None)
}

/// [`stage`] with these permissions (the umask applies, as for any new file), or owner-only ones.
fn stage_with(path: &Path, permissions: Option<fs::Permissions>) -> io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().map_or_else(|| "file".into(), |name| name.to_string_lossy());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    builder.tempfile_in(folder_of(path)).map_err(without_temporary_path)
}

/// The system's error without the temporary file's name that `tempfile` adds to it ("… at path
/// /x/.report.md.Ab12.tmp"): the person named another path, and callers name that one (N19).
/// (`tempfile` keeps the system's error only inside its message, so the message is cut there.)
fn without_temporary_path(error: io::Error) -> io::Error {
    let message = error.to_string();
    match message.rsplit_once(" at path \"") {
        Some((system, _)) => io::Error::new(error.kind(), system.to_owned()),
        None => error,
    }
}

/// Makes what was written to `staged` durable and puts it in place of `path`.
pub(super) fn commit(staged: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    staged.as_file().sync_all()?;
    staged.persist(path).map_err(|e| without_temporary_path(e.error))?;
    sync_dir(folder_of(path))
}

pub(super) fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// The bytes of a regular file of at most [`MAX_PROGRESS_BYTES`]. Anything else is refused before it is
/// opened: opening a FIFO would wait for a writer for ever, and reading a device could never end.
pub(super) fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (it is a folder, a device or a pipe); give the path of a .ron file",
        ));
    }
    if meta.len() > MAX_PROGRESS_BYTES {
        return Err(io::Error::other(format!("larger than {} MiB", MAX_PROGRESS_BYTES / (1024 * 1024))));
    }
    let mut bytes = Vec::new();
    File::open(path)?.take(MAX_PROGRESS_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PROGRESS_BYTES {
        return Err(io::Error::other(format!("larger than {} MiB", MAX_PROGRESS_BYTES / (1024 * 1024))));
    }
    Ok(bytes)
}

/// The file a save of `path` replaces: `path`, or the file it names when it is a link. A file linked into
/// a synced folder stays a link, and the synced file is the one replaced atomically (F7, N18).
pub(super) fn file_to_replace(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_symlink() => resolve_links(path),
        _ => path.to_path_buf(),
    }
}

/// `path` with every link along it followed, as far as the links lead (a dangling link leads to the
/// file it names, which the report then creates).
pub(crate) fn resolve_links(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let mut path = path.to_path_buf();
    // A dangling link, or a chain of them; a loop ends after a few steps and fails when written.
    for _ in 0..8 {
        match std::fs::read_link(&path) {
            Ok(target) => path = folder_of(&path).join(target),
            Err(_) => break,
        }
    }
    let folder = std::fs::canonicalize(folder_of(&path)).unwrap_or_else(|_| folder_of(&path).to_path_buf());
    path.file_name().map_or(path.clone(), |name| folder.join(name))
}
