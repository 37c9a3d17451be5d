//! Community groups (社群): the short list other screens filter by, and the full records the
//! group editor creates, edits and archives.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use crate::domain::customer::GroupRef;
use crate::domain::group::Group;
use crate::domain::time::parse_day;

/// Groups that are not archived, by name.
pub fn list_active(conn: &Connection) -> Result<Vec<GroupRef>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name FROM groups WHERE archived = 0 ORDER BY name")?;
    let groups = stmt
        .query_map([], |r| {
            Ok(GroupRef {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(groups)
}

/// Creates a group; returns its id.
pub fn create(conn: &Connection, name: &str, kind: &str, created_on: Option<&str>) -> Result<i64> {
    let now = super::now_unix();
    conn.prepare_cached(
        "INSERT INTO groups (name, kind, created_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(rusqlite::params![name.trim(), kind, created_on, now])?;
    Ok(conn.last_insert_rowid())
}

/// Records that a customer is a member of a group since `joined_on` (idempotent).
pub fn add_customer(
    conn: &Connection,
    group_id: i64,
    customer_id: i64,
    joined_on: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO group_members (group_id, customer_id, member_key, joined_on)
         VALUES (?1, ?2, 'customer:' || ?2, ?3) ON CONFLICT(group_id, member_key) DO NOTHING",
    )?
    .execute(rusqlite::params![group_id, customer_id, joined_on])?;
    Ok(())
}

const GROUP_FIELDS: &str =
    "id, name, kind, positioning, owner, created_on, welcome, rules, announcement, archived";

fn group_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Group> {
    let created_on: Option<String> = r.get(5)?;
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        positioning: r.get(3)?,
        owner: r.get(4)?,
        created_on: created_on.as_deref().and_then(parse_day),
        welcome: r.get(6)?,
        rules: r.get(7)?,
        announcement: r.get(8)?,
        archived: r.get(9)?,
    })
}

/// Every group with all its fields, active ones first, then by name.
pub fn list_full(conn: &Connection, include_archived: bool) -> Result<Vec<Group>> {
    let sql = format!(
        "SELECT {GROUP_FIELDS} FROM groups WHERE archived = 0 OR ?1 ORDER BY archived, name"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let groups = stmt
        .query_map([include_archived], group_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(groups)
}

/// One group with all its fields.
pub fn get(conn: &Connection, id: i64) -> Result<Group> {
    let sql = format!("SELECT {GROUP_FIELDS} FROM groups WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], group_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "group", id })
}

/// Creates (id 0) or updates a group with every field; returns its id.
pub fn save(conn: &Connection, group: &Group) -> Result<i64> {
    let group = group.clone().trimmed();
    if let Some(problem) = group.problem() {
        return Err(StoreError::Invalid(format!("group: {problem:?}")));
    }
    let now = super::now_unix();
    let created_on = group.created_on.map(|d| d.to_string());
    let values = params![
        group.name,
        group.kind,
        group.positioning,
        group.owner,
        created_on,
        group.welcome,
        group.rules,
        group.announcement,
        group.archived,
        now
    ];
    if group.id == 0 {
        conn.prepare_cached(
            "INSERT INTO groups (name, kind, positioning, owner, created_on, welcome, rules,
                 announcement, archived, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?
        .execute(values)?;
        return Ok(conn.last_insert_rowid());
    }
    let changed = conn
        .prepare_cached(
            "UPDATE groups SET name = ?1, kind = ?2, positioning = ?3, owner = ?4, created_on = ?5,
                 welcome = ?6, rules = ?7, announcement = ?8, archived = ?9, updated_at = ?10
             WHERE id = ?11",
        )?
        .execute(params![
            group.name,
            group.kind,
            group.positioning,
            group.owner,
            created_on,
            group.welcome,
            group.rules,
            group.announcement,
            group.archived,
            now,
            group.id
        ])?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "group",
            id: group.id,
        });
    }
    Ok(group.id)
}

/// Archives or restores a group (archived groups leave filters and plans; their history stays).
pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<()> {
    conn.prepare_cached("UPDATE groups SET archived = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![archived, super::now_unix(), id])?;
    Ok(())
}

/// The id of the group named `name` (active first), if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM groups WHERE name = ?1 ORDER BY archived, id LIMIT 1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

/// Whether a group with this id exists.
pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM groups WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}
