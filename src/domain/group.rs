//! 社群: a community group with its type, positioning, owner and the texts a manager pastes into it
//! (welcome message, rules, announcement). Archived groups drop out of filters and plans.

use chrono::NaiveDate;

/// The group types offered in the editor; any other text is a custom type.
pub const GROUP_KINDS: [&str; 4] = ["引流群", "福利群", "快闪群", "VIP群"];

/// Longest group name accepted (WeChat allows 30 characters; leave room for prefixes).
pub const MAX_NAME_CHARS: usize = 60;

/// A community group as the group editor edits it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    /// 0 for a group not yet stored.
    pub id: i64,
    pub name: String,
    /// 引流群 / 福利群 / 快闪群 / VIP群, or a custom type.
    pub kind: String,
    pub positioning: String,
    pub owner: String,
    pub created_on: Option<NaiveDate>,
    pub welcome: String,
    pub rules: String,
    pub announcement: String,
    pub archived: bool,
}

/// Why a group cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupProblem {
    EmptyName,
    NameTooLong,
}

impl Group {
    /// A new group named `name` of type `kind`, created on `created_on`.
    pub fn new(name: &str, kind: &str, created_on: Option<NaiveDate>) -> Self {
        Self {
            name: name.trim().to_string(),
            kind: kind.trim().to_string(),
            created_on,
            ..Self::default()
        }
    }

    /// Whether the type is one of the standard ones.
    pub fn has_standard_kind(&self) -> bool {
        GROUP_KINDS.contains(&self.kind.as_str())
    }

    /// What is wrong with the group, if anything.
    pub fn problem(&self) -> Option<GroupProblem> {
        let name = self.name.trim();
        if name.is_empty() {
            Some(GroupProblem::EmptyName)
        } else if name.chars().count() > MAX_NAME_CHARS {
            Some(GroupProblem::NameTooLong)
        } else {
            None
        }
    }

    /// The group with surrounding whitespace removed from its name and type.
    pub fn trimmed(mut self) -> Self {
        self.name = self.name.trim().to_string();
        self.kind = self.kind.trim().to_string();
        self.owner = self.owner.trim().to_string();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_and_custom_kinds() {
        let mut g = Group::new("白茶品鉴1群", "VIP群", None);
        assert!(g.has_standard_kind());
        g.kind = "私董会".into();
        assert!(!g.has_standard_kind());
    }

    #[test]
    fn a_name_is_required_and_bounded() {
        assert_eq!(
            Group::new("  ", "", None).problem(),
            Some(GroupProblem::EmptyName)
        );
        let long = "群".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            Group::new(&long, "", None).problem(),
            Some(GroupProblem::NameTooLong)
        );
        assert_eq!(Group::new("宝妈茶话会", "福利群", None).problem(), None);
    }

    #[test]
    fn trimmed_cleans_the_short_fields_only() {
        let g = Group {
            name: " 上海茶友会 ".into(),
            kind: " 福利群".into(),
            owner: "林晓雯 ".into(),
            welcome: "  欢迎！\n".into(),
            ..Group::default()
        }
        .trimmed();
        assert_eq!(g.name, "上海茶友会");
        assert_eq!(g.kind, "福利群");
        assert_eq!(g.owner, "林晓雯");
        assert_eq!(g.welcome, "  欢迎！\n", "long texts keep their layout");
    }
}
