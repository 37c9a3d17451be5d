//! Every date shape users' exports carry, parsed into `DateTime<FixedOffset>`.
//!
//! Shapes: `2024/3/5 14:02`, `2024-03-05 14:02:11`, `2024-03-05T14:02:11.5`, `2024.3.5`,
//! `2024年3月5日`, `2024年3月5日 14:02`, `2024年3月5日 14时02分`, `2024/3/5 下午2:02`,
//! `2024-03-05 14:02:11 +0800 CST` (OpenSCRM / Go), RFC 3339 (`…+08:00`, `…Z`), compact
//! `20240305`, Excel serial numbers (`45356.5847222222`, 1900 system, rounded to the nearest
//! second) and Unix timestamps (10 or 13 digits). Date-only values mean local midnight.
//! Naive times are local time in the offset the caller passes; results are expressed in it.
//! Garbage gives `None`, never a panic.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// UTC+08:00, the offset of naive times in exports from mainland China.
pub const CHINA_STANDARD_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("+08:00 is a valid offset"),
};

const SECONDS_PER_DAY: f64 = 86_400.0;
/// Largest Excel serial (9999-12-31 23:59:59).
const MAX_EXCEL_SERIAL: f64 = 2_958_466.0;

/// The first date written inside free text, such as a title row's `客户群列表(导出时间:
/// 2024-03-07 10:30:00)`: four digits, `-` `/` `.` or `年`, one or two digits, the same or `月`,
/// one or two digits.
pub fn date_in_text(text: &str) -> Option<chrono::NaiveDate> {
    let chars: Vec<char> = text.chars().collect();
    let digits_at = |start: usize, min: usize, max: usize| -> Option<(u32, usize)> {
        let len = chars[start..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len < min {
            return None;
        }
        let value: String = chars[start..start + len].iter().collect();
        Some((value.parse().ok()?, start + len))
    };
    let is_sep = |i: usize, extra: char| {
        chars
            .get(i)
            .is_some_and(|c| matches!(c, '-' | '/' | '.') || *c == extra)
    };
    for start in 0..chars.len() {
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        let Some((year, end)) = digits_at(start, 4, 4) else {
            continue;
        };
        if !is_sep(end, '年') {
            continue;
        }
        let Some((month, end)) = digits_at(end + 1, 1, 2) else {
            continue;
        };
        if !is_sep(end, '月') {
            continue;
        }
        let Some((day, _)) = digits_at(end + 1, 1, 2) else {
            continue;
        };
        if let Some(date) = chrono::NaiveDate::from_ymd_opt(year as i32, month, day) {
            return Some(date);
        }
    }
    None
}

/// Parses a date or date-time cell; naive values are local to `tz`.
pub fn parse_datetime(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return parse_numeric(text, tz);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&tz));
    }
    let parsed = Scanner::new(text).parse()?;
    match parsed.offset {
        Some(offset) => offset
            .from_local_datetime(&parsed.local)
            .single()
            .map(|dt| dt.with_timezone(&tz)),
        None => tz.from_local_datetime(&parsed.local).single(),
    }
}

/// Converts an Excel serial day number (1900 system unless `is_1904`) to a naive date-time,
/// rounded to the nearest second.
pub fn excel_serial_to_naive(serial: f64, is_1904: bool) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(0.0..MAX_EXCEL_SERIAL).contains(&serial) {
        return None;
    }
    let epoch = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if serial < 61.0 {
        // Excel believes 1900-02-29 existed: serials before it are one day later than counted.
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let seconds = (serial * SECONDS_PER_DAY).round() as i64;
    epoch
        .and_time(NaiveTime::MIN)
        .checked_add_signed(Duration::seconds(seconds))
}

/// Formats a naive date-time the way cells are handed on: date only at midnight.
pub fn format_naive(dt: NaiveDateTime) -> String {
    if dt.time() == NaiveTime::MIN {
        dt.format("%Y-%m-%d").to_string()
    } else {
        dt.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

fn parse_numeric(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let is_integer = !text.contains('.');
    if is_integer && text.len() == 8 {
        let date = NaiveDate::parse_from_str(text, "%Y%m%d").ok()?;
        return tz
            .from_local_datetime(&date.and_time(NaiveTime::MIN))
            .single();
    }
    if is_integer && (text.len() == 10 || text.len() == 13) {
        let n: i64 = text.parse().ok()?;
        let utc = if text.len() == 13 {
            DateTime::from_timestamp_millis(n)?
        } else {
            DateTime::from_timestamp(n, 0)?
        };
        return Some(utc.with_timezone(&tz));
    }
    let serial: f64 = text.parse().ok()?;
    // Plausible serials only: 1 (1900-01-01) and later; small integers are not dates.
    if serial < 1.0 || (is_integer && text.len() < 5) {
        return None;
    }
    let naive = excel_serial_to_naive(serial, false)?;
    tz.from_local_datetime(&naive).single()
}

struct Parsed {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

/// A tiny hand-written scanner: numbers, separators and a few words.
struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            chars: text.chars().peekable(),
        }
    }

    fn number(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        let mut value = 0u32;
        let mut digits = 0;
        while let Some(d) = self.chars.peek().and_then(|c| c.to_digit(10)) {
            if digits == max_digits {
                return None;
            }
            value = value * 10 + d;
            digits += 1;
            self.chars.next();
        }
        (digits > 0).then_some((value, digits))
    }

    fn eat(&mut self, accepted: &[char]) -> Option<char> {
        let c = *self.chars.peek()?;
        accepted.contains(&c).then(|| {
            self.chars.next();
            c
        })
    }

    fn skip_spaces(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.chars.next();
        }
    }

    fn word(&mut self) -> String {
        let mut w = String::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_alphabetic() {
                w.push(c);
                self.chars.next();
            } else {
                break;
            }
        }
        w
    }

    fn parse(mut self) -> Option<Parsed> {
        let (year, year_digits) = self.number(4)?;
        if year_digits != 4 {
            return None;
        }
        let sep = self.eat(&['-', '/', '.', '年'])?;
        let (month, _) = self.number(2)?;
        let month_sep: &[char] = if sep == '年' { &['月'] } else { &[sep] };
        self.eat(month_sep)?;
        let (day, _) = self.number(2)?;
        if sep == '年' {
            self.eat(&['日', '号']);
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        self.eat(&['T']);
        self.skip_spaces();
        let mut pm = None;
        match self.word().as_str() {
            "" => {}
            "上午" | "AM" | "am" => pm = Some(false),
            "下午" | "晚上" | "PM" | "pm" => pm = Some(true),
            _ => return None,
        }
        self.skip_spaces();
        let time = if self.chars.peek().is_some_and(char::is_ascii_digit) {
            self.time(pm)?
        } else if pm.is_some() {
            return None;
        } else {
            NaiveTime::MIN
        };
        self.skip_spaces();
        let offset = self.offset()?;
        self.skip_spaces();
        // A trailing zone abbreviation (CST, UTC, GMT) after an explicit offset is only a label.
        let zone = self.word();
        let offset = match (offset, zone.as_str()) {
            (Some(o), _) => Some(o),
            (None, "Z" | "UTC" | "GMT") => FixedOffset::east_opt(0),
            (None, "" | "CST") => None,
            _ => return None,
        };
        self.skip_spaces();
        if self.chars.next().is_some() {
            return None;
        }
        Some(Parsed {
            local: date.and_time(time),
            offset,
        })
    }

    fn time(&mut self, pm: Option<bool>) -> Option<NaiveTime> {
        let (mut hour, _) = self.number(2)?;
        self.eat(&[':', '时', '點', '点'])?;
        let (minute, _) = self.number(2)?;
        let mut second = 0;
        let mut nanos = 0;
        if self.eat(&[':', '分']).is_some()
            && let Some((s, _)) = self.number(2)
        {
            second = s;
            self.eat(&['秒']);
            if self.eat(&['.', ',']).is_some() {
                nanos = self.fraction()?;
            }
        }
        match pm {
            Some(true) if hour < 12 => hour += 12,
            Some(false) if hour == 12 => hour = 0,
            _ => {}
        }
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }

    fn fraction(&mut self) -> Option<u32> {
        let mut nanos = 0u32;
        let mut scale = 100_000_000u32;
        let mut any = false;
        while let Some(d) = self.chars.peek().and_then(|c| c.to_digit(10)) {
            nanos += d * scale;
            scale /= 10;
            any = true;
            self.chars.next();
        }
        any.then_some(nanos)
    }

    /// `+0800`, `+08:00`, `-05`, or nothing (`Some(None)`); malformed gives `None`.
    fn offset(&mut self) -> Option<Option<FixedOffset>> {
        let Some(sign) = self.eat(&['+', '-']) else {
            return Some(None);
        };
        let (first, digits) = self.number(4)?;
        let (hours, minutes) = match digits {
            4 => (first / 100, first % 100),
            1 | 2 if self.eat(&[':']).is_some() => (first, self.number(2)?.0),
            1 | 2 => (first, 0),
            _ => return None,
        };
        let secs = i32::try_from(hours * 3600 + minutes * 60).ok()?;
        let secs = if sign == '-' { -secs } else { secs };
        FixedOffset::east_opt(secs).map(Some)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn dates_inside_titles() {
        let day = |s: &str| date_in_text(s).map(|d| d.to_string());
        assert_eq!(
            day("客户群列表(导出时间: 2024-03-07 10:30:00)").as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(day("统计 2024年3月6日").as_deref(), Some("2024-03-06"));
        assert_eq!(
            day("12024-01-01 x 2023/12/31").as_deref(),
            Some("2023-12-31")
        );
        assert_eq!(day("2024-13-01"), None);
        assert_eq!(day("客户列表"), None);
    }

    fn cst() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn p(text: &str) -> Option<String> {
        parse_datetime(text, cst()).map(|d| d.to_rfc3339())
    }

    #[test]
    fn excel_display_shapes() {
        assert_eq!(p("2024/3/5 14:02").unwrap(), "2024-03-05T14:02:00+08:00");
        assert_eq!(p("2024/3/5 14:02:11").unwrap(), "2024-03-05T14:02:11+08:00");
        assert_eq!(p("2024/3/5").unwrap(), "2024-03-05T00:00:00+08:00");
        assert_eq!(p("2024.3.5 9:05").unwrap(), "2024-03-05T09:05:00+08:00");
        assert_eq!(p("2024/3/5 下午2:02").unwrap(), "2024-03-05T14:02:00+08:00");
        assert_eq!(
            p("2024/3/5 上午12:30").unwrap(),
            "2024-03-05T00:30:00+08:00"
        );
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(
            p("2024-03-05 14:02:11").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
        assert_eq!(
            p("2024-03-05T14:02:11").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
        assert_eq!(p(" 2024-03-05 ").unwrap(), "2024-03-05T00:00:00+08:00");
        assert_eq!(
            p("2024-03-05T06:02:11Z").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
        assert_eq!(
            p("2024-03-05T14:02:11+08:00").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
        assert_eq!(
            p("2024-03-05 14:02:11.250").unwrap(),
            "2024-03-05T14:02:11.250+08:00"
        );
    }

    #[test]
    fn go_style_with_offset_and_zone_name() {
        let t = "2024-03-05 14:02:11 +0800 CST";
        assert_eq!(p(t).unwrap(), "2024-03-05T14:02:11+08:00");
        assert_eq!(
            p("2024-03-05 06:02:11 +0000 UTC").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
        assert_eq!(
            p("2024-03-05 14:02:11 CST").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
        assert_eq!(
            p("2024-03-05 01:02:11 -05:00").unwrap(),
            "2024-03-05T14:02:11+08:00"
        );
    }

    #[test]
    fn chinese_shapes() {
        assert_eq!(p("2024年3月5日").unwrap(), "2024-03-05T00:00:00+08:00");
        assert_eq!(
            p("2024年3月5日 14:02").unwrap(),
            "2024-03-05T14:02:00+08:00"
        );
        assert_eq!(
            p("2024年03月05日14时02分").unwrap(),
            "2024-03-05T14:02:00+08:00"
        );
        assert_eq!(p("2024年3月5号").unwrap(), "2024-03-05T00:00:00+08:00");
    }

    #[test]
    fn numeric_shapes() {
        assert_eq!(p("45293.3347222222").unwrap(), "2024-01-02T08:02:00+08:00");
        assert_eq!(p("45379.5208333333").unwrap(), "2024-03-28T12:30:00+08:00");
        assert_eq!(p("45293").unwrap(), "2024-01-02T00:00:00+08:00");
        assert_eq!(p("20240305").unwrap(), "2024-03-05T00:00:00+08:00");
        assert_eq!(p("1706718609").unwrap(), "2024-02-01T00:30:09+08:00");
        assert_eq!(p("1706718609000").unwrap(), "2024-02-01T00:30:09+08:00");
    }

    #[test]
    fn excel_serial_rounds_to_nearest_second_and_knows_1900_bug() {
        let dt = excel_serial_to_naive(45382.91666666666, false).unwrap();
        assert_eq!(dt.to_string(), "2024-03-31 22:00:00");
        let day = |v: f64, is_1904: bool| excel_serial_to_naive(v, is_1904).unwrap().to_string();
        assert_eq!(day(1.0, false), "1900-01-01 00:00:00");
        assert_eq!(day(61.0, false), "1900-03-01 00:00:00");
        assert_eq!(day(0.0, true), "1904-01-01 00:00:00");
        assert!(excel_serial_to_naive(f64::NAN, false).is_none());
        assert!(excel_serial_to_naive(-3.0, false).is_none());
        assert_eq!(format_naive(dt), "2024-03-31 22:00:00");
        assert_eq!(
            format_naive(excel_serial_to_naive(45293.0, false).unwrap()),
            "2024-01-02"
        );
    }

    #[test]
    fn garbage_is_none() {
        let bad = "|   |abc|2024|12|0|-1|..|1.2.3|2024-13-01|2024-02-30|2024/3/5 25:00|２０２４\
                   |2024-03-05 14:02 +99999|2024-03-05 hello|9999999999999999999999|2024年3月\
                   |2024-03-05 14:02:11 +0800 CST extra|2024-03-05 14:|2024-03-05 上午|😀";
        for text in bad.split('|') {
            assert!(p(text).is_none(), "{text:?} should not parse");
        }
    }
}
