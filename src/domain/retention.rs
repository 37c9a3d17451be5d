//! Which automatic backups to keep: the newest of each of the last 7 days that have one, and
//! the newest of each of the 4 ISO weeks before those. Everything else can go.

use chrono::{Datelike, NaiveDateTime};

/// Days whose newest backup is kept.
pub const KEEP_DAILY: usize = 7;
/// Older weeks whose newest backup is kept.
pub const KEEP_WEEKLY: usize = 4;

/// Given the backups' times, the indexes of those to keep (in no particular order).
pub fn backups_to_keep(times: &[NaiveDateTime]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(times[i]));
    let mut keep = Vec::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for index in order {
        let day = times[index].date();
        if days.len() < KEEP_DAILY {
            if !days.contains(&day) {
                days.push(day);
                keep.push(index);
            }
            continue;
        }
        if days.contains(&day) {
            continue;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        let in_kept_days = days
            .iter()
            .any(|d| (d.iso_week().year(), d.iso_week().week()) == week);
        if weeks.len() < KEEP_WEEKLY && !weeks.contains(&week) && !in_kept_days {
            weeks.push(week);
            keep.push(index);
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
        day.and_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn keeps_the_newest_per_day_for_seven_days() {
        let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // Two backups a day for 10 days.
        let times: Vec<_> = (0..10)
            .flat_map(|d| {
                [
                    at(start - Duration::days(d), 9),
                    at(start - Duration::days(d), 18),
                ]
            })
            .collect();
        let keep = backups_to_keep(&times);
        let kept_days: Vec<_> = keep.iter().map(|&i| times[i]).collect();
        for d in 0..7 {
            assert!(
                kept_days.contains(&at(start - Duration::days(d), 18)),
                "day {d}"
            );
            assert!(
                !kept_days.contains(&at(start - Duration::days(d), 9)),
                "day {d} morning"
            );
        }
    }

    #[test]
    fn keeps_four_older_weeks_and_drops_the_rest() {
        let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(); // a Monday
        let times: Vec<_> = (0..70).map(|d| at(start - Duration::days(d), 12)).collect();
        let keep = backups_to_keep(&times);
        assert_eq!(keep.len(), KEEP_DAILY + KEEP_WEEKLY);
        let oldest_kept = keep.iter().map(|&i| times[i]).min().unwrap();
        assert!(oldest_kept > at(start - Duration::days(7 + 5 * 7), 12));
    }

    #[test]
    fn nothing_to_keep_from_nothing() {
        assert!(backups_to_keep(&[]).is_empty());
    }
}
