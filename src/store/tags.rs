//! Tags, tag groups, and which customers carry which tags.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::now_unix;
use crate::domain::tag::{Tag, TagGroup, UNGROUPED_COLOR, clean_tag_name, palette_color};

const TAG_COLUMNS: &str = "t.id, t.name, t.group_id, coalesce(g.color, ?1)";

fn tag_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Tag> {
    Ok(Tag {
        id: r.get(0)?,
        name: r.get(1)?,
        group_id: r.get(2)?,
        color: r.get(3)?,
    })
}

/// Every tag group, in display order.
pub fn groups(conn: &Connection) -> Result<Vec<TagGroup>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, color FROM tag_groups ORDER BY sort, id")?;
    let groups = stmt
        .query_map([], |r| {
            Ok(TagGroup {
                id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(groups)
}

/// The id of the tag group called `name`, creating it with the next palette colour if new.
pub fn ensure_group(conn: &Connection, name: &str) -> Result<i64> {
    let name = clean_tag_name(name);
    if name.is_empty() {
        return Err(StoreError::Invalid("empty tag group name".into()));
    }
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM tag_groups WHERE name = ?1")?
        .query_row([&name], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    let count: i64 = conn.query_row("SELECT count(*) FROM tag_groups", [], |r| r.get(0))?;
    conn.prepare_cached("INSERT INTO tag_groups (name, color, sort) VALUES (?1, ?2, ?3)")?
        .execute(params![name, palette_color(count as usize), count + 1])?;
    Ok(conn.last_insert_rowid())
}

/// Every tag with its colour, grouped tags first in group order.
pub fn all(conn: &Connection) -> Result<Vec<Tag>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TAG_COLUMNS} FROM tags t LEFT JOIN tag_groups g ON g.id = t.group_id
         ORDER BY coalesce(g.sort, 1e9), t.name"
    ))?;
    let tags = stmt
        .query_map([UNGROUPED_COLOR], tag_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

/// The id of the tag called `name`, creating it (in `group_id`) if new. An existing tag keeps its group.
pub fn ensure(conn: &Connection, name: &str, group_id: Option<i64>) -> Result<i64> {
    let name = clean_tag_name(name);
    if name.is_empty() {
        return Err(StoreError::Invalid("empty tag name".into()));
    }
    conn.prepare_cached(
        "INSERT INTO tags (name, group_id) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
    )?
    .execute(params![name, group_id])?;
    Ok(conn
        .prepare_cached("SELECT id FROM tags WHERE name = ?1")?
        .query_row([&name], |r| r.get(0))?)
}

/// Moves a tag into a group (or out of any group).
pub fn set_group(conn: &Connection, tag_id: i64, group_id: Option<i64>) -> Result<()> {
    conn.prepare_cached("UPDATE tags SET group_id = ?2 WHERE id = ?1")?
        .execute(params![tag_id, group_id])?;
    Ok(())
}

/// The tags one customer carries.
pub fn of_customer(conn: &Connection, customer_id: i64) -> Result<Vec<Tag>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TAG_COLUMNS} FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
         LEFT JOIN tag_groups g ON g.id = t.group_id
         WHERE ct.customer_id = ?2 ORDER BY coalesce(g.sort, 1e9), t.name"
    ))?;
    let tags = stmt
        .query_map(params![UNGROUPED_COLOR, customer_id], tag_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

/// Where a customer's tag came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagSource {
    Manual,
    Import,
    Rule,
}

impl TagSource {
    pub fn key(self) -> &'static str {
        match self {
            TagSource::Manual => "manual",
            TagSource::Import => "import",
            TagSource::Rule => "rule",
        }
    }
}

/// Puts `tag_id` on each customer; returns the customers that did not carry it yet (Undo removes
/// it from exactly those).
pub fn add_to(
    conn: &Connection,
    customer_ids: &[i64],
    tag_id: i64,
    source: TagSource,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO customer_tags (customer_id, tag_id, source, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
    )?;
    let now = now_unix();
    let mut changed = Vec::new();
    for &id in customer_ids {
        if stmt.execute(params![id, tag_id, source.key(), now])? > 0 {
            changed.push(id);
        }
    }
    Ok(changed)
}

/// Takes `tag_id` off each customer; returns the customers that carried it (Undo puts it back).
pub fn remove_from(conn: &Connection, customer_ids: &[i64], tag_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1 AND tag_id = ?2")?;
    let mut changed = Vec::new();
    for &id in customer_ids {
        if stmt.execute(params![id, tag_id])? > 0 {
            changed.push(id);
        }
    }
    Ok(changed)
}
