//! Reports are made on a thread of their own, so a long one (a PDF of a few hundred pages) never freezes
//! the window (hostile-input review F8). The job works on a copy of what the window shows at the click.
//! One report is written at a time: the summary and a project's story go through this one path.

use std::path::PathBuf;

use crate::gui::background::Background;
use crate::gui::model::Model;
use crate::gui::save_status::Ask;
use crate::gui::summary_source::SummarySource;
use crate::report::project::{project_story, render_story};
use crate::report::{self, Format, Paper, SummaryOptions};

/// What is saved: the summary with its options, or the story of a project (by id).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Document {
    Summary(SummaryOptions),
    Story(String),
}

impl Document {
    /// "report", "story": what the messages call it.
    pub fn noun(&self) -> &'static str {
        match self {
            Document::Summary(_) => "report",
            Document::Story(_) => "story",
        }
    }
}

/// What is done with the file once it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Then {
    /// Saved: say where.
    Report,
    /// Printing: open it in the system's PDF viewer.
    Open,
}

/// A save that waits for the person's answer: create its folder, or replace an earlier file.
#[derive(Debug, Clone)]
pub(super) struct PendingSave {
    pub document: Document,
    pub format: Format,
    pub path: PathBuf,
    pub ask: Ask,
}

pub(super) struct ReportJob {
    pub document: Document,
    pub then: Then,
    result: Background<Result<PathBuf, String>>,
}

impl ReportJob {
    /// Starts writing `document` in `format` to `path`; fails when there is nothing to write (the
    /// project is gone, its checklist is not loaded) or no thread to write it on.
    pub fn start(
        ctx: &egui::Context,
        model: &Model,
        (document, format, paper): (Document, Format, Paper),
        path: PathBuf,
        then: Then,
    ) -> Result<Self, String> {
        let data_dir = model.tracker().store().dir().to_path_buf();
        let render: Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send> = match &document {
            Document::Summary(options) => {
                let (source, options) = (SummarySource::of(model), options.clone());
                Box::new(move || {
                    source
                        .with_summary(&options, |summary| report::render(summary, format, paper))
                        .map_err(|err| err.to_string())
                })
            }
            Document::Story(id) => {
                let project = model.progress().project(id).cloned().ok_or("the project is gone")?;
                let catalog = model.catalog().clone();
                let now = chrono::Utc::now();
                Box::new(move || {
                    let story = project_story(&catalog, &project, now)
                        .ok_or_else(|| format!("the checklist {:?} is not loaded", project.checklist))?;
                    render_story(&story, format, paper).map_err(|err| err.to_string())
                })
            }
        };
        let result = Background::run(ctx, "report", move || {
            let bytes = render()?;
            crate::store::write_output(&path, &bytes, &data_dir).map_err(|err| err.to_string())?;
            Ok(path)
        })?;
        Ok(ReportJob { document, then, result })
    }

    /// The outcome, once the job has finished.
    pub fn finished(&self) -> Option<Result<PathBuf, String>> {
        self.result.poll().map(Result::flatten)
    }

    /// Waits up to `most` for the report (the window is closing); says how it went.
    pub fn wait(self, most: std::time::Duration) -> Option<Result<PathBuf, String>> {
        self.result.wait(most).map(Result::flatten)
    }
}
