//! The window's today and now: the system clock, or one fixed instant that the image snapshot
//! tests pin so that every screen (calendar weeks, due tasks, "last 30 days") looks the same on
//! whatever day the tests run.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};

static PINNED: OnceLock<NaiveDateTime> = OnceLock::new();

/// Fixes the clock at `at` for the rest of the process (the first pin wins).
pub fn pin(at: NaiveDateTime) {
    let _ = PINNED.set(at);
}

/// The local date and time.
pub fn now() -> NaiveDateTime {
    PINNED
        .get()
        .copied()
        .unwrap_or_else(|| chrono::Local::now().naive_local())
}

/// The local date.
pub fn today() -> NaiveDate {
    now().date()
}
