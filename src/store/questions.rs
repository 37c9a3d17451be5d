//! Customers' questions in imported group chats and the team's answers: the messages of a group
//! over a range of days, who of the senders is on the team, and the rules from settings. The
//! derivation itself is `domain::questions`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::error::Result;
use super::settings;
use crate::domain::questions::{
    ChatLine, Question, ServiceRules, ServiceSummary, find_questions, summarize,
};

/// The zone chats are read in: Beijing time, the chat import's default (`--tz`).
pub const CHAT_OFFSET_MIN: i32 = 8 * 60;

const RULES_KEY: &str = "questions.rules";

/// The question rules (defaults until the user changes them).
pub fn service_rules(conn: &Connection) -> Result<ServiceRules> {
    Ok(settings::get_json(conn, RULES_KEY)?.unwrap_or_default())
}

/// Stores the question rules; returns the previous ones (for undo).
pub fn set_service_rules(conn: &Connection, rules: &ServiceRules) -> Result<ServiceRules> {
    let before = service_rules(conn)?;
    settings::set_json(conn, RULES_KEY, rules)?;
    Ok(before)
}

/// Who speaks for the team in a group: senders of the exporter's own messages, members linked
/// to the group's active 群主 / 群管理, and members named like a staff account.
struct Team {
    senders: HashSet<String>,
    customers: HashSet<i64>,
    staff_names: HashSet<String>,
}

impl Team {
    fn read(conn: &Connection, group_id: i64, from: &str, to: &str) -> Result<Self> {
        let senders = conn
            .prepare_cached(
                "SELECT DISTINCT sender FROM chat_messages
                 WHERE group_id = ?1 AND local_day BETWEEN ?2 AND ?3 AND own = 1",
            )?
            .query_map(params![group_id, from, to], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let customers = conn
            .prepare_cached(
                "SELECT ra.customer_id FROM role_assignments ra JOIN roles r ON r.id = ra.role_id
                 WHERE ra.status = 'active' AND r.name IN ('群主', '群管理')
                   AND (ra.group_id = ?1 OR ra.group_id IS NULL)",
            )?
            .query_map([group_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let staff_names = conn
            .prepare_cached("SELECT name FROM staff")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self {
            senders,
            customers,
            staff_names,
        })
    }

    fn includes(&self, own: bool, sender: &str, customer: Option<i64>, name: &str) -> bool {
        own || self.senders.contains(sender)
            || customer.is_some_and(|c| self.customers.contains(&c))
            || (!name.is_empty() && self.staff_names.contains(name))
    }
}

/// Local date-time of a unix instant in the zone `offset_min`.
fn local(at_unix: i64, offset_min: i32) -> NaiveDateTime {
    DateTime::from_timestamp(at_unix + i64::from(offset_min) * 60, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// The questions customers asked in `group_id` from `from` to `to` (local days, inclusive),
/// oldest first, with the team's answers. `offset_min` is the zone the chat was imported in.
pub fn questions(
    conn: &Connection,
    group_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    offset_min: i32,
    rules: &ServiceRules,
) -> Result<Vec<Question>> {
    // Read past the range's end, so a late answer to its last questions is seen.
    let read_to = (to + Duration::days(rules.lookahead_days())).to_string();
    let from_s = from.to_string();
    let team = Team::read(conn, group_id, &from_s, &read_to)?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.at, m.kind, m.sub_kind, m.text, m.own, m.sender, gm.customer_id,
                COALESCE(NULLIF(c.name, ''), NULLIF(gm.display_name, ''), m.sender),
                COALESCE(gm.display_name, '')
         FROM chat_messages m
         LEFT JOIN group_members gm ON gm.id = m.member_id
         LEFT JOIN customers c ON c.id = gm.customer_id
         WHERE m.group_id = ?1 AND m.local_day BETWEEN ?2 AND ?3
         ORDER BY m.at, m.id",
    )?;
    let lines = stmt
        .query_map(params![group_id, from_s, read_to], |r| {
            let sender: String = r.get(6)?;
            let customer: Option<i64> = r.get(7)?;
            let display: String = r.get(9)?;
            Ok(ChatLine {
                id: r.get(0)?,
                at: local(r.get(1)?, offset_min),
                kind: r.get(2)?,
                sub_kind: r.get(3)?,
                text: r.get(4)?,
                team: team.includes(r.get(5)?, &sender, customer, &display),
                sender_name: r.get(8)?,
                customer_id: customer,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let ends = last_message_at(conn, group_id, offset_min)?
        .or(lines.last().map(|l| l.at))
        .unwrap_or_default();
    Ok(find_questions(&lines, rules, ends)
        .into_iter()
        .filter(|q| (from..=to).contains(&q.at.date()))
        .collect())
}

/// The questions of every group with chat history from `from` to `to`, per group id (a group
/// whose range holds no question has an empty list). One group's read at a time: 300 groups over a
/// week is ≈0.4 s at 5M messages (BENCHMARKS.md), so callers in the window run it on a worker.
pub fn questions_by_group(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    offset_min: i32,
    rules: &ServiceRules,
) -> Result<Vec<(i64, Vec<Question>)>> {
    let mut out = Vec::new();
    for (group, _) in chat_groups(conn)? {
        let qs = questions(conn, group, from, to, offset_min, rules)?;
        out.push((group, qs));
    }
    Ok(out)
}

/// Each chat group's service figures from `from` to `to` under the stored rules (the overview's
/// column): [`questions_by_group`] summed per group.
pub fn service_by_group(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    offset_min: i32,
) -> Result<HashMap<i64, ServiceSummary>> {
    let rules = service_rules(conn)?;
    Ok(questions_by_group(conn, from, to, offset_min, &rules)?
        .into_iter()
        .map(|(group, qs)| (group, summarize(&qs, &rules)))
        .collect())
}

/// When the group's last imported message was sent.
fn last_message_at(
    conn: &Connection,
    group_id: i64,
    offset_min: i32,
) -> Result<Option<NaiveDateTime>> {
    let at: Option<i64> = conn
        .prepare_cached(
            "SELECT MAX(at) FROM chat_messages WHERE group_id = ?1 AND local_day =
               (SELECT MAX(local_day) FROM chat_messages WHERE group_id = ?1)",
        )?
        .query_row([group_id], |r| r.get(0))?;
    Ok(at.map(|a| local(a, offset_min)))
}

/// Groups with imported chat history: `(id, name)`, by name.
pub fn chat_groups(conn: &Connection) -> Result<Vec<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT g.id, g.name FROM groups g
             WHERE EXISTS (SELECT 1 FROM chat_messages m WHERE m.group_id = g.id)
             ORDER BY g.name, g.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
