//! Unanswered questions from imported chats: our own small fixture with known outcomes, the team
//! known by the exporter's flag, by staff name or by a 群管理 role, and the shared chat fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/store_fixtures.rs"]
mod store_fixtures;
use store_fixtures::{group_named, import_chat};

#[path = "support/shared_fixtures.rs"]
mod shared_fixtures;
use shared_fixtures::fixtures_dir;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use qunzhu::domain::questions::{Outcome, Question, ServiceRules};
use qunzhu::store::{Store, questions};

const BEIJING_MIN: i32 = 480;

fn own(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/health")
        .join(name)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A store holding `path` imported as the chat of group "答疑群"; returns the group id.
fn imported(path: &Path) -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("q.db")).unwrap();
    import_chat(&mut store, path, "答疑群");
    let group = group_named(&store, "答疑群");
    (dir, store, group)
}

fn week(store: &Store, group: i64) -> Vec<Question> {
    let rules = questions::service_rules(store.conn()).unwrap();
    questions::questions(
        store.conn(),
        group,
        d("2024-03-04"),
        d("2024-03-10"),
        BEIJING_MIN,
        &rules,
    )
    .unwrap()
}

fn outcomes(qs: &[Question]) -> Vec<(&str, Outcome, Option<i64>)> {
    let rules = ServiceRules::default();
    qs.iter()
        .map(|q| (q.text.as_str(), q.outcome, q.response_min(&rules)))
        .collect()
}

const EXPECTED: &[(&str, Outcome, Option<i64>)] = &[
    ("白牡丹还有货吗", Outcome::InTime, Some(10)),
    ("多少钱一饼？", Outcome::InTime, Some(5)),
    ("今天能发货吗", Outcome::Late, Some(60)),
    // Asked at 23:50: the clock starts at 09:00, the answer at 09:20 is in time.
    ("明天几点开团？", Outcome::InTime, Some(20)),
    // Another customer's "有的" is not the team's answer.
    ("有没有小罐装", Outcome::Never, None),
    // The history ends half an hour after it: still open.
    ("在吗？", Outcome::Open, None),
];

#[test]
fn own_fixture_questions_by_the_exporters_flag() {
    let (_dir, store, group) = imported(&own("chat_questions.csv"));
    let qs = week(&store, group);
    assert_eq!(outcomes(&qs), EXPECTED);
    assert_eq!(qs[0].asker, "小鹿");
    // By day: Monday has four questions, three in time.
    let rules = ServiceRules::default();
    let days = qunzhu::domain::questions::by_day(&qs, &rules);
    let monday = &days[&d("2024-03-04")];
    assert_eq!((monday.questions, monday.in_time, monday.late), (4, 3, 1));
    assert_eq!(monday.median_response_min, Some(15.0));
    // A range of one day keeps only that day's questions but still sees the next day's answer.
    let one = questions::questions(
        store.conn(),
        group,
        d("2024-03-04"),
        d("2024-03-04"),
        BEIJING_MIN,
        &rules,
    )
    .unwrap();
    assert_eq!(one.len(), 4);
    assert_eq!(one[3].outcome, Outcome::InTime);
}

/// A one-to-one chat imported as its own conversation (WeChatMsg's export-all shape: the
/// exporter is `我`) is checked like a group: the exporter's replies are the team's, and the
/// asker's sticker or thanks are not answers.
#[test]
fn a_one_to_one_chat_is_checked_like_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db")).unwrap();
    import_chat(&mut store, &own("chat_private.csv"), "小鹿");
    let (group, name) = questions::chat_groups(store.conn()).unwrap().remove(0);
    assert_eq!(name, "小鹿");
    let qs = week(&store, group);
    assert_eq!(
        outcomes(&qs),
        [
            ("这款白茶有现货吗", Outcome::InTime, Some(12)),
            // 22:30, after hours: due 09:30, answered 09:20.
            ("能开发票吗？", Outcome::InTime, Some(20)),
            ("怎么退货", Outcome::Late, Some(120)),
            // Her own "好的谢谢" the next evening is no answer, and a day past due it is missed.
            ("还有优惠券吗", Outcome::Never, None),
        ]
    );
    assert!(qs.iter().all(|q| q.asker == "小鹿"));
    let summary = qunzhu::domain::questions::summarize(&qs, &ServiceRules::default());
    assert_eq!(summary.in_time_share(), Some(0.5));
    assert_eq!(summary.median_response_min, Some(20.0));
    let by_group =
        questions::service_by_group(store.conn(), d("2024-03-04"), d("2024-03-10"), BEIJING_MIN)
            .unwrap();
    assert_eq!(by_group[&group], summary);
}

#[test]
fn the_team_is_known_by_staff_name_or_role_without_the_flag() {
    let (_dir, mut store, group) = imported(&own("chat_questions.csv"));
    store
        .write(|tx| {
            tx.execute("UPDATE chat_messages SET own = 0", [])?;
            Ok(())
        })
        .unwrap();
    // Nobody is on the team: every question goes unanswered.
    assert!(week(&store, group).iter().all(Question::unanswered));
    store
        .write(|tx| {
            tx.execute("INSERT INTO staff (name) VALUES ('林晓雯')", [])?;
            Ok(())
        })
        .unwrap();
    assert_eq!(outcomes(&week(&store, group)), EXPECTED);

    // A 群管理 linked to the sender answers just as well.
    store
        .write(|tx| {
            tx.execute("DELETE FROM staff", [])?;
            tx.execute(
                "INSERT INTO customers (name, created_at, updated_at) VALUES ('林晓雯', 0, 0)",
                [],
            )?;
            let c = tx.last_insert_rowid();
            tx.execute(
                "UPDATE group_members SET customer_id = ?1 WHERE member_key = 'wxid_owner'",
                [c],
            )?;
            tx.execute(
                "INSERT INTO role_assignments (customer_id, role_id, group_id, status, since, created_at)
                 SELECT ?1, id, ?2, 'active', '2024-01-01', 0 FROM roles WHERE name = '群管理'",
                [c, group],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(outcomes(&week(&store, group)), EXPECTED);
}

#[test]
fn edited_rules_are_stored_and_used() {
    let (_dir, mut store, group) = imported(&own("chat_questions.csv"));
    let rules = ServiceRules {
        answer_within_min: 90,
        ..ServiceRules::default()
    };
    let before = store
        .write(|tx| questions::set_service_rules(tx, &rules))
        .unwrap();
    assert_eq!(before, ServiceRules::default());
    let qs = week(&store, group);
    // With 90 minutes the 60-minute answer is in time.
    assert_eq!(qs[2].outcome, Outcome::InTime);
}

#[test]
fn shared_chat_fixtures_questions_are_consistent() {
    let Some(dir) = fixtures_dir() else { return };
    for name in [
        "chat_baicha_pinjian.csv",
        "chat_baoma_chahua.csv",
        "chat_xinke_tiyan.csv",
    ] {
        let (_tmp, store, group) = imported(&dir.join(name));
        let rules = questions::service_rules(store.conn()).unwrap();
        let qs = questions::questions(
            store.conn(),
            group,
            d("2000-01-01"),
            d("2100-01-01"),
            BEIJING_MIN,
            &rules,
        )
        .unwrap();
        assert!(qs.len() > 20, "{name}: {} questions", qs.len());
        let answered = qs.iter().filter(|q| !q.unanswered()).count();
        assert!(answered > 0 && answered < qs.len(), "{name}: {answered}");
        for q in &qs {
            // Never the exporter's own message.
            let own: i64 = store
                .conn()
                .query_row(
                    "SELECT own FROM chat_messages WHERE id = ?1",
                    [q.message_id],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(own, 0, "{name}: {}", q.text);
            if let Some(a) = q.answered_at {
                assert!(a > q.at);
                assert_eq!(q.outcome == Outcome::InTime, a <= q.due);
            }
        }
    }
}
