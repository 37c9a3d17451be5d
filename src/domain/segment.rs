//! Customer segments with explicit, editable rules: value segments (忠实型 / 羊毛型 / 需求型 /
//! 低需求) from the purchases log, and the lifecycle stage (新客 / 活跃 / 沉睡) from the dates.
//!
//! The rules, checked in this order (the first that holds wins; a customer may match none):
//! - 忠实型 loyal: a purchase in each of the last `loyal_months` 30-day windows, and has referred
//!   someone. A referral is either the tag named `referral_tag` (default 老带新) or a contribution of
//!   kind `referral_contribution` (default 推荐拉新, what the KOC screen records): managers mark it
//!   one way or the other, so both count.
//! - 羊毛型 bargain hunter: at least two purchases, every one discounted, average order below
//!   `bargain_max_avg_cents`.
//! - 需求型 need-driven: at least two purchases, no purchase in the last `need_quiet_days`.
//! - 低需求 low need: one purchase or none.
//!
//! Lifecycle: 新客 added within `new_days`; else 沉睡 when neither contact nor purchase happened in
//! the last `dormant_days` (a conversation resets the clock); else 活跃.
//! The store computes the same rules in SQL for the customer book's filter (`store::segments`).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// A value segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    Loyal,
    Bargain,
    Need,
    Low,
}

impl Segment {
    pub const ALL: [Segment; 4] = [
        Segment::Loyal,
        Segment::Bargain,
        Segment::Need,
        Segment::Low,
    ];
}

/// A lifecycle stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lifecycle {
    New,
    Active,
    Dormant,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 3] = [Lifecycle::New, Lifecycle::Active, Lifecycle::Dormant];
}

/// The thresholds behind the segments; stored in settings and editable on the 跟进 screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentRules {
    pub loyal_months: u32,
    pub referral_tag: String,
    pub referral_contribution: String,
    pub bargain_max_avg_cents: i64,
    pub need_quiet_days: i64,
    pub new_days: i64,
    pub dormant_days: i64,
}

impl Default for SegmentRules {
    fn default() -> Self {
        Self {
            loyal_months: 3,
            referral_tag: "老带新".into(),
            referral_contribution: "推荐拉新".into(),
            bargain_max_avg_cents: 10_000,
            need_quiet_days: 90,
            new_days: 30,
            dormant_days: 30,
        }
    }
}

/// One purchase as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurchaseFact {
    pub day: NaiveDate,
    pub amount_cents: i64,
    pub discounted: bool,
}

/// Everything the rules read about one customer.
#[derive(Debug, Clone, Default)]
pub struct CustomerFacts {
    pub purchases: Vec<PurchaseFact>,
    pub referred: bool,
    pub added: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
}

impl SegmentRules {
    /// The first day of the loyalty windows: window `k` covers days `[start + 30k, start + 30k + 29]`.
    pub fn loyal_start(&self, today: NaiveDate) -> NaiveDate {
        today - Duration::days(30 * i64::from(self.loyal_months.max(1)) - 1)
    }

    /// The value segment of a customer on `today`.
    pub fn segment(&self, facts: &CustomerFacts, today: NaiveDate) -> Option<Segment> {
        let p = &facts.purchases;
        let n = p.len() as i64;
        let start = self.loyal_start(today);
        let mut windows: Vec<i64> = p
            .iter()
            .filter(|x| x.day >= start && x.day <= today)
            .map(|x| (x.day - start).num_days() / 30)
            .collect();
        windows.sort_unstable();
        windows.dedup();
        if facts.referred && windows.len() as u32 >= self.loyal_months.max(1) {
            return Some(Segment::Loyal);
        }
        let total: i64 = p.iter().map(|x| x.amount_cents).sum();
        if n >= 2 && p.iter().all(|x| x.discounted) && total < self.bargain_max_avg_cents * n {
            return Some(Segment::Bargain);
        }
        let last = p.iter().map(|x| x.day).max();
        if n >= 2 && last.is_some_and(|l| l < today - Duration::days(self.need_quiet_days - 1)) {
            return Some(Segment::Need);
        }
        (n <= 1).then_some(Segment::Low)
    }

    /// The lifecycle stage of a customer on `today`.
    pub fn lifecycle(&self, facts: &CustomerFacts, today: NaiveDate) -> Lifecycle {
        if facts
            .added
            .is_some_and(|a| a > today - Duration::days(self.new_days))
        {
            return Lifecycle::New;
        }
        let last_purchase = facts.purchases.iter().map(|x| x.day).max();
        let last = [facts.last_contact, last_purchase]
            .into_iter()
            .flatten()
            .max();
        match last {
            Some(day) if day > today - Duration::days(self.dormant_days) => Lifecycle::Active,
            _ => Lifecycle::Dormant,
        }
    }
}

/// 客单价: the average order value in cents, `None` without purchases.
pub fn average_order_cents(purchases: &[PurchaseFact]) -> Option<i64> {
    let n = purchases.len() as i64;
    (n > 0).then(|| purchases.iter().map(|p| p.amount_cents).sum::<i64>() / n)
}

#[cfg(test)]
#[path = "segment_tests.rs"]
mod tests;
