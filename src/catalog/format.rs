//! The checklist file format: one checklist per RON file. These types are what a file says, before
//! validation; [`super::Catalog`] holds the validated, indexed form.
//!
//! Unknown fields are ignored so that files written for a later version still load.

use serde::{Deserialize, Serialize};

use crate::{Stage, Weight};

/// Which side of the work a checklist is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Track {
    #[default]
    Developer,
    DevOps,
}

impl Track {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Track::Developer => "Developer",
            Track::DevOps => "DevOps",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Checklist")]
pub struct ChecklistFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub track: Track,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sections: Vec<SectionFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Section")]
pub struct SectionFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub items: Vec<ItemFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item")]
pub struct ItemFile {
    pub id: String,
    pub title: String,
    /// A few words for a sentence about a project that did it ("a CI/CD pipeline"); the title serves when
    /// there are none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phrase: String,
    pub stage: Stage,
    #[serde(default)]
    pub weight: Weight,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub proof: String,
    #[serde(default)]
    pub resources: Vec<String>,
    /// Words that group items across checklists (`security`, `containers`), for targets to select by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Earlier ids of this item (`item-id` or `checklist-id/item-id`), so progress stored under them
    /// carries over when an item is renamed.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Full ids of the skills that doing this item in a project proves (a project checklist's items name
    /// the skill items behind them), so a project's evidence can credit the person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proves: Vec<String>,
}

impl ItemFile {
    /// The item's aliases as full ids: one written without a checklist (`old-id`) is in `checklist`.
    pub(crate) fn full_aliases<'a>(&'a self, checklist: &'a str) -> impl Iterator<Item = String> + 'a {
        self.aliases
            .iter()
            .map(move |alias| if alias.contains('/') { alias.clone() } else { format!("{checklist}/{alias}") })
    }
}
