//! `qunzhu import` for group statistics and chat exports, and `qunzhu health --json`, run as the
//! built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::{Path, PathBuf};

use cli_run::{json, qunzhu};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/health")
        .join(name)
}

#[test]
fn imports_both_kinds_and_prints_health_per_group_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("h.db");
    let db = db.to_str().unwrap();
    let stats = fixture("group_stats_small.csv");
    let report = json(&qunzhu(
        home,
        &["import", stats.to_str().unwrap(), "--db", db, "--json"],
    ));
    assert_eq!(report["kind"], "group_stats");
    assert_eq!(
        (
            report["created"].as_i64(),
            report["groups_created"].as_i64()
        ),
        (Some(4), None)
    );
    assert_eq!(report["health"]["groups_created"], 2);
    let again = json(&qunzhu(
        home,
        &["import", stats.to_str().unwrap(), "--db", db, "--json"],
    ));
    assert_eq!(
        (again["created"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(0))
    );

    let chat = fixture("chat_small.csv");
    let refused = qunzhu(
        home,
        &["import", chat.to_str().unwrap(), "--db", db, "--json"],
    );
    assert!(!refused.status.success(), "a chat needs --group");
    let report = json(&qunzhu(
        home,
        &[
            "import",
            chat.to_str().unwrap(),
            "--db",
            db,
            "--group",
            "小测试群",
            "--tz",
            "+08:00",
            "--json",
        ],
    ));
    assert_eq!(report["kind"], "chat");
    assert_eq!(report["health"]["messages_created"], 7);

    let out = json(&qunzhu(
        home,
        &[
            "health",
            "--db",
            db,
            "--group",
            "小测试群",
            "--from",
            "2024-02-02",
            "--to",
            "2024-02-03",
            "--json",
        ],
    ));
    let rows = out.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let feb2 = &rows[0];
    assert_eq!(feb2["day"], "2024-02-02");
    assert_eq!(feb2["members"], 98);
    assert_eq!(feb2["start_members"], 100, "from the day before --from");
    assert_eq!(feb2["leave_rate"], 0.02);
    assert_eq!(feb2["interaction_rate"], 0.0);
    assert!(feb2["join_rate"].is_null(), "no exposure: undefined, not 0");
    assert!(feb2["roi"].is_null());
    for key in [
        "messages_per_member",
        "conversion_rate",
        "avg_order_value",
        "net_growth",
        "speakers",
        "messages",
        "joins",
        "leaves",
    ] {
        assert!(feb2.get(key).is_some(), "{key}");
    }
    let all = json(&qunzhu(home, &["health", "--db", db, "--json"]));
    assert_eq!(all.as_array().unwrap().len(), 4);
    let missing = qunzhu(
        home,
        &["health", "--db", db, "--group", "没有这个群", "--json"],
    );
    assert!(!missing.status.success());
}

#[test]
fn the_demo_fills_group_health() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("d.db");
    let db = db.to_str().unwrap();
    let summary = json(&qunzhu(home, &["demo", "--db", db, "--customers", "300"]));
    assert!(summary["health_days"].as_u64().unwrap() > 300 * 12 / 10);
    assert!(summary["chat_messages"].as_u64().unwrap() > 0);
    let rows = json(&qunzhu(home, &["health", "--db", db, "--json"]));
    let rows = rows.as_array().unwrap();
    let groups: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["group"].as_str().unwrap()).collect();
    assert!(groups.len() >= 12);
    assert!(
        rows.iter()
            .any(|r| r["interaction_rate"].as_f64().is_some_and(|v| v > 0.0))
    );
}
