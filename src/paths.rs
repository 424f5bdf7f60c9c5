//! Where skillgap keeps things: the data folder (progress) and the config folder (user checklists).
//! Both can be overridden, for tests and for people who keep their progress in a synced folder.

use std::path::PathBuf;

/// Environment variable that overrides the data folder (as `--data-dir` does).
pub const DATA_DIR_ENV: &str = "SKILLGAP_DATA_DIR";
/// Environment variable that overrides the config folder, whose `checklists/` holds user checklists.
pub const CONFIG_DIR_ENV: &str = "SKILLGAP_CONFIG_DIR";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot find a home folder for skillgap's data; pass --data-dir DIR or set {DATA_DIR_ENV}")]
pub struct NoHomeDir;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "skillgap")
}

/// The data folder: `override_dir` if given, else the platform's (on Linux `~/.local/share/skillgap`).
pub fn data_dir(override_dir: Option<PathBuf>) -> Result<PathBuf, NoHomeDir> {
    override_dir.or_else(|| project_dirs().map(|dirs| dirs.data_dir().to_path_buf())).ok_or(NoHomeDir)
}

/// Folders searched for user checklists: the config folder's `checklists/` (on Linux
/// `~/.config/skillgap/checklists`), then each `--checklists DIR`.
pub fn checklist_dirs(extra: &[PathBuf]) -> Vec<PathBuf> {
    let config = std::env::var_os(CONFIG_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|dirs| dirs.config_dir().to_path_buf()));
    config.map(|dir| dir.join("checklists")).into_iter().chain(extra.iter().cloned()).collect()
}
