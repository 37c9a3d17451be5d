//! The 聊天记录 search on a real database: our question fixture imported, searched by 1, 2 and
//! 3 Chinese characters, group, sender and days; a hit's context; undo removes the index rows;
//! a data file from before the index gets every stored message indexed when it is opened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/store_fixtures.rs"]
mod store_fixtures;
use store_fixtures::{group_named, import_chat};

use std::path::Path;

use chrono::NaiveDate;

use qunzhu::store::chat::{ChatQuery, context, search};
use qunzhu::store::{Store, imports};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn imported(dir: &Path) -> (Store, i64, i64) {
    let mut store = Store::open(&dir.join("c.db")).unwrap();
    let report = import_chat(
        &mut store,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/health/chat_questions.csv"),
        "答疑群",
    );
    let group = group_named(&store, "答疑群");
    (store, group, report.batch)
}

fn texts(store: &Store, q: &ChatQuery) -> Vec<String> {
    search(store.conn(), q, 50)
        .unwrap()
        .into_iter()
        .map(|h| h.text)
        .collect()
}

fn words(text: &str) -> ChatQuery {
    ChatQuery {
        text: text.into(),
        ..ChatQuery::default()
    }
}

#[test]
fn one_two_and_three_characters_with_filters() {
    let dir = tempfile::tempdir().unwrap();
    let (store, group, _) = imported(dir.path());
    // Newest imported first.
    assert_eq!(
        texts(&store, &words("吗")),
        ["在吗？", "今天能发货吗", "白牡丹还有货吗"]
    );
    assert_eq!(texts(&store, &words("发货")), ["今天能发货吗"]);
    assert_eq!(texts(&store, &words("小罐装")), ["有没有小罐装"]);
    // Every word must match; a phrase is not its characters scattered.
    assert_eq!(texts(&store, &words("有货 白牡丹")), ["白牡丹还有货吗"]);
    assert!(texts(&store, &words("牡白")).is_empty());
    // The exporter's own messages are found too (the team's answers).
    assert_eq!(texts(&store, &words("四点")), ["下午四点统一发"]);
    // The group tokens of the index are not words of the text.
    assert!(texts(&store, &words("g1")).is_empty());
    // System rows (拍一拍) are not indexed.
    assert!(texts(&store, &words("拍了拍")).is_empty());
    let mut q = words("吗");
    q.group_id = Some(group + 1);
    assert!(texts(&store, &q).is_empty());
    q.group_id = Some(group);
    q.sender = "阿芳".into();
    assert_eq!(texts(&store, &q), ["今天能发货吗"]);
    q.sender.clear();
    q.from = Some(d("2024-03-04"));
    q.to = Some(d("2024-03-04"));
    assert_eq!(texts(&store, &q), ["今天能发货吗", "白牡丹还有货吗"]);
    // Days without a group (turned into an id range first), open at either end, too wide to
    // bound, and days holding no message.
    let days = |from: Option<&str>, to: Option<&str>| ChatQuery {
        from: from.map(d),
        to: to.map(d),
        ..words("吗")
    };
    let q = days(Some("2024-03-07"), Some("2024-03-07"));
    assert_eq!(texts(&store, &q), ["在吗？"]);
    let q = days(Some("2024-03-05"), None);
    assert_eq!(texts(&store, &q), ["在吗？"]);
    let q = days(None, Some("2024-03-06"));
    assert_eq!(texts(&store, &q), ["今天能发货吗", "白牡丹还有货吗"]);
    let q = days(Some("2023-01-01"), Some("2024-12-31"));
    assert_eq!(texts(&store, &q).len(), 3);
    let q = days(Some("2024-03-06"), Some("2024-03-06"));
    assert!(texts(&store, &q).is_empty());
    // A sender across groups, with days, and one nobody is.
    let by = |sender: &str, from: Option<&str>| ChatQuery {
        sender: sender.into(),
        from: from.map(d),
        ..words("吗")
    };
    assert_eq!(texts(&store, &by("阿芳", None)), ["今天能发货吗"]);
    assert_eq!(texts(&store, &by("Coco", None)), ["在吗？"]);
    assert_eq!(texts(&store, &by("小鹿", None)), ["白牡丹还有货吗"]);
    assert!(texts(&store, &by("小鹿", Some("2024-03-05"))).is_empty());
    assert!(texts(&store, &by("没有这个人", None)).is_empty());
    assert!(texts(&store, &words("  ")).is_empty());
}

#[test]
fn a_hit_comes_with_the_messages_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _, _) = imported(dir.path());
    let hit = search(store.conn(), &words("发货"), 1).unwrap().remove(0);
    let around: Vec<String> = context(store.conn(), &hit, 2)
        .unwrap()
        .into_iter()
        .map(|h| h.text)
        .collect();
    // Same day only, system rows left out.
    assert_eq!(
        around,
        [
            "多少钱一饼？",
            "有的，会员价 298",
            "今天能发货吗",
            "下午四点统一发",
            "明天几点开团？"
        ]
    );
}

#[test]
fn undo_takes_the_messages_out_of_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, batch) = imported(dir.path());
    store.write(|tx| imports::undo_batch(tx, batch)).unwrap();
    let rows: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM chat_search WHERE chat_search MATCH '\"吗\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
    assert!(texts(&store, &words("吗")).is_empty());
}

#[test]
fn an_older_data_file_is_indexed_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _, _) = imported(dir.path());
    store
        .conn()
        .execute_batch(
            "DROP TRIGGER chat_messages_unsearch; DROP TABLE chat_search; DROP INDEX chat_messages_by_batch; DROP INDEX chat_messages_by_day_id; PRAGMA user_version = 8;",
        )
        .unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("c.db")).unwrap();
    assert_eq!(texts(&store, &words("小罐装")), ["有没有小罐装"]);
    assert_eq!(texts(&store, &words("吗")).len(), 3);
}
