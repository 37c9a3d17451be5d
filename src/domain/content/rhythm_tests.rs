//! Rhythm expansion and re-generation: weekdays, SOP time slots, several groups, month ends, and
//! items the user touched.

use super::*;
use crate::domain::content::{ItemStatus, parse_time};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(text: &str) -> NaiveTime {
    parse_time(text).unwrap()
}

fn column(id: i64, name: &str, template: &str) -> Column {
    Column {
        id,
        name: name.into(),
        color: "#4c8bf5".into(),
        template: template.into(),
        ..Column::default()
    }
}

fn columns() -> Vec<Column> {
    vec![
        column(1, "每日好物", "今日好物：{商品}"),
        column(2, "干货分享", "泡茶小知识"),
        column(3, "会员日", "会员日福利"),
    ]
}

/// Assigns ids to the slots `line` stands for, starting at `first_id`.
fn slots_of(line: &RhythmLine, first_id: i64) -> Vec<RhythmSlot> {
    line.slot_keys()
        .into_iter()
        .enumerate()
        .map(|(i, (weekday, group_id))| RhythmSlot {
            id: first_id + i as i64,
            weekday,
            time: line.time,
            column_id: line.column_id,
            group_id,
            label: line.label.clone(),
        })
        .collect()
}

/// Daily SOP (早打卡 07:30, 午分享 12:00, 晚答疑 20:00) for groups 10 and 11, and a Wednesday
/// 会员日 at 19:00 for group 11 only.
fn sop_slots() -> Vec<RhythmSlot> {
    let mut slots = Vec::new();
    let lines = [
        RhythmLine::new(t("07:30"), 1, "早打卡")
            .daily()
            .for_groups([10, 11]),
        RhythmLine::new(t("12:00"), 2, "午分享")
            .daily()
            .for_groups([10, 11]),
        RhythmLine::new(t("20:00"), 1, "晚答疑")
            .daily()
            .for_groups([10, 11]),
        RhythmLine::new(t("19:00"), 3, "")
            .on(Weekday::Wed)
            .for_groups([11]),
    ];
    for (i, line) in lines.iter().enumerate() {
        slots.extend(slots_of(line, 100 * (i as i64 + 1)));
    }
    slots
}

/// What the store would hold after inserting `planned`.
fn stored(planned: &[PlannedItem]) -> Vec<Item> {
    planned
        .iter()
        .enumerate()
        .map(|(i, p)| Item {
            id: i as i64 + 1,
            group_id: Some(p.group_id),
            column_id: Some(p.column_id),
            slot_id: Some(p.slot_id),
            slot_day: Some(p.slot_day),
            title: p.title.clone(),
            body: p.body.clone(),
            user_edited: false,
            ..Item::blank(p.slot_day, p.time)
        })
        .collect()
}

#[test]
fn a_week_of_sop_slots_for_two_groups() {
    // Monday 2024-03-04 to Sunday 2024-03-10.
    let planned = expand(&sop_slots(), &columns(), d(2024, 3, 4), d(2024, 3, 10));
    assert_eq!(planned.len(), 3 * 2 * 7 + 1);
    let monday: Vec<_> = planned
        .iter()
        .filter(|p| p.slot_day == d(2024, 3, 4))
        .collect();
    let order: Vec<(String, i64)> = monday
        .iter()
        .map(|p| {
            (
                format!("{} {}", p.time.format("%H:%M"), p.title),
                p.group_id,
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![
            ("07:30 早打卡".to_string(), 10),
            ("07:30 早打卡".to_string(), 11),
            ("12:00 午分享".to_string(), 10),
            ("12:00 午分享".to_string(), 11),
            ("20:00 晚答疑".to_string(), 10),
            ("20:00 晚答疑".to_string(), 11),
        ]
    );
    assert_eq!(
        monday[0].body, "今日好物：{商品}",
        "body from the column template"
    );
}

#[test]
fn a_weekly_slot_only_lands_on_its_weekday_and_groups() {
    let planned = expand(&sop_slots(), &columns(), d(2024, 3, 4), d(2024, 3, 17));
    let members_day: Vec<_> = planned.iter().filter(|p| p.column_id == 3).collect();
    assert_eq!(members_day.len(), 2, "two Wednesdays");
    for p in &members_day {
        assert_eq!(p.slot_day.weekday(), Weekday::Wed);
        assert_eq!(p.group_id, 11);
        assert_eq!(
            p.title, "会员日",
            "an empty label falls back to the column name"
        );
        assert_eq!(p.time, t("19:00"));
    }
}

#[test]
fn ranges_cross_month_and_year_ends() {
    let line = RhythmLine::new(t("21:00"), 2, "")
        .on(Weekday::Sat)
        .for_groups([10]);
    let slots = slots_of(&line, 1);
    let planned = expand(&slots, &columns(), d(2024, 2, 26), d(2024, 3, 10));
    let days: Vec<NaiveDate> = planned.iter().map(|p| p.slot_day).collect();
    assert_eq!(days, vec![d(2024, 3, 2), d(2024, 3, 9)]);
    let daily = slots_of(
        &RhythmLine::new(t("07:30"), 1, "早打卡")
            .daily()
            .for_groups([10]),
        1,
    );
    let planned = expand(&daily, &columns(), d(2024, 12, 30), d(2025, 1, 2));
    let days: Vec<NaiveDate> = planned.iter().map(|p| p.slot_day).collect();
    assert_eq!(
        days,
        vec![
            d(2024, 12, 30),
            d(2024, 12, 31),
            d(2025, 1, 1),
            d(2025, 1, 2)
        ]
    );
    assert!(expand(&daily, &columns(), d(2024, 3, 5), d(2024, 3, 4)).is_empty());
}

#[test]
fn archived_or_missing_columns_plan_nothing() {
    let mut cols = columns();
    cols[0].archived = true;
    let planned = expand(&sop_slots(), &cols, d(2024, 3, 4), d(2024, 3, 4));
    assert!(planned.iter().all(|p| p.column_id == 2), "{planned:?}");
    assert!(expand(&sop_slots(), &[], d(2024, 3, 4), d(2024, 3, 4)).is_empty());
}

#[test]
fn generating_twice_adds_nothing() {
    let first = reconcile(
        expand(&sop_slots(), &columns(), d(2024, 3, 4), d(2024, 3, 10)),
        &[],
    );
    assert_eq!(first.insert.len(), 43);
    let store = stored(&first.insert);
    let again = reconcile(
        expand(&sop_slots(), &columns(), d(2024, 3, 4), d(2024, 3, 10)),
        &store,
    );
    assert!(again.insert.is_empty());
    assert!(again.update.is_empty());
    assert_eq!(again.unchanged, 43);
}

#[test]
fn extending_the_range_only_adds_the_new_days() {
    let first = reconcile(
        expand(&sop_slots(), &columns(), d(2024, 3, 4), d(2024, 3, 6)),
        &[],
    );
    let store = stored(&first.insert);
    let wider = reconcile(
        expand(&sop_slots(), &columns(), d(2024, 3, 4), d(2024, 3, 8)),
        &store,
    );
    assert_eq!(wider.unchanged, first.insert.len());
    assert!(wider.insert.iter().all(|p| p.slot_day > d(2024, 3, 6)));
    assert_eq!(wider.insert.len(), 2 * 6);
}

#[test]
fn edited_moved_and_marked_items_are_never_overwritten() {
    let mut cols = columns();
    let first = reconcile(
        expand(&sop_slots(), &cols, d(2024, 3, 4), d(2024, 3, 4)),
        &[],
    );
    let mut store = stored(&first.insert);
    // Edited: new title. Moved: to Tuesday. Marked: sent. Skipped. Two left untouched.
    store[0].title = "今天的好物是白茶饼".into();
    store[0].user_edited = true;
    store[1].day = d(2024, 3, 5);
    store[1].user_edited = true;
    store[2].status = ItemStatus::Sent;
    store[3].status = ItemStatus::Skipped;
    // The template changes afterwards.
    cols[0].template = "新模板".into();
    cols[1].template = "新的干货".into();
    let again = reconcile(
        expand(&sop_slots(), &cols, d(2024, 3, 4), d(2024, 3, 4)),
        &store,
    );
    assert!(
        again.insert.is_empty(),
        "a moved item still stands for its slot day"
    );
    assert_eq!(again.protected, 4);
    let updated: Vec<i64> = again.update.iter().map(|(id, _)| *id).collect();
    assert_eq!(updated, vec![store[4].id, store[5].id]);
    assert!(again.update.iter().all(|(_, p)| p.body.starts_with("新")));
}

#[test]
fn a_changed_slot_time_moves_untouched_items_only() {
    let line = RhythmLine::new(t("07:30"), 1, "早打卡")
        .daily()
        .for_groups([10]);
    let slots = slots_of(&line, 1);
    let first = reconcile(
        expand(&slots, &columns(), d(2024, 3, 4), d(2024, 3, 5)),
        &[],
    );
    let mut store = stored(&first.insert);
    store[1].status = ItemStatus::Ready;
    let later: Vec<RhythmSlot> = slots
        .iter()
        .map(|s| RhythmSlot {
            time: t("08:00"),
            ..s.clone()
        })
        .collect();
    let again = reconcile(
        expand(&later, &columns(), d(2024, 3, 4), d(2024, 3, 5)),
        &store,
    );
    assert_eq!(again.update.len(), 1);
    assert_eq!(again.update[0].0, store[0].id);
    assert_eq!(again.update[0].1.time, t("08:00"));
    assert_eq!(again.protected, 1);
}

#[test]
fn lines_group_slots_back_into_grid_rows() {
    let slots = sop_slots();
    let lines = lines_from_slots(&slots);
    let summary: Vec<(String, String, usize, usize)> = lines
        .iter()
        .map(|l| {
            (
                l.time.format("%H:%M").to_string(),
                l.label.clone(),
                l.weekdays.iter().filter(|w| **w).count(),
                l.group_ids.len(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("07:30".into(), "早打卡".into(), 7, 2),
            ("12:00".into(), "午分享".into(), 7, 2),
            ("19:00".into(), "".into(), 1, 1),
            ("20:00".into(), "晚答疑".into(), 7, 2),
        ]
    );
    assert!(lines[2].is_on(Weekday::Wed));
    assert!(!lines[2].is_on(Weekday::Thu));
    // A line's keys rebuild exactly its slots.
    let rebuilt: usize = lines.iter().map(|l| l.slot_keys().len()).sum();
    assert_eq!(rebuilt, slots.len());
    assert!(lines[0].owns(&slots[0]));
    assert!(!lines[1].owns(&slots[0]));
}

#[test]
fn a_line_with_no_weekday_or_group_stands_for_no_slot() {
    assert!(
        RhythmLine::new(t("09:00"), 1, "")
            .for_groups([1, 2])
            .slot_keys()
            .is_empty()
    );
    assert!(
        RhythmLine::new(t("09:00"), 1, "")
            .daily()
            .slot_keys()
            .is_empty()
    );
    let keys = RhythmLine::new(t("09:00"), 1, "")
        .on(Weekday::Mon)
        .on(Weekday::Fri)
        .for_groups([3, 2])
        .slot_keys();
    assert_eq!(
        keys,
        vec![
            (Weekday::Mon, 2),
            (Weekday::Mon, 3),
            (Weekday::Fri, 2),
            (Weekday::Fri, 3)
        ]
    );
}
