//! Numbered schema migrations, embedded in the binary and tracked in `PRAGMA user_version`.

use std::path::Path;

use rusqlite::Connection;

use super::error::{Result, StoreError};

/// The migrations in order; migration `n` (1-based) brings the schema to version `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_followups.sql"),
    include_str!("migrations/0003_content.sql"),
    include_str!("migrations/0004_koc.sql"),
    include_str!("migrations/0005_purchase_import.sql"),
    include_str!("migrations/0006_wxid.sql"),
    include_str!("migrations/0007_tag_position.sql"),
    include_str!("migrations/0008_chat_own.sql"),
    include_str!("migrations/0009_chat_search.sql"),
    include_str!("migrations/0010_chat_day_ids.sql"),
];

/// The migration that made the chat search index; the messages already stored are indexed with it.
const CHAT_SEARCH_VERSION: i64 = 9;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version recorded in the file.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the schema up to date. A database from a newer Qunzhu is refused before anything is
/// written to it; each migration runs in its own transaction with its version bump.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == 0 {
        // Tables without our version stamp: another program's database (or ours, damaged).
        // Migrating would fail on the first CREATE with the whole migration in the message.
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                reason: format!("it holds {tables} tables but no Qunzhu schema version"),
            });
        }
    }
    if found > 0 && found < SCHEMA_VERSION {
        // Years of a manager's work are in this file: never reshape a damaged one, and keep a
        // copy before changing its shape.
        super::quick_check(conn, path)?;
        super::backup::before_migration(conn, path)?;
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if version == CHAT_SEARCH_VERSION {
            super::chat::index_all(&tx)?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
