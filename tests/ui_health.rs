//! The 社群健康 screen, driven like a user would: sort the overview, enter a day by hand and see
//! an alert appear (and go with Undo), switch the compare metric, read the group view in English,
//! and import a chat export through the import screen.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use qunzhu::domain::health::{DayStats, Metric};
use qunzhu::gui::i18n::Lang;
use qunzhu::gui::screens::health::View;
use qunzhu::store::health::{self, Source};
use qunzhu::store::{Store, groups};
use support::ui::AppUnderTest;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A group with a week of steady days where `speakers` of 100 members speak.
fn seed_group(store: &mut Store, name: &str, members: i64, speakers: i64) -> i64 {
    store
        .write(|tx| {
            let id = groups::create(tx, name, "", Some("2023-01-01"))?;
            for day in d("2024-03-01").iter_days().take(7) {
                let stats = DayStats {
                    members: Some(members),
                    joins: Some(0),
                    leaves: Some(0),
                    speakers: Some(speakers),
                    messages: Some(speakers * 3),
                    ..DayStats::empty(day)
                };
                health::put(tx, id, &stats, Source::Wecom, None)?;
            }
            Ok(id)
        })
        .unwrap()
}

fn order(ui: &AppUnderTest) -> Vec<i64> {
    ui.app().health_screen().overview_order()
}

#[test]
fn the_overview_sorts_by_a_clicked_column() {
    let mut ids = Vec::new();
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        ids.push(seed_group(store, "甲群", 100, 1));
        ids.push(seed_group(store, "乙群", 200, 100));
        ids.push(seed_group(store, "丙群", 300, 30));
    });
    ui.go_to("社群健康");
    assert!(ui.sees("甲群") && ui.sees("乙群") && ui.sees("丙群"));
    assert!(ui.sees("1.0%"), "甲群's interaction rate");
    // Weakest interaction first by default.
    assert_eq!(order(&ui), [ids[0], ids[2], ids[1]]);
    ui.click_button("互动率(7天)");
    assert_eq!(order(&ui), [ids[1], ids[2], ids[0]]);
    ui.click_button("成员");
    assert_eq!(order(&ui), [ids[0], ids[1], ids[2]]);
    ui.click_button("成员");
    assert_eq!(order(&ui), [ids[2], ids[1], ids[0]]);
    // Low interaction for 3 days raises an alert on 甲群 only.
    assert_eq!(ui.count_of("互动率连续 3 天低于 3.0%"), 1);
    // Clicking a group opens its charts.
    ui.click_button("乙群");
    assert_eq!(ui.app().health_screen().view(), View::Group);
    assert!(ui.sees("成员数与进退群"));
}

#[test]
fn entering_a_day_by_hand_raises_an_alert_and_undo_removes_it() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        store
            .write(|tx| {
                let id = groups::create(tx, "新建测试群", "", Some("2024-03-01"))?;
                let first = DayStats {
                    members: Some(100),
                    joins: Some(100),
                    leaves: Some(0),
                    speakers: Some(20),
                    messages: Some(50),
                    ..DayStats::empty(d("2024-03-01"))
                };
                health::put(tx, id, &first, Source::Wecom, None)?;
                let second = DayStats {
                    day: d("2024-03-02"),
                    ..first
                };
                health::put(
                    tx,
                    id,
                    &DayStats {
                        joins: Some(0),
                        ..second
                    },
                    Source::Wecom,
                    None,
                )
            })
            .unwrap();
    });
    ui.go_to("社群健康");
    assert!(ui.sees("无"), "no alert yet");
    ui.click_button("每日数据");
    // The form opens on the latest day (2024-03-02) with its stored numbers: correct them.
    assert_eq!(ui.field("成员数").value().as_deref(), Some("100"));
    ui.replace_in("成员数", "80");
    ui.replace_in("进群", "0");
    ui.replace_in("退群", "20");
    ui.replace_in("发言人数", "10");
    ui.replace_in("消息数", "30");
    ui.click_button("保存这一天");
    assert!(ui.sees_containing("已保存 新建测试群 2024-03-02"));
    let stored = health::day(ui.store().conn(), 1, d("2024-03-02"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.source, stored.stats.leaves),
        (Source::Manual, Some(20))
    );
    assert!(ui.sees("手工"), "the grid shows the hand-entered source");
    ui.click_button("总览");
    assert!(ui.sees_containing("新群 7 天退群率 20.0%，高于 15.0%"));
    ui.click_button("撤销");
    assert!(!ui.sees_containing("新群 7 天退群率"));
    let stored = health::day(ui.store().conn(), 1, d("2024-03-02"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.source, stored.stats.leaves),
        (Source::Wecom, Some(0))
    );
}

#[test]
fn a_bad_number_is_refused_with_a_message() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        seed_group(store, "甲群", 100, 10);
    });
    ui.go_to("社群健康");
    ui.click_button("每日数据");
    ui.replace_in("成员数", "很多");
    ui.click_button("保存这一天");
    assert!(ui.sees_containing("请填写整数"));
}

#[test]
fn the_compare_metric_can_be_switched() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        seed_group(store, "甲群", 100, 1);
        seed_group(store, "乙群", 200, 100);
    });
    ui.go_to("社群健康");
    ui.click_button("对比");
    assert!(ui.sees("对比的群"));
    let metric = |ui: &AppUnderTest| ui.app().health_screen().compare_metric();
    assert_eq!(metric(&ui), Metric::InteractionRate);
    ui.h.get_by_role_and_label(Role::ComboBox, "指标").click();
    ui.settle();
    ui.click_text("净增");
    assert_eq!(metric(&ui), Metric::NetGrowth);
}

#[test]
fn the_group_view_reads_in_english() {
    let mut ui = AppUnderTest::with_data(Lang::En, |store| {
        seed_group(store, "宝妈茶话会", 100, 10);
    });
    ui.go_to("Group health");
    ui.click_button("Group");
    assert!(ui.sees("Members, joins and leaves"));
    assert!(ui.sees("Selected period"));
    assert!(ui.sees("10.0%"), "7-day interaction in the read-outs");
    assert!(ui.sees("—"), "undefined rates show a dash");
    ui.click_button("7 days");
    ui.click_button("Alert settings");
    assert!(ui.sees("Silent days in a row"));
}

#[test]
fn group_statistics_are_imported_through_the_import_screen() {
    let mut ui = AppUnderTest::new_zh();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/health/group_stats_small.csv");
    ui.h.state_mut().open_import_file(&path);
    ui.settle();
    assert!(ui.sees_containing("按群ID、再按群名称匹配群"));
    ui.start_import("开始导入");
    assert!(ui.sees_containing("新建群 2 个"));
    ui.go_to("社群健康");
    assert!(ui.sees("小测试群") && ui.sees("另一个群"));
}

#[test]
fn a_chat_export_is_imported_into_a_new_group_and_undone() {
    let mut ui = AppUnderTest::new_zh();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/health/chat_small.csv");
    ui.h.state_mut().open_import_file(&path);
    ui.settle();
    assert!(ui.sees("导入到群"));
    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"));
    assert!(ui.sees_containing("消息新增 7 条"));
    let id = groups::find_by_name(ui.store().conn(), "small").unwrap();
    assert!(id.is_some());
    ui.go_to("社群健康");
    assert!(ui.sees("small"));
    ui.go_to("导入");
    ui.click_button("撤销这次导入");
    assert!(
        groups::find_by_name(ui.store().conn(), "small")
            .unwrap()
            .is_none()
    );
}
