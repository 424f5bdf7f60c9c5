//! Where skillgap keeps things: the data folder (progress) and the config folder (user checklists).
//! Both can be overridden, for tests and for people who keep their progress in a synced folder.

use std::path::PathBuf;

/// Environment variable that overrides the data folder (as `--data-dir` does).
pub const DATA_DIR_ENV: &str = "SKILLGAP_DATA_DIR";
/// Environment variable that overrides the config folder, whose `checklists/` holds user checklists.
const CONFIG_DIR_ENV: &str = "SKILLGAP_CONFIG_DIR";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot find a home folder for skillgap's data; pass --data-dir DIR or set {DATA_DIR_ENV}")]
pub struct NoHomeDir;

/// The folders one run works with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locations {
    /// Holds `progress.ron`, its lock and its backups.
    pub data_dir: PathBuf,
    /// Searched for user checklists, in order.
    pub checklist_dirs: Vec<PathBuf>,
    /// The config folder: the window keeps its preferences here, so the data folder holds progress only.
    /// `None` when there is no home folder to find it in.
    pub config_dir: Option<PathBuf>,
}

impl Locations {
    /// The data folder `data_dir` if given, else the platform's (on Linux `~/.local/share/skillgap`);
    /// the checklists in the config folder's `checklists/` (on Linux `~/.config/skillgap/checklists`),
    /// then in each of `extra_checklist_dirs`.
    pub fn new(data_dir: Option<PathBuf>, extra_checklist_dirs: &[PathBuf]) -> Result<Locations, NoHomeDir> {
        let data_dir =
            data_dir.or_else(|| project_dirs().map(|dirs| dirs.data_dir().to_path_buf())).ok_or(NoHomeDir)?;
        let config = std::env::var_os(CONFIG_DIR_ENV)
            .map(PathBuf::from)
            .or_else(|| project_dirs().map(|dirs| dirs.config_dir().to_path_buf()));
        let checklist_dirs =
            config.iter().map(|dir| dir.join("checklists")).chain(extra_checklist_dirs.iter().cloned()).collect();
        Ok(Locations { data_dir, checklist_dirs, config_dir: config })
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "skillgap")
}
