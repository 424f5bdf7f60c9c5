//! Putting skillgap in the desktop's application menu: a `.desktop` entry and the icon, in the
//! person's XDG data folder (on Linux `~/.local/share`), as `skillgap install-desktop` does.
//!
//! The folders under the data folder are never followed when they are links (hostile-input review N11: a
//! linked `icons/hicolor/256x256/apps` made install write, and `--remove` delete, `/etc/skillgap.png`).
//! The data folder itself may be a link: that is the person's own choice of where their data lives.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files::atomic_write;

const DESKTOP_ENTRY: &str = include_str!("../../assets/desktop/skillgap.desktop");
const ICON_PNG: &[u8] = include_bytes!("../../assets/desktop/skillgap.png");
const ICON_SVG: &[u8] = include_bytes!("../../assets/desktop/skillgap.svg");

/// The entry's files: the folders they go in, under the data folder, and their names.
const FILES: [(&[&str], &str); 3] = [
    (&["applications"], "skillgap.desktop"),
    (&["icons", "hicolor", "256x256", "apps"], "skillgap.png"),
    (&["icons", "hicolor", "scalable", "apps"], "skillgap.svg"),
];

#[derive(Debug, thiserror::Error)]
pub(crate) enum DesktopError {
    #[error(
        "{folder} is a symbolic link{}, and skillgap never writes its menu entry through a link. Nothing was \
written. Replace the link with a real folder (or remove it), then run `skillgap install-desktop` again.",
        .to.as_ref().map(|to| format!(" (to {})", to.display())).unwrap_or_default()
    )]
    LinkedFolder { folder: PathBuf, to: Option<PathBuf> },
    #[error("{folder} is not a folder. Nothing was written. Move it away, then run `skillgap install-desktop` again.")]
    NotAFolder { folder: PathBuf },
    #[error(
        "the path of this skillgap, {}, is not UTF-8 text, which a desktop entry cannot hold. Nothing was written. \
Move the binary to a folder whose name is, then run `skillgap install-desktop` from there.",
        .exe.display()
    )]
    NotUtf8 { exe: PathBuf },
    #[error("cannot write {path}: {error}. Make that folder writable, then run `skillgap install-desktop` again.")]
    Write { path: PathBuf, error: io::Error },
    #[error(
        "cannot remove {path}: {error}. Make its folder writable, then run `skillgap install-desktop --remove` again."
    )]
    Remove { path: PathBuf, error: io::Error },
    #[error("cannot look into {folder}: {error}. Make it readable, then do it again.")]
    Folder { folder: PathBuf, error: io::Error },
}

/// What `--remove` did: the files removed, and those left because a folder on their way is a link
/// (each with that folder).
#[derive(Debug, Default)]
pub(crate) struct Removal {
    pub removed: Vec<PathBuf>,
    pub left: Vec<(PathBuf, PathBuf)>,
}

/// The contents of [`FILES`], the entry starting `exe`.
fn contents(exe: &Path) -> Result<[Vec<u8>; 3], DesktopError> {
    // A desktop entry is UTF-8 text: a path that is not could only be written wrong.
    let text = exe.to_str().ok_or_else(|| DesktopError::NotUtf8 { exe: exe.to_path_buf() })?;
    // The menu starts the binary by its full path, so it works whether or not it is on PATH.
    let (exec, try_exec) = (exec_value(text), try_exec_value(text));
    let entry = DESKTOP_ENTRY.replace("Exec=skillgap", &format!("Exec={exec}\nTryExec={try_exec}"));
    Ok([entry.into_bytes(), ICON_PNG.to_vec(), ICON_SVG.to_vec()])
}

/// `exe` as the entry's `Exec` (hostile-input review N14): one argument in double quotes, with `"`, `` ` ``,
/// `$` and `\` backslashed inside them and `%` written `%%` (not a field code), all then written as a string
/// value, which doubles every backslash. A path with none of these is quoted all the same, as the spec allows.
fn exec_value(exe: &str) -> String {
    let mut quoted = String::from('"');
    for c in exe.chars() {
        match c {
            '"' | '`' | '$' | '\\' => quoted.extend(['\\', c]),
            '%' => quoted.push_str("%%"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    string_value(&quoted)
}

/// `exe` as the entry's `TryExec`: a plain string value, never quoted (GLib would look for a file whose name
/// has the quotes).
fn try_exec_value(exe: &str) -> String {
    string_value(exe)
}

/// `text` as a desktop entry's string value: `\\`, `\n`, `\t` and `\r` escaped, and a leading space (which
/// readers drop) as `\s`.
fn string_value(text: &str) -> String {
    let mut value = String::with_capacity(text.len());
    for (index, c) in text.chars().enumerate() {
        match c {
            '\\' => value.push_str("\\\\"),
            '\n' => value.push_str("\\n"),
            '\t' => value.push_str("\\t"),
            '\r' => value.push_str("\\r"),
            ' ' if index == 0 => value.push_str("\\s"),
            c => value.push(c),
        }
    }
    value
}

/// The folder `relative` under `data_home`, each folder along the way checked: a link or a file is an
/// error, never followed. A missing folder is created when `create`; else nothing below it exists.
fn checked_folder(data_home: &Path, relative: &[&str], create: bool) -> Result<PathBuf, DesktopError> {
    let full = under(data_home, relative);
    let mut folder = data_home.to_path_buf();
    for name in relative {
        folder.push(name);
        match fs::symlink_metadata(&folder) {
            Ok(meta) if meta.is_symlink() => {
                return Err(DesktopError::LinkedFolder { to: fs::read_link(&folder).ok(), folder });
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(DesktopError::NotAFolder { folder }),
            Err(err) if err.kind() == io::ErrorKind::NotFound && !create => break,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(&folder).map_err(|error| DesktopError::Write { path: folder.clone(), error })?;
            }
            Err(error) => return Err(DesktopError::Folder { folder, error }),
        }
    }
    Ok(full)
}

fn under(data_home: &Path, relative: &[&str]) -> PathBuf {
    relative.iter().fold(data_home.to_path_buf(), |path, name| path.join(name))
}

/// Writes the desktop entry (starting `exe`) and the icons under `data_home`; returns the files written.
/// Every folder is checked before anything is written, so a linked one leaves nothing behind.
pub(crate) fn install_desktop_entry(data_home: &Path, exe: &Path) -> Result<Vec<PathBuf>, DesktopError> {
    fs::create_dir_all(data_home).map_err(|error| match fs::metadata(data_home) {
        Ok(meta) if !meta.is_dir() => DesktopError::NotAFolder { folder: data_home.to_path_buf() },
        _ => DesktopError::Write { path: data_home.to_path_buf(), error },
    })?;
    for (relative, _) in FILES {
        checked_folder(data_home, relative, false)?;
    }
    let mut written = Vec::new();
    for ((relative, name), bytes) in FILES.into_iter().zip(contents(exe)?) {
        let path = checked_folder(data_home, relative, true)?.join(name);
        atomic_write(&path, &bytes).map_err(|error| DesktopError::Write { path: path.clone(), error })?;
        written.push(path);
    }
    Ok(written)
}

/// Removes what [`install_desktop_entry`] wrote, never through a linked folder: a file there is left, and
/// named with the link.
pub(crate) fn remove_desktop_entry(data_home: &Path) -> Result<Removal, DesktopError> {
    let mut removal = Removal::default();
    for (relative, name) in FILES {
        let path = under(data_home, relative).join(name);
        match checked_folder(data_home, relative, false) {
            // Looking through the link is harmless; deleting through it is what is never done.
            Err(DesktopError::LinkedFolder { folder, .. }) if fs::symlink_metadata(&path).is_ok() => {
                removal.left.push((path, folder));
            }
            Err(DesktopError::LinkedFolder { .. } | DesktopError::NotAFolder { .. }) => {}
            Err(err) => return Err(err),
            Ok(_) => match fs::remove_file(&path) {
                Ok(()) => removal.removed.push(path),
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(DesktopError::Remove { path, error }),
            },
        }
    }
    Ok(removal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Desktop Entry spec's reading of a string value: `\s`, `\n`, `\t`, `\r` and `\\` unescaped.
    fn read_string(value: &str) -> String {
        let (mut text, mut chars) = (String::new(), value.chars());
        while let Some(c) = chars.next() {
            text.push(match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('s') => ' ',
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some('r') => '\r',
                    Some('\\') => '\\',
                    other => panic!("{value:?} has the invalid escape \\{other:?}"),
                },
                (c, false) => c,
            });
        }
        text
    }

    /// The spec's reading of an Exec value of one argument: a string value, then `%%` as `%` (any other
    /// `%` is a field code), then the quoting (inside `"…"`, a backslash escapes `"`, `` ` ``, `$`, `\`).
    fn read_exec(value: &str) -> String {
        let text = read_string(value);
        assert!(!text.replace("%%", "").contains('%'), "{value:?} has a field code");
        let text = text.replace("%%", "%");
        let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
            assert!(!text.contains([' ', '"', '\\', '$', '`', '\'', '\n']), "{value:?} needs quotes");
            return text;
        };
        let (mut argument, mut chars) = (String::new(), inner.chars());
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(escaped @ ('"' | '`' | '$' | '\\')) => argument.push(escaped),
                    other => panic!("{value:?}: a backslash before {other:?} inside quotes"),
                },
                '"' | '`' | '$' => panic!("{value:?}: an unescaped {c} inside quotes"),
                c => argument.push(c),
            }
        }
        argument
    }

    /// Hostile-input review N14: `TryExec` was quoted like a command line (GLib then looked for a file
    /// whose name has quotes), and `Exec` left `%`, `$` and `` ` `` unescaped.
    #[test]
    fn exec_is_quoted_and_try_exec_is_a_plain_string_as_the_desktop_entry_spec_says() {
        let exe = "/home/John Smith/%f \"$(id)`x`\\b/skillgap";
        assert_eq!(try_exec_value(exe), "/home/John Smith/%f \"$(id)`x`\\\\b/skillgap");
        assert_eq!(exec_value(exe), r#""/home/John Smith/%%f \\"\\$(id)\\`x\\`\\\\b/skillgap""#);
        assert_eq!(try_exec_value(" a\tb\nc\rd"), "\\sa\\tb\\nc\\rd");
        for exe in [exe, "/usr/bin/skillgap", "/opt/a'b/c;d&e|f<g>h~i*j?k#l(m)n/skillgap", "/x/a\tb\nc\\%%d/skillgap"] {
            assert_eq!(read_string(&try_exec_value(exe)), exe, "TryExec of {exe:?}");
            assert_eq!(read_exec(&exec_value(exe)), exe, "Exec of {exe:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_binary_whose_path_is_not_utf8_gets_no_entry_written_wrong() {
        use std::os::unix::ffi::OsStrExt as _;
        let exe = Path::new(std::ffi::OsStr::from_bytes(b"/home/caf\xe9/skillgap"));
        assert!(matches!(contents(exe), Err(DesktopError::NotUtf8 { .. })));
        assert!(contents(Path::new("/home/caf\u{e9}/skillgap")).is_ok());
    }

    #[test]
    fn a_data_folder_that_is_a_file_is_named_as_not_a_folder() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("share");
        std::fs::write(&file, "a file").unwrap();
        let err = install_desktop_entry(&file, Path::new("/usr/bin/skillgap")).unwrap_err();
        assert!(matches!(&err, DesktopError::NotAFolder { folder } if *folder == file), "{err}");
    }
}
