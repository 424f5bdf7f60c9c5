//! The `eframe::App`, split the way rerun splits its viewer: this file holds the app's state and lays
//! out the panels; `input.rs` turns keys and the close request into commands and reads what other
//! processes saved before the views draw; `apply.rs` applies the commands once the frame is drawn,
//! `history.rs` keeps them for undo, `projects.rs` and `summary.rs` apply those views' commands
//! (`report_job.rs` writes reports on a thread of their own), `reload.rs` loads the checklists again;
//! `chrome.rs` draws the top bar, banners, status line and close dialog; `screenshot.rs` serves
//! `--screenshot` and `--print-startup-time`.

mod apply;
mod chrome;
mod history;
mod input;
mod projects;
mod reload;
mod report_job;
mod screenshot;
mod summary;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;
use serde::{Deserialize, Serialize};

pub use screenshot::ScreenshotJob;

use super::background::Background;
use super::checklist_view::ChecklistView;
use super::command::{Command, ItemCommand, View};
use super::file_chooser::{self, FileChooser, Pending};
use super::gaps_view::GapsView;
use super::help::{Dialog, Folders, about_ui, help_ui};
use super::model::Model;
use super::progress::ProgressView;
use super::projects_view::ProjectsView;
use super::review_view::ReviewView;
use super::summary_view::{ReportPrefs, SummaryView};
use super::{header, nav};
use history::History;
use screenshot::{Screenshot, StartupClock};

/// UI preferences kept in eframe's storage between runs. Progress is never kept there.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The view shown at start.
    pub view: View,
    /// Folder, name, paper and notes choice of the report.
    pub report: ReportPrefs,
    /// The welcome was closed once, so it does not open by itself again.
    pub welcome_seen: bool,
    /// The full id of the item selected in Checklists, selected again at the next start.
    pub selected_item: Option<String>,
    /// The id of the project shown in Projects.
    pub project: Option<String>,
    /// The readiness header is folded to one line.
    pub header_folded: bool,
}

/// Opens a file in the system's default viewer; replaced in tests so no viewer starts.
pub type Opener = Box<dyn Fn(&Path) -> std::io::Result<()>>;

const PREFS_KEY: &str = "skillgap-prefs";

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// Light or dark instead of the remembered theme.
    pub theme: Option<egui::Theme>,
    /// The config folder (checklists of one's own, window settings), shown in About.
    pub config_dir: Option<PathBuf>,
    /// Show this view instead of the remembered one.
    pub view: Option<View>,
    /// This window size (`--size`) instead of the remembered one, which eframe restores by itself.
    pub size: Option<egui::Vec2>,
    /// Save a screenshot here once the window has settled, then close.
    pub screenshot: Option<Arc<ScreenshotJob>>,
    /// Problems with checklist files that were skipped, to show once.
    pub load_problems: Vec<String>,
    /// When the process started, to print how long the first frame took (`--print-startup-time`).
    pub startup_clock: Option<std::time::Instant>,
    /// Open the welcome if it was never closed (the real window; tests ask for it when they test it).
    pub offer_welcome: bool,
}

/// Whether the window may close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closing {
    Open,
    /// Asked to close with unsaved changes: the dialog is up.
    Confirming,
    /// Asked to close while a report is being written: the window closes once it is on disk.
    AfterReport,
    /// The person chose to discard unsaved changes.
    Discard,
}

/// Work going on on threads of their own, and the platform's dialogs they ask.
struct Jobs {
    /// The report or story being written. One at a time: others wait in `waiting`.
    report: Option<report_job::ReportJob>,
    /// Reports asked for while one was being written, in the order asked.
    waiting: std::collections::VecDeque<(report_job::Document, crate::report::Format, summary::Target)>,
    /// The project folder being scanned: which project, and the scan's answer.
    scan: Option<(String, Background<Result<crate::scan::Scan, String>>)>,
    /// The platform's file dialogs (a stand-in in tests).
    chooser: FileChooser,
    /// The file dialog that is open.
    file_dialog: Option<Pending<summary::Chosen>>,
    /// A save waiting for the person's answer (create its folder? replace a file?).
    pending_save: Option<report_job::PendingSave>,
}

/// What is drawn over the views.
struct Overlays {
    /// The welcome is showing.
    welcome: bool,
    /// Help or About is showing.
    dialog: Option<Dialog>,
    /// Whether the window may close, or what it waits for first.
    closing: Closing,
}

/// Messages above the status line, until dismissed.
#[derive(Default)]
struct Messages {
    /// The outcome of the last thing that is not a change (a reload, a saved story, an error).
    notice: Option<String>,
    /// Checklist files that were skipped, each with file:line:col.
    load_problems: Vec<String>,
}

/// What applying a frame's commands asks of egui, handed over at the end of the frame.
#[derive(Default)]
struct Outbox {
    /// What applying the commands asks of the window (close, cancel a close).
    viewport: Vec<egui::ViewportCommand>,
    /// Text a command asked to copy.
    clipboard: Option<String>,
}

/// The window: the model it shows, the views, and what goes on around them. Views draw from `model` and
/// push `commands`; `App::apply_commands` applies them once the frame is drawn.
pub struct App {
    pub model: Model,
    /// The one copy of the preferences; saved by eframe.
    prefs: Prefs,
    checklists: ChecklistView,
    gaps: GapsView,
    review: ReviewView,
    summary: SummaryView,
    progress: ProgressView,
    projects: ProjectsView,
    /// What the frame's widgets and input asked for, applied once the frame is drawn.
    commands: Vec<Command>,
    /// The changes this window made, to undo and redo.
    history: History,
    jobs: Jobs,
    overlays: Overlays,
    messages: Messages,
    outbox: Outbox,
    /// When (egui's clock) the window last looked for changes another process saved.
    last_disk_check: f64,
    /// `--screenshot`: the picture to take once the window has settled.
    screenshot: Option<Screenshot>,
    /// `--print-startup-time`.
    startup_clock: StartupClock,
    /// Opens files and folders in the system's viewer (a recorder in tests).
    opener: Opener,
    /// The folder of the person's checklists and window settings, for About.
    config_dir: Option<PathBuf>,
    /// The window's context, which work on other threads wakes when its answer is there.
    ctx: egui::Context,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, model: Model, options: StartOptions) -> App {
        super::theme::install(&cc.egui_ctx);
        super::paper_preview::install_fonts(&cc.egui_ctx);
        if let Some(theme) = options.theme {
            cc.egui_ctx.set_theme(theme);
        }
        let mut prefs: Prefs = cc.storage.and_then(|s| eframe::get_value(s, PREFS_KEY)).unwrap_or_default();
        if let Some(view) = options.view {
            prefs.view = view;
        }
        let viewport = options.size.map(egui::ViewportCommand::InnerSize).into_iter().collect();
        let checklists = ChecklistView::at_start(&model, prefs.selected_item.as_deref());
        App {
            checklists,
            gaps: GapsView::default(),
            review: ReviewView::default(),
            summary: SummaryView::default(),
            progress: ProgressView::default(),
            projects: ProjectsView::at_start(prefs.project.clone()),
            commands: Vec::new(),
            history: History::default(),
            jobs: Jobs {
                report: None,
                waiting: std::collections::VecDeque::new(),
                scan: None,
                chooser: file_chooser::platform(),
                file_dialog: None,
                pending_save: None,
            },
            overlays: Overlays {
                welcome: options.offer_welcome && !prefs.welcome_seen,
                dialog: None,
                closing: Closing::Open,
            },
            messages: Messages { notice: None, load_problems: options.load_problems },
            outbox: Outbox { viewport, clipboard: None },
            last_disk_check: 0.0,
            screenshot: options.screenshot.map(Screenshot::new),
            startup_clock: StartupClock::new(options.startup_clock),
            opener: Box::new(|path| open::that_detached(path)),
            config_dir: options.config_dir,
            ctx: cc.egui_ctx.clone(),
            model,
            prefs,
        }
    }

    /// Whether the welcome is showing.
    pub fn is_welcome_open(&self) -> bool {
        self.overlays.welcome
    }

    /// Replaces how files are opened in the system's viewer (tests record instead of opening).
    pub fn set_opener(&mut self, opener: Opener) {
        self.opener = opener;
    }

    /// Replaces the platform's file dialogs (tests answer for the person).
    pub fn set_file_chooser(&mut self, chooser: FileChooser) {
        self.jobs.chooser = chooser;
    }

    /// The item selected in the Checklists view.
    pub fn selected_item(&self) -> Option<usize> {
        self.checklists.selected()
    }

    /// The search typed in the Checklists view.
    pub fn search_text(&self) -> &str {
        self.checklists.search_text()
    }

    /// The message of the last undo or redo, shown above the status line until the next change.
    pub fn undo_message(&self) -> Option<&str> {
        self.history.message.as_deref()
    }

    /// The message above the status line, if any (a reload, a saved story, an error).
    pub fn notice(&self) -> Option<&str> {
        self.messages.notice.as_deref()
    }

    /// Whether a report is being written.
    pub fn is_writing_report(&self) -> bool {
        self.jobs.report.is_some()
    }

    /// Whether a file dialog is open.
    pub fn is_choosing_file(&self) -> bool {
        self.jobs.file_dialog.is_some()
    }

    /// Whether a project's folder is being scanned.
    pub fn is_scanning(&self) -> bool {
        self.jobs.scan.is_some()
    }

    /// Whether the Summary's pages are being laid out.
    pub fn is_laying_out_pages(&mut self) -> bool {
        self.summary.is_busy()
    }

    pub fn view(&self) -> View {
        self.prefs.view
    }

    fn views_ui(&mut self, ui: &mut Ui) {
        match self.prefs.view {
            View::Checklists => {
                // In a narrow window the checklists are a menu above the list instead of a side panel.
                let side_panel = ui.available_width() >= nav::SIDE_PANEL_MIN_WINDOW;
                self.checklists.set_nav_in_filters(!side_panel);
                if side_panel {
                    let panel = egui::Panel::left("navigation").resizable(true).default_size(260.0).min_size(180.0);
                    panel.show(ui, |ui| {
                        ui.add_space(6.0);
                        self.checklists.nav_ui(ui, &self.model);
                    });
                }
                egui::CentralPanel::default().show(ui, |ui| self.checklists.ui(ui, &self.model, &mut self.commands));
            }
            View::Gaps => {
                egui::CentralPanel::default().show(ui, |ui| self.gaps.ui(ui, &self.model, &mut self.commands));
            }
            View::Progress => {
                egui::CentralPanel::default().show(ui, |ui| self.progress.ui(ui, &self.model));
            }
            View::Review => {
                egui::CentralPanel::default().show(ui, |ui| self.review.ui(ui, &self.model, &mut self.commands));
            }
            View::Summary => {
                egui::CentralPanel::default().show(ui, |ui| {
                    self.summary.ui(ui, &self.model, &mut self.prefs.report, &mut self.commands);
                });
            }
            View::Projects => {
                egui::Panel::left("project-list").resizable(true).default_size(260.0).min_size(200.0).show(ui, |ui| {
                    ui.add_space(6.0);
                    self.projects.list_ui(ui, &self.model, &mut self.commands);
                });
                let folder = self.prefs.report.folder.trim();
                let central = egui::CentralPanel::default();
                central.show(ui, |ui| self.projects.ui(ui, &self.model, folder, &mut self.commands));
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.startup_clock.step(&ctx);
        self.input(&ctx);
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(2.0);
            self.top_bar_ui(ui);
        });
        egui::Panel::top("readiness-header").show(ui, |ui| {
            ui.add_space(1.0);
            let mut expanded = !self.prefs.header_folded;
            header::header_ui(ui, &self.model, &mut self.commands, &mut expanded);
            self.prefs.header_folded = !expanded;
            ui.add_space(1.0);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        // Messages sit above the status line: when one comes or goes the views' content, which starts
        // at the top, stays where it is under the pointer.
        if self.has_banners() {
            egui::Panel::bottom("messages").show(ui, |ui| {
                ui.add_space(4.0);
                let most = 0.4 * ui.ctx().content_rect().height();
                egui::ScrollArea::vertical().max_height(most).show(ui, |ui| self.banners_ui(ui));
                ui.add_space(2.0);
            });
        }
        self.views_ui(ui);
        if self.overlays.welcome {
            super::welcome::welcome_ui(&ctx, &self.model, &mut self.commands);
        }
        match self.overlays.dialog {
            Some(Dialog::Help) => help_ui(&ctx, &mut self.commands),
            Some(Dialog::About) => {
                let data = self.model.tracker().store().dir().to_path_buf();
                let folders = Folders { data, config: self.config_dir.clone() };
                about_ui(&ctx, &folders, &mut self.commands);
            }
            None => {}
        }
        self.close_dialog_ui(&ctx);
        self.apply_commands();
        // Changes other processes saved, and edited checklist files, are read only once this frame's
        // commands are applied: a click acts on the item the person saw, and the next frame shows the
        // new state.
        self.check_disk(&ctx);
        self.poll_report();
        self.poll_scan();
        self.poll_file_dialog();
        for command in self.outbox.viewport.drain(..) {
            ctx.send_viewport_cmd(command);
        }
        if let Some(text) = self.outbox.clipboard.take() {
            ctx.copy_text(text);
        }
        if let Some(screenshot) = &mut self.screenshot {
            // The picture waits for the Summary's pages, which are laid out on a thread of their own.
            screenshot.step(&ctx, !self.summary.is_busy());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            let catalog = self.model.catalog();
            self.prefs.selected_item = self.checklists.selected().map(|i| catalog.items[i].full_id.clone());
            self.prefs.project = self.projects.shown().map(str::to_owned);
            eframe::set_value(storage, PREFS_KEY, &self.prefs);
        }
    }

    /// A screenshot run leaves the person's remembered window state alone.
    fn persist_egui_memory(&self) -> bool {
        self.screenshot.is_none()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A note typed just before closing is saved too.
        self.checklists.flush_draft(&self.model, &mut self.commands);
        let is_note =
            |c: &Command| matches!(c, Command::Item(ItemCommand::SetNote { .. } | ItemCommand::SetEvidence { .. }));
        self.commands.retain(is_note);
        self.apply_commands();
        self.finish_report_before_exit();
        self.clean_up_prints();
    }
}
