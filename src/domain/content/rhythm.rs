//! Rhythm templates → dated items. `expand` turns weekly slots into the items a date range should
//! have; `reconcile` compares them with what is stored so that generating twice adds nothing and
//! never touches an item the user edited, moved or marked. `RhythmLine` is the grid editor's row:
//! one time + column + label, ticked on some weekdays, for some groups.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use super::{Column, Item, RhythmSlot, days_between};

/// Monday to Sunday, the grid's columns.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// An item a rhythm slot asks for on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    pub slot_id: i64,
    pub slot_day: NaiveDate,
    pub time: NaiveTime,
    pub group_id: i64,
    pub column_id: i64,
    pub title: String,
    pub body: String,
}

/// What generating a range will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generation {
    /// Items no stored item stands for yet.
    pub insert: Vec<PlannedItem>,
    /// Untouched stored items whose template changed: (stored id, new content).
    pub update: Vec<(i64, PlannedItem)>,
    /// Stored items already as planned.
    pub unchanged: usize,
    /// Stored items the user edited, moved or marked: left exactly as they are.
    pub protected: usize,
}

/// The items `slots` ask for from `from` to `to` inclusive, by day, time, group and column.
/// Slots of a missing or archived column ask for nothing.
pub fn expand(
    slots: &[RhythmSlot],
    columns: &[Column],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<PlannedItem> {
    let by_id: HashMap<i64, &Column> = columns
        .iter()
        .filter(|c| !c.archived)
        .map(|c| (c.id, c))
        .collect();
    let mut planned = Vec::new();
    for day in days_between(from, to) {
        for slot in slots.iter().filter(|s| s.weekday == day.weekday()) {
            let Some(column) = by_id.get(&slot.column_id) else {
                continue;
            };
            let title = if slot.label.trim().is_empty() {
                column.name.clone()
            } else {
                slot.label.trim().to_string()
            };
            planned.push(PlannedItem {
                slot_id: slot.id,
                slot_day: day,
                time: slot.time,
                group_id: slot.group_id,
                column_id: slot.column_id,
                title,
                body: column.template.clone(),
            });
        }
    }
    planned.sort_by_key(|p| (p.slot_day, p.time, p.group_id, p.column_id, p.slot_id));
    planned
}

/// Compares `planned` with the stored items that rhythm slots generated (`existing`, matched on
/// slot and slot day, wherever they were moved to). Protected items are never updated.
pub fn reconcile(planned: Vec<PlannedItem>, existing: &[Item]) -> Generation {
    let stored: HashMap<(i64, NaiveDate), &Item> = existing
        .iter()
        .filter_map(|item| Some(((item.slot_id?, item.slot_day?), item)))
        .collect();
    let mut generation = Generation::default();
    for plan in planned {
        match stored.get(&(plan.slot_id, plan.slot_day)) {
            None => generation.insert.push(plan),
            Some(item) if item.is_protected() => generation.protected += 1,
            Some(item) if matches_plan(item, &plan) => generation.unchanged += 1,
            Some(item) => generation.update.push((item.id, plan)),
        }
    }
    generation
}

fn matches_plan(item: &Item, plan: &PlannedItem) -> bool {
    item.day == plan.slot_day
        && item.time == plan.time
        && item.group_id == Some(plan.group_id)
        && item.column_id == Some(plan.column_id)
        && item.title == plan.title
        && item.body == plan.body
}

/// One row of the rhythm grid: at `time`, column `column_id` (shown as `label`) goes out on the
/// ticked weekdays to every group in `group_ids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RhythmLine {
    pub time: NaiveTime,
    pub column_id: i64,
    pub label: String,
    /// Monday first.
    pub weekdays: [bool; 7],
    pub group_ids: BTreeSet<i64>,
}

impl RhythmLine {
    /// A line on no weekday for no group yet.
    pub fn new(time: NaiveTime, column_id: i64, label: &str) -> Self {
        Self {
            time,
            column_id,
            label: label.trim().to_string(),
            weekdays: [false; 7],
            group_ids: BTreeSet::new(),
        }
    }

    /// Every day of the week (daily SOP slots such as 早打卡).
    pub fn daily(mut self) -> Self {
        self.weekdays = [true; 7];
        self
    }

    /// Ticks one weekday.
    pub fn on(mut self, weekday: Weekday) -> Self {
        self.weekdays[weekday.num_days_from_monday() as usize] = true;
        self
    }

    /// Serves these groups.
    pub fn for_groups(mut self, groups: impl IntoIterator<Item = i64>) -> Self {
        self.group_ids.extend(groups);
        self
    }

    /// Whether the line is ticked on `weekday`.
    pub fn is_on(&self, weekday: Weekday) -> bool {
        self.weekdays[weekday.num_days_from_monday() as usize]
    }

    /// The (weekday, group) pairs this line stands for: the slots it needs stored.
    pub fn slot_keys(&self) -> Vec<(Weekday, i64)> {
        WEEKDAYS
            .into_iter()
            .filter(|w| self.is_on(*w))
            .flat_map(|w| self.group_ids.iter().map(move |g| (w, *g)))
            .collect()
    }

    /// Whether `slot` belongs to this line (same time, column and label).
    pub fn owns(&self, slot: &RhythmSlot) -> bool {
        slot.time == self.time
            && slot.column_id == self.column_id
            && slot.label.trim() == self.label
    }
}

/// Groups stored slots into grid rows by (time, column, label), in time order. A row's weekdays
/// and groups are the union of its slots'.
pub fn lines_from_slots(slots: &[RhythmSlot]) -> Vec<RhythmLine> {
    let mut lines: Vec<RhythmLine> = Vec::new();
    for slot in slots {
        let index = match lines.iter().position(|l| l.owns(slot)) {
            Some(i) => i,
            None => {
                lines.push(RhythmLine::new(slot.time, slot.column_id, &slot.label));
                lines.len() - 1
            }
        };
        let line = &mut lines[index];
        line.weekdays[slot.weekday.num_days_from_monday() as usize] = true;
        line.group_ids.insert(slot.group_id);
    }
    lines.sort_by(|a, b| (a.time, a.column_id, &a.label).cmp(&(b.time, b.column_id, &b.label)));
    lines
}

#[cfg(test)]
#[path = "rhythm_tests.rs"]
mod tests;
