//! Crash safety of imports: `qunzhu import` runs in a child process and is killed with SIGKILL at
//! deterministic, varied moments — before it starts writing, in the middle of its one
//! transaction, and after it has committed. After every kill `qunzhu check` passes and the batch
//! is wholly present or wholly absent: every table holds exactly what a fresh database holds, or
//! exactly what a complete import of the file writes (the batch row, its customers, tags, staff,
//! search index and change log), never a part of it.
//!
//! Each iteration imports the same generated CSV (a few thousand rows with duplicates and tags)
//! into its own database, created and migrated before the kill loop, so what is tested is a kill
//! during the import, not during a migration. Kill delays are drawn by a small PRNG seeded with
//! the iteration number, spread from a few milliseconds to well past the time a full import takes
//! (measured once first), so most kills land inside the write.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

/// How many times the import is killed.
const ITERATIONS: u64 = 24;
/// Rows in the generated CSV (every tenth repeats an earlier customer).
const ROWS: usize = 3_000;
/// The earliest kill.
const MIN_DELAY: Duration = Duration::from_millis(3);
/// The latest kill, as a multiple of a full import's measured time: about half the kills land
/// before the import ends, half after, with room for a machine that slows down mid-test.
const MAX_DELAY_FACTOR: f64 = 2.0;
/// Full imports timed before the kills; their median sets the delays.
const CALIBRATION_RUNS: usize = 3;

fn qunzhu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qunzhu"))
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A WeCom-style customer list: duplicates (same external id and phone, other remark and tags),
/// multi-tag cells with Chinese and ASCII separators, quoted cells.
fn write_csv(path: &Path) {
    const SURNAMES: [&str; 8] = ["张", "李", "王", "赵", "陈", "刘", "周", "吴"];
    const GIVEN: [&str; 8] = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊"];
    const STAFF: [&str; 4] = ["林晓雯", "王浩然", "陈思", "刘一"];
    const TAGS: [&str; 7] = ["VIP", "普洱", "老客", "红茶", "复购", "上海", "团购"];
    let mut text =
        String::from("客户名称,客户备注,描述,性别,添加人,添加时间,企业标签,手机,external_userid\n");
    for i in 0..ROWS {
        // Every tenth row repeats an earlier customer, with a different remark and tags.
        let id = if i % 10 == 9 { i / 3 } else { i };
        let name = format!("{}{}{}", SURNAMES[id % 8], GIVEN[(id / 8) % 8], id % 97);
        let tags: Vec<&str> = (0..(i % 4)).map(|k| TAGS[(i + 3 * k) % 7]).collect();
        let tags = if i % 5 == 0 {
            format!("\"{}\"", tags.join(","))
        } else {
            tags.join("、")
        };
        let gender = ["男", "女", ""][i % 3];
        writeln!(
            text,
            "{name},备注{i},\"第{i}行, 喜欢{}\",{gender},{},2024/3/{} 14:{:02},{tags},138{:08},wm_{id:05}",
            TAGS[i % 7],
            STAFF[i % 4],
            1 + i % 28,
            i % 60,
            10_000_000 + id,
        )
        .unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// Creates and migrates a database at `db` (in its own folder: backups go beside it).
fn fresh_db(db: &Path) {
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    drop(qunzhu::store::Store::open(db).unwrap());
}

/// Row counts of every ordinary table (FTS shadow tables included, virtual tables left out).
fn table_counts(db: &Path) -> BTreeMap<String, i64> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                    r.get(0)
                })
                .unwrap();
            (name, n)
        })
        .collect()
}

/// The one batch's `created` and its 'created' customer change rows, if there is a batch.
fn batch_state(db: &Path) -> Option<(i64, i64, i64)> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let batches: i64 = conn
        .query_row("SELECT count(*) FROM import_batches", [], |r| r.get(0))
        .unwrap();
    assert!(batches <= 1, "{batches} batches after one import");
    if batches == 0 {
        return None;
    }
    let (id, created, rows): (i64, i64, i64) = conn
        .query_row("SELECT id, created, rows FROM import_batches", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    let changes: i64 = conn
        .query_row(
            "SELECT count(*) FROM import_batch_changes
             WHERE batch_id = ?1 AND entity = 'customer' AND action = 'created'",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    Some((created, changes, rows))
}

/// `qunzhu check --db DB` must exit 0.
fn assert_check_passes(db: &Path, context: &str) {
    let out = qunzhu()
        .args(["check", "--db", path_str(db)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{context}: qunzhu check failed ({:?})\n{}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Completed automatic backups beside `db` (the import takes one before it writes).
fn backups(db: &Path) -> usize {
    std::fs::read_dir(db.parent().unwrap().join("backups"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "db"))
                .count()
        })
        .unwrap_or(0)
}

fn import_command(csv: &Path, db: &Path) -> Command {
    let mut command = qunzhu();
    command.args([
        "import",
        path_str(csv),
        "--db",
        path_str(db),
        "--tz",
        "+08:00",
    ]);
    command
}

/// Runs a whole import; returns how long it took.
fn timed_import(csv: &Path, db: &Path) -> Duration {
    let start = Instant::now();
    let out = import_command(csv, db).output().unwrap();
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "import of {} failed: {}{}",
        csv.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

/// splitmix64: a tiny deterministic PRNG, one per iteration.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Iteration `i`'s kill delay: a PRNG draw inside the i-th of `ITERATIONS` equal slices of
/// `[MIN_DELAY, max]`, so the delays cover the whole range whatever the draws.
fn kill_delay(i: u64, max: Duration) -> Duration {
    let mut state = 0x5eed_0000 + i;
    let unit = (splitmix64(&mut state) >> 11) as f64 / (1u64 << 53) as f64;
    let position = (i as f64 + unit) / ITERATIONS as f64;
    MIN_DELAY + (max.saturating_sub(MIN_DELAY)).mul_f64(position)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Killed before the import began writing (starting, detecting, backing up): nothing written.
    Before,
    /// Killed inside the write (after the pre-import backup, before the commit): rolled back.
    During,
    /// Killed after the commit, before the process ended: the whole batch is there.
    AfterCommit,
    /// The import had finished before the kill came.
    Completed,
}

#[test]
fn an_import_killed_at_any_moment_leaves_its_batch_wholly_present_or_wholly_absent() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("customers.csv");
    write_csv(&csv);

    // Every database the test uses, created and migrated before anything is killed.
    let db_of = |name: &str| dir.path().join(name).join("qunzhu.db");
    let tiny_csv = dir.path().join("tiny.csv");
    std::fs::write(
        &tiny_csv,
        "客户名称,手机,external_userid\n张三,13800123456,wm_tiny\n",
    )
    .unwrap();
    let mut names = vec!["empty".to_string(), "tiny".to_string()];
    names.extend((0..CALIBRATION_RUNS).map(|i| format!("full{i}")));
    names.extend((0..ITERATIONS).map(|i| format!("kill{i:02}")));
    for name in &names {
        fresh_db(&db_of(name));
    }
    let empty_counts = table_counts(&db_of("empty"));
    assert_eq!(empty_counts.get("customers"), Some(&0));

    // Calibration: what a complete import writes and how long it takes; how long the fixed part
    // (start, open, detect, back up, commit) takes, from a one-row file.
    let setup = timed_import(&tiny_csv, &db_of("tiny"));
    let mut timings: Vec<Duration> = (0..CALIBRATION_RUNS)
        .map(|i| timed_import(&csv, &db_of(&format!("full{i}"))))
        .collect();
    timings.sort();
    let full = timings[CALIBRATION_RUNS / 2];
    let full_counts = table_counts(&db_of("full0"));
    for i in 1..CALIBRATION_RUNS {
        assert_eq!(table_counts(&db_of(&format!("full{i}"))), full_counts);
    }
    let (full_created, full_changes, full_rows) =
        batch_state(&db_of("full0")).expect("the calibration import made a batch");
    assert_eq!(full_rows, ROWS as i64);
    assert_eq!(full_created, full_counts["customers"]);
    assert_eq!(full_created, full_changes);
    assert!(
        full_created < ROWS as i64 && full_created > ROWS as i64 / 2,
        "duplicates merged: {full_created} customers from {ROWS} rows"
    );
    let import_backs_up = backups(&db_of("full0")) > 0;
    let max_delay = full.mul_f64(MAX_DELAY_FACTOR);
    eprintln!(
        "crash_import: {ROWS} rows -> {full_created} customers; full import {full:?} \
         (median of {timings:?}), one-row import {setup:?}; kills from {MIN_DELAY:?} to \
         {max_delay:?}"
    );

    let mut tally: BTreeMap<Outcome, usize> = BTreeMap::new();
    for i in 0..ITERATIONS {
        let db = db_of(&format!("kill{i:02}"));
        let delay = kill_delay(i, max_delay);
        let backups_before = backups(&db);
        let mut child = import_command(&csv, &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap();
        let running_at_kill = finished.is_none();
        if running_at_kill {
            child.kill().unwrap(); // SIGKILL on Unix
        }
        let status = child.wait().unwrap();
        let context = format!("iteration {i} (kill after {delay:?})");
        if !running_at_kill {
            assert!(status.success(), "{context}: import failed: {status:?}");
        }
        let past_setup = if import_backs_up {
            backups(&db) > backups_before
        } else {
            delay >= setup
        };

        assert_check_passes(&db, &context);
        let counts = table_counts(&db);
        let outcome = match batch_state(&db) {
            None => {
                assert!(running_at_kill, "{context}: finished but left no batch");
                assert_eq!(counts, empty_counts, "{context}: a partial batch is left");
                if past_setup {
                    Outcome::During
                } else {
                    Outcome::Before
                }
            }
            Some((created, changes, rows)) => {
                assert_eq!(
                    created, counts["customers"],
                    "{context}: batch vs customers"
                );
                assert_eq!(created, changes, "{context}: batch vs change log");
                assert_eq!(rows, ROWS as i64, "{context}: batch rows");
                assert_eq!(counts, full_counts, "{context}: not the whole batch");
                if running_at_kill {
                    Outcome::AfterCommit
                } else {
                    Outcome::Completed
                }
            }
        };
        eprintln!("crash_import: iteration {i:2}: kill after {delay:>12?}: {outcome:?}");
        *tally.entry(outcome).or_default() += 1;
    }

    let count = |o: Outcome| tally.get(&o).copied().unwrap_or(0);
    eprintln!(
        "crash_import: {ITERATIONS} kills: {} before the write, {} during it (rolled back), \
         {} after the commit, {} after the import had finished",
        count(Outcome::Before),
        count(Outcome::During),
        count(Outcome::AfterCommit),
        count(Outcome::Completed),
    );
    assert!(
        count(Outcome::During) >= 3,
        "too few kills landed inside the write: {tally:?}"
    );
    assert!(
        count(Outcome::AfterCommit) + count(Outcome::Completed) >= 1,
        "no import completed: {tally:?}"
    );
}
