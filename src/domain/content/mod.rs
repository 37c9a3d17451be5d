//! The content calendar's plain types: columns (栏目), rhythm slots, dated content items and their
//! status, and the calendar arithmetic (weeks start on Monday, month grids, "HH:MM" times).
//! Expansion of rhythms into items lives in `rhythm`, coverage and day summaries in `coverage`.

pub mod coverage;
pub mod rhythm;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::time::Stamp;

/// A content column (栏目): a recurring kind of post with its own colour and text template.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Column {
    /// 0 for a column not yet stored.
    pub id: i64,
    pub name: String,
    pub description: String,
    /// `#rrggbb`
    pub color: String,
    pub default_time: Option<NaiveTime>,
    /// The text a new item of this column starts with.
    pub template: String,
    /// Every group should get at least one item of this column each week (干货分享).
    pub weekly_required: bool,
    pub archived: bool,
    pub sort: i64,
    /// The groups this column serves.
    pub group_ids: Vec<i64>,
}

/// Where an item is in the plan → copy → send → mark workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ItemStatus {
    /// 计划
    #[default]
    Planned,
    /// 就绪: the text is written and checked.
    Ready,
    /// 已发
    Sent,
    /// 跳过
    Skipped,
}

impl ItemStatus {
    /// Every status, in workflow order.
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Planned,
        ItemStatus::Ready,
        ItemStatus::Sent,
        ItemStatus::Skipped,
    ];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            ItemStatus::Planned => "planned",
            ItemStatus::Ready => "ready",
            ItemStatus::Sent => "sent",
            ItemStatus::Skipped => "skipped",
        }
    }

    /// The status stored under `key`.
    pub fn from_key(key: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether the item still waits to be sent.
    pub fn is_open(self) -> bool {
        matches!(self, ItemStatus::Planned | ItemStatus::Ready)
    }
}

/// One weekly rhythm slot: on `weekday` at `time`, column `column_id` goes to group `group_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RhythmSlot {
    pub id: i64,
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub column_id: i64,
    pub group_id: i64,
    /// e.g. 早打卡 or 周三会员日; empty means "the column's name".
    pub label: String,
}

/// A dated content item: what one group gets at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 0 for an item not yet stored.
    pub id: i64,
    pub day: NaiveDate,
    pub time: NaiveTime,
    pub group_id: Option<i64>,
    pub column_id: Option<i64>,
    /// The rhythm slot that generated it, and the day it was generated for.
    pub slot_id: Option<i64>,
    pub slot_day: Option<NaiveDate>,
    pub title: String,
    /// The text to send.
    pub body: String,
    pub status: ItemStatus,
    pub notes: String,
    /// When it was marked sent.
    pub posted_at: Option<Stamp>,
    /// Set once the user edits, moves or marks it: generation then leaves it alone.
    pub user_edited: bool,
}

impl Item {
    /// A blank planned item on `day` at `time`.
    pub fn blank(day: NaiveDate, time: NaiveTime) -> Self {
        Self {
            id: 0,
            day,
            time,
            group_id: None,
            column_id: None,
            slot_id: None,
            slot_day: None,
            title: String::new(),
            body: String::new(),
            status: ItemStatus::Planned,
            notes: String::new(),
            posted_at: None,
            user_edited: true,
        }
    }

    /// Whether generation must not change or replace this item.
    pub fn is_protected(&self) -> bool {
        self.user_edited || self.status != ItemStatus::Planned
    }

    /// When it is due, as a local date-time.
    pub fn due(&self) -> NaiveDateTime {
        self.day.and_time(self.time)
    }

    /// Still to be sent although its time has passed.
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        self.status.is_open() && self.due() < now
    }
}

/// A reusable text in the content library, filed under a column (or none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// 0 for a snippet not yet stored.
    pub id: i64,
    pub column_id: Option<i64>,
    pub title: String,
    pub body: String,
}

/// An item with its group's and column's names resolved: what the CLI prints and exports write.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanRow {
    #[serde(rename = "date")]
    pub day: NaiveDate,
    #[serde(serialize_with = "serialize_time")]
    pub time: NaiveTime,
    pub group: String,
    pub column: String,
    pub title: String,
    pub body: String,
    #[serde(serialize_with = "serialize_status")]
    pub status: ItemStatus,
    pub notes: String,
}

fn serialize_time<S: serde::Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_time(*time))
}

fn serialize_status<S: serde::Serializer>(status: &ItemStatus, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.key())
}

/// Parses `HH:MM` (also `H:MM` and full-width colons, as people type them).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().replace('：', ":");
    NaiveTime::parse_from_str(&text, "%H:%M").ok()
}

/// `07:30`
pub fn format_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The seven days of the week starting `monday`.
pub fn week_days(monday: NaiveDate) -> [NaiveDate; 7] {
    std::array::from_fn(|i| monday + Duration::days(i as i64))
}

/// Every day from `from` to `to` inclusive (empty when `to` is before `from`).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// The first and last day of `day`'s month.
pub fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (first, next - Duration::days(1))
}

/// The whole weeks (Monday to Sunday) that cover `day`'s month: 4 to 6 rows of 7 days.
pub fn month_grid(day: NaiveDate) -> Vec<[NaiveDate; 7]> {
    let (first, last) = month_bounds(day);
    let mut weeks = Vec::new();
    let mut monday = week_start(first);
    while monday <= last {
        weeks.push(week_days(monday));
        monday += Duration::days(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn statuses_round_trip_through_their_keys() {
        for s in ItemStatus::ALL {
            assert_eq!(ItemStatus::from_key(s.key()), Some(s));
        }
        assert_eq!(ItemStatus::from_key("done"), None);
        assert!(ItemStatus::Ready.is_open());
        assert!(!ItemStatus::Skipped.is_open());
    }

    #[test]
    fn times_parse_as_people_type_them() {
        assert_eq!(parse_time("07:30"), NaiveTime::from_hms_opt(7, 30, 0));
        assert_eq!(parse_time("7:30"), NaiveTime::from_hms_opt(7, 30, 0));
        assert_eq!(parse_time(" 20：00 "), NaiveTime::from_hms_opt(20, 0, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("noon"), None);
        assert_eq!(format_time(parse_time("7:05").unwrap()), "07:05");
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2024-03-03 is a Sunday; its week began on Monday 2024-02-26 (across the month end).
        assert_eq!(week_start(d(2024, 3, 3)), d(2024, 2, 26));
        assert_eq!(week_start(d(2024, 3, 4)), d(2024, 3, 4));
        let days = week_days(d(2024, 2, 26));
        assert_eq!(days[3], d(2024, 2, 29), "leap day");
        assert_eq!(days[6], d(2024, 3, 3));
    }

    #[test]
    fn month_grid_covers_the_month_in_whole_weeks() {
        let grid = month_grid(d(2024, 2, 15));
        assert_eq!(grid.len(), 5);
        assert_eq!(grid[0][0], d(2024, 1, 29));
        assert_eq!(grid[4][6], d(2024, 3, 3));
        assert_eq!(
            month_bounds(d(2023, 12, 31)),
            (d(2023, 12, 1), d(2023, 12, 31))
        );
        assert_eq!(month_bounds(d(2024, 2, 1)).1, d(2024, 2, 29));
        assert_eq!(days_between(d(2024, 1, 30), d(2024, 2, 2)).count(), 4);
        assert_eq!(days_between(d(2024, 2, 2), d(2024, 1, 30)).count(), 0);
    }

    #[test]
    fn overdue_means_open_and_past_its_time() {
        let mut item = Item::blank(d(2024, 3, 5), parse_time("12:00").unwrap());
        let before = d(2024, 3, 5).and_time(parse_time("11:59").unwrap());
        let after = d(2024, 3, 5).and_time(parse_time("12:01").unwrap());
        assert!(!item.is_overdue(before));
        assert!(item.is_overdue(after));
        item.status = ItemStatus::Sent;
        assert!(!item.is_overdue(after));
    }

    #[test]
    fn generated_items_are_protected_once_touched() {
        let mut item = Item::blank(d(2024, 3, 5), parse_time("12:00").unwrap());
        item.user_edited = false;
        assert!(!item.is_protected());
        item.status = ItemStatus::Ready;
        assert!(item.is_protected());
        item.status = ItemStatus::Planned;
        item.user_edited = true;
        assert!(item.is_protected());
    }
}
