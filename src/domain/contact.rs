//! A customer as an import brings it in, before it meets the database: the de-duplication key
//! and the policy for a customer who is already there.

use super::customer::Gender;
use super::tag::TagRef;
use super::time::Stamp;

/// What to do when an incoming customer is already in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DedupPolicy {
    /// Fill empty fields, union tags, keep every adding staff member, keep the earliest add time.
    #[default]
    Merge,
    /// Leave the stored customer as it is.
    Skip,
    /// The incoming values replace the stored ones (empty incoming values change nothing).
    Overwrite,
}

impl DedupPolicy {
    /// Every policy, in the order the import screen offers them.
    pub const ALL: [DedupPolicy; 3] = [
        DedupPolicy::Merge,
        DedupPolicy::Skip,
        DedupPolicy::Overwrite,
    ];

    /// `merge` / `skip` / `overwrite`.
    pub fn key(self) -> &'static str {
        match self {
            DedupPolicy::Merge => "merge",
            DedupPolicy::Skip => "skip",
            DedupPolicy::Overwrite => "overwrite",
        }
    }

    /// Parses a key (command line `--policy`).
    pub fn from_key(key: &str) -> Option<DedupPolicy> {
        DedupPolicy::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A staff member who added the customer, as the export names them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaffAdd {
    pub name: String,
    pub userid: Option<String>,
    pub department: Option<String>,
    pub added_at: Option<Stamp>,
}

/// One customer ready to be stored (several rows of one file may already be merged into it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncomingContact {
    pub external_id: Option<String>,
    pub name: String,
    pub remark: String,
    pub description: String,
    pub gender: Gender,
    pub phone: Option<String>,
    /// 微信号.
    pub wechat_id: Option<String>,
    /// WeChat's internal id (`wxid_…`).
    pub wxid: Option<String>,
    pub corp: String,
    pub source: String,
    pub added_at: Option<Stamp>,
    pub staff: Vec<StaffAdd>,
    pub tags: Vec<TagRef>,
    pub custom: Vec<(String, String)>,
}

/// Fills `target` from `incoming` where `target` is empty.
pub fn fill_empty(target: &mut String, incoming: &str) {
    if target.trim().is_empty() && !incoming.trim().is_empty() {
        *target = incoming.trim().to_string();
    }
}

/// Replaces `target` with `incoming` unless `incoming` is empty.
pub fn overwrite_unless_empty(target: &mut String, incoming: &str) {
    if !incoming.trim().is_empty() {
        *target = incoming.trim().to_string();
    }
}

/// The earlier of two optional instants.
pub fn earliest(a: Option<Stamp>, b: Option<Stamp>) -> Option<Stamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.unix_s < a.unix_s { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Appends the items of `more` not yet in `list`, keeping first-seen order.
pub fn union_in_order(list: &mut Vec<String>, more: &[String]) {
    for item in more {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_round_trip_their_keys() {
        for p in DedupPolicy::ALL {
            assert_eq!(DedupPolicy::from_key(p.key()), Some(p));
        }
        assert_eq!(DedupPolicy::from_key("replace"), None);
    }

    #[test]
    fn fill_and_overwrite_respect_empty_values() {
        let mut s = String::new();
        fill_empty(&mut s, " 王总 ");
        assert_eq!(s, "王总");
        fill_empty(&mut s, "李总");
        assert_eq!(s, "王总");
        overwrite_unless_empty(&mut s, "  ");
        assert_eq!(s, "王总");
        overwrite_unless_empty(&mut s, "李总");
        assert_eq!(s, "李总");
    }

    #[test]
    fn earliest_keeps_the_earlier_and_ignores_missing() {
        let a = Stamp {
            unix_s: 10,
            offset_min: 480,
        };
        let b = Stamp {
            unix_s: 5,
            offset_min: 0,
        };
        assert_eq!(earliest(Some(a), Some(b)), Some(b));
        assert_eq!(earliest(None, Some(a)), Some(a));
        assert_eq!(earliest(None, None), None);
    }

    #[test]
    fn union_keeps_first_seen_order() {
        let mut tags = vec!["普洱".to_string(), "老客".to_string()];
        union_in_order(&mut tags, &["老客".into(), "茶具".into(), "普洱".into()]);
        assert_eq!(tags, vec!["普洱", "老客", "茶具"]);
    }
}
