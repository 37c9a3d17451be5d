//! Community groups, as far as other screens need them: a list to filter by.

use rusqlite::Connection;

use super::error::Result;
use crate::domain::customer::GroupRef;

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
