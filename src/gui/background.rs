//! Work done on a thread of its own (a report being written, a file dialog that is open, the Summary's
//! pages, a project folder's scan), so the window goes on drawing meanwhile; the answer wakes the window,
//! and the frame loop takes it.

use std::sync::mpsc;

/// The answer of work running on its own thread.
pub struct Background<T> {
    answer: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread of its own and draws the window `ctx` again once the answer is there,
    /// so no frame need wait or poll for it meanwhile.
    pub fn run(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, answer) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then no one waits for the answer.
            sender.send(work()).ok();
            ctx.request_repaint();
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
