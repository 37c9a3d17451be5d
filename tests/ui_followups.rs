//! The 跟进 screen driven like a user would: enrol a customer from the detail panel, find the task
//! on today's checklist with its script, complete it with a note, see the note on the timeline and
//! the task off the list; log a purchase; switch to English.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use egui_kittest::kittest::Queryable;
use qunzhu::domain::customer::Customer;
use qunzhu::domain::note::NoteKind;
use qunzhu::domain::time::Stamp;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::{Store, customers, notes, purchases};
use support::ui::AppUnderTest;

/// One customer, 王小明, added on WeChat just now.
fn one_new_customer(store: &mut Store) {
    customers::create(
        store.conn(),
        &Customer {
            name: "王小明".into(),
            added_at: Some(Stamp::now()),
            ..Customer::default()
        },
    )
    .unwrap();
}

fn the_customer(ui: &AppUnderTest) -> i64 {
    customers::list_ids(ui.store().conn(), &Default::default()).unwrap()[0]
}

/// Unfolds the detail panel's follow-up section (folded by default, above the notes).
fn open_followup_section(ui: &mut AppUnderTest, title_start: &str) {
    ui.h.query_all_by_label_contains(title_start)
        .next()
        .unwrap()
        .click();
    ui.settle();
}

/// 王小明 enrolled in 新客培育 from the detail panel, with the 跟进 screen open.
fn enrolled_and_on_the_checklist() -> AppUnderTest {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_new_customer);
    ui.click_text("王小明");
    open_followup_section(&mut ui, "跟进与购买");
    ui.click_button("加入旅程");
    ui.click_first_button("跟进");
    ui
}

#[test]
fn enrol_see_today_complete_with_a_note_and_find_it_on_the_timeline() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_new_customer);
    assert_eq!(ui.app().followups_badge(), 0);

    // Enrol from the customer detail panel (the first journey, 新客培育, is preselected).
    ui.click_text("王小明");
    open_followup_section(&mut ui, "跟进与购买");
    ui.click_button("加入旅程");
    assert!(
        ui.sees("已加入 1 位客户，新建 3 个任务"),
        "toast: {:?}",
        ui.app().toast_texts()
    );
    assert_eq!(ui.app().followups_badge(), 1, "the welcome is due today");
    assert!(
        ui.sees("新客培育 · 欢迎+建信任"),
        "the panel lists the open task"
    );

    ui.click_first_button("跟进");
    assert!(ui.sees("今天 (1)"));
    assert!(ui.sees("逾期 (0)"));
    assert!(ui.sees("未来 7 天 (1)"), "W1 促首单 is 7 days away");
    assert!(
        ui.sees_containing("王小明您好，我是您的专属顾问"),
        "the script is filled in"
    );

    ui.click_first_button("完成");
    ui.type_into("跟进记录", "约了周末来店里品茶");
    ui.click_button("确认完成");
    assert!(ui.sees("今天 (0)"), "the task is off today's list");
    assert!(!ui.sees_containing("王小明您好，我是您的专属顾问"));
    assert_eq!(ui.app().followups_badge(), 0);
    assert_eq!(ui.app().followup_checklist().today_total, 0);

    let id = the_customer(&ui);
    let timeline = notes::for_customer(ui.store().conn(), id).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].kind, NoteKind::Followup);
    assert_eq!(
        timeline[0].body,
        "新客培育 · 欢迎+建信任（已回复）：约了周末来店里品茶"
    );
    assert!(
        customers::get(ui.store().conn(), id)
            .unwrap()
            .last_contact_at
            .is_some()
    );

    ui.go_to("客户");
    // 王小明 is still selected: the detail panel shows the timeline.
    assert!(
        ui.sees("新客培育 · 欢迎+建信任（已回复）：约了周末来店里品茶"),
        "on the timeline"
    );
}

#[test]
fn undo_after_completing_puts_the_task_back_and_takes_the_note_off_the_timeline() {
    let mut ui = enrolled_and_on_the_checklist();
    let id = the_customer(&ui);
    let tasks_before = qunzhu::store::followups::for_customer(ui.store().conn(), id).unwrap();
    ui.click_first_button("完成");
    ui.type_into("跟进记录", "约了周末来店里品茶");
    ui.click_button("确认完成");
    assert!(ui.sees("今天 (0)"));
    assert_eq!(notes::for_customer(ui.store().conn(), id).unwrap().len(), 1);

    ui.click_button("撤销");
    assert!(ui.sees("今天 (1)"), "the task is back on today's list");
    assert_eq!(ui.app().followups_badge(), 1);
    assert!(
        notes::for_customer(ui.store().conn(), id)
            .unwrap()
            .is_empty()
    );
    let customer = customers::get(ui.store().conn(), id).unwrap();
    assert!(customer.last_contact_at.is_none(), "no contact any more");
    assert_eq!(
        qunzhu::store::followups::for_customer(ui.store().conn(), id).unwrap(),
        tasks_before
    );
}

#[test]
fn enrolling_in_a_journey_with_a_custom_date_step_asks_for_the_date() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        one_new_customer(store);
        support::ui::birthday_journey(store);
    });
    ui.click_text("王小明");
    open_followup_section(&mut ui, "跟进与购买");
    assert!(
        !ui.sees("自定义日期（生日、活动日等）"),
        "新客培育 has no such step"
    );
    ui.choose("旅程", "生日关怀");
    assert!(ui.sees("自定义日期（生日、活动日等）"));
    ui.click_button("加入旅程");
    let id = the_customer(&ui);
    let tasks = qunzhu::store::followups::for_customer(ui.store().conn(), id).unwrap();
    assert_eq!(tasks.len(), 1, "the step did not wait: it got the date");
    assert_eq!(tasks[0].step, "生日祝福");
    assert_eq!(tasks[0].due, chrono::Local::now().date_naive());
}

#[test]
fn skip_a_task_with_a_reason() {
    let mut ui = enrolled_and_on_the_checklist();
    ui.click_first_button("跳过");
    ui.type_into("跳过原因", "客户说不要打扰");
    ui.click_button("确认跳过");
    assert!(ui.sees("今天 (0)"));
    assert!(ui.sees("已跳过"));
    let id = the_customer(&ui);
    assert!(
        customers::get(ui.store().conn(), id)
            .unwrap()
            .last_contact_at
            .is_none()
    );
    // Undo from the toast reopens it.
    ui.click_button("撤销");
    assert!(ui.sees("今天 (1)"));
    assert!(!ui.sees("已跳过"));
}

#[test]
fn log_a_purchase_by_hand_and_the_care_journey_picks_it_up() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_new_customer);
    ui.click_text("王小明");
    open_followup_section(&mut ui, "跟进与购买");
    ui.type_into("金额（元）", "128.5");
    ui.type_into("商品", "白茶饼");
    ui.click_button("添加购买");
    let id = the_customer(&ui);
    let logged = purchases::for_customer(ui.store().conn(), id).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(
        (logged[0].amount_cents, logged[0].items.as_str()),
        (12_850, "白茶饼")
    );
    assert!(ui.sees("客单价 ¥128.50 · 共 1 单"));
    assert!(ui.sees("低需求"), "one purchase is 低需求");
}

#[test]
fn the_screen_speaks_english_too() {
    let mut ui = AppUnderTest::with_data(Lang::En, one_new_customer);
    ui.click_text("王小明");
    open_followup_section(&mut ui, "Follow-ups & purchases");
    ui.click_button("Enrol");
    ui.go_to("Follow-ups");
    assert!(ui.sees("Today (1)"));
    assert!(ui.sees("Copy script"));
    ui.click_button("Journeys");
    assert!(ui.sees("Save journey"));
}

/// Enrolling 60 customers by rule (no rule: everyone) asks first with the count; Undo takes the
/// enrolment and its open tasks back.
#[test]
fn a_bulk_enrolment_asks_first_and_can_be_undone() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        for i in 0..60 {
            customers::create(
                store.conn(),
                &Customer {
                    name: format!("客户{i}"),
                    added_at: Some(Stamp::now()),
                    ..Customer::default()
                },
            )
            .unwrap();
        }
    });
    let count = |ui: &AppUnderTest, table: &str| -> i64 {
        ui.store()
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    ui.go_to("跟进");
    ui.click_button("按条件加入");
    assert!(ui.sees("符合条件的客户：60 位"));
    ui.click_button("加入旅程");
    assert!(
        ui.sees_containing("将把 60 位客户加入这个旅程"),
        "asked first"
    );
    assert_eq!(
        count(&ui, "enrolments"),
        0,
        "nothing written before the answer"
    );
    ui.click_button("取消");
    assert_eq!(count(&ui, "enrolments"), 0);
    ui.click_button("加入旅程");
    ui.click_button("确定加入 60 位");
    assert_eq!(count(&ui, "enrolments"), 60);
    assert!(count(&ui, "followup_tasks") > 0);
    ui.click_button("撤销");
    assert_eq!(count(&ui, "enrolments"), 0, "undone");
    assert_eq!(count(&ui, "followup_tasks"), 0);
}
