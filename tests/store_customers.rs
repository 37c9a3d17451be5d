//! Customers in the store: profile round-trips, the filtered and sorted id list, table rows, tags
//! and notes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/store_fixtures.rs"]
mod store_fixtures;

use std::collections::BTreeSet;

use qunzhu::domain::customer::{Customer, Gender};
use qunzhu::domain::filter::{CustomerFilter, SortKey, TagMatch};
use qunzhu::domain::note::NoteKind;
use qunzhu::domain::tag::UNGROUPED_COLOR;
use qunzhu::domain::time::{Stamp, local_offset_min};
use qunzhu::store::{Store, StoreError, customers, groups, notes, staff, tags};
use rusqlite::params;
use store_fixtures::{day, local_stamp, named};

fn full_customer() -> Customer {
    Customer {
        id: 0,
        external_id: Some("wmABCdef0123".into()),
        name: "王小明🦌".into(),
        remark: "王小明-上海-白茶".into(),
        description: "爱喝茶，常买白茶\n第二行".into(),
        phone: Some("13800123456".into()),
        wechat_id: Some("Lucky88".into()),
        wxid: Some("wxid_lucky88".into()),
        gender: Gender::Female,
        corp: "上海某某贸易有限公司".into(),
        city: "上海".into(),
        source: "门店".into(),
        added_at: Some(Stamp {
            unix_s: 1_709_618_531,
            offset_min: 480,
        }),
        last_contact_at: Some(Stamp {
            unix_s: 1_712_000_000,
            offset_min: local_offset_min(),
        }),
        // Not in key order: an import's columns keep the order of the file.
        custom: vec![
            ("生日".into(), "12-01".into()),
            ("会员等级".into(), "金卡".into()),
            ("Address".into(), "静安区 \"南京西路\" 1号".into()),
        ],
    }
}

#[test]
fn create_get_round_trips_every_field() {
    let store = Store::open_in_memory().unwrap();
    let customer = full_customer();
    let id = customers::create(store.conn(), &customer).unwrap();
    assert!(id > 0);
    let stored = customers::get(store.conn(), id).unwrap();
    assert_eq!(stored, Customer { id, ..customer });
}

#[test]
fn update_round_trips_every_field() {
    let store = Store::open_in_memory().unwrap();
    let id = customers::create(store.conn(), &full_customer()).unwrap();
    let changed = Customer {
        id,
        external_id: Some("wmOther".into()),
        name: "李雷".into(),
        remark: "李雷-北京".into(),
        description: String::new(),
        phone: Some("13912345678".into()),
        wechat_id: None,
        wxid: None,
        gender: Gender::Male,
        corp: String::new(),
        city: "北京".into(),
        source: "直播间".into(),
        added_at: Some(Stamp {
            unix_s: 1_600_000_000,
            offset_min: -300,
        }),
        last_contact_at: None,
        custom: vec![("备注2".into(), "x".into())],
    };
    customers::update(store.conn(), &changed).unwrap();
    assert_eq!(customers::get(store.conn(), id).unwrap(), changed);

    // Every gender survives, and clearing the optional fields stores them as absent.
    for gender in Gender::ALL {
        let c = Customer {
            gender,
            external_id: None,
            phone: None,
            added_at: None,
            custom: Vec::new(),
            ..changed.clone()
        };
        customers::update(store.conn(), &c).unwrap();
        assert_eq!(customers::get(store.conn(), id).unwrap(), c);
    }
}

#[test]
fn blank_identifiers_are_stored_as_absent_and_names_trimmed() {
    let store = Store::open_in_memory().unwrap();
    let id = customers::create(
        store.conn(),
        &Customer {
            name: "  王小明 ".into(),
            remark: " 老客 ".into(),
            phone: Some("  ".into()),
            external_id: Some(String::new()),
            wechat_id: Some(" ".into()),
            ..Customer::default()
        },
    )
    .unwrap();
    let stored = customers::get(store.conn(), id).unwrap();
    assert_eq!(stored.name, "王小明");
    assert_eq!(stored.remark, "老客");
    assert_eq!(stored.phone, None);
    assert_eq!(stored.external_id, None);
    assert_eq!(stored.wechat_id, None);
    // Two customers without an external id do not collide on the UNIQUE column.
    customers::create(store.conn(), &named("李四", "")).unwrap();
}

#[test]
fn last_contact_keeps_its_instant() {
    let store = Store::open_in_memory().unwrap();
    let mut customer = full_customer();
    customer.last_contact_at = Some(Stamp {
        unix_s: 1_712_345_678,
        offset_min: 480,
    });
    let id = customers::create(store.conn(), &customer).unwrap();
    let stored = customers::get(store.conn(), id).unwrap();
    // The schema keeps no offset for last contact, so only the instant is compared.
    assert_eq!(
        stored.last_contact_at.map(|s| s.unix_s),
        Some(1_712_345_678)
    );

    customers::touch_contact(
        store.conn(),
        id,
        Stamp {
            unix_s: 1_700_000_000,
            offset_min: 480,
        },
    )
    .unwrap();
    let stored = customers::get(store.conn(), id).unwrap();
    assert_eq!(
        stored.last_contact_at.map(|s| s.unix_s),
        Some(1_712_345_678),
        "an older contact does not move it back"
    );
    customers::touch_contact(
        store.conn(),
        id,
        Stamp {
            unix_s: 1_800_000_000,
            offset_min: 480,
        },
    )
    .unwrap();
    let stored = customers::get(store.conn(), id).unwrap();
    assert_eq!(
        stored.last_contact_at.map(|s| s.unix_s),
        Some(1_800_000_000)
    );
}

#[test]
fn update_and_get_of_a_missing_customer_are_not_found() {
    let store = Store::open_in_memory().unwrap();
    let missing = Customer {
        id: 4242,
        ..full_customer()
    };
    match customers::update(store.conn(), &missing) {
        Err(StoreError::NotFound { what, id }) => {
            assert_eq!(what, "customer");
            assert_eq!(id, 4242);
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert!(matches!(
        customers::get(store.conn(), 4242),
        Err(StoreError::NotFound { id: 4242, .. })
    ));
    assert_eq!(customers::count_all(store.conn()).unwrap(), 0);
}

/// Six customers built so that every sort key has ties and NULLs:
///
/// | id | name  | remark | added           | contact | tags         | staff          | groups now |
/// |----|-------|--------|-----------------|---------|--------------|----------------|------------|
/// | 1  | Alice | b      | 03-01 10:00     | 04-10   | VIP 新客      | 王浩然          | g1         |
/// | 2  | Bob   | a      | 03-02 00:00:00  | –       | VIP          | 陈思琪, 林晓雯   | g1 g2      |
/// | 3  | Carol | c      | 03-03 23:59:59  | 04-01   | VIP 新客 白茶 | 王浩然          | –          |
/// | 4  | Alice |        | 03-04 00:00:00  | 04-10   | –            | –              | (left g1)  |
/// | 5  | Dave  | b      | –               | –       | 新客          | 林晓雯          | g2         |
/// | 6  | 王小明 | a      | 03-01 10:00     | 04-01   | –            | 陈思琪          | –          |
struct Book {
    store: Store,
    ids: [i64; 6],
    vip: i64,
    new: i64,
    white_tea: i64,
    lin: i64,
    wang: i64,
    g1: i64,
    g2: i64,
}

impl Book {
    fn id(&self, n: usize) -> i64 {
        self.ids[n - 1]
    }

    fn ids_of(&self, ns: &[usize]) -> Vec<i64> {
        ns.iter().map(|&n| self.id(n)).collect()
    }

    fn list(&self, filter: &CustomerFilter) -> Vec<i64> {
        customers::list_ids(self.store.conn(), filter).unwrap()
    }

    fn set(&self, filter: &CustomerFilter) -> BTreeSet<i64> {
        self.list(filter).into_iter().collect()
    }

    fn set_of(&self, ns: &[usize]) -> BTreeSet<i64> {
        self.ids_of(ns).into_iter().collect()
    }
}

fn book() -> Book {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let spending = tags::ensure_group(conn, "消费").unwrap();
    let interest = tags::ensure_group(conn, "兴趣").unwrap();
    let vip = tags::ensure(conn, "VIP", Some(spending)).unwrap();
    let new = tags::ensure(conn, "新客", None).unwrap();
    let white_tea = tags::ensure(conn, "白茶", Some(interest)).unwrap();
    let lin = staff::ensure(conn, "林晓雯").unwrap();
    let wang = staff::ensure(conn, "王浩然").unwrap();
    let chen = staff::ensure(conn, "陈思琪").unwrap();
    let g1 = groups::create(conn, "白茶品鉴1群", "VIP群", Some("2024-01-01")).unwrap();
    let g2 = groups::create(conn, "上海茶友会", "福利群", None).unwrap();

    let march = |d: u32, seconds: i64| Some(local_stamp(day(2024, 3, d), seconds));
    let april = |d: u32| Some(local_stamp(day(2024, 4, d), 12 * 3600));
    let rows: [(&str, &str, Option<Stamp>, Option<Stamp>); 6] = [
        ("Alice", "b", march(1, 10 * 3600), april(10)),
        ("Bob", "a", march(2, 0), None),
        ("Carol", "c", march(3, 86_399), april(1)),
        ("Alice", "", march(4, 0), april(10)),
        ("Dave", "b", None, None),
        ("王小明", "a", march(1, 10 * 3600), april(1)),
    ];
    let mut ids = [0; 6];
    for (slot, (name, remark, added_at, last_contact_at)) in ids.iter_mut().zip(rows) {
        *slot = customers::create(
            conn,
            &Customer {
                name: name.into(),
                remark: remark.into(),
                added_at,
                last_contact_at,
                ..Customer::default()
            },
        )
        .unwrap();
    }
    let id = |n: usize| ids[n - 1];
    for (n, tag) in [
        (1, vip),
        (1, new),
        (2, vip),
        (3, vip),
        (3, new),
        (3, white_tea),
        (5, new),
    ] {
        tags::add_to(conn, &[id(n)], tag, tags::TagSource::Manual).unwrap();
    }
    let at = |seconds: i64| Some(local_stamp(day(2024, 3, 1), seconds));
    for (n, who, when) in [
        (1, wang, at(0)),
        (2, chen, at(10)),
        (2, lin, at(20)),
        (3, wang, at(0)),
        (5, lin, None),
        (6, chen, at(0)),
    ] {
        staff::link(conn, id(n), who, when).unwrap();
    }
    for (n, group) in [(1, g1), (2, g1), (2, g2), (4, g1), (5, g2)] {
        groups::add_customer(conn, group, id(n), Some("2024-03-05")).unwrap();
    }
    conn.execute(
        "UPDATE group_members SET left_on = '2024-03-20' WHERE customer_id = ?1 AND group_id = ?2",
        params![id(4), g1],
    )
    .unwrap();
    Book {
        store,
        ids,
        vip,
        new,
        white_tea,
        lin,
        wang,
        g1,
        g2,
    }
}

fn sorted_by(sort: SortKey, descending: bool) -> CustomerFilter {
    CustomerFilter {
        sort,
        descending,
        ..CustomerFilter::default()
    }
}

#[test]
fn every_sort_key_orders_both_ways_with_ties_broken_by_id() {
    let b = book();
    let expected: [(SortKey, [usize; 6]); 7] = [
        (SortKey::Name, [1, 4, 2, 3, 5, 6]),
        (SortKey::Remark, [4, 2, 6, 1, 5, 3]),
        (SortKey::Tags, [4, 6, 2, 5, 1, 3]),
        // No staff sorts first; then by the first staff name (林 < 王 < 陈 in code point order).
        (SortKey::Staff, [4, 2, 5, 1, 3, 6]),
        // Unknown added date sorts first.
        (SortKey::Added, [5, 1, 6, 2, 3, 4]),
        (SortKey::LastContact, [2, 5, 3, 6, 1, 4]),
        // Customer 4 left g1, so it counts as in no group.
        (SortKey::Groups, [3, 4, 6, 1, 5, 2]),
    ];
    for (key, ascending) in expected {
        let ascending = b.ids_of(&ascending);
        assert_eq!(
            b.list(&sorted_by(key, false)),
            ascending,
            "{key:?} ascending"
        );
        let descending: Vec<i64> = ascending.iter().rev().copied().collect();
        assert_eq!(
            b.list(&sorted_by(key, true)),
            descending,
            "{key:?} descending"
        );
    }
}

#[test]
fn the_default_view_lists_everyone_newest_first() {
    let b = book();
    assert_eq!(
        b.list(&CustomerFilter::newest_first()),
        b.ids_of(&[4, 3, 2, 6, 1, 5])
    );
}

#[test]
fn tag_filters_match_all_or_any() {
    let b = book();
    let with = |tag_ids: Vec<i64>, tag_match| CustomerFilter {
        tag_ids,
        tag_match,
        ..CustomerFilter::default()
    };
    assert_eq!(
        b.set(&with(vec![b.vip, b.new], TagMatch::All)),
        b.set_of(&[1, 3])
    );
    assert_eq!(
        b.set(&with(vec![b.vip, b.new], TagMatch::Any)),
        b.set_of(&[1, 2, 3, 5])
    );
    assert_eq!(
        b.set(&with(vec![b.vip, b.new, b.white_tea], TagMatch::All)),
        b.set_of(&[3])
    );
    assert_eq!(
        b.set(&with(vec![b.white_tea], TagMatch::Any)),
        b.set_of(&[3])
    );
    assert_eq!(
        b.set(&with(vec![b.white_tea], TagMatch::All)),
        b.set_of(&[3])
    );
}

#[test]
fn staff_and_group_filters() {
    let b = book();
    let by_staff = |staff_id| CustomerFilter {
        staff_id: Some(staff_id),
        ..CustomerFilter::default()
    };
    assert_eq!(b.set(&by_staff(b.lin)), b.set_of(&[2, 5]));
    assert_eq!(b.set(&by_staff(b.wang)), b.set_of(&[1, 3]));
    let by_group = |group_id| CustomerFilter {
        group_id: Some(group_id),
        ..CustomerFilter::default()
    };
    assert_eq!(
        b.set(&by_group(b.g1)),
        b.set_of(&[1, 2]),
        "customer 4 has left g1"
    );
    assert_eq!(b.set(&by_group(b.g2)), b.set_of(&[2, 5]));
}

#[test]
fn added_date_range_includes_both_bounds() {
    let b = book();
    let range = |from: Option<(u32, u32)>, to: Option<(u32, u32)>| CustomerFilter {
        added_from: from.map(|(m, d)| day(2024, m, d)),
        added_to: to.map(|(m, d)| day(2024, m, d)),
        ..CustomerFilter::default()
    };
    // 03-02 00:00:00 and 03-03 23:59:59 are inside; 03-01 10:00 and 03-04 00:00:00 are not.
    assert_eq!(b.set(&range(Some((3, 2)), Some((3, 3)))), b.set_of(&[2, 3]));
    assert_eq!(b.set(&range(Some((3, 2)), None)), b.set_of(&[2, 3, 4]));
    assert_eq!(b.set(&range(None, Some((3, 1)))), b.set_of(&[1, 6]));
    assert_eq!(b.set(&range(Some((3, 1)), Some((3, 1)))), b.set_of(&[1, 6]));
    assert_eq!(b.set(&range(Some((3, 4)), Some((3, 4)))), b.set_of(&[4]));
    assert!(b.set(&range(Some((3, 5)), None)).is_empty());
    // A customer without an added date is in no range.
    assert!(
        !b.set(&range(Some((1, 1)), Some((12, 31))))
            .contains(&b.id(5))
    );
}

#[test]
fn query_filter_and_combinations() {
    let b = book();
    let query = |q: &str| CustomerFilter {
        query: q.into(),
        ..CustomerFilter::default()
    };
    assert_eq!(b.set(&query("Alice")), b.set_of(&[1, 4]));
    assert_eq!(b.set(&query("alice")), b.set_of(&[1, 4]));
    assert_eq!(b.set(&query("王")), b.set_of(&[6]));
    assert_eq!(b.set(&query("  ")), b.set_of(&[1, 2, 3, 4, 5, 6]));
    assert!(b.set(&query("nobody")).is_empty());

    let combined = CustomerFilter {
        query: "Alice".into(),
        tag_ids: vec![b.vip],
        ..CustomerFilter::default()
    };
    assert_eq!(b.set(&combined), b.set_of(&[1]));
    let combined = CustomerFilter {
        tag_ids: vec![b.vip, b.new],
        tag_match: TagMatch::Any,
        staff_id: Some(b.wang),
        group_id: Some(b.g1),
        added_from: Some(day(2024, 3, 1)),
        added_to: Some(day(2024, 3, 31)),
        sort: SortKey::Name,
        descending: true,
        ..CustomerFilter::default()
    };
    assert_eq!(b.list(&combined), b.ids_of(&[1]));
    // A narrowed list keeps its sort.
    let narrowed = CustomerFilter {
        tag_ids: vec![b.vip, b.new],
        tag_match: TagMatch::Any,
        sort: SortKey::Name,
        descending: true,
        ..CustomerFilter::default()
    };
    assert_eq!(b.list(&narrowed), b.ids_of(&[5, 3, 2, 1]));
}

#[test]
fn rows_carry_tags_with_colours_staff_and_current_groups_in_the_given_order() {
    let b = book();
    let conn = b.store.conn();
    let palette: std::collections::HashMap<String, String> = tags::groups(conn)
        .unwrap()
        .into_iter()
        .map(|g| (g.name, g.color))
        .collect();
    let rows = customers::rows(conn, &[b.id(3), 999_999, b.id(1), b.id(4), b.id(2)]).unwrap();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        b.ids_of(&[3, 1, 4, 2]),
        "order kept, missing id skipped"
    );

    let carol = &rows[0];
    assert_eq!((carol.name.as_str(), carol.remark.as_str()), ("Carol", "c"));
    let tags: Vec<(&str, &str, Option<i64>)> = carol
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.color.as_str(), t.group_id))
        .collect();
    let spending = tags::ensure_group(conn, "消费").unwrap();
    let interest = tags::ensure_group(conn, "兴趣").unwrap();
    assert_eq!(
        tags,
        vec![
            ("VIP", palette["消费"].as_str(), Some(spending)),
            ("白茶", palette["兴趣"].as_str(), Some(interest)),
            ("新客", UNGROUPED_COLOR, None),
        ],
        "grouped tags in group order, ungrouped last"
    );
    assert_eq!(palette["消费"], "#e8710a");
    assert_eq!(carol.staff, ["王浩然"]);
    assert!(carol.groups.is_empty());
    assert_eq!(carol.added_at, Some(local_stamp(day(2024, 3, 3), 86_399)));
    assert_eq!(
        carol.last_contact_at.map(|s| s.unix_s),
        Some(local_stamp(day(2024, 4, 1), 12 * 3600).unix_s)
    );

    let alice = &rows[1];
    assert_eq!(
        alice
            .tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["VIP", "新客"]
    );
    assert_eq!(alice.groups, ["白茶品鉴1群"]);

    let left = &rows[2];
    assert!(left.tags.is_empty() && left.staff.is_empty());
    assert!(
        left.groups.is_empty(),
        "a group the customer left is not shown"
    );
    assert_eq!(
        customers::groups_of(conn, b.id(4)).unwrap(),
        [("白茶品鉴1群".to_string(), false)]
    );

    let bob = &rows[3];
    assert_eq!(
        bob.staff,
        ["陈思琪", "林晓雯"],
        "in the order they added him"
    );
    assert_eq!(bob.groups, ["上海茶友会", "白茶品鉴1群"]);
    assert_eq!(bob.last_contact_at, None);

    assert!(customers::rows(conn, &[]).unwrap().is_empty());
    assert!(customers::rows(conn, &[123_456]).unwrap().is_empty());
}

#[test]
fn tag_add_and_remove_return_exactly_the_changed_customers() {
    let b = book();
    let conn = b.store.conn();
    let all = b.ids_of(&[1, 2, 3, 4, 5, 6]);
    let added = tags::add_to(conn, &all, b.vip, tags::TagSource::Manual).unwrap();
    assert_eq!(
        added,
        b.ids_of(&[4, 5, 6]),
        "1, 2 and 3 already carried VIP"
    );
    assert!(
        tags::add_to(conn, &all, b.vip, tags::TagSource::Rule)
            .unwrap()
            .is_empty()
    );
    let removed = tags::remove_from(conn, &b.ids_of(&[5, 6]), b.vip).unwrap();
    assert_eq!(removed, b.ids_of(&[5, 6]));
    let removed = tags::remove_from(conn, &b.ids_of(&[1, 5, 6, 4]), b.vip).unwrap();
    assert_eq!(removed, b.ids_of(&[1, 4]));
    assert!(tags::remove_from(conn, &[], b.vip).unwrap().is_empty());

    let carrying = b.set(&CustomerFilter {
        tag_ids: vec![b.vip],
        ..CustomerFilter::default()
    });
    assert_eq!(carrying, b.set_of(&[2, 3]));
    let names: Vec<String> = tags::of_customer(conn, b.id(3))
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["VIP", "白茶", "新客"]);
}

#[test]
fn tags_and_groups_are_created_once() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let group = tags::ensure_group(conn, " 渠道 ").unwrap();
    assert_eq!(tags::ensure_group(conn, "渠道").unwrap(), group);
    let tag = tags::ensure(conn, "  高 价值 ", Some(group)).unwrap();
    assert_eq!(
        tags::ensure(conn, "高 价值", None).unwrap(),
        tag,
        "keeps its group"
    );
    let all = tags::all(conn).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "高 价值");
    assert_eq!(all[0].group_id, Some(group));
    assert!(matches!(
        tags::ensure(conn, "  ", None),
        Err(StoreError::Invalid(_))
    ));
    tags::set_group(conn, tag, None).unwrap();
    assert_eq!(tags::all(conn).unwrap()[0].color, UNGROUPED_COLOR);
}

#[test]
fn notes_add_update_delete_restore() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let customer = customers::create(conn, &named("王小明", "")).unwrap();
    let early = local_stamp(day(2024, 3, 1), 9 * 3600);
    let late = local_stamp(day(2024, 3, 2), 9 * 3600);
    let first = notes::add(conn, customer, NoteKind::Purchase, "  买了白茶2盒 ", early).unwrap();
    let second = notes::add(conn, customer, NoteKind::Inquiry, "咨询冲泡", late).unwrap();

    let note = notes::get(conn, first).unwrap();
    assert_eq!(note.customer_id, customer);
    assert_eq!(note.kind, NoteKind::Purchase);
    assert_eq!(note.body, "买了白茶2盒", "trimmed");
    assert_eq!(note.at, early);
    let order: Vec<i64> = notes::for_customer(conn, customer)
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(order, [second, first], "newest first");

    notes::update(conn, first, NoteKind::Preference, "喜欢清香").unwrap();
    let updated = notes::get(conn, first).unwrap();
    assert_eq!(updated.kind, NoteKind::Preference);
    assert_eq!(updated.body, "喜欢清香");
    assert_eq!(updated.at, early, "editing keeps the time");

    let deleted = notes::delete(conn, first).unwrap();
    assert_eq!(deleted, updated);
    assert!(matches!(
        notes::get(conn, first),
        Err(StoreError::NotFound { what: "note", .. })
    ));
    assert_eq!(notes::for_customer(conn, customer).unwrap().len(), 1);

    notes::restore(conn, &deleted).unwrap();
    assert_eq!(
        notes::get(conn, first).unwrap(),
        deleted,
        "same id and content"
    );
    assert_eq!(notes::for_customer(conn, customer).unwrap().len(), 2);

    assert!(matches!(
        notes::update(conn, 9_999, NoteKind::Other, "x"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        notes::delete(conn, 9_999),
        Err(StoreError::NotFound { .. })
    ));
    assert!(
        notes::add(conn, 9_999, NoteKind::Other, "orphan", early).is_err(),
        "foreign keys refuse a note for a missing customer"
    );
}

#[test]
fn custom_fields_keep_their_order_and_read_any_stored_object() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let id = customers::create(conn, &named("王小明", "")).unwrap();
    let read = |json: &str| {
        conn.execute(
            "UPDATE customers SET custom = ?2 WHERE id = ?1",
            params![id, json],
        )
        .unwrap();
        customers::get(conn, id).unwrap().custom
    };
    let pairs = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        read(r#"{"z": "1", "a": 2, "m": null}"#),
        pairs(&[("z", "1"), ("a", "2"), ("m", "null")])
    );
    assert!(read("not json").is_empty());
    assert!(read("[1, 2]").is_empty());
    assert!(read("{}").is_empty());

    // What the store writes is a JSON object other tools can read.
    let mut customer = customers::get(conn, id).unwrap();
    customer.custom = pairs(&[("生日", "12-01"), ("引号\"", "a\\b\n")]);
    customers::update(conn, &customer).unwrap();
    let raw: String = conn
        .query_row("SELECT custom FROM customers WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(parsed["生日"], "12-01");
    assert_eq!(parsed["引号\""], "a\\b\n");
    assert_eq!(customers::get(conn, id).unwrap().custom, customer.custom);
}
