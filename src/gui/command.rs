//! What the views ask for. Views push commands while drawing; the app applies them after the frame,
//! so no view changes progress, the model or files from inside a closure.
//!
//! Commands are nested by the part of the app that applies them, so each handler is an exhaustive
//! `match`. What a command acts on is named by id (an item's full id, a project's id), never by a
//! position in the catalog: the checklists can load again between the click and the apply.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::catalog::Item;
use crate::progress::Status;
use crate::project::{NewProject, ProjectStatus};
use crate::report::{Format, SummaryOptions};
use crate::review::Rating;
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
    /// Today's reviews of done items.
    Review,
}

impl View {
    pub const ALL: [View; 6] =
        [View::Checklists, View::Gaps, View::Review, View::Progress, View::Summary, View::Projects];

    pub fn name(self) -> &'static str {
        match self {
            View::Checklists => "Checklists",
            View::Gaps => "Gaps",
            View::Progress => "Progress",
            View::Summary => "Summary",
            View::Projects => "Projects",
            View::Review => "Review",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Item(ItemCommand),
    Project(ProjectCommand),
    Summary(SummaryCommand),
    View(ViewCommand),
    App(AppCommand),
}

/// A change to one of the person's items, by full id. Recorded for undo.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemCommand {
    SetStatus {
        item: String,
        status: Status,
    },
    SetNote {
        item: String,
        note: String,
    },
    SetEvidence {
        item: String,
        evidence: String,
    },
    /// Accept what a project proves for a skill: the skill done, with the project's evidence.
    AcceptCredit {
        skill: String,
        project: String,
    },
    /// A review of a done item: its proof redone, rated.
    Review {
        item: String,
        rating: Rating,
    },
}

/// A change to a project, a scan, or its story.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectCommand {
    /// Add a project (checked first; a problem shows in the add form).
    Add(NewProject),
    /// Change a project's name, repository link and folder (checked like a new project's).
    Edit { project: String, details: NewProject },
    /// Change an item of a project; `None` leaves a field as it is.
    Mark {
        project: String,
        item: String,
        status: Option<ProjectStatus>,
        note: Option<String>,
        evidence: Option<String>,
    },
    /// Remove a project (a backup is kept, and undo puts it back).
    Remove(String),
    /// Scan the project's folder (by id) and show its proposals.
    Scan(String),
    /// Accept proposals of the last scan (one, or all at once): each item done, its file as evidence.
    /// One undo step takes back the whole batch.
    AcceptProposals(Vec<Proposal>),
    /// Save the project's story in `format` as a new file in the reports folder.
    SaveStory { project: String, format: Format },
    /// Ask the platform's dialog where to save the story, then write it there.
    SaveStoryAs { project: String },
    /// Write the project (by id) to its folder's `.skillgap/project.ron`, to commit.
    Export(String),
    /// Ask the platform's dialog for the project's local folder (the add form or the edit form).
    ChooseFolder { editing: bool },
}

/// The Summary view's reports.
#[derive(Debug, Clone, PartialEq)]
pub enum SummaryCommand {
    /// Write the report in `format` to a new file in the reports folder (asking to create the folder).
    Save { format: Format, options: SummaryOptions },
    /// Ask the platform's dialog where to save the report, then write it there (asking before replacing).
    SaveAs { options: SummaryOptions },
    /// Ask the platform's dialog for the reports folder.
    ChooseFolder,
    /// Put the report in `format` (text or Markdown) on the clipboard, to paste into a chat or an issue.
    Copy { format: Format, options: SummaryOptions },
    /// Write the PDF report to a temporary file and open it in the system's viewer.
    Print { options: SummaryOptions },
}

/// Where the person looks: views, focus, dialogs and messages. Changes nothing on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCommand {
    Show(View),
    /// Show the Checklists view with the search field focused and its text selected (Ctrl+F).
    FocusSearch,
    /// Ctrl+N and Ctrl+E: the selected item's note or evidence link, in Checklists.
    FocusNote,
    FocusEvidence,
    /// Select an item (by full id) and show it in the Checklists view.
    Reveal(String),
    /// Help (shortcuts and the score) or About (version and folders) over the window.
    ShowDialog(super::help::Dialog),
    CloseDialog,
    /// Open the welcome (from Help).
    ShowWelcome,
    /// Close the welcome; it does not open by itself again.
    CloseWelcome,
    DismissNotice,
    DismissLoadProblems,
    /// Open a folder in the file manager or a file in its viewer (About's folders, a saved report).
    Open(PathBuf),
}

/// The app as a whole: the target, undo, the progress file, the checklists, closing.
#[derive(Debug, Clone, PartialEq)]
pub enum AppCommand {
    /// Score for this target (by id) and remember it.
    SetTarget(String),
    /// Turn reviews on or off, and remember it.
    SetReviews(bool),
    Undo,
    Redo,
    RetrySave,
    /// Load the checklist files again (the person edited one).
    ReloadChecklists,
    RestoreLatestBackup,
    MoveAsideAndStartFresh,
    /// The answer to the save waiting ("create the folder?", "replace the file?"): go on, or not.
    ConfirmSave(bool),
    Close(CloseCommand),
}

/// Closing the window, and the close dialog's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseCommand {
    /// The window was asked to close: close, or ask first when changes are not saved.
    Requested,
    /// Try the save again and close if it worked.
    RetrySaveAndClose,
    /// Close and lose the changes that could not be saved.
    DiscardAndClose,
    /// Stay open.
    KeepOpen,
}

impl Command {
    /// Set `item`'s status.
    pub fn set_status(item: &Item, status: Status) -> Command {
        Command::Item(ItemCommand::SetStatus { item: item.full_id.clone(), status })
    }

    /// Select `item` and show it in the Checklists view.
    pub fn reveal(item: &Item) -> Command {
        Command::View(ViewCommand::Reveal(item.full_id.clone()))
    }
}

impl From<ItemCommand> for Command {
    fn from(command: ItemCommand) -> Command {
        Command::Item(command)
    }
}

impl From<ProjectCommand> for Command {
    fn from(command: ProjectCommand) -> Command {
        Command::Project(command)
    }
}

impl From<SummaryCommand> for Command {
    fn from(command: SummaryCommand) -> Command {
        Command::Summary(command)
    }
}

impl From<ViewCommand> for Command {
    fn from(command: ViewCommand) -> Command {
        Command::View(command)
    }
}

impl From<AppCommand> for Command {
    fn from(command: AppCommand) -> Command {
        Command::App(command)
    }
}
