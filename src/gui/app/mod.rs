//! The `eframe::App`, split the way rerun splits its viewer: this file holds the app's state and lays
//! out the panels; `input.rs` turns keys, the disk check and the close request into commands;
//! `chrome.rs` draws the top bar, banners, status line and close dialog; `apply.rs` applies the
//! commands once the frame is drawn; `screenshot.rs` serves `--screenshot` and `--print-startup-time`.

mod apply;
mod chrome;
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
use super::command::{Command, View};
use super::file_chooser::{self, FileChooser, Pending};
use super::gaps_view::GapsView;
use super::help::{Dialog, Folders, about_ui, help_ui};
use super::model::Model;
use super::progress::ProgressView;
use super::projects_view::ProjectsView;
use super::summary_view::{ReportPrefs, SummaryView};
use super::{header, nav};
use apply::ItemEdit;
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
    /// The person chose to discard unsaved changes.
    Discard,
}

pub struct App {
    pub model: Model,
    /// The one copy of the preferences; saved by eframe.
    prefs: Prefs,
    pub checklists: ChecklistView,
    gaps: GapsView,
    summary: SummaryView,
    progress: ProgressView,
    projects: ProjectsView,
    undo: Vec<ItemEdit>,
    redo: Vec<ItemEdit>,
    /// What the last undo or redo did ("Undid: Restore a backup -> to do"), in the status line.
    last_action: Option<String>,
    /// What the frame's widgets and input asked for, applied once the frame is drawn.
    commands: Vec<Command>,
    /// What applying the commands asks of the window (close, cancel a close), sent after.
    viewport_commands: Vec<egui::ViewportCommand>,
    /// Text a command asked to copy; handed to egui at the end of the frame.
    clipboard: Option<String>,
    last_disk_check: f64,
    closing: Closing,
    load_problems: Vec<String>,
    notice: Option<String>,
    screenshot: Option<Screenshot>,
    startup_clock: StartupClock,
    opener: Opener,
    /// The report being written, off the UI thread.
    report_job: Option<report_job::ReportJob>,
    /// The project folder being scanned, off the UI thread: which project, and the scan's answer.
    scan_job: Option<(String, Background<Result<crate::scan::Scan, String>>)>,
    /// The platform's file dialogs (a stand-in in tests).
    chooser: FileChooser,
    /// The file dialog that is open, on its own thread.
    file_dialog: Option<Pending<summary::Chosen>>,
    /// The welcome is showing.
    welcome_open: bool,
    /// Help or About is showing.
    dialog: Option<Dialog>,
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
        let welcome_open = options.offer_welcome && !prefs.welcome_seen;
        let viewport_commands = options.size.map(egui::ViewportCommand::InnerSize).into_iter().collect();
        // Open on what to do next: the top gap is selected, so its detail shows at once.
        let mut checklists = ChecklistView::default();
        if let Some(gap) = model.assessment.gaps.first() {
            checklists.list.select(gap.item);
        }
        checklists.list.focus_requested = true;
        App {
            model,
            prefs,
            checklists,
            gaps: GapsView::default(),
            summary: SummaryView::default(),
            progress: ProgressView::default(),
            projects: ProjectsView::default(),
            undo: Vec::new(),
            last_action: None,
            redo: Vec::new(),
            commands: Vec::new(),
            viewport_commands,
            clipboard: None,
            last_disk_check: 0.0,
            closing: Closing::Open,
            load_problems: options.load_problems,
            notice: None,
            screenshot: options.screenshot.map(Screenshot::new),
            startup_clock: StartupClock::new(options.startup_clock),
            opener: Box::new(|path| open::that_detached(path)),
            welcome_open,
            dialog: None,
            config_dir: options.config_dir,
            ctx: cc.egui_ctx.clone(),
            report_job: None,
            scan_job: None,
            chooser: file_chooser::platform(),
            file_dialog: None,
        }
    }

    /// Whether the welcome is showing.
    pub fn is_welcome_open(&self) -> bool {
        self.welcome_open
    }

    /// Replaces how files are opened in the system's viewer (tests record instead of opening).
    pub fn set_opener(&mut self, opener: Opener) {
        self.opener = opener;
    }

    /// Replaces the platform's file dialogs (tests answer for the person).
    pub fn set_file_chooser(&mut self, chooser: FileChooser) {
        self.chooser = chooser;
    }

    /// The item selected in the Checklists view.
    pub fn selected_item(&self) -> Option<usize> {
        self.checklists.list.selected
    }

    /// Whether a report is being written.
    pub fn is_writing_report(&self) -> bool {
        self.report_job.is_some()
    }

    /// Whether a project's folder is being scanned.
    pub fn is_scanning(&self) -> bool {
        self.scan_job.is_some()
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
                self.checklists.nav_in_filters = ui.available_width() < nav::SIDE_PANEL_MIN_WINDOW;
                if !self.checklists.nav_in_filters {
                    let panel = egui::Panel::left("navigation").resizable(true).default_size(260.0).min_size(180.0);
                    panel.show(ui, |ui| {
                        ui.add_space(6.0);
                        let scope = self.checklists.filters.scope;
                        nav::nav_ui(ui, &self.model, &mut self.checklists.filters.scope);
                        // Choosing a checklist or section is choosing where the keys go next.
                        self.checklists.list.focus_requested |= scope != self.checklists.filters.scope;
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
                egui::CentralPanel::default().show(ui, |ui| self.projects.ui(ui, &self.model, &mut self.commands));
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
            ui.add_space(4.0);
            let mut expanded = !self.prefs.header_folded;
            header::header_ui(ui, &self.model, &mut self.commands, &mut expanded);
            self.prefs.header_folded = !expanded;
            ui.add_space(4.0);
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
        if self.welcome_open {
            super::welcome::welcome_ui(&ctx, &self.model, &mut self.commands);
        }
        match self.dialog {
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
        self.poll_report();
        self.poll_scan();
        self.poll_file_dialog();
        for command in self.viewport_commands.drain(..) {
            ctx.send_viewport_cmd(command);
        }
        if let Some(text) = self.clipboard.take() {
            ctx.copy_text(text);
        }
        if let Some(screenshot) = &mut self.screenshot {
            // The picture waits for the Summary's pages, which are laid out on a thread of their own.
            screenshot.step(&ctx, !self.summary.is_busy());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
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
        self.commands.retain(|command| matches!(command, Command::SetNote { .. } | Command::SetEvidence { .. }));
        self.apply_commands();
        self.clean_up_prints();
    }
}
