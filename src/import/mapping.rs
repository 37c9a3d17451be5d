//! Header -> field mapping: Chinese and English synonyms seen in real exports.
//!
//! [`auto_map`] maps each header to at most one [`Field`] (the first column wins when two headers
//! mean the same field); columns left unmapped are kept as custom fields by the contact reader,
//! never dropped. [`header_signature`] identifies a header layout so the GUI can remember a
//! user's corrected mapping for the next file of the same shape.

use unicode_normalization::UnicodeNormalization;

/// A customer field a column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 客户名称 / 昵称.
    Name,
    /// 备注 (the staff member's remark name).
    Remark,
    /// 描述 (free text).
    Description,
    /// 性别.
    Gender,
    /// 添加人 (display name of the staff member who added the customer).
    Staff,
    /// 添加人账号 (the staff member's WeCom userid).
    StaffUserid,
    /// 添加人所属部门.
    Department,
    /// 添加时间.
    AddTime,
    /// 来源 / 添加渠道.
    Source,
    /// 企业标签.
    Tags,
    /// 手机.
    Phone,
    /// 企业 (the customer's company).
    Corp,
    /// external_userid.
    ExternalUserid,
}

impl Field {
    /// Every field, in display order.
    pub const ALL: [Field; 13] = [
        Field::Name,
        Field::Remark,
        Field::Description,
        Field::Gender,
        Field::Staff,
        Field::StaffUserid,
        Field::Department,
        Field::AddTime,
        Field::Source,
        Field::Tags,
        Field::Phone,
        Field::Corp,
        Field::ExternalUserid,
    ];

    /// Stable id, stored with remembered mappings (never change one).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Remark => "remark",
            Field::Description => "description",
            Field::Gender => "gender",
            Field::Staff => "staff",
            Field::StaffUserid => "staff_userid",
            Field::Department => "department",
            Field::AddTime => "add_time",
            Field::Source => "source",
            Field::Tags => "tags",
            Field::Phone => "phone",
            Field::Corp => "corp",
            Field::ExternalUserid => "external_userid",
        }
    }

    /// The field with this [`key`](Field::key).
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Header synonyms (compared after [`normalize_header`]).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "客户名称",
                "客户姓名",
                "客户昵称",
                "姓名",
                "名称",
                "昵称",
                "微信昵称",
                "客户",
                "nickname",
                "name",
                "customer",
                "customername",
                "fullname",
                "contact",
            ],
            Field::Remark => &[
                "客户备注",
                "备注",
                "备注名",
                "客户备注名",
                "客户系统备注",
                "remark",
                "remarkname",
                "alias",
            ],
            Field::Description => &[
                "描述",
                "客户描述",
                "描述信息",
                "description",
                "desc",
                "notes",
                "note",
            ],
            Field::Gender => &["性别", "gender", "sex"],
            Field::Staff => &[
                "添加人",
                "跟进员工",
                "跟进人",
                "所属客服",
                "添加员工",
                "所属企微号",
                "所属员工",
                "员工",
                "staff",
                "owner",
                "addedby",
                "followup",
                "followupstaff",
            ],
            Field::StaffUserid => &[
                "添加人账号",
                "userid",
                "企微编号",
                "员工账号",
                "staffuserid",
                "staffid",
            ],
            Field::Department => &["添加人所属部门", "所属部门", "部门", "department", "dept"],
            Field::AddTime => &[
                "添加时间",
                "添加好友时间",
                "首次添加时间",
                "addtime",
                "addedat",
                "createtime",
                "createdat",
                "created",
                "dateadded",
            ],
            Field::Source => &[
                "来源",
                "添加渠道",
                "添加方式",
                "客户来源",
                "source",
                "channel",
            ],
            Field::Tags => &[
                "企业标签",
                "标签",
                "客户标签",
                "标签组",
                "tags",
                "tag",
                "labels",
                "label",
            ],
            Field::Phone => &[
                "手机",
                "手机号",
                "电话",
                "手机号码",
                "企微手机号",
                "系统手机",
                "联系电话",
                "电话号码",
                "phone",
                "mobile",
                "tel",
                "telephone",
                "phonenumber",
                "mobilephone",
                "cellphone",
            ],
            Field::Corp => &[
                "企业",
                "企业名称",
                "所属企业",
                "公司",
                "公司名称",
                "company",
                "corp",
                "corpname",
                "organization",
                "organisation",
            ],
            Field::ExternalUserid => &[
                "externaluserid",
                "外部联系人id",
                "客户id",
                "客户编号",
                "externalid",
                "customerid",
            ],
        }
    }
}

/// Canonical form of a header for matching: NFKC (full-width -> ASCII), lower case, without
/// spaces, `_`, `-`, `*`, a BOM, or a trailing bracketed hint such as `手机号(选填)`.
pub fn normalize_header(header: &str) -> String {
    let mut s: String = header
        .nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*' | '\u{feff}' | '\u{200b}'))
        .flat_map(char::to_lowercase)
        .collect();
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
        && open > 0
    {
        s.truncate(open);
    }
    s
}

/// The field a single header means, if any.
pub fn field_for_header(header: &str) -> Option<Field> {
    let norm = normalize_header(header);
    if norm.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.aliases().iter().any(|a| normalize_header(a) == norm))
}

/// Maps every header to a field; the first column wins when two headers mean the same field.
pub fn auto_map(headers: &[String]) -> Vec<Option<Field>> {
    let mut taken: Vec<Field> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let field = field_for_header(h).filter(|f| !taken.contains(f))?;
            taken.push(field);
            Some(field)
        })
        .collect()
}

/// A stable id of a header layout: `v1-<count>-<FNV-1a 64 of the normalised headers>`.
///
/// Insensitive to case, spacing and full-width forms; sensitive to order and to every column.
pub fn header_signature(headers: &[String]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    for header in headers {
        for byte in normalize_header(header).bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("v1-{}-{hash:016x}", headers.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn wecom_headers_map_fully() {
        let headers = strings(&[
            "客户名称",
            "客户备注",
            "描述",
            "性别",
            "添加人",
            "添加人账号",
            "添加人所属部门",
            "添加时间",
            "来源",
            "企业标签",
            "手机",
            "企业",
            "external_userid",
        ]);
        let mapped: Vec<_> = auto_map(&headers).into_iter().map(Option::unwrap).collect();
        assert_eq!(mapped, Field::ALL.to_vec());
    }

    #[test]
    fn english_and_decorated_headers() {
        let headers = strings(&[
            "Name",
            " Phone Number ",
            "TAGS",
            "手机号（选填）",
            "Company",
            "x",
        ]);
        let mapped = auto_map(&headers);
        assert_eq!(mapped[0], Some(Field::Name));
        assert_eq!(mapped[1], Some(Field::Phone));
        assert_eq!(mapped[2], Some(Field::Tags));
        assert_eq!(mapped[3], None, "second phone column stays a custom field");
        assert_eq!(mapped[4], Some(Field::Corp));
        assert_eq!(mapped[5], None);
        assert_eq!(
            field_for_header("ｅｘｔｅｒｎａｌ＿ｕｓｅｒｉｄ"),
            Some(Field::ExternalUserid)
        );
        assert_eq!(field_for_header("userid"), Some(Field::StaffUserid));
        assert_eq!(field_for_header("流失状态"), None);
        assert_eq!(field_for_header(""), None);
    }

    #[test]
    fn keys_round_trip_and_are_unique() {
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
        assert_eq!(Field::from_key("nope"), None);
    }

    #[test]
    fn no_alias_is_claimed_by_two_fields() {
        let mut seen = std::collections::HashMap::new();
        for f in Field::ALL {
            for a in f.aliases() {
                let prev = seen.insert(normalize_header(a), f);
                assert!(prev.is_none(), "{a} claimed twice");
            }
        }
    }

    #[test]
    fn signature_is_stable_and_normalised() {
        let a = header_signature(&strings(&["客户名称", "手机"]));
        let b = header_signature(&strings(&[" 客户名称", "手机 "]));
        let c = header_signature(&strings(&["手机", "客户名称"]));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.starts_with("v1-2-"));
    }
}
