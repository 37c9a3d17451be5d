//! The content calendar's store on temporary files: seeded columns, groups, rhythm lines,
//! generation (idempotent, never overwriting touched items), items, snippets, plan rows.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use chrono::{NaiveDate, Weekday};
use qunzhu::domain::content::rhythm::RhythmLine;
use qunzhu::domain::content::{Column, Item, ItemStatus, Snippet, parse_time};
use qunzhu::domain::group::Group;
use qunzhu::domain::time::Stamp;
use qunzhu::store::content_items::{self, ItemFilter};
use qunzhu::store::{Store, content, groups, rhythm};
use tempfile::TempDir;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn open() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("content.db")).unwrap();
    (dir, store)
}

/// Two groups, and a daily 早打卡 (社群SOP-less: uses 每日好物) plus Wednesday 干货 for one group.
fn setup(store: &Store) -> (i64, i64, i64, i64) {
    let conn = store.conn();
    let a = groups::save(
        conn,
        &Group::new("白茶品鉴1群", "VIP群", Some(d(2024, 1, 1))),
    )
    .unwrap();
    let b = groups::save(conn, &Group::new("宝妈茶话会", "福利群", None)).unwrap();
    let good = content::find_column(conn, "每日好物").unwrap().unwrap();
    let tips = content::find_column(conn, "干货分享").unwrap().unwrap();
    let t = |s| parse_time(s).unwrap();
    let today = d(2024, 1, 1);
    rhythm::save_line(
        conn,
        None,
        &RhythmLine::new(t("07:30"), good, "早打卡")
            .daily()
            .for_groups([a, b]),
        today,
    )
    .unwrap();
    rhythm::save_line(
        conn,
        None,
        &RhythmLine::new(t("21:00"), tips, "")
            .on(Weekday::Wed)
            .for_groups([a]),
        today,
    )
    .unwrap();
    (a, b, good, tips)
}

#[test]
fn the_starter_columns_are_seeded_once_and_editable() {
    let (dir, store) = open();
    let columns = content::list_columns(store.conn(), false).unwrap();
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["每日好物", "精选推荐", "限时秒杀", "干货分享"]);
    assert!(columns[3].weekly_required);
    assert!(
        columns[0].template.contains('\n'),
        "templates keep their line breaks"
    );
    let mut renamed = columns[0].clone();
    renamed.name = "今日好物".into();
    content::save_column(store.conn(), &renamed).unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("content.db")).unwrap();
    let names: Vec<String> = content::list_columns(store.conn(), false)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names[0], "今日好物", "reopening does not seed again");
    assert_eq!(names.len(), 4);
}

#[test]
fn groups_are_created_edited_archived_and_still_filter_the_customer_book() {
    let (_dir, store) = open();
    let conn = store.conn();
    let id = groups::save(
        conn,
        &Group::new(" 上海茶友会 ", "福利群", Some(d(2023, 5, 1))),
    )
    .unwrap();
    let mut group = groups::get(conn, id).unwrap();
    assert_eq!(group.name, "上海茶友会");
    group.welcome = "欢迎！".into();
    group.rules = "禁止广告".into();
    group.announcement = "周三会员日".into();
    group.owner = "林晓雯".into();
    group.positioning = "上海老客".into();
    groups::save(conn, &group).unwrap();
    assert_eq!(groups::get(conn, id).unwrap(), group);
    assert_eq!(groups::list_active(conn).unwrap().len(), 1);
    groups::set_archived(conn, id, true).unwrap();
    assert!(groups::list_active(conn).unwrap().is_empty());
    assert_eq!(groups::list_full(conn, true).unwrap().len(), 1);
    assert!(groups::save(conn, &Group::new("", "", None)).is_err());
}

#[test]
fn columns_remember_the_groups_they_serve() {
    let (_dir, store) = open();
    let conn = store.conn();
    let a = groups::save(conn, &Group::new("A群", "", None)).unwrap();
    let b = groups::save(conn, &Group::new("B群", "", None)).unwrap();
    let id = content::save_column(
        conn,
        &Column {
            name: "会员日".into(),
            color: "#9334e6".into(),
            default_time: parse_time("19:00"),
            group_ids: vec![b, a],
            ..Column::default()
        },
    )
    .unwrap();
    let column = content::list_columns(conn, false)
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(column.group_ids, vec![a, b]);
    assert_eq!(column.default_time, parse_time("19:00"));
    assert_eq!(column.sort, 5, "after the four starters");
}

#[test]
fn generating_a_week_twice_creates_no_duplicates() {
    let (_dir, store) = open();
    let (a, _, _, tips) = setup(&store);
    let conn = store.conn();
    let (from, to) = (d(2024, 3, 4), d(2024, 3, 10));
    let first = content_items::generate(conn, from, to).unwrap();
    assert_eq!(first.inserted, 2 * 7 + 1);
    let again = content_items::generate(conn, from, to).unwrap();
    assert_eq!(again.inserted, 0);
    assert_eq!(again.unchanged, 15);
    let items = content_items::list(conn, &ItemFilter::range(from, to)).unwrap();
    assert_eq!(items.len(), 15);
    let wednesday: Vec<&Item> = items.iter().filter(|i| i.column_id == Some(tips)).collect();
    assert_eq!(wednesday.len(), 1);
    assert_eq!(wednesday[0].day, d(2024, 3, 6));
    assert_eq!(wednesday[0].group_id, Some(a));
    assert_eq!(wednesday[0].title, "干货分享");
}

#[test]
fn edited_moved_and_marked_items_survive_regeneration() {
    let (_dir, store) = open();
    let (a, _, good, _) = setup(&store);
    let conn = store.conn();
    let (from, to) = (d(2024, 2, 26), d(2024, 3, 3));
    content_items::generate(conn, from, to).unwrap();
    let filter = ItemFilter {
        group_id: Some(a),
        column_id: Some(good),
        ..ItemFilter::range(from, to)
    };
    let items = content_items::list(conn, &filter).unwrap();
    let mut edited = items[0].clone();
    edited.body = "我改过的正文".into();
    content_items::update(conn, &edited).unwrap();
    content_items::move_to(conn, items[1].id, d(2024, 3, 5), parse_time("08:00")).unwrap();
    content_items::set_status(
        conn,
        items[2].id,
        ItemStatus::Sent,
        Stamp {
            unix_s: 1_709_000_000,
            offset_min: 480,
        },
    )
    .unwrap();
    // The column's template changes, then the week is generated again.
    let mut column = content::list_columns(conn, false)
        .unwrap()
        .into_iter()
        .find(|c| c.id == good)
        .unwrap();
    column.template = "新模板".into();
    content::save_column(conn, &column).unwrap();
    let report = content_items::generate(conn, from, to).unwrap();
    assert_eq!(
        report.inserted, 0,
        "the moved item still stands for its slot day"
    );
    assert_eq!(report.protected, 3);
    assert_eq!(
        content_items::get(conn, items[0].id).unwrap().body,
        "我改过的正文"
    );
    let moved = content_items::get(conn, items[1].id).unwrap();
    assert_eq!(
        (moved.day, moved.time),
        (d(2024, 3, 5), parse_time("08:00").unwrap())
    );
    let sent = content_items::get(conn, items[2].id).unwrap();
    assert_eq!(sent.status, ItemStatus::Sent);
    assert_eq!(sent.posted_at.unwrap().unix_s, 1_709_000_000);
    assert_eq!(
        content_items::get(conn, items[3].id).unwrap().body,
        "新模板",
        "untouched items follow the template"
    );
}

#[test]
fn changing_a_line_moves_untouched_items_and_removing_days_drops_them() {
    let (_dir, store) = open();
    let (a, b, good, _) = setup(&store);
    let conn = store.conn();
    let (from, to) = (d(2024, 3, 4), d(2024, 3, 10));
    content_items::generate(conn, from, to).unwrap();
    let t = |s| parse_time(s).unwrap();
    let old = RhythmLine::new(t("07:30"), good, "早打卡")
        .daily()
        .for_groups([a, b]);
    let mut new = old.clone();
    new.time = t("08:00");
    new.weekdays[6] = false; // no Sunday
    rhythm::save_line(conn, Some(&old), &new, d(2024, 3, 1)).unwrap();
    let report = content_items::generate(conn, from, to).unwrap();
    assert_eq!(report.inserted, 0);
    let items = content_items::list(
        conn,
        &ItemFilter {
            column_id: Some(good),
            ..ItemFilter::range(from, to)
        },
    )
    .unwrap();
    assert_eq!(
        items.len(),
        12,
        "Sunday's untouched items went with their slots"
    );
    assert!(items.iter().all(|i| i.time == t("08:00")));
    rhythm::delete_line(conn, &new, d(2024, 3, 1)).unwrap();
    assert!(
        content_items::list(
            conn,
            &ItemFilter {
                column_id: Some(good),
                ..ItemFilter::range(from, to)
            }
        )
        .unwrap()
        .is_empty()
    );
}

#[test]
fn items_duplicate_delete_and_restore() {
    let (_dir, store) = open();
    let (a, _, _, _) = setup(&store);
    let conn = store.conn();
    content_items::generate(conn, d(2024, 3, 4), d(2024, 3, 4)).unwrap();
    let item = content_items::list(
        conn,
        &ItemFilter {
            group_id: Some(a),
            ..ItemFilter::range(d(2024, 3, 4), d(2024, 3, 4))
        },
    )
    .unwrap()
    .remove(0);
    let copy = content_items::duplicate(conn, item.id).unwrap();
    let copy = content_items::get(conn, copy).unwrap();
    assert_eq!(
        (copy.title.as_str(), copy.slot_id, copy.user_edited),
        (item.title.as_str(), None, true)
    );
    let (_, b) = (
        a,
        groups::find_by_name(conn, "宝妈茶话会").unwrap().unwrap(),
    );
    let elsewhere = content_items::get(
        conn,
        content_items::copy_to_group(conn, item.id, Some(b)).unwrap(),
    )
    .unwrap();
    assert_eq!(
        (elsewhere.group_id, elsewhere.body.as_str(), elsewhere.day),
        (Some(b), item.body.as_str(), item.day)
    );
    let deleted = content_items::delete(conn, item.id).unwrap();
    assert!(content_items::get(conn, item.id).is_err());
    content_items::insert(conn, &deleted).unwrap();
    assert_eq!(content_items::get(conn, item.id).unwrap(), item);
    // Restored, it still stands for its slot: generation adds nothing.
    assert_eq!(
        content_items::generate(conn, d(2024, 3, 4), d(2024, 3, 4))
            .unwrap()
            .inserted,
        0
    );
}

#[test]
fn snippets_are_searchable_by_one_character_and_per_column() {
    let (_dir, store) = open();
    let conn = store.conn();
    let tips = content::find_column(conn, "干货分享").unwrap();
    let id = content::save_snippet(
        conn,
        &Snippet {
            id: 0,
            column_id: tips,
            title: "白茶怎么存".into(),
            body: "避光、防潮".into(),
        },
    )
    .unwrap();
    content::save_snippet(
        conn,
        &Snippet {
            id: 0,
            column_id: None,
            title: "100% 好评".into(),
            body: "晒单".into(),
        },
    )
    .unwrap();
    assert_eq!(content::list_snippets(conn, None, "茶").unwrap().len(), 1);
    assert_eq!(content::list_snippets(conn, tips, "").unwrap().len(), 1);
    assert_eq!(
        content::list_snippets(conn, None, "%").unwrap().len(),
        1,
        "% is literal"
    );
    let deleted = content::delete_snippet(conn, id).unwrap();
    assert_eq!(content::list_snippets(conn, None, "").unwrap().len(), 1);
    content::restore_snippet(conn, &deleted).unwrap();
    assert_eq!(
        content::list_snippets(conn, None, "防潮").unwrap()[0].id,
        id
    );
}

#[test]
fn plan_rows_carry_names_and_follow_the_filters() {
    let (_dir, store) = open();
    let (_, b, _, _) = setup(&store);
    let conn = store.conn();
    content_items::generate(conn, d(2024, 2, 28), d(2024, 3, 1)).unwrap();
    let rows = content_items::plan_rows(
        conn,
        &ItemFilter {
            group_id: Some(b),
            ..ItemFilter::range(d(2024, 2, 28), d(2024, 3, 1))
        },
    )
    .unwrap();
    let days: Vec<NaiveDate> = rows.iter().map(|r| r.day).collect();
    assert_eq!(days, [d(2024, 2, 28), d(2024, 2, 29), d(2024, 3, 1)]);
    assert!(
        rows.iter()
            .all(|r| r.group == "宝妈茶话会" && r.column == "每日好物" && r.title == "早打卡")
    );
    let json = serde_json::to_value(&rows[0]).unwrap();
    assert_eq!(json["date"], "2024-02-28");
    assert_eq!(json["time"], "07:30");
    assert_eq!(json["status"], "planned");
}
