//! What the health screen reads, cached until a write invalidates it: every group's last year of
//! daily stats (one indexed pass over `group_daily_stats`), the overview lines computed from them
//! by domain, and the alert thresholds.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::domain::health::{
    DayStats, GroupHealth, SortKey, Thresholds, group_health, sort_overview,
};
use crate::store::health::{self, HealthGroup};
use crate::store::{self, Store};

/// How many days the overview covers (its sparklines).
pub const OVERVIEW_DAYS: i64 = 365;

/// The overview's data.
pub struct HealthData {
    pub groups: Vec<HealthGroup>,
    /// The day the figures are "as of": the latest stored day, else today.
    pub last: NaiveDate,
    pub series: HashMap<i64, Vec<DayStats>>,
    /// Overview lines in the current sort order.
    pub rows: Vec<GroupHealth>,
    pub thresholds: Thresholds,
    /// Whether any group has any stats.
    pub has_stats: bool,
}

impl HealthData {
    /// Reads everything the overview needs.
    pub fn load(store: &Store, today: NaiveDate, sort: (SortKey, bool)) -> store::Result<Self> {
        let conn = store.conn();
        let groups = health::groups(conn)?;
        let last = health::latest_day(conn)?.unwrap_or(today);
        let from = last - Duration::days(OVERVIEW_DAYS);
        let series = health::all_days(conn, from, last)?;
        let thresholds = health::thresholds(conn)?;
        let empty = Vec::new();
        let mut rows: Vec<GroupHealth> = groups
            .iter()
            .map(|g| {
                let days = series.get(&g.id).unwrap_or(&empty);
                let since = g.since.or(days.first().map(|d| d.day)).unwrap_or(last);
                let age = (last - since).num_days().max(0);
                group_health(g.id, &g.name, days, last, age, &thresholds)
            })
            .collect();
        sort_overview(&mut rows, sort.0, sort.1);
        Ok(Self {
            has_stats: !series.is_empty(),
            groups,
            last,
            series,
            rows,
            thresholds,
        })
    }

    /// A group's name.
    pub fn name(&self, id: i64) -> &str {
        self.groups
            .iter()
            .find(|g| g.id == id)
            .map_or("", |g| g.name.as_str())
    }
}

/// A range of days for the charts: the last N days up to the data's last day, or custom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeChoice {
    Last(i64),
    Custom,
}

/// Days of one group over a range, with enough before it for start members and week-over-week.
pub struct GroupSeries {
    pub key: (i64, NaiveDate, NaiveDate),
    /// Day-ordered, from 14 days before `from` to `to`.
    pub days: Vec<DayStats>,
}

impl GroupSeries {
    /// Reads a group's days for `from..=to`.
    pub fn load(
        store: &Store,
        group_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> store::Result<Self> {
        let days = health::days(store.conn(), group_id, from - Duration::days(14), to)?;
        Ok(Self {
            key: (group_id, from, to),
            days,
        })
    }

    /// The days inside the range (the earlier ones only serve as context).
    pub fn in_range(&self) -> &[DayStats] {
        let from = self.key.1;
        let start = self.days.partition_point(|d| d.day < from);
        &self.days[start..]
    }
}
