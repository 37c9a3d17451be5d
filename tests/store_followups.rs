//! Follow-ups in the store, on temporary files: seeded journeys, enrolment without duplicates,
//! waiting and moving triggers, the checklist, complete / snooze / skip, journey edits, and the
//! segment / lifecycle filters agreeing with the domain rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/store_fixtures.rs"]
mod store_fixtures;

use chrono::{Duration, NaiveDate};
use qunzhu::domain::customer::Customer;
use qunzhu::domain::filter::CustomerFilter;
use qunzhu::domain::followup::{TaskOutcome, TaskStatus};
use qunzhu::domain::note::NoteKind;
use qunzhu::domain::segment::{Lifecycle, Segment};
use qunzhu::store::{
    Store, customers, followups, journeys, notes, purchases, search, segments, tags,
};
use store_fixtures::{day, local_stamp, temp_store};

fn journey_id(store: &Store, name: &str) -> i64 {
    journeys::list(store.conn())
        .unwrap()
        .into_iter()
        .find(|j| j.name == name)
        .unwrap()
        .id
}

fn customer_added(store: &Store, name: &str, added: NaiveDate) -> i64 {
    customers::create(
        store.conn(),
        &Customer {
            name: name.into(),
            added_at: Some(local_stamp(added, 9 * 3600)),
            ..Customer::default()
        },
    )
    .unwrap()
}

fn dues(store: &Store, customer_id: i64) -> Vec<(String, String, TaskStatus)> {
    followups::for_customer(store.conn(), customer_id)
        .unwrap()
        .into_iter()
        .map(|t| (t.step, t.due.to_string(), t.status))
        .collect()
}

fn open_dues(store: &Store, customer_id: i64) -> Vec<String> {
    dues(store, customer_id)
        .into_iter()
        .filter(|(_, _, s)| *s == TaskStatus::Open)
        .map(|(_, due, _)| due)
        .collect()
}

#[test]
fn three_starter_journeys_are_seeded_once() {
    let (dir, store) = temp_store();
    let all = journeys::list(store.conn()).unwrap();
    let shape: Vec<(String, Vec<i64>)> = all
        .iter()
        .map(|j| {
            (
                j.name.clone(),
                j.steps.iter().map(|s| s.offset_days).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            ("新客培育".to_string(), vec![0, 7, 14]),
            ("已购关怀".to_string(), vec![1, 7, 21]),
            ("沉睡唤醒".to_string(), vec![30]),
        ]
    );
    // A deleted starter journey stays deleted when the file is opened again.
    let mut store = store;
    let id = journey_id(&store, "沉睡唤醒");
    store.write(|tx| journeys::delete(tx, id)).unwrap();
    drop(store);
    let reopened = Store::open(&dir.path().join("qunzhu.db")).unwrap();
    assert_eq!(journeys::list(reopened.conn()).unwrap().len(), 2);
}

#[test]
fn enrolling_twice_creates_no_duplicate_tasks() {
    let (_dir, mut store) = temp_store();
    let added = day(2024, 3, 1);
    let id = customer_added(&store, "王小明", added);
    let newbie = journey_id(&store, "新客培育");
    let at = local_stamp(added, 10 * 3600);
    let first = store
        .write(|tx| followups::enrol(tx, newbie, &[id], None, at))
        .unwrap();
    assert_eq!((first.enrolled, first.tasks), (1, 3));
    let again = store
        .write(|tx| followups::enrol(tx, newbie, &[id], None, at))
        .unwrap();
    assert_eq!((again.enrolled, again.tasks), (0, 0));
    assert_eq!(
        open_dues(&store, id),
        ["2024-03-01", "2024-03-08", "2024-03-15"]
    );
}

#[test]
fn purchase_steps_wait_and_move_with_the_latest_purchase() {
    let (_dir, mut store) = temp_store();
    let id = customer_added(&store, "李四", day(2024, 3, 1));
    let care = journey_id(&store, "已购关怀");
    let at = local_stamp(day(2024, 3, 1), 10 * 3600);
    let report = store
        .write(|tx| followups::enrol(tx, care, &[id], None, at))
        .unwrap();
    assert_eq!(report.tasks, 0, "no purchase yet: the steps wait");

    store
        .write(|tx| {
            purchases::add(
                tx,
                id,
                local_stamp(day(2024, 3, 5), 3600 * 12),
                12_800,
                "白茶饼",
                false,
            )?;
            followups::rederive(tx, id)
        })
        .unwrap();
    assert_eq!(
        open_dues(&store, id),
        ["2024-03-06", "2024-03-12", "2024-03-26"]
    );

    // A second purchase on 3-10 moves every open step to count from it.
    store
        .write(|tx| {
            purchases::add(
                tx,
                id,
                local_stamp(day(2024, 3, 10), 3600 * 12),
                9_900,
                "普洱",
                true,
            )?;
            followups::rederive(tx, id)
        })
        .unwrap();
    assert_eq!(
        open_dues(&store, id),
        ["2024-03-11", "2024-03-17", "2024-03-31"]
    );
    let list = followups::checklist(store.conn(), day(2024, 3, 11), 50).unwrap();
    assert_eq!(list.today_total, 1);
    assert_eq!(
        list.due_today[0].script("x"),
        "李四您好，您的普洱应该收到了吧？第一次冲泡建议水温 90℃ 左右，有任何问题随时找我。"
    );
}

#[test]
fn the_checklist_splits_overdue_today_and_upcoming() {
    let (_dir, mut store) = temp_store();
    let newbie = journey_id(&store, "新客培育");
    let a = customer_added(&store, "甲", day(2024, 3, 1));
    let b = customer_added(&store, "乙", day(2024, 3, 8));
    let at = local_stamp(day(2024, 3, 8), 10 * 3600);
    store
        .write(|tx| followups::enrol(tx, newbie, &[a, b], None, at))
        .unwrap();
    let list = followups::checklist(store.conn(), day(2024, 3, 8), 50).unwrap();
    // 甲: welcome 3-01 overdue, W1 3-08 today, W2 3-15 upcoming; 乙: welcome today, W1 3-15.
    assert_eq!(list.overdue_total, 1);
    assert_eq!(list.today_total, 2);
    assert_eq!(list.upcoming_total, 2);
    assert_eq!(list.overdue[0].customer, "甲");
    let today: Vec<&str> = list.due_today.iter().map(|t| t.step.as_str()).collect();
    assert!(today.contains(&"促首单") && today.contains(&"欢迎+建信任"));
    assert_eq!(
        followups::count_due(store.conn(), day(2024, 3, 8)).unwrap(),
        3
    );
    // The limit cuts the lists, not the totals.
    let cut = followups::checklist(store.conn(), day(2024, 3, 8), 1).unwrap();
    assert_eq!((cut.due_today.len(), cut.today_total), (1, 2));
}

#[test]
fn completing_a_task_notes_it_counts_as_contact_and_resets_dormancy() {
    let (_dir, mut store) = temp_store();
    let id = customer_added(&store, "张三", day(2024, 1, 1));
    let wake = journey_id(&store, "沉睡唤醒");
    let at = local_stamp(day(2024, 1, 31), 10 * 3600);
    store
        .write(|tx| followups::enrol(tx, wake, &[id], None, at))
        .unwrap();
    assert_eq!(open_dues(&store, id), ["2024-01-31"]);
    let task = followups::checklist(store.conn(), day(2024, 1, 31), 10)
        .unwrap()
        .due_today[0]
        .id;

    let done_at = local_stamp(day(2024, 2, 2), 15 * 3600);
    store
        .write(|tx| {
            followups::complete(
                tx,
                task,
                TaskOutcome::Replied,
                "说最近很忙",
                "沉睡唤醒 · 30 天无互动：说最近很忙",
                done_at,
            )
        })
        .unwrap();
    let timeline = notes::for_customer(store.conn(), id).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].kind, NoteKind::Followup);
    assert!(timeline[0].body.contains("说最近很忙"));
    let customer = customers::get(store.conn(), id).unwrap();
    assert_eq!(
        customer.last_contact_at.map(|s| s.unix_s),
        Some(done_at.unix_s)
    );
    // The talk restarts the 30-day clock: a new wake-up task 30 days after it.
    assert_eq!(
        dues(&store, id),
        vec![
            (
                "30 天无互动".to_string(),
                "2024-03-03".to_string(),
                TaskStatus::Open
            ),
            (
                "30 天无互动".to_string(),
                "2024-01-31".to_string(),
                TaskStatus::Done
            ),
        ]
    );
    let done = followups::get(store.conn(), task).unwrap();
    assert_eq!(done.outcome, Some(TaskOutcome::Replied));
    assert_eq!(done.note, "说最近很忙");
    // A closed task cannot be completed again.
    assert!(
        store
            .write(|tx| followups::complete(tx, task, TaskOutcome::Deal, "", "x", done_at))
            .is_err()
    );
}

#[test]
fn snooze_moves_a_task_and_skip_closes_it_without_contact() {
    let (_dir, mut store) = temp_store();
    let id = customer_added(&store, "赵六", day(2024, 3, 1));
    let newbie = journey_id(&store, "新客培育");
    let at = local_stamp(day(2024, 3, 1), 10 * 3600);
    store
        .write(|tx| followups::enrol(tx, newbie, &[id], None, at))
        .unwrap();
    let list = followups::checklist(store.conn(), day(2024, 3, 1), 10).unwrap();
    let welcome = list.due_today[0].id;
    store
        .write(|tx| followups::snooze(tx, welcome, day(2024, 3, 4)))
        .unwrap();
    let list = followups::checklist(store.conn(), day(2024, 3, 1), 10).unwrap();
    assert_eq!(list.today_total, 0);
    assert_eq!(list.upcoming[0].due, day(2024, 3, 4));
    // Re-deriving keeps the manager's snooze.
    store.write(|tx| followups::rederive(tx, id)).unwrap();
    assert_eq!(
        followups::get(store.conn(), welcome).unwrap().due,
        day(2024, 3, 4)
    );

    store
        .write(|tx| followups::skip(tx, welcome, "客户在国外", at))
        .unwrap();
    let skipped = followups::get(store.conn(), welcome).unwrap();
    assert_eq!(
        (skipped.status, skipped.note.as_str()),
        (TaskStatus::Skipped, "客户在国外")
    );
    assert_eq!(
        customers::get(store.conn(), id).unwrap().last_contact_at,
        None
    );
}

#[test]
fn undoing_a_snooze_or_a_completion_restores_tasks_contact_and_timeline_exactly() {
    let (_dir, mut store) = temp_store();
    let id = customer_added(&store, "孙八", day(2024, 3, 1));
    let newbie = journey_id(&store, "新客培育");
    let at = local_stamp(day(2024, 3, 1), 10 * 3600);
    store
        .write(|tx| followups::enrol(tx, newbie, &[id], None, at))
        .unwrap();
    let welcome = followups::checklist(store.conn(), day(2024, 3, 1), 10)
        .unwrap()
        .due_today[0]
        .id;
    let tasks = followups::for_customer(store.conn(), id).unwrap();

    let undo = store
        .write(|tx| followups::snooze(tx, welcome, day(2024, 3, 4)))
        .unwrap();
    store
        .write(|tx| followups::undo_task_write(tx, &undo))
        .unwrap();
    assert_eq!(followups::for_customer(store.conn(), id).unwrap(), tasks);

    let undo = store
        .write(|tx| {
            followups::complete(
                tx,
                welcome,
                TaskOutcome::Replied,
                "聊得不错",
                "欢迎（已回复）",
                at,
            )
        })
        .unwrap();
    assert_eq!(notes::for_customer(store.conn(), id).unwrap().len(), 1);
    store
        .write(|tx| followups::undo_task_write(tx, &undo))
        .unwrap();
    assert_eq!(followups::for_customer(store.conn(), id).unwrap(), tasks);
    assert!(notes::for_customer(store.conn(), id).unwrap().is_empty());
    assert_eq!(
        customers::get(store.conn(), id).unwrap().last_contact_at,
        None
    );
    // The note is gone from the search index too.
    assert_eq!(search::search(store.conn(), "欢迎", 10).unwrap().total, 0);
}

#[test]
fn editing_a_journey_moves_open_tasks_and_removing_a_step_drops_them() {
    let (_dir, mut store) = temp_store();
    let id = customer_added(&store, "钱七", day(2024, 3, 1));
    let newbie = journey_id(&store, "新客培育");
    let at = local_stamp(day(2024, 3, 1), 10 * 3600);
    store
        .write(|tx| followups::enrol(tx, newbie, &[id], None, at))
        .unwrap();
    let mut journey = journeys::list(store.conn()).unwrap().remove(0);
    journey.steps[1].offset_days = 3;
    journey.steps.remove(2);
    store
        .write(|tx| {
            journeys::save(tx, &journey)?;
            followups::rederive_journey(tx, newbie)
        })
        .unwrap();
    assert_eq!(open_dues(&store, id), ["2024-03-01", "2024-03-04"]);
    assert_eq!(journeys::steps_of(store.conn(), newbie).unwrap().len(), 2);
}

#[test]
fn lifecycle_filter_follows_contact_and_purchases() {
    let (_dir, mut store) = temp_store();
    let today = day(2024, 6, 30);
    let new = customer_added(&store, "新", today - Duration::days(3));
    let quiet = customer_added(&store, "静", today - Duration::days(200));
    let talked = customer_added(&store, "聊", today - Duration::days(200));
    let bought = customer_added(&store, "买", today - Duration::days(200));
    store
        .write(|tx| {
            customers::touch_contact(tx, talked, local_stamp(today - Duration::days(2), 3600))?;
            customers::touch_contact(tx, quiet, local_stamp(today - Duration::days(30), 3600))?;
            purchases::add(
                tx,
                bought,
                local_stamp(today - Duration::days(29), 3600),
                100,
                "",
                false,
            )
            .map(|_| ())
        })
        .unwrap();
    let with = |lifecycle| {
        let filter = CustomerFilter {
            lifecycle: Some(lifecycle),
            ..CustomerFilter::default()
        };
        let mut ids = customers::list_ids_on(store.conn(), &filter, today).unwrap();
        ids.sort_unstable();
        ids
    };
    assert_eq!(with(Lifecycle::New), vec![new]);
    assert_eq!(with(Lifecycle::Active), vec![talked, bought]);
    assert_eq!(with(Lifecycle::Dormant), vec![quiet]);
}

/// A deterministic spread of purchase histories around every rule's boundary.
fn varied_customers(store: &mut Store, today: NaiveDate) -> Vec<i64> {
    let mut ids = Vec::new();
    store
        .write(|tx| {
            let referral = tags::ensure(tx, "老带新", None)?;
            for i in 0..120i64 {
                let id = customers::create(
                    tx,
                    &Customer {
                        name: format!("客户{i}"),
                        added_at: Some(local_stamp(today - Duration::days(10 + i * 7 % 300), 0)),
                        ..Customer::default()
                    },
                )?;
                let count = i % 5;
                for k in 0..count {
                    let days_ago = match i % 4 {
                        0 => k * 29 + (i % 3),
                        1 => 85 + k * 10 + (i % 7),
                        2 => k * 40,
                        _ => k * 31 + 1,
                    };
                    let amount = if i % 3 == 0 { 5_000 + i * 100 } else { 20_000 };
                    let discounted = i % 3 == 0 || (i % 7 == 0 && k == 0);
                    purchases::add(
                        tx,
                        id,
                        local_stamp(today - Duration::days(days_ago), 7200),
                        amount,
                        "",
                        discounted,
                    )?;
                }
                if i % 2 == 0 {
                    tags::add_to(tx, &[id], referral, tags::TagSource::Manual)?;
                }
                ids.push(id);
            }
            Ok(())
        })
        .unwrap();
    ids
}

#[test]
fn the_segment_filter_agrees_with_the_domain_rules() {
    let (_dir, mut store) = temp_store();
    let today = day(2024, 6, 30);
    let ids = varied_customers(&mut store, today);
    let mut seen = std::collections::HashSet::new();
    for segment in Segment::ALL {
        let filter = CustomerFilter {
            segment: Some(segment),
            ..CustomerFilter::default()
        };
        let mut listed = customers::list_ids_on(store.conn(), &filter, today).unwrap();
        listed.sort_unstable();
        let expected: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|&id| {
                segments::standing(store.conn(), id, today).unwrap().segment == Some(segment)
            })
            .collect();
        assert_eq!(listed, expected, "{segment:?}");
        assert!(!listed.is_empty(), "the data covers {segment:?}");
        seen.extend(listed);
    }
    assert!(seen.len() < ids.len(), "some customers match no segment");
}
