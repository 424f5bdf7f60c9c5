//! The progress summary a person prints or shares: first as data ([`Summary`]), then rendered by one
//! module per format. The same data feeds the CLI, the window's Summary view and the JSON output.

mod html;
mod markdown;
mod pdf;
mod text;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Serialize, Serializer};

use crate::catalog::Catalog;
use crate::catalog::validate::is_http_url;
use crate::progress::{ItemProgress, Progress, Status};
use crate::score::{Assessment, Gap};
use crate::{Stage, Weight};

pub use html::render_html;
pub use markdown::render_markdown;
pub use pdf::{Paper, render_pdf};
pub use text::render_text;

/// How many gaps and recently done items a summary lists.
pub const SUMMARY_GAPS: usize = 10;
pub const SUMMARY_RECENT: usize = 10;

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
    pub readiness: f64,
    pub level: u8,
    pub level_name: &'static str,
    pub next_level: &'static str,
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
    pub progress: &'a Progress,
    pub assessment: &'b Assessment,
    pub now: DateTime<Utc>,
    pub options: &'b SummaryOptions,
}

/// The summary of `progress` over `catalog` at `now`, assessed afresh (the window passes the
/// assessment it keeps to [`build_summary`] instead).
pub fn summarize<'a>(
    catalog: &'a Catalog,
    progress: &'a Progress,
    options: &SummaryOptions,
    now: DateTime<Utc>,
) -> Summary<'a> {
    let assessment = Assessment::of(catalog, progress);
    build_summary(&SummaryInput { catalog, progress, assessment: &assessment, now, options })
}

pub fn gap_line<'a>(catalog: &'a Catalog, gap: &Gap) -> GapLine<'a> {
    let item = &catalog.items[gap.item];
    GapLine { id: &item.full_id, title: &item.title, stage: item.stage, weight: item.weight, gain: gap.gain }
}

pub fn build_summary<'a>(input: &SummaryInput<'a, '_>) -> Summary<'a> {
    let SummaryInput { catalog, progress, assessment, now, options } = *input;
    let Assessment { statuses, score, gaps } = assessment;
    let parts = Parts {
        catalog,
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
        readiness: score.readiness,
        level: score.level.number(),
        level_name: score.level.name(),
        next_level: score.level.next_step(),
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
    }
}

/// What the lines of a summary are built from.
struct Parts<'a, 'b> {
    catalog: &'a Catalog,
    progress: &'a Progress,
    /// When each item's status last changed (see [`Progress::status_dates`]).
    status_dates: std::collections::HashMap<String, DateTime<Utc>>,
    statuses: &'b [Status],
    /// Each catalog item's stored progress, in catalog order.
    stored: Vec<Option<&'a ItemProgress>>,
    options: &'b SummaryOptions,
}

impl<'a> Parts<'a, '_> {
    /// Whether the summary lists the checklist at this index.
    fn wanted(&self, checklist: usize) -> bool {
        self.options.checklist.as_deref().is_none_or(|id| self.catalog.checklists[checklist].id == id)
    }

    fn checklist_line(&self, index: usize) -> ChecklistLine<'a> {
        let checklist = &self.catalog.checklists[index];
        let sections: Vec<SectionLine> = checklist
            .sections
            .iter()
            .map(|section| {
                let items: Vec<ItemLine> = section.items.clone().map(|index| self.item_line(index)).collect();
                SectionLine {
                    id: &section.id,
                    title: &section.title,
                    done: items.iter().filter(|i| i.status == Status::Done).count(),
                    total: items.iter().filter(|i| i.status.is_applicable()).count(),
                    items,
                }
            })
            .collect();
        ChecklistLine {
            id: &checklist.id,
            title: &checklist.title,
            done: sections.iter().map(|s| s.done).sum(),
            total: sections.iter().map(|s| s.total).sum(),
            sections,
        }
    }

    fn item_line(&self, index: usize) -> ItemLine<'a> {
        let item = &self.catalog.items[index];
        let (status, stored) = (self.statuses[index], self.stored[index]);
        let (note, evidence) = match stored {
            Some(p) if self.options.with_notes => (p.note.as_str(), p.evidence.as_str()),
            _ => ("", ""),
        };
        ItemLine {
            note,
            evidence,
            id: &item.full_id,
            title: &item.title,
            status,
            stage: item.stage,
            weight: item.weight,
            done_at: (status == Status::Done).then(|| self.done_at(index)).flatten(),
        }
    }

    /// When the done item at `index` was done: its last status change.
    fn done_at(&self, index: usize) -> Option<DateTime<Utc>> {
        self.progress.status_since(&self.catalog.items[index], &self.status_dates)
    }

    /// The done items of the listed checklists as (when, index), newest first.
    fn done_newest_first(&self) -> Vec<(DateTime<Utc>, usize)> {
        let items = &self.catalog.items;
        let mut done: Vec<(DateTime<Utc>, usize)> = (0..items.len())
            .filter(|&index| self.statuses[index] == Status::Done && self.wanted(items[index].checklist))
            .filter_map(|index| Some((self.done_at(index)?, index)))
            .collect();
        done.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| items[a.1].full_id.cmp(&items[b.1].full_id)));
        done
    }

    /// The done items with an http(s) evidence link, grouped by stage: "I can build, ship, run, watch and
    /// recover this", with the proof one click away.
    fn portfolio(&self) -> Vec<PortfolioGroup<'a>> {
        PORTFOLIO_GROUPS
            .iter()
            .map(|(label, stages)| PortfolioGroup {
                label,
                items: (0..self.catalog.items.len())
                    .filter_map(|index| {
                        let item = &self.catalog.items[index];
                        let wanted = self.statuses[index] == Status::Done
                            && stages.contains(&item.stage)
                            && self.wanted(item.checklist);
                        let evidence = &self.stored[index].filter(|_| wanted)?.evidence;
                        is_http_url(evidence).then_some(PortfolioItem { title: &item.title, evidence })
                    })
                    .collect(),
            })
            .filter(|group| !group.items.is_empty())
            .collect()
    }
}

/// Groups of the portfolio paragraph and the stages each covers.
const PORTFOLIO_GROUPS: [(&str, &[Stage]); 4] = [
    ("Build and ship", &[Stage::Build, Stage::Test, Stage::Ship]),
    ("Run", &[Stage::Run]),
    ("Observe", &[Stage::Observe]),
    ("Recover", &[Stage::Recover]),
];

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
pub fn heading(summary: &Summary) -> String {
    match &summary.name {
        Some(name) => format!("skillgap progress report for {name}"),
        None => "skillgap progress report".to_owned(),
    }
}

/// What a status looks like in a report that has no icons.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Done => "done",
        Status::Learning => "learning",
        Status::Skipped => "skipped",
        Status::Todo => "to do",
    }
}

/// Percent as a person reads it: "42%", or "n/a" for a stage with nothing applicable.
pub fn percent_label(percent: Option<f64>) -> String {
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
