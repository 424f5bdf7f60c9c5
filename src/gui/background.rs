//! Work done on a thread of its own (a report being written, a file dialog that is open), so the window
//! goes on drawing meanwhile; the frame loop asks each frame whether the answer is there.

use std::sync::mpsc;

/// The answer of work running on its own thread.
pub struct Background<T> {
    answer: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread of its own; the caller polls for the answer.
    pub fn run(work: impl FnOnce() -> T + Send + 'static) -> Self {
        Self::spawn(work, None)
    }

    /// Starts `work` on a thread of its own and draws the window again once the answer is there, so no
    /// frame need poll for it meanwhile.
    pub fn run_then_repaint(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Self {
        Self::spawn(work, Some(ctx.clone()))
    }

    fn spawn(work: impl FnOnce() -> T + Send + 'static, repaint: Option<egui::Context>) -> Self {
        let (sender, answer) = mpsc::channel();
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then no one waits for the answer.
            sender.send(work()).ok();
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
        Background { answer }
    }

    /// `None` while the work goes on; then `Some(Some(answer))`, or `Some(None)` when the work stopped
    /// without one (it panicked).
    pub fn poll(&self) -> Option<Option<T>> {
        match self.answer.try_recv() {
            Ok(answer) => Some(Some(answer)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(None),
        }
    }
}
