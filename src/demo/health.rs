//! Demo group health: a year of daily numbers for every demo group (some thriving, some dying,
//! one going silent, one selling, one spreading, a new one losing members fast) and two weeks of
//! chat messages in one group from customers with a WeChat ID (linked as members).

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::Rng;
use crate::domain::health::{DayStats, IncomingMessage};
use crate::store::health::{self, Source};
use crate::store::health_import::{ChatImport, ChatTarget};
use crate::store::imports::BatchInfo;
use crate::store::{self, groups};

/// How a demo group lives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Thriving,
    Steady,
    Dying,
    Selling,
    Silent,
    Spreading,
    Churning,
}

/// The profile of the demo group at `index`.
fn profile(index: usize) -> Profile {
    match index % 7 {
        0 => Profile::Thriving,
        1 => Profile::Steady,
        2 => Profile::Dying,
        3 => Profile::Selling,
        4 => Profile::Steady,
        5 => Profile::Silent,
        _ => Profile::Spreading,
    }
}

/// What was written.
pub struct HealthDemo {
    pub days: usize,
    pub messages: usize,
    pub groups_created: usize,
}

/// Fills a year of stats for `group_ids` (created on their `created_on`), adds a new churning
/// group, and two weeks of chat in the first group.
pub fn fill(
    conn: &Connection,
    rng: &mut Rng,
    group_ids: &[i64],
    anchor: NaiveDate,
) -> store::Result<HealthDemo> {
    let mut groups_list: Vec<(i64, Profile)> = group_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, profile(i)))
        .collect();
    let young = anchor - Duration::days(9);
    let new_id = groups::create(conn, "新人体验2群", "引流群", Some(&young.to_string()))?;
    groups_list.push((new_id, Profile::Churning));
    let mut days = 0;
    for (id, profile) in &groups_list {
        let created = groups::get(conn, *id)?
            .created_on
            .unwrap_or(anchor - Duration::days(365));
        let start = created.max(anchor - Duration::days(365));
        let mut members: i64 = 0;
        for day in start.iter_days().take_while(|d| *d <= anchor) {
            let age = (day - created).num_days();
            let left = (anchor - day).num_days();
            let stats = day_numbers(rng, *profile, age, left, &mut members, day);
            health::put(conn, *id, &stats, Source::Wecom, None)?;
            days += 1;
        }
    }
    let messages = chat(conn, rng, group_ids.first().copied(), anchor)?;
    Ok(HealthDemo {
        days,
        messages,
        groups_created: 1,
    })
}

fn day_numbers(
    rng: &mut Rng,
    profile: Profile,
    age: i64,
    left: i64,
    members: &mut i64,
    day: NaiveDate,
) -> DayStats {
    let r = |rng: &mut Rng, n: usize| rng.below(n.max(1)) as i64;
    let (joins, mut leaves) = if age == 0 {
        (80 + r(rng, 120), 0)
    } else {
        match profile {
            Profile::Thriving => (r(rng, 6) + 1, r(rng, 3)),
            Profile::Steady | Profile::Silent => (r(rng, 3), r(rng, 3)),
            Profile::Dying if left < 90 && *members > 40 => (r(rng, 2), r(rng, 4) + 1),
            Profile::Dying => (r(rng, 3), r(rng, 3)),
            Profile::Selling => (r(rng, 4), r(rng, 3)),
            Profile::Spreading if left < 60 => (r(rng, 10) + 3, r(rng, 2)),
            Profile::Spreading => (r(rng, 4), r(rng, 3)),
            Profile::Churning => (r(rng, 4), r(rng, 6) + 2),
        }
    };
    leaves = leaves.min((*members + joins - 20).max(0));
    let start = *members;
    *members = start + joins - leaves;
    let m = *members as f64;
    let rate = match profile {
        Profile::Thriving => 0.14,
        Profile::Steady => 0.07,
        Profile::Dying if left < 90 => 0.05 * (left as f64 / 90.0).max(0.2),
        Profile::Dying => 0.06,
        Profile::Selling => 0.09,
        Profile::Silent if left < 3 => 0.0,
        Profile::Silent => 0.05,
        Profile::Spreading => 0.16,
        Profile::Churning => 0.04,
    };
    let noise = 0.6 + rng.below(80) as f64 / 100.0;
    let speakers = ((m * rate * noise).round() as i64).min(*members);
    let messages = speakers * (2 + r(rng, 4));
    let selling = matches!(profile, Profile::Selling | Profile::Thriving) && rng.chance(35);
    let orders = if selling { 1 + r(rng, 4) } else { 0 };
    let ordering = orders.min((orders + 1) / 2 + r(rng, 2)).min(orders);
    let amount = orders * (9_900 + r(rng, 40_000));
    DayStats {
        day,
        members: Some(*members),
        joins: Some(joins),
        leaves: Some(leaves),
        speakers: Some(speakers),
        messages: Some(messages),
        exposure: Some(joins * (6 + r(rng, 10))),
        orders: Some(orders),
        ordering_members: Some(ordering),
        order_amount_cents: Some(amount),
        cost_cents: Some(if day.format("%d").to_string() == "01" {
            50_000
        } else {
            0
        }),
    }
}

/// Two weeks of chat in `group` from customers with a WeChat ID, through the chat import.
fn chat(
    conn: &Connection,
    rng: &mut Rng,
    group: Option<i64>,
    anchor: NaiveDate,
) -> store::Result<usize> {
    let Some(group) = group else { return Ok(0) };
    let senders = health::customers_with_wechat_id(conn, 40)?;
    if senders.is_empty() {
        return Ok(0);
    }
    let info = BatchInfo {
        file_name: "demo_chat.csv".into(),
        file_hash: "demo".into(),
        kind: "chat".into(),
        format: "csv".into(),
        encoding: "UTF-8".into(),
    };
    let mut batch = ChatImport::begin(conn, &info, &ChatTarget::Existing(group))?;
    let lines = [
        "早上好",
        "今天的白茶不错",
        "收到",
        "请问还有货吗",
        "谢谢群主",
        "打卡",
        "好的",
    ];
    let mut n = 0;
    for back in 0..14 {
        let day = anchor - Duration::days(back);
        let midnight = crate::domain::time::day_start_unix(day, 480);
        for _ in 0..(10 + rng.below(20)) {
            let (_, name, wxid) = &senders[rng.below(senders.len())];
            // Early birds: some messages before 08:00 local (a different UTC day).
            let at = midnight + rng.below(24 * 3600) as i64;
            let text = rng.pick(&lines);
            batch.add(&IncomingMessage {
                at_unix: at,
                local_day: day,
                kind: 1,
                sub_kind: 0,
                text: text.to_string(),
                sender: wxid.clone(),
                nick_name: name.clone(),
                remark: String::new(),
                own: false,
            })?;
            n += 1;
            // The exporter (the group's owner) answers most questions, some late, some never,
            // so the demo book's 待回复 list has something in it.
            if text.ends_with('吗') && rng.chance(70) {
                let reply_at = at + 60 * (2 + rng.below(80)) as i64;
                batch.add(&IncomingMessage {
                    at_unix: reply_at,
                    local_day: crate::domain::time::Stamp {
                        unix_s: reply_at,
                        offset_min: 480,
                    }
                    .local_day(),
                    kind: 1,
                    sub_kind: 0,
                    text: "有的，下单备注群名就行".to_string(),
                    sender: "demo_owner".to_string(),
                    nick_name: "群主小林".to_string(),
                    remark: String::new(),
                    own: true,
                })?;
                n += 1;
            }
        }
    }
    batch.finish(n as i64, 0)?;
    Ok(n)
}
