//! Which items a list shows: one filter for `skillgap list` and the window's Checklists view.

use crate::catalog::Catalog;
use crate::progress::Status;
use crate::target::Target;
use crate::{Stage, Weight};

/// Which part of the catalog a list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    /// One checklist, by index into [`Catalog::checklists`].
    Checklist(usize),
    /// One section: checklist index, section index.
    Section(usize, usize),
}

impl Scope {
    pub(crate) fn checklist(self) -> Option<usize> {
        match self {
            Scope::All => None,
            Scope::Checklist(c) | Scope::Section(c, _) => Some(c),
        }
    }
}

/// What a list is narrowed to. Every condition that is set must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemFilter {
    pub scope: Scope,
    /// Text the item's id, title or description contains (any case); empty for any item.
    pub search: String,
    pub status: Option<Status>,
    pub stage: Option<Stage>,
    pub weight: Option<Weight>,
    /// Only items not done and not skipped.
    pub missing_only: bool,
    /// Only items that count toward the target the list is shown for.
    pub in_target_only: bool,
}

/// The title of the section `index` is in, so a search for "backups" finds the section's items.
fn section_title(catalog: &Catalog, index: usize) -> &str {
    let item = &catalog.items[index];
    catalog.checklists.get(item.checklist).and_then(|c| c.sections.get(item.section)).map_or("", |s| &s.title)
}

impl ItemFilter {
    /// Indices into [`Catalog::items`] of the matching items, in catalog order. `statuses` holds each
    /// item's status, in catalog order; `target` is the active target.
    pub(crate) fn matching(&self, catalog: &Catalog, statuses: &[Status], target: &Target) -> Vec<usize> {
        // All: the person's own lists; a project's checklist is shown where projects are.
        let own = |index: &usize| !catalog.checklists[catalog.items[*index].checklist].for_projects;
        let range: Box<dyn Iterator<Item = usize>> = match self.scope {
            Scope::All => Box::new((0..catalog.items.len()).filter(own)),
            Scope::Checklist(c) => Box::new(catalog.checklists.get(c).map_or(0..0, |c| c.item_range())),
            Scope::Section(c, s) => {
                Box::new(catalog.checklists.get(c).and_then(|c| c.sections.get(s)).map_or(0..0, |s| s.items.clone()))
            }
        };
        let needle = self.search.trim().to_lowercase();
        range
            .filter(|&index| {
                let item = &catalog.items[index];
                let status = statuses.get(index).copied().unwrap_or_default();
                self.status.is_none_or(|s| s == status)
                    && self.stage.is_none_or(|s| s == item.stage)
                    && self.weight.is_none_or(|w| w == item.weight)
                    && (!self.missing_only || matches!(status, Status::Todo | Status::Learning))
                    && (!self.in_target_only || target.contains(index))
                    && (needle.is_empty()
                        || item.full_id.to_lowercase().contains(&needle)
                        || item.title.to_lowercase().contains(&needle)
                        || item.description.to_lowercase().contains(&needle)
                        || section_title(catalog, index).to_lowercase().contains(&needle))
            })
            .collect()
    }

    /// The result Enter takes among `shown`: the first whose title has the search in it, else the first
    /// shown (a search for "docker" takes "Write a Dockerfile", not an item that names Docker in passing).
    pub(crate) fn best_match(&self, catalog: &Catalog, shown: &[usize]) -> Option<usize> {
        let needle = self.search.trim().to_lowercase();
        let in_title = |&&index: &&usize| catalog.items[index].title.to_lowercase().contains(&needle);
        shown.iter().find(in_title).or(shown.first()).copied()
    }
}
