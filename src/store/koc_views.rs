//! The KOC screen's read models: the board of current holders with their activity against the
//! role's expectation, the contribution leaderboard, candidates and group coverage. Each reads
//! through an index over a window of days; nothing walks every customer or message.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::error::Result;
use super::koc::{self, AssignmentView};
use crate::domain::koc::{
    self as rules, CandidateActivity, CandidateScore, Expectation, ExpectationCheck, REFERRAL_KIND,
    Role, Status, Weights, score_candidate,
};
use crate::domain::time::{day_start_unix, local_offset_min, parse_day};

/// How many days of chat the board looks back over for speaking days.
pub const SPEAKING_WINDOW_DAYS: u32 = 14;

/// A current assignment with what its holder did.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub view: AssignmentView,
    pub contributions_this_month: u32,
    pub last_contribution: Option<NaiveDate>,
    pub speaking_days: u32,
    pub last_message: Option<NaiveDate>,
    /// The role's expectation and how the holder stands against it.
    pub expectation: Option<Expectation>,
    /// `None` for a speaking expectation when no chat history covers the holder's group in the
    /// window: silence there is unknown, not zero.
    pub check: Option<ExpectationCheck>,
    /// Chat history exists for the holder's group (any group for an all-groups role) in the
    /// speaking window.
    pub chat_known: bool,
    pub quiet_days: i64,
}

impl Holder {
    /// Active holders quiet for long enough get the warning; candidates are not judged.
    pub fn is_quiet(&self) -> bool {
        self.view.assignment.status == Status::Active && rules::is_quiet(self.quiet_days)
    }
}

fn day_of(text: Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(parse_day)
}

/// Every current holder and candidate, with activity judged on `today`.
pub fn board(conn: &Connection, today: NaiveDate) -> Result<Vec<Holder>> {
    let roles: HashMap<i64, Role> = koc::roles(conn)?.into_iter().map(|r| (r.id, r)).collect();
    let month_start = today.with_day(1).unwrap_or(today);
    let window_start = today - chrono::Duration::days(i64::from(SPEAKING_WINDOW_DAYS) - 1);
    let mut contributions = conn.prepare_cached(
        "SELECT count(*) FILTER (WHERE day >= ?2 AND day <= ?3), max(day)
         FROM contributions WHERE customer_id = ?1",
    )?;
    let mut chat = conn.prepare_cached(
        "SELECT count(DISTINCT cm.local_day) FILTER (WHERE cm.local_day >= ?2 AND cm.local_day <= ?3),
                max(cm.local_day)
         FROM group_members gm JOIN chat_messages cm ON cm.member_id = gm.id
         WHERE gm.customer_id = ?1 AND cm.kind <> 10000",
    )?;
    let mut group_chat = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM chat_messages WHERE group_id = ?1 AND local_day >= ?2)",
    )?;
    let mut any_chat = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM chat_messages INDEXED BY chat_messages_by_day_member
                        WHERE local_day >= ?1)",
    )?;
    let window = window_start.to_string();
    let mut holders = Vec::new();
    for view in koc::current(conn)? {
        let chat_known: bool = match view.assignment.group_id {
            Some(group) => group_chat.query_row(params![group, window], |r| r.get(0))?,
            None => any_chat.query_row([&window], |r| r.get(0))?,
        };
        let customer = view.assignment.customer_id;
        let (this_month, last_contribution): (u32, Option<String>) = contributions.query_row(
            params![customer, month_start.to_string(), today.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (speaking_days, last_message): (u32, Option<String>) = chat.query_row(
            params![customer, window_start.to_string(), today.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let last_contribution = day_of(last_contribution);
        let last_message = day_of(last_message);
        let expectation = roles
            .get(&view.assignment.role_id)
            .and_then(|r| r.expectation);
        let judged =
            expectation.filter(|e| chat_known || !matches!(e, Expectation::SpeakingDaysPerWeek(_)));
        let check = judged.map(|e| {
            rules::check_expectation(
                e,
                speaking_days,
                SPEAKING_WINDOW_DAYS,
                this_month,
                today.day(),
                rules::days_in_month(today),
            )
        });
        let last_activity = last_contribution.max(last_message);
        let quiet_days = rules::quiet_days(today, last_activity, view.assignment.since);
        holders.push(Holder {
            view,
            contributions_this_month: this_month,
            last_contribution,
            speaking_days,
            last_message,
            expectation,
            check,
            chat_known,
            quiet_days,
        });
    }
    Ok(holders)
}

/// One line of the leaderboard.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Leader {
    pub customer_id: i64,
    pub name: String,
    pub contributions: u32,
    pub value: f64,
    pub amount_cents: i64,
}

/// Contributions per customer in `from..=to`, most first.
pub fn leaderboard(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    limit: usize,
) -> Result<Vec<Leader>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.customer_id, c.name, count(*), sum(k.value), coalesce(sum(k.amount_cents), 0)
         FROM contributions k JOIN customers c ON c.id = k.customer_id
         WHERE k.day >= ?1 AND k.day <= ?2
         GROUP BY k.customer_id ORDER BY count(*) DESC, sum(k.value) DESC, k.customer_id LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(
            params![from.to_string(), to.to_string(), limit as i64],
            |r| {
                Ok(Leader {
                    customer_id: r.get(0)?,
                    name: r.get(1)?,
                    contributions: r.get(2)?,
                    value: r.get(3)?,
                    amount_cents: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One customer's contributions per day in `from..=to` (days without any are left out).
pub fn contributions_per_day(
    conn: &Connection,
    customer_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, count(*) FROM contributions WHERE customer_id = ?1 AND day >= ?2 AND day <= ?3
         GROUP BY day ORDER BY day",
    )?;
    let rows = stmt
        .query_map(
            params![customer_id, from.to_string(), to.to_string()],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<Vec<(String, u32)>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(d, n)| parse_day(&d).map(|d| (d, n)))
        .collect())
}

/// A member without a role, with what they did and their explained score.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub customer_id: i64,
    pub name: String,
    pub activity: CandidateActivity,
    pub score: CandidateScore,
}

/// The highest chat message id: how much chat history there is, without counting it.
pub fn chat_message_high_water(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM chat_messages", [], |r| {
            r.get(0)
        })?,
    )
}

/// The best `limit` candidates over `from..=to`: customers with no current assignment, scored on
/// speaking days and messages (chat history linked to customers), referrals, purchases and notes.
/// The pool is whoever spoke, referred or bought in the window (each found through an index on
/// its date); notes are then counted for that pool only.
pub fn candidates(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    limit: usize,
) -> Result<Vec<Candidate>> {
    let mut pool: HashMap<i64, CandidateActivity> = HashMap::new();
    let (from_s, to_s) = (from.to_string(), to.to_string());
    let mut chat = conn.prepare_cached(
        "SELECT gm.customer_id, count(DISTINCT cm.local_day), count(*)
         FROM chat_messages cm INDEXED BY chat_messages_by_day_member
         JOIN group_members gm ON gm.id = cm.member_id
         WHERE cm.local_day >= ?1 AND cm.local_day <= ?2 AND cm.kind <> 10000
           AND gm.customer_id IS NOT NULL
         GROUP BY gm.customer_id",
    )?;
    for row in chat.query_map(params![from_s, to_s], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })? {
        let (id, days, messages) = row?;
        let a = pool.entry(id).or_default();
        a.speaking_days = days;
        a.messages = messages;
    }
    let mut referrals = conn.prepare_cached(
        "SELECT customer_id, count(*) FROM contributions
         WHERE day >= ?1 AND day <= ?2 AND kind = ?3 GROUP BY customer_id",
    )?;
    for row in referrals.query_map(params![from_s, to_s, REFERRAL_KIND], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
    })? {
        let (id, n) = row?;
        pool.entry(id).or_default().referrals = n;
    }
    let offset = local_offset_min();
    let (start, end) = (
        day_start_unix(from, offset),
        day_start_unix(to.succ_opt().unwrap_or(to), offset),
    );
    let mut purchases = conn.prepare_cached(
        "SELECT customer_id, count(*) FROM purchases WHERE at >= ?1 AND at < ?2 GROUP BY customer_id",
    )?;
    for row in purchases.query_map(params![start, end], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
    })? {
        let (id, n) = row?;
        pool.entry(id).or_default().purchases = n;
    }
    let mut notes = conn.prepare_cached(
        "SELECT count(*) FROM notes WHERE customer_id = ?1 AND at >= ?2 AND at < ?3",
    )?;
    let mut holding = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM role_assignments WHERE customer_id = ?1 AND status <> 'ended')",
    )?;
    let mut name = conn.prepare_cached("SELECT name FROM customers WHERE id = ?1")?;
    let weights = Weights::default();
    let mut scored = Vec::with_capacity(pool.len());
    for (id, mut activity) in pool {
        if holding.query_row([id], |r| r.get::<_, bool>(0))? {
            continue;
        }
        activity.notes = notes.query_row(params![id, start, end], |r| r.get(0))?;
        scored.push((id, activity, score_candidate(activity, weights)));
    }
    scored.sort_by(|a, b| b.2.total.total_cmp(&a.2.total).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    let mut out = Vec::with_capacity(scored.len());
    for (customer_id, activity, score) in scored {
        out.push(Candidate {
            customer_id,
            name: name.query_row([customer_id], |r| r.get(0))?,
            activity,
            score,
        });
    }
    Ok(out)
}

/// A group's active covering holders (气氛组, 群管理 …) against the target.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Coverage {
    pub group_id: i64,
    pub group: String,
    pub active: u32,
    pub target: u32,
    pub below: bool,
}

/// Every active group's coverage; holders assigned to all groups count for each.
pub fn coverage(conn: &Connection) -> Result<Vec<Coverage>> {
    let target = koc::coverage_target(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.name,
           (SELECT count(DISTINCT a.customer_id) FROM role_assignments a JOIN roles r ON r.id = a.role_id
            WHERE a.status = 'active' AND r.covers_group = 1
              AND (a.group_id = g.id OR a.group_id IS NULL))
         FROM groups g WHERE g.archived = 0 ORDER BY g.name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let active: u32 = r.get(2)?;
            Ok(Coverage {
                group_id: r.get(0)?,
                group: r.get(1)?,
                active,
                target,
                below: rules::below_coverage(active, target),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
