//! Full-text search: short Chinese queries, substrings, phone and WeChat fragments, notes, the
//! `matched` field, keeping the index current through edits, deletes and undo, and agreement with
//! a brute-force scan on generated data.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/store_fixtures.rs"]
mod store_fixtures;

use std::collections::BTreeSet;

use qunzhu::demo::{DemoOptions, generate};
use qunzhu::domain::customer::Customer;
use qunzhu::domain::filter::CustomerFilter;
use qunzhu::domain::note::NoteKind;
use qunzhu::store::{Store, customers, groups, notes, search, snapshot, staff, tags};
use rusqlite::{Connection, params};
use store_fixtures::{day, local_stamp};

/// The hand-made set, by name.
struct People {
    store: Store,
    /// 王小明: phone 13800123456, WeChat wxid_Lucky88, a note with the word "xylophone".
    xiaoming: i64,
    /// 李雷: 上海 in the remark.
    lilei: i64,
    /// 王芳: lives in 上海 (city).
    wangfang: i64,
    /// Amy Zhang: Latin name, a company.
    amy: i64,
    /// 张伟: has 上 and 海 but never 上海.
    zhangwei: i64,
    /// 陈上: name ends in 上 and the city starts with 海; no field holds 上海.
    chenshang: i64,
    xiaoming_note: i64,
}

fn people() -> People {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let add = |customer: Customer| customers::create(conn, &customer).unwrap();
    let xiaoming = add(Customer {
        name: "王小明".into(),
        remark: "老客".into(),
        phone: Some("13800123456".into()),
        wechat_id: Some("wxid_Lucky88".into()),
        city: "杭州".into(),
        ..Customer::default()
    });
    let lilei = add(Customer {
        name: "李雷".into(),
        remark: "李雷-上海-白茶".into(),
        phone: Some("13912345678".into()),
        ..Customer::default()
    });
    let wangfang = add(Customer {
        name: "王芳".into(),
        city: "上海".into(),
        phone: Some("15800000000".into()),
        ..Customer::default()
    });
    let amy = add(Customer {
        name: "Amy Zhang".into(),
        corp: "Tea House Ltd".into(),
        ..Customer::default()
    });
    let zhangwei = add(Customer {
        name: "张伟".into(),
        description: "上周去了海南".into(),
        ..Customer::default()
    });
    let chenshang = add(Customer {
        name: "陈上".into(),
        city: "海口".into(),
        ..Customer::default()
    });
    let at = local_stamp(day(2024, 3, 1), 9 * 3600);
    let xiaoming_note = notes::add(
        conn,
        xiaoming,
        NoteKind::Preference,
        "plays the xylophone on Sundays",
        at,
    )
    .unwrap();
    notes::add(conn, amy, NoteKind::Purchase, "买了普洱2盒", at).unwrap();
    People {
        store,
        xiaoming,
        lilei,
        wangfang,
        amy,
        zhangwei,
        chenshang,
        xiaoming_note,
    }
}

impl People {
    /// The matching ids and each hit's `matched` field, in hit order.
    fn hits(&self, query: &str) -> Vec<(i64, String)> {
        let results = search::search(self.store.conn(), query, 100).unwrap();
        assert_eq!(results.total, results.hits.len(), "{query}: total vs hits");
        results
            .hits
            .into_iter()
            .map(|hit| (hit.id, hit.matched))
            .collect()
    }

    fn ids(&self, query: &str) -> BTreeSet<i64> {
        let ids: BTreeSet<i64> = self.hits(query).into_iter().map(|(id, _)| id).collect();
        // The customer book's query filter goes through the same index.
        let listed: BTreeSet<i64> = customers::list_ids(
            self.store.conn(),
            &CustomerFilter {
                query: query.into(),
                ..CustomerFilter::default()
            },
        )
        .unwrap()
        .into_iter()
        .collect();
        assert_eq!(ids, listed, "{query}: search vs list_ids");
        // And so does the kept list the customer book reuses between keystrokes.
        let mut cache = customers::IdListCache::default();
        for q in ["", query] {
            let filter = CustomerFilter {
                query: q.into(),
                ..CustomerFilter::default()
            };
            assert_eq!(
                cache.list_ids(self.store.conn(), &filter).unwrap(),
                customers::list_ids(self.store.conn(), &filter).unwrap(),
                "{q}: kept list vs list_ids"
            );
        }
        ids
    }

    fn matched(&self, query: &str, id: i64) -> String {
        self.hits(query)
            .into_iter()
            .find(|(hit, _)| *hit == id)
            .unwrap_or_else(|| panic!("{query} does not find {id}"))
            .1
    }
}

fn set(ids: &[i64]) -> BTreeSet<i64> {
    ids.iter().copied().collect()
}

#[test]
fn one_chinese_character_finds_every_name_containing_it() {
    let p = people();
    assert_eq!(p.ids("王"), set(&[p.xiaoming, p.wangfang]));
    assert_eq!(p.matched("王", p.xiaoming), "name");
    assert_eq!(p.matched("王", p.wangfang), "name");
    assert_eq!(p.ids("雷"), set(&[p.lilei]));
}

#[test]
fn two_chinese_characters_match_as_a_phrase() {
    let p = people();
    assert_eq!(p.ids("上海"), set(&[p.lilei, p.wangfang]));
    assert_eq!(p.matched("上海", p.lilei), "remark");
    assert_eq!(p.matched("上海", p.wangfang), "city");
    assert!(!p.ids("上海").contains(&p.zhangwei), "上 and 海 apart");
    assert_eq!(p.ids("小明"), set(&[p.xiaoming]));
}

#[test]
fn a_two_character_query_does_not_match_across_fields() {
    let p = people();
    // 陈上's name ends in 上 and the city 海口 begins with 海: no field contains 上海.
    assert!(!p.ids("上海").contains(&p.chenshang));
    // Nor across a field and a note.
    let conn = p.store.conn();
    let at = local_stamp(day(2024, 3, 2), 0);
    notes::add(conn, p.chenshang, NoteKind::Other, "口味偏淡", at).unwrap();
    assert!(!p.ids("海口").is_empty());
    assert!(!p.ids("口口").contains(&p.chenshang));
}

#[test]
fn three_or_more_characters_match_as_a_substring() {
    let p = people();
    assert_eq!(p.ids("王小明"), set(&[p.xiaoming]));
    assert_eq!(p.ids("李雷-上海"), set(&[p.lilei]));
    assert_eq!(p.ids("上海-白茶"), set(&[p.lilei]));
    assert!(p.ids("王小明明").is_empty());
}

#[test]
fn phone_fragments_and_prefixes() {
    let p = people();
    assert_eq!(p.ids("0012"), set(&[p.xiaoming]));
    assert_eq!(p.matched("0012", p.xiaoming), "phone");
    assert_eq!(p.ids("138"), set(&[p.xiaoming]));
    assert_eq!(p.ids("13800123456"), set(&[p.xiaoming]));
    assert_eq!(p.ids("5678"), set(&[p.lilei]));
    // Two digits are a prefix of the number.
    assert_eq!(p.ids("13"), set(&[p.xiaoming, p.lilei]));
    assert_eq!(p.ids("15"), set(&[p.wangfang]));
}

#[test]
fn wechat_id_fragments() {
    let p = people();
    assert_eq!(p.ids("Lucky"), set(&[p.xiaoming]));
    assert_eq!(p.ids("xid_luc"), set(&[p.xiaoming]));
    assert_eq!(p.matched("lucky8", p.xiaoming), "wechat_id");
}

#[test]
fn note_text_is_searchable() {
    let p = people();
    assert_eq!(p.ids("xylophone"), set(&[p.xiaoming]));
    assert_eq!(p.matched("xylophone", p.xiaoming), "note");
    assert_eq!(p.ids("普洱"), set(&[p.amy]));
    assert_eq!(p.matched("普洱", p.amy), "note");
}

#[test]
fn several_terms_must_all_match() {
    let p = people();
    assert_eq!(p.ids("王 上海"), set(&[p.wangfang]));
    assert_eq!(p.matched("王 上海", p.wangfang), "name");
    assert_eq!(p.ids("上海 王"), set(&[p.wangfang]));
    assert_eq!(p.ids("王 xylophone"), set(&[p.xiaoming]));
    assert!(p.ids("王 李").is_empty());
    assert_eq!(p.ids("  王   上海  "), set(&[p.wangfang]));
}

#[test]
fn latin_text_is_case_insensitive() {
    let p = people();
    for query in ["amy", "AMY", "Amy", "zhang", "ZHANG"] {
        assert_eq!(p.ids(query), set(&[p.amy]), "{query}");
    }
    assert_eq!(p.matched("ZHANG", p.amy), "name");
    assert_eq!(p.ids("tea house"), set(&[p.amy]));
    assert_eq!(p.matched("TEA", p.amy), "corp");
    assert_eq!(p.ids("XYLOPHONE"), set(&[p.xiaoming]));
    // Short Latin terms are word prefixes.
    assert_eq!(p.ids("am"), set(&[p.amy]));
}

#[test]
fn empty_and_unmatched_queries() {
    let p = people();
    let none = search::search(p.store.conn(), "   ", 10).unwrap();
    assert_eq!((none.total, none.hits.len()), (0, 0));
    assert!(p.ids("不存在的人").is_empty());
    assert!(p.hits("\"").is_empty(), "a query of only quotes is empty");
    // Quotes and FTS syntax in a query are text, not errors.
    assert!(p.ids("\"王").contains(&p.xiaoming));
    assert!(p.ids("AND OR NOT").is_empty());
    assert!(p.ids("a*b").is_empty());
}

#[test]
fn total_counts_everything_while_hits_respect_the_limit() {
    let p = people();
    let results = search::search(p.store.conn(), "王", 1).unwrap();
    assert_eq!(results.total, 2);
    assert_eq!(results.hits.len(), 1);
    // An exact name match ranks first.
    let results = search::search(p.store.conn(), "王芳", 10).unwrap();
    assert_eq!(results.hits[0].id, p.wangfang);
    assert_eq!(results.hits[0].name, "王芳");
}

#[test]
fn hits_rank_exact_names_then_names_starting_with_the_query_then_by_id() {
    let p = people();
    let conn = p.store.conn();
    let add = |name: &str, remark: &str| {
        customers::create(
            conn,
            &Customer {
                name: name.into(),
                remark: remark.into(),
                ..Customer::default()
            },
        )
        .unwrap()
    };
    // 王 in the remark only, then a name merely containing 王, then an exact 王.
    let in_remark = add("周杰", "王总介绍");
    let containing = add("老王", "");
    let exact = add("王", "");
    let hits: Vec<i64> = search::search(conn, "王", 10)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    let mut starting = vec![p.xiaoming, p.wangfang];
    starting.sort_unstable();
    let mut rest = vec![in_remark, containing];
    rest.sort_unstable();
    let expected: Vec<i64> = [vec![exact], starting, rest].concat();
    assert_eq!(hits, expected);
}

#[test]
fn the_kept_id_list_follows_filters_and_forgets_on_clear() {
    let p = people();
    let conn = p.store.conn();
    let mut cache = customers::IdListCache::default();
    let by_name = |query: &str, descending: bool| CustomerFilter {
        query: query.into(),
        sort: qunzhu::domain::filter::SortKey::Name,
        descending,
        ..CustomerFilter::default()
    };
    for (q, descending) in [
        ("", false),
        ("王", false),
        ("王", true),
        ("上海", true),
        ("", true),
    ] {
        let filter = by_name(q, descending);
        assert_eq!(
            cache.list_ids(conn, &filter).unwrap(),
            customers::list_ids(conn, &filter).unwrap(),
            "{q} descending={descending}"
        );
    }
    // A write the kept list has not seen: clear makes the next query see it.
    let newcomer = customers::create(
        conn,
        &Customer {
            name: "王新".into(),
            ..Customer::default()
        },
    )
    .unwrap();
    cache.clear();
    assert!(
        cache
            .list_ids(conn, &by_name("王", true))
            .unwrap()
            .contains(&newcomer)
    );
}

#[test]
fn the_index_follows_note_edits() {
    let p = people();
    let conn = p.store.conn();
    notes::update(
        conn,
        p.xiaoming_note,
        NoteKind::Preference,
        "plays the marimba",
    )
    .unwrap();
    assert!(p.ids("xylophone").is_empty());
    assert_eq!(p.ids("marimba"), set(&[p.xiaoming]));

    let deleted = notes::delete(conn, p.xiaoming_note).unwrap();
    assert!(p.ids("marimba").is_empty());
    notes::restore(conn, &deleted).unwrap();
    assert_eq!(p.ids("marimba"), set(&[p.xiaoming]));
}

#[test]
fn the_index_follows_profile_edits() {
    let p = people();
    let conn = p.store.conn();
    let mut customer = customers::get(conn, p.xiaoming).unwrap();
    customer.name = "赵小明".into();
    customer.phone = Some("18600009999".into());
    customers::update(conn, &customer).unwrap();
    assert_eq!(p.ids("王"), set(&[p.wangfang]));
    assert_eq!(p.ids("赵"), set(&[p.xiaoming]));
    assert!(p.ids("王小明").is_empty());
    assert_eq!(p.ids("赵小明"), set(&[p.xiaoming]));
    assert!(p.ids("0012").is_empty());
    assert_eq!(p.ids("0999"), set(&[p.xiaoming]));
    assert_eq!(p.ids("xylophone"), set(&[p.xiaoming]), "notes stay indexed");
}

/// Rows that belong to the customer in every table that points at customers.
fn owned_rows(conn: &Connection, id: i64) -> Vec<(&'static str, i64)> {
    [
        ("customers", "id"),
        ("customer_staff", "customer_id"),
        ("customer_tags", "customer_id"),
        ("notes", "customer_id"),
        ("purchases", "customer_id"),
        ("role_assignments", "customer_id"),
        ("contributions", "customer_id"),
        ("enrolments", "customer_id"),
        ("followup_tasks", "customer_id"),
        ("group_members", "customer_id"),
    ]
    .into_iter()
    .map(|(table, column)| {
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap();
        (table, n)
    })
    .collect()
}

/// Everything about a customer that a delete + undo must bring back.
#[derive(Debug, PartialEq)]
struct Everything {
    profile: Customer,
    notes: Vec<qunzhu::domain::note::Note>,
    tags: Vec<String>,
    staff: Vec<(i64, Option<i64>)>,
    groups: Vec<(String, bool)>,
    purchases: Vec<(i64, i64, i64, String)>,
    rows: Vec<(&'static str, i64)>,
}

fn everything(conn: &Connection, id: i64) -> Everything {
    let staff = conn
        .prepare("SELECT staff_id, added_at FROM customer_staff WHERE customer_id = ?1 ORDER BY staff_id")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let purchases = conn
        .prepare(
            "SELECT id, at, amount_cents, items FROM purchases WHERE customer_id = ?1 ORDER BY id",
        )
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    Everything {
        profile: customers::get(conn, id).unwrap(),
        notes: notes::for_customer(conn, id).unwrap(),
        tags: tags::of_customer(conn, id)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect(),
        staff,
        groups: customers::groups_of(conn, id).unwrap(),
        purchases,
        rows: owned_rows(conn, id),
    }
}

#[test]
fn delete_removes_a_customer_everywhere_and_undo_restores_them() {
    let mut p = people();
    let id = p.xiaoming;
    {
        let conn = p.store.conn();
        let vip = tags::ensure(conn, "VIP", None).unwrap();
        tags::add_to(conn, &[id, p.lilei], vip, tags::TagSource::Manual).unwrap();
        let lin = staff::ensure(conn, "林晓雯").unwrap();
        staff::link(conn, id, lin, Some(local_stamp(day(2024, 1, 2), 0))).unwrap();
        let group = groups::create(conn, "白茶品鉴1群", "VIP群", None).unwrap();
        groups::add_customer(conn, group, id, Some("2024-01-03")).unwrap();
        groups::add_customer(conn, group, p.lilei, Some("2024-01-03")).unwrap();
        conn.execute(
            "INSERT INTO purchases (customer_id, at, amount_cents, items, group_id)
             VALUES (?1, 1709280000, 11600, '白茶2盒', ?2)",
            params![id, group],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO roles (name, color) VALUES ('KOC', '#4c8bf5')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO role_assignments (customer_id, role_id, status, since, created_at)
             VALUES (?1, last_insert_rowid(), 'active', '2024-02-01', 0)",
            [id],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO contributions (customer_id, kind, day, created_at) VALUES (?1, 'share', '2024-02-02', 0)",
            [id],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO journeys (name) VALUES ('新客旅程');
             INSERT INTO journey_steps (journey_id, position, trigger, offset_days, title)
             VALUES (last_insert_rowid(), 1, 'added', 3, '首次回访');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO enrolments (journey_id, customer_id, enrolled_at)
             VALUES ((SELECT id FROM journeys WHERE name = '新客旅程'), ?1, 1704240000)",
            [id],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO followup_tasks (customer_id, step_id, anchor_day, due)
             VALUES (?1, (SELECT max(id) FROM journey_steps), '2024-01-03', '2024-01-06')",
            [id],
        )
        .unwrap();
    }
    let before = everything(p.store.conn(), id);
    assert!(before.rows.iter().all(|(_, n)| *n > 0), "{:?}", before.rows);
    let lilei_before = everything(p.store.conn(), p.lilei);

    let snapshots = snapshot::delete_customers(p.store.conn_mut(), &[id]).unwrap();
    let conn = p.store.conn();
    for (table, n) in owned_rows(conn, id) {
        assert_eq!(n, 0, "{table} still has rows of the deleted customer");
    }
    assert!(customers::get(conn, id).is_err());
    assert!(
        p.ids("xylophone").is_empty(),
        "the note's word is gone from the index"
    );
    assert!(p.ids("Lucky").is_empty());
    assert!(p.ids("0012").is_empty());
    assert_eq!(p.ids("王"), set(&[p.wangfang]));
    assert!(customers::rows(conn, &[id]).unwrap().is_empty());
    assert_eq!(customers::count_all(conn).unwrap(), 5);
    assert_eq!(
        everything(conn, p.lilei),
        lilei_before,
        "others are untouched"
    );
    let report = p.store.check().unwrap();
    assert!(report.is_ok(), "{report:?}");

    snapshot::restore_customers(p.store.conn_mut(), &snapshots).unwrap();
    let conn = p.store.conn();
    assert_eq!(everything(conn, id), before);
    assert_eq!(p.ids("xylophone"), set(&[id]));
    assert_eq!(p.ids("王"), set(&[id, p.wangfang]));
    assert_eq!(p.ids("0012"), set(&[id]));
    assert_eq!(p.matched("lucky", id), "wechat_id");
    let report = p.store.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
}

#[test]
fn deleting_several_and_a_missing_id_is_all_or_nothing() {
    let mut p = people();
    let missing = 987_654;
    assert!(snapshot::delete_customers(p.store.conn_mut(), &[p.lilei, missing]).is_err());
    assert_eq!(customers::count_all(p.store.conn()).unwrap(), 6);
    assert_eq!(p.ids("李雷"), set(&[p.lilei]), "rolled back, still indexed");

    let snapshots = snapshot::delete_customers(p.store.conn_mut(), &[p.lilei, p.wangfang]).unwrap();
    assert_eq!(snapshots.len(), 2);
    assert!(p.ids("上海").is_empty());
    snapshot::restore_customers(p.store.conn_mut(), &snapshots).unwrap();
    assert_eq!(p.ids("上海"), set(&[p.lilei, p.wangfang]));
}

/// Customers whose text contains `needle`, by a plain scan with no index.
fn brute_force(conn: &Connection, needle: &str) -> BTreeSet<i64> {
    let pattern = format!("%{needle}%");
    conn.prepare(
        "SELECT c.id FROM customers c
         WHERE c.name LIKE ?1 OR c.remark LIKE ?1 OR coalesce(c.phone, '') LIKE ?1
            OR coalesce(c.wechat_id, '') LIKE ?1 OR c.description LIKE ?1 OR c.corp LIKE ?1
            OR c.city LIKE ?1
            OR EXISTS (SELECT 1 FROM notes n WHERE n.customer_id = c.id AND n.body LIKE ?1)
            OR EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
                       WHERE ct.customer_id = c.id AND t.name = ?2)",
    )
    .unwrap()
    .query_map([pattern.as_str(), needle], |r| r.get(0))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn the_index_agrees_with_a_brute_force_scan_on_generated_data() {
    let mut store = Store::open_in_memory().unwrap();
    let options = DemoOptions {
        customers: 20_000,
        seed: 20_240_301,
        notes_per_customer: 3,
        anchor: day(2024, 11, 11),
    };
    let summary = generate(&mut store, &options).unwrap();
    assert_eq!(summary.customers, 20_000);
    let conn = store.conn();
    for query in ["王", "上海", "白茶"] {
        let expected = brute_force(conn, query);
        assert!(
            expected.len() > 100,
            "{query}: only {} customers",
            expected.len()
        );
        let results = search::search(conn, query, 10).unwrap();
        assert_eq!(results.total, expected.len(), "{query}: total");
        assert!(results.hits.iter().all(|hit| expected.contains(&hit.id)));
        let listed: BTreeSet<i64> = customers::list_ids(
            conn,
            &CustomerFilter {
                query: query.into(),
                ..CustomerFilter::default()
            },
        )
        .unwrap()
        .into_iter()
        .collect();
        assert_eq!(listed, expected, "{query}: ids");
    }
}

#[test]
fn rebuilding_the_index_changes_no_answer() {
    let p = people();
    let queries = [
        "王",
        "上海",
        "小明",
        "0012",
        "lucky",
        "xylophone",
        "王 上海",
        "amy",
    ];
    let before: Vec<_> = queries.iter().map(|q| p.ids(q)).collect();
    search::rebuild_all(p.store.conn()).unwrap();
    let after: Vec<_> = queries.iter().map(|q| p.ids(q)).collect();
    assert_eq!(before, after);
}

#[test]
fn a_tag_name_finds_everyone_with_the_tag_and_says_so() {
    let p = people();
    let conn = p.store.conn();
    let tag = tags::ensure(conn, "老客", None).unwrap();
    tags::add_to(conn, &[p.amy, p.zhangwei], tag, tags::TagSource::Manual).unwrap();
    // 王小明 has 老客 in his remark; Amy and 张伟 only carry the tag.
    assert_eq!(p.ids("老客"), set(&[p.xiaoming, p.amy, p.zhangwei]));
    assert_eq!(p.matched("老客", p.xiaoming), "remark");
    assert_eq!(p.matched("老客", p.amy), "tag");
    // The customer book's filter finds them too.
    let filter = CustomerFilter {
        query: "老客".into(),
        ..CustomerFilter::default()
    };
    assert_eq!(
        set(&customers::list_ids(conn, &filter).unwrap()),
        set(&[p.xiaoming, p.amy, p.zhangwei])
    );
    // Only the whole name: 老 alone is still a name / remark search.
    assert!(!p.ids("老").contains(&p.amy));
}
