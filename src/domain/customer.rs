//! The customer: profile fields, and the compact row the customer book draws.

use super::tag::Tag;
use super::time::Stamp;

/// Gender as WeCom exports it (0 unknown, 1 male, 2 female).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

impl Gender {
    /// Every value, in the order the editor offers them.
    pub const ALL: [Gender; 3] = [Gender::Unknown, Gender::Male, Gender::Female];

    /// The stored code (WeCom's own numbering).
    pub fn code(self) -> i64 {
        match self {
            Gender::Unknown => 0,
            Gender::Male => 1,
            Gender::Female => 2,
        }
    }

    /// Stable id: `unknown`, `male`, `female` (exports, JSON).
    pub fn key(self) -> &'static str {
        match self {
            Gender::Unknown => "unknown",
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    /// The gender stored under `code`; anything unknown reads as `Unknown`.
    pub fn from_code(code: i64) -> Gender {
        match code {
            1 => Gender::Male,
            2 => Gender::Female,
            _ => Gender::Unknown,
        }
    }
}

/// A customer's profile as the detail panel edits it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Customer {
    /// 0 for a customer not yet stored.
    pub id: i64,
    pub external_id: Option<String>,
    pub name: String,
    pub remark: String,
    pub description: String,
    pub phone: Option<String>,
    pub wechat_id: Option<String>,
    /// WeChat's internal id (`wxid_…`), from a WeChat contacts export; links chat senders.
    pub wxid: Option<String>,
    pub gender: Gender,
    pub corp: String,
    pub city: String,
    pub source: String,
    pub added_at: Option<Stamp>,
    pub last_contact_at: Option<Stamp>,
    /// Columns an import could not map, kept verbatim (header, value).
    pub custom: Vec<(String, String)>,
}

impl Customer {
    /// The name to address the customer by: the remark name if set, else the WeChat name.
    pub fn display_name(&self) -> &str {
        if self.remark.trim().is_empty() {
            &self.name
        } else {
            &self.remark
        }
    }

    /// Whether the profile carries anything a person could recognise the customer by.
    pub fn is_identifiable(&self) -> bool {
        !self.name.trim().is_empty()
            || !self.remark.trim().is_empty()
            || self.phone.as_deref().is_some_and(|p| !p.is_empty())
            || self.external_id.as_deref().is_some_and(|p| !p.is_empty())
    }
}

/// Hides the middle of a phone number for lists shown over a shoulder: `138****3456`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// One line of the customer table: just what the visible columns show.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    pub remark: String,
    pub tags: Vec<Tag>,
    pub staff: Vec<String>,
    pub added_at: Option<Stamp>,
    pub last_contact_at: Option<Stamp>,
    pub groups: Vec<String>,
}

/// Everything an export writes about one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerExport {
    pub customer: Customer,
    /// Staff who added the customer, with when each did.
    pub staff: Vec<(String, Option<Stamp>)>,
    /// Tags with their group (`""` for none), in the order they were given.
    pub tags: Vec<crate::domain::tag::TagRef>,
    /// Every purchase, oldest first.
    pub purchases: Vec<ExportedPurchase>,
}

/// A purchase as a customer export carries it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExportedPurchase {
    /// The shop's order number (imported orders), `None` for hand-entered purchases.
    pub order_no: Option<String>,
    /// RFC 3339 in the export's offset.
    pub at: String,
    pub amount_cents: i64,
    pub items: String,
    /// Always `paid`: unpaid orders are never stored as purchases.
    pub status: &'static str,
}

/// A staff member (添加人) who adds customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: i64,
    pub name: String,
}

/// A community group, as far as the customer book needs it (a filter and a column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRef {
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_prefers_the_remark() {
        let mut c = Customer {
            name: "小鹿🦌".into(),
            ..Customer::default()
        };
        assert_eq!(c.display_name(), "小鹿🦌");
        c.remark = "小鹿-杭州-白茶".into();
        assert_eq!(c.display_name(), "小鹿-杭州-白茶");
    }

    #[test]
    fn phones_are_masked_in_the_middle() {
        assert_eq!(mask_phone("13800123456"), "138****3456");
        assert_eq!(mask_phone("02112345678"), "021****5678");
        assert_eq!(mask_phone("12345"), "*****");
    }

    #[test]
    fn gender_codes_round_trip() {
        for g in Gender::ALL {
            assert_eq!(Gender::from_code(g.code()), g);
        }
        assert_eq!(Gender::from_code(7), Gender::Unknown);
    }

    #[test]
    fn a_blank_customer_is_not_identifiable() {
        assert!(!Customer::default().is_identifiable());
        let c = Customer {
            phone: Some("13800123456".into()),
            ..Customer::default()
        };
        assert!(c.is_identifiable());
    }
}
