//! The target file format: one target per RON file, beside the checklists. These types are what a file
//! says; [`super::Target`] is the resolved form, with the items it counts.

use serde::{Deserialize, Serialize};

use crate::Weight;

/// A named goal: the items that count toward readiness for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Target")]
pub struct TargetFile {
    pub id: String,
    pub title: String,
    /// Who the target is for, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// What counts: every item any selector names.
    pub include: Vec<Selector>,
    /// Items taken back out, even when `include` names them.
    #[serde(default)]
    pub exclude: Vec<Selector>,
    /// Items lighter than this do not count, unless `include` names them one by one with `Item`.
    #[serde(default)]
    pub min_weight: Option<Weight>,
}

/// A way to name items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selector {
    /// Every loaded item, the user's own checklists too.
    All,
    /// Every item of a checklist, by its id.
    Checklist(String),
    /// Every item of one section: `"checklist-id/section-id"`.
    Section(String),
    /// One item by its full id `"checklist-id/item-id"` (or an old id it had).
    Item(String),
    /// Every item with this tag.
    Tag(String),
}

impl Selector {
    /// The id or tag the selector names, empty for [`Selector::All`].
    pub(crate) fn name(&self) -> &str {
        match self {
            Selector::All => "",
            Selector::Checklist(id) | Selector::Section(id) | Selector::Item(id) | Selector::Tag(id) => id,
        }
    }
}
