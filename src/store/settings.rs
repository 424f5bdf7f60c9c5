//! `settings.ron`: the choices the window and the command line share (see [`Settings`]).

use std::io;
use std::path::PathBuf;

use super::Store;
use super::files::{atomic_write, file_to_replace, read_limited};
use crate::settings::Settings;
use crate::target::DEFAULT_TARGET;
use crate::text_pos::TextPos;

pub(crate) const SETTINGS_FILE: &str = "settings.ron";

#[derive(Debug, thiserror::Error)]
pub(crate) enum SettingsError {
    #[error("cannot read settings file {path}: {error}")]
    Read { path: PathBuf, error: io::Error },
    #[error(
        "settings file {path}{} cannot be read: {message}. It was left untouched: fix it (it reads like \
`(target: \"{DEFAULT_TARGET}\", reviews: (enabled: true, retention: 0.9, daily_limit: 5))`, with a target id \
`skillgap targets` lists; both parts may be left out), or delete it to go back to the defaults.",
        .pos.map(|p| format!(":{p}")).unwrap_or_default()
    )]
    Damaged { path: PathBuf, pos: Option<TextPos>, message: String },
    #[error("cannot save settings to {path}: {error}. Make the folder writable, then do it again.")]
    Write { path: PathBuf, error: io::Error },
}

impl Store {
    fn settings_path(&self) -> PathBuf {
        self.dir().join(SETTINGS_FILE)
    }

    /// The settings; defaults when the file does not exist.
    pub(crate) fn load_settings(&self) -> Result<Settings, SettingsError> {
        let path = self.settings_path();
        let bytes = match read_limited(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(error) => return Err(SettingsError::Read { path, error }),
        };
        let damaged = |pos, message| SettingsError::Damaged { path: path.clone(), pos, message };
        let text = std::str::from_utf8(&bytes).map_err(|_| damaged(None, "not UTF-8 text".to_owned()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // `(target: "everything")` reads as well as `(target: Some("everything"))`, the form saves write (N19).
        let settings: Settings = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|err| damaged(Some(TextPos::of_ron_error(&err)), crate::text_pos::describe(&err.code)))?;
        match settings.reviews.problem() {
            Some(problem) => Err(damaged(None, problem)),
            None => Ok(settings),
        }
    }

    /// Changes the settings with `change` and saves them atomically, under the folder's lock, through a
    /// link to the file it names. A settings file that cannot be read is never overwritten.
    pub(crate) fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<Settings, SettingsError> {
        let path = self.settings_path();
        let write_error = |error| SettingsError::Write { path: path.clone(), error };
        let _lock = self.lock().map_err(|err| write_error(io::Error::other(err.to_string())))?;
        let mut settings = self.load_settings()?;
        change(&mut settings);
        let config = ron::ser::PrettyConfig::new().indentor("  ".to_owned());
        let text = ron::ser::to_string_pretty(&settings, config).map_err(|e| write_error(io::Error::other(e)))?;
        // A link stays one: the file it names is replaced (N18), as the progress file's is.
        atomic_write(&file_to_replace(&path), text.as_bytes()).map_err(write_error)?;
        Ok(settings)
    }
}
