//! Shared by the benches: the 200,000-customer demo database (made once, cached under
//! target/bench-data/ and reused while it checks out), the run mode, and percentiles.
//!
//! Under `cargo bench` (criterion passes `--bench`) the database holds 200,000 customers and
//! ~1,000,000 notes; under `cargo test --benches` a 2,000-customer one, so the benches stay
//! cheap to smoke-test. Delete target/bench-data/demo_*.db to force regeneration (e.g. after
//! `src/demo.rs` changes what it generates).
#![allow(dead_code)] // each bench uses a different subset
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qunzhu::demo::{DemoOptions, generate};
use qunzhu::store::Store;

/// Customers in the benchmark database.
pub const CUSTOMERS: usize = 200_000;
/// Customers when the bench binary runs as a test (`cargo test --benches`).
pub const TEST_MODE_CUSTOMERS: usize = 2_000;
/// The demo generator's average notes per customer (5 × 200k ≈ 1M notes).
pub const NOTES_PER_CUSTOMER: usize = 5;
pub const SEED: u64 = 1;

/// "Today" for the generated history: fixed, so the data is the same on every run and machine.
pub fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).expect("valid date")
}

/// Whether criterion is measuring (`cargo bench`), rather than smoke-testing (`cargo test --benches`).
pub fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// How many customers this run uses.
pub fn customers_for_mode() -> usize {
    if bench_mode() {
        CUSTOMERS
    } else {
        TEST_MODE_CUSTOMERS
    }
}

/// target/bench-data (honours CARGO_TARGET_DIR).
pub fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Whether `path` is a sound Qunzhu database of exactly `customers` customers.
fn reusable(path: &Path, customers: usize) -> bool {
    if !path.exists() {
        return false;
    }
    let started = Instant::now();
    let ok = match Store::open_existing(path).and_then(|s| s.check()) {
        Ok(report) => {
            let fine = report.is_ok() && report.customers == customers as i64;
            if !fine {
                println!("bench db: {} fails its check: {report:?}", path.display());
            }
            fine
        }
        Err(e) => {
            println!("bench db: {} cannot be opened: {e}", path.display());
            false
        }
    };
    println!(
        "bench db: Store::check of {} took {:.2} s: {}",
        path.display(),
        started.elapsed().as_secs_f64(),
        if ok { "reusing it" } else { "regenerating" }
    );
    ok
}

/// The demo database with `customers` customers (seed 1, 5 notes per customer on average, anchor
/// 2025-06-01): reused from target/bench-data/ if it passes `Store::check` with the right customer
/// count, else generated (into a temporary file, renamed when complete) and its time printed.
pub fn demo_db(customers: usize) -> PathBuf {
    let path = bench_dir().join(format!(
        "demo_{customers}_seed{SEED}_notes{NOTES_PER_CUSTOMER}.db"
    ));
    if reusable(&path, customers) {
        return path;
    }
    remove_db(&path);
    let partial = path.with_extension("db.partial");
    remove_db(&partial);
    let started = Instant::now();
    let summary = {
        let mut store = Store::open(&partial).unwrap();
        generate(
            &mut store,
            &DemoOptions {
                customers,
                seed: SEED,
                notes_per_customer: NOTES_PER_CUSTOMER,
                anchor: anchor(),
            },
        )
        .unwrap()
        // The store closes here: the WAL is checkpointed into the file before the rename.
    };
    std::fs::rename(&partial, &path).unwrap();
    let size_mib = std::fs::metadata(&path).unwrap().len() as f64 / 1_048_576.0;
    println!(
        "bench db: generated {} customers, {} notes, {} groups into {} ({size_mib:.0} MiB) in {:.1} s",
        summary.customers,
        summary.notes,
        summary.groups,
        path.display(),
        started.elapsed().as_secs_f64()
    );
    path
}

/// Mean, p50 and p95 of a set of timings.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub n: usize,
    pub mean: Duration,
    pub p50: Duration,
    pub p95: Duration,
    pub max: Duration,
}

impl Spread {
    /// Nearest-rank percentiles over `samples` (which must not be empty).
    pub fn of(samples: &[Duration]) -> Self {
        let mut sorted = samples.to_vec();
        sorted.sort();
        let n = sorted.len();
        let rank = |p: f64| sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        Self {
            n,
            mean: sorted.iter().sum::<Duration>() / n as u32,
            p50: rank(0.50),
            p95: rank(0.95),
            max: sorted[n - 1],
        }
    }

    /// One line: name, mean/p50/p95/max in ms, and the verdict against `target` (p95 below it).
    pub fn report(&self, name: &str, target: Option<Duration>) {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let verdict = match target {
            Some(t) if self.p95 < t => format!("  target p95 < {} ms: PASS", ms(t)),
            Some(t) => format!("  target p95 < {} ms: FAIL", ms(t)),
            None => String::new(),
        };
        println!(
            "{name:<44} n={:<4} mean {:>8.3} ms  p50 {:>8.3} ms  p95 {:>8.3} ms  max {:>8.3} ms{verdict}",
            self.n,
            ms(self.mean),
            ms(self.p50),
            ms(self.p95),
            ms(self.max),
        );
    }
}

/// This thread's time on a CPU and time spent runnable but waiting for one, from
/// /proc/thread-self/schedstat (Linux), to tell our own work from other processes' load.
pub fn sched_times() -> Option<(Duration, Duration)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().ok());
    let run = fields.next()??;
    let wait = fields.next()??;
    Some((Duration::from_nanos(run), Duration::from_nanos(wait)))
}

/// Measures how contended the CPU was while `work` ran: prints the share of wall time this thread
/// spent waiting for a CPU, and the load average.
pub fn with_contention_note<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let before = sched_times();
    let started = Instant::now();
    let value = work();
    let wall = started.elapsed();
    if let (Some((run0, wait0)), Some((run1, wait1))) = (before, sched_times()) {
        let pct = |d: Duration| 100.0 * d.as_secs_f64() / wall.as_secs_f64();
        println!(
            "contention during {what}: {:.1} s wall, on a CPU {:.0}%, runnable but waiting for a CPU {:.0}%; load average {}",
            wall.as_secs_f64(),
            pct(run1.saturating_sub(run0)),
            pct(wait1.saturating_sub(wait0)),
            std::fs::read_to_string("/proc/loadavg")
                .unwrap_or_default()
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    value
}

/// Times `runs` calls of `f` one by one.
pub fn time_runs(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect()
}
