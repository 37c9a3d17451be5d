//! The headless subcommands, run as the built binary: demo, search and check.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::{Path, PathBuf};
use std::process::Output;

use cli_run::qunzhu;
use qunzhu::store::SCHEMA_VERSION;
use serde_json::Value;

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A demo database of `customers` customers from `seed` at `path`; returns the printed summary.
fn demo(home: &Path, path: &Path, customers: usize, seed: u64) -> Value {
    let output = qunzhu(
        home,
        &[
            "demo",
            "--db",
            path_str(path),
            "--customers",
            &customers.to_string(),
            "--seed",
            &seed.to_string(),
        ],
    );
    assert_success(&output);
    serde_json::from_str(stdout(&output).trim()).unwrap()
}

fn search_json(home: &Path, path: &Path, query: &str, limit: Option<usize>) -> Output {
    let limit = limit.map(|n| n.to_string());
    let mut args = vec!["search", query, "--db", path_str(path), "--json"];
    if let Some(limit) = &limit {
        args.extend(["--limit", limit]);
    }
    qunzhu(home, &args)
}

/// The file and its SQLite siblings.
fn with_siblings(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .collect()
}

#[test]
fn demo_prints_a_json_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let summary = demo(dir.path(), &db, 300, 7);
    assert_eq!(summary["customers"], 300);
    assert!(summary["notes"].as_u64().unwrap() > 0);
    assert!(summary["groups"].as_u64().unwrap() > 0);
    assert!(db.exists());
}

#[test]
fn the_same_seed_gives_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let second = dir.path().join("second.db");
    let a = demo(dir.path(), &first, 300, 7);
    let b = demo(dir.path(), &second, 300, 7);
    assert_eq!(a, b);

    let search_a = search_json(dir.path(), &first, "王", None);
    let search_b = search_json(dir.path(), &second, "王", None);
    assert_success(&search_a);
    assert_success(&search_b);
    assert_eq!(stdout(&search_a), stdout(&search_b));
    let parsed: Value = serde_json::from_str(&stdout(&search_a)).unwrap();
    assert!(parsed["total"].as_u64().unwrap() > 0);

    // A different seed gives different people.
    let third = dir.path().join("third.db");
    demo(dir.path(), &third, 300, 8);
    let search_c = search_json(dir.path(), &third, "王", None);
    assert_success(&search_c);
    assert_ne!(stdout(&search_a), stdout(&search_c));
}

#[test]
fn search_prints_total_and_at_most_limit_hits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(dir.path(), &db, 300, 7);
    let output = search_json(dir.path(), &db, "上海", Some(5));
    assert_success(&output);
    let parsed: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let object = parsed.as_object().unwrap();
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["hits", "total"]);
    let total = parsed["total"].as_u64().unwrap();
    let hits = parsed["hits"].as_array().unwrap();
    assert!(
        total > 5,
        "300 demo customers hold more than 5 in 上海: {total}"
    );
    assert_eq!(hits.len(), 5);
    for hit in hits {
        assert!(hit["id"].as_i64().unwrap() > 0, "{hit}");
        assert!(hit["name"].is_string(), "{hit}");
        assert!(hit["remark"].is_string(), "{hit}");
        let matched = hit["matched"].as_str().unwrap();
        assert!(
            [
                "name",
                "remark",
                "phone",
                "wechat_id",
                "description",
                "corp",
                "city",
                "note"
            ]
            .contains(&matched),
            "{hit}"
        );
    }

    // Without --json: a count line, then one line per hit.
    let plain = qunzhu(
        dir.path(),
        &["search", "上海", "--db", path_str(&db), "--limit", "3"],
    );
    assert_success(&plain);
    let text = stdout(&plain);
    assert_eq!(text.lines().next().unwrap(), format!("{total} matches"));
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn check_passes_on_a_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(dir.path(), &db, 50, 3);
    let output = qunzhu(dir.path(), &["check", "--db", path_str(&db)]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(
        text.contains(&format!("schema version: {SCHEMA_VERSION}")),
        "{text}"
    );
    assert!(text.contains("integrity: ok"), "{text}");
    assert!(text.contains("customers: 50"), "{text}");
}

#[test]
fn check_refuses_a_file_that_is_not_a_database_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.png");
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    std::fs::write(&path, &png).unwrap();

    let output = qunzhu(dir.path(), &["check", "--db", path_str(&path)]);
    assert!(!output.status.success());
    assert!(!stderr(&output).trim().is_empty(), "says why on stderr");
    assert!(stderr(&output).contains("photo.png"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&path).unwrap(), png);
    for sibling in &with_siblings(&path)[1..] {
        assert!(!sibling.exists(), "{} was created", sibling.display());
    }
}

#[test]
fn check_and_search_on_a_missing_file_fail_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    let check = qunzhu(dir.path(), &["check", "--db", path_str(&path)]);
    assert!(!check.status.success());
    assert!(!stderr(&check).trim().is_empty());
    let search = search_json(dir.path(), &path, "王", None);
    assert!(!search.status.success());
    assert!(!stderr(&search).trim().is_empty());
    assert!(stdout(&search).is_empty(), "no JSON for a failed search");
    for file in with_siblings(&path) {
        assert!(!file.exists(), "{} was created", file.display());
    }
    // Nor in a folder that does not exist.
    let nested = dir.path().join("nowhere").join("q.db");
    assert!(
        !qunzhu(dir.path(), &["check", "--db", path_str(&nested)])
            .status
            .success()
    );
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn search_without_a_query_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    demo(dir.path(), &db, 10, 1);
    let output = qunzhu(dir.path(), &["search", "--db", path_str(&db)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Usage"), "{}", stderr(&output));
}

#[test]
fn a_mistyped_flag_is_refused_and_each_subcommand_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "客户名称,手机\n王芳,13800138000\n").unwrap();
    let typo = qunzhu(
        dir.path(),
        &[
            "import",
            path_str(&csv),
            "--db",
            path_str(&db),
            "--polcy",
            "skip",
        ],
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("--polcy"), "{}", stderr(&typo));
    assert!(!db.exists(), "nothing was written");
    let help = qunzhu(dir.path(), &["import", "--help"]);
    assert_success(&help);
    for flag in [
        "--policy",
        "--group",
        "--tz",
        "--encoding",
        "--json",
        "--db",
    ] {
        assert!(stdout(&help).contains(flag), "import --help names {flag}");
    }
}

#[test]
fn plan_lists_the_demo_months_items_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    let summary = demo(dir.path(), &db, 50, 3);
    assert!(summary["content_items"].as_u64().unwrap() > 0);
    let today = chrono::Local::now().date_naive();
    let from = (today - chrono::Duration::days(3)).to_string();
    let to = (today + chrono::Duration::days(3)).to_string();
    let output = qunzhu(
        dir.path(),
        &[
            "plan",
            "--db",
            path_str(&db),
            "--from",
            &from,
            "--to",
            &to,
            "--json",
        ],
    );
    assert_success(&output);
    let rows: Vec<Value> = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        for key in ["date", "time", "group", "column", "title", "status"] {
            assert!(row.get(key).is_some(), "{key} in {row}");
        }
        let date = row["date"].as_str().unwrap();
        assert!(date >= from.as_str() && date <= to.as_str(), "{date}");
    }
    assert!(
        rows.iter()
            .any(|r| r["title"] == "早打卡" && r["time"] == "07:30")
    );
    assert!(
        rows.iter().any(|r| r["status"] == "sent"),
        "past items were sent"
    );

    let one = qunzhu(
        dir.path(),
        &[
            "plan",
            "--db",
            path_str(&db),
            "--from",
            &from,
            "--to",
            &to,
            "--group",
            "宝妈茶话会",
            "--json",
        ],
    );
    assert_success(&one);
    let mine: Vec<Value> = serde_json::from_str(stdout(&one).trim()).unwrap();
    assert!(!mine.is_empty() && mine.len() < rows.len());
    assert!(mine.iter().all(|r| r["group"] == "宝妈茶话会"));

    let unknown = qunzhu(
        dir.path(),
        &[
            "plan",
            "--db",
            path_str(&db),
            "--from",
            &from,
            "--to",
            &to,
            "--group",
            "不存在的群",
        ],
    );
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("不存在的群"));
    let backwards = qunzhu(
        dir.path(),
        &["plan", "--db", path_str(&db), "--from", &to, "--to", &from],
    );
    assert!(!backwards.status.success());
}

#[test]
fn import_reads_the_encoding_given_with_encoding_and_warns_when_it_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let csv = dir.path().join("contacts_latin1.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("UserName,Alias,Remark,NickName\r\nwxid_oak,oak1,Zürich,Õakman\r\n");
    std::fs::write(&csv, &bytes).unwrap();

    let guessed = qunzhu(
        dir.path(),
        &["import", path_str(&csv), "--db", path_str(&db)],
    );
    assert_success(&guessed);
    assert!(
        stderr(&guessed).contains("is a guess"),
        "the guess is said: {}",
        stderr(&guessed)
    );
    assert_success(&qunzhu(
        dir.path(),
        &["undo-import", "1", "--db", path_str(&db)],
    ));

    let import_as = |encoding: &str| {
        let args = [
            "import",
            path_str(&csv),
            "--db",
            path_str(&db),
            "--encoding",
            encoding,
        ];
        qunzhu(dir.path(), &args)
    };
    let chosen = import_as("latin1");
    assert_success(&chosen);
    assert!(!stderr(&chosen).contains("is a guess"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (name, remark): (String, String) = conn
        .query_row("SELECT name, remark FROM customers", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), remark.as_str()), ("Õakman", "Zürich"));
    let bad = import_as("klingon");
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--encoding"), "{}", stderr(&bad));
}

#[test]
fn import_takes_the_kind_and_the_columns_by_hand_for_a_table_it_does_not_recognise() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let contacts = dir.path().join("contacts.csv");
    std::fs::write(&contacts, "客户名称,手机号\n王芳,13800138001\n").unwrap();
    assert_success(&qunzhu(
        dir.path(),
        &["import", path_str(&contacts), "--db", path_str(&db)],
    ));
    let orders = dir.path().join("orders.csv");
    std::fs::write(
        &orders,
        "单据,实收,日子,联系方式\nA1,88.00,2026-11-20 10:00:00,13800138001\n",
    )
    .unwrap();
    let import = |extra: &[&str]| {
        let mut args = vec!["import", path_str(&orders), "--db", path_str(&db)];
        args.extend_from_slice(extra);
        qunzhu(dir.path(), &args)
    };
    let purchases = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(
                "SELECT coalesce(sum(amount_cents), 0) FROM purchases",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    // A misnamed column is refused with the file's columns, and nothing is written.
    let typo = import(&["--kind", "orders", "--map", "金额=amount"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("单据, 实收, 日子, 联系方式"),
        "{}",
        stderr(&typo)
    );
    let short = import(&["--kind", "orders", "--map", "实收=amount"]);
    assert_eq!(short.status.code(), Some(2));
    assert!(stderr(&short).contains("paid_at"), "{}", stderr(&short));
    assert_eq!(purchases(), 0);
    let mapped = import(&[
        "--kind",
        "orders",
        "--map",
        "单据=order_no",
        "--map",
        "实收=amount",
        "--map",
        "日子=paid_at",
        "--map",
        "联系方式=phone",
    ]);
    assert_success(&mapped);
    assert_eq!(purchases(), 8800, "the order lands on 王芳");

    let chat = dir.path().join("chat.csv");
    std::fs::write(
        &chat,
        "时间,人,话\n2026-11-20 09:00:00,小林,早\n2026-11-20 09:01:00,阿美,在吗？\n",
    )
    .unwrap();
    let chat_import = qunzhu(
        dir.path(),
        &[
            "import",
            path_str(&chat),
            "--db",
            path_str(&db),
            "--kind",
            "chat",
            "--group",
            "白茶1群",
            "--map",
            "时间=time",
            "--map",
            "人=sender",
            "--map",
            "话=content",
        ],
    );
    assert_success(&chat_import);
    let (messages, speakers): (i64, i64) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT d.messages, d.speakers FROM group_daily_stats d JOIN groups g \
             ON g.id = d.group_id WHERE g.name = '白茶1群'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((messages, speakers), (2, 2));
}
