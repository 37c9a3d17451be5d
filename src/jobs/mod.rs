//! Long work on named worker threads: imports and derivations. A job reports progress and its
//! result over a channel; the UI thread polls, draws a progress bar, and can ask it to cancel.
//! A job opens its own database connection (WAL lets the UI keep reading meanwhile).

pub mod contact_import;
pub mod health_import;
pub mod mapping_memory;
pub mod purchase_import;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

/// How far a job is.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Units done (rows, or bytes where rows are unknown ahead).
    pub done: u64,
    /// Units in all, when known.
    pub total: Option<u64>,
    /// Rows handled so far (for the rows-per-second read-out).
    pub rows: u64,
}

impl Progress {
    /// 0.0–1.0 when the total is known.
    pub fn fraction(&self) -> Option<f32> {
        self.total
            .filter(|t| *t > 0)
            .map(|t| (self.done as f32 / t as f32).clamp(0.0, 1.0))
    }
}

/// The worker's side: report progress, notice cancellation.
#[derive(Clone)]
pub struct Reporter {
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    rows: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
}

/// `total` value meaning "unknown".
const UNKNOWN: u64 = u64::MAX;

impl Reporter {
    /// A reporter nobody listens to (the command line, tests).
    pub fn silent() -> Self {
        Self {
            done: Arc::new(AtomicU64::new(0)),
            total: Arc::new(AtomicU64::new(UNKNOWN)),
            rows: Arc::new(AtomicU64::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Records progress; cheap enough to call per row.
    pub fn progress(&self, done: u64, total: Option<u64>, rows: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total
            .store(total.unwrap_or(UNKNOWN), Ordering::Relaxed);
        self.rows.store(rows, Ordering::Relaxed);
    }

    /// Whether the user asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Asks the job to stop (it rolls back).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The progress as last reported.
    pub fn snapshot(&self) -> Progress {
        let total = self.total.load(Ordering::Relaxed);
        Progress {
            done: self.done.load(Ordering::Relaxed),
            total: (total != UNKNOWN).then_some(total),
            rows: self.rows.load(Ordering::Relaxed),
        }
    }
}

/// The UI's side of a running job.
pub struct JobHandle<T> {
    reporter: Reporter,
    result: Receiver<T>,
    started: Instant,
}

impl<T: Send + 'static> JobHandle<T> {
    /// Runs `work` on a new thread called `name`.
    pub fn spawn(
        name: &str,
        work: impl FnOnce(&Reporter) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let reporter = Reporter::silent();
        let (tx, rx): (Sender<T>, Receiver<T>) = channel();
        let worker_reporter = reporter.clone();
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let result = work(&worker_reporter);
                // The receiver may be gone (window closed): nothing left to tell.
                let _ = tx.send(result);
            })?;
        Ok(Self {
            reporter,
            result: rx,
            started: Instant::now(),
        })
    }

    /// The result, once the job has finished.
    pub fn poll(&self) -> Option<T> {
        self.result.try_recv().ok()
    }

    /// Asks the job to stop.
    pub fn cancel(&self) {
        self.reporter.cancel();
    }

    /// Whether cancel was asked.
    pub fn is_cancelling(&self) -> bool {
        self.reporter.is_cancelled()
    }

    /// The progress so far.
    pub fn progress(&self) -> Progress {
        self.reporter.snapshot()
    }

    /// Rows handled per second since the start.
    pub fn rows_per_second(&self) -> f64 {
        let seconds = self.started.elapsed().as_secs_f64();
        if seconds <= 0.0 {
            0.0
        } else {
            self.progress().rows as f64 / seconds
        }
    }

    /// Blocks until the job ends (tests and the command line).
    pub fn wait(self) -> Option<T> {
        self.result.recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_its_result() {
        let job = JobHandle::spawn("test-job", |r: &Reporter| {
            r.progress(5, Some(10), 5);
            42
        })
        .unwrap();
        assert_eq!(job.wait(), Some(42));
    }

    #[test]
    fn cancel_reaches_the_worker() {
        let (go_tx, go_rx) = channel::<()>();
        let job = JobHandle::spawn("cancel-job", move |r: &Reporter| {
            let _ = go_rx.recv();
            r.is_cancelled()
        })
        .unwrap();
        job.cancel();
        assert!(job.is_cancelling());
        go_tx.send(()).unwrap();
        assert_eq!(job.wait(), Some(true));
    }

    #[test]
    fn fraction_needs_a_total() {
        let p = Progress {
            done: 5,
            total: Some(10),
            rows: 5,
        };
        assert_eq!(p.fraction(), Some(0.5));
        assert_eq!(Progress { total: None, ..p }.fraction(), None);
    }
}
