//! Gathers the weekly report (`domain::report`) from what the other store modules keep: group
//! stats and alerts, the content plan, KOC contributions, follow-ups, new customers, orders and
//! the questions in imported chats. Read-only; the queries live with their tables' modules.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::content_items::{self, ItemFilter};
use super::error::Result;
use super::{customers, health, koc_views, questions};
use crate::domain::content::ItemStatus;
use crate::domain::filter::CustomerFilter;
use crate::domain::health::{DayStats, alerts, period_rates, totals, window};
use crate::domain::questions::{Question, summarize};
use crate::domain::report::{ContentWeek, Contributor, GroupWeek, SalesWeek, WeeklyReport};
use crate::domain::time::day_start_unix;

/// How many KOC contributors the report names.
const TOP_CONTRIBUTORS: usize = 5;
/// Days of stats read before Monday, so "N days in a row" alerts see their run.
const ALERT_HISTORY_DAYS: i64 = 60;

/// The week starting `monday` (any day is moved back to its Monday). `offset_min` is the zone
/// of the days (new customers, orders, follow-ups done) and of imported chats.
pub fn weekly(conn: &Connection, monday: NaiveDate, offset_min: i32) -> Result<WeeklyReport> {
    let monday = crate::domain::content::week_start(monday);
    let sunday = monday + Duration::days(6);
    let (start, end) = (
        day_start_unix(monday, offset_min),
        day_start_unix(sunday + Duration::days(1), offset_min),
    );
    let rules = questions::service_rules(conn)?;
    let stats = health::all_days(conn, monday - Duration::days(ALERT_HISTORY_DAYS), sunday)?;
    let thresholds = health::thresholds(conn)?;
    let mut by_group: HashMap<i64, Vec<Question>> =
        questions::questions_by_group(conn, monday, sunday, offset_min, &rules)?
            .into_iter()
            .collect();
    let has_chat = !by_group.is_empty();
    let mut all_questions = Vec::new();
    let mut groups = Vec::new();
    for g in health::groups(conn)? {
        let days: &[DayStats] = stats.get(&g.id).map_or(&[], Vec::as_slice);
        let (before, week) = window(days, monday, sunday);
        let service = by_group.remove(&g.id).map(|qs| {
            let s = summarize(&qs, &rules);
            all_questions.extend(qs);
            s
        });
        if week.is_empty() && service.as_ref().is_none_or(|s| s.questions == 0) {
            continue; // nothing known about this group this week
        }
        let t = totals(before, week);
        let rates = period_rates(&t, None);
        let since = g.since.or(days.first().map(|d| d.day)).unwrap_or(sunday);
        let by_day = |f: fn(&DayStats) -> Option<i64>| -> Vec<Option<i64>> {
            monday
                .iter_days()
                .take(7)
                .map(|d| week.iter().find(|s| s.day == d).and_then(f))
                .collect()
        };
        groups.push(GroupWeek {
            name: g.name.clone(),
            members: t.end_members,
            net_growth: rates.net_growth,
            interaction_rate: rates.interaction_rate,
            leave_rate: rates.leave_rate,
            conversion_rate: rates.conversion_rate,
            members_by_day: by_day(|s| s.members),
            messages_by_day: by_day(|s| s.messages),
            alerts: alerts(
                days,
                sunday,
                (sunday - since).num_days().max(0),
                &thresholds,
            ),
            service,
        });
    }
    let mut content = ContentWeek::default();
    for item in content_items::list(conn, &ItemFilter::range(monday, sunday))? {
        match item.status {
            ItemStatus::Sent => content.sent += 1,
            ItemStatus::Skipped => content.skipped += 1,
            ItemStatus::Planned | ItemStatus::Ready => content.not_sent += 1,
        }
        if item.status != ItemStatus::Skipped {
            content.planned += 1;
        }
    }
    let contributors = koc_views::leaderboard(conn, monday, sunday, TOP_CONTRIBUTORS)?
        .into_iter()
        .map(|l| Contributor {
            name: l.name,
            contributions: l.contributions,
            amount_cents: l.amount_cents,
        })
        .collect();
    let followups_done = super::followups::count_done_between(conn, start, end)?;
    let followups_overdue = super::followups::count_due(conn, sunday)?;
    let new_customers = customers::list_ids(
        conn,
        &CustomerFilter {
            added_from: Some(monday),
            added_to: Some(sunday),
            ..CustomerFilter::default()
        },
    )?
    .len();
    let (orders, buyers, amount_cents) = super::purchases::totals_between(conn, start, end)?;
    let sales = SalesWeek {
        orders,
        buyers,
        amount_cents,
    };
    let service = has_chat.then(|| summarize(&all_questions, &rules));
    Ok(WeeklyReport {
        monday,
        groups,
        content,
        contributors,
        followups_done,
        followups_overdue,
        new_customers,
        sales,
        service,
    })
}
