//! Keyword signals over stored chat messages: the rules (settings) and the customers whose own
//! messages in the last days match one, with the message that matched.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, params_from_iter};

use super::error::Result;
use super::settings;
use crate::domain::signals::{SignalRule, default_rules};
use crate::domain::time::Stamp;
use crate::store::questions::CHAT_OFFSET_MIN;

const RULES_KEY: &str = "signals.rules";

/// The signal rules (the defaults until the user changes them).
pub fn rules(conn: &Connection) -> Result<Vec<SignalRule>> {
    Ok(settings::get_json(conn, RULES_KEY)?.unwrap_or_else(default_rules))
}

/// Stores the rules; returns the previous ones (for undo).
pub fn set_rules(conn: &Connection, rules: &[SignalRule]) -> Result<Vec<SignalRule>> {
    let before = self::rules(conn)?;
    settings::set_json(conn, RULES_KEY, rules)?;
    Ok(before)
}

/// A customer a rule found, with their latest matching message.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalHit {
    pub customer_id: i64,
    pub customer: String,
    pub at: Stamp,
    pub group: String,
    pub text: String,
    pub word: String,
}

/// The customers (linked to a chat sender) whose text messages from `today - days + 1` to
/// `today` contain one of the rule's words, latest match first, at most `limit`. Reads the
/// days' messages through the `(local_day, member_id, kind)` index; the team's are skipped, as
/// `store::questions` knows the team: the exporter's own messages, the group's active 群主 /
/// 群管理, members named like a staff account.
pub fn matching(
    conn: &Connection,
    rule: &SignalRule,
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<SignalHit>> {
    let words: Vec<&str> = rule
        .words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let from = (today - Duration::days(rule.days.max(1) - 1)).to_string();
    let likes = vec!["instr(m.text, ?) > 0"; words.len()].join(" OR ");
    let sql = format!(
        "SELECT gm.customer_id, c.name, m.at, g.name, m.text FROM chat_messages m
         JOIN group_members gm ON gm.id = m.member_id
         JOIN customers c ON c.id = gm.customer_id
         JOIN groups g ON g.id = m.group_id
         WHERE m.local_day BETWEEN ? AND ? AND (m.kind = 1 OR (m.kind = 49 AND m.sub_kind = 57))
           AND m.own = 0 AND ({likes})
           AND (gm.display_name = '' OR gm.display_name NOT IN (SELECT name FROM staff))
           AND gm.customer_id NOT IN (
               SELECT ra.customer_id FROM role_assignments ra JOIN roles r ON r.id = ra.role_id
               WHERE ra.status = 'active' AND r.name IN ('群主', '群管理')
                 AND (ra.group_id = m.group_id OR ra.group_id IS NULL))
         ORDER BY m.at DESC"
    );
    let mut args: Vec<String> = vec![from, today.to_string()];
    args.extend(words.iter().map(|w| w.to_string()));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let customer_id: i64 = r.get(0)?;
        if !seen.insert(customer_id) {
            continue;
        }
        let text: String = r.get(4)?;
        out.push(SignalHit {
            customer_id,
            customer: r.get(1)?,
            at: Stamp {
                unix_s: r.get(2)?,
                offset_min: CHAT_OFFSET_MIN,
            },
            group: r.get(3)?,
            word: rule.matched_word(&text).unwrap_or_default().to_string(),
            text,
        });
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}
