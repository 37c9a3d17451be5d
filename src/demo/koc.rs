//! Demo KOC data: a 群主 for every group, 群管理 and 气氛组 in most (a few groups short of the
//! coverage target), brand ambassadors with three months of contributions (one gone quiet), some
//! ended roles for history and a few nominated candidates.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::Rng;
use crate::domain::koc::{CONTRIBUTION_KINDS, Status};
use crate::store::{self, koc};

/// (role, how many, contributions per month for each) for the all-group ambassadors.
const AMBASSADORS: [(&str, usize, usize); 5] = [
    ("分享官", 3, 5),
    ("内容官", 2, 2),
    ("体验官", 2, 1),
    ("带货官", 2, 3),
    ("团长", 1, 3),
];

/// Fills roles and contributions; returns (assignments, contributions).
pub fn fill(
    conn: &Connection,
    rng: &mut Rng,
    group_ids: &[i64],
    anchor: NaiveDate,
) -> store::Result<(usize, usize)> {
    // Holders come from the oldest customers; chat senders (who have WeChat IDs) are left for
    // the candidates list.
    let people: Vec<i64> = conn
        .prepare("SELECT id FROM customers WHERE wechat_id IS NULL ORDER BY id LIMIT 200")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut next = people.into_iter();
    let (mut assigned, mut contributions) = (0, 0);
    let mut assign = |customer_id: i64,
                      role_name: &str,
                      group_id: Option<i64>,
                      status: Status,
                      since: NaiveDate|
     -> store::Result<Option<i64>> {
        let Some(role_id) = koc::role_id(conn, role_name)? else {
            return Ok(None);
        };
        let id = koc::assign(
            conn,
            &koc::NewAssignment {
                customer_id,
                role_id,
                group_id,
                status,
                since,
                reason: String::new(),
            },
        )?;
        assigned += usize::from(id.is_some());
        Ok(id)
    };
    // (holder, contributions a month, since): group roles answer questions and help with events.
    let mut active = Vec::new();
    for (i, &group) in group_ids.iter().enumerate() {
        let since = anchor - Duration::days(120 + rng.below(200) as i64);
        let Some(owner) = next.next() else { break };
        assign(owner, "群主", Some(group), Status::Active, since)?;
        active.push((owner, 2, since));
        // Every third group is short of the two covering holders.
        let covering = if i % 3 == 2 { 1 } else { 2 };
        for k in 0..covering {
            let Some(who) = next.next() else { break };
            let role_name = if k == 0 { "群管理" } else { "气氛组" };
            assign(
                who,
                role_name,
                Some(group),
                Status::Active,
                since + Duration::days(7),
            )?;
            active.push((who, 3, since + Duration::days(7)));
        }
    }
    for (role_name, count, per_month) in AMBASSADORS {
        for _ in 0..count {
            let Some(who) = next.next() else { break };
            let since = anchor - Duration::days(60 + rng.below(120) as i64);
            assign(who, role_name, None, Status::Active, since)?;
            active.push((who, per_month, since));
        }
    }
    // History: an ambassador who stepped down, and two nominated candidates.
    if let Some(former) = next.next()
        && let Some(id) = assign(
            former,
            "分享官",
            None,
            Status::Active,
            anchor - Duration::days(300),
        )?
    {
        koc::set_status(conn, id, Status::Ended, anchor - Duration::days(40))?;
    }
    for group in group_ids.iter().take(2) {
        if let Some(who) = next.next() {
            assign(
                who,
                "气氛组",
                Some(*group),
                Status::Candidate,
                anchor - Duration::days(3),
            )?;
        }
    }
    // Three months of contributions; every fifth holder has gone quiet for a month or more.
    for (i, (who, per_month, since)) in active.into_iter().enumerate() {
        let last_day = if i % 5 == 4 {
            anchor - Duration::days(30 + rng.below(30) as i64)
        } else {
            anchor
        };
        let mut day = since.max(anchor - Duration::days(90));
        while day <= last_day {
            let kind = CONTRIBUTION_KINDS[rng.below(CONTRIBUTION_KINDS.len())];
            let amount = (kind == "带货成交").then(|| 5_000 + rng.below(50_000) as i64);
            koc::add_contribution(
                conn,
                &koc::Contribution {
                    id: 0,
                    customer_id: who,
                    kind: kind.to_string(),
                    day,
                    value: 1.0,
                    amount_cents: amount,
                    note: String::new(),
                    group_id: group_ids.first().copied().filter(|_| rng.chance(50)),
                },
            )?;
            contributions += 1;
            // About `per_month` entries a month, spread out.
            day += Duration::days((30 / per_month.max(1)) as i64 + rng.below(3) as i64);
        }
    }
    Ok((assigned, contributions))
}
