//! `--screenshot FILE.png`: let the window settle, save a picture of it, close. And
//! `--print-startup-time`: how long after start the first frame was painted.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A screenshot to take: where to save it, and how it went.
#[derive(Debug, Default)]
pub struct ScreenshotJob {
    pub path: PathBuf,
    pub result: Mutex<Option<Result<(), String>>>,
}

/// Frames drawn before the picture is taken, so fonts, layout and plots have settled.
const SETTLE_FRAMES: u64 = 10;

/// Takes the screenshot of `job` once the window has settled, then closes the window.
#[derive(Debug)]
pub(super) struct Screenshot {
    job: Arc<ScreenshotJob>,
    frames: u64,
    requested: bool,
}

impl Screenshot {
    pub(super) fn new(job: Arc<ScreenshotJob>) -> Screenshot {
        Screenshot { job, frames: 0, requested: false }
    }

    /// Called once a frame; `settled` is false while work the window waits for goes on.
    pub(super) fn step(&mut self, ctx: &egui::Context, settled: bool) {
        self.frames += 1;
        ctx.request_repaint();
        let done = self.job.result.lock().map(|r| r.is_some()).unwrap_or(true);
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames >= SETTLE_FRAMES && settled && !self.requested {
            self.requested = true;
            let (job, repaint) = (self.job.clone(), ctx.clone());
            ctx.request_screenshot(move |image| {
                let result = save_png(&job.path, &image);
                if let Ok(mut slot) = job.result.lock() {
                    *slot = Some(result);
                }
                repaint.request_repaint();
            });
        }
    }
}

/// Saves an egui screenshot as PNG. A blank (single-colour) picture is an error: the window painted
/// nothing, and a picture of nothing must not pass for a screenshot.
fn save_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    if width == 0 || height == 0 || image.pixels.iter().all(|p| *p == image.pixels[0]) {
        return Err("the window painted nothing (the screenshot is blank); check the display and OpenGL".to_owned());
    }
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    image::save_buffer(path, &bytes, width as u32, height as u32, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("cannot save screenshot {}: {e}", path.display()))
}

/// Prints how long after the process started the first frame was painted.
#[derive(Debug)]
pub(super) struct StartupClock {
    started: Option<std::time::Instant>,
    frames: u64,
}

impl StartupClock {
    pub(super) fn new(started: Option<std::time::Instant>) -> StartupClock {
        StartupClock { started, frames: 0 }
    }

    /// Called once a frame: the second frame starts once the first one has been painted and shown.
    pub(super) fn step(&mut self, ctx: &egui::Context) {
        if self.started.is_none() {
            return;
        }
        self.frames += 1;
        if self.frames == 1 {
            ctx.request_repaint();
        } else if let Some(started) = self.started.take() {
            eprintln!("first frame painted {:.1} ms after start", started.elapsed().as_secs_f64() * 1000.0);
        }
    }
}
