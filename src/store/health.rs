//! Group health data: daily stats rows (read by range, all groups at once for the overview, edited
//! by hand with undo), deriving daily stats from stored chat messages, and the alert thresholds.
//!
//! Precedence of sources for one group and day: `manual` > `wecom` > `chat`. A write from a
//! lower source never overwrites a field a higher source set: WeCom rows skip hand-entered days,
//! and chat-derived numbers only fill fields that are still empty on a `manual` or `wecom` day.
//! The overview reads `group_daily_stats` (primary key order), never `chat_messages`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::settings;
use crate::domain::health::{DayStats, Thresholds};
use crate::domain::time::parse_day;

/// Where a day's numbers came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Source {
    Manual,
    Wecom,
    Chat,
}

impl Source {
    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Wecom => "wecom",
            Source::Chat => "chat",
        }
    }

    fn from_key(key: &str) -> Self {
        match key {
            "wecom" => Source::Wecom,
            "chat" => Source::Chat,
            _ => Source::Manual,
        }
    }

    /// Higher wins.
    pub fn rank(self) -> u8 {
        match self {
            Source::Chat => 0,
            Source::Wecom => 1,
            Source::Manual => 2,
        }
    }
}

/// A stored day with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredDay {
    pub stats: DayStats,
    pub source: Source,
}

const COLUMNS: &str = "day, members, joins, leaves, speakers, messages, exposure, orders, \
     ordering_members, order_amount_cents, cost_cents, source";

/// `YYYY-MM-DD` as stored, read without a format parser (the overview reads 100k of them).
fn stored_day(value: rusqlite::types::ValueRef<'_>) -> Option<NaiveDate> {
    let text = value.as_str().ok()?;
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return parse_day(text);
    }
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)
}

fn day_from_row(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<StoredDay> {
    let stats = DayStats {
        day: stored_day(r.get_ref(first)?).unwrap_or_default(),
        members: r.get(first + 1)?,
        joins: r.get(first + 2)?,
        leaves: r.get(first + 3)?,
        speakers: r.get(first + 4)?,
        messages: r.get(first + 5)?,
        exposure: r.get(first + 6)?,
        orders: r.get(first + 7)?,
        ordering_members: r.get(first + 8)?,
        order_amount_cents: r.get(first + 9)?,
        cost_cents: r.get(first + 10)?,
    };
    let source = r.get_ref(first + 11)?.as_str().unwrap_or("manual");
    Ok(StoredDay {
        stats,
        source: Source::from_key(source),
    })
}

/// One group's stored day.
pub fn day(conn: &Connection, group_id: i64, day: NaiveDate) -> Result<Option<StoredDay>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM group_daily_stats WHERE group_id = ?1 AND day = ?2"
        ))?
        .query_row(params![group_id, day.to_string()], |r| day_from_row(r, 0))
        .optional()?)
}

/// One group's days in `from..=to`, in day order.
pub fn days(
    conn: &Connection,
    group_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayStats>> {
    Ok(stored_days(conn, group_id, from, to)?
        .into_iter()
        .map(|d| d.stats)
        .collect())
}

/// One group's days in `from..=to` with their sources (the editing grid).
pub fn stored_days(
    conn: &Connection,
    group_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<StoredDay>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM group_daily_stats WHERE group_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day"
    ))?;
    let rows = stmt
        .query_map(params![group_id, from.to_string(), to.to_string()], |r| {
            day_from_row(r, 0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every group's days in `from..=to` in one pass over the primary key (the overview): `NOT
/// INDEXED` keeps the planner off the by-day index, which would need a sort of every row.
pub fn all_days(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, Vec<DayStats>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT group_id, {COLUMNS} FROM group_daily_stats NOT INDEXED WHERE day BETWEEN ?1 AND ?2
         ORDER BY group_id, day"
    ))?;
    let mut out: HashMap<i64, Vec<DayStats>> = HashMap::new();
    let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
    while let Some(r) = rows.next()? {
        let group: i64 = r.get(0)?;
        out.entry(group)
            .or_default()
            .push(day_from_row(r, 1)?.stats);
    }
    Ok(out)
}

/// A group as the health screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HealthGroup {
    pub id: i64,
    pub name: String,
    /// The day the group was created, else its first stats day, else its first message day.
    pub since: Option<NaiveDate>,
}

/// Groups that are not archived, with the day they started.
pub fn groups(conn: &Connection) -> Result<Vec<HealthGroup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.name, coalesce(g.created_on,
            (SELECT min(day) FROM group_daily_stats s WHERE s.group_id = g.id))
         FROM groups g WHERE g.archived = 0 ORDER BY g.name, g.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let since: Option<String> = r.get(2)?;
            Ok(HealthGroup {
                id: r.get(0)?,
                name: r.get(1)?,
                since: since.as_deref().and_then(parse_day),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The latest day with stats in any group (the overview's "today" when the data is old).
pub fn latest_day(conn: &Connection) -> Result<Option<NaiveDate>> {
    let day: Option<String> =
        conn.query_row("SELECT max(day) FROM group_daily_stats", [], |r| r.get(0))?;
    Ok(day.as_deref().and_then(parse_day))
}

/// Writes a day as-is with `source` and `batch_id` (insert or replace).
pub fn put(
    conn: &Connection,
    group_id: i64,
    stats: &DayStats,
    source: Source,
    batch_id: Option<i64>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO group_daily_stats (group_id, day, members, joins, leaves, speakers, messages,
           exposure, orders, ordering_members, order_amount_cents, cost_cents, source, batch_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(group_id, day) DO UPDATE SET members = excluded.members,
           joins = excluded.joins, leaves = excluded.leaves, speakers = excluded.speakers,
           messages = excluded.messages, exposure = excluded.exposure, orders = excluded.orders,
           ordering_members = excluded.ordering_members,
           order_amount_cents = excluded.order_amount_cents, cost_cents = excluded.cost_cents,
           source = excluded.source, batch_id = excluded.batch_id",
    )?
    .execute(params![
        group_id,
        stats.day.to_string(),
        stats.members,
        stats.joins,
        stats.leaves,
        stats.speakers,
        stats.messages,
        stats.exposure,
        stats.orders,
        stats.ordering_members,
        stats.order_amount_cents,
        stats.cost_cents,
        source.key(),
        batch_id
    ])?;
    Ok(())
}

/// A stored day as it was before a write (for undo): `None` = there was no row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayBefore {
    pub group_id: i64,
    pub day: NaiveDate,
    pub before: Option<(StoredDay, Option<i64>)>,
}

fn capture(conn: &Connection, group_id: i64, at: NaiveDate) -> Result<DayBefore> {
    let batch: Option<Option<i64>> = conn
        .prepare_cached("SELECT batch_id FROM group_daily_stats WHERE group_id = ?1 AND day = ?2")?
        .query_row(params![group_id, at.to_string()], |r| r.get(0))
        .optional()?;
    let stored = day(conn, group_id, at)?;
    Ok(DayBefore {
        group_id,
        day: at,
        before: stored.map(|s| (s, batch.flatten())),
    })
}

/// A hand edit: stores `stats` as a manual day; returns what was there, for undo.
pub fn save_manual(conn: &Connection, group_id: i64, stats: &DayStats) -> Result<DayBefore> {
    if !super::groups::exists(conn, group_id)? {
        return Err(StoreError::NotFound {
            what: "group",
            id: group_id,
        });
    }
    let before = capture(conn, group_id, stats.day)?;
    put(conn, group_id, stats, Source::Manual, None)?;
    Ok(before)
}

/// Removes a day; returns what was there, for undo.
pub fn delete_day(conn: &Connection, group_id: i64, at: NaiveDate) -> Result<DayBefore> {
    let before = capture(conn, group_id, at)?;
    conn.execute(
        "DELETE FROM group_daily_stats WHERE group_id = ?1 AND day = ?2",
        params![group_id, at.to_string()],
    )?;
    Ok(before)
}

/// Puts a day back as `before` says (undo of a hand edit).
pub fn restore_day(conn: &Connection, before: &DayBefore) -> Result<()> {
    match &before.before {
        Some((stored, batch)) => put(conn, before.group_id, &stored.stats, stored.source, *batch),
        None => {
            conn.execute(
                "DELETE FROM group_daily_stats WHERE group_id = ?1 AND day = ?2",
                params![before.group_id, before.day.to_string()],
            )?;
            Ok(())
        }
    }
}

/// Per-day activity derived from a group's stored chat messages in `from..=to`: speakers =
/// distinct senders of non-system messages, messages = non-system rows, joins = system rows
/// announcing a join; days are the messages' local days. Quiet days inside the range are zeros.
pub fn derive_from_chat(
    conn: &Connection,
    group_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayStats>> {
    let mut stmt = conn.prepare_cached(
        "SELECT local_day,
                count(DISTINCT CASE WHEN kind <> 10000 AND sender <> '' THEN sender END),
                sum(kind <> 10000),
                sum(kind = 10000 AND (instr(text, '加入了群聊') > 0 OR instr(text, '加入群聊') > 0))
         FROM chat_messages INDEXED BY chat_messages_by_group_day
         WHERE group_id = ?1 AND local_day BETWEEN ?2 AND ?3
         GROUP BY local_day ORDER BY local_day",
    )?;
    let mut found: HashMap<NaiveDate, (i64, i64, i64)> = HashMap::new();
    let mut rows = stmt.query(params![group_id, from.to_string(), to.to_string()])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        if let Some(day) = parse_day(&day) {
            found.insert(day, (r.get(1)?, r.get(2)?, r.get(3)?));
        }
    }
    Ok(from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|day| {
            let (speakers, messages, joins) = found.get(&day).copied().unwrap_or_default();
            DayStats {
                speakers: Some(speakers),
                messages: Some(messages),
                joins: Some(joins),
                ..DayStats::empty(day)
            }
        })
        .collect())
}

/// The first and last local day of a group's stored messages.
pub fn chat_day_range(conn: &Connection, group_id: i64) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let (first, last): (Option<String>, Option<String>) = conn.query_row(
        "SELECT min(local_day), max(local_day) FROM chat_messages WHERE group_id = ?1",
        [group_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(first
        .as_deref()
        .and_then(parse_day)
        .zip(last.as_deref().and_then(parse_day)))
}

/// How chat-derived numbers land on a stored day (see the module's precedence rule): the day to
/// write, or `None` when nothing changes.
pub fn merge_chat_day(
    existing: Option<&StoredDay>,
    derived: &DayStats,
) -> Option<(DayStats, Source)> {
    match existing {
        None => Some((*derived, Source::Chat)),
        Some(s) if s.source == Source::Chat => {
            let mut next = s.stats;
            next.speakers = derived.speakers;
            next.messages = derived.messages;
            next.joins = derived.joins;
            (next != s.stats).then_some((next, Source::Chat))
        }
        Some(s) => {
            let mut next = s.stats;
            next.speakers = next.speakers.or(derived.speakers);
            next.messages = next.messages.or(derived.messages);
            next.joins = next.joins.or(derived.joins);
            (next != s.stats).then_some((next, s.source))
        }
    }
}

const THRESHOLDS_KEY: &str = "health.thresholds";

/// The alert thresholds (defaults until the user changes them).
pub fn thresholds(conn: &Connection) -> Result<Thresholds> {
    Ok(settings::get_json(conn, THRESHOLDS_KEY)?.unwrap_or_default())
}

/// Stores the alert thresholds; returns the previous ones (for undo).
pub fn set_thresholds(conn: &Connection, th: &Thresholds) -> Result<Thresholds> {
    let before = thresholds(conn)?;
    settings::set_json(conn, THRESHOLDS_KEY, th)?;
    Ok(before)
}

/// Customers with a WeChat ID: `(id, name, wechat_id)`, oldest first (the demo's chat senders).
pub fn customers_with_wechat_id(
    conn: &Connection,
    limit: usize,
) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, wechat_id FROM customers WHERE wechat_id IS NOT NULL ORDER BY id LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
