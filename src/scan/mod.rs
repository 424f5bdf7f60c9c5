//! The repository scan: what a project's local folder proves about it. Each file is read by a reader of
//! its format (workflows, Compose files and manifests as YAML, Dockerfiles by instruction, Nginx by
//! directive, systemd units by key, scripts by their commands), and a *finding* says which item of
//! `launch-one-project` it proves, at which line, fully or in part, and what is still unproven. The
//! person accepts or rejects every proposal; the scan never ticks anything.
//!
//! It is the only code that reads a project's folder, and it only reads: offline, it runs nothing and
//! writes nothing. It never follows a link and never waits on a FIFO or a device (`read.rs`), reads at
//! most [`HEAD_BYTES`] of a file and [`BUDGET_BYTES`] in all, skips dependency and build folders
//! (`SKIPPED_FOLDERS`) and stops after `MAX_ENTRIES` entries.

mod combine;
mod facts;
mod place;
mod project_file;
mod proposal;
mod read;
mod readers;
mod yaml;

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

pub use facts::{Finding, Proof, Signal};
pub use place::Place;
pub(crate) use project_file::load_project_file;
pub(crate) use proposal::{Proposal, proposals, unseen_items};
pub use read::{BUDGET_BYTES, HEAD_BYTES};

use facts::Facts;
use place::FileName;

/// The checklist whose item ids the scan's findings name.
const SCAN_CHECKLIST: &str = "launch-one-project";
/// Entries (files and folders) after which the scan stops and says so.
pub(crate) const MAX_ENTRIES: usize = 200_000;
/// How deep the scan goes below the project's folder.
const MAX_DEPTH: usize = 32;
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
/// Items a document in `docs/` can prove: they are documents.
const DOCUMENT_ITEMS: &[&str] =
    &["operations-page", "incident-written-up", "failures-rehearsed", "restore-proven", "rollback-practised"];
/// Items a development file (a dev Compose file, a dev container) can prove: building and testing it.
const DEVELOPMENT_ITEMS: &[&str] = &[
    "one-command-start",
    "config-in-environment",
    "containerised",
    "no-secrets-in-repo",
    "tests-on-every-push",
    "peak-load-checked",
    "dependency-update-bot",
];

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("the project folder {path} does not exist. Give the folder of a local clone of the project.")]
    NotFound { path: PathBuf },
    #[error("{path} is not a folder. Give the folder of a local clone of the project, not a file in it.")]
    NotAFolder { path: PathBuf },
    #[error(
        "the project folder {path} is now a link, and the scan never follows links (it could lead anywhere). \
Give the folder the link points to with `skillgap project edit NAME --folder DIR`."
    )]
    Link { path: PathBuf },
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

/// What one scan found, and what it left out.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Scan {
    /// The evidence, best first for each item.
    pub findings: Vec<Finding>,
    /// Regular files looked at.
    pub files: usize,
    /// Bytes read from them in all.
    pub bytes_read: u64,
    /// Links not followed.
    pub links_skipped: usize,
    /// FIFOs, devices and sockets not read.
    pub special_skipped: usize,
    /// Entries that could not be read (no permission).
    pub unreadable: usize,
    /// Entries below `MAX_DEPTH` folders, not read.
    pub too_deep: usize,
    /// The scan stopped at `MAX_ENTRIES`.
    pub truncated: bool,
    /// The scan's budget of bytes ran out: later files were not read.
    pub over_budget: bool,
    /// Workflows that run a pull request's code with the repository's secrets: `path:line`.
    pub dangers: Vec<String>,
    /// Security the files show beside the proposals, the unsafe first.
    pub security: Vec<Signal>,
}

impl Scan {
    /// What the scan did not read, each with its count ("3 entries it could not read (permissions)"):
    /// what it proposes comes from the rest, and a person is told so (hostile-input review N19).
    pub fn left_out(&self) -> Vec<String> {
        let entries = |n: usize| if n == 1 { "1 entry".to_owned() } else { format!("{n} entries") };
        let mut parts = Vec::new();
        if self.special_skipped > 0 {
            parts.push(format!("{} FIFOs, devices or sockets not read", self.special_skipped));
        }
        if self.unreadable > 0 {
            parts.push(format!("{} it could not read (permissions)", entries(self.unreadable)));
        }
        if self.too_deep > 0 {
            parts.push(format!("{} deeper than {MAX_DEPTH} folders not read", entries(self.too_deep)));
        }
        if self.truncated {
            parts.push(format!("stopped after {MAX_ENTRIES} entries"));
        }
        if self.over_budget {
            parts.push(format!("stopped reading after {} MiB", BUDGET_BYTES / (1024 * 1024)));
        }
        parts
    }
}

/// Checks that `folder` is a folder the scan can read, as a project's folder must be, and not a link.
fn check_folder(folder: &Path) -> Result<(), ScanError> {
    match std::fs::symlink_metadata(folder) {
        Ok(meta) if meta.file_type().is_symlink() => Err(ScanError::Link { path: folder.to_path_buf() }),
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
    let absolute = std::fs::canonicalize(folder).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => ScanError::NotFound { path: folder.to_path_buf() },
        _ => ScanError::Read { path: folder.to_path_buf(), error },
    })?;
    check_folder(&absolute)?;
    absolute.to_str().map(str::to_owned).ok_or(ScanError::NotUtf8 { path: absolute })
}

/// Whether `relative` (a path as evidence gives it) is an entry of `folder`: checked without following a
/// link at the end, and never outside the folder (an absolute path or `..` is not in it).
pub(crate) fn is_in_folder(folder: &Path, relative: &str) -> bool {
    use std::path::Component;
    let path = Path::new(relative);
    let inside = path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let names_something = path.components().any(|c| matches!(c, Component::Normal(_)));
    // A file or a folder; a link (even one that resolves) is not evidence the repository holds.
    let found = std::fs::symlink_metadata(folder.join(path)).is_ok_and(|meta| meta.is_file() || meta.is_dir());
    inside && names_something && found
}

/// Scans `folder` (see the module's documentation).
pub fn scan(folder: &Path) -> Result<Scan, ScanError> {
    check_folder(folder)?;
    let project = folder.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut found = Scan::default();
    let mut facts = Facts::default();
    let mut budget = BUDGET_BYTES;
    // Every file's path below the folder, lowercased: a file's variants are known by them.
    let mut paths = BTreeSet::new();
    let walk = WalkDir::new(folder)
        .follow_links(false)
        // One level more than is read, so what lies deeper is counted, not silently cut.
        .max_depth(MAX_DEPTH + 1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !(entry.file_type().is_dir() && is_skipped(entry.path())));
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
        if entry.depth() > MAX_DEPTH {
            found.too_deep += 1;
        } else if kind.is_symlink() {
            found.links_skipped += 1;
        } else if kind.is_file() {
            found.files += 1;
            if let Ok(relative) = entry.path().strip_prefix(folder) {
                paths.insert(relative.to_string_lossy().to_lowercase());
            }
            look_at(entry.path(), folder, (&mut found, &mut facts, &mut budget));
        } else if !kind.is_dir() {
            found.special_skipped += 1;
        }
    }
    found.bytes_read = BUDGET_BYTES - budget;
    facts.project_name(&project);
    combine::combine(&mut facts);
    let collection = example_collection(&facts);
    facts.findings.retain(|f| !collection.iter().any(|folder| f.path.starts_with(folder.as_str())));
    found.findings = evidence(facts.findings, &paths);
    facts.signals.retain(|s| !collection.iter().any(|folder| s.evidence.starts_with(folder.as_str())));
    facts.signals.sort_by(|a, b| (a.good, &a.evidence).cmp(&(b.good, &b.evidence)));
    found.security = facts.signals;
    Ok(found)
}

/// Reads one file with the reader its name calls for, if any.
fn look_at(path: &Path, folder: &Path, (found, facts, budget): (&mut Scan, &mut Facts, &mut u64)) {
    let Some(name) = path.strip_prefix(folder).ok().map(relative_name) else { return };
    let Some((reader, name)) = readers::reader_for(&name) else { return };
    if name.place == Place::Example {
        return;
    }
    match read::read_head(path, budget) {
        read::Head::Text(text) => {
            readers::read(reader, &name, &text, facts);
            if reader == readers::Reader::GithubActions {
                found.dangers.extend(proposal::dangers(&name, &text));
            }
        }
        read::Head::NotAFile => found.special_skipped += 1,
        read::Head::Unreadable => found.unreadable += 1,
        read::Head::OverBudget => found.over_budget = true,
    }
}

/// The findings that are evidence: none from examples, documents only for document items, development
/// files only for building and testing; best first within each item (full proof, then production, then
/// shallow paths).
fn evidence(mut findings: Vec<Finding>, paths: &BTreeSet<String>) -> Vec<Finding> {
    for finding in &mut findings {
        if finding.place == Place::Production && has_production_variant(&finding.path, paths) {
            finding.place = Place::Development;
        }
    }
    findings.retain(|f| match f.place {
        Place::Production => true,
        Place::Development => DEVELOPMENT_ITEMS.contains(&f.item),
        Place::Docs => DOCUMENT_ITEMS.contains(&f.item),
        Place::Example => false,
    });
    let key = |f: &Finding| {
        let name = f.path.rsplit('/').next().unwrap_or_default().to_lowercase();
        (
            f.item,
            std::cmp::Reverse(f.proof),
            f.place,
            name_rank(f.item, &f.path),
            depth(&f.path),
            name.len(),
            f.path.clone(),
            f.line,
        )
    };
    findings.sort_by_cached_key(key);
    findings.dedup_by(|a, b| a.item == b.item && a.path == b.path);
    findings
}

/// Whether a file has a production variant beside it (`entrypoint.sh` and `entrypoint.prod.sh`,
/// `Dockerfile` and `Dockerfile.prod`): then it is the development one.
fn has_production_variant(path: &str, paths: &BTreeSet<String>) -> bool {
    let lower = path.to_lowercase();
    let (stem, ext) = match lower.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => (stem.to_owned(), format!(".{ext}")),
        _ => (lower.clone(), String::new()),
    };
    ["prod", "production"].iter().any(|variant| {
        paths.contains(&format!("{stem}.{variant}{ext}")) || paths.contains(&format!("{lower}.{variant}"))
    })
}

/// Among equally good files, the app's main one first: a name that says it is the app, the web server,
/// a tool's main file or, for the item, what it is about (`test.yml` for tests, `deploy.yml` for a
/// deploy), before a sibling's (`web.yaml` before `jobs.yaml`, `Dockerfile` before `builder.dockerfile`).
fn name_rank(item: &str, path: &str) -> u8 {
    const MAIN: &[&str] = &[
        "web",
        "app",
        "server",
        "frontend",
        "api",
        "main",
        "kustomization",
        "chart",
        "site",
        "playbook",
        "dockerfile",
    ];
    let about: &[&str] = match item {
        "tests-on-every-push" => &["test", "tests", "ci", "build", "check"],
        "deploys-from-main" | "smoke-check-after-deploy" => &["deploy", "cd", "production"],
        "named-versions" => &["release", "version"],
        "one-command-start" => &["compose", "docker-compose"],
        _ => &[],
    };
    let lower = path.to_lowercase();
    let mut parts = lower.rsplit('/');
    let name = parts.next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let words: Vec<&str> = stem.split(['-', '_']).collect();
    let main = |word: &str| {
        MAIN.iter().any(|m| word == *m || word.starts_with(&format!("{m}-")) || word.ends_with(&format!("-{m}")))
    };
    if words.iter().any(|w| about.contains(w)) {
        0
    } else if main(stem) || parts.any(main) {
        1
    } else {
        2
    }
}

/// Top-level folders that each start an app of their own (a Compose file each), when there are many
/// and none at the root: the repository is a collection of examples, and none of them is its
/// deployment. (One app of many services has many Dockerfiles but one Compose file.)
fn example_collection(facts: &Facts) -> Vec<String> {
    /// Sibling apps from which a repository reads as a collection.
    const MANY: usize = 5;
    let starts = facts.clues.iter().filter(|c| c.kind == facts::ClueKind::StartCommand && c.detail.contains("compose"));
    if facts.clues.iter().any(|c| c.kind == facts::ClueKind::StartCommand && !c.path.contains('/')) {
        return Vec::new();
    }
    let mut folders: Vec<String> =
        starts.filter_map(|c| c.path.split_once('/').map(|(top, _)| format!("{top}/"))).collect();
    folders.sort();
    folders.dedup();
    if folders.len() >= MANY { folders } else { Vec::new() }
}

/// A dependency or build folder. `target` is a build's only beside its `Cargo.toml` or `pom.xml`: some
/// projects keep their own files in a folder of that name.
fn is_skipped(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    if name == "target" {
        let parent = path.parent().unwrap_or(path);
        return ["Cargo.toml", "pom.xml"].iter().any(|build| parent.join(build).exists());
    }
    SKIPPED_FOLDERS.contains(&name)
}

/// The path below the project's folder, `/` between names, with control and hidden formatting
/// characters escaped (a file name may hold a newline: it must not break a report's structure).
fn relative_name(relative: &Path) -> FileName {
    let parts: Vec<String> = relative
        .components()
        .map(|c| {
            let part = c.as_os_str().to_string_lossy();
            part.chars()
                .map(|ch| {
                    let hidden = !ch.is_ascii() && crate::safe_text::is_hidden_format(ch);
                    if ch.is_control() || hidden { ch.escape_unicode().to_string() } else { ch.to_string() }
                })
                .collect()
        })
        .collect();
    FileName::new(parts.join("/"))
}

fn depth(path: &str) -> usize {
    path.matches('/').count()
}
