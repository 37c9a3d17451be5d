//! Instants and days as the store keeps them: unix seconds (UTC) plus the original UTC offset.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Offset, Utc};

/// An instant with the UTC offset it was recorded in, so "14:02 Beijing time" stays 14:02 on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    /// Seconds since the unix epoch, UTC.
    pub unix_s: i64,
    /// Offset east of UTC in minutes.
    pub offset_min: i32,
}

impl Stamp {
    /// The stamp of a zoned date-time.
    pub fn from_datetime(dt: DateTime<FixedOffset>) -> Self {
        Self {
            unix_s: dt.timestamp(),
            offset_min: dt.offset().local_minus_utc() / 60,
        }
    }

    /// Rebuilds the zoned date-time (falls back to UTC for an impossible offset).
    pub fn to_datetime(self) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.offset_min * 60).unwrap_or_else(|| Utc.fix());
        DateTime::from_timestamp(self.unix_s, 0)
            .unwrap_or_default()
            .with_timezone(&offset)
    }

    /// The current instant in the machine's zone.
    pub fn now() -> Self {
        Self::from_datetime(Local::now().fixed_offset())
    }

    /// The calendar day in the stamp's own zone.
    pub fn local_day(self) -> NaiveDate {
        self.to_datetime().date_naive()
    }

    /// `2024-03-05 14:02` in the stamp's own zone.
    pub fn display_minutes(self) -> String {
        self.to_datetime().format("%Y-%m-%d %H:%M").to_string()
    }

    /// `2024-03-05` in the stamp's own zone.
    pub fn display_day(self) -> String {
        self.to_datetime().format("%Y-%m-%d").to_string()
    }
}

/// The machine's current UTC offset in minutes (the default zone for naive times in files).
pub fn local_offset_min() -> i32 {
    Local::now().offset().local_minus_utc() / 60
}

/// Start of `day` (00:00) in the zone `offset_min`, as unix seconds.
pub fn day_start_unix(day: NaiveDate, offset_min: i32) -> i64 {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    naive.and_utc().timestamp() - i64::from(offset_min) * 60
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_round_trips_with_its_offset() {
        let dt = DateTime::parse_from_rfc3339("2024-03-05T14:02:11+08:00").unwrap();
        let stamp = Stamp::from_datetime(dt);
        assert_eq!(stamp.offset_min, 480);
        assert_eq!(stamp.to_datetime(), dt);
        assert_eq!(stamp.display_minutes(), "2024-03-05 14:02");
    }

    #[test]
    fn local_day_uses_the_stamps_zone_not_utc() {
        // 07:30 in Beijing is still the previous day in UTC.
        let dt = DateTime::parse_from_rfc3339("2024-03-05T07:30:00+08:00").unwrap();
        let stamp = Stamp::from_datetime(dt);
        assert_eq!(
            stamp.local_day(),
            NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()
        );
    }

    #[test]
    fn day_start_is_midnight_in_the_given_zone() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        let start = day_start_unix(day, 480);
        let dt = DateTime::parse_from_rfc3339("2024-03-05T00:00:00+08:00").unwrap();
        assert_eq!(start, dt.timestamp());
    }
}
