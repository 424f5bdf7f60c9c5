//! The progress summary a person prints or shares: first as data ([`Summary`]), then rendered by one
//! module per format. The same data feeds the CLI, the window's Summary view and the JSON output.

mod html;
mod markdown;
mod text;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::progress::{Progress, Status};
use crate::score::{self, Gap, Score};
use crate::{Stage, Weight};

pub use html::render_html;
pub use markdown::render_markdown;
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
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// When the summary was made (UTC).
    pub date: DateTime<Utc>,
    pub readiness: f64,
    pub level: u8,
    pub level_name: &'static str,
    pub next_level: &'static str,
    pub limiting_stage: Option<&'static str>,
    pub explanation: String,
    pub done: usize,
    /// Items not skipped.
    pub applicable: usize,
    pub total: usize,
    pub stages: Vec<StageLine>,
    pub checklists: Vec<ChecklistLine>,
    pub gaps: Vec<GapLine>,
    pub recent: Vec<RecentLine>,
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
pub struct ChecklistLine {
    pub id: String,
    pub title: String,
    pub done: usize,
    /// Items not skipped.
    pub total: usize,
    pub sections: Vec<SectionLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionLine {
    pub id: String,
    pub title: String,
    pub done: usize,
    pub total: usize,
    pub items: Vec<ItemLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemLine {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub stage: &'static str,
    pub weight: &'static str,
    /// When the item was done, for done items.
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapLine {
    pub id: String,
    pub title: String,
    pub stage: &'static str,
    pub weight: &'static str,
    /// Readiness points ticking it would add.
    pub gain: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecentLine {
    pub id: String,
    pub title: String,
    pub at: DateTime<Utc>,
}

/// Everything a summary is made from; computed once and shared by the formats.
pub struct SummaryInput<'a> {
    pub catalog: &'a Catalog,
    pub progress: &'a Progress,
    pub statuses: &'a [Status],
    pub score: &'a Score,
    pub gaps: &'a [Gap],
    pub now: DateTime<Utc>,
}

pub fn gap_line(catalog: &Catalog, gap: &Gap) -> GapLine {
    let item = &catalog.items[gap.item];
    GapLine {
        id: item.full_id.clone(),
        title: item.title.clone(),
        stage: item.stage.id(),
        weight: item.weight.id(),
        gain: gap.gain,
    }
}

pub fn build_summary(input: &SummaryInput<'_>) -> Summary {
    let SummaryInput { catalog, progress, statuses, score, gaps, now } = *input;
    let stages = Stage::ALL
        .into_iter()
        .map(|stage| {
            let s = score.stage(stage);
            StageLine {
                id: stage.id(),
                name: stage.name(),
                percent: s.percent(),
                done: s.done,
                applicable: s.applicable,
                learning: s.learning,
            }
        })
        .collect();
    let checklists = catalog
        .checklists
        .iter()
        .map(|checklist| {
            let sections: Vec<SectionLine> = checklist
                .sections
                .iter()
                .map(|section| {
                    let items: Vec<ItemLine> = section
                        .items
                        .clone()
                        .map(|index| {
                            let item = &catalog.items[index];
                            let status = statuses[index];
                            ItemLine {
                                id: item.full_id.clone(),
                                title: item.title.clone(),
                                status,
                                stage: item.stage.id(),
                                weight: item.weight.id(),
                                done_at: (status == Status::Done)
                                    .then(|| progress.get(item).map(|p| p.changed))
                                    .flatten(),
                            }
                        })
                        .collect();
                    SectionLine {
                        id: section.id.clone(),
                        title: section.title.clone(),
                        done: items.iter().filter(|i| i.status == Status::Done).count(),
                        total: items.iter().filter(|i| i.status.is_applicable()).count(),
                        items,
                    }
                })
                .collect();
            ChecklistLine {
                id: checklist.id.clone(),
                title: checklist.title.clone(),
                done: sections.iter().map(|s| s.done).sum(),
                total: sections.iter().map(|s| s.total).sum(),
                sections,
            }
        })
        .collect();
    let mut recent: Vec<RecentLine> = catalog
        .items
        .iter()
        .zip(statuses)
        .filter(|(_, status)| **status == Status::Done)
        .filter_map(|(item, _)| {
            progress.get(item).map(|p| RecentLine {
                id: item.full_id.clone(),
                title: item.title.clone(),
                at: p.changed,
            })
        })
        .collect();
    recent.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
    recent.truncate(SUMMARY_RECENT);

    Summary {
        date: now,
        readiness: score.readiness,
        level: score.level.number(),
        level_name: score.level.name(),
        next_level: score.level.next_step(),
        limiting_stage: score.limiting.map(Stage::id),
        explanation: score::explanation(catalog, score, gaps.first()),
        done: score.done,
        applicable: score.applicable,
        total: score.total,
        stages,
        checklists,
        gaps: gaps.iter().take(SUMMARY_GAPS).map(|gap| gap_line(catalog, gap)).collect(),
        recent,
    }
}

/// Renders `summary` in `format`.
pub fn render(summary: &Summary, format: Format) -> String {
    match format {
        Format::Text => render_text(summary),
        Format::Markdown => render_markdown(summary),
        Format::Html => render_html(summary),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(summary).unwrap_or_default();
            json.push('\n');
            json
        }
    }
}

/// Percent as a person reads it: "42%", or "n/a" for a stage with nothing applicable.
pub fn percent_label(percent: Option<f64>) -> String {
    percent.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.0}%"))
}

/// The stage's display name from its id, for lines that carry ids.
pub fn stage_name(id: &str) -> &'static str {
    Stage::parse(id).map_or("?", Stage::name)
}

pub fn weight_name(id: &str) -> &'static str {
    Weight::parse(id).map_or("?", Weight::name)
}
