//! Segments in SQL: the rules of `domain::segment` as conditions on `customers c`, so the customer
//! book filters 200k customers in one indexed query; the rules themselves live in settings.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::error::Result;
use super::{customers, purchases, settings};
use crate::domain::segment::{CustomerFacts, Lifecycle, Segment, SegmentRules};
use crate::domain::time::{day_start_unix, local_offset_min};

const RULES_KEY: &str = "segment_rules";

/// The segment rules in effect (the defaults until the manager edits them).
pub fn rules(conn: &Connection) -> Result<SegmentRules> {
    Ok(settings::get(conn, RULES_KEY)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

/// Stores edited rules.
pub fn set_rules(conn: &Connection, rules: &SegmentRules) -> Result<()> {
    let text =
        serde_json::to_string(rules).map_err(|e| super::StoreError::Invalid(e.to_string()))?;
    settings::set(conn, RULES_KEY, &text)
}

/// What the rules read about one customer (days in the machine's zone, like the SQL bounds).
pub fn facts(conn: &Connection, customer_id: i64, rules: &SegmentRules) -> Result<CustomerFacts> {
    let customer = customers::get(conn, customer_id)?;
    let day = |unix_s: i64| {
        crate::domain::time::Stamp {
            unix_s,
            offset_min: local_offset_min(),
        }
        .local_day()
    };
    let referred: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
                            WHERE ct.customer_id = ?1 AND t.name = ?2)
                 OR EXISTS (SELECT 1 FROM contributions WHERE customer_id = ?1 AND kind = ?3)",
        )?
        .query_row(
            rusqlite::params![customer_id, rules.referral_tag, rules.referral_contribution],
            |r| r.get(0),
        )?;
    Ok(CustomerFacts {
        purchases: purchases::for_customer(conn, customer_id)?
            .into_iter()
            .map(|p| {
                let mut fact = p.fact();
                fact.day = day(p.at.unix_s);
                fact
            })
            .collect(),
        referred,
        added: customer.added_at.map(|s| day(s.unix_s)),
        last_contact: customer.last_contact_at.map(|s| day(s.unix_s)),
    })
}

/// A SQL condition with its arguments in order.
pub struct Condition {
    pub sql: String,
    pub args: Vec<Value>,
}

fn start(day: NaiveDate) -> i64 {
    day_start_unix(day, local_offset_min())
}

fn loyal(rules: &SegmentRules, today: NaiveDate) -> Condition {
    let window_start = start(rules.loyal_start(today));
    let tomorrow = start(today + Duration::days(1));
    Condition {
        sql: "(c.id IN (SELECT customer_id FROM purchases GROUP BY customer_id
                HAVING count(DISTINCT CASE WHEN at >= ? AND at < ? THEN (at - ?) / 2592000 END) >= ?)
              AND (c.id IN (SELECT ct.customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
                            WHERE t.name = ?)
                   OR c.id IN (SELECT customer_id FROM contributions WHERE kind = ?)))"
            .into(),
        args: vec![
            window_start.into(),
            tomorrow.into(),
            window_start.into(),
            i64::from(rules.loyal_months.max(1)).into(),
            rules.referral_tag.clone().into(),
            rules.referral_contribution.clone().into(),
        ],
    }
}

fn bargain(rules: &SegmentRules) -> Condition {
    Condition {
        sql: "c.id IN (SELECT customer_id FROM purchases GROUP BY customer_id
               HAVING count(*) >= 2 AND sum(discounted != 0) = count(*) AND sum(amount_cents) < ? * count(*))"
            .into(),
        args: vec![rules.bargain_max_avg_cents.into()],
    }
}

fn need(rules: &SegmentRules, today: NaiveDate) -> Condition {
    let quiet_since = start(today - Duration::days(rules.need_quiet_days - 1));
    Condition {
        sql: "c.id IN (SELECT customer_id FROM purchases GROUP BY customer_id
               HAVING count(*) >= 2 AND max(at) < ?)"
            .into(),
        args: vec![quiet_since.into()],
    }
}

fn low() -> Condition {
    Condition {
        sql: "(SELECT count(*) FROM purchases p WHERE p.customer_id = c.id) <= 1".into(),
        args: Vec::new(),
    }
}

/// `first AND NOT a AND NOT b ...`: a segment holds only when no earlier rule does.
fn first_match(this: Condition, earlier: Vec<Condition>) -> Condition {
    let mut sql = this.sql;
    let mut args = this.args;
    for c in earlier {
        sql = format!("{sql} AND NOT {}", c.sql);
        args.extend(c.args);
    }
    Condition {
        sql: format!("({sql})"),
        args,
    }
}

/// The condition for customers in `segment` on `today`.
pub fn segment_condition(segment: Segment, rules: &SegmentRules, today: NaiveDate) -> Condition {
    match segment {
        Segment::Loyal => loyal(rules, today),
        Segment::Bargain => first_match(bargain(rules), vec![loyal(rules, today)]),
        Segment::Need => first_match(
            need(rules, today),
            vec![loyal(rules, today), bargain(rules)],
        ),
        Segment::Low => first_match(low(), vec![loyal(rules, today)]),
    }
}

/// The condition for customers at `stage` on `today`.
pub fn lifecycle_condition(stage: Lifecycle, rules: &SegmentRules, today: NaiveDate) -> Condition {
    let new_since = start(today - Duration::days(rules.new_days - 1));
    let active_since = start(today - Duration::days(rules.dormant_days - 1));
    let is_new = "coalesce(c.added_at >= ?, 0)";
    let recent = "(coalesce(c.last_contact_at >= ?, 0)
                   OR EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id AND p.at >= ?))";
    match stage {
        Lifecycle::New => Condition {
            sql: format!("({is_new})"),
            args: vec![new_since.into()],
        },
        Lifecycle::Active => Condition {
            sql: format!("(NOT {is_new} AND {recent})"),
            args: vec![new_since.into(), active_since.into(), active_since.into()],
        },
        Lifecycle::Dormant => Condition {
            sql: format!("(NOT {is_new} AND NOT {recent})"),
            args: vec![new_since.into(), active_since.into(), active_since.into()],
        },
    }
}

/// What the detail panel shows about one customer's value.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerStanding {
    pub segment: Option<Segment>,
    pub lifecycle: Lifecycle,
    /// 客单价 in cents, `None` without purchases.
    pub average_order_cents: Option<i64>,
    pub orders: usize,
}

/// One customer's segment, lifecycle stage and average order on `today` (by the stored rules).
pub fn standing(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<CustomerStanding> {
    let rules = rules(conn)?;
    let facts = facts(conn, customer_id, &rules)?;
    Ok(CustomerStanding {
        segment: rules.segment(&facts, today),
        lifecycle: rules.lifecycle(&facts, today),
        average_order_cents: crate::domain::segment::average_order_cents(&facts.purchases),
        orders: facts.purchases.len(),
    })
}
