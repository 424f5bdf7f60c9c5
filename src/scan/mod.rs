//! The repository scan: which lifecycle artefacts a project's local folder holds (a Dockerfile, CI
//! workflows, an Nginx config, a restore script ...), each a *finding* that proposes an item of
//! `launch-one-project` with the file as evidence. The person accepts or rejects every proposal; the scan
//! never ticks anything.
//!
//! It is the only code that reads a project's folder, and it only reads: offline, it runs nothing and
//! writes nothing. It never follows a link (a link's target may be outside the folder), reads only
//! regular files and at most their first [`HEAD_BYTES`], skips dependency and build folders
//! (`SKIPPED_FOLDERS`) and stops after `MAX_ENTRIES` entries.

mod rules;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::catalog::Catalog;
use crate::project::{Project, ProjectChange, ProjectStatus};
use rules::{FileName, RULES};

/// The checklist whose item ids the scan's rules name.
const SCAN_CHECKLIST: &str = "launch-one-project";
/// How much of a file the scan reads: enough for any config or the top of a source file.
pub const HEAD_BYTES: u64 = 64 * 1024;
/// Entries (files and folders) after which the scan stops and says so.
pub(crate) const MAX_ENTRIES: usize = 200_000;
/// How deep the scan goes below the project's folder.
const MAX_DEPTH: usize = 32;
/// After this many files found by their text, a rule reads no more files.
const CONTENT_HITS_PER_RULE: usize = 3;
/// Folders of dependencies, build output and tools' state: large, and never the project's own artefacts.
const SKIPPED_FOLDERS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "vendor",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".terraform",
    ".next",
    ".cache",
];

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("the project folder {path} does not exist. Give the folder of a local clone of the project.")]
    NotFound { path: PathBuf },
    #[error("{path} is not a folder. Give the folder of a local clone of the project, not a file in it.")]
    NotAFolder { path: PathBuf },
    #[error("cannot read the project folder {path}: {error}")]
    Read { path: PathBuf, error: io::Error },
    #[error("the folder {path} has a name that is not UTF-8 text; move the clone to a plainer path")]
    NotUtf8 { path: PathBuf },
    #[error(
        "the project has no local folder to scan. Add one with `skillgap project edit NAME --folder DIR`, or in \
the window's Projects view."
    )]
    NoFolder,
}

/// One artefact found: the file, what it is, and the `launch-one-project` item it is evidence for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The item id within `SCAN_CHECKLIST`.
    pub item: &'static str,
    /// The file's path in the project's folder, with `/` between names.
    pub path: String,
    /// "a Dockerfile".
    pub what: &'static str,
}

/// What one scan found, and what it skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Scan {
    pub findings: Vec<Finding>,
    /// Regular files looked at.
    pub files: usize,
    /// Bytes read from them in all.
    pub bytes_read: u64,
    /// Links not followed.
    pub links_skipped: usize,
    /// Entries that could not be read (no permission).
    pub unreadable: usize,
    /// The scan stopped at `MAX_ENTRIES`.
    pub truncated: bool,
}

/// Checks that `folder` is a folder the scan can read, as a project's folder must be.
fn check_folder(folder: &Path) -> Result<(), ScanError> {
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(ScanError::NotAFolder { path: folder.to_path_buf() }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            Err(ScanError::NotFound { path: folder.to_path_buf() })
        }
        Err(error) => Err(ScanError::Read { path: folder.to_path_buf(), error }),
    }
}

/// `folder` as a project keeps it: checked, absolute (so the scan finds it from anywhere), UTF-8 text.
pub(crate) fn project_folder(folder: &Path) -> Result<String, ScanError> {
    check_folder(folder)?;
    let absolute =
        std::fs::canonicalize(folder).map_err(|error| ScanError::Read { path: folder.to_path_buf(), error })?;
    absolute.to_str().map(str::to_owned).ok_or(ScanError::NotUtf8 { path: absolute })
}

/// Scans `folder` (see the module's documentation).
pub fn scan(folder: &Path) -> Result<Scan, ScanError> {
    check_folder(folder)?;
    let mut found = Scan::default();
    let mut content_hits = [0usize; RULES.len()];
    let walk = WalkDir::new(folder)
        .follow_links(false)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !(entry.file_type().is_dir() && is_skipped(entry.file_name())));
    for (count, entry) in walk.enumerate() {
        if count >= MAX_ENTRIES {
            found.truncated = true;
            break;
        }
        let Ok(entry) = entry else {
            found.unreadable += 1;
            continue;
        };
        let kind = entry.file_type();
        if kind.is_symlink() {
            found.links_skipped += 1;
        }
        if !kind.is_file() {
            continue;
        }
        found.files += 1;
        let Some(name) = relative_name(folder, entry.path()) else { continue };
        look_at(entry.path(), &name, &mut found, &mut content_hits);
    }
    found.findings.sort_by(|a, b| (a.item, depth(&a.path), &a.path).cmp(&(b.item, depth(&b.path), &b.path)));
    Ok(found)
}

/// Applies every rule to one regular file, reading its head once if any rule looks for text.
fn look_at(path: &Path, name: &FileName, found: &mut Scan, content_hits: &mut [usize]) {
    let mut head: Option<String> = None;
    for (index, rule) in RULES.iter().enumerate() {
        if !(rule.file)(name) {
            continue;
        }
        let matched = if rule.needles.is_empty() {
            true
        } else if content_hits[index] >= CONTENT_HITS_PER_RULE {
            false
        } else {
            let text = head.get_or_insert_with(|| read_head(path, &mut found.bytes_read));
            let hit = rule.needles.iter().any(|needle| text.contains(needle));
            content_hits[index] += usize::from(hit);
            hit
        };
        let duplicate = found.findings.iter().any(|f| f.item == rule.item && f.path == name.path);
        if matched && !duplicate {
            found.findings.push(Finding { item: rule.item, path: name.path.clone(), what: rule.what });
        }
    }
}

/// The first [`HEAD_BYTES`] of a file, lowercased, or nothing when it cannot be read.
fn read_head(path: &Path, bytes_read: &mut u64) -> String {
    let mut bytes = Vec::new();
    let read = File::open(path).and_then(|file| file.take(HEAD_BYTES).read_to_end(&mut bytes));
    *bytes_read += read.map_or(0, |n| n as u64);
    String::from_utf8_lossy(&bytes).to_lowercase()
}

fn is_skipped(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| SKIPPED_FOLDERS.contains(&name))
}

/// The file's path below `folder`, lowercased for the rules, with the original spelling for evidence.
fn relative_name(folder: &Path, path: &Path) -> Option<FileName> {
    let relative = path.strip_prefix(folder).ok()?;
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let path = parts.join("/");
    Some(FileName::new(path))
}

fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// A finding turned into a proposed tick for one project: the item of the project's checklist, the
/// evidence, and every finding behind it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Proposal {
    /// Full id of the project's item.
    pub item: String,
    /// The best evidence: the shallowest file found for it.
    pub evidence: String,
    pub findings: Vec<Finding>,
}

impl Proposal {
    /// The change that accepts this proposal for `project`: the item done, the file as its evidence, and
    /// what was found as its note (unless it has a note already).
    pub(crate) fn accept(&self, project: &Project) -> ProjectChange {
        let found: Vec<&str> = self.findings.iter().map(|f| f.what).collect();
        let has_note = project.items.get(&self.item).is_some_and(|p| !p.note.is_empty());
        ProjectChange::Mark {
            project: project.id.clone(),
            item: self.item.clone(),
            status: Some(ProjectStatus::Done),
            note: (!has_note).then(|| format!("Found by the scan: {}.", found.join(", "))),
            evidence: Some(self.evidence.clone()),
        }
    }
}

/// The proposals of `scan` for `project`: one per item of its checklist that is not done or ruled out
/// yet. Findings name `launch-one-project` items; a project scored against another checklist gets them
/// through those items' `proves` lists.
pub(crate) fn proposals(catalog: &Catalog, project: &Project, scan: &Scan) -> Vec<Proposal> {
    let mut proposals: Vec<Proposal> = Vec::new();
    for finding in &scan.findings {
        for item in project_items(catalog, &project.checklist, finding.item) {
            if matches!(project.status(&item), ProjectStatus::Done | ProjectStatus::NotApplicable) {
                continue;
            }
            match proposals.iter_mut().find(|p| p.item == item) {
                Some(proposal) => proposal.findings.push(finding.clone()),
                None => {
                    proposals.push(Proposal { item, evidence: finding.path.clone(), findings: vec![finding.clone()] })
                }
            }
        }
    }
    proposals.sort_by_key(|p| catalog.item_index(&p.item));
    proposals
}

/// The full ids of the items of `checklist` that a finding for `launch_item` is evidence for.
fn project_items(catalog: &Catalog, checklist: &str, launch_item: &str) -> Vec<String> {
    let full = format!("{SCAN_CHECKLIST}/{launch_item}");
    if checklist == SCAN_CHECKLIST {
        return vec![full];
    }
    let Some(index) = catalog.item_index(&full) else { return Vec::new() };
    let prefix = format!("{checklist}/");
    catalog.items[index].proves.iter().filter(|skill| skill.starts_with(&prefix)).cloned().collect()
}
