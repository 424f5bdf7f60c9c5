//! Putting skillgap in the desktop's application menu: a `.desktop` entry and the icon, in the
//! person's XDG data folder (on Linux `~/.local/share`), as `skillgap install-desktop` does.

use std::io;
use std::path::{Path, PathBuf};

use super::files::atomic_write;

const DESKTOP_ENTRY: &str = include_str!("../../assets/desktop/skillgap.desktop");
const ICON_PNG: &[u8] = include_bytes!("../../assets/desktop/skillgap.png");
const ICON_SVG: &[u8] = include_bytes!("../../assets/desktop/skillgap.svg");

/// The files of the desktop entry under `data_home`, each with its content for `exe`.
fn entry_files(data_home: &Path, exe: &Path) -> [(PathBuf, Vec<u8>); 3] {
    // The menu starts the binary by its full path, so it works whether or not it is on PATH.
    let exec = format!("\"{}\"", exe.display().to_string().replace('\\', "\\\\").replace('"', "\\\""));
    let entry = DESKTOP_ENTRY.replace("Exec=skillgap", &format!("Exec={exec}\nTryExec={exec}"));
    let icons = data_home.join("icons").join("hicolor");
    [
        (data_home.join("applications").join("skillgap.desktop"), entry.into_bytes()),
        (icons.join("256x256").join("apps").join("skillgap.png"), ICON_PNG.to_vec()),
        (icons.join("scalable").join("apps").join("skillgap.svg"), ICON_SVG.to_vec()),
    ]
}

/// Writes the desktop entry (starting `exe`) and the icons under `data_home`; returns the files written.
pub(crate) fn install_desktop_entry(data_home: &Path, exe: &Path) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, bytes) in entry_files(data_home, exe) {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        atomic_write(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Removes what [`install_desktop_entry`] wrote; returns the files that were there.
pub(crate) fn remove_desktop_entry(data_home: &Path) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for (path, _) in entry_files(data_home, Path::new("skillgap")) {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    Ok(removed)
}
