//! The content calendar, driven like a user would: create a column and a rhythm, generate a week,
//! open an item, copy its text, mark it sent and see coverage change; groups; delete with undo.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use chrono::{Datelike, Duration};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use qunzhu::domain::content::{ItemStatus, week_start};
use qunzhu::domain::group::Group;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::content_items::{self, ItemFilter};
use qunzhu::store::{Store, content, groups, rhythm};
use support::ui::AppUnderTest;

fn one_group(store: &mut Store) {
    groups::save(store.conn(), &Group::new("白茶品鉴群", "VIP群", None)).unwrap();
}

fn this_week() -> ItemFilter {
    let monday = week_start(chrono::Local::now().date_naive());
    ItemFilter::range(monday, monday + Duration::days(6))
}

#[test]
fn plan_a_column_through_to_sent_and_see_coverage_change() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_group);
    ui.go_to("内容日历");
    assert!(ui.sees("本周还没有内容"));

    // A new column.
    ui.click_button("栏目");
    ui.click_button("新建栏目");
    ui.replace_in("栏目名称", "早安打卡");
    ui.replace_in("模板正文", "早上好！今天也一起喝杯好茶吧");
    ui.click_button("保存栏目");
    let conn = ui.store().conn();
    let column = content::find_column(conn, "早安打卡")
        .unwrap()
        .expect("column saved");
    assert!(ui.sees("已保存栏目"));

    // A daily rhythm row at 07:30 for it.
    ui.click_button("节奏");
    ui.replace_in("时间", "07:30");
    ui.click_button("早安打卡");
    ui.type_into("名称", "早打卡");
    ui.click_button("添加节奏");
    let slots = rhythm::list_slots(ui.store().conn(), true).unwrap();
    assert_eq!(slots.len(), 7, "every weekday for the one group");
    assert!(
        slots
            .iter()
            .all(|s| s.column_id == column && s.label == "早打卡")
    );
    assert!(ui.sees("1 个群"), "the grid row shows the groups it serves");

    // Generate this week, twice: no duplicates.
    ui.click_button("日历");
    ui.click_button("按节奏生成本周");
    ui.click_button("按节奏生成本周");
    let items = content_items::list(ui.store().conn(), &this_week()).unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(ui.count_of("○ 白茶品鉴群 · 早打卡"), 7, "one chip per day");

    // Coverage before anything is sent.
    ui.click_button("覆盖");
    assert_eq!(ui.count_of("0 / 7"), 2, "the column's cell and the total");
    assert!(
        ui.sees_containing("本周没有干货分享"),
        "no 干货 this week is flagged"
    );

    // Open Monday's item, copy its text, mark it sent.
    ui.click_button("日历");
    ui.h.query_all_by_label("○ 白茶品鉴群 · 早打卡")
        .next()
        .unwrap()
        .click();
    ui.settle();
    let monday = items
        .iter()
        .find(|i| i.day.weekday() == chrono::Weekday::Mon)
        .unwrap();
    assert_eq!(ui.app().open_content_item(), Some(monday.id));
    assert_eq!(
        ui.field("正文").value().as_deref(),
        Some("早上好！今天也一起喝杯好茶吧"),
        "the body comes from the column's template"
    );
    ui.click_button("复制正文");
    assert!(ui.sees("已复制正文，可以粘贴到微信了"));
    ui.click_button("标记已发");
    let sent = content_items::get(ui.store().conn(), monday.id).unwrap();
    assert_eq!(sent.status, ItemStatus::Sent);
    assert!(sent.posted_at.is_some(), "marking sent records the time");
    assert!(ui.sees("√ 白茶品鉴群 · 早打卡"));

    ui.click_button("覆盖");
    assert_eq!(ui.count_of("1 / 7"), 2, "coverage counts the sent item");
    assert_eq!(ui.count_of("0 / 7"), 0);
}

/// One group with a 干货分享 item on this week's Tuesday at 21:00, and a 干货 snippet.
fn tuesday_tips(store: &mut Store) {
    one_group(store);
    let conn = store.conn();
    let group = groups::find_by_name(conn, "白茶品鉴群").unwrap().unwrap();
    let column = content::find_column(conn, "干货分享").unwrap().unwrap();
    let line = qunzhu::domain::content::rhythm::RhythmLine::new(
        chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        column,
        "",
    )
    .on(chrono::Weekday::Tue)
    .for_groups([group]);
    rhythm::save_line(conn, None, &line, chrono::Local::now().date_naive()).unwrap();
    let filter = this_week();
    content_items::generate(conn, filter.from, filter.to).unwrap();
    let snippet = qunzhu::domain::content::Snippet {
        id: 0,
        column_id: Some(column),
        title: "白茶怎么存".into(),
        body: "避光、防潮、无异味".into(),
    };
    content::save_snippet(conn, &snippet).unwrap();
}

#[test]
fn insert_a_library_snippet_into_an_item() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, tuesday_tips);
    ui.go_to("内容日历");
    ui.click_text("○ 白茶品鉴群 · 干货分享");
    ui.click_button("插入“白茶怎么存”");
    ui.click_button("保存");
    let item = content_items::list(ui.store().conn(), &this_week())
        .unwrap()
        .remove(0);
    assert_eq!(item.body, "【干货分享】今天聊聊：\n避光、防潮、无异味");
    assert!(item.user_edited, "generation leaves it alone from now on");
}

#[test]
fn the_month_overview_counts_a_day_and_opens_its_week() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, tuesday_tips);
    ui.go_to("内容日历");
    ui.click_button("月视图");
    assert!(
        !ui.sees("○ 白茶品鉴群 · 干货分享"),
        "the month shows counts, not chips"
    );
    ui.h.query_all_by_label_contains("1 条 · 已发 0")
        .next()
        .expect("Tuesday's count")
        .click();
    ui.settle();
    assert!(
        ui.sees("○ 白茶品鉴群 · 干货分享"),
        "back on the week with the item"
    );
}

#[test]
fn delete_an_item_then_undo() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, tuesday_tips);
    ui.go_to("内容日历");
    ui.click_text("○ 白茶品鉴群 · 干货分享");
    ui.click_button("删除内容");
    assert!(ui.sees("已删除内容"));
    assert!(
        content_items::list(ui.store().conn(), &this_week())
            .unwrap()
            .is_empty()
    );
    assert_eq!(ui.app().open_content_item(), None, "the editor closes");
    ui.click_button("撤销");
    assert_eq!(
        content_items::list(ui.store().conn(), &this_week())
            .unwrap()
            .len(),
        1
    );
    assert!(ui.sees("○ 白茶品鉴群 · 干货分享"));
}

#[test]
fn a_new_group_appears_in_the_customer_books_filter() {
    let mut ui = AppUnderTest::new_zh();
    ui.go_to("内容日历");
    ui.click_button("社群");
    ui.click_button("新建社群");
    ui.replace_in("群名称", "杭州茶友会");
    ui.type_into("群公告", "每周三会员日");
    ui.click_button("福利群");
    ui.click_button("保存社群");
    let conn = ui.store().conn();
    let id = groups::find_by_name(conn, "杭州茶友会")
        .unwrap()
        .expect("saved");
    let group = groups::get(conn, id).unwrap();
    assert_eq!(
        (group.kind.as_str(), group.announcement.as_str()),
        ("福利群", "每周三会员日")
    );
    assert_eq!(groups::list_active(conn).unwrap()[0].name, "杭州茶友会");
    ui.click_button("归档");
    assert!(groups::list_active(ui.store().conn()).unwrap().is_empty());
}

#[test]
fn the_screen_speaks_english_too() {
    let mut ui = AppUnderTest::with_data(Lang::En, one_group);
    ui.go_to("Content");
    for tab in [
        "Calendar", "Today", "Coverage", "Rhythm", "Columns", "Groups", "Library",
    ] {
        assert!(
            ui.h.query_by_role_and_label(Role::Button, tab).is_some(),
            "tab {tab}"
        );
    }
    assert!(ui.sees("Nothing planned this week"));
    ui.click_button("Coverage");
    assert!(ui.sees_containing("No 干货分享 this week"));
}

#[test]
fn drag_an_item_to_another_day() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        one_group(store);
        let conn = store.conn();
        let group = groups::find_by_name(conn, "白茶品鉴群").unwrap().unwrap();
        let column = content::find_column(conn, "干货分享").unwrap().unwrap();
        let line = qunzhu::domain::content::rhythm::RhythmLine::new(
            chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            column,
            "",
        )
        .on(chrono::Weekday::Tue)
        .on(chrono::Weekday::Thu)
        .for_groups([group]);
        rhythm::save_line(conn, None, &line, chrono::Local::now().date_naive()).unwrap();
        let filter = this_week();
        content_items::generate(conn, filter.from, filter.to).unwrap();
    });
    ui.go_to("内容日历");
    let mut rects: Vec<egui::Rect> =
        ui.h.query_all_by_label("○ 白茶品鉴群 · 干货分享")
            .map(|n| n.rect())
            .collect();
    rects.sort_by(|a, b| a.center().x.total_cmp(&b.center().x));
    assert_eq!(rects.len(), 2);
    let (tuesday, thursday) = (rects[0].center(), rects[1].center());
    let wednesday = egui::pos2((tuesday.x + thursday.x) / 2.0, tuesday.y);
    ui.h.drag_at(tuesday);
    ui.h.run();
    ui.h.hover_at(tuesday + egui::vec2(20.0, 0.0));
    ui.h.run();
    ui.h.hover_at(wednesday);
    ui.h.run();
    ui.h.drop_at(wednesday);
    ui.settle();
    let days: Vec<chrono::Weekday> = content_items::list(ui.store().conn(), &this_week())
        .unwrap()
        .iter()
        .map(|i| i.day.weekday())
        .collect();
    assert_eq!(days, [chrono::Weekday::Wed, chrono::Weekday::Thu]);
    assert!(ui.sees_containing("已移到"));
}
