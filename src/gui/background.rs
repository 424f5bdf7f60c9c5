//! Work done on a thread of its own (a report being written, a file dialog that is open, the Summary's
//! pages, a project folder's scan), so the window goes on drawing meanwhile. The answer wakes the
//! window, and the frame loop takes it. Threads are named (a panic message names its work); a thread
//! the system refuses is an error the person is told about, and a panic in the work is an answer too:
//! the window wakes and says what stopped, instead of waiting for ever.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The answer of work running on its own thread.
pub struct Background<T> {
    answer: mpsc::Receiver<Result<T, String>>,
    thread: Option<JoinHandle<()>>,
}

/// Draws the window again when dropped: after the answer is sent, and even if sending it panicked.
struct Wake(egui::Context);

impl Drop for Wake {
    fn drop(&mut self) {
        self.0.request_repaint();
    }
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread named `skillgap-{name}` and draws the window `ctx` again once the answer
    /// is there, so no frame need wait or poll for it meanwhile. Fails when the system refuses a thread.
    pub fn run(ctx: &egui::Context, name: &str, work: impl FnOnce() -> T + Send + 'static) -> Result<Self, String> {
        let (sender, answer) = mpsc::channel();
        let wake = Wake(ctx.clone());
        let thread = std::thread::Builder::new()
            .name(format!("skillgap-{name}"))
            .spawn(move || {
                let _wake = wake;
                let result = catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
                    let message = payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "no message".to_owned());
                    format!("it stopped on an internal error ({message}); please report it")
                });
                // The window may have closed meanwhile; then no one waits for the answer.
                sender.send(result).ok();
            })
            .map_err(|err| {
                format!("the system refused a thread for the {name} ({err}); close other programs and retry")
            })?;
        Ok(Background { answer, thread: Some(thread) })
    }
}

impl<T> Background<T> {
    /// `None` while the work goes on; then its answer, or why there is none (it stopped on a panic).
    pub fn poll(&self) -> Option<Result<T, String>> {
        match self.answer.try_recv() {
            Ok(answer) => Some(answer),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err("its work stopped without an answer".to_owned())),
        }
    }

    /// Waits up to `most` for the answer (the window is closing and a report is being written).
    pub fn wait(mut self, most: Duration) -> Option<Result<T, String>> {
        let answer = self.answer.recv_timeout(most).ok()?;
        // The thread has sent its answer; it ends at once.
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
        Some(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code review 5.4: a panic in the work left the window waiting (nothing woke it) and said only that
    /// "its work stopped". Now the panic is the answer, with its message, and the window is woken.
    #[test]
    fn a_panic_in_the_work_is_an_answer_that_says_why_and_wakes_the_window() {
        let ctx = egui::Context::default();
        let woken = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = woken.clone();
        ctx.set_request_repaint_callback(move |_| flag.store(true, std::sync::atomic::Ordering::SeqCst));
        let job = Background::<u32>::run(&ctx, "test", || panic!("the disk caught fire")).unwrap();
        let answer = job.wait(Duration::from_secs(10)).unwrap();
        let message = answer.unwrap_err();
        assert!(message.contains("the disk caught fire"), "{message}");
        assert!(woken.load(std::sync::atomic::Ordering::SeqCst), "the window was woken");
    }

    /// Threads are named after their work, so a panic message or a debugger says which one it was.
    #[test]
    fn the_work_runs_on_a_thread_named_after_it() {
        let ctx = egui::Context::default();
        let job = Background::run(&ctx, "report", || std::thread::current().name().map(str::to_owned)).unwrap();
        assert_eq!(job.wait(Duration::from_secs(10)).unwrap().unwrap().as_deref(), Some("skillgap-report"));
    }
}
