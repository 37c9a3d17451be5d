//! The chat history at the design scale: 聊天记录 search and the 待回复 derivation over 300
//! groups and 5,000,000 messages (a year; ≈5% system rows, ≈8% the exporter's own, a vocabulary
//! of real-looking lines with product words). Each figure is quoted with a floor run in the same
//! process: for search, the bare FTS5 index read of the same expression; for 待回复, reading the
//! same rows with nothing done to them.
//!
//! `cargo bench --bench chat` (the data file is written once into target/bench-data/ and reused;
//! delete it to regenerate). Under `cargo test --benches` it runs once on 30 groups × 20k.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

mod common;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration as Days, NaiveDate};
use qunzhu::domain::search_text::phrase_query;
use qunzhu::store::chat::{ChatQuery, index_message, search};
use qunzhu::store::questions::{CHAT_OFFSET_MIN, questions, service_rules};
use qunzhu::store::{Store, groups};

use common::Spread;

fn sizes() -> (usize, usize) {
    if common::bench_mode() {
        (300, 5_000_000)
    } else {
        (30, 20_000)
    }
}

const LINES: &[&str] = &[
    "早上好",
    "收到",
    "好的",
    "谢谢群主",
    "打卡",
    "请问还有货吗",
    "白牡丹多少钱一饼？",
    "什么时候发货呀",
    "今天的白茶不错",
    "求链接",
    "已下单，备注了群名",
    "这个怎么泡？",
    "寿眉和白牡丹有什么区别",
    "快递太慢了，还没到",
    "想退货，包装坏了",
    "哈哈哈",
    "😂😂",
    "明天几点开团",
    "普洱生茶适合存吗",
    "老师讲得真好",
    "有没有小罐装的",
    "晚安",
    "已收到，很香",
    "VIP 价格是多少",
    "活动链接发一下",
    "宝宝可以喝吗",
];

const OWN_LINES: &[&str] = &[
    "有的，下单备注群名就行",
    "今天下午四点统一发货",
    "【每日好物】白毫银针，会员价333元",
    "95度水，闷一分钟",
    "链接已经发在群公告啦",
];

fn build(groups_n: usize, messages: usize) -> (PathBuf, Vec<i64>, NaiveDate, NaiveDate) {
    let path = common::bench_dir().join(format!("chat-{groups_n}-{messages}.db"));
    let last = common::anchor();
    let first = last - Days::days(364);
    if let Ok(store) = Store::open_existing(&path) {
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM chat_messages", [], |r| r.get(0))
            .unwrap();
        if n == messages as i64 {
            let ids = store
                .conn()
                .prepare("SELECT id FROM groups ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            return (path, ids, first, last);
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    let mut store = Store::open(&path).unwrap();
    let ids = store
        .write(|tx| {
            let mut seed: u64 = 11;
            let mut next = move |n: u64| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed % n.max(1)
            };
            let ids: Vec<i64> = (0..groups_n)
                .map(|g| groups::create(tx, &format!("茶友{g:03}群"), "", None))
                .collect::<Result<_, _>>()?;
            let mut insert = tx.prepare(
                "INSERT INTO chat_messages (group_id, sender, at, local_day, kind, text, source_key, own)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let start = qunzhu::domain::time::day_start_unix(first, CHAT_OFFSET_MIN);
            let span = 365 * 86_400_i64;
            for i in 0..messages {
                // Time order overall; each message in a random group.
                let at = start + (i as i64 * span / messages as i64);
                let day = first + Days::days((at - start) / 86_400);
                let group = ids[next(ids.len() as u64) as usize];
                let roll = next(100);
                let (kind, own, sender, text) = if roll < 5 {
                    (10000, false, String::new(), "\"甲\"邀请\"乙\"加入了群聊")
                } else if roll < 13 {
                    (1, true, format!("owner_{group}"), OWN_LINES[next(OWN_LINES.len() as u64) as usize])
                } else {
                    (
                        1,
                        false,
                        format!("wxid_{:05}", next(20_000)),
                        LINES[next(LINES.len() as u64) as usize],
                    )
                };
                insert.execute(rusqlite::params![
                    group,
                    sender,
                    at,
                    day.to_string(),
                    kind,
                    text,
                    format!("k{i}"),
                    own
                ])?;
                index_message(tx, tx.last_insert_rowid(), group, kind, 0, text)?;
            }
            Ok(ids)
        })
        .unwrap();
    (path, ids, first, last)
}

fn main() {
    let (groups_n, messages) = sizes();
    let started = Instant::now();
    let (path, ids, _first, last) = build(groups_n, messages);
    println!(
        "chat: {groups_n} groups, {messages} messages ready in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        path.display()
    );
    let mut store = Store::open(&path).unwrap();
    let sender_messages = name_one_sender(&mut store);
    println!("chat: the sender 阿芳 has {sender_messages} messages");
    let conn = store.conn();
    let runs = if common::bench_mode() { 40 } else { 2 };

    // 1. Search: the full query (join, filters, 200 newest) against the bare index read.
    let cases: Vec<(&str, ChatQuery)> = vec![
        ("1 char 货 (common)", query("货", None)),
        ("2 chars 发货", query("发货", None)),
        ("3 chars 白牡丹", query("白牡丹", None)),
        ("2 words 链接 活动", query("链接 活动", None)),
        ("rare: 小罐装", query("小罐装", None)),
        (
            "2 chars 发货, one group",
            query("发货", Some(ids[ids.len() / 2])),
        ),
        ("nothing: 龙井", query("龙井", None)),
        (
            "1 char 好, one day 200 days back",
            days(
                query("好", None),
                last - Days::days(200),
                last - Days::days(200),
            ),
        ),
        (
            "1 char 好, 30 days 200 days back",
            days(
                query("好", None),
                last - Days::days(229),
                last - Days::days(200),
            ),
        ),
        (
            "1 char 好, one group, one day",
            days(
                query("好", Some(ids[ids.len() / 3])),
                last - Days::days(100),
                last - Days::days(100),
            ),
        ),
        (
            "1 char 好, sender 阿芳 (one person's messages)",
            ChatQuery {
                sender: "阿芳".into(),
                ..query("好", None)
            },
        ),
        (
            "1 char 好, sender nobody is",
            ChatQuery {
                sender: "没有这个人".into(),
                ..query("好", None)
            },
        ),
    ];
    println!("| search | p50 | p95 | floor p50 (index read) | ratio p50 |");
    for (name, q) in &cases {
        let mut expr = format!("body : ({})", phrase_query(&q.text).unwrap());
        if let Some(g) = q.group_id {
            expr = format!("{expr} AND grp : g{g}");
        }
        let (ours, floor) = paired(
            runs,
            || {
                black_box(search(conn, q, 200).unwrap());
            },
            || {
                let n: Vec<i64> = conn
                .prepare_cached(
                    "SELECT rowid FROM chat_search WHERE chat_search MATCH ?1 ORDER BY rowid DESC LIMIT 200",
                )
                .unwrap()
                .query_map([&expr], |r| r.get(0))
                .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                black_box(n);
            },
        );
        print_row(name, &ours, &floor);
    }

    // 2. 待回复: one group over 30 days, and every group over a week (what the weekly report
    // does), against reading the same rows.
    let rules = service_rules(conn).unwrap();
    let group = ids[0];
    let month = (last - Days::days(29), last);
    let week = (last - Days::days(6), last);
    println!("| 待回复 | p50 | p95 | floor p50 (same rows read) | ratio p50 |");
    let (ours, floor) = paired(
        runs,
        || {
            black_box(questions(conn, group, month.0, month.1, CHAT_OFFSET_MIN, &rules).unwrap());
        },
        || {
            black_box(read_rows(&store, group, month));
        },
    );
    print_row("one group, 30 days", &ours, &floor);
    let few = if common::bench_mode() { 5 } else { 1 };
    let (ours, floor) = paired(
        few,
        || {
            for g in &ids {
                black_box(questions(conn, *g, week.0, week.1, CHAT_OFFSET_MIN, &rules).unwrap());
            }
        },
        || {
            for g in &ids {
                black_box(read_rows(&store, *g, week));
            }
        },
    );
    print_row(&format!("all {groups_n} groups, 7 days"), &ours, &floor);
}

/// One sender (`wxid_00042`) becomes the member 阿芳 in every group they spoke in, so the
/// sender filter has someone to find (the data is written without members). Returns how many
/// messages they sent.
fn name_one_sender(store: &mut Store) -> i64 {
    store
        .write(|tx| {
            let named: i64 = tx.query_row(
                "SELECT count(*) FROM group_members WHERE member_key = 'wxid_00042'",
                [],
                |r| r.get(0),
            )?;
            if named == 0 {
                tx.execute(
                    "INSERT INTO group_members (group_id, member_key, display_name)
                     SELECT DISTINCT group_id, sender, '阿芳' FROM chat_messages
                     WHERE sender = 'wxid_00042'",
                    [],
                )?;
                tx.execute(
                    "UPDATE chat_messages SET member_id = (SELECT gm.id FROM group_members gm
                       WHERE gm.group_id = chat_messages.group_id AND gm.member_key = 'wxid_00042')
                     WHERE sender = 'wxid_00042'",
                    [],
                )?;
            }
            Ok(tx.query_row(
                "SELECT count(*) FROM chat_messages m JOIN group_members gm ON gm.id = m.member_id
                 WHERE gm.member_key = 'wxid_00042'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

fn days(q: ChatQuery, from: NaiveDate, to: NaiveDate) -> ChatQuery {
    ChatQuery {
        from: Some(from),
        to: Some(to),
        ..q
    }
}

fn query(text: &str, group_id: Option<i64>) -> ChatQuery {
    ChatQuery {
        text: text.into(),
        group_id,
        ..ChatQuery::default()
    }
}

/// The rows the derivation reads (plus its two days of look-ahead), read and dropped.
fn read_rows(store: &Store, group: i64, (from, to): (NaiveDate, NaiveDate)) -> usize {
    let to = to + Days::days(2);
    let mut stmt = store
        .conn()
        .prepare_cached(
            "SELECT m.id, m.at, m.kind, m.sub_kind, m.text, m.own, m.sender, m.member_id
             FROM chat_messages m WHERE m.group_id = ?1 AND m.local_day BETWEEN ?2 AND ?3
             ORDER BY m.at, m.id",
        )
        .unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map(
            rusqlite::params![group, from.to_string(), to.to_string()],
            |r| Ok((r.get(0)?, r.get(4)?)),
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.len()
}

/// Times `a` and `b` alternately, `runs` times each (a noisy machine then slows both alike).
fn paired(runs: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Spread, Spread) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        ta.extend(common::time_runs(1, &mut a));
        tb.extend(common::time_runs(1, &mut b));
    }
    (Spread::of(&ta), Spread::of(&tb))
}

fn print_row(name: &str, ours: &Spread, floor: &Spread) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "| {name} | {:.2} ms | {:.2} ms | {:.2} ms | {:.1}× |",
        ms(ours.p50),
        ms(ours.p95),
        ms(floor.p50),
        ms(ours.p50) / ms(floor.p50).max(1e-6)
    );
}
