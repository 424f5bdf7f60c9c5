//! `skillgap install-desktop [--remove]`: skillgap in the desktop's application menu.

use anyhow::Context as _;

use super::Outcome;
use crate::store::desktop;

/// `skillgap install-desktop [--remove]`, in `$XDG_DATA_HOME` (else `~/.local/share`).
pub fn install_desktop(remove: bool) -> anyhow::Result<Outcome> {
    let data_home = directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| anyhow::anyhow!("no home folder to install into; set HOME"))?;
    let files = if remove {
        desktop::remove_desktop_entry(&data_home)
    } else {
        desktop::install_desktop_entry(&data_home, &std::env::current_exe()?)
    }
    .with_context(|| format!("cannot change the desktop entry in {}", data_home.display()))?;
    let verb = if remove { "Removed" } else { "Wrote" };
    let mut out: String = files.iter().map(|file| format!("{verb} {}\n", file.display())).collect();
    out.push_str(match (remove, files.is_empty()) {
        (true, true) => "There was no desktop entry to remove.\n",
        (true, false) => "skillgap is no longer in the application menu.\n",
        _ => "skillgap is in the application menu (some desktops show it after logging in again).\n",
    });
    super::print_stdout(out.as_bytes()).map(|()| Outcome::Success)
}
