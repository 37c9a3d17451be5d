//! Coverage: per group and week, how many items of each column were planned and sent, and which
//! groups need attention (no item of a weekly-required column such as 干货分享, or an unsent item
//! whose time has passed). Also the month overview's per-day counts and gaps.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};

use super::{Column, Item, ItemStatus};

/// Planned and sent items of one column for one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnTally {
    pub column_id: i64,
    /// Items not skipped (planned, ready or sent).
    pub planned: usize,
    pub sent: usize,
}

/// One group's week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCoverage {
    pub group_id: i64,
    /// One tally per column, in the columns' order.
    pub tallies: Vec<ColumnTally>,
    /// Weekly-required columns the group has no (unskipped) item of.
    pub missing_required: Vec<i64>,
    /// Items still planned or ready whose time has passed.
    pub overdue: usize,
}

impl GroupCoverage {
    /// Whether the group needs attention.
    pub fn is_flagged(&self) -> bool {
        !self.missing_required.is_empty() || self.overdue > 0
    }

    /// Items planned and sent across all columns.
    pub fn totals(&self) -> (usize, usize) {
        self.tallies
            .iter()
            .fold((0, 0), |(p, s), t| (p + t.planned, s + t.sent))
    }
}

/// Coverage of `groups` by `items` (the week's items), for the active `columns`, at `now`.
pub fn coverage(
    groups: &[i64],
    columns: &[Column],
    items: &[Item],
    now: NaiveDateTime,
) -> Vec<GroupCoverage> {
    let columns: Vec<&Column> = columns.iter().filter(|c| !c.archived).collect();
    groups
        .iter()
        .map(|&group_id| {
            let mine: Vec<&Item> = items
                .iter()
                .filter(|i| i.group_id == Some(group_id))
                .collect();
            let tallies: Vec<ColumnTally> = columns
                .iter()
                .map(|c| {
                    let of_column = mine.iter().filter(|i| i.column_id == Some(c.id));
                    let (mut planned, mut sent) = (0, 0);
                    for item in of_column {
                        if item.status != ItemStatus::Skipped {
                            planned += 1;
                        }
                        if item.status == ItemStatus::Sent {
                            sent += 1;
                        }
                    }
                    ColumnTally {
                        column_id: c.id,
                        planned,
                        sent,
                    }
                })
                .collect();
            let missing_required = columns
                .iter()
                .zip(&tallies)
                .filter(|(c, t)| c.weekly_required && t.planned == 0)
                .map(|(c, _)| c.id)
                .collect();
            GroupCoverage {
                group_id,
                tallies,
                missing_required,
                overdue: mine.iter().filter(|i| i.is_overdue(now)).count(),
            }
        })
        .collect()
}

/// One day of the month overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySummary {
    pub day: NaiveDate,
    /// Items not skipped.
    pub planned: usize,
    pub sent: usize,
    pub overdue: usize,
    /// Groups (of those asked about) with nothing planned that day: the gaps.
    pub groups_without: usize,
}

/// Per-day counts and gaps for `days`, over `items`, for `groups`.
pub fn day_summaries(
    days: &[NaiveDate],
    groups: &[i64],
    items: &[Item],
    now: NaiveDateTime,
) -> Vec<DaySummary> {
    days.iter()
        .map(|&day| {
            let of_day: Vec<&Item> = items
                .iter()
                .filter(|i| i.day == day && i.status != ItemStatus::Skipped)
                .collect();
            let served: HashSet<i64> = of_day.iter().filter_map(|i| i.group_id).collect();
            DaySummary {
                day,
                planned: of_day.len(),
                sent: of_day
                    .iter()
                    .filter(|i| i.status == ItemStatus::Sent)
                    .count(),
                overdue: of_day.iter().filter(|i| i.is_overdue(now)).count(),
                groups_without: groups.iter().filter(|g| !served.contains(g)).count(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::parse_time;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, day).unwrap()
    }

    fn item(day: u32, time: &str, group: i64, column: i64, status: ItemStatus) -> Item {
        Item {
            group_id: Some(group),
            column_id: Some(column),
            status,
            ..Item::blank(d(day), parse_time(time).unwrap())
        }
    }

    fn columns() -> Vec<Column> {
        let col = |id, name: &str, required| Column {
            id,
            name: name.into(),
            weekly_required: required,
            ..Column::default()
        };
        vec![col(1, "每日好物", false), col(2, "干货分享", true)]
    }

    fn at(day: u32, time: &str) -> NaiveDateTime {
        d(day).and_time(parse_time(time).unwrap())
    }

    #[test]
    fn tallies_count_planned_and_sent_per_column() {
        let items = vec![
            item(4, "10:00", 1, 1, ItemStatus::Sent),
            item(5, "10:00", 1, 1, ItemStatus::Planned),
            item(6, "10:00", 1, 1, ItemStatus::Skipped),
            item(7, "21:00", 1, 2, ItemStatus::Ready),
            item(7, "21:00", 2, 1, ItemStatus::Sent),
        ];
        let cov = coverage(&[1, 2], &columns(), &items, at(4, "12:00"));
        assert_eq!(
            cov[0].tallies,
            vec![
                ColumnTally {
                    column_id: 1,
                    planned: 2,
                    sent: 1
                },
                ColumnTally {
                    column_id: 2,
                    planned: 1,
                    sent: 0
                },
            ]
        );
        assert_eq!(cov[0].totals(), (3, 1));
        assert!(!cov[0].is_flagged());
        assert_eq!(cov[1].missing_required, vec![2], "group 2 gets no 干货");
        assert!(cov[1].is_flagged());
    }

    #[test]
    fn an_unsent_item_past_its_time_flags_the_group() {
        let items = vec![
            item(4, "10:00", 1, 1, ItemStatus::Planned),
            item(4, "21:00", 1, 2, ItemStatus::Planned),
        ];
        let cov = coverage(&[1], &columns(), &items, at(4, "09:59"));
        assert!(!cov[0].is_flagged());
        let cov = coverage(&[1], &columns(), &items, at(4, "10:01"));
        assert_eq!(cov[0].overdue, 1);
        assert!(cov[0].is_flagged());
        let sent = vec![
            item(4, "10:00", 1, 1, ItemStatus::Sent),
            item(4, "21:00", 1, 2, ItemStatus::Planned),
        ];
        assert!(!coverage(&[1], &columns(), &sent, at(4, "10:01"))[0].is_flagged());
    }

    #[test]
    fn a_skipped_required_item_does_not_count() {
        let items = vec![item(4, "21:00", 1, 2, ItemStatus::Skipped)];
        let cov = coverage(&[1], &columns(), &items, at(4, "00:00"));
        assert_eq!(cov[0].missing_required, vec![2]);
    }

    #[test]
    fn day_summaries_count_items_and_gaps() {
        let items = vec![
            item(4, "10:00", 1, 1, ItemStatus::Sent),
            item(4, "12:00", 2, 1, ItemStatus::Planned),
            item(5, "10:00", 1, 1, ItemStatus::Skipped),
        ];
        let days = [d(4), d(5), d(6)];
        let sums = day_summaries(&days, &[1, 2, 3], &items, at(4, "13:00"));
        assert_eq!(
            sums[0],
            DaySummary {
                day: d(4),
                planned: 2,
                sent: 1,
                overdue: 1,
                groups_without: 1
            }
        );
        assert_eq!(sums[1].planned, 0, "skipped items are not planned");
        assert_eq!(sums[1].groups_without, 3);
        assert_eq!(sums[2].groups_without, 3);
    }
}
