//! What the customer book is currently showing: filter and sort, as plain data the store turns into SQL.

use chrono::NaiveDate;

use super::segment::{Lifecycle, Segment};

/// How a set of tags restricts the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TagMatch {
    /// Customers carrying every selected tag.
    #[default]
    All,
    /// Customers carrying at least one selected tag.
    Any,
}

/// The columns the customer table can sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    Name,
    Remark,
    Tags,
    Staff,
    #[default]
    Added,
    LastContact,
    Groups,
}

/// The customer book's filter; the default shows everyone, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerFilter {
    /// Free text, matched through the search index.
    pub query: String,
    pub tag_ids: Vec<i64>,
    pub tag_match: TagMatch,
    pub staff_id: Option<i64>,
    pub group_id: Option<i64>,
    /// Inclusive local days.
    pub added_from: Option<NaiveDate>,
    pub added_to: Option<NaiveDate>,
    /// A value segment (rules in `domain::segment`).
    pub segment: Option<Segment>,
    /// A lifecycle stage.
    pub lifecycle: Option<Lifecycle>,
    /// The customers one import batch created or updated ("show what this import brought").
    pub batch_id: Option<i64>,
    pub sort: SortKey,
    pub descending: bool,
}

impl CustomerFilter {
    /// The default view: everyone, most recently added first.
    pub fn newest_first() -> Self {
        Self {
            descending: true,
            ..Self::default()
        }
    }

    /// Whether anything beyond sorting narrows the list.
    pub fn is_narrowed(&self) -> bool {
        !self.query.trim().is_empty()
            || !self.tag_ids.is_empty()
            || self.staff_id.is_some()
            || self.group_id.is_some()
            || self.added_from.is_some()
            || self.added_to.is_some()
            || self.segment.is_some()
            || self.lifecycle.is_some()
            || self.batch_id.is_some()
    }

    /// Clicking a column header: sort by it, or flip the direction if it already sorts.
    pub fn toggle_sort(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = matches!(key, SortKey::Added | SortKey::LastContact);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_the_same_column_flips_direction() {
        let mut f = CustomerFilter::newest_first();
        assert_eq!(f.sort, SortKey::Added);
        f.toggle_sort(SortKey::Added);
        assert!(!f.descending);
        f.toggle_sort(SortKey::Name);
        assert_eq!(f.sort, SortKey::Name);
        assert!(!f.descending);
    }

    #[test]
    fn only_real_restrictions_count_as_narrowed() {
        let mut f = CustomerFilter::newest_first();
        assert!(!f.is_narrowed());
        f.query = "  ".into();
        assert!(!f.is_narrowed());
        f.query = "王".into();
        assert!(f.is_narrowed());
    }
}
