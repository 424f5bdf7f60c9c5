//! A project as a file in its own repository, `.skillgap/project.ron`: its name, checklist, and each
//! item's status, note and evidence (paths relative to the folder, or links), meant to be committed.
//! Git then gives it history, review and permissions; `skillgap project check` reads it in CI, and
//! `skillgap project add --folder` brings it onto a teammate's machine.
//!
//! The file comes from a repository, so it is untrusted input: it is read with the rules typed text
//! follows (one-line names and evidence, no hidden characters, paths inside the folder), and every
//! problem is reported at its `file:line:col`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Project, ProjectItem, ProjectStatus};
use crate::catalog::Catalog;
use crate::catalog::validate::is_http_url;
use crate::safe_text::one_line_problem;
use crate::text_pos::TextPos;

/// A project's items by full id.
type Items = BTreeMap<String, ProjectItem>;

/// Where the file lives in a project's folder.
pub const PROJECT_FILE: &str = ".skillgap/project.ron";
/// The file's format; a newer one is refused, never guessed at.
const FORMAT_VERSION: u32 = 1;

/// The first lines of every written file: what it is and what reads it.
const HEADER: &str = "// This project's production readiness, kept by skillgap.\n\
// Commit it: `skillgap project check` reads it in CI, `skillgap project add --folder .` on another machine.\n";

/// `.skillgap/project.ron` as written and read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProjectFile {
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub repository: String,
    /// The id of the checklist it is scored against.
    pub checklist: String,
    /// Keyed by the item's id in that checklist (`containerised`); a key written twice is refused.
    #[serde(default, deserialize_with = "unique_keys")]
    pub items: BTreeMap<String, FileItem>,
}

/// One item of the project as the file keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileItem {
    pub status: ProjectStatus,
    /// When its status, note or evidence last changed (to the second); a hand-written item may leave it out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_date",
        deserialize_with = "present_date"
    )]
    pub changed: Option<DateTime<Utc>>,
    /// A note; for an item that does not apply, the reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// A link, or a path in the project's folder (`compose.yaml:4`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

impl FileItem {
    /// The first of its fields that breaks the rules typed text follows (checked as it is kept: trimmed).
    fn check_text(&self, key: &str) -> Result<(), (String, String)> {
        let evidence = self.evidence.trim();
        let refuse = |problem: String| Err((self.evidence.clone(), problem));
        if let Some(problem) = one_line_problem(&format!("the evidence of {key}"), evidence) {
            return refuse(problem);
        }
        if !is_http_url(evidence) && escapes_folder(evidence) {
            return refuse(format!(
                "the evidence of {key} ({evidence:?}) is not a path inside the project's folder; give one such as \
                 deploy/nginx.conf, or an http(s) link"
            ));
        }
        let control = self.note.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
        if let Some(problem) = crate::safe_text::hidden_character(&format!("the note of {key}"), &self.note)
            .or_else(|| control.then(|| format!("the note of {key} contains control characters")))
        {
            return Err((self.note.clone(), problem));
        }
        if self.status == ProjectStatus::NotApplicable && self.note.trim().is_empty() {
            return Err((key.to_owned(), format!("{key} does not apply, but its note does not say why; give it one")));
        }
        Ok(())
    }
}

/// What is wrong with a project file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", .file, .pos.map(|p| format!(":{p}")).unwrap_or_default())]
pub struct ProjectFileError {
    pub file: String,
    pub pos: Option<TextPos>,
    pub message: String,
}

impl ProjectFile {
    /// The file for `project`: every item with a status other than *to do*, a note or evidence.
    pub(crate) fn of(catalog: &Catalog, project: &Project) -> ProjectFile {
        let items = project
            .items
            .iter()
            .filter(|(_, item)| {
                item.status != ProjectStatus::Todo || !item.note.is_empty() || !item.evidence.is_empty()
            })
            .map(|(full_id, item)| {
                let key = catalog.item_index(full_id).map_or(full_id.as_str(), |i| catalog.items[i].id());
                let kept = FileItem {
                    status: item.status,
                    changed: Some(item.changed),
                    note: item.note.clone(),
                    evidence: item.evidence.clone(),
                };
                (key.to_owned(), kept)
            })
            .collect();
        ProjectFile {
            version: FORMAT_VERSION,
            name: project.name.clone(),
            repository: project.repository.clone(),
            checklist: project.checklist.clone(),
            items,
        }
    }

    /// The file's text: a header saying what it is, then pretty RON, one item a few lines.
    pub(crate) fn to_text(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new().depth_limit(3).indentor("  ".to_owned());
        Ok(format!("{HEADER}{}\n", ron::ser::to_string_pretty(self, config)?))
    }

    /// Reads the file's `text` (`file` names it in errors), checking what a repository could slip in.
    pub(crate) fn parse(file: &str, text: &str) -> Result<ProjectFile, ProjectFileError> {
        let error = |pos, message: String| ProjectFileError { file: file.to_owned(), pos, message };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let parsed: ProjectFile = ron::Options::default().from_str(text).map_err(|err| {
            let message =
                format!("{} (the file `skillgap project export` writes)", crate::text_pos::describe(&err.code));
            error(Some(TextPos::of_ron_error(&err)), message)
        })?;
        if parsed.version != FORMAT_VERSION {
            let pos = TextPos::find(text, "version", 0);
            let message = if parsed.version > FORMAT_VERSION {
                format!(
                    "version {} is newer than this skillgap reads ({FORMAT_VERSION}); update skillgap",
                    parsed.version
                )
            } else {
                format!("version {} is not a version of this file; it starts at {FORMAT_VERSION}", parsed.version)
            };
            return Err(error(pos, message));
        }
        parsed.check_text().map_err(|(needle, message)| error(value_position(text, &needle), message))?;
        Ok(parsed)
    }

    /// The first field that breaks the rules typed text follows: the value (to find it) and the problem.
    fn check_text(&self) -> Result<(), (String, String)> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err((self.name.clone(), "the name must have 1 to 100 characters".to_owned()));
        }
        if let Some(problem) = crate::safe_text::name_problem("the name", name) {
            return Err((self.name.clone(), problem));
        }
        if !self.repository.is_empty() && !is_http_url(&self.repository) {
            return Err((self.repository.clone(), "the repository is not an http(s) link".to_owned()));
        }
        self.items.iter().try_for_each(|(key, item)| item.check_text(key))
    }

    /// A new project's facts completed from the file (a name left empty, its repository and checklist),
    /// and the file's items for it.
    pub(crate) fn fill(&self, draft: &mut super::NewProject, catalog: &Catalog) -> Result<Items, String> {
        if draft.name.trim().is_empty() {
            draft.name.clone_from(&self.name);
        }
        if draft.repository.trim().is_empty() {
            draft.repository.clone_from(&self.repository);
        }
        draft.checklist.clone_from(&self.checklist);
        self.items_for(catalog, Utc::now()).map(|(items, _)| items)
    }

    /// The file's items as a project keeps them (by full id), and the keys no item of the checklist has.
    /// Items without a date get `now`.
    /// Two keys that name one item (`containerised` and its full id) are refused: which one a reviewer
    /// reads would not be which one counts.
    pub(crate) fn items_for(&self, catalog: &Catalog, now: DateTime<Utc>) -> Result<(Items, Vec<String>), String> {
        let (mut items, mut unknown): (Items, _) = (BTreeMap::new(), Vec::new());
        let Some(checklist) = catalog.checklist_index(&self.checklist) else {
            return Ok((items, self.items.keys().cloned().collect()));
        };
        let mut keys: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, item) in &self.items {
            let found = catalog.checklists[checklist].item_range().find(|&i| {
                let catalog_item = &catalog.items[i];
                catalog_item.id() == key
                    || &catalog_item.full_id == key
                    || catalog_item.aliases.iter().any(|a| a == key)
            });
            let Some(index) = found else {
                unknown.push(key.clone());
                continue;
            };
            let full_id = catalog.items[index].full_id.as_str();
            if let Some(other) = keys.insert(full_id, key) {
                return Err(format!("{other:?} and {key:?} are one item ({full_id}); keep one of them"));
            }
            let kept = ProjectItem {
                status: item.status,
                changed: item.changed.unwrap_or(now),
                note: item.note.clone(),
                evidence: item.evidence.trim().to_owned(),
            };
            items.insert(full_id.to_owned(), kept);
        }
        Ok((items, unknown))
    }
}

/// The items map, refusing a key written twice (serde's map would keep the last one silently).
fn unique_keys<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, FileItem>, D::Error> {
    struct Keys;
    impl<'de> serde::de::Visitor<'de> for Keys {
        type Value = BTreeMap<String, FileItem>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of item ids to items")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut items = BTreeMap::new();
            while let Some((key, item)) = map.next_entry::<String, FileItem>()? {
                if items.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!("the item {key:?} is written twice; keep one")));
                }
                items.insert(key, item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_map(Keys)
}

/// A date written as itself, not as `Some(…)`: the file is read by people in review.
fn plain_date<S: serde::Serializer>(date: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).serialize(serializer),
        None => serializer.serialize_none(),
    }
}

fn present_date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    DateTime::<Utc>::deserialize(deserializer).map(Some)
}

/// The project file's text for `project` and how many items it holds; refused when the project holds
/// text the file's reader would refuse (a name with an escape from a hand edit), so an export never
/// breaks the CI check that reads it.
pub(crate) fn export_text(catalog: &Catalog, project: &Project) -> Result<(String, usize), String> {
    let file = ProjectFile::of(catalog, project);
    if let Err((_, problem)) = file.check_text() {
        return Err(format!("{} cannot be exported: {problem}; change that first", project.name));
    }
    let text = file.to_text().map_err(|err| format!("{} cannot be exported: {err}", project.name))?;
    Ok((text, file.items.len()))
}

/// Whether a path would leave the project's folder: absolute, or through `..`.
fn escapes_folder(evidence: &str) -> bool {
    let path = std::path::Path::new(evidence);
    path.is_absolute()
        || evidence.starts_with('\\')
        || path.components().any(|c| matches!(c, std::path::Component::ParentDir | std::path::Component::Prefix(_)))
}

/// Where a string value is written in the file: as RON writes it, else as it is (a raw line break).
fn value_position(text: &str, value: &str) -> Option<TextPos> {
    let written = ron::to_string(value).ok()?;
    TextPos::find(text, &written, 0).or_else(|| TextPos::find(text, &format!("\"{value}\""), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ProjectFile, ProjectFileError> {
        ProjectFile::parse(PROJECT_FILE, text)
    }

    #[test]
    fn a_file_reads_back_what_was_written() {
        let mut items = BTreeMap::new();
        let at = DateTime::from_timestamp(1_765_000_000, 0);
        let evidence = "compose.yaml:4".to_owned();
        items.insert(
            "containerised".to_owned(),
            FileItem { status: ProjectStatus::Done, changed: at, note: "Line \"one\"\nline two".into(), evidence },
        );
        let file = ProjectFile {
            version: FORMAT_VERSION,
            name: "Tuition centre".into(),
            repository: "https://github.com/example/tc".into(),
            checklist: "launch-one-project".into(),
            items,
        };
        let text = file.to_text().unwrap();
        assert!(text.starts_with("// This project's production readiness"), "{text}");
        assert_eq!(parse(&text).unwrap(), file);
    }

    #[test]
    fn what_a_repository_could_slip_in_is_refused_at_its_place() {
        let head = "(version: 1, name: \"Shop\", checklist: \"launch-one-project\", items: {\n";
        let cases = [
            ("  \"containerised\": (status: done, evidence: \"../../etc/passwd\"),\n", "2:45", "not a path inside"),
            ("  \"containerised\": (status: done, evidence: \"/etc/passwd\"),\n", "2:45", "not a path inside"),
            ("  \"containerised\": (status: done, evidence: \"a\\n# Heading\"),\n", "2:45", "control character"),
            ("  \"containerised\": (status: done, note: \"\\u{202e}gnp\"),\n", "2:41", "invisible character"),
            ("  \"containerised\": (status: finished),\n", "2:29", "expected one of"),
            ("  \"containerised\": (status: done, evidence: \" /etc/passwd\"),\n", "2:45", "not a path inside"),
            ("  \"containerised\": (status: done, evidence: \"\\u{3000}/root/x\"),\n", "2:45", "not a path inside"),
            (
                "  \"containerised\": (status: done, evidence: \"a\\u{2028}b\"),\n",
                "2:45",
                "control character \\u{2028}",
            ),
            ("  \"launch-review\": (status: not_applicable),\n", "2:3", "does not say why"),
        ];
        for (line, at, expected) in cases {
            let err = parse(&format!("{head}{line}}})\n")).unwrap_err().to_string();
            assert!(err.starts_with(&format!("{PROJECT_FILE}:{at}: ")), "{line}: {err}");
            assert!(err.contains(expected), "{line}: {err}");
        }
        let newer = parse("(version: 2, name: \"Shop\", checklist: \"x\")").unwrap_err().to_string();
        assert!(newer.contains(":1:2: version 2 is newer than this skillgap reads"), "{newer}");
    }
}
