//! Reports are made on a thread of their own, so a long one (a PDF of a few hundred pages) never freezes
//! the window (hostile-input review F8). The job works on a copy of what the window shows at the click.

use std::path::PathBuf;

use crate::gui::background::Background;
use crate::gui::model::Model;
use crate::gui::summary_source::SummarySource;
use crate::report::{self, Format, Paper, SummaryOptions};

/// What the person asked for and what is done with the file once it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Then {
    /// Saved: say where.
    Report,
    /// Printing: open it in the system's PDF viewer.
    Open,
}

pub(super) struct ReportJob {
    pub then: Then,
    result: Background<Result<PathBuf, String>>,
}

impl ReportJob {
    /// Starts writing the report in `format` to `path`.
    pub fn start(
        ctx: &egui::Context,
        model: &Model,
        options: SummaryOptions,
        format: Format,
        paper: Paper,
        path: PathBuf,
        then: Then,
    ) -> Self {
        let source = SummarySource::of(model);
        let data_dir = model.tracker().store().dir().to_path_buf();
        let result = Background::run(ctx, move || {
            source
                .with_summary(&options, |summary| report::render(summary, format, paper))
                .map_err(|err| err.to_string())
                .and_then(|bytes| crate::store::write_output(&path, &bytes, &data_dir).map_err(|err| err.to_string()))
                .map(|_| path)
        });
        ReportJob { then, result }
    }

    /// The outcome, once the job has finished.
    pub fn finished(&self) -> Option<Result<PathBuf, String>> {
        let stopped = || Err("the report could not be made: its work stopped".into());
        self.result.poll().map(|answer| answer.unwrap_or_else(stopped))
    }
}
