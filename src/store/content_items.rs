//! Dated content items: listing a range (filtered by group and column), editing, moving,
//! marking, duplicating, deleting with undo, and generating a range from the rhythm slots.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::{content, rhythm};
use crate::domain::content::rhythm::{PlannedItem, expand, reconcile};
use crate::domain::content::{Item, ItemStatus, PlanRow, format_time, parse_time};
use crate::domain::time::{Stamp, local_offset_min, parse_day};

/// Which items to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_id: Option<i64>,
    pub column_id: Option<i64>,
}

impl ItemFilter {
    /// Every item from `from` to `to` inclusive.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Self {
        Self {
            from,
            to,
            group_id: None,
            column_id: None,
        }
    }
}

/// What one generation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct GenerateReport {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Items the user had edited, moved or marked: left as they were.
    pub protected: usize,
}

const ITEM_FIELDS: &str = "id, day, time, group_id, column_id, slot_id, slot_day, title, body, \
                           status, notes, posted_at, user_edited";

/// A stored text the domain cannot read (a hand-edited database).
fn bad_text(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("content item {what}").into(),
    )
}

fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    let bad = bad_text;
    let day: String = r.get(1)?;
    let time: String = r.get(2)?;
    let slot_day: Option<String> = r.get(6)?;
    let status: String = r.get(9)?;
    let posted_at: Option<i64> = r.get(11)?;
    Ok(Item {
        id: r.get(0)?,
        day: parse_day(&day).ok_or_else(|| bad("day"))?,
        time: parse_time(&time).ok_or_else(|| bad("time"))?,
        group_id: r.get(3)?,
        column_id: r.get(4)?,
        slot_id: r.get(5)?,
        slot_day: slot_day.as_deref().and_then(parse_day),
        title: r.get(7)?,
        body: r.get(8)?,
        status: ItemStatus::from_key(&status).ok_or_else(|| bad("status"))?,
        notes: r.get(10)?,
        posted_at: posted_at.map(|unix_s| Stamp {
            unix_s,
            offset_min: local_offset_min(),
        }),
        user_edited: r.get(12)?,
    })
}

/// Items in the filter's range, by day, time, group and id.
pub fn list(conn: &Connection, filter: &ItemFilter) -> Result<Vec<Item>> {
    let sql = format!(
        "SELECT {ITEM_FIELDS} FROM content_items
         WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR group_id = ?3)
           AND (?4 IS NULL OR column_id = ?4)
         ORDER BY day, time, group_id, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let items = stmt
        .query_map(
            params![
                filter.from.to_string(),
                filter.to.to_string(),
                filter.group_id,
                filter.column_id
            ],
            item_from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(items)
}

/// One item.
pub fn get(conn: &Connection, id: i64) -> Result<Item> {
    let sql = format!("SELECT {ITEM_FIELDS} FROM content_items WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], item_from_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "content item",
            id,
        })
}

/// Inserts `item` (under its own id when it has one: undo puts a deleted item back); returns the id.
pub fn insert(conn: &Connection, item: &Item) -> Result<i64> {
    let now = super::now_unix();
    conn.prepare_cached(
        "INSERT INTO content_items (id, day, time, group_id, column_id, slot_id, slot_day, title,
             body, status, notes, posted_at, user_edited, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?
    .execute(params![
        (item.id != 0).then_some(item.id),
        item.day.to_string(),
        format_time(item.time),
        item.group_id,
        item.column_id,
        item.slot_id,
        item.slot_day.map(|d| d.to_string()),
        item.title,
        item.body,
        item.status.key(),
        item.notes,
        item.posted_at.map(|s| s.unix_s),
        item.user_edited,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Saves the user's edit of an item (any field, including day and time): from now on generation
/// leaves it alone.
pub fn update(conn: &Connection, item: &Item) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE content_items SET day = ?1, time = ?2, group_id = ?3, column_id = ?4,
                 title = ?5, body = ?6, status = ?7, notes = ?8, posted_at = ?9,
                 user_edited = 1, updated_at = ?10
             WHERE id = ?11",
        )?
        .execute(params![
            item.day.to_string(),
            format_time(item.time),
            item.group_id,
            item.column_id,
            item.title,
            item.body,
            item.status.key(),
            item.notes,
            item.posted_at.map(|s| s.unix_s),
            super::now_unix(),
            item.id
        ])?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "content item",
            id: item.id,
        });
    }
    Ok(())
}

/// Sets an item's status; marking it sent records `at` (other statuses clear the time).
pub fn set_status(conn: &Connection, id: i64, status: ItemStatus, at: Stamp) -> Result<Item> {
    let mut item = get(conn, id)?;
    item.posted_at = match status {
        ItemStatus::Sent => item
            .posted_at
            .filter(|_| item.status == status)
            .or(Some(at)),
        _ => None,
    };
    item.status = status;
    update(conn, &item)?;
    get(conn, id)
}

/// Moves an item to another day (and time, when given).
pub fn move_to(
    conn: &Connection,
    id: i64,
    day: NaiveDate,
    time: Option<chrono::NaiveTime>,
) -> Result<()> {
    let mut item = get(conn, id)?;
    item.day = day;
    item.time = time.unwrap_or(item.time);
    update(conn, &item)
}

/// A copy of an item as a new planned, hand-made item (not tied to a slot); returns its id.
pub fn duplicate(conn: &Connection, id: i64) -> Result<i64> {
    let group = get(conn, id)?.group_id;
    copy_to_group(conn, id, group)
}

/// A copy of an item for another group (the same text goes to several groups); returns its id.
pub fn copy_to_group(conn: &Connection, id: i64, group_id: Option<i64>) -> Result<i64> {
    let original = get(conn, id)?;
    let copy = Item {
        group_id,
        id: 0,
        slot_id: None,
        slot_day: None,
        status: ItemStatus::Planned,
        posted_at: None,
        user_edited: true,
        ..original
    };
    insert(conn, &copy)
}

/// Deletes an item and returns it, for undo.
pub fn delete(conn: &Connection, id: i64) -> Result<Item> {
    let item = get(conn, id)?;
    conn.prepare_cached("DELETE FROM content_items WHERE id = ?1")?
        .execute([id])?;
    Ok(item)
}

fn insert_planned(conn: &Connection, plan: &PlannedItem) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO content_items (day, time, group_id, column_id, slot_id, slot_day, title, body,
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?1, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        plan.slot_day.to_string(),
        format_time(plan.time),
        plan.group_id,
        plan.column_id,
        plan.slot_id,
        plan.title,
        plan.body,
        super::now_unix()
    ])?;
    Ok(())
}

/// Refreshes an untouched generated item from its template (the WHERE re-checks it is untouched).
fn refresh_planned(conn: &Connection, id: i64, plan: &PlannedItem) -> Result<()> {
    conn.prepare_cached(
        "UPDATE content_items SET day = ?1, time = ?2, group_id = ?3, column_id = ?4,
             title = ?5, body = ?6, updated_at = ?7
         WHERE id = ?8 AND user_edited = 0 AND status = 'planned'",
    )?
    .execute(params![
        plan.slot_day.to_string(),
        format_time(plan.time),
        plan.group_id,
        plan.column_id,
        plan.title,
        plan.body,
        super::now_unix(),
        id
    ])?;
    Ok(())
}

/// Fills `from`..=`to` from the rhythm slots of active groups and columns. Running it again adds
/// nothing; items the user edited, moved or marked are never changed.
pub fn generate(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<GenerateReport> {
    let slots = rhythm::list_slots(conn, true)?;
    let columns = content::list_columns(conn, false)?;
    let planned = expand(&slots, &columns, from, to);
    let sql = format!(
        "SELECT {ITEM_FIELDS} FROM content_items
         WHERE slot_id IS NOT NULL AND slot_day BETWEEN ?1 AND ?2"
    );
    let existing: Vec<Item> = conn
        .prepare_cached(&sql)?
        .query_map(params![from.to_string(), to.to_string()], item_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let generation = reconcile(planned, &existing);
    for plan in &generation.insert {
        insert_planned(conn, plan)?;
    }
    for (id, plan) in &generation.update {
        refresh_planned(conn, *id, plan)?;
    }
    Ok(GenerateReport {
        inserted: generation.insert.len(),
        updated: generation.update.len(),
        unchanged: generation.unchanged,
        protected: generation.protected,
    })
}

/// The filter's items with group and column names, for the CLI and exports.
pub fn plan_rows(conn: &Connection, filter: &ItemFilter) -> Result<Vec<PlanRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.day, i.time, coalesce(g.name, ''), coalesce(c.name, ''), i.title, i.body,
                i.status, i.notes
         FROM content_items i
         LEFT JOIN groups g ON g.id = i.group_id
         LEFT JOIN content_columns c ON c.id = i.column_id
         WHERE i.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR i.group_id = ?3)
           AND (?4 IS NULL OR i.column_id = ?4)
         ORDER BY i.day, i.time, g.name, i.id",
    )?;
    let rows = stmt
        .query_map(
            params![
                filter.from.to_string(),
                filter.to.to_string(),
                filter.group_id,
                filter.column_id
            ],
            |r| {
                let day: String = r.get(0)?;
                let time: String = r.get(1)?;
                let status: String = r.get(6)?;
                Ok(PlanRow {
                    day: parse_day(&day).ok_or_else(|| bad_text("day"))?,
                    time: parse_time(&time).ok_or_else(|| bad_text("time"))?,
                    group: r.get(2)?,
                    column: r.get(3)?,
                    title: r.get(4)?,
                    body: r.get(5)?,
                    status: ItemStatus::from_key(&status).ok_or_else(|| bad_text("status"))?,
                    notes: r.get(7)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
