//! The KOC screen and the KOC part of the customer book, driven like a user: assign a role, log a
//! contribution and watch the quiet warning and the leaderboard change, nominate a candidate.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use chrono::{Duration, NaiveDate};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use qunzhu::domain::customer::Customer;
use qunzhu::domain::koc::Status;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::koc::{self, NewAssignment};
use qunzhu::store::{Store, customers, groups, koc_views};
use rusqlite::params;
use support::ui::AppUnderTest;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn add_customer(store: &Store, name: &str) -> i64 {
    customers::create(
        store.conn(),
        &Customer {
            name: name.into(),
            ..Customer::default()
        },
    )
    .unwrap()
}

fn role_id(store: &Store, name: &str) -> i64 {
    koc::role_id(store.conn(), name).unwrap().unwrap()
}

/// Gives `role` (all groups, active since `since`) to a customer.
fn give_role(store: &Store, customer_id: i64, role: &str, since: NaiveDate) {
    let role_id = role_id(store, role);
    let assignment = NewAssignment {
        customer_id,
        role_id,
        group_id: None,
        status: Status::Active,
        since,
        reason: String::new(),
    };
    koc::assign(store.conn(), &assignment).unwrap();
}

#[test]
fn assign_a_role_from_the_koc_screen() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        add_customer(store, "王小明");
        add_customer(store, "李雷");
    });
    ui.go_to("KOC");
    ui.click_button("指派角色");
    ui.type_into("客户", "王小明");
    ui.click_text("王小明");
    ui.choose("角色", "气氛组");
    ui.click_button("确认指派");
    let current = koc::current(ui.store().conn()).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].customer_name, "王小明");
    assert_eq!(current[0].role_name, "气氛组");
    assert_eq!(current[0].assignment.status, Status::Active);
    // The board shows the new holder in the 气氛组 column.
    assert!(ui.sees("气氛组（在任 1）"));
    assert!(ui.sees("王小明"));
    assert!(ui.sees_containing("已指派 1 人"));
    // Undo takes the assignment away again.
    ui.click_button("撤销");
    assert!(koc::current(ui.store().conn()).unwrap().is_empty());
    assert!(ui.sees("气氛组（在任 0）"));
}

#[test]
fn logging_a_contribution_ends_the_quiet_warning_and_tops_the_leaderboard() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        let zhang = add_customer(store, "张伟");
        give_role(store, zhang, "内容官", today() - Duration::days(20));
    });
    ui.go_to("KOC");
    assert!(ui.sees("已沉默 20 天"));
    ui.click_button("记一笔");
    ui.click_button("保存贡献");
    assert!(!ui.sees_containing("已沉默"));
    assert!(ui.sees_containing("最近贡献"));
    let board = koc_views::board(ui.store().conn(), today()).unwrap();
    assert_eq!(board[0].contributions_this_month, 1);
    ui.click_button("贡献排行");
    assert!(ui.sees("张伟"));
    // Picking a name charts that ambassador's contributions day by day.
    ui.click_text("张伟");
    assert!(ui.sees("张伟 的每日贡献"));
    assert_eq!(
        ui.app().koc_screen().view(),
        qunzhu::gui::screens::koc::View::Leaderboard
    );
}

#[test]
fn nominating_a_candidate_moves_them_to_the_board() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        let group = groups::create(store.conn(), "上海茶友会", "", None).unwrap();
        let chatty = add_customer(store, "陈上");
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO group_members (group_id, customer_id, member_key) VALUES (?1, ?2, 'wxid_chen')",
                    params![group, chatty],
                )?;
                let member = tx.last_insert_rowid();
                for d in 0..6 {
                    let day = (today() - Duration::days(d)).to_string();
                    tx.execute(
                        "INSERT INTO chat_messages (group_id, member_id, sender, at, local_day, kind, source_key)
                         VALUES (?1, ?2, 'wxid_chen', 0, ?3, 1, ?3)",
                        params![group, member, day],
                    )?;
                }
                Ok(())
            })
            .unwrap();
    });
    ui.go_to("KOC");
    ui.click_button("候选人");
    assert!(ui.sees("陈上"));
    assert!(ui.sees_containing("发言 6 天"));
    ui.click_button("提名 陈上");
    let current = koc::current(ui.store().conn()).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].assignment.status, Status::Candidate);
    assert_eq!(current[0].role_name, "气氛组");
    assert!(!ui.sees("提名 陈上"), "no longer a candidate");
    ui.click_button("看板");
    ui.click_button("任命");
    let current = koc::current(ui.store().conn()).unwrap();
    assert_eq!(current[0].assignment.status, Status::Active);
}

#[test]
fn the_customer_detail_panel_shows_roles_and_logs_contributions() {
    let mut ui = AppUnderTest::with_data(Lang::En, |store| {
        let li = add_customer(store, "李雷");
        give_role(store, li, "分享官", today() - Duration::days(3));
    });
    ui.click_text("李雷");
    assert!(ui.sees_containing("Roles and contributions (1)"));
    assert!(ui.sees("分享官"));
    ui.scroll_to_and_click("Save contribution");
    let id = customers::list_ids(ui.store().conn(), &Default::default()).unwrap()[0];
    assert_eq!(
        koc::contributions_of(ui.store().conn(), id, 5)
            .unwrap()
            .len(),
        1
    );
    ui.scroll_to_and_click("End role");
    assert!(koc::current(ui.store().conn()).unwrap().is_empty());
    assert!(ui.sees_containing("Roles and contributions (0)"));
}

#[test]
fn the_role_catalogue_and_coverage_target_are_editable() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        groups::create(store.conn(), "北京茶友会", "", None).unwrap();
    });
    ui.go_to("KOC");
    ui.click_button("群覆盖");
    assert!(ui.sees("不足"), "no covering holders yet");
    assert!(ui.sees("0 / 2"));
    ui.click_button("角色设置");
    ui.type_into("新角色", "分销大使");
    ui.click_button("添加角色");
    let roles = koc::roles(ui.store().conn()).unwrap();
    assert_eq!(roles.last().unwrap().name, "分销大使");
    // The new role gets its own column on the board.
    ui.click_button("看板");
    assert!(ui.sees("分销大使（在任 0）"));
}

/// With much chat history the screen is read on a worker (a spinner meanwhile), and after a write
/// the old board stays up until the new one is read.
#[test]
fn a_big_book_is_read_on_a_worker_while_the_screen_stays_responsive() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        let id = add_customer(store, "王小明");
        give_role(store, id, "气氛组", today());
    });
    ui.h.state_mut().koc_screen_mut().set_inline_limit(-1);
    // Clicked by hand: the spinner keeps the UI repainting, so `settle` would not return.
    ui.h.get_by_role_and_label(Role::Button, "KOC").click();
    let wait = |ui: &mut AppUnderTest| {
        for _ in 0..2_000 {
            ui.h.step();
            if !ui.h.state().koc_screen().is_loading() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        ui.settle();
    };
    wait(&mut ui);
    assert!(!ui.h.state().koc_screen().is_loading());
    assert_eq!(ui.h.state().koc_screen().worker_reads(), 1);
    assert!(ui.sees("王小明"), "the board arrived from the worker");

    let lei = add_customer(ui.store(), "李雷");
    give_role(ui.store(), lei, "分享官", today());
    ui.h.state_mut().koc_screen_mut().invalidate();
    ui.h.step();
    assert!(
        ui.sees("王小明"),
        "the last board stays up until the new one is read"
    );
    wait(&mut ui);
    assert_eq!(
        ui.h.state().koc_screen().worker_reads(),
        2,
        "re-read on the worker"
    );
    assert!(ui.sees("李雷"));
}
