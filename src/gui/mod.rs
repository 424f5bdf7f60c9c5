//! The window: an eframe app over the same core the CLI uses. `app/` holds the `eframe::App`;
//! each view has its own file; views emit `command::Command`s that the app applies after the frame.

mod app;
mod background;
mod checklist_view;
mod command;
pub mod file_chooser;
mod gaps_view;
mod header;
mod help;
mod item_detail;
mod item_list;
mod model;
mod nav;
mod paper_preview;
mod progress;
mod project_items;
mod projects_view;
mod review_view;
mod save_status;
mod scan_proposals;
mod summary_source;
mod summary_view;
mod targets_table;
pub mod theme;
mod welcome;
mod widgets;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::{App, ScreenshotJob, StartOptions};
pub use command::View;
pub use model::{Access, Model};

use crate::paths::Locations;
use crate::settings::{UnknownTarget, find_target};
use crate::workspace;

/// The window's preferences (view, size, report choices), in the config folder.
const PREFS_FILE: &str = "window.ron";

/// How the window starts, from the command line.
#[derive(Debug, Clone, Default)]
pub struct WindowOptions {
    /// Open the window, let it settle, save a PNG of it here and exit.
    pub screenshot: Option<PathBuf>,
    /// The view to show first, instead of the remembered one.
    pub view: Option<View>,
    /// Window size in points; the remembered size when `None`.
    pub size: Option<(f32, f32)>,
    /// When the process started, to print how long the first frame took (`--print-startup-time`).
    pub startup_clock: Option<std::time::Instant>,
    /// `--target ID`: score for this target in this window, instead of the remembered one.
    pub target: Option<String>,
    /// `--theme light|dark`: this theme instead of the remembered one (or the system's).
    pub theme: Option<egui::Theme>,
}

/// The window's model over the data folder and checklists, for `target` (else the remembered target),
/// and the problems to show once: skipped files, a damaged settings file, a remembered target that is no
/// longer loaded. An unreadable progress file opens read-only. An unknown `target` is an error, as it is
/// for every command.
pub fn open_model(locations: &Locations, target: Option<&str>) -> Result<(Model, Vec<String>), UnknownTarget> {
    let workspace = workspace::open(locations);
    let mut problems: Vec<String> = workspace.skipped.iter().map(ToString::to_string).collect();
    problems.extend(workspace.settings_error.clone());
    problems.extend(workspace.journal_warnings.iter().cloned());
    let catalog = workspace.tracker.catalog();
    let target = match target {
        Some(id) => find_target(catalog, id)?.id.clone(),
        None => {
            let (target, unknown) = workspace.settings.active_target(catalog);
            if let Some(unknown) = unknown {
                problems.push(format!(
                    "The remembered target {:?} is not loaded (was its file removed?); showing {}. Choose a \
target in the header.",
                    unknown.id, target.title
                ));
            }
            target.id.clone()
        }
    };
    let access = match workspace.unreadable {
        Some(err) => {
            let store = workspace.tracker.store();
            let others_journal = store.damaged_is_others();
            Access::ReadOnly { reason: err.problem(), backup: store.newest_readable_backup(), others_journal }
        }
        None => Access::ReadWrite,
    };
    let model = Model::new(workspace.tracker, access, &target).watch_checklists(locations.checklist_dirs.clone());
    Ok((model, problems))
}

/// Opens the window and runs it until it closes.
pub fn run(locations: &Locations, window: WindowOptions) -> anyhow::Result<()> {
    let (model, problems) = open_model(locations, window.target.as_deref())?;
    let screenshot = window
        .screenshot
        .as_ref()
        .map(|path| Arc::new(ScreenshotJob { path: path.clone(), result: Default::default() }));
    let (width, height) = window.size.unwrap_or((1280.0, 800.0));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("skillgap")
            .with_app_id("skillgap")
            .with_icon(window_icon())
            .with_inner_size([width, height])
            .with_min_inner_size([760.0, 480.0]),
        // A screenshot or a --size window leaves the remembered size alone. eframe restores the
        // remembered size all the same, so the app asks for the --size one on its first frame.
        persist_window: screenshot.is_none() && window.size.is_none(),
        // UI preferences live in the config folder; the data folder holds progress only.
        persistence_path: locations.config_dir.as_ref().map(|dir| dir.join(PREFS_FILE)),
        ..Default::default()
    };
    let start = StartOptions {
        config_dir: locations.config_dir.clone(),
        theme: window.theme,
        view: window.view,
        size: window.size.map(|(width, height)| egui::vec2(width, height)),
        screenshot: screenshot.clone(),
        load_problems: problems,
        startup_clock: window.startup_clock,
        // A screenshot shows the app itself (the README's pictures), not the first-run welcome over it.
        offer_welcome: screenshot.is_none(),
    };
    eframe::run_native("skillgap", options, Box::new(move |cc| Ok(Box::new(App::new(cc, model, start))))).map_err(
        |err| {
            anyhow::anyhow!("cannot open the window: {err}. On Linux it needs a display (X11 or Wayland) and OpenGL.")
        },
    )?;
    if let Some(job) = screenshot {
        let result = job.result.lock().map_err(|_| anyhow::anyhow!("screenshot state poisoned"))?.take();
        match result {
            Some(Ok(())) => eprintln!("Saved screenshot {}", job.path.display()),
            Some(Err(err)) => anyhow::bail!(err),
            None => anyhow::bail!("the window closed before the screenshot was taken"),
        }
    }
    Ok(())
}

/// The window's icon, the same picture the desktop entry installs (`skillgap install-desktop`).
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/desktop/skillgap.png")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_256_pixel_picture() {
        let icon = super::window_icon();
        assert_eq!((icon.width, icon.height, icon.rgba.len()), (256, 256, 256 * 256 * 4));
    }
}
