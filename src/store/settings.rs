//! Small key/value settings kept inside the database (they travel with the data file).

use rusqlite::{Connection, OptionalExtension};

use super::error::{Result, StoreError};

/// The value stored under `key`.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Stores `value` under `key`.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// A JSON value stored under `key`, `None` when absent or unreadable (an older shape: the
/// caller's default applies).
pub fn get_json<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    Ok(get(conn, key)?.and_then(|json| serde_json::from_str(&json).ok()))
}

/// Stores `value` as JSON under `key`.
pub fn set_json<T: serde::Serialize + ?Sized>(
    conn: &Connection,
    key: &str,
    value: &T,
) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))?;
    set(conn, key, &json)
}
