//! Keyword signals over an imported chat: the customers whose own messages match a rule, with
//! the message; the team (exporter, 群管理, staff names) is never listed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/store_fixtures.rs"]
mod store_fixtures;
use store_fixtures::{group_named, import_chat};

use std::path::Path;

use chrono::NaiveDate;

use qunzhu::store::{Store, signals};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Our question fixture as the chat of 答疑群, with 小鹿, 阿芳 and Coco as customers (by wxid).
fn seeded(dir: &Path) -> (Store, i64) {
    let mut store = Store::open(&dir.join("s.db")).unwrap();
    store
        .write(|tx| {
            for (name, wxid) in [("小鹿", "wxid_a"), ("阿芳", "wxid_b"), ("Coco", "wxid_c")] {
                tx.execute(
                    "INSERT INTO customers (name, wxid, created_at, updated_at) VALUES (?1, ?2, 0, 0)",
                    [name, wxid],
                )?;
            }
            Ok(())
        })
        .unwrap();
    import_chat(
        &mut store,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/health/chat_questions.csv"),
        "答疑群",
    );
    let group = group_named(&store, "答疑群");
    (store, group)
}

fn buying(store: &Store) -> Vec<(String, String, String)> {
    let rule = signals::rules(store.conn()).unwrap().remove(0);
    assert_eq!(rule.name, "购买意向");
    signals::matching(store.conn(), &rule, d("2024-03-07"), 50)
        .unwrap()
        .into_iter()
        .map(|h| (h.customer, h.text, h.word))
        .collect()
}

#[test]
fn customers_who_asked_to_buy_are_listed_with_their_message() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = seeded(dir.path());
    assert_eq!(
        buying(&store),
        [
            ("阿芳".into(), "多少钱一饼？".into(), "多少钱".into()),
            ("小鹿".into(), "白牡丹还有货吗".into(), "还有货".into()),
        ]
    );
    // Outside the rule's days nothing is found.
    let rule = signals::rules(store.conn()).unwrap().remove(0);
    assert!(
        signals::matching(store.conn(), &rule, d("2024-04-30"), 50)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_team_is_not_a_signal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, group) = seeded(dir.path());
    // 阿芳 becomes the group's 群管理; 小鹿 is the name of a staff account.
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO role_assignments (customer_id, role_id, group_id, status, since, created_at)
                 SELECT c.id, r.id, ?1, 'active', '2024-01-01', 0 FROM customers c, roles r
                 WHERE c.name = '阿芳' AND r.name = '群管理'",
                [group],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(buying(&store).len(), 1);
    assert_eq!(buying(&store)[0].0, "小鹿");
    store
        .write(|tx| {
            tx.execute("INSERT INTO staff (name) VALUES ('小鹿')", [])?;
            Ok(())
        })
        .unwrap();
    assert!(buying(&store).is_empty());
}
