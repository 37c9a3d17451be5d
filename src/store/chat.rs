//! Reads over stored chat messages that are about one customer (their own words across groups).

use rusqlite::Connection;

use super::error::Result;
use crate::domain::time::Stamp;
use crate::store::questions::CHAT_OFFSET_MIN;

/// One message a customer sent in a group.
#[derive(Debug, Clone, PartialEq)]
pub struct SaidInGroup {
    pub at: Stamp,
    pub group: String,
    pub text: String,
}

/// The customer's latest text messages in any group, newest first (through the members linked
/// to them; the `(member_id, at)` index keeps this a few rows per member).
pub fn recent_for_customer(
    conn: &Connection,
    customer_id: i64,
    limit: usize,
) -> Result<Vec<SaidInGroup>> {
    Ok(conn
        .prepare_cached(
            "SELECT m.at, g.name, m.text FROM group_members gm
             JOIN chat_messages m ON m.member_id = gm.id
             JOIN groups g ON g.id = m.group_id
             WHERE gm.customer_id = ?1 AND m.kind = 1 AND m.text <> ''
             ORDER BY m.at DESC LIMIT ?2",
        )?
        .query_map(rusqlite::params![customer_id, limit as i64], |r| {
            Ok(SaidInGroup {
                at: Stamp {
                    unix_s: r.get(0)?,
                    offset_min: CHAT_OFFSET_MIN,
                },
                group: r.get(1)?,
                text: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
