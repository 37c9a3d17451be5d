//! `qunzhu followups --json` and the follow-up part of `qunzhu demo`, run as the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/cli_run.rs"]
mod cli_run;

use chrono::NaiveDate;
use cli_run::{json, qunzhu_ok as qunzhu};
use qunzhu::domain::customer::Customer;
use qunzhu::domain::time::{Stamp, day_start_unix};
use qunzhu::store::{Store, customers, followups, journeys};

#[test]
fn followups_lists_overdue_today_and_upcoming_with_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let added = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        let at = Stamp {
            unix_s: day_start_unix(added, 480) + 10 * 3600,
            offset_min: 480,
        };
        store
            .write(|tx| {
                let id = customers::create(
                    tx,
                    &Customer {
                        name: "王小明".into(),
                        remark: "王姐-上海-VIP".into(),
                        added_at: Some(at),
                        ..Customer::default()
                    },
                )?;
                let newbie = journeys::list(tx)?[0].id;
                followups::enrol(tx, newbie, &[id], None, at).map(|_| ())
            })
            .unwrap();
    }
    let db = db.to_str().unwrap();
    let out = json(&qunzhu(
        dir.path(),
        &["followups", "--db", db, "--date", "2024-03-08", "--json"],
    ));
    let steps = |key: &str| -> Vec<String> {
        out[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                format!(
                    "{} {} {}",
                    t["due"].as_str().unwrap(),
                    t["journey"].as_str().unwrap(),
                    t["step"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(steps("overdue"), ["2024-03-01 新客培育 欢迎+建信任"]);
    assert_eq!(steps("today"), ["2024-03-08 新客培育 促首单"]);
    assert_eq!(steps("upcoming"), ["2024-03-15 新客培育 促活跃"]);
    let task = &out["today"][0];
    assert_eq!(task["customer"], "王姐-上海-VIP");
    assert!(
        task["script"]
            .as_str()
            .unwrap()
            .starts_with("王姐，这周给新朋友准备了一份体验装")
    );

    let later = json(&qunzhu(
        dir.path(),
        &["followups", "--db", db, "--date", "2024-03-20", "--json"],
    ));
    assert_eq!(later["overdue"].as_array().unwrap().len(), 3);
    assert!(later["today"].as_array().unwrap().is_empty());
}

#[test]
fn demo_fills_purchases_enrolments_and_done_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let summary = json(&qunzhu(
        dir.path(),
        &["demo", "--db", db, "--customers", "400", "--seed", "3"],
    ));
    assert!(summary["purchases"].as_u64().unwrap() > 100, "{summary}");
    assert!(summary["enrolments"].as_u64().unwrap() > 10, "{summary}");
    assert!(summary["done_tasks"].as_u64().unwrap() > 0, "{summary}");
    let out = json(&qunzhu(dir.path(), &["followups", "--db", db, "--json"]));
    let open: usize = ["overdue", "today", "upcoming"]
        .iter()
        .map(|k| out[*k].as_array().unwrap().len())
        .sum();
    assert!(open > 0, "{out}");
    for key in ["overdue", "today", "upcoming"] {
        for task in out[key].as_array().unwrap() {
            let script = task["script"].as_str().unwrap();
            assert!(!script.contains('{'), "placeholders filled: {script}");
        }
    }
}
