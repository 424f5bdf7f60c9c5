//! What the next level needs, as the reports print it and scripts read it (`next_level` in the JSON of
//! `summary` and `project summary`): the level, the open items that reach it, the Core item let pass
//! below the current level, and the sentence that says so.

use serde::Serialize;

use super::stage_id;
use crate::Stage;
use crate::catalog::Catalog;
use crate::score::Score;

#[derive(Debug, Clone, Serialize)]
pub struct NextLevelLine<'a> {
    /// The next level's number; absent at the top, or when the target has nothing left to reach.
    pub level: Option<u8>,
    pub name: Option<&'static str>,
    /// The open items that reach it.
    pub missing: Vec<ItemRef<'a>>,
    /// A Core item still open below the current level, let pass because its stage has another done.
    pub except: Option<ItemRef<'a>>,
    /// "Level 1, Builds and tests, needs 8 items: …", naming the item let pass too.
    pub sentence: String,
}

/// An item, as scripts name it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(serialize_with = "stage_id")]
    pub stage: Stage,
}

impl<'a> NextLevelLine<'a> {
    pub(crate) fn of(catalog: &'a Catalog, score: &Score) -> NextLevelLine<'a> {
        let item = |index: usize| {
            let item = &catalog.items[index];
            ItemRef { id: &item.full_id, title: &item.title, stage: item.stage }
        };
        let next = score.next_level.as_ref();
        NextLevelLine {
            level: next.map(|n| n.level.number()),
            name: next.map(|n| n.level.name()),
            missing: next.map(|n| n.missing.iter().map(|&i| item(i)).collect()).unwrap_or_default(),
            except: score.except.map(item),
            sentence: score.next_level_sentence(catalog),
        }
    }
}
