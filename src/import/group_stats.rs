//! WeCom group-statistics sheets -> one [`GroupDayStats`] per row.
//!
//! Two layouts exist: per group and day (`群聊数据统计`: 日期 / 群名称 / 群主 / 群ID / 群成员总数 /
//! 新增群成员数 / 退群人数 / 发言群成员数 / 群聊消息总数) and one summary row per day
//! (`按自然日汇总`: 新增客户群数 / 客户群总数 / 有过消息的客户群数 / … ). Both read into the same
//! struct; absent columns are `None`. Dates may be real Excel date cells or text.

use chrono::{FixedOffset, NaiveDate};

use crate::import::ImportError;
use crate::import::contacts::RowRejection;
use crate::import::dates::parse_datetime;
use crate::import::mapping::normalize_header;
use crate::import::table::RawRow;

/// A statistic a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stat {
    MemberTotal,
    Joins,
    Leaves,
    Speakers,
    Messages,
    NewGroups,
    GroupTotal,
    GroupsWithMessages,
}

const STAT_HEADERS: [(&str, Stat); 9] = [
    ("群成员总数", Stat::MemberTotal),
    ("新增群成员数", Stat::Joins),
    ("退群人数", Stat::Leaves),
    ("发言群成员数", Stat::Speakers),
    ("发过消息的群成员数", Stat::Speakers),
    ("群聊消息总数", Stat::Messages),
    ("新增客户群数", Stat::NewGroups),
    ("客户群总数", Stat::GroupTotal),
    ("有过消息的客户群数", Stat::GroupsWithMessages),
];

/// One day of one group (or, with no group, of all groups together).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct GroupDayStats {
    /// 1-based row number in the sheet.
    pub row_number: usize,
    /// The calendar day.
    pub date: NaiveDate,
    /// 群名称 (`None` on the per-day summary sheet).
    pub group_name: Option<String>,
    /// 群主.
    pub owner: Option<String>,
    /// 群ID (WeCom chat_id).
    pub chat_id: Option<String>,
    /// 群成员总数 at the end of the day.
    pub member_total: Option<u64>,
    /// 新增群成员数.
    pub joins: Option<u64>,
    /// 退群人数.
    pub leaves: Option<u64>,
    /// 发言群成员数 / 发过消息的群成员数.
    pub speakers: Option<u64>,
    /// 群聊消息总数.
    pub messages: Option<u64>,
    /// 新增客户群数 (summary only).
    pub new_groups: Option<u64>,
    /// 客户群总数 (summary only).
    pub group_total: Option<u64>,
    /// 有过消息的客户群数 (summary only).
    pub groups_with_messages: Option<u64>,
}

/// Where the columns of a statistics sheet are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStatColumns {
    date: usize,
    group_name: Option<usize>,
    owner: Option<usize>,
    chat_id: Option<usize>,
    stats: Vec<(usize, Stat)>,
}

impl GroupStatColumns {
    /// Finds the columns; 日期 and at least one statistic are required.
    pub fn locate(headers: &[String]) -> Result<Self, ImportError> {
        let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        let find = |name: &str| norm.iter().position(|h| *h == normalize_header(name));
        let missing = || ImportError::UnknownKind {
            headers: headers.to_vec(),
        };
        let stats: Vec<(usize, Stat)> = STAT_HEADERS
            .iter()
            .filter_map(|(name, stat)| Some((find(name)?, *stat)))
            .collect();
        if stats.is_empty() {
            return Err(missing());
        }
        Ok(Self {
            date: find("日期").ok_or_else(missing)?,
            group_name: find("群名称"),
            owner: find("群主"),
            chat_id: find("群ID"),
            stats,
        })
    }
}

fn reject(row: &RawRow, reason_code: &'static str, detail: String) -> RowRejection {
    RowRejection {
        row_number: row.row_number,
        reason_code,
        detail,
    }
}

/// A count cell: `245`, `245.0`, `1,014`; empty is `None`.
fn parse_count(text: &str) -> Result<Option<u64>, ()> {
    let t: String = text.trim().chars().filter(|c| *c != ',').collect();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let t = t.strip_suffix(".0").unwrap_or(&t);
    t.parse().map(Some).map_err(|_| ())
}

/// Reads one statistics row; an unreadable date or count rejects the row.
pub fn stats_from_row(
    row: &RawRow,
    cols: &GroupStatColumns,
    tz: FixedOffset,
) -> Result<GroupDayStats, RowRejection> {
    let date_text = row.cell(cols.date);
    let date = parse_datetime(date_text, tz)
        .map(|d| d.date_naive())
        .ok_or_else(|| reject(row, "bad_date", format!("日期 {date_text:?} is not a date")))?;
    let text = |i: Option<usize>| {
        i.map(|i| row.cell(i).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut stats = GroupDayStats {
        row_number: row.row_number,
        date,
        group_name: text(cols.group_name),
        owner: text(cols.owner),
        chat_id: text(cols.chat_id),
        ..GroupDayStats::default()
    };
    for &(index, stat) in &cols.stats {
        let cell = row.cell(index);
        let value = parse_count(cell)
            .map_err(|()| reject(row, "bad_number", format!("{cell:?} is not a count")))?;
        let slot = match stat {
            Stat::MemberTotal => &mut stats.member_total,
            Stat::Joins => &mut stats.joins,
            Stat::Leaves => &mut stats.leaves,
            Stat::Speakers => &mut stats.speakers,
            Stat::Messages => &mut stats.messages,
            Stat::NewGroups => &mut stats.new_groups,
            Stat::GroupTotal => &mut stats.group_total,
            Stat::GroupsWithMessages => &mut stats.groups_with_messages,
        };
        *slot = value;
    }
    Ok(stats)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use crate::import::CHINA_STANDARD_TIME;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn per_group_rows() {
        let headers = strings(&[
            "日期",
            "群名称",
            "群主",
            "群ID",
            "群成员总数",
            "新增群成员数",
            "退群人数",
        ]);
        let cols = GroupStatColumns::locate(&headers).unwrap();
        let row = RawRow {
            row_number: 2,
            cells: strings(&["2024-01-02", "宝妈茶话会", "林晓雯", "wrOg", "245", "0", ""]),
        };
        let s = stats_from_row(&row, &cols, CHINA_STANDARD_TIME).unwrap();
        assert_eq!(s.date.to_string(), "2024-01-02");
        assert_eq!(s.group_name.as_deref(), Some("宝妈茶话会"));
        assert_eq!(
            (s.member_total, s.joins, s.leaves, s.messages),
            (Some(245), Some(0), None, None)
        );
    }

    #[test]
    fn summary_rows_and_rejections() {
        let headers = strings(&["日期", "客户群总数", "发过消息的群成员数", "群成员总数"]);
        let cols = GroupStatColumns::locate(&headers).unwrap();
        let ok = RawRow {
            row_number: 3,
            cells: strings(&["45293", "5", "69", "1,014"]),
        };
        let s = stats_from_row(&ok, &cols, CHINA_STANDARD_TIME).unwrap();
        assert_eq!(
            (s.group_total, s.speakers, s.member_total),
            (Some(5), Some(69), Some(1014))
        );
        assert_eq!(s.group_name, None);
        let bad = RawRow {
            row_number: 4,
            cells: strings(&["昨天", "5", "69", "1"]),
        };
        assert_eq!(
            stats_from_row(&bad, &cols, CHINA_STANDARD_TIME)
                .unwrap_err()
                .reason_code,
            "bad_date"
        );
        let bad = RawRow {
            row_number: 5,
            cells: strings(&["2024-01-02", "五", "69", "1"]),
        };
        let err = stats_from_row(&bad, &cols, CHINA_STANDARD_TIME).unwrap_err();
        assert_eq!((err.row_number, err.reason_code), (5, "bad_number"));
        assert!(GroupStatColumns::locate(&strings(&["日期", "备注"])).is_err());
    }
}
