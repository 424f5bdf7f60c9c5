//! The `eframe::App`: lays out the panels, turns keys into commands, and applies the commands the
//! views emitted once the frame is drawn.

use std::path::Path;
use std::sync::{Arc, Mutex};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::checklist_view::ChecklistView;
use super::command::{Command, View};
use super::model::{Access, Model, SaveState};
use super::progress_view::ProgressView;
use super::summary_view::{ReportPrefs, SummaryView, build_summary};
use super::{gaps_view, header, nav};
use crate::progress::{Change, Status};
use crate::report::{self, Format, SummaryOptions};

/// UI preferences kept in eframe's storage between runs. Progress is never kept there.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The view shown at start.
    pub view: View,
    /// Folder, name, paper and notes choice of the report.
    pub report: ReportPrefs,
}

/// Opens a file in the system's default viewer; replaced in tests so no viewer starts.
pub type Opener = Box<dyn Fn(&Path) -> std::io::Result<()>>;

const PREFS_KEY: &str = "skillgap-prefs";
/// How often the window looks for changes another process saved.
const DISK_CHECK_SECONDS: f64 = 1.0;

/// One status change, as undo and redo replay it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatusEdit {
    item: String,
    from: Status,
    to: Status,
}

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// Show this view instead of the remembered one.
    pub view: Option<View>,
    /// Save a screenshot here once the window has settled, then close.
    pub screenshot: Option<Arc<ScreenshotJob>>,
    /// Problems with checklist files that were skipped, to show once.
    pub load_problems: Vec<String>,
    /// When the process started, to print how long the first frame took (`--print-startup-time`).
    pub startup_clock: Option<std::time::Instant>,
}

/// A screenshot to take: where to save it, and how it went.
#[derive(Debug, Default)]
pub struct ScreenshotJob {
    pub path: std::path::PathBuf,
    pub result: Mutex<Option<Result<(), String>>>,
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
    prefs: Prefs,
    pub checklists: ChecklistView,
    summary: SummaryView,
    progress: ProgressView,
    undo: Vec<StatusEdit>,
    redo: Vec<StatusEdit>,
    commands: Vec<Command>,
    /// Text a command asked to copy; handed to egui at the end of the frame.
    clipboard: Option<String>,
    last_disk_check: f64,
    closing: Closing,
    load_problems: Vec<String>,
    notice: Option<String>,
    screenshot: Option<Arc<ScreenshotJob>>,
    frames: u64,
    screenshot_requested: bool,
    opener: Opener,
    startup_clock: Option<std::time::Instant>,
    frames_drawn: u64,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, model: Model, options: StartOptions) -> App {
        let mut prefs: Prefs = cc.storage.and_then(|s| eframe::get_value(s, PREFS_KEY)).unwrap_or_default();
        if let Some(view) = options.view {
            prefs.view = view;
        }
        // Open on what to do next: the top gap is selected, so its detail shows at once.
        let mut checklists = ChecklistView::default();
        checklists.selected = model.gaps.first().map(|gap| gap.item);
        let summary = SummaryView::new(prefs.report.clone());
        App {
            model,
            prefs,
            checklists,
            summary,
            progress: ProgressView::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            commands: Vec::new(),
            clipboard: None,
            last_disk_check: 0.0,
            closing: Closing::Open,
            load_problems: options.load_problems,
            notice: None,
            screenshot: options.screenshot,
            frames: 0,
            screenshot_requested: false,
            opener: Box::new(|path| open::that_detached(path)),
            startup_clock: options.startup_clock,
            frames_drawn: 0,
        }
    }

    /// Replaces how files are opened in the system's viewer (tests record instead of opening).
    pub fn set_opener(&mut self, opener: Opener) {
        self.opener = opener;
    }

    /// Writes the report in `format` to `path`, atomically.
    fn write_report(&self, format: Format, options: &SummaryOptions, path: &Path) -> Result<(), String> {
        let summary = build_summary(&self.model, options);
        let bytes = report::render(&summary, format, self.summary.prefs.paper).map_err(|err| err.to_string())?;
        crate::store::atomic_write(path, &bytes)
            .map_err(|err| format!("Could not save {}: {err}. Choose a folder you can write to.", path.display()))
    }

    pub fn view(&self) -> View {
        self.prefs.view
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let typing = ctx.text_edit_focused();
        ctx.input_mut(|input| {
            // Redo first: its shortcut contains undo's.
            if input.consume_shortcut(&redo) {
                self.commands.push(Command::Redo);
            } else if !typing && input.consume_shortcut(&undo) {
                self.commands.push(Command::Undo);
            }
            if input.consume_shortcut(&find) {
                self.prefs.view = View::Checklists;
                self.checklists.focus_search = true;
            }
            if typing || self.prefs.view != View::Checklists {
                return;
            }
            if input.consume_key(Modifiers::NONE, Key::ArrowDown) {
                self.checklists.move_selection(1);
            }
            if input.consume_key(Modifiers::NONE, Key::ArrowUp) {
                self.checklists.move_selection(-1);
            }
            let Some(item) = self.checklists.selected else { return };
            let current = self.model.statuses.get(item).copied().unwrap_or_default();
            let toggle = |target: Status| if current == target { Status::Todo } else { target };
            let mut set = |status| self.commands.push(Command::SetStatus { item, status });
            if input.consume_key(Modifiers::NONE, Key::Space) {
                set(toggle(Status::Done));
            }
            if input.consume_key(Modifiers::NONE, Key::L) {
                set(toggle(Status::Learning));
            }
            if input.consume_key(Modifiers::NONE, Key::S) {
                set(toggle(Status::Skipped));
            }
        });
    }

    fn set_status(&mut self, item: usize, status: Status) -> Option<StatusEdit> {
        let full_id = self.model.catalog().items.get(item)?.full_id.clone();
        let from = self.model.statuses[item];
        if from == status || self.model.is_read_only() {
            return None;
        }
        self.model.apply(&[Change::status(full_id.clone(), status)]);
        Some(StatusEdit { item: full_id, from, to: status })
    }

    fn replay(&mut self, edit: &StatusEdit, status: Status) {
        self.model.apply(&[Change::status(edit.item.clone(), status)]);
    }

    /// Applies the commands the frame emitted, in order.
    fn apply_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::SetStatus { item, status } => {
                    if let Some(edit) = self.set_status(item, status) {
                        self.undo.push(edit);
                        self.redo.clear();
                    }
                }
                Command::SetNote { item, note } => {
                    if let Some(item) = self.model.catalog().items.get(item) {
                        let change = Change { item: item.full_id.clone(), note: Some(note), ..Change::default() };
                        self.model.apply(&[change]);
                    }
                }
                Command::SetEvidence { item, evidence } => {
                    if let Some(item) = self.model.catalog().items.get(item) {
                        let change =
                            Change { item: item.full_id.clone(), evidence: Some(evidence), ..Change::default() };
                        self.model.apply(&[change]);
                    }
                }
                Command::Undo => {
                    if let Some(edit) = self.undo.pop() {
                        self.replay(&edit, edit.from);
                        self.redo.push(edit);
                    }
                }
                Command::Redo => {
                    if let Some(edit) = self.redo.pop() {
                        self.replay(&edit, edit.to);
                        self.undo.push(edit);
                    }
                }
                Command::RetrySave => self.model.retry_save(),
                Command::ShowView(view) => self.prefs.view = view,
                Command::Reveal(item) => {
                    self.prefs.view = View::Checklists;
                    self.checklists.reveal(&self.model, item);
                }
                Command::RestoreLatestBackup => {
                    self.notice = Some(match self.model.restore_latest_backup() {
                        Ok(path) => format!("Restored {}.", path.display()),
                        Err(err) => format!("Could not restore a backup: {err}"),
                    });
                }
                Command::MoveAsideAndStartFresh => {
                    self.notice = Some(match self.model.move_aside_and_start_fresh() {
                        Ok(path) => format!("The unreadable file was kept as {}. Starting afresh.", path.display()),
                        Err(err) => format!("Could not move the file aside: {err}"),
                    });
                }
                Command::SaveSummary { format, path, options } => {
                    self.summary.message =
                        Some(self.write_report(format, &options, &path).map(|()| format!("Saved {}", path.display())));
                }
                Command::CopySummary { format, options } => {
                    let summary = build_summary(&self.model, &options);
                    let (text, name) = match format {
                        Format::Markdown => (report::render_markdown(&summary), "Markdown"),
                        _ => (report::render_text(&summary), "text"),
                    };
                    let lines = text.lines().count();
                    self.clipboard = Some(text);
                    self.summary.message =
                        Some(Ok(format!("Copied the summary as {name} ({lines} lines); paste it anywhere.")));
                }
                Command::PrintSummary { options } => {
                    let path = std::env::temp_dir()
                        .join(format!("skillgap-report-{}.pdf", chrono::Local::now().format("%Y-%m-%d-%H%M%S")));
                    let result = self.write_report(Format::Pdf, &options, &path).and_then(|()| {
                        (self.opener)(&path).map_err(|err| {
                            format!("Wrote {} but could not open it: {err}. Open it yourself to print.", path.display())
                        })
                    });
                    self.summary.message = Some(
                        result.map(|()| format!("Opened {} in your PDF viewer; print it from there.", path.display())),
                    );
                }
            }
        }
    }

    fn check_disk(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if now - self.last_disk_check >= DISK_CHECK_SECONDS {
            self.last_disk_check = now;
            if !self.checklists.has_pending_draft() {
                self.model.reload_if_changed();
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_CHECK_SECONDS));
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("skillgap").strong().size(16.0));
            ui.add_space(12.0);
            for view in View::ALL {
                if ui.add(egui::Button::selectable(self.prefs.view == view, view.name())).clicked() {
                    self.commands.push(Command::ShowView(view));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut theme = ui.ctx().options(|o| o.theme_preference);
                let before = theme;
                let combo = egui::ComboBox::from_id_salt("theme").selected_text(theme_name(theme)).show_ui(ui, |ui| {
                    for choice in
                        [egui::ThemePreference::System, egui::ThemePreference::Light, egui::ThemePreference::Dark]
                    {
                        ui.selectable_value(&mut theme, choice, theme_name(choice));
                    }
                });
                combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Theme"));
                ui.label("Theme");
                if theme != before {
                    ui.ctx().set_theme(theme);
                }
            });
        });
    }

    fn banners_ui(&mut self, ui: &mut Ui) {
        let error_frame = |ui: &mut Ui, add: &mut dyn FnMut(&mut Ui)| {
            egui::Frame::new()
                .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
                .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| add(ui));
        };
        if let Access::ReadOnly { reason } = &self.model.access {
            let reason = reason.clone();
            error_frame(ui, &mut |ui| {
                ui.label(RichText::new("Read-only: your progress file could not be read").strong());
                ui.add(egui::Label::new(&reason).wrap());
                ui.label("Nothing will be saved until you choose:");
                ui.horizontal(|ui| {
                    if ui.button("Restore latest backup").clicked() {
                        self.commands.push(Command::RestoreLatestBackup);
                    }
                    if ui.button("Move it aside and start fresh").clicked() {
                        self.commands.push(Command::MoveAsideAndStartFresh);
                    }
                });
            });
        } else if let SaveState::Failed(reason) = &self.model.save_state {
            let reason = reason.clone();
            error_frame(ui, &mut |ui| {
                ui.label(RichText::new("Your last change could not be saved").strong());
                ui.add(egui::Label::new(&reason).wrap());
                if ui.button("Retry").clicked() {
                    self.commands.push(Command::RetrySave);
                }
            });
        }
        if !self.load_problems.is_empty() {
            let mut dismiss = false;
            egui::Frame::new()
                .fill(ui.visuals().warn_fg_color.gamma_multiply(0.12))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.label(RichText::new("Some checklist files were skipped").strong());
                    for problem in &self.load_problems {
                        ui.add(egui::Label::new(problem).wrap());
                    }
                    dismiss = ui.button("Dismiss").clicked();
                });
            if dismiss {
                self.load_problems.clear();
            }
        }
        if let Some(notice) = self.notice.clone() {
            ui.horizontal(|ui| {
                ui.label(notice);
                if ui.small_button("Dismiss").clicked() {
                    self.notice = None;
                }
            });
        }
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let path = self.model.tracker().store().path();
            match (&self.model.save_state, self.model.has_unsaved_changes()) {
                (_, true) => ui.colored_label(ui.visuals().error_fg_color, "Not saved"),
                (SaveState::Saved(at), false) => ui.label(format!("Saved {}", at.format("%H:%M:%S"))),
                _ if self.model.is_read_only() => ui.colored_label(ui.visuals().warn_fg_color, "Read-only"),
                _ => ui.label("All changes saved"),
            };
            ui.label(RichText::new(path.display().to_string()).weak().small());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(format!(
                        "Undo: Ctrl+Z ({})  Redo: Ctrl+Shift+Z ({})",
                        self.undo.len(),
                        self.redo.len()
                    ))
                    .weak()
                    .small(),
                );
            });
        });
    }

    fn close_ui(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            self.checklists.flush_draft(&self.model, &mut self.commands);
            self.apply_commands();
            if self.model.has_unsaved_changes() && self.closing != Closing::Discard {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.closing = Closing::Confirming;
            }
        }
        if self.closing != Closing::Confirming {
            return;
        }
        egui::Modal::new(egui::Id::unique("confirm-close")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Some changes are not saved");
            ui.label("skillgap could not save your latest changes. If you close now, they are lost.");
            if let SaveState::Failed(reason) = &self.model.save_state {
                ui.add(egui::Label::new(RichText::new(reason).weak()).wrap());
            }
            ui.horizontal(|ui| {
                if ui.button("Retry save").clicked() {
                    self.model.retry_save();
                    if !self.model.has_unsaved_changes() {
                        self.closing = Closing::Open;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
                if ui.button("Discard and close").clicked() {
                    self.closing = Closing::Discard;
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
                if ui.button("Keep open").clicked() {
                    self.closing = Closing::Open;
                }
            });
        });
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(job) = self.screenshot.clone() else { return };
        self.frames += 1;
        ctx.request_repaint();
        let done = job.result.lock().map(|r| r.is_some()).unwrap_or(true);
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames >= 10 && !self.screenshot_requested {
            self.screenshot_requested = true;
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                let result = super::save_png(&job.path, &image);
                if let Ok(mut slot) = job.result.lock() {
                    *slot = Some(result);
                }
                repaint.request_repaint();
            });
        }
    }
}

fn theme_name(theme: egui::ThemePreference) -> &'static str {
    match theme {
        egui::ThemePreference::System => "Follow system",
        egui::ThemePreference::Light => "Light",
        egui::ThemePreference::Dark => "Dark",
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.frames_drawn += 1;
        // The second frame starts once the first one has been painted and shown.
        if self.frames_drawn == 1 && self.startup_clock.is_some() {
            ctx.request_repaint();
        }
        if self.frames_drawn == 2
            && let Some(started) = self.startup_clock.take()
        {
            eprintln!("first frame painted {:.1} ms after start", started.elapsed().as_secs_f64() * 1000.0);
        }
        self.keyboard(&ctx);
        self.check_disk(&ctx);
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(2.0);
            self.top_bar_ui(ui);
        });
        egui::Panel::top("readiness-header").show(ui, |ui| {
            ui.add_space(4.0);
            header::header_ui(ui, &self.model);
            ui.add_space(4.0);
            self.banners_ui(ui);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        match self.prefs.view {
            View::Checklists => {
                egui::Panel::left("navigation").resizable(true).default_size(260.0).min_size(180.0).show(ui, |ui| {
                    ui.add_space(6.0);
                    nav::nav_ui(ui, &self.model, &mut self.checklists.filters.scope);
                });
                egui::CentralPanel::default().show(ui, |ui| self.checklists.ui(ui, &self.model, &mut self.commands));
            }
            View::Gaps => {
                egui::CentralPanel::default().show(ui, |ui| gaps_view::gaps_ui(ui, &self.model, &mut self.commands));
            }
            View::Progress => {
                egui::CentralPanel::default().show(ui, |ui| self.progress.ui(ui, &self.model));
            }
            View::Summary => {
                egui::CentralPanel::default().show(ui, |ui| self.summary.ui(ui, &self.model, &mut self.commands));
            }
        }
        self.apply_commands();
        if let Some(text) = self.clipboard.take() {
            ctx.copy_text(text);
        }
        self.close_ui(&ctx);
        self.screenshot_step(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            self.prefs.report = self.summary.prefs.clone();
            eframe::set_value(storage, PREFS_KEY, &self.prefs);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A note typed just before closing is saved too.
        self.checklists.flush_draft(&self.model, &mut self.commands);
        for command in std::mem::take(&mut self.commands) {
            if let Command::SetNote { .. } | Command::SetEvidence { .. } = command {
                self.commands.push(command);
            }
        }
        self.apply_commands();
    }
}
