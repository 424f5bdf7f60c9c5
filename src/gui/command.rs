//! What the views ask for. Views push commands while drawing; the app applies them after the frame,
//! so no view mutates progress from inside a closure.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::progress::Status;
use crate::project::{NewProject, ProjectChange};
use crate::report::{Format, SummaryOptions};
use crate::scan::Proposal;

/// The main views, one per tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum View {
    #[default]
    Checklists,
    Gaps,
    Progress,
    Summary,
    Projects,
}

impl View {
    pub const ALL: [View; 5] = [View::Checklists, View::Gaps, View::Progress, View::Summary, View::Projects];

    pub fn name(self) -> &'static str {
        match self {
            View::Checklists => "Checklists",
            View::Gaps => "Gaps",
            View::Progress => "Progress",
            View::Summary => "Summary",
            View::Projects => "Projects",
        }
    }
}

#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Set the status of a catalog item (by index). Recorded for undo.
    SetStatus {
        item: usize,
        status: Status,
    },
    SetNote {
        item: usize,
        note: String,
    },
    SetEvidence {
        item: usize,
        evidence: String,
    },
    /// Score for this target (by id) and remember it.
    SetTarget(String),
    /// Open the welcome (from Help).
    ShowWelcome,
    /// Close the welcome; it does not open by itself again.
    CloseWelcome,
    Undo,
    Redo,
    RetrySave,
    /// Read the progress file again if another process changed it.
    ReloadIfChanged,
    /// Load the checklist files again (the person edited one).
    ReloadChecklists,
    ShowView(View),
    /// Show the Checklists view with the search field focused (Ctrl+F).
    FocusSearch,
    /// Ctrl+N and Ctrl+E: the selected item's note or evidence link, in Checklists.
    FocusNote,
    FocusEvidence,
    /// Help (shortcuts and the score) or About (version and folders) over the window.
    ShowDialog(super::help::Dialog),
    CloseDialog,
    /// Open a folder in the file manager or a file in its viewer (About's folders, a saved report).
    Open(PathBuf),
    /// The window was asked to close: close, or ask first when changes are not saved.
    CloseRequested,
    /// From the close dialog: try the save again and close if it worked.
    RetrySaveAndClose,
    /// From the close dialog: close and lose the changes that could not be saved.
    DiscardAndClose,
    /// From the close dialog: stay open.
    KeepOpen,
    DismissNotice,
    DismissLoadProblems,
    /// Select an item and show it in the Checklists view.
    Reveal(usize),
    RestoreLatestBackup,
    MoveAsideAndStartFresh,
    /// Write the report in `format` to a new file in the reports folder (asking to create the folder).
    SaveSummary {
        format: Format,
        options: SummaryOptions,
    },
    /// Ask the platform's dialog where to save the report, then write it there (asking before replacing).
    SaveSummaryAs {
        options: SummaryOptions,
    },
    /// Ask the platform's dialog for the reports folder.
    ChooseReportFolder,
    /// The answer to "create the folder?" or "replace the file?": go on, or not.
    ConfirmSave(bool),
    /// Put the report in `format` (text or Markdown) on the clipboard, to paste into a chat or an issue.
    CopySummary {
        format: Format,
        options: SummaryOptions,
    },
    /// Write the PDF report to a temporary file and open it in the system's viewer.
    PrintSummary {
        options: SummaryOptions,
    },
    /// Add a project (checked first; a problem shows in the add form).
    AddProject(NewProject),
    /// Change a project: mark an item, edit, remove.
    ChangeProject(ProjectChange),
    /// Scan the project's folder (by id) and show its proposals.
    ScanProject(String),
    /// Accept one proposal of the last scan: the item done, the file as evidence.
    AcceptProposal(Proposal),
    /// Save the project's story (by id) as a PDF in the reports folder and open it.
    SaveProjectStory(String),
    /// Change a project's name, repository link and folder (checked like a new project's).
    EditProject {
        project: String,
        details: NewProject,
    },
    /// Accept what a project proves for a skill (catalog index): the skill done, with the project's evidence.
    AcceptCredit {
        skill: usize,
        project: String,
    },
}
