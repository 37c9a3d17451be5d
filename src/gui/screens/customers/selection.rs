//! Which rows of the customer table are selected: click, Ctrl+click, Shift+click, arrow keys.

use std::collections::HashSet;

/// The selection over the current id list, plus the focused row the detail panel shows.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    selected: HashSet<i64>,
    /// Where a Shift+click range starts.
    anchor: Option<i64>,
    /// The customer in the detail panel.
    focus: Option<i64>,
}

impl Selection {
    /// The focused customer.
    pub fn focus(&self) -> Option<i64> {
        self.focus
    }

    /// Whether `id` is selected.
    pub fn contains(&self, id: i64) -> bool {
        self.selected.contains(&id)
    }

    /// How many customers are selected.
    pub fn len(&self) -> usize {
        self.selected.len()
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.selected.is_empty()
    }

    /// The selected ids in list order.
    pub fn ids_in_order(&self, ids: &[i64]) -> Vec<i64> {
        if self.selected.len() == 1 {
            return self.selected.iter().copied().collect();
        }
        ids.iter()
            .copied()
            .filter(|id| self.selected.contains(id))
            .collect()
    }

    /// Selects exactly one customer.
    pub fn select_only(&mut self, id: i64) {
        self.selected.clear();
        self.selected.insert(id);
        self.anchor = Some(id);
        self.focus = Some(id);
    }

    /// A click on row `index` of `ids`, with the modifiers held.
    pub fn click(&mut self, ids: &[i64], index: usize, shift: bool, command: bool) {
        let Some(&id) = ids.get(index) else {
            return;
        };
        let anchor_index = self.anchor.and_then(|a| ids.iter().position(|&x| x == a));
        match (shift, anchor_index) {
            (true, Some(start)) => {
                if !command {
                    self.selected.clear();
                }
                let (lo, hi) = if start <= index {
                    (start, index)
                } else {
                    (index, start)
                };
                self.selected.extend(ids[lo..=hi].iter().copied());
                self.focus = Some(id);
            }
            _ if command => {
                if !self.selected.remove(&id) {
                    self.selected.insert(id);
                }
                self.anchor = Some(id);
                self.focus = self.selected.contains(&id).then_some(id).or(self.focus);
            }
            _ => self.select_only(id),
        }
    }

    /// Moves the focus one row up or down (arrow keys); returns the new index.
    pub fn step(&mut self, ids: &[i64], down: bool) -> Option<usize> {
        if ids.is_empty() {
            return None;
        }
        let current = self.focus.and_then(|f| ids.iter().position(|&x| x == f));
        let next = match current {
            None => 0,
            Some(i) if down => (i + 1).min(ids.len() - 1),
            Some(i) => i.saturating_sub(1),
        };
        self.select_only(ids[next]);
        Some(next)
    }

    /// Forgets ids that are no longer listed.
    pub fn retain_listed(&mut self, ids: &[i64]) {
        let listed: HashSet<i64> = ids.iter().copied().collect();
        self.selected.retain(|id| listed.contains(id));
        if self.focus.is_some_and(|f| !listed.contains(&f)) {
            self.focus = None;
        }
        if self.anchor.is_some_and(|a| !listed.contains(&a)) {
            self.anchor = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [i64; 6] = [10, 11, 12, 13, 14, 15];

    #[test]
    fn plain_click_selects_one() {
        let mut s = Selection::default();
        s.click(&IDS, 2, false, false);
        s.click(&IDS, 4, false, false);
        assert_eq!(s.ids_in_order(&IDS), vec![14]);
        assert_eq!(s.focus(), Some(14));
    }

    #[test]
    fn shift_click_selects_a_range_from_the_anchor() {
        let mut s = Selection::default();
        s.click(&IDS, 4, false, false);
        s.click(&IDS, 1, true, false);
        assert_eq!(s.ids_in_order(&IDS), vec![11, 12, 13, 14]);
    }

    #[test]
    fn ctrl_click_toggles() {
        let mut s = Selection::default();
        s.click(&IDS, 0, false, false);
        s.click(&IDS, 3, false, true);
        s.click(&IDS, 5, false, true);
        assert_eq!(s.ids_in_order(&IDS), vec![10, 13, 15]);
        s.click(&IDS, 3, false, true);
        assert_eq!(s.ids_in_order(&IDS), vec![10, 15]);
    }

    #[test]
    fn arrows_move_and_stop_at_the_ends() {
        let mut s = Selection::default();
        assert_eq!(s.step(&IDS, true), Some(0));
        assert_eq!(s.step(&IDS, false), Some(0));
        s.select_only(15);
        assert_eq!(s.step(&IDS, true), Some(5));
    }

    #[test]
    fn vanished_ids_are_dropped() {
        let mut s = Selection::default();
        s.click(&IDS, 1, false, false);
        s.retain_listed(&[10, 12]);
        assert!(s.is_empty());
        assert_eq!(s.focus(), None);
    }
}
