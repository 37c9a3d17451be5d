//! Purchases: one order of one customer (date, amount, items, whether it was discounted), and the
//! money helpers the purchase form and lists use (yuan text <-> integer cents).

use super::segment::PurchaseFact;
use super::time::Stamp;

/// One purchase on a customer's log.
#[derive(Debug, Clone, PartialEq)]
pub struct Purchase {
    /// 0 for a purchase not yet stored.
    pub id: i64,
    pub customer_id: i64,
    pub at: Stamp,
    pub amount_cents: i64,
    /// What was bought, as the manager wrote it (白茶饼 ×2).
    pub items: String,
    /// Bought on a discount / coupon / group deal.
    pub discounted: bool,
}

impl Purchase {
    /// What the segment rules read.
    pub fn fact(&self) -> PurchaseFact {
        PurchaseFact {
            day: self.at.local_day(),
            amount_cents: self.amount_cents,
            discounted: self.discounted,
        }
    }
}

/// Parses a yuan amount typed by a person (`128`, `128.5`, `¥1,280.00`, `128元`) into cents.
/// Negative, empty or malformed text is `None`.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .chars()
        .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
    {
        return None;
    }
    let yuan: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    yuan.checked_mul(100)?.checked_add(cents)
}

/// `12800` -> `128.00`.
pub fn format_yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_text_parses_to_cents() {
        assert_eq!(parse_yuan("128"), Some(12_800));
        assert_eq!(parse_yuan("128.5"), Some(12_850));
        assert_eq!(parse_yuan("128.05"), Some(12_805));
        assert_eq!(parse_yuan("¥1,280.00"), Some(128_000));
        assert_eq!(parse_yuan(" 99元 "), Some(9_900));
        assert_eq!(parse_yuan(".5"), Some(50));
    }

    #[test]
    fn malformed_amounts_are_refused() {
        for bad in ["", "abc", "-5", "1.234", "1.2.3", ".", "¥"] {
            assert_eq!(parse_yuan(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn cents_format_as_yuan() {
        assert_eq!(format_yuan(12_805), "128.05");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(-150), "-1.50");
    }

    #[test]
    fn a_purchase_is_a_fact_on_its_local_day() {
        let p = Purchase {
            id: 1,
            customer_id: 2,
            // 2024-03-05 07:30 in Beijing.
            at: Stamp {
                unix_s: 1_709_595_000,
                offset_min: 480,
            },
            amount_cents: 100,
            items: String::new(),
            discounted: true,
        };
        let fact = p.fact();
        assert_eq!(fact.day.to_string(), "2024-03-05");
        assert!(fact.discounted);
    }
}
