//! The only module that speaks SQL. `Store` owns one connection; per-entity modules hold plain
//! functions over `&Connection` that return domain types.

pub mod backup;
pub mod buffered_insert;
pub mod chat;
pub mod content;
pub mod content_items;
pub mod customers;
pub mod error;
pub mod followups;
pub mod groups;
pub mod health;
pub mod health_import;
pub mod imports;
pub mod journeys;
pub mod koc;
pub mod koc_views;
pub mod lock;
pub mod migrate;
pub mod notes;
pub mod privacy;
pub mod purchase_import;
pub mod purchases;
pub mod questions;
pub mod report;
pub mod rhythm;
pub mod row_json;
pub mod search;
pub mod segments;
pub mod settings;
pub mod signals;
pub mod snapshot;
pub mod staff;
pub mod tags;
pub mod undo_import;

use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

pub use error::{Result, StoreError};
pub use migrate::SCHEMA_VERSION;

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT_MS: u64 = 5_000;

/// An open, migrated Qunzhu database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What `qunzhu check` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub schema_version: i64,
    /// `ok`, or SQLite's list of problems.
    pub integrity: Vec<String>,
    pub foreign_key_violations: i64,
    pub customers: i64,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_violations == 0
            && self.schema_version == SCHEMA_VERSION
    }
}

/// Whether a file can be created in the data file's folder (SQLite needs to, for its journal).
fn folder_is_writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = dir.join(format!(".qunzhu-write-test-{}", std::process::id()));
    let writable = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    writable
}

/// [`Store::quick_check`] on any connection (a backup just written is checked the same way).
pub(crate) fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let mut problems: Vec<String> = conn
        .prepare("PRAGMA quick_check(20)")?
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems == ["ok"] {
        return Ok(());
    }
    problems.retain(|p| p != "ok");
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        problems,
    })
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        Self::prepare(conn, path)
    }

    /// Opens an existing database without creating it (for `check` and tools).
    pub fn open_existing(path: &Path) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::prepare(conn, path)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        Self::prepare(conn, Path::new(":memory:"))
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Self> {
        // Until the file is known to be ours and current, closing must not checkpoint a -wal left
        // by another program into it: a refused file stays byte for byte as it was.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let foreign_wal = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, foreign_wal)?;
        // Reading the header first turns "file is not a database" into a clear error before any write.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map_err(|e| {
                if !folder_is_writable(path) {
                    // SQLite cannot make its -wal/-shm beside the file: not "not a database".
                    StoreError::ReadOnly {
                        path: path.to_path_buf(),
                    }
                } else {
                    StoreError::NotADatabase {
                        path: path.to_path_buf(),
                        reason: e.to_string(),
                    }
                }
            })?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        migrate::migrate(&mut conn, path)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        if path != Path::new(":memory:") {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 2 MiB (SQLite's default) holds a sliver of a 200k-customer file; imports and broad
        // searches re-read the same index pages. 32 MiB of pages, allocated only as used.
        conn.pragma_update(None, "cache_size", -32_768)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The connection, for the per-entity functions.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection for writes that need a transaction.
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `work` in one transaction: everything it wrote is committed together, or nothing is.
    pub fn write<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The file this store lives in (`:memory:` for tests).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's quick check of every page (not of index contents): a write job runs it first
    /// and refuses a damaged file rather than write into it (BENCHMARKS.md gives its cost).
    pub fn quick_check(&self) -> Result<()> {
        quick_check(&self.conn, &self.path)
    }

    /// Integrity, foreign keys and schema version, for `qunzhu check`.
    pub fn check(&self) -> Result<CheckReport> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let foreign_key_violations: i64 = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count() as i64;
        let customers = self
            .conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        Ok(CheckReport {
            schema_version: migrate::schema_version(&self.conn)?,
            integrity,
            foreign_key_violations,
            customers,
        })
    }
}

/// The current time as unix seconds, the store's clock for created/updated columns.
pub(crate) fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}
