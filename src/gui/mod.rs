//! The window: an eframe app over the same core the CLI uses. `app.rs` holds the `eframe::App`;
//! each view has its own file; views emit [`command::Command`]s that the app applies after the frame.

pub mod app;
mod checklist_view;
pub mod command;
mod gaps_view;
mod header;
pub mod model;
mod nav;
mod progress_view;
mod summary_view;
mod widgets;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use app::{App, ScreenshotJob, StartOptions};
pub use checklist_view::{DRAFT_SAVE_DELAY, Filters, Scope};
pub use command::View;
pub use model::{Access, Model, SaveState};

use crate::catalog::{self, FileProblem};
use crate::cli::{GlobalArgs, ViewArg, WindowArgs};
use crate::paths;
use crate::store::Store;
use crate::tracker::Tracker;

/// Loads the catalog and the progress for the window. An unreadable progress file opens read-only.
pub fn open_model(data_dir: &Path, checklist_dirs: &[PathBuf]) -> (Model, Vec<FileProblem>) {
    let cache = crate::store::parse_cache(data_dir);
    let (catalog, problems) = catalog::load_catalog_cached(checklist_dirs, &cache, catalog::Detail::Full);
    let store = Store::new(data_dir);
    let model = match Tracker::open(catalog.clone(), store) {
        Ok(tracker) => Model::new(tracker, Access::ReadWrite),
        Err(err) => {
            Model::new(Tracker::unreadable(catalog, Store::new(data_dir)), Access::ReadOnly { reason: err.to_string() })
        }
    };
    (model, problems)
}

/// Saves an egui screenshot as PNG. A blank (single-colour) picture is an error: the window painted
/// nothing, and a picture of nothing must not pass for a screenshot.
pub fn save_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    if width == 0 || height == 0 || image.pixels.iter().all(|p| *p == image.pixels[0]) {
        return Err("the window painted nothing (the screenshot is blank); check the display and OpenGL".to_owned());
    }
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    image::save_buffer(path, &bytes, width as u32, height as u32, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("cannot save screenshot {}: {e}", path.display()))
}

fn view_of(arg: ViewArg) -> View {
    match arg {
        ViewArg::Checklists => View::Checklists,
        ViewArg::Gaps => View::Gaps,
        ViewArg::Progress => View::Progress,
        ViewArg::Summary => View::Summary,
    }
}

/// Opens the window and runs it until it closes.
/// `started` is when the process started, for `--print-startup-time`.
pub fn run(global: &GlobalArgs, window: &WindowArgs, started: std::time::Instant) -> anyhow::Result<()> {
    let data_dir = paths::data_dir(global.data_dir.clone())?;
    let (model, problems) = open_model(&data_dir, &paths::checklist_dirs(&global.checklists));
    let screenshot = window
        .screenshot
        .as_ref()
        .map(|path| Arc::new(ScreenshotJob { path: path.clone(), result: Default::default() }));
    let (width, height) = window.size.unwrap_or((1280.0, 800.0));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("skillgap")
            .with_app_id("skillgap")
            .with_inner_size([width, height])
            .with_min_inner_size([760.0, 480.0]),
        // A screenshot shows a fresh window of the requested size, not the remembered one.
        persist_window: screenshot.is_none() && window.size.is_none(),
        ..Default::default()
    };
    let start = StartOptions {
        view: window.view.map(view_of),
        screenshot: screenshot.clone(),
        load_problems: problems.iter().map(ToString::to_string).collect(),
        startup_clock: window.print_startup_time.then_some(started),
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
