//! A read too slow for a frame (it grows with the chat history, say) runs on a worker with its
//! own connection (WAL lets it read beside the window); the screen keeps what it had, or shows
//! that the figures are coming, meanwhile. A write that lands during the read marks it stale,
//! and the next poll reads again.

use std::path::Path;

use crate::jobs::JobHandle;
use crate::store::{self, Store, StoreError};

/// One cached value read on a worker.
pub struct BackgroundRead<T> {
    job: Option<JobHandle<store::Result<T>>>,
    stale: bool,
    value: Option<T>,
    reads: u32,
}

impl<T> Default for BackgroundRead<T> {
    fn default() -> Self {
        Self {
            job: None,
            stale: true,
            value: None,
            reads: 0,
        }
    }
}

impl<T: Send + 'static> BackgroundRead<T> {
    /// The value must be read again (after a write or an import); the old one stays on show
    /// until the new one arrives.
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// The last value read, if any.
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// Whether a read is running.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// How many reads were started (tests).
    pub fn reads(&self) -> u32 {
        self.reads
    }

    /// Takes a finished read and starts one when due (`read` runs on the worker over the data
    /// file at `db`). Returns the error of a read that failed, once; the old value is kept.
    /// While a read runs the window is redrawn now and then, so the result shows when it comes.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        db: &Path,
        read: impl FnOnce(&Store) -> store::Result<T> + Send + 'static,
    ) -> Option<StoreError> {
        let mut failed = None;
        if let Some(job) = &self.job {
            match job.poll() {
                None => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                    return None;
                }
                Some(Ok(value)) => self.value = Some(value),
                Some(Err(e)) => failed = Some(e),
            }
            self.job = None;
        }
        if self.stale {
            self.stale = false;
            let db = db.to_path_buf();
            match JobHandle::spawn("qunzhu-read", move |_| read(&Store::open(&db)?)) {
                Ok(job) => {
                    self.job = Some(job);
                    self.reads += 1;
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
                Err(e) => failed = Some(StoreError::Worker(e)),
            }
        }
        failed
    }
}
