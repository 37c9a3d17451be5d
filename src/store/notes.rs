//! Notes on a customer's timeline.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::{now_unix, search};
use crate::domain::note::{Note, NoteKind};
use crate::domain::time::{Stamp, local_offset_min};

/// Adds a note and re-indexes the customer; returns the note's id.
pub fn add(
    conn: &Connection,
    customer_id: i64,
    kind: NoteKind,
    body: &str,
    at: Stamp,
) -> Result<i64> {
    let id = insert_unindexed(conn, customer_id, kind, body, at)?;
    search::index_customer(conn, customer_id)?;
    Ok(id)
}

/// Adds a note without re-indexing, for bulk loads that index each customer once at the end.
pub(crate) fn insert_unindexed(
    conn: &Connection,
    customer_id: i64,
    kind: NoteKind,
    body: &str,
    at: Stamp,
) -> Result<i64> {
    let now = now_unix();
    conn.prepare_cached(
        "INSERT INTO notes (customer_id, kind, body, at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![customer_id, kind.key(), body.trim(), at.unix_s, now])?;
    Ok(conn.last_insert_rowid())
}

/// Changes a note's kind and text.
pub fn update(conn: &Connection, id: i64, kind: NoteKind, body: &str) -> Result<()> {
    let note = get(conn, id)?;
    conn.prepare_cached("UPDATE notes SET kind = ?2, body = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, kind.key(), body.trim(), now_unix()])?;
    search::index_customer(conn, note.customer_id)
}

/// Deletes a note and returns it, so Undo can put it back with `restore`.
pub fn delete(conn: &Connection, id: i64) -> Result<Note> {
    let note = get(conn, id)?;
    conn.prepare_cached("DELETE FROM notes WHERE id = ?1")?
        .execute([id])?;
    search::index_customer(conn, note.customer_id)?;
    Ok(note)
}

/// Puts a deleted note back with its original id.
pub fn restore(conn: &Connection, note: &Note) -> Result<()> {
    let now = now_unix();
    conn.prepare_cached(
        "INSERT INTO notes (id, customer_id, kind, body, at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![note.id, note.customer_id, note.kind.key(), note.body, note.at.unix_s, now])?;
    search::index_customer(conn, note.customer_id)
}

/// One note.
pub fn get(conn: &Connection, id: i64) -> Result<Note> {
    conn.prepare_cached("SELECT id, customer_id, kind, body, at FROM notes WHERE id = ?1")?
        .query_row([id], note_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "note", id })
}

/// A customer's notes, newest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, kind, body, at FROM notes WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let notes = stmt
        .query_map([customer_id], note_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(notes)
}

fn note_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let kind: String = r.get(2)?;
    Ok(Note {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        kind: NoteKind::from_key(&kind),
        body: r.get(3)?,
        at: Stamp {
            unix_s: r.get(4)?,
            offset_min: local_offset_min(),
        },
    })
}
