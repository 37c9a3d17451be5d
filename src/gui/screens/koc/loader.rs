//! Reading the KOC screen's data. A small book is read in the frame; once chat history grows past
//! [`INLINE_MESSAGE_LIMIT`] messages the read moves to a worker thread (the candidates' chat
//! aggregation grows with the history), and the screen keeps showing what it had meanwhile.

use chrono::NaiveDate;

use super::KocData;
use crate::jobs::JobHandle;
use crate::store::{self, Store, koc_views};

/// Chat messages up to which the KOC screen is read in the frame (a few milliseconds).
pub const INLINE_MESSAGE_LIMIT: i64 = 200_000;

type LoadJob = JobHandle<store::Result<KocData>>;

/// When the KOC data must be read again, and the read under way.
pub struct KocLoader {
    job: Option<LoadJob>,
    stale: bool,
    inline_limit: i64,
    worker_reads: u32,
}

impl Default for KocLoader {
    fn default() -> Self {
        Self {
            job: None,
            stale: true,
            inline_limit: INLINE_MESSAGE_LIMIT,
            worker_reads: 0,
        }
    }
}

impl KocLoader {
    /// The data must be read again (after a write, or a new period).
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// Whether a read is running on the worker.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// How many reads ran on the worker (tests).
    pub fn worker_reads(&self) -> u32 {
        self.worker_reads
    }

    /// Moves every read to the worker above `messages` chat messages (tests use 0).
    pub fn set_inline_limit(&mut self, messages: i64) {
        self.inline_limit = messages;
    }

    /// Starts a read when one is due and returns a finished one. `missing`: the screen has no
    /// data at all (a failed read is retried).
    pub fn poll(
        &mut self,
        missing: bool,
        store: &Store,
        today: NaiveDate,
        period_days: i64,
    ) -> Option<store::Result<KocData>> {
        if let Some(job) = &self.job {
            let result = job.poll()?;
            self.job = None;
            return Some(result);
        }
        if !self.stale && !missing {
            return None;
        }
        self.stale = false;
        let messages = koc_views::chat_message_high_water(store.conn()).unwrap_or(i64::MAX);
        if messages > self.inline_limit {
            let path = store.path().to_path_buf();
            let spawned = JobHandle::spawn("qunzhu-koc", move |_| {
                let store = Store::open(&path)?;
                KocData::load(&store, today, period_days)
            });
            if let Ok(job) = spawned {
                self.job = Some(job);
                self.worker_reads += 1;
                return None;
            }
        }
        Some(KocData::load(store, today, period_days))
    }
}
