//! Unit tests for `domain::followup`: each trigger, offsets, waiting triggers, moving anchors,
//! stale steps, snooze, buckets and placeholders.

use super::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, day).unwrap_or_default()
}

fn step(trigger: Trigger, offset_days: i64) -> Step {
    Step {
        id: 1,
        trigger: Some(trigger),
        offset_days,
        title: "t".into(),
        ..Step::default()
    }
}

fn insert(anchor_day: NaiveDate, due: NaiveDate) -> Option<TaskChange> {
    Some(TaskChange::Insert { anchor_day, due })
}

fn task(id: i64, anchor_day: NaiveDate, status: TaskStatus) -> ExistingTask {
    ExistingTask {
        id,
        anchor_day,
        status,
        due: anchor_day,
        snoozed: false,
    }
}

#[test]
fn trigger_and_channel_keys_round_trip() {
    for t in Trigger::ALL {
        assert_eq!(Trigger::from_key(t.key()), t);
    }
    for c in Channel::ALL {
        assert_eq!(Channel::from_key(c.key()), c);
    }
    for o in TaskOutcome::ALL {
        assert_eq!(TaskOutcome::from_key(o.key()), Some(o));
    }
    assert_eq!(TaskOutcome::from_key("x"), None);
}

#[test]
fn each_trigger_reads_its_own_anchor() {
    let a = Anchors {
        added: Some(d(1, 1)),
        first_purchase: Some(d(2, 1)),
        latest_purchase: Some(d(3, 1)),
        latest_contact: Some(d(2, 15)),
        custom: Some(d(6, 1)),
    };
    assert_eq!(a.day_of(Trigger::Added), Some(d(1, 1)));
    assert_eq!(a.day_of(Trigger::FirstPurchase), Some(d(2, 1)));
    assert_eq!(a.day_of(Trigger::LatestPurchase), Some(d(3, 1)));
    // The latest interaction: the purchase on 3-01 is later than the talk on 2-15.
    assert_eq!(a.day_of(Trigger::LatestContact), Some(d(3, 1)));
    assert_eq!(a.day_of(Trigger::CustomDate), Some(d(6, 1)));
}

#[test]
fn latest_contact_falls_back_to_the_added_day() {
    let a = Anchors {
        added: Some(d(1, 10)),
        ..Anchors::default()
    };
    assert_eq!(a.day_of(Trigger::LatestContact), Some(d(1, 10)));
}

#[test]
fn offsets_count_calendar_days_across_months() {
    let a = Anchors {
        added: Some(d(1, 28)),
        ..Anchors::default()
    };
    assert_eq!(
        reconcile(&step(Trigger::Added, 0), &a, d(1, 28), &[]),
        insert(d(1, 28), d(1, 28))
    );
    assert_eq!(
        reconcile(&step(Trigger::Added, 7), &a, d(1, 28), &[]),
        insert(d(1, 28), d(2, 4))
    );
    assert_eq!(
        reconcile(&step(Trigger::Added, 14), &a, d(1, 28), &[]),
        insert(d(1, 28), d(2, 11))
    );
}

#[test]
fn purchase_steps_wait_for_a_purchase() {
    let mut a = Anchors {
        added: Some(d(1, 1)),
        ..Anchors::default()
    };
    let care = step(Trigger::LatestPurchase, 1);
    assert_eq!(reconcile(&care, &a, d(1, 1), &[]), None);
    assert_eq!(
        reconcile(&step(Trigger::FirstPurchase, 1), &a, d(1, 1), &[]),
        None
    );
    assert_eq!(
        reconcile(&step(Trigger::CustomDate, 0), &a, d(1, 1), &[]),
        None
    );
    a.first_purchase = Some(d(1, 20));
    a.latest_purchase = Some(d(1, 20));
    assert_eq!(
        reconcile(&care, &a, d(1, 1), &[]),
        insert(d(1, 20), d(1, 21))
    );
}

#[test]
fn an_existing_task_for_the_anchor_is_not_duplicated() {
    let a = Anchors {
        added: Some(d(1, 1)),
        ..Anchors::default()
    };
    let s = step(Trigger::Added, 0);
    for status in [TaskStatus::Open, TaskStatus::Done, TaskStatus::Skipped] {
        assert_eq!(
            reconcile(&s, &a, d(1, 1), &[task(5, d(1, 1), status)]),
            None
        );
    }
}

#[test]
fn an_edited_offset_moves_open_unsnoozed_tasks_only() {
    let a = Anchors {
        added: Some(d(1, 1)),
        ..Anchors::default()
    };
    let s = step(Trigger::Added, 3);
    let open = task(5, d(1, 1), TaskStatus::Open);
    assert_eq!(
        reconcile(&s, &a, d(1, 1), &[open]),
        Some(TaskChange::Retarget {
            task_id: 5,
            anchor_day: d(1, 1),
            due: d(1, 4)
        })
    );
    let snoozed = ExistingTask {
        snoozed: true,
        ..open
    };
    assert_eq!(reconcile(&s, &a, d(1, 1), &[snoozed]), None);
    let done = task(5, d(1, 1), TaskStatus::Done);
    assert_eq!(reconcile(&s, &a, d(1, 1), &[done]), None);
}

#[test]
fn a_new_purchase_moves_the_open_repurchase_reminder() {
    let a = Anchors {
        latest_purchase: Some(d(3, 10)),
        ..Anchors::default()
    };
    let reminder = step(Trigger::LatestPurchase, 21);
    let open = task(9, d(3, 1), TaskStatus::Open);
    assert_eq!(
        reconcile(&reminder, &a, d(3, 1), &[open]),
        Some(TaskChange::Retarget {
            task_id: 9,
            anchor_day: d(3, 10),
            due: d(3, 31)
        })
    );
}

#[test]
fn a_finished_moving_step_starts_again_from_a_newer_anchor() {
    let a = Anchors {
        latest_purchase: Some(d(4, 1)),
        ..Anchors::default()
    };
    let care = step(Trigger::LatestPurchase, 1);
    let done = task(3, d(3, 1), TaskStatus::Done);
    assert_eq!(
        reconcile(&care, &a, d(3, 1), &[done]),
        insert(d(4, 1), d(4, 2))
    );
    // An older anchor (the newest purchase was deleted) creates nothing.
    let newer_done = task(4, d(4, 5), TaskStatus::Done);
    assert_eq!(reconcile(&care, &a, d(3, 1), &[newer_done]), None);
}

#[test]
fn a_finished_one_off_step_is_never_repeated() {
    let a = Anchors {
        added: Some(d(5, 1)),
        custom: Some(d(6, 1)),
        ..Anchors::default()
    };
    let done = task(3, d(1, 1), TaskStatus::Done);
    assert_eq!(
        reconcile(&step(Trigger::Added, 0), &a, d(5, 1), &[done]),
        None
    );
    assert_eq!(
        reconcile(&step(Trigger::CustomDate, 0), &a, d(5, 1), &[done]),
        None
    );
}

#[test]
fn steps_long_overdue_at_enrolment_are_not_created() {
    let a = Anchors {
        added: Some(d(1, 1)),
        ..Anchors::default()
    };
    let welcome = step(Trigger::Added, 0);
    // Enrolled a week after being added: still worth a (late) welcome.
    assert_eq!(
        reconcile(&welcome, &a, d(1, 8), &[]),
        insert(d(1, 1), d(1, 1))
    );
    // Enrolled two months later: not any more; a later step still is.
    assert_eq!(reconcile(&welcome, &a, d(3, 1), &[]), None);
    assert_eq!(
        reconcile(&step(Trigger::Added, 60), &a, d(3, 1), &[]),
        insert(d(1, 1), d(3, 1))
    );
}

#[test]
fn contact_resets_the_dormancy_clock() {
    let wake = step(Trigger::LatestContact, 30);
    let mut a = Anchors {
        added: Some(d(1, 1)),
        latest_contact: Some(d(2, 1)),
        ..Anchors::default()
    };
    assert_eq!(reconcile(&wake, &a, d(2, 1), &[]), insert(d(2, 1), d(3, 2)));
    // Talked again on 2-20: the open wake-up task moves to 30 days after that.
    a.latest_contact = Some(d(2, 20));
    let open = task(7, d(2, 1), TaskStatus::Open);
    assert_eq!(
        reconcile(&wake, &a, d(2, 1), &[open]),
        Some(TaskChange::Retarget {
            task_id: 7,
            anchor_day: d(2, 20),
            due: d(3, 21)
        })
    );
}

#[test]
fn buckets_split_overdue_today_and_the_next_week() {
    let today = d(5, 10);
    assert_eq!(Bucket::of(d(5, 9), today), Some(Bucket::Overdue));
    assert_eq!(Bucket::of(d(5, 10), today), Some(Bucket::Today));
    assert_eq!(Bucket::of(d(5, 11), today), Some(Bucket::Upcoming));
    assert_eq!(Bucket::of(d(5, 17), today), Some(Bucket::Upcoming));
    assert_eq!(Bucket::of(d(5, 18), today), None);
}

#[test]
fn snooze_never_lands_today_or_in_the_past() {
    let today = d(5, 10);
    assert_eq!(snooze_day(d(5, 15), today), d(5, 15));
    assert_eq!(snooze_day(d(5, 10), today), d(5, 11));
    assert_eq!(snooze_day(d(4, 1), today), d(5, 11));
    // A snoozed task is bucketed by its new day.
    assert_eq!(
        Bucket::of(snooze_day(d(5, 12), today), today),
        Some(Bucket::Upcoming)
    );
}

#[test]
fn scripts_fill_name_and_items() {
    let s = "{称呼}您好，{商品}喝着怎么样？";
    assert_eq!(
        fill_script(s, "王姐", "白茶饼 ×2", "茶"),
        "王姐您好，白茶饼喝着怎么样？"
    );
    assert_eq!(
        fill_script(s, "王姐", "铁观音 ×3；茶杯 ×1", "茶"),
        "王姐您好，铁观音和茶杯喝着怎么样？"
    );
    assert_eq!(
        spoken_items("白牡丹 100g、茶杯x2、茶盘*1"),
        "白牡丹 100g、茶杯等"
    );
    assert_eq!(spoken_items("白茶饼 2饼"), "白茶饼");
    assert_eq!(spoken_items("正山小种"), "正山小种");
    assert_eq!(spoken_items("iPhone 15"), "iPhone 15");
    assert_eq!(
        fill_script(s, "王姐", "  ", "我们的茶"),
        "王姐您好，我们的茶喝着怎么样？"
    );
    assert_eq!(fill_script("无占位符", "王姐", "x", "y"), "无占位符");
}

#[test]
fn salutation_drops_remark_annotations() {
    assert_eq!(salutation("王总-上海-VIP"), "王总");
    assert_eq!(salutation("李姐（老客）"), "李姐");
    assert_eq!(salutation("小鹿🦌"), "小鹿🦌");
    assert_eq!(salutation("-上海"), "-上海");
}
