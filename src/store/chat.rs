//! Stored chat messages beyond the counts: one customer's latest words across groups, and the
//! 聊天记录 search (its FTS index, queries with filters, a hit's surrounding messages).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::error::Result;
use crate::domain::search_text::{phrase_query, space_cjk};
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
             WHERE gm.customer_id = ?1 AND (m.kind = 1 OR (m.kind = 49 AND m.sub_kind = 57))
               AND m.text <> ''
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

/// Whether a message's text is worth searching (text and quote replies, not XML bodies).
fn searchable(kind: i64, sub_kind: i64, text: &str) -> bool {
    (kind == 1 || (kind == 49 && sub_kind == 57)) && !text.is_empty() && !text.starts_with('<')
}

/// Adds one stored message to the chat search (the chat import calls it per new message).
pub fn index_message(
    conn: &Connection,
    id: i64,
    group_id: i64,
    kind: i64,
    sub_kind: i64,
    text: &str,
) -> Result<()> {
    if searchable(kind, sub_kind, text) {
        conn.prepare_cached("INSERT INTO chat_search(rowid, body, grp) VALUES (?1, ?2, ?3)")?
            .execute(rusqlite::params![
                id,
                space_cjk(text),
                group_token(group_id)
            ])?;
    }
    Ok(())
}

/// The `grp` column's token of a group.
fn group_token(group_id: i64) -> String {
    format!("g{group_id}")
}

/// Indexes every stored message (the migration that made the index; messages come in id order,
/// one pass).
pub fn index_all(conn: &Connection) -> Result<usize> {
    let mut stmt =
        conn.prepare("SELECT id, group_id, kind, sub_kind, text FROM chat_messages ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        // A text that is not UTF-8 (a damaged export) is left out of the search, not fatal.
        let text = r.get_ref(4)?.as_str().unwrap_or("").to_string();
        index_message(conn, r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, &text)?;
        n += 1;
    }
    Ok(n)
}

/// What to look for in the chat history; empty parts do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChatQuery {
    pub text: String,
    pub group_id: Option<i64>,
    /// Part of the sender's customer name or group nickname.
    pub sender: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One message as the search lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatHit {
    pub id: i64,
    pub group_id: i64,
    pub group: String,
    pub at: Stamp,
    pub local_day: String,
    pub sender: String,
    pub customer_id: Option<i64>,
    pub own: bool,
    pub text: String,
}

const HIT_SELECT: &str = "SELECT m.id, m.group_id, g.name, m.at, m.local_day,
        COALESCE(NULLIF(c.name, ''), NULLIF(gm.display_name, ''), m.sender), gm.customer_id, m.own, m.text
     FROM chat_messages m
     JOIN groups g ON g.id = m.group_id
     LEFT JOIN group_members gm ON gm.id = m.member_id
     LEFT JOIN customers c ON c.id = gm.customer_id";

fn hit(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChatHit> {
    Ok(ChatHit {
        id: r.get(0)?,
        group_id: r.get(1)?,
        group: r.get(2)?,
        at: Stamp {
            unix_s: r.get(3)?,
            offset_min: CHAT_OFFSET_MIN,
        },
        local_day: r.get(4)?,
        sender: r.get(5)?,
        customer_id: r.get(6)?,
        own: r.get(7)?,
        text: r.get(8)?,
    })
}

/// The messages matching `query` (the `limit` newest imported), newest sent first. The index is the outer
/// loop in descending rowid order, so a common word stops after `limit` hits instead of sorting
/// all of them.
pub fn search(conn: &Connection, query: &ChatQuery, limit: usize) -> Result<Vec<ChatHit>> {
    let Some(words) = phrase_query(&query.text) else {
        return Ok(Vec::new());
    };
    // Words only in the text (a search for "g1" must not find the group tokens).
    let mut expr = format!("body : ({words})");
    if let Some(g) = query.group_id {
        expr = format!("{expr} AND grp : {}", group_token(g));
    }
    let mut sql = HIT_SELECT.replace(
        "FROM chat_messages m",
        "FROM chat_search s CROSS JOIN chat_messages m ON m.id = s.rowid",
    );
    sql.push_str(" WHERE chat_search MATCH ?");
    let mut args: Vec<rusqlite::types::Value> = vec![expr.into()];
    if let Some(from) = query.from {
        sql.push_str(" AND m.local_day >= ?");
        args.push(from.to_string().into());
    }
    if let Some(to) = query.to {
        sql.push_str(" AND m.local_day <= ?");
        args.push(to.to_string().into());
    }
    let sender = query.sender.trim();
    if !sender.is_empty() {
        sql.push_str(
            " AND (instr(COALESCE(c.name, ''), ?) > 0 OR instr(COALESCE(gm.display_name, ''), ?) > 0)",
        );
        args.push(sender.to_string().into());
        args.push(sender.to_string().into());
    }
    sql.push_str(" ORDER BY s.rowid DESC LIMIT ?");
    args.push((limit as i64).into());
    let mut hits: Vec<ChatHit> = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(args), hit)?
        .collect::<rusqlite::Result<_>>()?;
    // The chosen hits are the newest imported; shown newest sent first.
    hits.sort_by_key(|h| std::cmp::Reverse((h.at, h.id)));
    Ok(hits)
}

/// The hit with up to `around` messages of the same group and day before and after it, in time
/// order.
pub fn context(conn: &Connection, hit: &ChatHit, around: usize) -> Result<Vec<ChatHit>> {
    let side = |cmp: &str, order: &str| -> Result<Vec<ChatHit>> {
        let sql = format!(
            "{HIT_SELECT} WHERE m.group_id = ?1 AND m.local_day = ?2 AND m.kind <> 10000
               AND (m.at, m.id) {cmp} (?3, ?4) ORDER BY m.at {order}, m.id {order} LIMIT ?5"
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_map(
                rusqlite::params![
                    hit.group_id,
                    hit.local_day,
                    hit.at.unix_s,
                    hit.id,
                    around as i64
                ],
                self::hit,
            )?
            .collect::<rusqlite::Result<_>>()?)
    };
    let mut before = side("<", "DESC")?;
    before.reverse();
    before.push(hit.clone());
    before.extend(side(">", "ASC")?);
    Ok(before)
}
