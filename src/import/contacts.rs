//! Customer-list rows -> [`ContactRecord`]s, the shape the store upserts.
//!
//! [`record_from_row`] reads one [`RawRow`] through a header mapping: texts trimmed, names NFC,
//! gender from 男/女/未知 or 0/1/2, add time in any shape [`dates`](crate::import::dates)
//! knows, tags split per [`ContactOptions::tag_separators`], phone normalised. Columns mapped to
//! no field, and values a field could not take (an unreadable date, an implausible phone), are
//! kept in `custom` under their header, so nothing a user typed is lost. A row with neither
//! name, phone nor external id is a [`RowRejection`] carrying its row number.

use chrono::{DateTime, FixedOffset};

use crate::domain::tag::TagRef;
use crate::import::dates::{CHINA_STANDARD_TIME, parse_datetime};
use crate::import::mapping::{Field, normalize_header, tag_group_name};
use crate::import::normalize::{
    DEFAULT_TAG_SEPARATORS, Gender, normalize_name, normalize_phone, parse_gender, split_tags,
};
use crate::import::table::RawRow;
use crate::import::{ImportError, MAX_COLUMNS};

/// How contact rows are read.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactOptions {
    /// Offset of naive times in the file (exports from China: +08:00).
    pub tz: FixedOffset,
    /// Characters a tag cell is split on.
    pub tag_separators: Vec<char>,
}

impl Default for ContactOptions {
    fn default() -> Self {
        Self {
            tz: CHINA_STANDARD_TIME,
            tag_separators: DEFAULT_TAG_SEPARATORS.to_vec(),
        }
    }
}

/// One customer as read from one row (or several rows, after [`merge`](crate::import::merge)).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ContactRecord {
    /// Row the record was read from (the first one, after merging).
    pub row_number: usize,
    /// WeCom external_userid, when the export has one.
    pub external_id: Option<String>,
    /// Display name, NFC, trimmed (may be empty when a phone or id identifies the row).
    pub name: String,
    /// Remark name given by the staff member.
    pub remark: String,
    /// Free-text description (line breaks kept).
    pub description: String,
    /// Gender, when stated.
    pub gender: Option<Gender>,
    /// Every staff member who added this customer (one per row before merging), earliest first.
    pub staff: Vec<StaffLink>,
    /// When the customer was (first) added.
    pub added_at: Option<DateTime<FixedOffset>>,
    /// Acquisition channel (来源 / 添加渠道).
    pub source: String,
    /// Tags with their group, first seen first, without repeats.
    pub tags: Vec<TagRef>,
    /// Normalised phone digits ([`normalize_phone`]).
    pub phone: Option<String>,
    /// 微信号.
    pub wechat_id: Option<String>,
    /// WeChat's internal id (`wxid_…`); an identity like the external id.
    pub wxid: Option<String>,
    /// The customer's company.
    pub corp: String,
    /// Unmapped header -> value (non-empty values only), in column order.
    pub custom: Vec<(String, String)>,
}

/// One staff member who added the customer, with what the row says about that link.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct StaffLink {
    /// Display name (添加人); may be empty when only the userid is known.
    pub name: String,
    /// WeCom userid (添加人账号), empty when the export has none.
    pub userid: String,
    /// Department (添加人所属部门), empty when the export has none.
    pub department: String,
    /// When this staff member added the customer.
    pub added_at: Option<DateTime<FixedOffset>>,
}

impl StaffLink {
    /// Same staff member: same userid when both have one, else same name.
    pub fn same_member(&self, other: &StaffLink) -> bool {
        if !self.userid.is_empty() && !other.userid.is_empty() {
            self.userid == other.userid
        } else {
            !self.name.is_empty() && self.name == other.name
        }
    }
}

impl ContactRecord {
    /// Names of the adding staff members, in order (userid when a link has no name).
    pub fn staff_names(&self) -> Vec<&str> {
        self.staff
            .iter()
            .map(|s| {
                if s.name.is_empty() {
                    &s.userid
                } else {
                    &s.name
                }
                .as_str()
            })
            .collect()
    }
}

/// A row that could not become a record, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowRejection {
    /// 1-based row number in the file.
    pub row_number: usize,
    /// Stable snake_case id the GUI translates: `no_identity`, `repeated_header`, and the
    /// [`SKIP_REASONS`] (rows that are rightly not imported, counted but not errors).
    pub reason_code: &'static str,
    /// English detail for logs.
    pub detail: String,
}

/// Reasons a row is left out that are not problems with the file: a group chat in a contact
/// list, an unpaid order, a 合计 row, another conversation of a multi-conversation chat export.
pub const SKIP_REASONS: [&str; 5] = [
    "not_a_person",
    "not_paid",
    "total_row",
    "other_conversations",
    "duplicate",
];

impl RowRejection {
    /// Whether the row was rightly left out (counted as skipped, not shown as an error).
    pub fn is_skip(&self) -> bool {
        SKIP_REASONS.contains(&self.reason_code)
    }
}

/// Whether a WeChat user name is a group chat (`…@chatroom`) or an official account (`gh_…`).
pub fn is_not_a_person(wxid: &str) -> bool {
    wxid.ends_with("@chatroom") || wxid.starts_with("gh_")
}

/// Checks that a mapping can identify customers at all (a name, phone or external id column).
pub fn check_mapping(headers: &[String], mapping: &[Option<Field>]) -> Result<(), ImportError> {
    let identity = [
        Field::Name,
        Field::Phone,
        Field::ExternalUserid,
        Field::Wxid,
    ];
    if mapping.iter().flatten().any(|f| identity.contains(f)) {
        Ok(())
    } else {
        Err(ImportError::UnknownKind {
            headers: headers.to_vec(),
        })
    }
}

/// The Excel column letters of a 0-based index (`0` -> `A`, `27` -> `AB`).
pub fn column_letters(index: usize) -> String {
    let mut n = index.min(MAX_COLUMNS * 20) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads one row into a record through `mapping` (one entry per header).
pub fn record_from_row(
    row: &RawRow,
    headers: &[String],
    mapping: &[Option<Field>],
    opts: &ContactOptions,
) -> Result<ContactRecord, RowRejection> {
    if is_repeated_header(row, headers) {
        return Err(RowRejection {
            row_number: row.row_number,
            reason_code: "repeated_header",
            detail: "the row repeats the header".to_string(),
        });
    }
    let mut rec = ContactRecord {
        row_number: row.row_number,
        ..ContactRecord::default()
    };
    let mut link = StaffLink::default();
    let mut department_header = String::new();
    for (index, raw) in row.cells.iter().enumerate() {
        let value = raw.trim();
        if value.is_empty() {
            continue;
        }
        let header = headers
            .get(index)
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| column_letters(index));
        let field = mapping.get(index).copied().flatten();
        if field == Some(Field::Department) {
            department_header.clone_from(&header);
        }
        if !apply(&mut rec, &mut link, field, &header, value, opts) {
            rec.custom.push((header, raw.to_string()));
        }
    }
    if !link.name.is_empty() || !link.userid.is_empty() {
        link.added_at = rec.added_at;
        rec.staff.push(link);
    } else if !link.department.is_empty() {
        // A department with nobody in it: keep what was typed.
        rec.custom.push((department_header, link.department));
    }
    if let Some(wxid) = rec.wxid.as_deref()
        && is_not_a_person(wxid)
    {
        return Err(RowRejection {
            row_number: row.row_number,
            reason_code: "not_a_person",
            detail: format!("{wxid} is a group chat or an official account"),
        });
    }
    if rec.name.is_empty() && rec.phone.is_none() && rec.external_id.is_none() && rec.wxid.is_none()
    {
        return Err(RowRejection {
            row_number: row.row_number,
            reason_code: "no_identity",
            detail: "no name, phone or external_userid".to_string(),
        });
    }
    Ok(rec)
}

/// Stores `value` in the field (staff columns go to the row's one staff `link`); returns false
/// when it belongs in `custom` instead: unreadable, or a second column for a field already
/// filled with something else.
fn apply(
    rec: &mut ContactRecord,
    link: &mut StaffLink,
    field: Option<Field>,
    header: &str,
    value: &str,
    opts: &ContactOptions,
) -> bool {
    let Some(field) = field else {
        return false;
    };
    match field {
        Field::Name => fill(&mut rec.name, &normalize_name(value)),
        Field::Remark => fill(&mut rec.remark, value),
        Field::Description => fill(&mut rec.description, value),
        Field::Source => fill(&mut rec.source, value),
        Field::Corp => fill(&mut rec.corp, value),
        Field::Staff => fill(&mut link.name, value),
        Field::StaffUserid => fill(&mut link.userid, value),
        Field::Department => fill(&mut link.department, value),
        Field::Gender => fill_option(&mut rec.gender, parse_gender(value)),
        Field::AddTime => fill_option(&mut rec.added_at, parse_datetime(value, opts.tz)),
        Field::Phone => fill_option(&mut rec.phone, normalize_phone(value)),
        Field::ExternalUserid => fill_option(&mut rec.external_id, Some(value.to_string())),
        Field::WechatId => fill_option(&mut rec.wechat_id, Some(value.to_string())),
        Field::Wxid => fill_option(&mut rec.wxid, Some(value.to_string())),
        Field::Tags | Field::GroupedTags => {
            let group = match field {
                Field::GroupedTags => tag_group_name(header).unwrap_or_default(),
                _ => String::new(),
            };
            for name in split_tags(value, &opts.tag_separators) {
                let tag = TagRef {
                    group: group.clone(),
                    name,
                };
                if !rec.tags.contains(&tag) {
                    rec.tags.push(tag);
                }
            }
            true
        }
    }
}

/// Sets an empty text slot; a second column for the same field never overwrites (and its
/// value, when different, is kept as a custom field).
fn fill(slot: &mut String, value: &str) -> bool {
    if slot.is_empty() {
        *slot = value.to_string();
    }
    slot == value
}

/// [`fill`] for a parsed value: `None` (unreadable) and a differing second value go to custom.
fn fill_option<T: PartialEq>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match (slot.as_ref(), value) {
        (_, None) => false,
        (None, Some(v)) => {
            *slot = Some(v);
            true
        }
        (Some(have), Some(v)) => *have == v,
    }
}

fn is_repeated_header(row: &RawRow, headers: &[String]) -> bool {
    headers.len() >= 2
        && headers
            .iter()
            .enumerate()
            .all(|(i, h)| normalize_header(row.cell(i)) == normalize_header(h))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use crate::import::auto_map;

    fn headers() -> Vec<String> {
        [
            "客户名称",
            "性别",
            "添加人",
            "添加时间",
            "企业标签",
            "手机",
            "流失状态",
            "",
            "客户ID",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn read(cells: &[&str]) -> Result<ContactRecord, RowRejection> {
        read_row(7, &headers(), cells)
    }

    #[test]
    fn reads_mapped_fields_and_keeps_the_rest() {
        let rec = read(&[
            " 陈堃 ",
            "2",
            "林晓雯",
            "2024-03-31 22:00:00 +0800 CST",
            "VIP；普洱,VIP",
            "+86 138 0012 3456",
            "已流失",
            "extra",
            "wm1",
        ])
        .unwrap();
        assert_eq!(rec.row_number, 7);
        assert_eq!(rec.name, "陈堃");
        assert_eq!(rec.gender, Some(Gender::Female));
        assert_eq!(rec.staff_names(), ["林晓雯"]);
        assert_eq!(rec.staff[0].added_at, rec.added_at);
        assert_eq!(
            rec.added_at.unwrap().to_rfc3339(),
            "2024-03-31T22:00:00+08:00"
        );
        assert_eq!(rec.tags, ["VIP", "普洱"]);
        assert_eq!(rec.phone.as_deref(), Some("13800123456"));
        assert_eq!(rec.external_id.as_deref(), Some("wm1"));
        assert_eq!(
            rec.custom,
            [
                ("流失状态".to_string(), "已流失".to_string()),
                ("H".to_string(), "extra".to_string())
            ]
        );
    }

    #[test]
    fn unreadable_values_are_kept_as_custom_not_lost() {
        let rec = read(&["小王", "保密?", "", "上周", "", "12345"]).unwrap();
        assert_eq!(rec.gender, None);
        assert_eq!(rec.added_at, None);
        assert_eq!(rec.phone, None);
        let keys: Vec<&str> = rec.custom.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["性别", "添加时间", "手机"]);
        assert!(rec.staff.is_empty());
        let with_userid = read(&["小王", "", "", "", "", "", "", "", "", "LinXiaoWen"]);
        assert_eq!(
            with_userid.unwrap().custom.len(),
            1,
            "no userid column mapped here"
        );
    }

    #[test]
    fn rows_without_identity_or_repeating_the_header_are_rejected() {
        let no_id = read(&["", "1", "林晓雯", "", "VIP"]).unwrap_err();
        assert_eq!((no_id.row_number, no_id.reason_code), (7, "no_identity"));
        let phone_only = read(&["", "", "", "", "", "13800123456"]).unwrap();
        assert_eq!(phone_only.name, "");
        let header = headers();
        let cells: Vec<&str> = header.iter().map(String::as_str).collect();
        assert_eq!(read(&cells).unwrap_err().reason_code, "repeated_header");
    }

    fn read_with(headers: &[&str], cells: &[&str]) -> Result<ContactRecord, RowRejection> {
        let headers: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        read_row(2, &headers, cells)
    }

    fn read_row(
        row_number: usize,
        headers: &[String],
        cells: &[&str],
    ) -> Result<ContactRecord, RowRejection> {
        let row = RawRow {
            row_number,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        };
        record_from_row(
            &row,
            headers,
            &auto_map(headers),
            &ContactOptions::default(),
        )
    }

    #[test]
    fn wechat_contacts_keep_wxid_and_skip_group_chats() {
        let headers = [
            "UserName",
            "Alias",
            "Remark",
            "NickName",
            "label",
            "telephone",
        ];
        let rec = read_with(
            &headers,
            &[
                "wxid_a1",
                "fangfang_88",
                "王芳(3栋)",
                "芳芳",
                "VIP客户",
                "13800138001",
            ],
        )
        .unwrap();
        assert_eq!(rec.wxid.as_deref(), Some("wxid_a1"));
        assert_eq!(rec.wechat_id.as_deref(), Some("fangfang_88"));
        assert_eq!(
            (rec.name.as_str(), rec.remark.as_str()),
            ("芳芳", "王芳(3栋)")
        );
        assert_eq!(rec.tags, ["VIP客户"]);
        for not_a_person in ["45821976532@chatroom", "gh_5e6f7a8b9c0d"] {
            let err = read_with(&headers, &[not_a_person, "", "", "群", "", ""]).unwrap_err();
            assert_eq!(err.reason_code, "not_a_person");
            assert!(err.is_skip());
        }
    }

    #[test]
    fn second_columns_fill_in_and_tag_groups_come_from_the_header() {
        let youzan = ["客户姓名", "客户昵称", "客户手机号", "客户性别"];
        let nick_only = read_with(&youzan, &["", "沙拉", "186******05", "其他"]).unwrap();
        assert_eq!(nick_only.name, "沙拉", "客户昵称 when 客户姓名 is empty");
        assert_eq!(nick_only.phone, None, "a masked phone is no phone");
        assert_eq!(nick_only.gender, Some(Gender::Unknown));
        let both = read_with(&youzan, &["王芳", "芳芳", "13800138001", "女"]).unwrap();
        assert_eq!(both.name, "王芳");
        assert_eq!(
            both.custom,
            [("客户昵称".to_string(), "芳芳".to_string())],
            "the other name is kept"
        );
        let wecom = [
            "客户名称",
            "手机",
            "电话",
            "标签组1(学员等级)",
            "标签组2(来源)",
        ];
        let rec = read_with(
            &wecom,
            &["陈小燕", "", "0571-88886666", "VIP、年卡", "老带新"],
        )
        .unwrap();
        assert_eq!(
            rec.phone.as_deref(),
            Some("057188886666"),
            "电话 when 手机 is empty"
        );
        assert_eq!(
            rec.tags,
            [
                TagRef::grouped("学员等级", "VIP"),
                TagRef::grouped("学员等级", "年卡"),
                TagRef::grouped("来源", "老带新")
            ]
        );
    }

    #[test]
    fn mapping_must_identify_customers() {
        let h = headers();
        assert!(check_mapping(&h, &auto_map(&h)).is_ok());
        let only_tags = vec![Some(Field::Tags), None];
        let err = check_mapping(&h[..2], &only_tags).unwrap_err();
        assert_eq!(err.code(), "unknown_kind");
    }

    #[test]
    fn column_letters_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
