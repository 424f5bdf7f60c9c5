//! What the readers find: a *finding* proves an item (in full, or a part of it, saying what is still
//! unproven), and a *clue* is one part of a fact spread over several files (a dump in a script, the cron
//! line that runs it, the copy that takes it off the server), put together once every file is read.

use super::place::{FileName, Place};

/// How much of an item a finding proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proof {
    /// A real part of it; the finding says what is missing. Proposed as *doing*.
    Partial,
    /// Everything a file can show of it. Proposed as *done*.
    Full,
}

/// One piece of evidence for a `launch-one-project` item: a line of a file, and what it shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The item id within `launch-one-project`.
    pub item: &'static str,
    pub proof: Proof,
    /// The file's path below the project's folder, `/` between names, control characters escaped.
    pub path: String,
    /// The line (1-based); 0 when the file as a whole is the evidence.
    pub line: usize,
    /// The line itself, trimmed and shortened (empty when `line` is 0).
    pub excerpt: String,
    /// What was found: "a CI workflow that runs `pytest` on push and pull requests".
    pub found: String,
    /// What is still unproven, empty when the proof is full: "no schedule and no off-server copy found".
    pub missing: String,
    pub place: Place,
}

impl Finding {
    /// `path:line`, or the path when the whole file is the evidence.
    pub fn evidence(&self) -> String {
        if self.line == 0 { self.path.clone() } else { format!("{}:{}", self.path, self.line) }
    }

    /// The sentence a proposal says: what was found, where, and what is still unproven.
    pub fn sentence(&self) -> String {
        let at = if self.line == 0 { String::new() } else { format!(" (line {})", self.line) };
        if self.missing.is_empty() {
            format!("{}{at}", self.found)
        } else {
            format!("{}{at}; {}", self.found, self.missing)
        }
    }
}

/// A part of a fact that spans files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClueKind {
    /// A database dump command (`detail`: the command).
    Dump,
    /// A copy off the server (`detail`: the command).
    Offsite,
    /// A schedule (`detail`: the command or unit it runs, and whether it is daily: "daily:" prefix).
    Schedule,
    /// What a systemd service runs (`detail`: "name.service=command"), for the timers that start it.
    UnitCommand,
    /// A Dockerfile that builds an image.
    Dockerfile,
    /// A Compose file or manifests that run the app with a database.
    RunsWithDatabase,
    /// A TLS certificate served from a file (`ssl_certificate`).
    Certificate,
    /// Certificates renewed by a job (`certbot renew`, a certbot container).
    Renewal,
    /// A way to start the app: a Compose file or a make target (`detail`: "what to type|what it runs").
    StartCommand,
    /// A command the README tells a newcomer to type (`detail`: the command).
    ReadmeCommand,
    /// A name the project goes by, from its manifests (`detail`: the name, lowercased).
    ProjectName,
    /// A reusable workflow's test run (`detail`: "workflow file name|command"), on every push when a
    /// workflow that runs on every push calls it.
    CalledTests,
    /// A workflow that runs on every push calls a reusable one (`detail`: its file name).
    WorkflowCall,
    /// A systemd service that restarts (`detail`: "unit=command"), proven the app's once the project's
    /// names are known.
    RestartingUnit,
}

#[derive(Debug, Clone)]
pub(super) struct Clue {
    pub kind: ClueKind,
    pub path: String,
    pub name: String,
    pub line: usize,
    pub excerpt: String,
    pub detail: String,
    pub place: Place,
}

/// Everything read from the project's files so far.
#[derive(Debug, Default)]
pub(super) struct Facts {
    pub findings: Vec<Finding>,
    pub clues: Vec<Clue>,
    pub signals: Vec<Signal>,
}

/// Security a file shows that no item of the project's checklist asks for in so many words: actions
/// pinned to a commit, the workflow token's permissions, a security policy, a container that does not run
/// as root, resource limits. Said beside the proposals; never ticked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Signal {
    /// Whether it is the safe way.
    pub good: bool,
    /// "3 of 4 actions are pinned to a commit SHA".
    pub what: String,
    /// `path:line`.
    pub evidence: String,
}

/// What a reader found on one line, before it is tied to its file.
pub(super) struct Seen<'a> {
    pub item: &'static str,
    pub proof: Proof,
    pub line: usize,
    pub found: String,
    pub missing: &'a str,
}

impl Facts {
    /// Records a finding in `file`, whose text is `text`.
    pub(super) fn found(&mut self, file: &FileName, text: &str, seen: Seen) {
        self.findings.push(Finding {
            item: seen.item,
            proof: seen.proof,
            path: file.path.clone(),
            line: seen.line,
            excerpt: excerpt(text, seen.line),
            found: seen.found,
            missing: seen.missing.to_owned(),
            place: file.place,
        });
    }

    /// Records a name the project goes by (its folder's, or one from a manifest), lowercased.
    pub(super) fn project_name(&mut self, name: &str) {
        for part in name.to_lowercase().split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| p.len() >= 3) {
            self.clues.push(Clue {
                kind: ClueKind::ProjectName,
                path: String::new(),
                name: String::new(),
                line: 0,
                excerpt: String::new(),
                detail: part.to_owned(),
                place: Place::Production,
            });
        }
    }

    /// Records a security signal of `file` at `line`.
    pub(super) fn signal(&mut self, file: &FileName, good: bool, line: usize, what: String) {
        // A dev container running as root is not the app's risk.
        if file.place != Place::Production {
            return;
        }
        let evidence = if line == 0 { file.path.clone() } else { format!("{}:{line}", file.path) };
        self.signals.push(Signal { good, what, evidence });
    }

    /// Records a finding that proves a part of `item`, saying what is still `missing`.
    pub(super) fn part(
        &mut self,
        file: &FileName,
        text: &str,
        item: &'static str,
        (line, found): (usize, String),
        missing: &str,
    ) {
        self.found(file, text, Seen { item, proof: Proof::Partial, line, found, missing });
    }

    /// Records a finding that proves `item` in full.
    pub(super) fn proves(&mut self, file: &FileName, text: &str, item: &'static str, line: usize, found: String) {
        self.found(file, text, Seen { item, proof: Proof::Full, line, found, missing: "" });
    }

    pub(super) fn clue(&mut self, file: &FileName, text: &str, kind: ClueKind, line: usize, detail: &str) {
        self.clues.push(Clue {
            kind,
            path: file.path.clone(),
            name: file.name.clone(),
            line,
            excerpt: excerpt(text, line),
            detail: detail.to_owned(),
            place: file.place,
        });
    }
}

/// Longest excerpt of a line shown with a finding.
const EXCERPT_CHARS: usize = 120;

/// Line `line` (1-based) of `text`, trimmed, shortened and with control characters escaped.
pub(super) fn excerpt(text: &str, line: usize) -> String {
    let Some(raw) = line.checked_sub(1).and_then(|index| text.lines().nth(index)) else { return String::new() };
    let trimmed = raw.trim();
    let mut shown: String = crate::safe_text::for_terminal(trimmed, false).chars().take(EXCERPT_CHARS).collect();
    if trimmed.chars().count() > EXCERPT_CHARS {
        shown.push('…');
    }
    shown
}

/// The first line at or after `from` (1-based) whose text contains `needle`, or `from` itself.
pub(super) fn line_of(text: &str, from: usize, needle: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| line.contains(needle))
        .map_or(from, |(index, _)| index + 1)
}
