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
    /// 微信号 (the ID a person chose; WeChatMsg `Alias`).
    WechatId,
    /// wxid (WeChat's internal user name, WeChatMsg `UserName`): links chat senders.
    Wxid,
    /// A `标签组N(组名)` column: tags in the tag group named in the header.
    GroupedTags,
}

impl Field {
    /// Every field, in display order.
    pub const ALL: [Field; 16] = [
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
        Field::WechatId,
        Field::Wxid,
        Field::GroupedTags,
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
            Field::WechatId => "wechat_id",
            Field::Wxid => "wxid",
            Field::GroupedTags => "grouped_tags",
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
            Field::Gender => &["性别", "客户性别", "gender", "sex"],
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
                "成为客户时间",
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
                "来源渠道",
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
                "客户手机号",
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
            Field::WechatId => &["微信号", "微信id", "wechatid", "wechat", "alias"],
            Field::Wxid => &["wxid", "username", "微信原始id", "原始id"],
            // Recognised by its shape, see `tag_group_name`.
            Field::GroupedTags => &[],
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

/// The tag group a WeCom tag column names: `标签组1(学员等级)` → `学员等级` (either bracket width).
pub fn tag_group_name(header: &str) -> Option<String> {
    let h: String = header.nfkc().collect();
    let rest = h.trim().strip_prefix("标签组")?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let inner = rest.strip_prefix('(')?.strip_suffix(')')?.trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

/// The field a single header means, if any.
pub fn field_for_header(header: &str) -> Option<Field> {
    if tag_group_name(header).is_some() {
        return Some(Field::GroupedTags);
    }
    let norm = normalize_header(header);
    if norm.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.aliases().iter().any(|a| normalize_header(a) == norm))
}

/// Maps every header to a field. Two columns may mean the same field (有赞's 客户姓名 and
/// 客户昵称, WeCom's 手机 and 电话): the first non-empty one fills it and a differing value in a
/// later one is kept as a custom field, so nothing is lost.
pub fn auto_map(headers: &[String]) -> Vec<Option<Field>> {
    headers.iter().map(|h| field_for_header(h)).collect()
}

/// A column target of one kind of file, as the user picks it by hand: in the review's menus, with
/// `qunzhu import --map HEADER=KEY`, and in a remembered mapping. One contract for the four kinds.
pub trait ColumnTarget: Copy + PartialEq + 'static {
    /// Every target, in menu order.
    const TARGETS: &'static [Self];
    /// Stable name (`--map` and remembered mappings; never change one).
    fn key(self) -> &'static str;
    /// Each column's target as its header alone says.
    fn from_headers(headers: &[String]) -> Vec<Option<Self>>;
    /// The target named `key`.
    fn from_key(key: &str) -> Option<Self> {
        Self::TARGETS.iter().copied().find(|t| t.key() == key)
    }
}

impl ColumnTarget for Field {
    const TARGETS: &'static [Self] = &Field::ALL;
    fn key(self) -> &'static str {
        Field::key(self)
    }
    fn from_headers(headers: &[String]) -> Vec<Option<Self>> {
        auto_map(headers)
    }
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
        assert_eq!(mapped, Field::ALL[..13].to_vec());
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
        assert_eq!(
            mapped[3],
            Some(Field::Phone),
            "a second phone column fills in when the first is empty"
        );
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
    fn wechat_contacts_and_tag_group_columns() {
        let headers = strings(&[
            "UserName",
            "Alias",
            "Remark",
            "NickName",
            "label",
            "telephone",
        ]);
        assert_eq!(
            auto_map(&headers),
            [
                Some(Field::Wxid),
                Some(Field::WechatId),
                Some(Field::Remark),
                Some(Field::Name),
                Some(Field::Tags),
                Some(Field::Phone)
            ]
        );
        assert_eq!(
            tag_group_name("标签组1(学员等级)").as_deref(),
            Some("学员等级")
        );
        assert_eq!(tag_group_name("标签组12（来源）").as_deref(), Some("来源"));
        assert_eq!(tag_group_name("标签组"), None);
        assert_eq!(tag_group_name("标签组1()"), None);
        assert_eq!(field_for_header("标签组2(来源)"), Some(Field::GroupedTags));
        assert_eq!(field_for_header("标签组"), Some(Field::Tags));
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
