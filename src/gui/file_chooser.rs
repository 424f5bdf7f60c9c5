//! The platform's file dialogs (rfd: the desktop portal, or zenity where there is none), asked on a
//! thread of their own so the window goes on drawing while one is open. Tests put a stand-in here.

use std::path::PathBuf;
use std::sync::Arc;

use super::background::Background;
use crate::report::Format;

/// What to ask the person for.
#[derive(Debug, Clone, PartialEq)]
pub enum FileRequest {
    /// A folder, starting in `start`; `title` says what it is for.
    Folder { start: PathBuf, title: &'static str },
    /// A file to save a report in, starting in `folder` with `name` filled in; `title` says which report.
    SaveReport { folder: PathBuf, name: String, title: &'static str },
}

/// Shows a dialog and returns the path chosen, or `None` when it was cancelled (or no dialog could open).
pub type FileChooser = Arc<dyn Fn(FileRequest) -> Option<PathBuf> + Send + Sync>;

/// The platform's dialogs.
pub fn platform() -> FileChooser {
    Arc::new(|request| match request {
        FileRequest::Folder { start, title } => {
            rfd::FileDialog::new().set_title(title).set_directory(start).pick_folder()
        }
        FileRequest::SaveReport { folder, name, title } => rfd::FileDialog::new()
            .set_title(title)
            .set_directory(folder)
            .set_file_name(name)
            .add_filter("PDF", &["pdf"])
            .add_filter("HTML", &["html", "htm"])
            .add_filter("Markdown", &["md", "markdown"])
            .add_filter("Text", &["txt"])
            .save_file(),
    })
}

/// The report format a chosen file name asks for; PDF when its extension names none of them.
pub fn format_of(path: &std::path::Path) -> Format {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some("txt") => Format::Text,
        _ => Format::Pdf,
    }
}

/// A dialog that is open, and what its answer is for.
pub struct Pending<T> {
    pub purpose: T,
    answer: Background<Option<PathBuf>>,
}

impl<T> Pending<T> {
    /// Opens the dialog for `request` on its own thread; its answer wakes the window `ctx`. Fails when
    /// the system refuses the thread.
    pub fn ask(ctx: &egui::Context, chooser: &FileChooser, request: FileRequest, purpose: T) -> Result<Self, String> {
        let chooser = Arc::clone(chooser);
        Ok(Pending { purpose, answer: Background::run(ctx, "file-dialog", move || chooser(request))? })
    }

    /// `Some(answer)` once the dialog has closed: the path chosen, `None` for cancelled, or why the
    /// dialog stopped.
    pub fn answer(&self) -> Option<Result<Option<PathBuf>, String>> {
        self.answer.poll()
    }
}
