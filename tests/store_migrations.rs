//! Opening and migrating database files: versions, PRAGMAs, idempotence, and the files Qunzhu must
//! refuse without touching (a newer schema, something that is not a database).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/store_fixtures.rs"]
mod store_fixtures;

use std::path::Path;

use qunzhu::store::{SCHEMA_VERSION, Store, StoreError, customers};
use rusqlite::Connection;
use store_fixtures::{bytes, named, open_error, open_existing_error, png_bytes, siblings};

const FIRST_MIGRATION: &str = include_str!("../src/store/migrations/0001_init.sql");

/// Every table the first migration creates, read from its SQL.
fn tables_of_first_migration() -> Vec<String> {
    let names: Vec<String> = FIRST_MIGRATION
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            line.strip_prefix("CREATE TABLE ")
                .or_else(|| line.strip_prefix("CREATE VIRTUAL TABLE "))
        })
        .map(|rest| {
            rest.split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(names.len() >= 20, "parsed only {names:?}");
    names
}

fn pragma_i64(store: &Store, name: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

fn table_count(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// A database that claims to come from a newer Qunzhu, written by plain SQLite.
fn write_newer_database(conn: &Connection) {
    conn.execute_batch(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
         INSERT INTO customers (name) VALUES ('王小明'), ('李四');",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
}

fn assert_newer_schema(error: StoreError, path: &Path) {
    match error {
        StoreError::NewerSchema {
            path: reported,
            found,
            supported,
        } => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
            assert_eq!(reported, path);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

/// The database file and its `-wal`, byte for byte (`None` where a file does not exist).
#[derive(PartialEq)]
struct Files(Option<Vec<u8>>, Option<Vec<u8>>);

impl std::fmt::Debug for Files {
    /// Sizes and a checksum instead of every byte.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let describe = |file: &Option<Vec<u8>>| match file {
            None => "absent".to_string(),
            Some(b) => {
                let sum = b.iter().fold(0u64, |acc, &x| {
                    acc.wrapping_mul(31).wrapping_add(u64::from(x))
                });
                format!("{} bytes, sum {sum:016x}", b.len())
            }
        };
        write!(f, "db: {}, wal: {}", describe(&self.0), describe(&self.1))
    }
}

fn db_and_wal(path: &Path) -> Files {
    Files(bytes(path), bytes(&siblings(path)[0]))
}

#[test]
fn migrating_an_empty_file_reaches_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();

    let store = Store::open(&path).unwrap();
    assert_eq!(pragma_i64(&store, "user_version"), SCHEMA_VERSION);
}

#[test]
fn every_table_of_the_first_migration_exists() {
    let (_dir, store) = store_fixtures::temp_store();
    let mut stmt = store
        .conn()
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        .unwrap();
    for table in tables_of_first_migration() {
        assert!(stmt.exists([&table]).unwrap(), "table {table} is missing");
    }
}

#[test]
fn a_file_backed_store_uses_wal_and_foreign_keys() {
    let (_dir, store) = store_fixtures::temp_store();
    let journal: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(pragma_i64(&store, "foreign_keys"), 1);
    assert!(pragma_i64(&store, "busy_timeout") > 0);
}

#[test]
fn a_store_opens_in_a_folder_that_does_not_exist_yet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("qunzhu.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(pragma_i64(&store, "user_version"), SCHEMA_VERSION);
    assert_eq!(store.path(), path);
}

#[test]
fn opening_twice_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qunzhu.db");
    let (tables, seeded, id) = {
        let store = Store::open(&path).unwrap();
        let id = customers::create(store.conn(), &named("王小明", "老客")).unwrap();
        let tag_groups: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM tag_groups", [], |r| r.get(0))
            .unwrap();
        (table_count(store.conn()), tag_groups, id)
    };
    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(pragma_i64(&store, "user_version"), SCHEMA_VERSION);
        assert_eq!(table_count(store.conn()), tables);
        let tag_groups: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM tag_groups", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tag_groups, seeded, "seed rows are not re-inserted");
        assert_eq!(customers::get(store.conn(), id).unwrap().name, "王小明");
        assert_eq!(customers::count_all(store.conn()).unwrap(), 1);
    }
    // `open_existing` agrees.
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(table_count(store.conn()), tables);
    assert_eq!(seeded, 4, "the four starter tag groups");
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    write_newer_database(&Connection::open(&path).unwrap());
    let before = db_and_wal(&path);
    assert!(before.0.is_some() && before.1.is_none(), "{before:?}");

    assert_newer_schema(open_error(&path), &path);
    assert_eq!(db_and_wal(&path), before);
    assert_newer_schema(open_existing_error(&path), &path);
    assert_eq!(db_and_wal(&path), before);
    assert!(!siblings(&path)[2].exists(), "no rollback journal left");
}

#[test]
fn a_newer_schema_in_wal_mode_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer-wal.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        write_newer_database(&conn);
    }
    let before = db_and_wal(&path);
    assert_newer_schema(open_error(&path), &path);
    assert_eq!(db_and_wal(&path), before);
}

#[test]
fn a_newer_schema_still_in_its_wal_is_refused_and_neither_file_changes() {
    // A newer Qunzhu that stopped without checkpointing leaves its last writes in the -wal file.
    // Copy the pair while the writer still holds them, as a crash would leave them.
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("live.db");
    let path = dir.path().join("crashed.db");
    {
        let conn = Connection::open(&original).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        write_newer_database(&conn);
        std::fs::copy(&original, &path).unwrap();
        std::fs::copy(&siblings(&original)[0], &siblings(&path)[0]).unwrap();
    }
    let before = db_and_wal(&path);
    assert!(
        before.1.as_ref().is_some_and(|wal| !wal.is_empty()),
        "the writes are in the -wal file"
    );

    assert_newer_schema(open_error(&path), &path);
    assert_eq!(db_and_wal(&path), before, "refusing must not checkpoint");
    assert_newer_schema(open_existing_error(&path), &path);
    assert_eq!(db_and_wal(&path), before, "refusing must not checkpoint");
}

#[test]
fn a_newer_schema_open_in_another_process_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let other = Connection::open(&path).unwrap();
    other.pragma_update(None, "journal_mode", "WAL").unwrap();
    other.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    write_newer_database(&other);
    let before = db_and_wal(&path);

    assert_newer_schema(open_error(&path), &path);
    assert_eq!(db_and_wal(&path), before);
    let names: i64 = other
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(names, 2);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.png");
    let png = png_bytes();
    std::fs::write(&path, &png).unwrap();

    for error in [open_error(&path), open_existing_error(&path)] {
        match error {
            StoreError::NotADatabase {
                path: reported,
                reason,
            } => {
                assert_eq!(reported, path);
                assert!(!reason.is_empty());
            }
            other => panic!("expected NotADatabase, got {other:?}"),
        }
        assert_eq!(bytes(&path).as_deref(), Some(png.as_slice()));
        for sibling in siblings(&path) {
            assert!(!sibling.exists(), "{} was created", sibling.display());
        }
    }
}

#[test]
fn open_existing_does_not_create_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    let _ = open_existing_error(&path);
    assert!(!path.exists());
}

#[test]
fn check_reports_ok_on_a_fresh_database() {
    let (_dir, store) = store_fixtures::temp_store();
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.integrity, ["ok"]);
    assert_eq!(report.foreign_key_violations, 0);
    assert_eq!(report.customers, 0);

    let memory = Store::open_in_memory().unwrap();
    assert!(memory.check().unwrap().is_ok());
}

#[test]
fn check_counts_customers_and_stays_ok_after_writes() {
    let (_dir, store) = store_fixtures::temp_store();
    customers::create(store.conn(), &named("王小明", "")).unwrap();
    customers::create(store.conn(), &named("李四", "")).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.customers, 2);
}

#[test]
fn our_own_database_left_with_a_wal_opens_with_its_data() {
    // Qunzhu stopped without a checkpoint: the last writes live only in the -wal file.
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let path = dir.path().join("crashed.db");
    {
        let store = Store::open(&live).unwrap();
        store
            .conn()
            .pragma_update(None, "wal_autocheckpoint", 0)
            .unwrap();
        customers::create(store.conn(), &named("王小明", "老客")).unwrap();
        std::fs::copy(&live, &path).unwrap();
        std::fs::copy(&siblings(&live)[0], &siblings(&path)[0]).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(customers::count_all(store.conn()).unwrap(), 1);
    assert!(store.check().unwrap().is_ok());
    drop(store);
    // A normal close checkpoints and removes the -wal.
    assert!(!siblings(&path)[0].exists());
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(customers::count_all(store.conn()).unwrap(), 1);
}

#[test]
fn tables_without_a_schema_version_are_refused_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE customers (x); CREATE TABLE orders (y);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = qunzhu::store::Store::open(&path).err().unwrap();
    let text = err.to_string();
    assert!(
        matches!(err, qunzhu::store::StoreError::NotADatabase { .. }),
        "{text}"
    );
    assert!(text.len() < 200 && !text.contains("CREATE"), "{text}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}
