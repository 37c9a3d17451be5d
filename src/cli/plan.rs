//! `qunzhu plan`: the content plan between two days.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::store::{content_items, groups};

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The first day.
    #[arg(long, value_parser = super::day)]
    from: chrono::NaiveDate,
    /// The last day.
    #[arg(long, value_parser = super::day)]
    to: chrono::NaiveDate,
    /// Only this group's items.
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: PlanArgs, db: &Path) -> Result<i32> {
    let (from, to) = (args.from, args.to);
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    let store = super::open_existing(db)?;
    let mut filter = content_items::ItemFilter::range(from, to);
    if let Some(name) = &args.group {
        filter.group_id = Some(
            groups::find_by_name(store.conn(), name)?
                .with_context(|| format!("no group named {name:?}"))?,
        );
    }
    let rows = content_items::plan_rows(store.conn(), &filter)?;
    if args.json {
        println!("{}", serde_json::to_string(&rows)?);
        return Ok(0);
    }
    for row in rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            row.day,
            crate::domain::content::format_time(row.time),
            row.group,
            row.column,
            row.title,
            row.status.key()
        );
    }
    Ok(0)
}
