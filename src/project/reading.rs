//! A project's readiness over time: each scan of its folder and each `project check` of it records
//! where it stood, so `project show` and the Projects view can say how it moved and since when a piece
//! of evidence is gone. A reading is kept only when something in it changed since the last one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Project;
use super::check::{GoneEvidence, gone_evidence};
use crate::catalog::Catalog;
use crate::score::Score;

/// Readings kept per project: years of weekly scans; the oldest go first.
pub(crate) const MAX_READINGS: usize = 200;

/// What measured a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingSource {
    /// A scan of the project's folder (`project scan`, the window's Scan): the project as marked.
    Scan,
    /// `project check` of its folder: the repository's project file, less gone evidence, plus the scan.
    Check,
}

impl ReadingSource {
    pub(crate) fn id(self) -> &'static str {
        match self {
            ReadingSource::Scan => "scan",
            ReadingSource::Check => "check",
        }
    }
}

/// Where a project stood at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub at: DateTime<Utc>,
    pub by: ReadingSource,
    /// Readiness out of 100, rounded.
    pub readiness: u8,
    pub level: u8,
    pub done: usize,
    pub applicable: usize,
    /// Evidence (as the project has it) whose file was not in the folder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<String>,
}

impl Reading {
    pub(crate) fn of(score: &Score, by: ReadingSource, gone: &[GoneEvidence], at: DateTime<Utc>) -> Reading {
        Reading {
            at,
            by,
            readiness: score.readiness.round().clamp(0.0, 100.0) as u8,
            level: score.level.number(),
            done: score.done,
            applicable: score.applicable,
            gone: gone.iter().map(|g| g.evidence.clone()).collect(),
        }
    }

    /// The same standing, whenever measured.
    fn same_as(&self, other: &Reading) -> bool {
        Reading { at: other.at, ..self.clone() } == *other
    }
}

/// Where `project` stands now, measured `by` a scan or a check of its folder, with the evidence that
/// is not in that folder; `None` when its checklist is not loaded.
pub(crate) fn reading_of(
    catalog: &Catalog,
    project: &Project,
    by: ReadingSource,
    now: DateTime<Utc>,
) -> Option<(Reading, Vec<GoneEvidence>)> {
    let folder = std::path::Path::new(&project.folder);
    let gone = gone_evidence(catalog, project, |path| crate::scan::is_in_folder(folder, path));
    let assessed = super::assess(catalog, project)?;
    Some((Reading::of(&assessed.assessment.score, by, &gone, now), gone))
}

impl Project {
    /// Keeps `reading`, in time order, unless the last one of its source before it says the same (scans
    /// and checks alternating add nothing); returns whether it was kept.
    pub(crate) fn record(&mut self, reading: &Reading) -> bool {
        let at = self.readings.partition_point(|r| r.at <= reading.at);
        let previous = self.readings[..at].iter().rev().find(|r| r.by == reading.by);
        if previous.is_some_and(|previous| previous.same_as(reading)) {
            return false;
        }
        // A change merged from another process may be older than the newest reading here.
        self.readings.insert(at, reading.clone());
        let extra = self.readings.len().saturating_sub(MAX_READINGS);
        self.readings.drain(..extra);
        true
    }

    /// Since when each piece of evidence gone in the last reading has been gone: the first reading of the
    /// unbroken run of readings that name it.
    fn gone_since(&self) -> Vec<(&str, DateTime<Utc>)> {
        let Some(last) = self.readings.last() else { return Vec::new() };
        last.gone
            .iter()
            .map(|evidence| {
                let run = self.readings.iter().rev().take_while(|r| r.gone.contains(evidence));
                (evidence.as_str(), run.last().map_or(last.at, |r| r.at))
            })
            .collect()
    }

    /// The readings as lines for a terminal or the window, the last `count` of them after how it moved,
    /// then since when each piece of evidence is gone; empty when it was never scanned or checked.
    /// When the project's marks changed since its last scan, the line says where it stands now too.
    pub(crate) fn readings_lines(&self, catalog: &Catalog, count: usize) -> Vec<String> {
        let Some(mut movement) = self.movement() else { return Vec::new() };
        let last_scan = self.readings.iter().rev().find(|r| r.by == ReadingSource::Scan);
        if let (Some(last), Some(assessed)) = (last_scan, super::assess(catalog, self)) {
            let now = Reading::of(&assessed.assessment.score, ReadingSource::Scan, &[], last.at);
            if (now.readiness, now.level) != (last.readiness, last.level) {
                movement.push_str(&format!("; marked since: readiness {}, Level {}", now.readiness, now.level));
            }
        }
        let mut lines = vec![movement];
        let shown = &self.readings[self.readings.len().saturating_sub(count)..];
        for reading in shown {
            lines.push(format!(
                "{}  {:<5}  Level {}  {:>3}/100  {}/{} done{}",
                reading.at.format("%Y-%m-%d %H:%M"),
                reading.by.id(),
                reading.level,
                reading.readiness,
                reading.done,
                reading.applicable,
                if reading.gone.is_empty() {
                    String::new()
                } else {
                    format!("  ({} evidence gone)", reading.gone.len())
                }
            ));
        }
        for (evidence, since) in self.gone_since() {
            lines.push(format!("Evidence gone since {}: {evidence}", since.format("%Y-%m-%d")));
        }
        lines
    }

    /// "scans: readiness 48 -> 55, Level 2 -> 3; checks: readiness 40, Level 3; since 2026-11-02 (6
    /// readings)": how it moved, scans and checks apart (a check counts the repository's file and the
    /// scan, not the marks, so the two are not one series).
    fn movement(&self) -> Option<String> {
        let first = self.readings.first()?;
        let mut parts = Vec::new();
        for (source, name) in [(ReadingSource::Scan, "scans"), (ReadingSource::Check, "checks")] {
            let mut of = self.readings.iter().filter(|r| r.by == source);
            let Some(start) = of.next() else { continue };
            let end = of.next_back().unwrap_or(start);
            parts.push(if start.readiness == end.readiness && start.level == end.level {
                format!("{name}: readiness {}, Level {}", end.readiness, end.level)
            } else {
                format!(
                    "{name}: readiness {} -> {}, Level {} -> {}",
                    start.readiness, end.readiness, start.level, end.level
                )
            });
        }
        let count = self.readings.len();
        let readings = if count == 1 { "reading" } else { "readings" };
        Some(format!("{}; since {} ({count} {readings})", parts.join("; "), first.at.format("%Y-%m-%d")))
    }
}
