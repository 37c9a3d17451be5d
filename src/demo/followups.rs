//! The follow-up part of the demo: purchases for about half the customers, enrolments into the
//! three starter journeys, and a share of past tasks already done (with notes on the timeline).

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::Rng;
use crate::domain::followup::TaskOutcome;
use crate::domain::time::{Stamp, day_start_unix};
use crate::store::{self, followups, journeys, purchases, tags};

const ITEMS: &[&str] = &[
    "白茶饼 357g",
    "普洱熟茶 ×2",
    "正山小种礼盒",
    "明前龙井 250g",
    "铁观音 ×3",
    "旅行茶具套装",
    "白毫银针 100g",
    "茶叶试饮装",
];

const NOTES: &[(TaskOutcome, &str)] = &[
    (TaskOutcome::Replied, "回复说茶很好喝，下次带朋友来"),
    (TaskOutcome::NoReply, "发了消息暂未回复"),
    (TaskOutcome::Deal, "顺势下单了一盒"),
    (TaskOutcome::Declined, "说暂时不需要"),
    (TaskOutcome::Replied, "问了冲泡方法，已解答"),
];

/// What this part generated.
#[derive(Debug, Clone, Copy, Default)]
pub struct FollowupSummary {
    pub purchases: usize,
    pub enrolments: usize,
    pub done: usize,
}

/// Adds purchases, enrolments and done tasks for `customers` (ids with their added day).
pub fn fill(
    conn: &Connection,
    rng: &mut Rng,
    customers: &[(i64, NaiveDate)],
    anchor: NaiveDate,
) -> store::Result<FollowupSummary> {
    let mut summary = FollowupSummary::default();
    let referral_tag = tags::ensure(conn, "老带新", None)?;
    let stamp = |day: NaiveDate, hour: i64| Stamp {
        unix_s: day_start_unix(day, 480) + hour * 3600,
        offset_min: 480,
    };
    for &(id, added) in customers {
        if !rng.chance(50) {
            continue;
        }
        let span = (anchor - added).num_days().max(1);
        // Loyal-looking buyers purchase every few weeks; others now and then.
        let monthly = rng.chance(12);
        let count = if monthly {
            4 + rng.below(4)
        } else {
            1 + rng.below(3)
        };
        let cheap = rng.chance(20);
        for k in 0..count {
            let days_ago = if monthly {
                (k as i64) * 25 + rng.below(5) as i64
            } else {
                rng.below(span as usize) as i64
            };
            let day = anchor - Duration::days(days_ago.min(span));
            let amount = if cheap {
                (19 + rng.below(60)) as i64 * 100
            } else {
                (98 + rng.below(900)) as i64 * 100
            };
            purchases::add(
                conn,
                id,
                stamp(day, 10 + rng.below(10) as i64),
                amount,
                rng.pick(ITEMS),
                cheap || rng.chance(15),
            )?;
            summary.purchases += 1;
        }
        if monthly && rng.chance(60) {
            tags::add_to(conn, &[id], referral_tag, tags::TagSource::Import)?;
        }
    }
    let all = journeys::list(conn)?;
    let find = |name: &str| all.iter().find(|j| j.name == name).map(|j| j.id);
    let (Some(newbie), Some(bought), Some(dormant)) =
        (find("新客培育"), find("已购关怀"), find("沉睡唤醒"))
    else {
        return Ok(summary);
    };
    let enrolled_at = stamp(anchor - Duration::days(20), 9);
    for &(id, added) in customers {
        let age = (anchor - added).num_days();
        let mut joined = Vec::new();
        if age <= 40 {
            joined.push(newbie);
        }
        if purchases::first_and_latest(conn, id)?
            .is_some_and(|(_, last)| (anchor - last).num_days() <= 40)
        {
            joined.push(bought);
        }
        if age > 40 && rng.chance(15) {
            joined.push(dormant);
        }
        for journey in joined {
            summary.enrolments +=
                followups::enrol(conn, journey, &[id], None, enrolled_at)?.enrolled;
        }
    }
    // Most tasks due before today were done, with a note on the timeline; a few are left overdue.
    let past = followups::checklist(conn, anchor, 100_000)?.overdue;
    for task in past {
        if !rng.chance(85) {
            continue;
        }
        let (outcome, note) = rng.pick(NOTES);
        let at = stamp(task.due, 15);
        let timeline = format!("{} · {}：{}", task.journey, task.step, note);
        followups::complete(conn, task.id, outcome, note, &timeline, at)?;
        summary.done += 1;
    }
    Ok(summary)
}
