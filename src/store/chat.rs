//! Stored chat messages beyond the counts: one customer's latest words across groups, and the
//! 聊天记录 search (its FTS index, queries with filters, a hit's surrounding messages).

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

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

/// The messages matching `query` (the `limit` newest imported), newest sent first. The index is
/// the outer loop in descending rowid order, so a common word stops after `limit` hits instead
/// of sorting all of them; days bound that walk by id, and a sender's own messages are read
/// first and checked against the index.
pub fn search(conn: &Connection, query: &ChatQuery, limit: usize) -> Result<Vec<ChatHit>> {
    let Some(words) = phrase_query(&query.text) else {
        return Ok(Vec::new());
    };
    // Words only in the text (a search for "g1" must not find the group tokens).
    let mut expr = format!("body : ({words})");
    if let Some(g) = query.group_id {
        expr = format!("{expr} AND grp : {}", group_token(g));
    }
    let sender = query.sender.trim();
    if !sender.is_empty() {
        // A sender's messages are few among millions: walking a common word's matches for
        // theirs reads most of the index (0.6 s at 5M), so their messages come first.
        match sender_messages(conn, query, sender)? {
            SenderMessages::Few(ids) if ids.is_empty() => return Ok(Vec::new()),
            SenderMessages::Few(ids) => {
                return hits_among(conn, &expr, &ids, limit, CHECKED_ONE_BY_ONE);
            }
            SenderMessages::Many => {}
        }
    }
    let mut sql = HIT_SELECT.replace(
        "FROM chat_messages m",
        "FROM chat_search s CROSS JOIN chat_messages m ON m.id = s.rowid",
    );
    sql.push_str(" WHERE chat_search MATCH ?");
    let mut args: Vec<rusqlite::types::Value> = vec![expr.into()];
    if query.from.is_some() || query.to.is_some() {
        // The index is read newest first until enough hits pass the day filter: a common word
        // and a day long ago would walk most of it. The ids the days hold bound that walk.
        let Some((lo, hi)) = id_bounds(conn, query)? else {
            return Ok(Vec::new());
        };
        sql.push_str(" AND s.rowid BETWEEN ? AND ?");
        args.push(lo.into());
        args.push(hi.into());
    }
    push_day_filter(&mut sql, &mut args, query);
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

/// Appends the query's days as conditions on `m.local_day`.
fn push_day_filter(sql: &mut String, args: &mut Vec<rusqlite::types::Value>, query: &ChatQuery) {
    for (day, cmp) in [(query.from, ">="), (query.to, "<=")] {
        if let Some(day) = day {
            sql.push_str(&format!(" AND m.local_day {cmp} ?"));
            args.push(day.to_string().into());
        }
    }
}

/// Messages of one sender beyond which walking the word's matches is the better plan (the
/// sender is then a large share of the chat, so matches of theirs come often).
const SENDER_MESSAGES_CAP: usize = 50_000;

/// The messages of the members whose customer name or group nickname holds `sender`, on the
/// query's group and days.
enum SenderMessages {
    Few(HashSet<i64>),
    Many,
}

fn sender_messages(conn: &Connection, query: &ChatQuery, sender: &str) -> Result<SenderMessages> {
    let mut sql = String::from(
        // Members first (CROSS JOIN fixes the order): their messages by the member index,
        // never a pass over every message.
        "SELECT m.id FROM group_members gm
         CROSS JOIN chat_messages m ON m.member_id = gm.id
         LEFT JOIN customers c ON c.id = gm.customer_id
         WHERE (instr(COALESCE(c.name, ''), ?1) > 0 OR instr(gm.display_name, ?1) > 0)",
    );
    let mut args: Vec<rusqlite::types::Value> = vec![sender.to_string().into()];
    if let Some(g) = query.group_id {
        sql.push_str(" AND gm.group_id = ?");
        args.push(g.into());
    }
    push_day_filter(&mut sql, &mut args, query);
    sql.push_str(" LIMIT ?");
    args.push((SENDER_MESSAGES_CAP as i64 + 1).into());
    let ids: HashSet<i64> = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if ids.len() > SENDER_MESSAGES_CAP {
        SenderMessages::Many
    } else {
        SenderMessages::Few(ids)
    })
}

/// Up to this many messages are checked one by one against the index (a seek each); more are
/// checked by walking the word's matches between their smallest and largest id.
const CHECKED_ONE_BY_ONE: usize = 3_000;

/// The `limit` newest of `ids` that match `expr` (`one_by_one`: [`CHECKED_ONE_BY_ONE`], or a
/// test's choice of plan).
fn hits_among(
    conn: &Connection,
    expr: &str,
    ids: &HashSet<i64>,
    limit: usize,
    one_by_one: usize,
) -> Result<Vec<ChatHit>> {
    let mut found = Vec::new();
    if ids.len() <= one_by_one {
        let mut newest_first: Vec<i64> = ids.iter().copied().collect();
        newest_first.sort_unstable_by(|a, b| b.cmp(a));
        let mut check = conn.prepare_cached(
            "SELECT 1 FROM chat_search WHERE chat_search MATCH ?1 AND rowid = ?2",
        )?;
        for id in newest_first {
            if found.len() == limit {
                break;
            }
            if check.exists(params![expr, id])? {
                found.push(id);
            }
        }
    } else {
        let (Some(lo), Some(hi)) = (ids.iter().min(), ids.iter().max()) else {
            return Ok(Vec::new());
        };
        let mut stmt = conn.prepare_cached(
            "SELECT rowid FROM chat_search WHERE chat_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3
             ORDER BY rowid DESC",
        )?;
        let mut rows = stmt.query(params![expr, lo, hi])?;
        while found.len() < limit
            && let Some(r) = rows.next()?
        {
            let id: i64 = r.get(0)?;
            if ids.contains(&id) {
                found.push(id);
            }
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; found.len()].join(", ");
    let mut hits: Vec<ChatHit> = conn
        .prepare(&format!("{HIT_SELECT} WHERE m.id IN ({marks})"))?
        .query_map(rusqlite::params_from_iter(&found), hit)?
        .collect::<rusqlite::Result<_>>()?;
    hits.sort_by_key(|h| std::cmp::Reverse((h.at, h.id)));
    Ok(hits)
}

/// Days up to which a day filter is turned into an id range (two index seeks per day; a range
/// wider than a year lets enough hits through on its own).
const BOUNDED_DAYS: i64 = 400;

/// The smallest and largest message id on the query's days (in its group), `None` when those
/// days hold no message; the whole id range when the days are open-ended or too many.
fn id_bounds(conn: &Connection, query: &ChatQuery) -> Result<Option<(i64, i64)>> {
    let Some((from, to)) = query
        .from
        .zip(query.to)
        .filter(|(f, t)| (*t - *f).num_days() <= BOUNDED_DAYS)
    else {
        return Ok(Some((i64::MIN, i64::MAX)));
    };
    // One day's first and last id are seeks in (local_day, id) or (group_id, local_day, id);
    // MIN/MAX over a range of days would read every entry of those days instead.
    let (min_sql, max_sql) = match query.group_id {
        Some(_) => (
            "SELECT MIN(id) FROM chat_messages WHERE group_id = ?2 AND local_day = ?1",
            "SELECT MAX(id) FROM chat_messages WHERE group_id = ?2 AND local_day = ?1",
        ),
        None => (
            "SELECT MIN(id) FROM chat_messages WHERE local_day = ?1 AND ?2 IS NULL",
            "SELECT MAX(id) FROM chat_messages WHERE local_day = ?1 AND ?2 IS NULL",
        ),
    };
    let mut min_stmt = conn.prepare_cached(min_sql)?;
    let mut max_stmt = conn.prepare_cached(max_sql)?;
    let mut bounds: Option<(i64, i64)> = None;
    for day in from.iter_days().take_while(|d| *d <= to) {
        let day = day.to_string();
        let lo: Option<i64> = min_stmt.query_row(params![day, query.group_id], |r| r.get(0))?;
        let Some(lo) = lo else { continue };
        let hi: i64 = max_stmt.query_row(params![day, query.group_id], |r| r.get(0))?;
        bounds = Some(bounds.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
    }
    Ok(bounds)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Both plans for a sender's messages give the same hits, newest first, at most `limit`.
    #[test]
    fn a_senders_messages_are_checked_one_by_one_or_by_a_walk_alike() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let g = crate::store::groups::create(tx, "群", "", None)?;
                for i in 0..40_i64 {
                    let text = if i % 3 == 0 { "还有货吗" } else { "早上好" };
                    tx.execute(
                        "INSERT INTO chat_messages (group_id, sender, at, local_day, kind, text, source_key)
                         VALUES (?1, 's', ?2, '2024-03-04', 1, ?3, ?4)",
                        params![g, 1_709_517_600 + i, text, format!("k{i}")],
                    )?;
                    index_message(tx, tx.last_insert_rowid(), g, 1, 0, text)?;
                }
                Ok(())
            })
            .unwrap();
        let conn = store.conn();
        let all: Vec<i64> = conn
            .prepare("SELECT id FROM chat_messages ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Every other message is the sender's.
        let ids: HashSet<i64> = all.iter().copied().step_by(2).collect();
        let expr = format!("body : ({})", phrase_query("有货").unwrap());
        let ids_of = |one_by_one: usize| -> Vec<i64> {
            hits_among(conn, &expr, &ids, 3, one_by_one)
                .unwrap()
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        let expected: Vec<i64> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0 && i % 3 == 0)
            .map(|(_, id)| *id)
            .rev()
            .take(3)
            .collect();
        assert_eq!(expected.len(), 3);
        assert_eq!(ids_of(usize::MAX), expected);
        assert_eq!(ids_of(0), expected);
    }
}
