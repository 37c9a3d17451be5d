//! Group-statistics sheets -> one [`GroupDayStats`] per row.
//!
//! Layouts: per group and day (WeCom `群聊数据统计`: 日期 / 群名称 / 群主 / 群ID / 群成员总数 /
//! 新增群成员数 / 退群人数 / 发言群成员数 / 群聊消息总数); one row per day for all groups (WeCom
//! `按自然日汇总`, LinkWeChat 客群成员 `日期 / 客群成员总数 / 新增客群成员数 / 流失客群成员数`: the
//! user names the group they go into); and a snapshot of every group on one day (OpenSCRM
//! 客户群列表: 客户群名称 / 群主 / 当日群人数 / 当日入群 / 当日退群 / 创群时间 / 群ID, the day in
//! its title row). All read into the same struct; absent columns and empty cells are `None`.
//! Dates may be real Excel date cells or text. A 合计 / 总计 row is `total_row` (skipped).

use chrono::{FixedOffset, NaiveDate};

use crate::import::ImportError;
use crate::import::contacts::RowRejection;
use crate::import::dates::parse_datetime;
use crate::import::mapping::normalize_header;
use crate::import::table::RawRow;

/// A statistic a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    MemberTotal,
    Joins,
    Leaves,
    Speakers,
    Messages,
    NewGroups,
    GroupTotal,
    GroupsWithMessages,
}

/// Header synonyms per statistic; where a file has two for one statistic, the first listed wins.
const STAT_HEADERS: [(&str, Stat); 20] = [
    ("群成员总数", Stat::MemberTotal),
    ("当日群人数", Stat::MemberTotal),
    ("客群成员总数", Stat::MemberTotal),
    ("截至当天群成员总数", Stat::MemberTotal),
    ("截至当天客户群成员总数", Stat::MemberTotal),
    ("新增群成员数", Stat::Joins),
    ("当日入群", Stat::Joins),
    ("新增客群成员数", Stat::Joins),
    ("当天新增群成员数", Stat::Joins),
    ("退群人数", Stat::Leaves),
    ("当日退群", Stat::Leaves),
    ("流失客群成员数", Stat::Leaves),
    ("当天退群人数", Stat::Leaves),
    ("发言群成员数", Stat::Speakers),
    ("发过消息的群成员数", Stat::Speakers),
    ("群聊消息总数", Stat::Messages),
    ("新增客户群数", Stat::NewGroups),
    ("客户群总数", Stat::GroupTotal),
    ("有过消息的客户群数", Stat::GroupsWithMessages),
    ("截至当天客户群总数", Stat::GroupTotal),
];

const DATE_HEADERS: [&str; 4] = ["日期", "统计日期", "date", "day"];
const GROUP_NAME_HEADERS: [&str; 4] = ["群名称", "客户群名称", "群名", "客群名称"];
const OWNER_HEADERS: [&str; 3] = ["群主", "群主名称", "owner"];
const CHAT_ID_HEADERS: [&str; 4] = ["群ID", "客户群ID", "chat_id", "chatid"];
const CREATED_HEADERS: [&str; 3] = ["创群时间", "建群时间", "群创建时间"];
/// What a 合计 row says in its date or name cell.
const TOTAL_WORDS: [&str; 5] = ["合计", "总计", "汇总", "total", "sum"];

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
    /// 创群时间, as a local day.
    pub created: Option<NaiveDate>,
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

/// Whether a header is one a statistics sheet is recognised by (detection finds the header row
/// with it).
pub fn is_group_stat_header(cell: &str) -> bool {
    let norm = normalize_header(cell);
    STAT_HEADERS
        .iter()
        .map(|(name, _)| *name)
        .chain(DATE_HEADERS)
        .chain(GROUP_NAME_HEADERS)
        .chain(CHAT_ID_HEADERS)
        .chain(CREATED_HEADERS)
        .any(|h| normalize_header(h) == norm)
}

/// What a column of a statistics sheet means, as the user maps it by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatField {
    Date,
    GroupName,
    Owner,
    ChatId,
    Created,
    Count(Stat),
}

impl StatField {
    /// Every field, in the order the mapping menu lists them.
    pub const ALL: [StatField; 13] = [
        StatField::Date,
        StatField::GroupName,
        StatField::Owner,
        StatField::ChatId,
        StatField::Created,
        StatField::Count(Stat::MemberTotal),
        StatField::Count(Stat::Joins),
        StatField::Count(Stat::Leaves),
        StatField::Count(Stat::Speakers),
        StatField::Count(Stat::Messages),
        StatField::Count(Stat::NewGroups),
        StatField::Count(Stat::GroupTotal),
        StatField::Count(Stat::GroupsWithMessages),
    ];

    /// The name `qunzhu import --map HEADER=KEY` uses.
    pub fn key(self) -> &'static str {
        match self {
            StatField::Date => "date",
            StatField::GroupName => "group_name",
            StatField::Owner => "owner",
            StatField::ChatId => "chat_id",
            StatField::Created => "created",
            StatField::Count(Stat::MemberTotal) => "members",
            StatField::Count(Stat::Joins) => "joins",
            StatField::Count(Stat::Leaves) => "leaves",
            StatField::Count(Stat::Speakers) => "speakers",
            StatField::Count(Stat::Messages) => "messages",
            StatField::Count(Stat::NewGroups) => "new_groups",
            StatField::Count(Stat::GroupTotal) => "group_total",
            StatField::Count(Stat::GroupsWithMessages) => "groups_with_messages",
        }
    }
}

impl crate::import::ColumnTarget for StatField {
    const TARGETS: &'static [Self] = &StatField::ALL;
    fn key(self) -> &'static str {
        StatField::key(self)
    }
    fn from_headers(headers: &[String]) -> Vec<Option<Self>> {
        let n = headers.len();
        GroupStatColumns::locate(headers).map_or_else(|_| vec![None; n], |c| c.fields(n))
    }
}

/// Where the columns of a statistics sheet are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStatColumns {
    date: Option<usize>,
    group_name: Option<usize>,
    owner: Option<usize>,
    chat_id: Option<usize>,
    created: Option<usize>,
    stats: Vec<(usize, Stat)>,
    /// The day of a snapshot without a date column (from the title row).
    snapshot_day: Option<NaiveDate>,
}

impl GroupStatColumns {
    /// Finds the columns: at least one statistic, and a 日期 column or a group column (a
    /// snapshot, whose day comes from [`with_snapshot_day`](Self::with_snapshot_day)).
    pub fn locate(headers: &[String]) -> Result<Self, ImportError> {
        let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        let find = |name: &str| norm.iter().position(|h| *h == normalize_header(name));
        let first = |names: &[&str]| names.iter().find_map(|n| find(n));
        let mut stats: Vec<(usize, Stat)> = Vec::new();
        for (name, stat) in STAT_HEADERS {
            if let Some(i) = find(name)
                && !stats.iter().any(|&(_, s)| s == stat)
            {
                stats.push((i, stat));
            }
        }
        let cols = Self {
            date: first(&DATE_HEADERS),
            group_name: first(&GROUP_NAME_HEADERS),
            owner: first(&OWNER_HEADERS),
            chat_id: first(&CHAT_ID_HEADERS),
            created: first(&CREATED_HEADERS),
            stats,
            snapshot_day: None,
        };
        cols.checked(headers)
    }

    /// At least one statistic, and a day (a 日期 column, or a group column of a snapshot).
    fn checked(self, headers: &[String]) -> Result<Self, ImportError> {
        if self.stats.is_empty() || (self.date.is_none() && !self.has_group_column()) {
            return Err(ImportError::UnknownKind {
                headers: headers.to_vec(),
            });
        }
        Ok(self)
    }

    /// The columns the user chose, one field (or none) per column of `headers`.
    pub fn from_fields(
        headers: &[String],
        fields: &[Option<StatField>],
    ) -> Result<Self, ImportError> {
        let first = |wanted: StatField| fields.iter().position(|f| *f == Some(wanted));
        let mut stats: Vec<(usize, Stat)> = Vec::new();
        for (i, field) in fields.iter().enumerate() {
            if let Some(StatField::Count(stat)) = field
                && !stats.iter().any(|(_, s)| s == stat)
            {
                stats.push((i, *stat));
            }
        }
        Self {
            date: first(StatField::Date),
            group_name: first(StatField::GroupName),
            owner: first(StatField::Owner),
            chat_id: first(StatField::ChatId),
            created: first(StatField::Created),
            stats,
            snapshot_day: None,
        }
        .checked(headers)
    }

    /// The field each of `n` columns is read as, for the review's mapping row.
    pub fn fields(&self, n: usize) -> Vec<Option<StatField>> {
        let mut fields = vec![None; n];
        let mut put = |index: Option<usize>, field: StatField| {
            if let Some(slot) = index.and_then(|i| fields.get_mut(i)) {
                *slot = Some(field);
            }
        };
        put(self.date, StatField::Date);
        put(self.group_name, StatField::GroupName);
        put(self.owner, StatField::Owner);
        put(self.chat_id, StatField::ChatId);
        put(self.created, StatField::Created);
        for &(i, stat) in &self.stats {
            put(Some(i), StatField::Count(stat));
        }
        fields
    }

    /// Whether rows name their group (else the user says which group the file is about).
    pub fn has_group_column(&self) -> bool {
        self.group_name.is_some() || self.chat_id.is_some()
    }

    /// Whether the file is a snapshot of groups on one day (no date column).
    pub fn is_snapshot(&self) -> bool {
        self.date.is_none()
    }

    /// The day a snapshot's rows are about (the date in its title row).
    pub fn with_snapshot_day(mut self, day: Option<NaiveDate>) -> Self {
        self.snapshot_day = day;
        self
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

fn is_total(cell: &str) -> bool {
    let t = cell.trim().to_lowercase();
    TOTAL_WORDS.iter().any(|w| t == *w)
}

/// Reads one statistics row; a 合计 row is `total_row`, an unreadable date or count rejects the
/// row (an empty cell empties only its own field).
pub fn stats_from_row(
    row: &RawRow,
    cols: &GroupStatColumns,
    tz: FixedOffset,
) -> Result<GroupDayStats, RowRejection> {
    let date_text = cols.date.map_or("", |i| row.cell(i));
    let name_text = cols.group_name.map_or("", |i| row.cell(i));
    if is_total(date_text) || is_total(name_text) {
        return Err(reject(row, "total_row", String::new()));
    }
    let date = match cols.date {
        Some(_) => parse_datetime(date_text, tz).map(|d| d.date_naive()),
        None => cols.snapshot_day,
    }
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
        created: cols
            .created
            .and_then(|i| parse_datetime(row.cell(i), tz))
            .map(|d| d.date_naive()),
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

    #[test]
    fn columns_chosen_by_hand_are_checked_like_found_ones_and_round_trip() {
        let headers = strings(&["日", "群", "人数", "备注"]);
        assert!(
            GroupStatColumns::locate(&headers).is_err(),
            "nothing is known by name"
        );
        let chosen = [
            Some(StatField::Date),
            Some(StatField::GroupName),
            Some(StatField::Count(Stat::MemberTotal)),
            None,
        ];
        let cols = GroupStatColumns::from_fields(&headers, &chosen).unwrap();
        assert_eq!(cols.fields(4), chosen.to_vec());
        let row = RawRow {
            row_number: 2,
            cells: strings(&["2026-11-20", "白茶1群", "248", "x"]),
        };
        let s = stats_from_row(&row, &cols, CHINA_STANDARD_TIME).unwrap();
        assert_eq!(
            (s.group_name.as_deref(), s.member_total),
            (Some("白茶1群"), Some(248))
        );
        let no_count = [
            Some(StatField::Date),
            Some(StatField::GroupName),
            None,
            None,
        ];
        assert!(GroupStatColumns::from_fields(&headers, &no_count).is_err());
    }

    #[test]
    fn snapshots_totals_and_empty_cells() {
        let headers = strings(&[
            "客户群名称",
            "群主",
            "群人数",
            "当日群人数",
            "当日入群",
            "当日退群",
            "创群时间",
            "群ID",
        ]);
        let day = NaiveDate::from_ymd_opt(2024, 3, 7);
        let cols = GroupStatColumns::locate(&headers)
            .unwrap()
            .with_snapshot_day(day);
        assert!(cols.is_snapshot() && cols.has_group_column());
        let row = RawRow {
            row_number: 3,
            cells: strings(&[
                "【福利】白茶团购1群",
                "LinXiaoWen",
                "248",
                "248",
                "3",
                "",
                "2023-11-02 20:00:00",
                "wrOg",
            ]),
        };
        let s = stats_from_row(&row, &cols, CHINA_STANDARD_TIME).unwrap();
        assert_eq!(Some(s.date), day);
        assert_eq!(
            (s.member_total, s.joins, s.leaves),
            (Some(248), Some(3), None)
        );
        assert_eq!(s.created.unwrap().to_string(), "2023-11-02");
        let linkwechat = strings(&["日期", "客群成员总数", "新增客群成员数", "流失客群成员数"]);
        let cols = GroupStatColumns::locate(&linkwechat).unwrap();
        assert!(!cols.has_group_column());
        let total = RawRow {
            row_number: 9,
            cells: strings(&["合计", "", "15", "3"]),
        };
        let err = stats_from_row(&total, &cols, CHINA_STANDARD_TIME).unwrap_err();
        assert!(err.reason_code == "total_row" && err.is_skip());
    }
}
