//! The lines of a summary, built from the catalog, the progress and the statuses.

use chrono::{DateTime, Utc};

use super::{ChecklistLine, ItemLine, PortfolioGroup, PortfolioItem, SectionLine, SummaryOptions};
use crate::Stage;
use crate::catalog::Catalog;
use crate::catalog::validate::is_http_url;
use crate::progress::{ItemProgress, Progress, Status};
use crate::target::Target;

/// What the lines of a summary are built from.
pub(super) struct Parts<'a, 'b> {
    pub catalog: &'a Catalog,
    /// The target of the summary, so items outside it can say so.
    pub target: &'b Target,
    pub progress: &'a Progress,
    /// When each item's status last changed (see [`Progress::status_dates`]).
    pub status_dates: crate::progress::StatusDates,
    pub statuses: &'b [Status],
    /// Each catalog item's stored progress, in catalog order.
    pub stored: Vec<Option<&'a ItemProgress>>,
    pub options: &'b SummaryOptions,
}

impl<'a> Parts<'a, '_> {
    /// Whether the summary lists the checklist at this index.
    pub(super) fn wanted(&self, checklist: usize) -> bool {
        self.options.checklist.as_deref().is_none_or(|id| self.catalog.checklists[checklist].id == id)
    }

    pub(super) fn checklist_line(&self, index: usize) -> ChecklistLine<'a> {
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

    pub(super) fn item_line(&self, index: usize) -> ItemLine<'a> {
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
            in_target: self.target.contains(index),
        }
    }

    /// When the done item at `index` was done: its last status change.
    fn done_at(&self, index: usize) -> Option<DateTime<Utc>> {
        self.progress.status_since(&self.catalog.items[index], &self.status_dates)
    }

    /// The done items of the listed checklists as (when, index), newest first.
    pub(super) fn done_newest_first(&self) -> Vec<(DateTime<Utc>, usize)> {
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
    pub(super) fn portfolio(&self) -> Vec<PortfolioGroup<'a>> {
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
