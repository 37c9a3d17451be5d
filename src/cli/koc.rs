//! `qunzhu koc`: roles with their current holders, the last 30 days' leaderboard and the top
//! candidates.

use std::path::Path;

use anyhow::Result;

use crate::store::{koc, koc_views};

#[derive(Debug, clap::Args)]
pub struct KocArgs {
    /// The day (default: today).
    #[arg(long, value_parser = super::day)]
    date: Option<chrono::NaiveDate>,
    /// At most this many leaders and candidates.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON on one line (else pretty-printed).
    #[arg(long)]
    json: bool,
}

pub fn run(args: KocArgs, db: &Path) -> Result<i32> {
    let today = args.date.unwrap_or_else(super::today);
    let limit = args.limit;
    let store = super::open_existing(db)?;
    let conn = store.conn();
    let from = today - chrono::Duration::days(29);
    let holders = koc_views::board(conn, today)?;
    let roles: Vec<serde_json::Value> = koc::roles(conn)?
        .into_iter()
        .map(|role| {
            let held: Vec<serde_json::Value> = holders
                .iter()
                .filter(|h| h.view.assignment.role_id == role.id)
                .map(|h| {
                    serde_json::json!({
                        "customer_id": h.view.assignment.customer_id,
                        "name": h.view.customer_name,
                        "status": h.view.assignment.status.key(),
                        "group": h.view.group_name,
                        "since": h.view.assignment.since.to_string(),
                        "contributions_this_month": h.contributions_this_month,
                        "behind": h.check.map(|c| c.behind),
                        "quiet_days": h.quiet_days,
                    })
                })
                .collect();
            serde_json::json!({ "role": role.name, "per_group": role.per_group, "holders": held })
        })
        .collect();
    let leaders = koc_views::leaderboard(conn, from, today, limit)?;
    let candidates: Vec<serde_json::Value> = koc_views::candidates(conn, from, today, limit)?
        .into_iter()
        .map(|c| {
            let parts: Vec<serde_json::Value> = c
                .score
                .parts
                .iter()
                .map(
                    |p| serde_json::json!({ "what": p.what, "count": p.count, "points": p.points }),
                )
                .collect();
            serde_json::json!({
                "customer_id": c.customer_id,
                "name": c.name,
                "score": c.score.total,
                "parts": parts,
            })
        })
        .collect();
    let out = serde_json::json!({
        "date": today.to_string(),
        "roles": roles,
        "leaderboard": { "from": from.to_string(), "to": today.to_string(), "rows": leaders },
        "candidates": candidates,
    });
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(0)
}
