//! Group health imports into a real database: WeCom statistics and chat exports against
//! EXPECTED.json (shared fixtures) and our own small fixtures; idempotent re-imports, undo,
//! source precedence, member linking, hand edits with undo, thresholds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/shared_fixtures.rs"]
mod shared_fixtures;
use shared_fixtures::{expected, fixtures_dir};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};

use qunzhu::domain::health::{DayStats, Thresholds};
use qunzhu::import::CHINA_STANDARD_TIME;
use qunzhu::jobs::Reporter;
use qunzhu::jobs::contact_import::ImportReport;
use qunzhu::jobs::health_import::{HealthImportRequest, run};
use qunzhu::store::health::{self, Source};
use qunzhu::store::health_import::ChatTarget;
use qunzhu::store::{Store, groups, imports};

fn own(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/health")
        .join(name)
}

fn db() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.db")).unwrap();
    (dir, store)
}

fn import(store: &mut Store, path: &Path, target: Option<ChatTarget>) -> ImportReport {
    let request = HealthImportRequest {
        path: path.to_path_buf(),
        sheet: None,
        encoding: None,
        chat_target: target,
        tz: CHINA_STANDARD_TIME,
        stat_columns: None,
        chat_columns: None,
    };
    run(store, &request, &Reporter::silent()).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn all_days(store: &Store, group: i64) -> Vec<DayStats> {
    health::days(store.conn(), group, d("2000-01-01"), d("2100-01-01")).unwrap()
}

/// Row counts of every table a health import writes.
fn footprint(store: &Store) -> Vec<i64> {
    [
        "groups",
        "group_members",
        "group_daily_stats",
        "chat_messages",
        "import_batch_changes",
    ]
    .iter()
    .map(|t| {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

type StatsRow = (i64, String, Option<i64>, Option<i64>, String);

fn stats_snapshot(store: &Store) -> Vec<StatsRow> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT group_id, day, members, speakers, source FROM group_daily_stats ORDER BY 1, 2",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn shared_chat_exports_derive_expected_per_day() {
    let Some(dir) = fixtures_dir() else { return };
    let all = expected(&dir);
    for (file, exp) in all["files"].as_object().unwrap() {
        if exp["kind"] != "wechatmsg_group_chat" {
            continue;
        }
        let (_tmp, mut store) = db();
        let name = exp["group_name"].as_str().unwrap();
        let report = import(
            &mut store,
            &dir.join(file),
            Some(ChatTarget::Named(name.into())),
        );
        assert_eq!(report.kind, "chat");
        assert_eq!(
            Some(report.rows as u64),
            exp["data_rows"].as_u64(),
            "{file}"
        );
        let group = groups::find_by_name(store.conn(), name).unwrap().unwrap();
        let got: serde_json::Map<String, Value> = all_days(&store, group)
            .iter()
            .map(|s| {
                let v = json!({"speakers": s.speakers, "messages": s.messages, "joins": s.joins});
                (s.day.to_string(), v)
            })
            .collect();
        assert_eq!(Value::Object(got), exp["per_day"], "{file}");
        // Every sender is a member; every message points at its member (KOC reads this join).
        let speakers: i64 = store
            .conn()
            .query_row(
                "SELECT count(DISTINCT sender) FROM chat_messages WHERE kind <> 10000",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(Some(speakers as u64), exp["distinct_speakers"].as_u64());
        let unlinked: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM chat_messages WHERE sender <> '' AND member_id IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unlinked, 0);
        // Senders sharing a nickname stay distinct members (keyed by wxid, not by nickname).
        for (nick, ids) in exp["speakers_sharing_a_nickname"].as_object().unwrap() {
            for id in ids.as_array().unwrap() {
                let shown: String = store
                    .conn()
                    .query_row(
                        "SELECT display_name FROM group_members WHERE group_id = ?1 AND member_key = ?2",
                        rusqlite::params![group, id.as_str().unwrap()],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(&shown, nick, "{file}");
            }
        }
        // Idempotent: the same file again changes nothing.
        let before = (footprint(&store), stats_snapshot(&store));
        let again = import(
            &mut store,
            &dir.join(file),
            Some(ChatTarget::Existing(group)),
        );
        assert_eq!((again.created, again.updated), (0, 0), "{file}");
        assert_eq!(again.health.unwrap().counts.messages_created, 0);
        assert_eq!((footprint(&store), stats_snapshot(&store)), before);
    }
}

#[test]
fn shared_group_statistics_import_and_undo() {
    let Some(dir) = fixtures_dir() else { return };
    let all = expected(&dir);
    let exp = &all["files"]["group_stats.xlsx"];
    let (_tmp, mut store) = db();
    let empty = footprint(&store);
    let report = import(&mut store, &dir.join("group_stats.xlsx"), None);
    assert_eq!(report.kind, "group_stats");
    assert!(report.rejected.is_empty());
    for g in exp["groups"].as_array().unwrap() {
        let chat_id = g["chat_id"].as_str().unwrap();
        let (id, name): (i64, String) = store
            .conn()
            .query_row(
                "SELECT id, name FROM groups WHERE wecom_chat_id = ?1",
                [chat_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(name, g["name"].as_str().unwrap());
        let days = all_days(&store, id);
        assert_eq!(Some(days.len() as u64), g["rows"].as_u64());
        for s in days {
            let want = &g["per_day"][s.day.to_string()];
            let got = json!({"member_total": s.members, "joins": s.joins, "leaves": s.leaves,
                "speakers": s.speakers, "messages": s.messages});
            assert_eq!(&got, want, "{name} {}", s.day);
        }
    }
    let after = (footprint(&store), stats_snapshot(&store));
    let again = import(&mut store, &dir.join("group_stats.xlsx"), None);
    assert_eq!((again.created, again.updated), (0, 0));
    assert_eq!((footprint(&store), stats_snapshot(&store)), after);
    // A chat export of a group WeCom already counted agrees day by day: nothing is overwritten.
    let (file, chat) = all["files"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, v)| v["kind"] == "wechatmsg_group_chat")
        .unwrap();
    let name = chat["group_name"].as_str().unwrap().to_string();
    let chat_report = import(&mut store, &dir.join(file), Some(ChatTarget::Named(name)));
    assert_eq!((chat_report.created, chat_report.updated), (0, 0));
    store
        .write(|tx| imports::undo_batch(tx, chat_report.batch))
        .unwrap();
    store
        .write(|tx| imports::undo_batch(tx, again.batch))
        .unwrap();
    assert_eq!(
        (footprint(&store).len(), stats_snapshot(&store)),
        (5, after.1)
    );
    store
        .write(|tx| imports::undo_batch(tx, report.batch))
        .unwrap();
    assert_eq!(&footprint(&store)[..4], &empty[..4]);
}

#[test]
fn own_chat_fixture_days_members_and_links() {
    let (_tmp, mut store) = db();
    let wang = store
        .write(|tx| {
            tx.execute(
                "INSERT INTO customers (name, remark, created_at, updated_at) VALUES ('王芳', '王芳老师', 0, 0)",
                [],
            )?;
            let wang = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO customers (name, wechat_id, created_at, updated_at) VALUES ('杰', 'wxid_ajie', 0, 0)",
                [],
            )?;
            // A customer named like the shared nickname must not be linked to either 小鹿.
            tx.execute(
                "INSERT INTO customers (name, created_at, updated_at) VALUES ('小鹿', 0, 0)",
                [],
            )?;
            Ok(wang)
        })
        .unwrap();
    let report = import(
        &mut store,
        &own("chat_small.csv"),
        Some(ChatTarget::Named("小测试群".into())),
    );
    let h = report.health.clone().unwrap();
    assert_eq!((report.rows, h.counts.messages_created), (7, 7));
    assert_eq!(
        (
            h.counts.groups_created,
            h.counts.members_created,
            h.counts.members_linked
        ),
        (1, 4, 2)
    );
    let group = h.group_id.unwrap();
    let days = all_days(&store, group);
    let tuple = |s: &DayStats| (s.day.to_string(), s.speakers, s.messages, s.joins);
    assert_eq!(
        days.iter().map(tuple).collect::<Vec<_>>(),
        [
            // 00:30 local on Feb 1 is still Jan 31 in UTC: it counts on Feb 1.
            ("2024-02-01".into(), Some(3), Some(4), Some(1)),
            ("2024-02-02".into(), Some(0), Some(0), Some(0)),
            ("2024-02-03".into(), Some(1), Some(1), Some(0)),
        ]
    );
    let linked: Vec<(String, Option<i64>)> = store
        .conn()
        .prepare("SELECT member_key, customer_id FROM group_members ORDER BY member_key")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(linked[0].0, "wxid_ajie");
    assert!(linked[0].1.is_some());
    assert_eq!(linked[1], ("wxid_deer_a".into(), None));
    assert_eq!(linked[2], ("wxid_deer_b".into(), None));
    assert_eq!(linked[3], ("wxid_wangfang".into(), Some(wang)));
    // Undo removes the group, members, messages and days it created.
    store
        .write(|tx| imports::undo_batch(tx, report.batch))
        .unwrap();
    assert_eq!(&footprint(&store)[..4], &[0, 0, 0, 0]);
    assert!(imports::batch(store.conn(), report.batch).unwrap().undone);
}

#[test]
fn precedence_manual_over_wecom_over_chat() {
    let (_tmp, mut store) = db();
    let first = import(&mut store, &own("group_stats_small.csv"), None);
    assert_eq!((first.created, first.rows), (4, 4));
    let group = groups::find_by_name(store.conn(), "小测试群")
        .unwrap()
        .unwrap();
    // A hand edit of Feb 2 with exposure; WeCom must not overwrite it afterwards.
    let hand = DayStats {
        members: Some(97),
        exposure: Some(40),
        ..DayStats::empty(d("2024-02-02"))
    };
    let undo = store
        .write(|tx| health::save_manual(tx, group, &hand))
        .unwrap();
    assert!(undo.before.is_some());
    let again = import(&mut store, &own("group_stats_small.csv"), None);
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 4));
    let feb2 = health::day(store.conn(), group, d("2024-02-02"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (feb2.source, feb2.stats.members),
        (Source::Manual, Some(97))
    );
    // Chat numbers only fill empty fields on manual/WeCom days.
    let chat = import(
        &mut store,
        &own("chat_small.csv"),
        Some(ChatTarget::Existing(group)),
    );
    let feb1 = health::day(store.conn(), group, d("2024-02-01"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (feb1.source, feb1.stats.speakers, feb1.stats.messages),
        (Source::Wecom, Some(3), Some(4))
    );
    let feb2 = health::day(store.conn(), group, d("2024-02-02"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (feb2.source, feb2.stats.speakers, feb2.stats.members),
        (Source::Manual, Some(0), Some(97))
    );
    assert_eq!(chat.updated, 1, "only the manual day had empty fields");
    // Undo of the chat import restores the manual day exactly; undo of the hand edit too.
    store
        .write(|tx| imports::undo_batch(tx, chat.batch))
        .unwrap();
    let feb2 = health::day(store.conn(), group, d("2024-02-02"))
        .unwrap()
        .unwrap();
    assert_eq!(feb2.stats, hand);
    store.write(|tx| health::restore_day(tx, &undo)).unwrap();
    let feb2 = health::day(store.conn(), group, d("2024-02-02"))
        .unwrap()
        .unwrap();
    assert_eq!((feb2.source, feb2.stats.members), (Source::Wecom, Some(98)));
}

#[test]
fn hand_entry_on_an_empty_day_and_thresholds() {
    let (_tmp, mut store) = db();
    let group = store
        .write(|tx| groups::create(tx, "手填群", "", Some("2024-01-01")))
        .unwrap();
    let day = DayStats {
        members: Some(10),
        speakers: Some(2),
        ..DayStats::empty(d("2024-03-01"))
    };
    let undo = store
        .write(|tx| health::save_manual(tx, group, &day))
        .unwrap();
    assert_eq!(undo.before, None);
    assert_eq!(all_days(&store, group), vec![day]);
    store.write(|tx| health::restore_day(tx, &undo)).unwrap();
    assert!(all_days(&store, group).is_empty());
    assert!(
        store
            .write(|tx| health::save_manual(tx, 999, &day))
            .is_err()
    );
    assert_eq!(
        health::thresholds(store.conn()).unwrap(),
        Thresholds::default()
    );
    let th = Thresholds {
        silent_days: 5,
        ..Thresholds::default()
    };
    let before = store.write(|tx| health::set_thresholds(tx, &th)).unwrap();
    assert_eq!(before, Thresholds::default());
    assert_eq!(health::thresholds(store.conn()).unwrap().silent_days, 5);
    let listed = health::groups(store.conn()).unwrap();
    assert_eq!(listed[0].since, Some(d("2024-01-01")));
}

#[test]
fn a_chat_into_a_missing_group_fails_and_leaves_nothing() {
    let (_tmp, mut store) = db();
    let request = HealthImportRequest {
        path: own("chat_small.csv"),
        sheet: None,
        encoding: None,
        chat_target: Some(ChatTarget::Existing(42)),
        tz: CHINA_STANDARD_TIME,
        stat_columns: None,
        chat_columns: None,
    };
    assert!(run(&mut store, &request, &Reporter::silent()).is_err());
    let request = HealthImportRequest {
        chat_target: None,
        ..request
    };
    assert!(run(&mut store, &request, &Reporter::silent()).is_err());
    assert_eq!(&footprint(&store)[..4], &[0, 0, 0, 0]);
    assert!(imports::history(store.conn(), 10).unwrap().is_empty());
}

#[test]
fn csv_export_of_a_group_has_every_rate() {
    let (_tmp, mut store) = db();
    import(&mut store, &own("group_stats_small.csv"), None);
    let group = groups::find_by_name(store.conn(), "小测试群")
        .unwrap()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.csv");
    let n = qunzhu::gui::commands::health::export_csv(
        &store,
        &path,
        group,
        d("2024-02-02"),
        d("2024-02-03"),
    )
    .unwrap();
    assert_eq!(n, 2);
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("group_id,group,day,members"));
    assert!(header.contains("interaction_rate") && header.contains("roi"));
    let feb2: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&feb2[1..4], ["小测试群", "2024-02-02", "98"]);
    // start members come from the day before the range; an undefined rate is an empty cell.
    assert_eq!(feb2[13], "100");
    assert_eq!(feb2[15], "", "no exposure: join rate undefined");
    assert_eq!(feb2[16], "0.020000");
}

#[test]
fn a_cancelled_import_leaves_nothing() {
    let (_tmp, mut store) = db();
    let reporter = Reporter::silent();
    reporter.cancel();
    let request = HealthImportRequest {
        path: own("chat_small.csv"),
        sheet: None,
        encoding: None,
        chat_target: Some(ChatTarget::Named("取消的群".into())),
        tz: CHINA_STANDARD_TIME,
        stat_columns: None,
        chat_columns: None,
    };
    let err = run(&mut store, &request, &reporter).unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert_eq!(&footprint(&store)[..4], &[0, 0, 0, 0]);
    assert!(imports::history(store.conn(), 10).unwrap().is_empty());
}
