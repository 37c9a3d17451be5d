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

    /// Re-reads one group's days after a write to one of them (a day typed or deleted by hand)
    /// and recomputes only its overview line: ≈365 rows instead of every group's. `false` when
    /// the write moved the day the figures are "as of" (or the group is not listed), so
    /// everything must be re-read.
    pub fn refresh_group(
        &mut self,
        store: &Store,
        group_id: i64,
        sort: (SortKey, bool),
    ) -> store::Result<bool> {
        let conn = store.conn();
        let Some(group) = self.groups.iter().find(|g| g.id == group_id) else {
            return Ok(false);
        };
        if health::latest_day(conn)? != Some(self.last) {
            return Ok(false);
        }
        let from = self.last - Duration::days(OVERVIEW_DAYS);
        let days = health::days(conn, group_id, from, self.last)?;
        let since = group
            .since
            .or(days.first().map(|d| d.day))
            .unwrap_or(self.last);
        let age = (self.last - since).num_days().max(0);
        let line = group_health(
            group.id,
            &group.name,
            &days,
            self.last,
            age,
            &self.thresholds,
        );
        match self.rows.iter_mut().find(|r| r.group_id == group_id) {
            Some(row) => *row = line,
            None => self.rows.push(line),
        }
        sort_overview(&mut self.rows, sort.0, sort.1);
        self.has_stats = self.has_stats || !days.is_empty();
        if days.is_empty() {
            self.series.remove(&group_id);
        } else {
            self.series.insert(group_id, days);
        }
        Ok(true)
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use crate::store::groups;
    use crate::store::health::Source;

    fn put(store: &mut Store, group_id: i64, day: &str, members: i64) {
        let day = crate::domain::time::parse_day(day).unwrap();
        let stats = DayStats {
            members: Some(members),
            ..DayStats::empty(day)
        };
        store
            .write(|tx| health::put(tx, group_id, &stats, Source::Manual, None))
            .unwrap();
    }

    #[test]
    fn one_group_is_re_read_unless_the_last_day_moves() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = store
            .write(|tx| {
                Ok((
                    groups::create(tx, "甲", "", None)?,
                    groups::create(tx, "乙", "", None)?,
                ))
            })
            .unwrap();
        put(&mut store, a, "2024-03-01", 100);
        put(&mut store, b, "2024-03-02", 200);
        let today = crate::domain::time::parse_day("2024-03-05").unwrap();
        let sort = (SortKey::Members, false);
        let mut data = HealthData::load(&store, today, sort).unwrap();
        let members = |data: &HealthData, id: i64| {
            data.rows.iter().find(|r| r.group_id == id).unwrap().members
        };
        put(&mut store, a, "2024-03-02", 120);
        assert!(data.refresh_group(&store, a, sort).unwrap());
        assert_eq!(
            members(&data, a),
            members(&HealthData::load(&store, today, sort).unwrap(), a)
        );
        assert_eq!(members(&data, a), Some(120));
        assert_eq!(data.series[&a].len(), 2, "only 甲's days were re-read");
        put(&mut store, b, "2024-03-03", 210);
        assert!(
            !data.refresh_group(&store, b, sort).unwrap(),
            "a new last day re-reads everything"
        );
    }
}
