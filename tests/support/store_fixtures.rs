//! Helpers shared by the store_*.rs test crates: temporary databases, customers and local stamps.
//! Included with `#[path = "support/store_fixtures.rs"] mod store_fixtures;` so these crates do not
//! pull in the kittest harness of `support/ui.rs`.
#![allow(dead_code)] // each store_*.rs crate uses a different subset
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use qunzhu::domain::customer::Customer;
use qunzhu::domain::time::{Stamp, day_start_unix, local_offset_min};
use qunzhu::store::{Store, StoreError};
use tempfile::TempDir;

/// A fresh file-backed store in its own temporary folder (kept alive by the returned `TempDir`).
pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("qunzhu.db")).unwrap();
    (dir, store)
}

/// The error `Store::open` gives for `path` (`Store` has no `Debug`, so `unwrap_err` is out).
pub fn open_error(path: &Path) -> StoreError {
    match Store::open(path) {
        Ok(_) => panic!("{} opened, expected an error", path.display()),
        Err(e) => e,
    }
}

/// The error `Store::open_existing` gives for `path`.
pub fn open_existing_error(path: &Path) -> StoreError {
    match Store::open_existing(path) {
        Ok(_) => panic!("{} opened, expected an error", path.display()),
        Err(e) => e,
    }
}

/// A customer with just a name and a remark.
pub fn named(name: &str, remark: &str) -> Customer {
    Customer {
        name: name.into(),
        remark: remark.into(),
        ..Customer::default()
    }
}

/// `YYYY-MM-DD`.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `seconds` after local midnight of the day, in the machine's current zone (the zone the store's
/// date filters use).
pub fn local_stamp(date: NaiveDate, seconds: i64) -> Stamp {
    let offset_min = local_offset_min();
    Stamp {
        unix_s: day_start_unix(date, offset_min) + seconds,
        offset_min,
    }
}

/// The file and its SQLite siblings (`-wal`, `-shm`, `-journal`).
pub fn siblings(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [with("-wal"), with("-shm"), with("-journal")]
}

/// The bytes of a file, or `None` when it does not exist.
pub fn bytes(path: &Path) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("reading {}: {e}", path.display()),
    }
}

/// A small PNG: the signature, an IHDR chunk for a 1×1 image, and some padding, as a stand-in
/// for "a file that is not a database".
pub fn png_bytes() -> Vec<u8> {
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend_from_slice(&[0, 0, 0, 13]);
    png.extend_from_slice(b"IHDR");
    png.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    png.extend_from_slice(&[0x1F, 0x15, 0xC4, 0x89]);
    png.extend((0..2048u32).map(|i| (i * 31 % 251) as u8));
    png
}

/// Imports the chat export at `path` into the group named `group` (created when new), in
/// Beijing time, as the import screen would.
pub fn import_chat(
    store: &mut Store,
    path: &Path,
    group: &str,
) -> qunzhu::jobs::contact_import::ImportReport {
    let request = qunzhu::jobs::health_import::HealthImportRequest {
        path: path.to_path_buf(),
        sheet: None,
        encoding: None,
        chat_target: Some(qunzhu::store::health_import::ChatTarget::Named(
            group.into(),
        )),
        tz: qunzhu::import::CHINA_STANDARD_TIME,
        stat_columns: None,
        chat_columns: None,
    };
    qunzhu::jobs::health_import::run(store, &request, &qunzhu::jobs::Reporter::silent()).unwrap()
}

/// The id of the group named `name` (tests that imported a chat into it).
pub fn group_named(store: &Store, name: &str) -> i64 {
    store
        .conn()
        .query_row("SELECT id FROM groups WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}
