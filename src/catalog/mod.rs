//! The catalog: every loaded checklist, validated and indexed. Items live in one flat vector in
//! display order, so views and scores walk them without nested lookups.

mod builtin;
pub mod format;
mod load;
pub mod validate;

use std::hash::BuildHasher;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashTable};
use serde::{Deserialize, Serialize};

pub use builtin::BUILTIN_CHECKLISTS;
pub use format::{ChecklistFile, ItemFile, SectionFile, Track};
pub use load::{
    FileProblem, MAX_CHECKLIST_BYTES, load_catalog, load_catalog_cached, parse_checklist, read_checklist_file,
    user_checklist_files,
};

use crate::{Stage, Weight};

/// Where a checklist came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(PathBuf),
}

/// [`Origin`] as cached: a built-in checklist's name is read back as the compiled-in `&'static str`.
#[derive(Serialize, Deserialize)]
enum SavedOrigin {
    BuiltIn(String),
    File(PathBuf),
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Origin::BuiltIn(name) => SavedOrigin::BuiltIn((*name).to_owned()),
            Origin::File(path) => SavedOrigin::File(path.clone()),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Origin {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Origin, D::Error> {
        match SavedOrigin::deserialize(deserializer)? {
            SavedOrigin::BuiltIn(name) => BUILTIN_CHECKLISTS
                .iter()
                .map(|(builtin, _)| *builtin)
                .find(|builtin| *builtin == name)
                .map(Origin::BuiltIn)
                .ok_or_else(|| serde::de::Error::custom(format!("no built-in checklist {name:?}"))),
            SavedOrigin::File(path) => Ok(Origin::File(path)),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub track: Track,
    pub description: String,
    pub origin: Origin,
    pub sections: Vec<Section>,
}

impl Checklist {
    /// Indices into [`Catalog::items`] of all items of this checklist.
    pub fn item_range(&self) -> Range<usize> {
        let start = self.sections.first().map_or(0, |s| s.items.start);
        let end = self.sections.last().map_or(start, |s| s.items.end);
        start..end
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Indices into [`Catalog::items`].
    pub items: Range<usize>,
}

/// One item. Its fields are cached in this order; [`BriefItem`] reads the same layout.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// `checklist-id/item-id`: the permanent key of this item's progress.
    pub full_id: String,
    pub checklist: usize,
    pub section: usize,
    pub title: String,
    pub stage: Stage,
    pub weight: Weight,
    pub description: String,
    pub proof: String,
    pub resources: Vec<String>,
    /// Earlier full ids whose progress carries over to this item.
    pub aliases: Vec<String>,
}

impl Item {
    /// The item's id within its checklist (checklist ids are slugs, so the first `/` ends them).
    pub fn id(&self) -> &str {
        self.full_id.split_once('/').map_or(&self.full_id, |(_, id)| id)
    }
}

/// How much of each item a caller needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: the window, `list` and `check`.
    Full,
    /// Without descriptions, proofs and resources, which scores, gaps and summaries never show: a
    /// cached catalog loads in half the memory. (A catalog parsed afresh has them anyway.)
    Brief,
}

/// A cached [`Item`] read with [`Detail::Brief`]: the same fields in the same order, the detail texts
/// passed over where they lie instead of copied.
#[derive(Deserialize)]
struct BriefItem {
    full_id: String,
    checklist: usize,
    section: usize,
    title: String,
    stage: Stage,
    weight: Weight,
    #[serde(deserialize_with = "pass_over_text")]
    _description: (),
    #[serde(deserialize_with = "pass_over_text")]
    _proof: (),
    #[serde(deserialize_with = "pass_over_texts")]
    _resources: (),
    aliases: Vec<String>,
}

/// Reads a text as borrowed from the input, without copying it. An input that cannot lend its bytes
/// fails, and the caller parses afresh.
fn pass_over_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    <&'de str>::deserialize(deserializer).map(drop)
}

fn pass_over_texts<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    <Vec<&'de str>>::deserialize(deserializer).map(drop)
}

/// A cached [`Catalog`] read with [`Detail::Brief`].
#[derive(Deserialize)]
pub(crate) struct BriefCatalog {
    checklists: Vec<Checklist>,
    items: Vec<BriefItem>,
}

impl From<BriefCatalog> for Catalog {
    fn from(brief: BriefCatalog) -> Catalog {
        let items = brief
            .items
            .into_iter()
            .map(|item| Item {
                full_id: item.full_id,
                checklist: item.checklist,
                section: item.section,
                title: item.title,
                stage: item.stage,
                weight: item.weight,
                description: String::new(),
                proof: String::new(),
                resources: Vec::new(),
                aliases: item.aliases,
            })
            .collect();
        Catalog { checklists: brief.checklists, items, index: OnceLock::new() }
    }
}

/// Why an id given by a person could not be resolved to one item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
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

/// The catalog is cached whole (see [`load_catalog_cached`]); its lookup index is not, and is built
/// when first asked for: a summary never needs it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Catalog {
    pub checklists: Vec<Checklist>,
    pub items: Vec<Item>,
    #[serde(skip)]
    index: OnceLock<Index>,
}

/// Lookups by id. The tables hold positions in [`Catalog::items`] and compare against the ids there, so
/// building the index copies no strings (with copies it took 1.6 ms at 10,000 items).
#[derive(Debug, Clone, Default)]
struct Index {
    state: DefaultHashBuilder,
    by_full_id: HashTable<usize>,
    /// An item id's first item, and whether other checklists use the id too (then they are found by a
    /// scan, on that rare error path only).
    by_item_id: HashTable<(usize, Uniqueness)>,
    /// (item, which of its aliases).
    by_alias: HashTable<(usize, usize)>,
}

impl Index {
    fn of(items: &[Item]) -> Index {
        let state = DefaultHashBuilder::default();
        let hash = |text: &str| state.hash_one(text);
        let mut by_full_id: HashTable<usize> = HashTable::with_capacity(items.len());
        let mut by_item_id: HashTable<(usize, Uniqueness)> = HashTable::with_capacity(items.len());
        let mut by_alias: HashTable<(usize, usize)> = HashTable::new();
        for (position, item) in items.iter().enumerate() {
            // The first item with an id keeps it: later checklists cannot take over an id.
            if let Entry::Vacant(vacant) = by_full_id.entry(
                hash(&item.full_id),
                |&i| items[i].full_id == item.full_id,
                |&i| hash(&items[i].full_id),
            ) {
                vacant.insert(position);
            }
            match by_item_id.entry(hash(item.id()), |&(i, _)| items[i].id() == item.id(), |&(i, _)| hash(items[i].id()))
            {
                Entry::Occupied(mut first) => first.get_mut().1 = Uniqueness::Shared,
                Entry::Vacant(vacant) => {
                    vacant.insert((position, Uniqueness::Unique));
                }
            }
            for (which, alias) in item.aliases.iter().enumerate() {
                if let Entry::Vacant(vacant) = by_alias.entry(
                    hash(alias),
                    |&(i, a)| items[i].aliases[a] == *alias,
                    |&(i, a)| hash(&items[i].aliases[a]),
                ) {
                    vacant.insert((position, which));
                }
            }
        }
        Index { state, by_full_id, by_item_id, by_alias }
    }

    fn full_id(&self, items: &[Item], full_id: &str) -> Option<usize> {
        self.by_full_id.find(self.state.hash_one(full_id), |&i| items[i].full_id == full_id).copied()
    }

    fn alias(&self, items: &[Item], alias: &str) -> Option<usize> {
        self.by_alias.find(self.state.hash_one(alias), |&(i, a)| items[i].aliases[a] == alias).map(|&(i, _)| i)
    }

    fn item_id(&self, items: &[Item], id: &str) -> Option<(usize, Uniqueness)> {
        self.by_item_id.find(self.state.hash_one(id), |&(i, _)| items[i].id() == id).copied()
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
        (catalog, rejected)
    }

    fn push(&mut self, file: ChecklistFile, origin: Origin) {
        let checklist_index = self.checklists.len();
        let new_items: usize = file.sections.iter().map(|s| s.items.len()).sum();
        self.items.reserve(new_items);
        let mut sections = Vec::with_capacity(file.sections.len());
        for (section_index, section) in file.sections.into_iter().enumerate() {
            let start = self.items.len();
            for item in section.items {
                let full_id = format!("{}/{}", file.id, item.id);
                let aliases: Vec<String> = item
                    .aliases
                    .into_iter()
                    .map(|alias| if alias.contains('/') { alias } else { format!("{}/{alias}", file.id) })
                    .collect();
                self.items.push(Item {
                    full_id,
                    checklist: checklist_index,
                    section: section_index,
                    title: item.title,
                    stage: item.stage,
                    weight: item.weight,
                    description: item.description,
                    proof: item.proof,
                    resources: item.resources,
                    aliases,
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
        });
    }

    pub fn checklist_index(&self, id: &str) -> Option<usize> {
        self.checklists.iter().position(|c| c.id == id)
    }

    /// Whether every item's checklist and section exist and each section's range holds exactly its own
    /// items, in order. A catalog read back from the cache is checked before use: a damaged or edited
    /// entry must not make an index panic later.
    pub fn is_consistent(&self) -> bool {
        let mut next = 0;
        for (checklist_index, checklist) in self.checklists.iter().enumerate() {
            for (section_index, section) in checklist.sections.iter().enumerate() {
                let Some(items) = self.items.get(section.items.clone()) else { return false };
                if section.items.start != next
                    || items.iter().any(|item| item.checklist != checklist_index || item.section != section_index)
                {
                    return false;
                }
                next = section.items.end;
            }
        }
        next == self.items.len()
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(&self.items))
    }

    /// The item with this full id, or whose aliases include it.
    pub fn item_index(&self, full_id: &str) -> Option<usize> {
        let index = self.index();
        index.full_id(&self.items, full_id).or_else(|| index.alias(&self.items, full_id))
    }

    /// Resolves what a person typed: a full id, an alias, or an item id that only one checklist has.
    pub fn resolve(&self, query: &str) -> Result<usize, ResolveError> {
        let query = query.trim();
        if let Some(index) = self.item_index(query) {
            return Ok(index);
        }
        match self.index().item_id(&self.items, query) {
            Some((index, Uniqueness::Unique)) => Ok(index),
            Some(_) => Err(ResolveError::Ambiguous {
                query: query.to_owned(),
                candidates: self.items.iter().filter(|i| i.id() == query).map(|i| i.full_id.clone()).collect(),
            }),
            None => Err(ResolveError::Unknown { query: query.to_owned(), suggestions: self.closest_ids(query, 3) }),
        }
    }

    /// The full ids most like `query`, best first.
    pub fn closest_ids(&self, query: &str, count: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`BriefItem`] must read [`Item`]'s cached layout field for field: a field added to one and not
    /// the other shifts every later field.
    #[test]
    fn a_brief_read_of_a_cached_catalog_is_the_full_one_without_details() {
        let renamed = parse_checklist(
            "renamed.ron",
            r#"(id: "mine", title: "Mine", sections: [(id: "s", title: "S", items: [
                (id: "new", title: "New", stage: Run, aliases: ["old"], resources: ["https://example.org"]),
            ])])"#,
        )
        .unwrap();
        let mut files: Vec<(ChecklistFile, Origin)> = BUILTIN_CHECKLISTS
            .iter()
            .map(|(name, text)| (parse_checklist(name, text).unwrap(), Origin::BuiltIn(name)))
            .collect();
        files.push((renamed, Origin::File("renamed.ron".into())));
        let (catalog, rejected) = Catalog::from_files(files);
        assert!(rejected.is_empty());
        let bytes = postcard::to_stdvec(&catalog).unwrap();
        let full: Catalog = postcard::from_bytes(&bytes).unwrap();
        let brief: Catalog = postcard::from_bytes::<BriefCatalog>(&bytes).unwrap().into();
        assert_eq!(brief.items.len(), catalog.items.len());
        for ((original, full), brief) in catalog.items.iter().zip(&full.items).zip(&brief.items) {
            assert_eq!(format!("{original:?}"), format!("{full:?}"));
            let without_details =
                Item { description: String::new(), proof: String::new(), resources: Vec::new(), ..original.clone() };
            assert_eq!(format!("{without_details:?}"), format!("{brief:?}"));
        }
        assert_eq!(format!("{:?}", brief.checklists), format!("{:?}", catalog.checklists));
        assert_eq!(brief.resolve("linux-shell"), catalog.resolve("linux-shell"), "the index is built on demand");
        assert!(catalog.is_consistent() && full.is_consistent() && brief.is_consistent());
    }

    #[test]
    fn a_catalog_whose_items_and_sections_disagree_is_not_consistent() {
        let (catalog, _) = load_catalog(&[]);
        assert!(catalog.is_consistent());
        let mut broken = catalog.clone();
        broken.items[3].checklist = 99;
        assert!(!broken.is_consistent(), "an item of a checklist that does not exist");
        let mut broken = catalog.clone();
        broken.checklists[0].sections[0].items.end += 1;
        assert!(!broken.is_consistent(), "overlapping sections");
        let mut broken = catalog.clone();
        broken.items.pop();
        assert!(!broken.is_consistent(), "a section running past the items");
        let mut broken = catalog;
        broken.checklists.pop();
        assert!(!broken.is_consistent(), "items no section holds");
    }
}
