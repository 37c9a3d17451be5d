//! KOC roles in the store: the seeded catalogue, assignments with history, contributions with
//! undo, and the board / leaderboard / candidates / coverage read models on a temporary file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/store_fixtures.rs"]
mod store_fixtures;

use chrono::NaiveDate;
use qunzhu::domain::koc::{Expectation, Status};
use qunzhu::store::koc::{self, Contribution, NewAssignment};
use qunzhu::store::{Store, customers, groups, koc_views, snapshot};
use rusqlite::params;
use store_fixtures::{day, named, temp_store};

fn role_id(store: &Store, name: &str) -> i64 {
    koc::role_id(store.conn(), name).unwrap().unwrap()
}

fn customer(store: &Store, name: &str) -> i64 {
    customers::create(store.conn(), &named(name, "")).unwrap()
}

fn assign(
    store: &mut Store,
    customer_id: i64,
    role: &str,
    group: Option<i64>,
    status: Status,
    since: NaiveDate,
) -> Option<i64> {
    let role_id = role_id(store, role);
    store
        .write(|tx| {
            koc::assign(
                tx,
                &NewAssignment {
                    customer_id,
                    role_id,
                    group_id: group,
                    status,
                    since,
                    reason: "活跃".into(),
                },
            )
        })
        .unwrap()
}

fn contribute(store: &mut Store, customer_id: i64, kind: &str, on: NaiveDate) -> i64 {
    store
        .write(|tx| {
            koc::add_contribution(
                tx,
                &Contribution {
                    id: 0,
                    customer_id,
                    kind: kind.into(),
                    day: on,
                    value: 1.0,
                    amount_cents: None,
                    note: String::new(),
                    group_id: None,
                },
            )
        })
        .unwrap()
}

/// Messages from `customer_id` (linked member of `group`) on each of `days`, `per_day` each.
fn chat(store: &mut Store, group: i64, customer_id: i64, days: &[NaiveDate], per_day: usize) {
    store
        .write(|tx| {
            let key = format!("wxid_{customer_id}");
            tx.execute(
                "INSERT INTO group_members (group_id, customer_id, member_key) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![group, customer_id, key],
            )?;
            let member: i64 = tx.query_row(
                "SELECT id FROM group_members WHERE group_id = ?1 AND member_key = ?2",
                params![group, key],
                |r| r.get(0),
            )?;
            for d in days {
                for i in 0..per_day {
                    tx.execute(
                        "INSERT INTO chat_messages (group_id, member_id, sender, at, local_day, kind, source_key)
                         VALUES (?1, ?2, ?3, 0, ?4, 1, ?5)",
                        params![group, member, key, d.to_string(), format!("{key}-{d}-{i}")],
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_catalogue_is_seeded_and_editable() {
    let (_dir, mut store) = temp_store();
    let roles = koc::roles(store.conn()).unwrap();
    let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "群主",
            "群管理",
            "气氛组",
            "分享官",
            "内容官",
            "体验官",
            "带货官",
            "社群班长",
            "团长"
        ]
    );
    let mut atmosphere = roles.iter().find(|r| r.name == "气氛组").unwrap().clone();
    assert_eq!(
        atmosphere.expectation,
        Some(Expectation::SpeakingDaysPerWeek(4.0))
    );
    assert!(atmosphere.per_group && atmosphere.covers_group);
    atmosphere.expectation = Some(Expectation::SpeakingDaysPerWeek(5.0));
    atmosphere.description = "每周至少 5 天发言".into();
    let before = store.write(|tx| koc::save_role(tx, &atmosphere)).unwrap();
    assert_eq!(
        before.expectation,
        Some(Expectation::SpeakingDaysPerWeek(4.0))
    );
    let after = koc::roles(store.conn()).unwrap();
    assert!(after.contains(&atmosphere));
    let id = store
        .write(|tx| koc::create_role(tx, "分销大使", "#123456"))
        .unwrap();
    assert_eq!(koc::roles(store.conn()).unwrap().last().unwrap().id, id);
    assert!(
        store
            .write(|tx| koc::create_role(tx, "  ", "#123456"))
            .is_err()
    );
}

#[test]
fn assignments_keep_their_history_through_appointment_change_and_end() {
    let (_dir, mut store) = temp_store();
    let wang = customer(&store, "王小明");
    let group = groups::create(store.conn(), "上海茶友会", "", None).unwrap();
    let id = assign(
        &mut store,
        wang,
        "气氛组",
        Some(group),
        Status::Candidate,
        day(2026, 10, 1),
    )
    .unwrap();
    // The same nomination twice is a no-op.
    assert_eq!(
        assign(
            &mut store,
            wang,
            "气氛组",
            Some(group),
            Status::Candidate,
            day(2026, 10, 2)
        ),
        None
    );
    store
        .write(|tx| koc::set_status(tx, id, Status::Active, day(2026, 10, 5)))
        .unwrap();
    let current = koc::get(store.conn(), id).unwrap().assignment;
    assert_eq!(
        (current.status, current.since),
        (Status::Active, day(2026, 10, 5))
    );
    // An active holder cannot go back to candidate.
    assert!(
        store
            .write(|tx| koc::set_status(tx, id, Status::Candidate, day(2026, 10, 6)))
            .is_err()
    );

    let admin = role_id(&store, "群管理");
    let (before, new_id) = store
        .write(|tx| koc::change_role(tx, id, admin, day(2026, 11, 1)))
        .unwrap();
    assert_eq!(before.status, Status::Active);
    let history = koc::for_customer(store.conn(), wang).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].role_name, "群管理");
    assert_eq!(history[0].assignment.status, Status::Active);
    assert_eq!(history[0].assignment.since, day(2026, 11, 1));
    assert_eq!(history[1].role_name, "气氛组");
    assert_eq!(history[1].assignment.status, Status::Ended);
    assert_eq!(history[1].assignment.until, Some(day(2026, 11, 1)));
    assert_eq!(history[1].group_name.as_deref(), Some("上海茶友会"));

    // Undo of the change: the new row goes, the old one is restored exactly.
    store
        .write(|tx| {
            koc::delete_assignments(tx, &[new_id.unwrap()])?;
            koc::restore(tx, &before)
        })
        .unwrap();
    let history = koc::for_customer(store.conn(), wang).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].assignment, before);
}

#[test]
fn deleting_a_customer_takes_roles_and_contributions_and_undo_brings_them_back() {
    let (_dir, mut store) = temp_store();
    let li = customer(&store, "李雷");
    assign(
        &mut store,
        li,
        "分享官",
        None,
        Status::Active,
        day(2026, 11, 1),
    );
    contribute(&mut store, li, "UGC内容", day(2026, 11, 3));
    let count = |store: &Store, table: &str| -> i64 {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let snapshots = snapshot::delete_customers(store.conn_mut(), &[li]).unwrap();
    assert_eq!(count(&store, "role_assignments"), 0);
    assert_eq!(count(&store, "contributions"), 0);
    snapshot::restore_customers(store.conn_mut(), &snapshots).unwrap();
    assert_eq!(count(&store, "role_assignments"), 1);
    assert_eq!(count(&store, "contributions"), 1);
}

#[test]
fn a_deleted_contribution_comes_back_with_its_id() {
    let (_dir, mut store) = temp_store();
    let li = customer(&store, "李雷");
    let id = contribute(&mut store, li, "产品反馈", day(2026, 11, 3));
    let removed = store.write(|tx| koc::delete_contribution(tx, id)).unwrap();
    assert!(
        koc::contributions_of(store.conn(), li, 10)
            .unwrap()
            .is_empty()
    );
    store
        .write(|tx| koc::add_contribution(tx, &removed))
        .unwrap();
    assert_eq!(
        koc::contributions_of(store.conn(), li, 10).unwrap(),
        vec![removed]
    );
}

#[test]
fn the_board_judges_holders_and_a_contribution_ends_the_quiet_warning() {
    let (_dir, mut store) = temp_store();
    let today = day(2026, 11, 23);
    let zhang = customer(&store, "张伟");
    assign(
        &mut store,
        zhang,
        "内容官",
        None,
        Status::Active,
        day(2026, 9, 1),
    );
    contribute(&mut store, zhang, "UGC内容", day(2026, 10, 20));
    let board = koc_views::board(store.conn(), today).unwrap();
    assert_eq!(board.len(), 1);
    let holder = &board[0];
    assert_eq!(holder.quiet_days, 34);
    assert!(holder.is_quiet());
    assert_eq!(holder.contributions_this_month, 0);
    assert!(holder.check.unwrap().behind, "2 a month, none by the 23rd");

    contribute(&mut store, zhang, "UGC内容", day(2026, 11, 22));
    let holder = &koc_views::board(store.conn(), today).unwrap()[0];
    assert_eq!(holder.quiet_days, 1);
    assert!(!holder.is_quiet());
    assert_eq!(holder.last_contribution, Some(day(2026, 11, 22)));
    assert_eq!(holder.contributions_this_month, 1);

    // Speaking days come from chat messages linked to the customer; where the group has no
    // chat history in the window, silence is unknown and not judged.
    let group = groups::create(store.conn(), "北京茶友会", "", None).unwrap();
    let unknown = customer(&store, "无记录");
    assign(
        &mut store,
        unknown,
        "群管理",
        Some(group),
        Status::Active,
        day(2026, 11, 1),
    );
    let row = koc_views::board(store.conn(), today)
        .unwrap()
        .into_iter()
        .find(|h| h.view.assignment.customer_id == unknown)
        .unwrap();
    assert!(!row.chat_known);
    assert_eq!(row.check, None);
    let chatty = customer(&store, "陈上");
    assign(
        &mut store,
        chatty,
        "气氛组",
        Some(group),
        Status::Active,
        day(2026, 11, 1),
    );
    let days: Vec<NaiveDate> = (10..=23).step_by(2).map(|d| day(2026, 11, d)).collect();
    chat(&mut store, group, chatty, &days, 3);
    let board = koc_views::board(store.conn(), today).unwrap();
    let chatty_row = board
        .iter()
        .find(|h| h.view.assignment.customer_id == chatty)
        .unwrap();
    assert_eq!(chatty_row.speaking_days, 7);
    assert_eq!(chatty_row.last_message, Some(day(2026, 11, 22)));
    let check = chatty_row.check.unwrap();
    assert!((check.actual - 3.5).abs() < 1e-9);
    assert!(check.behind, "3.5 days a week against 4");
}

#[test]
fn the_leaderboard_counts_contributions_in_the_period() {
    let (_dir, mut store) = temp_store();
    let a = customer(&store, "甲");
    let b = customer(&store, "乙");
    for d in [1, 2, 3] {
        contribute(&mut store, b, "推荐拉新", day(2026, 11, d));
    }
    contribute(&mut store, a, "UGC内容", day(2026, 11, 5));
    contribute(&mut store, a, "UGC内容", day(2026, 10, 5)); // before the period
    let board =
        koc_views::leaderboard(store.conn(), day(2026, 11, 1), day(2026, 11, 30), 10).unwrap();
    let rows: Vec<(&str, u32)> = board
        .iter()
        .map(|l| (l.name.as_str(), l.contributions))
        .collect();
    assert_eq!(rows, [("乙", 3), ("甲", 1)]);
    let series =
        koc_views::contributions_per_day(store.conn(), b, day(2026, 11, 2), day(2026, 11, 30))
            .unwrap();
    assert_eq!(series, vec![(day(2026, 11, 2), 1), (day(2026, 11, 3), 1)]);
}

#[test]
fn candidates_are_ranked_by_activity_and_holders_are_left_out() {
    let (_dir, mut store) = temp_store();
    let group = groups::create(store.conn(), "杭州门店群", "", None).unwrap();
    let steady = customer(&store, "稳定发言");
    let flood = customer(&store, "刷屏一天");
    let holder = customer(&store, "已是群管理");
    let referrer = customer(&store, "推荐达人");
    let days: Vec<NaiveDate> = (1..=10).map(|d| day(2026, 11, d)).collect();
    chat(&mut store, group, steady, &days, 2);
    chat(&mut store, group, flood, &[day(2026, 11, 3)], 100);
    chat(&mut store, group, holder, &days, 5);
    assign(
        &mut store,
        holder,
        "群管理",
        Some(group),
        Status::Active,
        day(2026, 1, 1),
    );
    contribute(&mut store, referrer, "推荐拉新", day(2026, 11, 4));
    // Old activity outside the window does not count.
    chat(&mut store, group, flood, &[day(2026, 9, 3)], 100);

    let found =
        koc_views::candidates(store.conn(), day(2026, 10, 24), day(2026, 11, 23), 10).unwrap();
    let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["稳定发言", "刷屏一天", "推荐达人"]);
    let top = &found[0];
    assert_eq!(top.activity.speaking_days, 10);
    assert_eq!(top.activity.messages, 20);
    assert_eq!(top.score.parts[0].what, "speaking_days");
    assert_eq!(found[1].activity.messages, 100);
    assert_eq!(found[2].activity.referrals, 1);

    // Nominated: no longer a candidate.
    assign(
        &mut store,
        steady,
        "气氛组",
        Some(group),
        Status::Candidate,
        day(2026, 11, 23),
    );
    let found =
        koc_views::candidates(store.conn(), day(2026, 10, 24), day(2026, 11, 23), 10).unwrap();
    assert!(found.iter().all(|c| c.customer_id != steady));
}

#[test]
fn coverage_counts_active_covering_holders_against_an_editable_target() {
    let (_dir, mut store) = temp_store();
    let g1 = groups::create(store.conn(), "一群", "", None).unwrap();
    let g2 = groups::create(store.conn(), "二群", "", None).unwrap();
    let a = customer(&store, "甲");
    let b = customer(&store, "乙");
    let c = customer(&store, "丙");
    assign(
        &mut store,
        a,
        "气氛组",
        Some(g1),
        Status::Active,
        day(2026, 11, 1),
    );
    assign(
        &mut store,
        b,
        "群管理",
        None,
        Status::Active,
        day(2026, 11, 1),
    ); // all groups
    assign(
        &mut store,
        c,
        "气氛组",
        Some(g2),
        Status::Candidate,
        day(2026, 11, 1),
    );
    assign(
        &mut store,
        c,
        "分享官",
        Some(g2),
        Status::Active,
        day(2026, 11, 1),
    ); // does not cover
    let coverage = koc_views::coverage(store.conn()).unwrap();
    let rows: Vec<(&str, u32, bool)> = coverage
        .iter()
        .map(|c| (c.group.as_str(), c.active, c.below))
        .collect();
    assert_eq!(rows, [("一群", 2, false), ("二群", 1, true)]);
    store.write(|tx| koc::set_coverage_target(tx, 3)).unwrap();
    assert!(
        koc_views::coverage(store.conn())
            .unwrap()
            .iter()
            .all(|c| c.below && c.target == 3)
    );
}
