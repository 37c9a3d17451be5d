//! Undoing an import batch exactly: what it created goes, what it changed is put back, and a
//! batch a later import wrote over is refused (undoing it would take their writes with it).

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::imports::{BatchSummary, batch};
use super::{now_unix, row_json, search};

/// The later batches (not undone) that wrote to what batch `id` wrote: the same customer, staff
/// member, tag, group day or follow-up task, a purchase of a customer it created, or messages
/// in a group it created. Undoing `id` first would destroy their writes.
pub fn newer_overlapping_batches(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let batches = conn
        .prepare(
            "SELECT n.batch_id FROM import_batch_changes n
               JOIN import_batches b ON b.id = n.batch_id AND b.undone_at IS NULL
              WHERE n.batch_id > ?1 AND EXISTS (
                    SELECT 1 FROM import_batch_changes o
                     WHERE o.batch_id = ?1 AND o.entity = n.entity AND o.entity_id = n.entity_id)
             UNION
             SELECT p.batch_id FROM purchases p
               JOIN import_batches b ON b.id = p.batch_id AND b.undone_at IS NULL
              WHERE p.batch_id > ?1 AND p.customer_id IN (
                    SELECT entity_id FROM import_batch_changes
                     WHERE batch_id = ?1 AND entity = 'customer' AND action = 'created')
             UNION
             SELECT m.batch_id FROM chat_messages m
               JOIN import_batches b ON b.id = m.batch_id AND b.undone_at IS NULL
              WHERE m.batch_id > ?1 AND m.group_id IN (
                    SELECT entity_id FROM import_batch_changes
                     WHERE batch_id = ?1 AND entity = 'group' AND action = 'created')
             ORDER BY 1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(batches)
}

/// Undoes a batch: removes the customers, tags and staff it created, and restores the customers
/// and staff members it changed to what they were. Run it inside a transaction. A batch whose
/// records a later import changed again is refused ([`StoreError::NewerImportsFirst`], naming
/// those imports): undoing it would take their writes with it.
pub fn undo_batch(conn: &Connection, id: i64) -> Result<BatchSummary> {
    let summary = batch(conn, id)?;
    if summary.undone {
        return Err(StoreError::Invalid(format!(
            "import batch {id} was already undone"
        )));
    }
    let newer = newer_overlapping_batches(conn, id)?;
    if !newer.is_empty() {
        return Err(StoreError::NewerImportsFirst { batch: id, newer });
    }
    // Statistics, chats and purchases keep their own record of what they wrote.
    let own_undo: Option<fn(&Connection, i64) -> Result<()>> = match summary.kind.as_str() {
        "group_stats" | "chat" => Some(super::health_import::undo),
        "purchases" => Some(super::purchase_import::undo),
        _ => None,
    };
    if let Some(undo) = own_undo {
        undo(conn, id)?;
        conn.execute(
            "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1",
            params![id, now_unix()],
        )?;
        return batch(conn, id);
    }
    let changes: Vec<(String, i64, String, Option<String>)> = conn
        .prepare("SELECT entity, entity_id, action, before FROM import_batch_changes WHERE batch_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (entity, entity_id, action, before) in &changes {
        match (entity.as_str(), action.as_str()) {
            ("customer", "created") => {
                conn.execute("DELETE FROM customers WHERE id = ?1", [entity_id])?;
                search::remove_customer(conn, *entity_id)?;
            }
            ("customer", "updated") => {
                restore_customer(conn, *entity_id, &parse_before(before.as_deref())?)?;
            }
            ("staff", "updated") => {
                if let Some(row) = parse_before(before.as_deref())?["staff"].get(0) {
                    row_json::update(conn, "staff", *entity_id, row)?;
                }
            }
            _ => {}
        }
    }
    // Tags and staff go last, once no restored customer can point at them, and only when nobody
    // carries them any more: a later batch or a hand edit may use a tag this batch created, and
    // deleting it would cascade into their customers.
    for (entity, entity_id, action, _) in &changes {
        match (entity.as_str(), action.as_str()) {
            ("tag", "created") => {
                conn.execute(
                    "DELETE FROM tags WHERE id = ?1
                     AND NOT EXISTS (SELECT 1 FROM customer_tags WHERE tag_id = ?1)",
                    [entity_id],
                )?;
            }
            ("staff", "created") => {
                conn.execute(
                    "DELETE FROM staff WHERE id = ?1
                     AND NOT EXISTS (SELECT 1 FROM customer_staff WHERE staff_id = ?1)",
                    [entity_id],
                )?;
            }
            _ => {}
        }
    }
    // Tag groups after their tags.
    for (entity, entity_id, action, _) in &changes {
        if (entity.as_str(), action.as_str()) == ("tag_group", "created") {
            conn.execute(
                "DELETE FROM tag_groups WHERE id = ?1
                 AND NOT EXISTS (SELECT 1 FROM tags WHERE group_id = ?1)",
                [entity_id],
            )?;
        }
    }
    conn.execute(
        "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1",
        params![id, now_unix()],
    )?;
    batch(conn, id)
}

/// The JSON snapshot a change recorded of what it overwrote.
fn parse_before(before: Option<&str>) -> Result<serde_json::Value> {
    serde_json::from_str(before.unwrap_or("{}")).map_err(|e| StoreError::Invalid(e.to_string()))
}

fn restore_customer(conn: &Connection, id: i64, before: &serde_json::Value) -> Result<()> {
    let rows = |key: &str| {
        before
            .get(key)
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default()
    };
    let customer = rows("customer");
    let Some(row) = customer.first() else {
        return Ok(());
    };
    let exists = conn
        .query_row("SELECT 1 FROM customers WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some();
    if !exists {
        // Deleted since the import: nothing to restore.
        return Ok(());
    }
    row_json::update(conn, "customers", id, row)?;
    conn.execute("DELETE FROM customer_tags WHERE customer_id = ?1", [id])?;
    row_json::insert(conn, "customer_tags", &rows("customer_tags"))?;
    conn.execute("DELETE FROM customer_staff WHERE customer_id = ?1", [id])?;
    row_json::insert(conn, "customer_staff", &rows("customer_staff"))?;
    search::index_customer(conn, id)
}
