//! The catalog: every loaded checklist, validated and indexed. Items live in one flat vector in
//! display order, so views and scores walk them without nested lookups.

mod builtin;
pub(crate) mod format;
mod load;
pub mod validate;

use std::collections::hash_map::Entry;
use std::ops::Range;
use std::path::PathBuf;

pub use builtin::BUILTIN_CHECKLISTS;
pub use format::{ChecklistFile, ItemFile, SectionFile, Track};
pub use load::{FileProblem, load_catalog, parse_checklist};
pub(crate) use load::{
    UserFile, full_ids, parse_ron, read_user_file, stolen_alias, user_checklist_files, user_files_fingerprint,
};

use crate::target::{self, Target};
use crate::{Stage, Weight};

/// Where a checklist came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub track: Track,
    pub description: String,
    pub origin: Origin,
    pub sections: Vec<Section>,
    /// Its items prove skills: a checklist projects are scored against (`launch-one-project`), ticked
    /// per project in Projects, not among a person's own lists (window review M3).
    pub for_projects: bool,
}

impl Checklist {
    /// Indices into [`Catalog::items`] of all items of this checklist.
    pub fn item_range(&self) -> Range<usize> {
        let start = self.sections.first().map_or(0, |s| s.items.start);
        let end = self.sections.last().map_or(start, |s| s.items.end);
        start..end
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Indices into [`Catalog::items`].
    pub items: Range<usize>,
}

/// One item.
#[derive(Debug, Clone)]
pub struct Item {
    /// `checklist-id/item-id`: the permanent key of this item's progress.
    pub full_id: String,
    pub checklist: usize,
    pub section: usize,
    pub title: String,
    /// A few words for a project's story ("a CI/CD pipeline"), or empty.
    pub phrase: String,
    pub stage: Stage,
    pub weight: Weight,
    pub description: String,
    pub proof: String,
    pub resources: Vec<String>,
    pub tags: Vec<String>,
    /// Earlier full ids whose progress carries over to this item.
    pub aliases: Vec<String>,
    /// Full ids of the skill items that doing this item in a project proves.
    pub proves: Vec<String>,
}

impl Item {
    /// The item's id within its checklist (checklist ids are slugs, so the first `/` ends them).
    pub fn id(&self) -> &str {
        self.full_id.split_once('/').map_or(&self.full_id, |(_, id)| id)
    }
}

/// Why an id given by a person could not be resolved to one item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ResolveError {
    #[error("unknown item {query:?}{}", did_you_mean(.suggestions))]
    Unknown { query: String, suggestions: Vec<String> },
    #[error("item id {query:?} is in several checklists; use the full id: {}", .candidates.join(", "))]
    Ambiguous { query: String, candidates: Vec<String> },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (see `skillgap list` for all ids)".to_owned()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// Every loaded checklist and item, with lookups by id, and the targets resolved over them.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub checklists: Vec<Checklist>,
    pub items: Vec<Item>,
    /// The built-in targets, then the person's own; never empty once built by [`Catalog::from_files`].
    pub targets: Vec<Target>,
    index: Index,
}

/// Positions in [`Catalog::items`] by full id, by alias, and by item id (with whether other checklists use
/// that item id too: then it is ambiguous on its own).
#[derive(Debug, Clone, Default)]
struct Index {
    by_full_id: foldhash::HashMap<String, usize>,
    by_alias: foldhash::HashMap<String, usize>,
    by_item_id: foldhash::HashMap<String, (usize, Uniqueness)>,
}

impl Index {
    fn of(items: &[Item]) -> Index {
        let mut index = Index::default();
        for (position, item) in items.iter().enumerate() {
            // The first item with an id keeps it: later checklists cannot take over an id.
            index.by_full_id.entry(item.full_id.clone()).or_insert(position);
            for alias in &item.aliases {
                index.by_alias.entry(alias.clone()).or_insert(position);
            }
            match index.by_item_id.entry(item.id().to_owned()) {
                Entry::Occupied(mut first) => first.get_mut().1 = Uniqueness::Shared,
                Entry::Vacant(vacant) => {
                    vacant.insert((position, Uniqueness::Unique));
                }
            }
        }
        index
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Uniqueness {
    Unique,
    Shared,
}

impl Catalog {
    /// Builds a catalog from validated checklist files. A checklist whose id is already taken is
    /// returned in the second value instead of being added.
    pub fn from_files(files: Vec<(ChecklistFile, Origin)>) -> (Catalog, Vec<(ChecklistFile, Origin)>) {
        let mut catalog = Catalog::default();
        let mut rejected = Vec::new();
        for (file, origin) in files {
            if catalog.checklist_index(&file.id).is_some() {
                rejected.push((file, origin));
            } else {
                catalog.push(file, origin);
            }
        }
        catalog.index = Index::of(&catalog.items);
        catalog.targets = target::builtin_targets(&catalog);
        (catalog, rejected)
    }

    /// Checks and resolves a target file's text and adds it; a problem names its place in the file.
    pub fn add_target(&mut self, name: &str, text: &str, origin: Origin) -> Result<(), Vec<FileProblem>> {
        let resolved = target::load(name, text, self, origin)?;
        if self.target(&resolved.id).is_some() {
            let message =
                format!("target id {:?} is already used by another target; give this one its own id", resolved.id);
            return Err(vec![FileProblem { file: name.to_owned(), pos: None, message }]);
        }
        self.targets.push(resolved);
        Ok(())
    }

    /// The target with this id.
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    /// The target with this id, or [`Catalog::default_target`] when none has it.
    pub(crate) fn target_or_default(&self, id: &str) -> &Target {
        self.target(id).unwrap_or(self.default_target())
    }

    /// The target of a person who has not chosen one: *Developer who ships* when it is loaded, else the first.
    pub fn default_target(&self) -> &Target {
        static NONE: std::sync::OnceLock<Target> = std::sync::OnceLock::new();
        self.target(target::DEFAULT_TARGET)
            .or(self.targets.first())
            .unwrap_or_else(|| NONE.get_or_init(|| Target::everything(&Catalog::default())))
    }

    fn push(&mut self, file: ChecklistFile, origin: Origin) {
        let checklist_index = self.checklists.len();
        let new_items: usize = file.sections.iter().map(|s| s.items.len()).sum();
        self.items.reserve(new_items);
        let for_projects = file.sections.iter().flat_map(|s| &s.items).any(|item| !item.proves.is_empty());
        let mut sections = Vec::with_capacity(file.sections.len());
        for (section_index, section) in file.sections.into_iter().enumerate() {
            let start = self.items.len();
            for item in section.items {
                let full_id = format!("{}/{}", file.id, item.id);
                let aliases: Vec<String> = item.full_aliases(&file.id).collect();
                self.items.push(Item {
                    full_id,
                    checklist: checklist_index,
                    section: section_index,
                    title: item.title,
                    phrase: item.phrase,
                    stage: item.stage,
                    weight: item.weight,
                    description: item.description,
                    proof: item.proof,
                    resources: item.resources,
                    tags: item.tags,
                    aliases,
                    proves: item.proves,
                });
            }
            sections.push(Section { id: section.id, title: section.title, items: start..self.items.len() });
        }
        self.checklists.push(Checklist {
            id: file.id,
            title: file.title,
            track: file.track,
            description: file.description,
            origin,
            sections,
            for_projects,
        });
    }

    pub fn checklist_index(&self, id: &str) -> Option<usize> {
        self.checklists.iter().position(|c| c.id == id)
    }

    /// The item with this full id, or whose aliases include it.
    pub fn item_index(&self, full_id: &str) -> Option<usize> {
        self.index.by_full_id.get(full_id).or_else(|| self.index.by_alias.get(full_id)).copied()
    }

    /// Resolves what a person typed: a full id, an alias, or an item id that only one checklist has.
    pub(crate) fn resolve(&self, query: &str) -> Result<usize, ResolveError> {
        let query = query.trim();
        if let Some(index) = self.item_index(query) {
            return Ok(index);
        }
        match self.index.by_item_id.get(query).copied() {
            Some((index, Uniqueness::Unique)) => Ok(index),
            Some(_) => Err(ResolveError::Ambiguous {
                query: query.to_owned(),
                candidates: self.items.iter().filter(|i| i.id() == query).map(|i| i.full_id.clone()).collect(),
            }),
            None => Err(ResolveError::Unknown { query: query.to_owned(), suggestions: self.closest_ids(query, 3) }),
        }
    }

    /// The full ids most like `query`, best first.
    pub(crate) fn closest_ids(&self, query: &str, count: usize) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = self
            .items
            .iter()
            .map(|item| {
                let against = if query.contains('/') { item.full_id.as_str() } else { item.id() };
                (strsim::jaro_winkler(query, against), item.full_id.as_str())
            })
            .filter(|(similarity, _)| *similarity > 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored.into_iter().take(count).map(|(_, id)| id.to_owned()).collect()
    }
}
