//! Unit tests for `domain::segment`: each rule at its boundaries.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default()
}

fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

fn buy(days_ago: i64, yuan: i64, discounted: bool) -> PurchaseFact {
    PurchaseFact {
        day: ago(days_ago),
        amount_cents: yuan * 100,
        discounted,
    }
}

fn facts(purchases: Vec<PurchaseFact>, referred: bool) -> CustomerFacts {
    CustomerFacts {
        purchases,
        referred,
        added: Some(ago(400)),
        last_contact: None,
    }
}

#[test]
fn loyal_needs_every_window_and_a_referral() {
    let r = SegmentRules::default();
    // Windows of 30 days ending today: days 0-29, 30-59, 60-89 ago.
    let monthly = vec![buy(5, 300, false), buy(35, 300, false), buy(89, 300, false)];
    assert_eq!(
        r.segment(&facts(monthly.clone(), true), today()),
        Some(Segment::Loyal)
    );
    // Without a referral the same buyer is not loyal (and, recent, matches nothing else).
    assert_eq!(r.segment(&facts(monthly, false), today()), None);
    // The oldest purchase one day outside the windows: a gap, so not loyal.
    let gap = vec![buy(5, 300, false), buy(35, 300, false), buy(90, 300, false)];
    assert_eq!(r.segment(&facts(gap, true), today()), None);
}

#[test]
fn bargain_hunters_buy_only_discounted_and_cheap() {
    let r = SegmentRules::default();
    let cheap = vec![buy(3, 50, true), buy(40, 99, true)];
    assert_eq!(
        r.segment(&facts(cheap, false), today()),
        Some(Segment::Bargain)
    );
    // Average exactly at the threshold (100 元) is not "low".
    let at_limit = vec![buy(3, 100, true), buy(40, 100, true)];
    assert_ne!(
        r.segment(&facts(at_limit, false), today()),
        Some(Segment::Bargain)
    );
    // One full-price order breaks the pattern.
    let mixed = vec![buy(3, 50, true), buy(40, 60, false)];
    assert_ne!(
        r.segment(&facts(mixed, false), today()),
        Some(Segment::Bargain)
    );
}

#[test]
fn need_driven_buyers_have_not_come_back_for_three_months() {
    let r = SegmentRules::default();
    let quiet = vec![buy(90, 500, false), buy(200, 500, false)];
    assert_eq!(
        r.segment(&facts(quiet, false), today()),
        Some(Segment::Need)
    );
    let recent = vec![buy(89, 500, false), buy(200, 500, false)];
    assert_eq!(r.segment(&facts(recent, false), today()), None);
}

#[test]
fn one_purchase_or_none_is_low_need() {
    let r = SegmentRules::default();
    assert_eq!(
        r.segment(&facts(vec![], false), today()),
        Some(Segment::Low)
    );
    assert_eq!(
        r.segment(&facts(vec![buy(10, 800, false)], false), today()),
        Some(Segment::Low)
    );
}

#[test]
fn rules_are_editable() {
    let r = SegmentRules {
        loyal_months: 1,
        need_quiet_days: 30,
        ..SegmentRules::default()
    };
    assert_eq!(
        r.segment(&facts(vec![buy(1, 300, false)], true), today()),
        Some(Segment::Loyal)
    );
    let quiet = vec![buy(30, 500, false), buy(60, 500, false)];
    assert_eq!(
        r.segment(&facts(quiet, false), today()),
        Some(Segment::Need)
    );
}

#[test]
fn lifecycle_new_active_dormant() {
    let r = SegmentRules::default();
    let mut f = CustomerFacts {
        added: Some(ago(29)),
        ..CustomerFacts::default()
    };
    assert_eq!(r.lifecycle(&f, today()), Lifecycle::New);
    f.added = Some(ago(30));
    assert_eq!(r.lifecycle(&f, today()), Lifecycle::Dormant);
    f.last_contact = Some(ago(29));
    assert_eq!(r.lifecycle(&f, today()), Lifecycle::Active);
    f.last_contact = Some(ago(30));
    assert_eq!(r.lifecycle(&f, today()), Lifecycle::Dormant);
}

#[test]
fn contact_or_purchase_resets_dormancy() {
    let r = SegmentRules::default();
    let mut f = facts(vec![buy(120, 100, false)], false);
    f.last_contact = Some(ago(45));
    assert_eq!(r.lifecycle(&f, today()), Lifecycle::Dormant);
    f.last_contact = Some(today());
    assert_eq!(r.lifecycle(&f, today()), Lifecycle::Active);
    let g = facts(vec![buy(2, 100, false)], false);
    assert_eq!(r.lifecycle(&g, today()), Lifecycle::Active);
}

#[test]
fn average_order_value() {
    assert_eq!(average_order_cents(&[]), None);
    assert_eq!(
        average_order_cents(&[buy(1, 100, false), buy(2, 300, true)]),
        Some(20_000)
    );
}
