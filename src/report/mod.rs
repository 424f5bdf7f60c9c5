//! The progress summary a person prints or shares: first as data ([`Summary`]), then rendered by one
//! module per format. The same data feeds the CLI, the window's Summary view and the JSON output.

mod html;
mod markdown;
mod next_level;
mod parts;

pub use next_level::{ItemRef, NextLevelLine};
pub mod pdf;
pub mod project;
mod text;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Serialize, Serializer};

use crate::catalog::Catalog;
use crate::progress::{Progress, Status};
use crate::score::{self, Assessment, Gap};
use crate::target::Target;
use crate::{Stage, Weight};
use parts::Parts;
use project::{ProjectLine, project_lines};

pub(crate) use html::render_html;
pub(crate) use markdown::render_markdown;
pub use pdf::Paper;
pub(crate) use pdf::render_pdf;
pub(crate) use text::render_text;

/// How many gaps and recently done items a summary lists.
const SUMMARY_GAPS: usize = 10;
const SUMMARY_RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
    Json,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Pdf => "pdf",
        }
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
}

/// What a summary includes beyond the essentials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryOptions {
    /// The person's name, shown at the top.
    pub name: Option<String>,
    /// Add each item's note and evidence link.
    pub with_notes: bool,
    /// Only this checklist in the checklist part and the gaps (the score stays overall).
    pub checklist: Option<String>,
    /// Add the items done since this day ("what I learned this month").
    pub since: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    /// When the summary was made (UTC).
    pub date: DateTime<Utc>,
    pub name: Option<String>,
    /// The target the score is for.
    pub target: TargetName<'a>,
    pub readiness: f64,
    pub level: u8,
    pub level_name: &'static str,
    /// What the next level needs, item by item.
    pub next_level: NextLevelLine<'a>,
    #[serde(serialize_with = "optional_stage_id")]
    pub limiting_stage: Option<Stage>,
    pub explanation: String,
    pub done: usize,
    /// Items not skipped.
    pub applicable: usize,
    pub total: usize,
    pub stages: Vec<StageLine>,
    pub checklists: Vec<ChecklistLine<'a>>,
    pub gaps: Vec<GapLine<'a>>,
    pub recent: Vec<RecentLine<'a>>,
    /// Items done on or after `since`, oldest first, when asked for.
    pub since: Option<SinceLine<'a>>,
    /// "What I can do": done items with evidence links, grouped by stage.
    pub portfolio: Vec<PortfolioGroup<'a>>,
    /// Whether notes and evidence links are shown with the items.
    pub with_notes: bool,
    /// Every target side by side: readiness and level for each, and what each needs next.
    pub targets: Vec<TargetLine<'a>>,
    /// The person's projects with their levels.
    pub projects: Vec<ProjectLine<'a>>,
    /// How many done skills were practised lately (see [`crate::review`]).
    pub practice: PracticeLine,
}

/// Done skills, and how many of them were practised (done, or reviewed since) in the last
/// [`PRACTICE_DAYS`] days.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PracticeLine {
    pub done: usize,
    pub practised: usize,
    pub days: i64,
}

/// The window of "practised lately" in the summary.
pub const PRACTICE_DAYS: i64 = 90;

impl PracticeLine {
    fn of(catalog: &Catalog, progress: &Progress, dates: &crate::progress::StatusDates, now: DateTime<Utc>) -> Self {
        // When an item was last practised does not depend on the review settings or the time zone.
        let settings = crate::review::ReviewSettings::default();
        let schedules = crate::review::schedules(catalog, progress, dates, &settings, &Utc);
        let since = now - chrono::Duration::days(PRACTICE_DAYS);
        let practised = schedules.iter().filter(|s| s.last_practised() >= since).count();
        PracticeLine { done: schedules.len(), practised, days: PRACTICE_DAYS }
    }

    /// "40 of your 60 done skills (every checklist) were practised (done or reviewed) in the last 90 days."
    pub fn sentence(&self) -> String {
        format!(
            "{} of your {} done skills (every checklist) were practised (done or reviewed) in the last {} days.",
            self.practised, self.done, self.days
        )
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct TargetName<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// One row of the comparison of targets.
#[derive(Debug, Clone, Serialize)]
pub struct TargetLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// Whether the summary's score is for this target.
    pub active: bool,
    pub readiness: f64,
    pub level: u8,
    pub level_name: &'a str,
    pub done: usize,
    pub applicable: usize,
    /// Its top gap.
    pub next: Option<GapLine<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SinceLine<'a> {
    pub date: NaiveDate,
    pub items: Vec<RecentLine<'a>>,
}

/// A group of the portfolio paragraph, e.g. "Build and ship".
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioGroup<'a> {
    pub label: &'static str,
    pub items: Vec<PortfolioItem<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PortfolioItem<'a> {
    pub title: &'a str,
    pub evidence: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageLine {
    pub id: &'static str,
    pub name: &'static str,
    /// `None` when the stage has no applicable item.
    pub percent: Option<f64>,
    pub done: usize,
    pub applicable: usize,
    pub learning: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub done: usize,
    /// Items not skipped.
    pub total: usize,
    pub sections: Vec<SectionLine<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub done: usize,
    pub total: usize,
    pub items: Vec<ItemLine<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: Status,
    #[serde(serialize_with = "stage_id")]
    pub stage: Stage,
    #[serde(serialize_with = "weight_id")]
    pub weight: Weight,
    /// When the item was done, for done items.
    pub done_at: Option<DateTime<Utc>>,
    /// Whether it counts toward the summary's target (every item is listed either way).
    pub in_target: bool,
    /// Empty unless the summary was asked for with notes.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub note: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub evidence: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(serialize_with = "stage_id")]
    pub stage: Stage,
    #[serde(serialize_with = "weight_id")]
    pub weight: Weight,
    /// Readiness points ticking it would add.
    pub gain: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecentLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub at: DateTime<Utc>,
}

/// Everything a summary is made from; computed once and shared by the formats. The summary borrows its
/// texts from the catalog and the progress (`'a`), the rest only while it is built (`'b`).
pub struct SummaryInput<'a, 'b> {
    pub catalog: &'a Catalog,
    /// The target `assessment` is for.
    pub target: &'a Target,
    pub progress: &'a Progress,
    pub assessment: &'b Assessment,
    pub now: DateTime<Utc>,
    pub options: &'b SummaryOptions,
}

/// The summary of `progress` over `catalog` for `target` at `now`, assessed afresh (the window passes
/// the assessment it keeps to [`build_summary`] instead).
pub fn summarize<'a>(
    catalog: &'a Catalog,
    progress: &'a Progress,
    target: &'a Target,
    options: &SummaryOptions,
    now: DateTime<Utc>,
) -> Summary<'a> {
    let assessment = Assessment::of(catalog, progress, target);
    build_summary(&SummaryInput { catalog, target, progress, assessment: &assessment, now, options })
}

/// Every target of the catalog side by side, over the same statuses.
pub(crate) fn target_lines<'a>(catalog: &'a Catalog, statuses: &[Status], active: &Target) -> Vec<TargetLine<'a>> {
    score::standings(catalog, statuses)
        .into_iter()
        .map(|standing| TargetLine {
            id: &standing.target.id,
            title: &standing.target.title,
            active: standing.target.id == active.id,
            readiness: standing.score.readiness,
            level: standing.score.level.number(),
            level_name: standing.score.level.name(),
            done: standing.score.done,
            applicable: standing.score.applicable,
            next: standing.next.map(|gap| gap_line(catalog, &gap)),
        })
        .collect()
}

fn gap_line<'a>(catalog: &'a Catalog, gap: &Gap) -> GapLine<'a> {
    let item = &catalog.items[gap.item];
    GapLine { id: &item.full_id, title: &item.title, stage: item.stage, weight: item.weight, gain: gap.gain }
}

pub fn build_summary<'a>(input: &SummaryInput<'a, '_>) -> Summary<'a> {
    let SummaryInput { catalog, target, progress, assessment, now, options } = *input;
    let Assessment { statuses, score, gaps } = assessment;
    let parts = Parts {
        catalog,
        target,
        progress,
        status_dates: progress.status_dates(),
        statuses,
        // Each item's stored progress, looked up once: the parts below visit items several times.
        stored: catalog.items.iter().map(|item| progress.get(item)).collect(),
        options,
    };
    let stages = Stage::ALL
        .into_iter()
        .map(|stage| {
            let s = score.stage(stage);
            let (percent, done, applicable, learning) = (s.percent(), s.done, s.applicable, s.learning);
            StageLine { id: stage.id(), name: stage.name(), percent, done, applicable, learning }
        })
        .collect();
    let done = parts.done_newest_first();
    let recent_line = |&(at, index): &(DateTime<Utc>, usize)| {
        let item = &catalog.items[index];
        RecentLine { id: &item.full_id, title: &item.title, at }
    };
    Summary {
        date: now,
        name: options.name.clone().filter(|n| !n.trim().is_empty()),
        target: TargetName { id: &target.id, title: &target.title },
        readiness: score.readiness,
        level: score.level.number(),
        level_name: score.level.name(),
        next_level: NextLevelLine::of(catalog, score),
        limiting_stage: score.limiting,
        explanation: assessment.explanation(catalog),
        done: score.done,
        applicable: score.applicable,
        total: score.total,
        stages,
        checklists: (0..catalog.checklists.len())
            .filter(|&c| parts.wanted(c))
            .map(|c| parts.checklist_line(c))
            .collect(),
        gaps: gaps
            .iter()
            .filter(|gap| parts.wanted(catalog.items[gap.item].checklist))
            .take(SUMMARY_GAPS)
            .map(|gap| gap_line(catalog, gap))
            .collect(),
        recent: done.iter().take(SUMMARY_RECENT).map(recent_line).collect(),
        since: options.since.map(|date| SinceLine {
            date,
            items: done.iter().rev().filter(|(at, _)| at.date_naive() >= date).map(recent_line).collect(),
        }),
        portfolio: parts.portfolio(),
        with_notes: options.with_notes,
        targets: target_lines(catalog, statuses, target),
        projects: project_lines(catalog, &progress.projects),
        practice: PracticeLine::of(catalog, progress, &parts.status_dates, now),
    }
}

/// Renders `summary` in `format`; `paper` is the page size of a PDF.
pub fn render(summary: &Summary, format: Format, paper: Paper) -> Result<Vec<u8>, ReportError> {
    Ok(match format {
        Format::Text => render_text(summary).into_bytes(),
        Format::Markdown => render_markdown(summary).into_bytes(),
        Format::Html => render_html(summary).into_bytes(),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(summary).unwrap_or_default();
            json.push('\n');
            json.into_bytes()
        }
        Format::Pdf => render_pdf(summary, paper)?,
    })
}

/// The title of a summary, with the person's name when given (unescaped: each format escapes it).
pub(crate) fn heading(summary: &Summary) -> String {
    match &summary.name {
        Some(name) => format!("skillgap progress report for {name}"),
        None => "skillgap progress report".to_owned(),
    }
}

/// What a status looks like in a report that has no icons.
fn status_word(status: Status) -> &'static str {
    match status {
        Status::Done => "done",
        Status::Learning => "learning",
        Status::Skipped => "skipped",
        Status::Todo => "to do",
    }
}

/// Percent as a person reads it: "42%", or "n/a" for a stage with nothing applicable.
pub(crate) fn percent_label(percent: Option<f64>) -> String {
    percent.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.0}%"))
}

/// Stages and weights are written as their ids in JSON ("build", "core").
fn stage_id<S: Serializer>(stage: &Stage, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(stage.id())
}

fn optional_stage_id<S: Serializer>(stage: &Option<Stage>, serializer: S) -> Result<S::Ok, S::Error> {
    match stage {
        Some(stage) => serializer.serialize_some(stage.id()),
        None => serializer.serialize_none(),
    }
}

fn weight_id<S: Serializer>(weight: &Weight, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(weight.id())
}
