//! Choices the window and the command line share: today, the active target. They are kept in
//! `settings.ron` in the data folder (by the store), never in eframe's storage, which the command line
//! cannot read.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::review::ReviewSettings;
use crate::target::Target;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Settings", deny_unknown_fields)]
pub(crate) struct Settings {
    /// The id of the active target; none means [`crate::target::DEFAULT_TARGET`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Whether done items are reviewed, how often, and how many a day.
    #[serde(default, skip_serializing_if = "is_default")]
    pub reviews: ReviewSettings,
}

fn is_default(settings: &ReviewSettings) -> bool {
    *settings == ReviewSettings::default()
}

/// A target id that no loaded target has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no target {id:?}; the targets are {}. `skillgap targets` compares them", .known.join(", "))]
pub struct UnknownTarget {
    pub id: String,
    pub known: Vec<String>,
}

/// The target with id `id`, or an error that lists the loaded ones.
pub(crate) fn find_target<'a>(catalog: &'a Catalog, id: &str) -> Result<&'a Target, UnknownTarget> {
    catalog.target(id.trim()).ok_or_else(|| UnknownTarget {
        id: id.to_owned(),
        known: catalog.targets.iter().map(|t| t.id.clone()).collect(),
    })
}

impl Settings {
    /// The active target: the remembered one, or the default when none is remembered. A remembered
    /// target that is no longer loaded (its file was removed) gives the default and the error, to warn.
    pub(crate) fn active_target<'a>(&self, catalog: &'a Catalog) -> (&'a Target, Option<UnknownTarget>) {
        match self.target.as_deref().map(|id| find_target(catalog, id)) {
            Some(Ok(target)) => (target, None),
            Some(Err(unknown)) => (catalog.default_target(), Some(unknown)),
            None => (catalog.default_target(), None),
        }
    }
}
