//! Work done on a thread of its own (a report being written, a file dialog that is open), so the window
//! goes on drawing meanwhile; the frame loop asks each frame whether the answer is there.

use std::sync::mpsc;

/// The answer of work running on its own thread.
pub struct Background<T> {
    answer: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread of its own.
    pub fn run(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, answer) = mpsc::channel();
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then no one waits for the answer.
            sender.send(work()).ok();
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
