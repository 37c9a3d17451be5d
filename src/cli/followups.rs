//! `qunzhu followups`: the follow-up checklist of a day.

use std::path::Path;

use anyhow::Result;

use crate::domain::checklist::{TaskJson, TaskView};
use crate::store::followups;

#[derive(Debug, clap::Args)]
pub struct FollowupsArgs {
    /// The day (default: today).
    #[arg(long, value_parser = super::day)]
    date: Option<chrono::NaiveDate>,
    /// At most this many tasks per list.
    #[arg(long, default_value_t = 10_000)]
    limit: usize,
    /// Print JSON: {"overdue": [...], "today": [...], "upcoming": [...]}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: FollowupsArgs, db: &Path) -> Result<i32> {
    let today = args.date.unwrap_or_else(super::today);
    let store = super::open_existing(db)?;
    let list = followups::checklist(store.conn(), today, args.limit)?;
    let json = |tasks: &[TaskView]| -> Vec<TaskJson> { tasks.iter().map(TaskJson::from).collect() };
    if args.json {
        let out = serde_json::json!({
            "date": today.to_string(),
            "overdue": json(&list.overdue),
            "today": json(&list.due_today),
            "upcoming": json(&list.upcoming),
        });
        println!("{out}");
        return Ok(0);
    }
    for (title, tasks, total) in [
        ("overdue", &list.overdue, list.overdue_total),
        ("today", &list.due_today, list.today_total),
        ("upcoming", &list.upcoming, list.upcoming_total),
    ] {
        println!("{title}: {total}");
        for t in tasks {
            println!(
                "  {}\t{}\t{} / {}\t{}",
                t.due,
                t.customer,
                t.journey,
                t.step,
                t.script("")
            );
        }
    }
    Ok(0)
}
