//! Acceptance over `fixtures/real/`: files in the shapes real tools export (WeChatMsg, WeCom,
//! 有赞, 淘宝, 抖店, OpenSCRM, LinkWeChat, PyWxDump), imported through the command line in the
//! order of `import_plan`, checked against `EXPECTED.json` per step and in the final book.
//!
//! Runs over `../shared/fixtures/real` (skipped with a message where it is absent) and over the
//! copy in `tests/fixtures/real`, so a fresh clone still tests every shape.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/cli_run.rs"]
mod cli_run;
#[path = "support/shared_fixtures.rs"]
mod shared_fixtures;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::DateTime;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// The kinds whose steps and end state this test checks.
const CHECKED_KINDS: [&str; 4] = ["contacts", "purchases", "group_stats", "chat"];

#[test]
fn shared_real_fixtures_import_as_expected() {
    let Some(dir) = shared_fixtures::fixtures_dir() else {
        return;
    };
    let real = dir.join("real");
    if !real.join("EXPECTED.json").is_file() {
        println!("skipped: {} has no EXPECTED.json", real.display());
        return;
    }
    run_plan(&real);
}

#[test]
fn own_copy_of_the_real_fixtures_imports_as_expected() {
    run_plan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real"));
}

/// `{reason: count}` of a report's rejected rows.
fn rejected_counts(report: &Value) -> BTreeMap<String, i64> {
    let mut counts = BTreeMap::new();
    for row in report["rejected"].as_array().into_iter().flatten() {
        *counts
            .entry(row["reason"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    counts
}

/// `{reason: count}` of an EXPECTED.json object.
fn counts_of(value: &Value) -> BTreeMap<String, i64> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_i64().unwrap()))
        .collect()
}

fn run_plan(dir: &Path) {
    let expected = shared_fixtures::expected(dir);
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("real.db");
    let db_arg = db.to_str().unwrap();
    for step in expected["import_plan"].as_array().unwrap() {
        let file = step["file"].as_str().unwrap();
        let path = dir.join(file);
        let mut args = vec!["import", path.to_str().unwrap(), "--db", db_arg, "--json"];
        let group = step["group"].as_str();
        if let Some(group) = group {
            args.extend(["--group", group]);
        }
        let output = cli_run::qunzhu(home.path(), &args);
        let kind = step["kind"].as_str().unwrap();
        if !CHECKED_KINDS.contains(&kind) {
            continue;
        }
        let label = format!("step {} ({file})", step["step"]);
        assert_eq!(
            output.status.code(),
            step["expect_exit"].as_i64().map(|c| c as i32),
            "{label}: stderr {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if !output.status.success() {
            // A refusal says why: a multi-conversation chat names its conversations.
            let stderr = String::from_utf8_lossy(&output.stderr);
            let want = &expected["files"][file];
            for c in want["conversations"].as_array().into_iter().flatten() {
                let nick = c["nick"].as_str().unwrap();
                assert!(stderr.contains(nick), "{label}: {stderr} names {nick}");
            }
            continue;
        }
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let key = match group {
            Some(g)
                if expected["files"]
                    .get(format!("{file} --group {g}"))
                    .is_some() =>
            {
                format!("{file} --group {g}")
            }
            _ => file.to_string(),
        };
        let want = &expected["files"][&key];
        assert_eq!(report["kind"], want["kind"], "{label}");
        check_step(&label, kind, &report, want);
    }
    let conn = Connection::open(&db).unwrap();
    check_customers(&conn, &expected["final"]);
    check_groups(&conn, &expected["final"]);
    check_json_export(home.path(), db_arg, &expected["final"]);
}

/// `export customers --format json` holds every field of every customer: 微信号, wxid, tags
/// with their group, purchases with order number, time, amount, items and status.
fn check_json_export(home: &Path, db: &str, want: &Value) {
    let out = home.join("customers.json");
    let output = cli_run::qunzhu(
        home,
        &[
            "export",
            "customers",
            "--db",
            db,
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    cli_run::assert_succeeded(&output);
    let exported: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    for c in want["customers"].as_array().unwrap() {
        let Some(wxid) = c["wxid"].as_str() else {
            continue;
        };
        let got = exported
            .iter()
            .find(|e| e["wxid"] == wxid)
            .unwrap_or_else(|| panic!("{wxid} not in the export"));
        assert_eq!(got["wechat_id"], c["wechat_id"], "{wxid}: 微信号");
        let tags: Vec<(String, String)> = got["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["group"].as_str().unwrap().into(),
                    t["name"].as_str().unwrap().into(),
                )
            })
            .collect();
        for t in c["tags"].as_array().unwrap() {
            let pair = (
                t[0].as_str().unwrap().to_string(),
                t[1].as_str().unwrap().to_string(),
            );
            assert!(tags.contains(&pair), "{wxid}: tag {pair:?} in {tags:?}");
        }
        let orders: Vec<&str> = got["purchases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                assert_eq!(p["status"], "paid");
                p["order_no"].as_str().unwrap()
            })
            .collect();
        for p in c["purchases"].as_array().unwrap() {
            assert!(
                orders.contains(&p["order_no"].as_str().unwrap()),
                "{wxid}: {p}"
            );
        }
    }
}

fn check_step(label: &str, kind: &str, report: &Value, want: &Value) {
    let skipped = counts_of(&report["skipped_by"]);
    assert_eq!(skipped, counts_of(&want["skipped"]), "{label}: skipped");
    assert_eq!(
        rejected_counts(report),
        counts_of(&want["rejected"]),
        "{label}: rejected {}",
        report["rejected"]
    );
    match kind {
        "contacts" => {
            assert_eq!(report["created"], want["created"], "{label}: created");
        }
        "purchases" => {
            assert_eq!(
                report["created"], want["imported_orders"],
                "{label}: orders"
            );
        }
        "group_stats" => {
            let created = want["groups_created"].as_array().unwrap().len();
            assert_eq!(
                report["health"]["groups_created"].as_u64(),
                Some(created as u64),
                "{label}: groups created"
            );
        }
        "chat" => {
            if want["members_linked"].is_number() {
                assert_eq!(
                    report["health"]["members_linked"], want["members_linked"],
                    "{label}: chat members linked to customers"
                );
            }
            assert_eq!(
                report["health"]["groups_created"].as_u64(),
                Some(u64::from(!want["group_existed"].as_bool().unwrap())),
                "{label}: group created"
            );
        }
        _ => {}
    }
}

/// Every group's owner, day created, 群ID and per-day figures (`null`: must be empty; a field
/// left out is not known from the files and not checked).
fn check_groups(conn: &Connection, want: &Value) {
    for (name, g) in want["groups"].as_object().unwrap() {
        let (id, owner, created_on, chat_id): (i64, String, Option<String>, Option<String>) = conn
            .query_row(
                "SELECT id, owner, created_on, wecom_chat_id FROM groups WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap_or_else(|e| panic!("group {name}: {e}"));
        assert_eq!(owner, g["owner"].as_str().unwrap_or(""), "{name}: owner");
        let created_day = g["created"].as_str().map(|t| t[..10].to_string());
        assert_eq!(created_on, created_day, "{name}: created");
        assert_eq!(chat_id.as_deref(), g["chat_id"].as_str(), "{name}: 群ID");
        for (day, fields) in g["days"].as_object().unwrap() {
            for (field, value) in fields.as_object().unwrap() {
                let column = match field.as_str() {
                    "members" | "joins" | "leaves" | "speakers" | "messages" => field.as_str(),
                    other => panic!("unknown field {other}"),
                };
                let stored: Option<i64> = conn
                    .query_row(
                        &format!(
                            "SELECT {column} FROM group_daily_stats WHERE group_id = ?1 AND day = ?2"
                        ),
                        rusqlite::params![id, day],
                        |r| r.get(0),
                    )
                    .optional()
                    .unwrap()
                    .flatten();
                assert_eq!(stored, value.as_i64(), "{name} {day}: {field}");
            }
        }
    }
}

fn unix_of(text: &Value) -> Option<i64> {
    text.as_str()
        .map(|t| DateTime::parse_from_rfc3339(t).unwrap().timestamp())
}

/// The stored customer an expected one is: by wxid, else phone, else name and remark.
fn find_customer(conn: &Connection, want: &Value) -> i64 {
    let by = |sql: &str, value: &Value| -> Option<i64> {
        let value = value.as_str()?;
        conn.query_row(sql, [value], |r| r.get(0))
            .optional()
            .unwrap()
    };
    by("SELECT id FROM customers WHERE wxid = ?1", &want["wxid"])
        .or_else(|| by("SELECT id FROM customers WHERE phone = ?1", &want["phone"]))
        .or_else(|| {
            conn.query_row(
                "SELECT id FROM customers WHERE name = ?1 AND remark = ?2 AND wxid IS NULL
                 AND phone IS NULL",
                [
                    want["name"].as_str().unwrap(),
                    want["remark"].as_str().unwrap_or(""),
                ],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
        })
        .unwrap_or_else(|| panic!("no customer like {want}"))
}

/// The profile fields EXPECTED.json states.
struct Profile {
    name: String,
    remark: String,
    phone: Option<String>,
    wechat_id: Option<String>,
    wxid: Option<String>,
    source: String,
    added_at: Option<i64>,
}

fn check_customers(conn: &Connection, want: &Value) {
    let count: i64 = conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(Some(count), want["customer_count"].as_i64(), "customers");
    for c in want["customers"].as_array().unwrap() {
        let id = find_customer(conn, c);
        let label = c["name"].as_str().unwrap();
        let Profile {
            name,
            remark,
            phone,
            wechat_id,
            wxid,
            source,
            added_at,
        } = conn
            .query_row(
                "SELECT name, remark, phone, wechat_id, wxid, source, added_at
                 FROM customers WHERE id = ?1",
                [id],
                |r| {
                    Ok(Profile {
                        name: r.get(0)?,
                        remark: r.get(1)?,
                        phone: r.get(2)?,
                        wechat_id: r.get(3)?,
                        wxid: r.get(4)?,
                        source: r.get(5)?,
                        added_at: r.get(6)?,
                    })
                },
            )
            .unwrap();
        let names: Vec<&str> = c["name_any_of"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert!(names.contains(&name.as_str()), "{label}: name {name}");
        assert_eq!(
            remark,
            c["remark"].as_str().unwrap_or(""),
            "{label}: remark"
        );
        assert_eq!(phone.as_deref(), c["phone"].as_str(), "{label}: phone");
        assert_eq!(
            wechat_id.as_deref(),
            c["wechat_id"].as_str(),
            "{label}: 微信号"
        );
        assert_eq!(wxid.as_deref(), c["wxid"].as_str(), "{label}: wxid");
        assert_eq!(
            source,
            c["source"].as_str().unwrap_or(""),
            "{label}: source"
        );
        assert_eq!(added_at, unix_of(&c["added_at"]), "{label}: added_at");

        let mut tags: Vec<(String, String)> = conn
            .prepare(
                "SELECT coalesce(g.name, ''), t.name FROM customer_tags ct
                 JOIN tags t ON t.id = ct.tag_id LEFT JOIN tag_groups g ON g.id = t.group_id
                 WHERE ct.customer_id = ?1",
            )
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        tags.sort();
        let mut want_tags: Vec<(String, String)> = c["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t[0].as_str().unwrap().to_string(),
                    t[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        want_tags.sort();
        assert_eq!(tags, want_tags, "{label}: tags");

        let mut staff: Vec<String> = conn
            .prepare(
                "SELECT s.name FROM customer_staff cs JOIN staff s ON s.id = cs.staff_id
                 WHERE cs.customer_id = ?1 ORDER BY s.name",
            )
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut want_staff: Vec<String> = c["staff"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        staff.sort();
        want_staff.sort();
        assert_eq!(staff, want_staff, "{label}: staff");

        let purchases: Vec<(Option<String>, i64, i64, String)> = conn
            .prepare(
                "SELECT order_no, at, amount_cents, items FROM purchases
                 WHERE customer_id = ?1 ORDER BY order_no",
            )
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut want_purchases: Vec<(Option<String>, i64, i64, String)> = c["purchases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let items: Vec<&str> = p["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_str().unwrap())
                    .collect();
                (
                    p["order_no"].as_str().map(str::to_string),
                    unix_of(&p["paid_at"]).unwrap(),
                    p["amount_cents"].as_i64().unwrap(),
                    items.join("、"),
                )
            })
            .collect();
        want_purchases.sort();
        assert_eq!(purchases, want_purchases, "{label}: purchases");
    }
    for not in want["not_customers"].as_array().unwrap() {
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM customers WHERE wxid = ?1 OR name = ?2",
                [not["wxid"].as_str().unwrap(), not["name"].as_str().unwrap()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 0, "{not} is not a customer");
    }
    let purchases: i64 = conn
        .query_row("SELECT count(*) FROM purchases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        Some(purchases),
        want["purchase_count"].as_i64(),
        "purchases"
    );
}
