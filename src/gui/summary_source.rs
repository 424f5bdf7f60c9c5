//! A copy of what a summary is made from, so a report or the preview's pages can be made on a thread
//! of their own while the window goes on (a PDF of a few hundred pages takes a second or more).

use crate::catalog::Catalog;
use crate::progress::Progress;
use crate::report::{self, Summary, SummaryInput, SummaryOptions};
use crate::score::Assessment;

use super::model::Model;

/// The catalog, progress and assessment the window shows, and its target, at one moment.
pub struct SummarySource {
    catalog: Catalog,
    progress: Progress,
    assessment: Assessment,
    target_id: String,
}

impl SummarySource {
    pub fn of(model: &Model) -> SummarySource {
        SummarySource {
            catalog: model.catalog().clone(),
            progress: model.progress().clone(),
            assessment: model.assessment.clone(),
            target_id: model.target().id.clone(),
        }
    }

    /// Calls `then` with the summary made with `options`, now.
    pub fn with_summary<R>(&self, options: &SummaryOptions, then: impl FnOnce(&Summary<'_>) -> R) -> R {
        let input = SummaryInput {
            catalog: &self.catalog,
            target: self.catalog.target_or_default(&self.target_id),
            progress: &self.progress,
            assessment: &self.assessment,
            now: chrono::Utc::now(),
            options,
        };
        then(&report::build_summary(&input))
    }
}
