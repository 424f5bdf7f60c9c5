//! The progress file's text: written with ron's pretty printer, read with its version checked first and
//! older versions upgraded.

use std::io;
use std::path::Path;

use super::files::read_limited;
use super::{MAX_PROGRESS_BYTES, StoreError};
use crate::progress::{CURRENT_VERSION, Progress};
use crate::text_pos::TextPos;

/// The progress file's text: ron's pretty printer, two-space indent, each item, history event, project
/// and project item written out over lines of its own so a diff of two files shows what changed.
pub fn to_ron(progress: &Progress) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().depth_limit(5).indentor("  ".to_owned());
    ron::ser::to_string_pretty(progress, config)
}

/// The progress file's text as saved at `path`: pretty when it fits in what the reader takes, compact when
/// only that fits (a file made compact by a sync tool or a hand merge grows by half when pretty printed),
/// and refused when neither does, so skillgap never writes a file it would then refuse to read (N2).
pub(super) fn encode(progress: &Progress, path: &Path) -> Result<String, StoreError> {
    encode_within(progress, path, MAX_PROGRESS_BYTES)
}

fn encode_within(progress: &Progress, path: &Path, limit: u64) -> Result<String, StoreError> {
    let failed = |error| StoreError::Write { path: path.to_path_buf(), error: io::Error::other(error) };
    let pretty = to_ron(progress).map_err(failed)?;
    if pretty.len() as u64 <= limit {
        return Ok(pretty);
    }
    drop(pretty);
    let compact = ron::ser::to_string(progress).map_err(failed)?;
    if compact.len() as u64 <= limit {
        return Ok(compact);
    }
    Err(StoreError::TooLarge { path: path.to_path_buf(), bytes: compact.len() as u64, limit })
}

/// Reads and parses a progress file; a missing file is empty progress.
pub fn read_progress(path: &Path) -> Result<Progress, StoreError> {
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Progress::default()),
        Err(source) => return Err(StoreError::Read { path: path.to_path_buf(), error: source }),
    };
    parse_progress(path, &bytes)
}

/// Only the version, read first so a newer file is refused before its fields are judged.
#[derive(serde::Deserialize)]
struct VersionOnly {
    /// `None` when the field is missing, told apart from a written 0.
    #[serde(default, deserialize_with = "present")]
    version: Option<u32>,
}

fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    <u32 as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Parses the bytes of a progress file, upgrading older versions.
pub fn parse_progress(path: &Path, bytes: &[u8]) -> Result<Progress, StoreError> {
    let damaged = |pos, message: String| StoreError::Damaged { path: path.to_path_buf(), pos, message };
    let text = std::str::from_utf8(bytes).map_err(|err| {
        damaged(Some(TextPos::of_invalid_utf8(bytes, err.valid_up_to())), "not UTF-8 text".to_owned())
    })?;
    // A byte-order mark, as Windows Notepad writes one, is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(damaged(None, "the file is empty (a progress file always holds at least its version)".to_owned()));
    }
    let progress = parse_text(path, text)?;
    check_project_ids(path, text, &progress)?;
    Ok(progress)
}

/// Parses a progress file's text of any version skillgap knows.
fn parse_text(path: &Path, text: &str) -> Result<Progress, StoreError> {
    let damaged = |pos, message: String| StoreError::Damaged { path: path.to_path_buf(), pos, message };
    let spanned = |err: ron::error::SpannedError| {
        damaged(Some(TextPos::of_ron_error(&err)), crate::text_pos::describe(&err.code))
    };
    // Fast path: a file of the current version parses in one pass. Only when it does not is the version
    // probed (a second pass over the text), so a newer file is refused as newer, not as damaged.
    let current = ron::Options::default().from_str::<Progress>(text);
    if let Ok(progress) = &current
        && progress.version == CURRENT_VERSION
    {
        return current.map_err(spanned);
    }
    let version = match ron::Options::default()
        .from_str::<VersionOnly>(text)
        .map_err(|err| foreign(path, text, err))?
        .version
    {
        None => {
            return Err(damaged(None, "it has no `version` field, so it is not a skillgap progress file".to_owned()));
        }
        Some(0) => return Err(damaged(None, "its version is 0, and skillgap's versions start at 1".to_owned())),
        Some(version) => version,
    };
    if version > CURRENT_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), version });
    }
    if version == CURRENT_VERSION {
        return current.map_err(spanned);
    }
    migrate(version, text).map_err(|err| match err {
        MigrateError::Parse(err) => spanned(err),
        MigrateError::Unknown(version) => damaged(None, format!("unknown version {version}")),
    })
}

/// Refuses project ids skillgap never makes (hostile-input review N4, N7): an id names files (a removed
/// project's backup) and is what every change to a project names, so it is a slug and no two projects
/// share one. A hand edit or a merge that breaks this is damage, shown at the id.
fn check_project_ids(path: &Path, text: &str, progress: &Progress) -> Result<(), StoreError> {
    for (index, project) in progress.projects.iter().enumerate() {
        let id = &project.id;
        let earlier = progress.projects[..index].iter().filter(|p| &p.id == id).collect::<Vec<_>>();
        let message = if !crate::project::is_project_id(id) {
            format!(
                "the project id {id:?} of {:?} is not one skillgap makes (lowercase letters and digits joined by \
                 single dashes, as in {:?}); ids name files, so this one is refused",
                project.name,
                crate::project::slug(&project.name)
            )
        } else if let Some(first) = earlier.first() {
            format!(
                "two projects have the id {id:?} ({:?} and {:?}); give the second an id no project has, such as {:?}",
                first.name,
                project.name,
                progress.new_project_id(&project.name)
            )
        } else {
            continue;
        };
        let pos = id_position(text, id, earlier.len());
        return Err(StoreError::Damaged { path: path.to_path_buf(), pos, message });
    }
    Ok(())
}

/// Where the `nth` project with this id has it written, as skillgap writes it (`id: "…"`).
fn id_position(text: &str, id: &str, nth: usize) -> Option<TextPos> {
    let value = ron::to_string(id).ok()?;
    let field = format!("id: {value}");
    let (offset, _) = text.match_indices(&field).nth(nth)?;
    Some(TextPos::at_byte(text, offset + field.len() - value.len()))
}

/// The error for a file that is not even the start of a progress file: something else saved under its
/// name (a report, JSON) is named as such, not as a parse error about attributes or internal types
/// (hostile-input review U9, U2). Anything that starts like RON gets ron's own message and position.
fn foreign(path: &Path, text: &str, err: ron::error::SpannedError) -> StoreError {
    let content = text.trim_start();
    let path = path.to_path_buf();
    if ["(", "//", "/*", "#!["].iter().any(|start| content.starts_with(start)) {
        let pos = Some(TextPos::of_ron_error(&err));
        return StoreError::Damaged { path, pos, message: crate::text_pos::describe(&err.code) };
    }
    let pos = Some(TextPos::at_byte(text, text.len() - content.len()));
    let first_line: String = content.lines().next().unwrap_or_default().chars().take(60).collect();
    let message = format!("it is not a skillgap progress file (one starts with `(`, this one with `{first_line}`)");
    StoreError::Damaged { path, pos, message }
}

enum MigrateError {
    Parse(ron::error::SpannedError),
    Unknown(u32),
}

/// Reads a file of schema `version` as the current [`Progress`]. Version 1 is the first released
/// schema; each later version adds an arm that reads the old shape and converts it.
fn migrate(version: u32, text: &str) -> Result<Progress, MigrateError> {
    match version {
        // Version 2 only added `projects`, version 3 only the projects' `readings`, version 4 only `reviews`:
        // an older file reads as the current one without them.
        1..=3 => ron::Options::default()
            .from_str::<Progress>(text)
            .map(|progress| Progress { version: CURRENT_VERSION, ..progress })
            .map_err(MigrateError::Parse),
        other => Err(MigrateError::Unknown(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Change;

    fn progress_with_notes(count: usize) -> Progress {
        let mut progress = Progress::default();
        let catalog = crate::catalog::Catalog::default();
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        for n in 0..count {
            let change =
                Change { item: format!("list/item-{n}"), note: Some(format!("note {n}")), ..Change::default() };
            progress.apply(&catalog, &change, at);
        }
        progress
    }

    /// A version 2 file (projects, no readings) reads as the current version with nothing lost.
    #[test]
    fn a_version_2_file_with_a_project_reads_as_the_current_version() {
        let text = r#"(version: 2, items: {}, history: [], projects: [(id: "tc", name: "TC", checklist: "launch-one-project",
            created: "2026-11-01T10:00:00Z", items: {"launch-one-project/containerised": (status: done,
            changed: "2026-11-02T10:00:00Z", evidence: "Dockerfile:1")})])"#;
        let progress = parse_progress(Path::new("progress.ron"), text.as_bytes()).unwrap();
        assert_eq!(progress.version, CURRENT_VERSION);
        let project = &progress.projects[0];
        assert_eq!((project.items.len(), project.readings.len()), (1, 0));
        assert_eq!(project.items["launch-one-project/containerised"].evidence, "Dockerfile:1");
    }

    /// N2: a progress file is written pretty while that fits in the reader's limit, compact when only
    /// compact fits (and reads back the same), and not at all when nothing fits.
    #[test]
    fn a_save_is_never_larger_than_the_reader_takes() {
        let progress = progress_with_notes(50);
        let path = Path::new("progress.ron");
        let (pretty, compact) = (to_ron(&progress).unwrap(), ron::ser::to_string(&progress).unwrap());
        assert!(compact.len() < pretty.len());

        assert_eq!(encode_within(&progress, path, pretty.len() as u64).unwrap(), pretty);
        let fitted = encode_within(&progress, path, pretty.len() as u64 - 1).unwrap();
        assert_eq!(fitted, compact);
        assert_eq!(parse_progress(path, fitted.as_bytes()).unwrap(), progress);
        let refused = encode_within(&progress, path, compact.len() as u64 - 1).unwrap_err();
        assert!(matches!(refused, StoreError::TooLarge { .. }), "{refused}");
        assert!(refused.to_string().contains("nothing was written"), "{refused}");
    }
}
