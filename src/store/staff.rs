//! Staff members (添加人) and which customers each added.

use rusqlite::{Connection, params};

use super::error::Result;
use crate::domain::customer::Staff;
use crate::domain::time::Stamp;

/// Every staff member, by name.
pub fn list(conn: &Connection) -> Result<Vec<Staff>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM staff ORDER BY name")?;
    let staff = stmt
        .query_map([], |r| {
            Ok(Staff {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(staff)
}

/// The id of the staff member called `name`, creating them if new.
pub fn ensure(conn: &Connection, name: &str) -> Result<i64> {
    let name = name.trim();
    conn.prepare_cached("INSERT INTO staff (name) VALUES (?1) ON CONFLICT(name) DO NOTHING")?
        .execute([name])?;
    Ok(conn
        .prepare_cached("SELECT id FROM staff WHERE name = ?1")?
        .query_row([name], |r| r.get(0))?)
}

/// A customer added twice by one staff member keeps the earliest add time.
pub const LINK_CONFLICT: &str = "ON CONFLICT(customer_id, staff_id) DO UPDATE SET
    added_at = excluded.added_at, added_offset_min = excluded.added_offset_min
    WHERE excluded.added_at IS NOT NULL AND (added_at IS NULL OR excluded.added_at < added_at)";

/// Records that `staff_id` added the customer (keeping the earliest time if already linked).
pub fn link(conn: &Connection, customer_id: i64, staff_id: i64, at: Option<Stamp>) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO customer_staff (customer_id, staff_id, added_at, added_offset_min)
             VALUES (?1, ?2, ?3, ?4) {LINK_CONFLICT}"
    ))?
    .execute(params![
        customer_id,
        staff_id,
        at.map(|s| s.unix_s),
        at.map(|s| s.offset_min)
    ])?;
    Ok(())
}
