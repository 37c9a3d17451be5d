//! `qunzhu health`: each group's figures and rates per day.

use std::path::Path;

use anyhow::{Result, bail};

#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// Only this group.
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    /// The first day (default: the first on record).
    #[arg(long, value_parser = super::day)]
    from: Option<chrono::NaiveDate>,
    /// The last day (default: the last on record).
    #[arg(long, value_parser = super::day)]
    to: Option<chrono::NaiveDate>,
    /// Print JSON: one object per group per day, every rate (null where undefined).
    #[arg(long)]
    json: bool,
}

pub fn run(args: HealthArgs, db: &Path) -> Result<i32> {
    let store = super::open_existing(db)?;
    let from = args.from.unwrap_or_else(first_day);
    let to = args.to.unwrap_or_else(last_day);
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    let mut list = crate::store::health::groups(store.conn())?;
    if let Some(name) = &args.group {
        list.retain(|g| g.name == name.trim());
        if list.is_empty() {
            bail!("no group named {name:?}");
        }
    }
    let mut out = Vec::new();
    for group in &list {
        // The day before `from` gives the first day's start members.
        let since = from.pred_opt().unwrap_or(from);
        let days = crate::store::health::days(store.conn(), group.id, since, to)?;
        out.extend(crate::domain::health::day_rows(
            group.id,
            &group.name,
            &days,
            from,
        ));
    }
    if args.json {
        println!("{}", serde_json::to_string(&out)?);
    } else {
        for r in &out {
            let f = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.4}"));
            println!(
                "{}\t{}\tmembers {}\tinteraction {}\tleave {}",
                r.stats.day,
                r.group,
                r.stats.members.map_or("—".to_string(), |m| m.to_string()),
                f(r.rates.interaction_rate),
                f(r.rates.leave_rate)
            );
        }
    }
    Ok(0)
}

/// Before any day on record.
fn first_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1, 1, 2).unwrap_or_default()
}

/// After any day on record.
fn last_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default()
}
