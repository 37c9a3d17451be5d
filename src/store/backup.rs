//! Backups of the data file with SQLite's online backup API: automatic ones (at start at most once
//! a day, before every import, restore and migration) in a `backups` folder beside the data file,
//! pruned to 7 daily + 4 weekly; listing; and restoring one after backing up the current state.
//!
//! Backups belong to their data file: they are named after it (`alice-20261123-090000-daily.db`
//! for `alice.db`), and listing and pruning count only that file's, so two data files in one
//! folder never rotate each other's backups away.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::Store;
use super::error::{Result, StoreError};
use super::migrate::SCHEMA_VERSION;
use crate::domain::retention::backups_to_keep;

/// Why a backup was made (part of its file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Daily,
    BeforeImport,
    BeforeRestore,
    BeforeMigration,
    Manual,
}

impl Reason {
    fn key(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::BeforeImport => "before-import",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeMigration => "before-migration",
            Reason::Manual => "manual",
        }
    }
}

/// One backup file as Settings lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    pub size_bytes: u64,
    /// Customers in it (None when the file cannot be read).
    pub customers: Option<i64>,
}

const TIME_FORMAT: &str = "%Y%m%d-%H%M%S";
/// A `.partial` left this long untouched is from a backup that was killed, not one in progress.
const STALE_PARTIAL_SECS: u64 = 10 * 60;

/// The start of every backup file name of `db_path`: its file stem and a dash.
fn file_prefix(db_path: &Path) -> String {
    let stem = db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "qunzhu".into());
    format!("{stem}-")
}

/// The folder automatic backups of `db_path` go to.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

/// Copies the live database (consistently, while it is in use) to `dest`. The copy is written
/// under a temporary name and renamed when complete, so a crash never leaves half a backup.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let io = |e: std::io::Error| StoreError::Invalid(format!("{}: {e}", dest.display()));
    let partial = dest.with_extension("partial");
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(io)?;
    }
    conn.backup(MAIN_DB, &partial, None)?;
    // The copy inherits WAL mode; a backup is one file at rest, so reading it later (listing,
    // validating) must not leave -wal/-shm files beside it.
    Connection::open(&partial)?.pragma_update(None, "journal_mode", "DELETE")?;
    std::fs::rename(&partial, dest).map_err(io)?;
    Ok(())
}

/// Backs `store` up into its backups folder; returns the new file (None for in-memory stores).
pub fn automatic(store: &Store, reason: Reason) -> Result<Option<PathBuf>> {
    backup_file(store.conn(), store.path(), reason)
}

fn backup_file(conn: &Connection, db_path: &Path, reason: Reason) -> Result<Option<PathBuf>> {
    let made = unpruned_backup(conn, db_path, reason)?;
    if let Some(made) = &made {
        // A copy that fails its own check never pushes a good backup out of the rotation.
        let copy = Connection::open_with_flags(made, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        if super::quick_check(&copy, made).is_ok() {
            prune_keeping(db_path, Some(made))?;
        }
    }
    Ok(made)
}

/// Makes a backup without pruning (a restore must not prune the file it is about to read).
fn unpruned_backup(conn: &Connection, db_path: &Path, reason: Reason) -> Result<Option<PathBuf>> {
    if db_path == Path::new(":memory:") {
        return Ok(None);
    }
    remove_stale_partials(db_path);
    let dir = backups_dir(db_path);
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::Folder {
        path: dir.clone(),
        source,
    })?;
    let stem = format!(
        "{}{}-{}",
        file_prefix(db_path),
        Local::now().format(TIME_FORMAT),
        reason.key()
    );
    // Two backups in one second (a safety copy right after another) must not overwrite each other.
    let mut dest = dir.join(format!("{stem}.db"));
    let mut n = 2;
    while dest.exists() {
        dest = dir.join(format!("{stem}-{n}.db"));
        n += 1;
    }
    backup_to(conn, &dest)?;
    Ok(Some(dest))
}

/// Backs up before a migration changes the file (called by `Store::open` on an older schema).
pub(crate) fn before_migration(conn: &Connection, db_path: &Path) -> Result<()> {
    backup_file(conn, db_path, Reason::BeforeMigration).map(|_| ())
}

/// The daily backup, unless one was already made today.
pub fn daily_if_due(store: &Store) -> Result<Option<PathBuf>> {
    let today = Local::now().date_naive();
    let made_today = list(store.path())?
        .iter()
        .any(|b| b.taken_at.date() == today);
    if made_today {
        return Ok(None);
    }
    automatic(store, Reason::Daily)
}

/// When a backup named `<prefix><YYYYMMDD-HHMMSS>-<reason>.db` was taken.
fn taken_at(path: &Path, prefix: &str) -> Option<NaiveDateTime> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix(prefix)?;
    let stamp = rest.get(..15)?;
    if !rest[15..].starts_with('-') {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, TIME_FORMAT).ok()
}

/// The backups of `db_path` (and no other data file's) with when each was taken.
fn backup_files(db_path: &Path) -> Vec<(PathBuf, NaiveDateTime)> {
    let prefix = file_prefix(db_path);
    let Ok(entries) = std::fs::read_dir(backups_dir(db_path)) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .filter_map(|p| taken_at(&p, &prefix).map(|t| (p, t)))
        .collect()
}

/// Removes `db_path`'s automatic backups the retention policy does not keep; returns what was
/// removed.
pub fn prune(db_path: &Path) -> Result<Vec<PathBuf>> {
    prune_keeping(db_path, None)
}

/// Removes `db_path`'s `.partial` backups that a killed backup left behind (untouched for ten
/// minutes: a backup in progress keeps writing its own). Returns what was removed.
pub fn remove_stale_partials(db_path: &Path) -> Vec<PathBuf> {
    let prefix = file_prefix(db_path);
    let Ok(entries) = std::fs::read_dir(backups_dir(db_path)) else {
        return Vec::new();
    };
    let stale = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= STALE_PARTIAL_SECS)
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "partial"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .filter(|p| stale(p) && std::fs::remove_file(p).is_ok())
        .collect()
}

/// Like `prune`, never removing `fresh` (the backup just made: it may be a safety copy taken
/// seconds after another one of the same day).
fn prune_keeping(db_path: &Path, fresh: Option<&Path>) -> Result<Vec<PathBuf>> {
    let mut files = backup_files(db_path);
    files.retain(|(path, _)| Some(path.as_path()) != fresh);
    let times: Vec<NaiveDateTime> = files.iter().map(|(_, t)| *t).collect();
    let keep = backups_to_keep(&times);
    let mut removed = Vec::new();
    for (index, (path, _)) in files.into_iter().enumerate() {
        if !keep.contains(&index) {
            std::fs::remove_file(&path)
                .map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// The backups of `db_path`, newest first.
pub fn list(db_path: &Path) -> Result<Vec<BackupInfo>> {
    let mut files = backup_files(db_path);
    files.sort_by_key(|f| std::cmp::Reverse(f.1));
    Ok(files
        .into_iter()
        .map(|(path, taken_at)| BackupInfo {
            size_bytes: std::fs::metadata(&path)
                .map(|m| m.len())
                .unwrap_or_default(),
            customers: count_customers(&path),
            path,
            taken_at,
        })
        .collect())
}

fn count_customers(path: &Path) -> Option<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .ok()
}

/// Checks that `path` is a Qunzhu database this version can read; returns its schema version.
pub fn validate(path: &Path) -> Result<i64> {
    let not_ours = |reason: String| StoreError::NotADatabase {
        path: path.to_path_buf(),
        reason,
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_ours(e.to_string()))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| not_ours(e.to_string()))?;
    let has_customers = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customers'",
            [],
            |_| Ok(()),
        )
        .is_ok();
    if version == 0 || !has_customers {
        return Err(not_ours("it has no Qunzhu tables".into()));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Replaces the current data with the backup at `src`, after backing up the current state.
/// Returns the safety backup of the current state. Waits for a running import (or undo) to end
/// first, so the safety backup holds what it wrote.
pub fn restore(store: &mut Store, src: &Path) -> Result<Option<PathBuf>> {
    validate(src)?;
    // A damaged backup would replace the data with damage.
    super::quick_check(
        &Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?,
        src,
    )?;
    let _writer = super::lock::WriterLock::acquire(store.path(), super::lock::Wait::Block)?;
    let safety = unpruned_backup(store.conn(), store.path(), Reason::BeforeRestore)?;
    store
        .conn_mut()
        .restore(MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
    // A backup from an older version is brought up to date like any older file.
    let path = store.path().to_path_buf();
    super::migrate::migrate(store.conn_mut(), &path)?;
    if let Some(safety) = &safety {
        prune_keeping(&path, Some(safety))?;
    }
    Ok(safety)
}
