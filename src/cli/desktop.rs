//! `skillgap install-desktop [--remove]`: skillgap in the desktop's application menu.

use anyhow::Context as _;

use super::Outcome;
use crate::store::desktop;

/// `skillgap install-desktop [--remove]`, in `$XDG_DATA_HOME` (else `~/.local/share`).
pub fn install_desktop(remove: bool) -> anyhow::Result<Outcome> {
    let data_home = directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| anyhow::anyhow!("no home folder to install into; set HOME"))?;
    let context = || format!("cannot change the desktop entry in {}", data_home.display());
    if remove {
        return remove_desktop(&desktop::remove_desktop_entry(&data_home).with_context(context)?);
    }
    let files = desktop::install_desktop_entry(&data_home, &std::env::current_exe()?).with_context(context)?;
    let mut out: String = files.iter().map(|file| format!("Wrote {}\n", file.display())).collect();
    out.push_str("skillgap is in the application menu (some desktops show it after logging in again).\n");
    super::print_stdout(out.as_bytes()).map(|()| Outcome::Success)
}

/// Says what `--remove` removed and what it left behind a linked folder (a failure: the entry may remain).
fn remove_desktop(removal: &desktop::Removal) -> anyhow::Result<Outcome> {
    let mut out: String = removal.removed.iter().map(|file| format!("Removed {}\n", file.display())).collect();
    if removal.left.is_empty() {
        out.push_str(if removal.removed.is_empty() {
            "There was no desktop entry to remove.\n"
        } else {
            "skillgap is no longer in the application menu.\n"
        });
    }
    super::print_stdout(out.as_bytes())?;
    for (file, folder) in &removal.left {
        eprintln!(
            "Left {}: {} is a symbolic link, and skillgap never deletes through one. If that file is skillgap's, \
delete it yourself.",
            file.display(),
            folder.display()
        );
    }
    Ok(if removal.left.is_empty() { Outcome::Success } else { Outcome::ProblemsFound })
}
