//! `qunzhu koc --json` and the KOC part of `qunzhu demo`, run as the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::Path;

use cli_run::{json, qunzhu_ok};
use serde_json::Value;

fn qunzhu_json(home: &Path, args: &[&str]) -> Value {
    json(&qunzhu_ok(home, args))
}

#[test]
fn koc_reports_roles_holders_leaderboard_and_explained_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let db = db.to_str().unwrap();
    let summary = qunzhu_json(
        dir.path(),
        &["demo", "--db", db, "--customers", "400", "--seed", "3"],
    );
    assert!(
        summary["role_assignments"].as_u64().unwrap() > 20,
        "{summary}"
    );
    assert!(summary["contributions"].as_u64().unwrap() > 20, "{summary}");

    let out = qunzhu_json(dir.path(), &["koc", "--db", db, "--json"]);
    let roles = out["roles"].as_array().unwrap();
    let names: Vec<&str> = roles.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert_eq!(&names[..3], ["群主", "群管理", "气氛组"]);
    let owners = roles[0]["holders"].as_array().unwrap();
    assert!(!owners.is_empty());
    assert!(
        owners
            .iter()
            .all(|h| h["status"] == "active" && h["group"].is_string())
    );
    // Candidates nominated by the demo are listed under their role with status candidate.
    let atmosphere = roles[2]["holders"].as_array().unwrap();
    assert!(atmosphere.iter().any(|h| h["status"] == "candidate"));

    let rows = out["leaderboard"]["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let counts: Vec<u64> = rows
        .iter()
        .map(|r| r["contributions"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    let candidates = out["candidates"].as_array().unwrap();
    assert!(
        !candidates.is_empty(),
        "the demo's chat senders have no role"
    );
    for c in candidates {
        let parts: f64 = c["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["points"].as_f64().unwrap())
            .sum();
        assert!((parts - c["score"].as_f64().unwrap()).abs() < 1e-9, "{c}");
    }
    let holders: Vec<u64> = roles
        .iter()
        .flat_map(|r| r["holders"].as_array().unwrap())
        .map(|h| h["customer_id"].as_u64().unwrap())
        .collect();
    assert!(
        candidates
            .iter()
            .all(|c| !holders.contains(&c["customer_id"].as_u64().unwrap())),
        "a holder or nominee is never a candidate"
    );
}
