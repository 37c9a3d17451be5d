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

/// A store holding our small question fixture as the chat of "答疑群", with 小鹿 and Coco as
/// customers linked by their wxid.
fn seed_questions(store: &mut Store) {
    store
        .write(|tx| {
            for (name, wxid) in [("小鹿", "wxid_a"), ("Coco", "wxid_c")] {
                tx.execute(
                    "INSERT INTO customers (name, wxid, created_at, updated_at) VALUES (?1, ?2, 0, 0)",
                    [name, wxid],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let request = qunzhu::jobs::health_import::HealthImportRequest {
        path: std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/health/chat_questions.csv"),
        sheet: None,
        encoding: None,
        chat_target: Some(qunzhu::store::health_import::ChatTarget::Named(
            "答疑群".into(),
        )),
        tz: qunzhu::import::CHINA_STANDARD_TIME,
        stat_columns: None,
        chat_columns: None,
    };
    qunzhu::jobs::health_import::run(store, &request, &qunzhu::jobs::Reporter::silent()).unwrap();
}

#[test]
fn the_unanswered_list_shows_late_and_missed_questions_and_opens_the_asker() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, seed_questions);
    ui.go_to("社群健康");
    ui.click_button("待回复");
    assert_eq!(ui.app().health_screen().view(), View::Questions);
    assert!(
        ui.sees_containing("6 个提问 · 按时回复 50% · 首次回复中位 15 分钟 · 超时 1 · 未回复 2")
    );
    // The last day with questions is listed first: its question is still waiting.
    assert!(ui.sees("在吗？") && ui.sees("还在等待"));
    ui.choose("日期", "2024-03-04  (3/4)");
    assert!(ui.sees("今天能发货吗") && ui.sees("回复超时") && ui.sees("1 小时 0 分"));
    // Questions answered in time are hidden until asked for.
    assert!(!ui.sees("白牡丹还有货吗"));
    ui.click_text("显示按时回复的提问");
    assert!(ui.sees("白牡丹还有货吗") && ui.sees("明天几点开团？"));
    ui.choose("日期", "2024-03-05  (0/1)");
    assert!(ui.sees("有没有小罐装") && ui.sees("没有回复"));
    ui.click_text("Coco");
    assert_eq!(ui.app().screen(), qunzhu::gui::screens::ScreenId::Customers);
    assert!(ui.sees("删除客户"), "the asker's panel is open");
    assert!(ui.count_of("Coco") >= 2, "table cell and detail heading");
    // The panel shows what they said lately, newest first, with the group.
    assert!(ui.sees("最近群聊发言"));
    assert!(ui.sees("在吗？") && ui.sees("有没有小罐装"));
    assert!(ui.sees_containing("2024-03-07 12:30 · 答疑群"));
}

/// The overview's 回复 column is read on a worker: the group with chat history gets its share
/// answered in time and median first reply of the last 7 days, a group without chat a dash.
#[test]
fn the_overview_shows_how_fast_each_chat_group_is_answered() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        seed_questions(store);
        seed_group(store, "没有聊天的群", 100, 10);
    });
    ui.go_to("社群健康");
    assert!(ui.sees("回复(7天)"));
    for _ in 0..300 {
        if !ui.app().is_reading() && ui.sees("50% · 15 分钟") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        ui.h.step();
    }
    ui.settle();
    assert!(
        ui.sees("50% · 15 分钟"),
        "答疑群: 3 of 6 in time, median 15 min"
    );
    assert!(
        ui.count_of("—") >= 1,
        "the group without chat has no figure"
    );
    assert_eq!(ui.app().health_screen().service_reads(), 1);
    // A new import re-reads the column.
    ui.h.state_mut().health_screen_mut().invalidate();
    ui.settle();
    for _ in 0..300 {
        if !ui.app().is_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        ui.h.step();
    }
    assert_eq!(ui.app().health_screen().service_reads(), 2);
    assert!(ui.sees("50% · 15 分钟"));
}

#[test]
fn the_reply_rules_are_edited_checked_and_undone() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, seed_questions);
    ui.go_to("社群健康");
    ui.click_button("预警设置");
    assert_eq!(ui.field("服务时间开始").value().as_deref(), Some("09:00"));
    ui.replace_in("服务时间开始", "9点");
    assert!(ui.sees("时间格式应为 09:00"));
    ui.replace_in("服务时间结束", "23:30");
    ui.replace_in("服务时间开始", "08:00");
    ui.click_button("保存待回复规则");
    assert!(ui.sees("待回复规则已保存"));
    let rules = qunzhu::store::questions::service_rules(ui.store().conn()).unwrap();
    assert_eq!(rules.opens.to_string(), "08:00:00");
    assert_eq!(rules.closes.to_string(), "23:30:00");
    // 23:50 is still outside the hours; the list reads the new rules.
    ui.click_button("待回复");
    assert!(ui.sees_containing("服务时间 08:00–23:30"));
    ui.click_button("撤销");
    let rules = qunzhu::store::questions::service_rules(ui.store().conn()).unwrap();
    assert_eq!(rules, qunzhu::domain::questions::ServiceRules::default());
}

#[test]
fn the_weekly_report_menu_offers_the_last_full_week_in_three_formats() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, seed_questions);
    ui.go_to("社群健康");
    // The chat's last day is Thursday 2024-03-07: the last full week is the one before.
    assert_eq!(
        qunzhu::gui::screens::health::report_week(d("2024-03-07")),
        d("2024-02-26")
    );
    assert_eq!(
        qunzhu::gui::screens::health::report_week(d("2024-03-10")),
        d("2024-03-04")
    );
    ui.click_button("周报（2024-02-26 至 2024-03-03）");
    assert!(ui.sees("保存为长图（PNG，发微信）…"));
    assert!(ui.sees("保存为网页（HTML，可打印为 PDF）…"));
    assert!(ui.sees("保存为 Markdown…"));
}

#[test]
fn a_buying_signal_is_tagged_with_undo_and_the_rules_are_edited() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, seed_questions);
    ui.go_to("社群健康");
    ui.click_button("关键词信号");
    // 小鹿 asked "白牡丹还有货吗" on 03-04, within 7 days of the data's last day (03-07).
    assert!(ui.sees("购买意向 (1)") && ui.sees("投诉 (0)"));
    assert!(ui.sees("小鹿") && ui.sees("白牡丹还有货吗"));
    ui.click_button("给选中的 1 位客户打上标签");
    assert!(ui.sees_containing("购买意向"));
    let source = |ui: &AppUnderTest| -> Vec<String> {
        let conn = ui.store().conn();
        let mut stmt = conn
            .prepare(
                "SELECT ct.source FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
                 JOIN customers c ON c.id = ct.customer_id
                 WHERE t.name = '购买意向' AND c.name = '小鹿'",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(source(&ui), ["rule"]);
    ui.click_button("撤销");
    assert!(source(&ui).is_empty(), "undo takes the tag back");

    // A rule of one's own, typed as a line.
    ui.replace_in("每行一条：名称：词，词（天数）", "问小罐装：小罐装（7）");
    ui.click_button("保存信号规则");
    assert!(ui.sees("信号规则已保存"));
    assert!(ui.sees("问小罐装 (1)") && ui.sees("有没有小罐装"));
    ui.replace_in("每行一条：名称：词，词（天数）", "没有冒号");
    assert!(ui.sees("1 行看不懂：写成 名称：词，词（天数）"));
}

#[test]
fn the_chat_search_finds_a_word_and_shows_its_context() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, seed_questions);
    ui.go_to("社群健康");
    ui.click_button("聊天记录");
    assert!(ui.sees_containing("一两个字也可以"));
    ui.type_into("搜索聊天记录", "发货");
    assert!(ui.sees("1 条消息") && ui.sees("今天能发货吗"));
    ui.click_button("上下文");
    assert!(ui.sees("多少钱一饼？") && ui.sees("下午四点统一发"));
    ui.replace_in("搜索聊天记录", "罐");
    assert!(ui.sees("有没有小罐装"));
    // The sender is linked to a customer: one click opens them.
    ui.click_text("Coco");
    assert_eq!(ui.app().screen(), qunzhu::gui::screens::ScreenId::Customers);
}
