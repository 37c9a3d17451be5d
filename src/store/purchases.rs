//! The purchases log: one customer's orders, added by hand (or by import), read back for the
//! detail panel, the `{商品}` placeholder, purchase triggers and segments.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use crate::domain::purchase::Purchase;
use crate::domain::time::{Stamp, local_offset_min};

/// Stores a purchase; returns its id.
pub fn add(
    conn: &Connection,
    customer_id: i64,
    at: Stamp,
    amount_cents: i64,
    items: &str,
    discounted: bool,
) -> Result<i64> {
    if amount_cents < 0 {
        return Err(StoreError::Invalid(format!(
            "a purchase amount cannot be negative ({amount_cents})"
        )));
    }
    conn.prepare_cached(
        "INSERT INTO purchases (customer_id, at, amount_cents, items, discounted) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![customer_id, at.unix_s, amount_cents, items.trim(), discounted])?;
    Ok(conn.last_insert_rowid())
}

/// Deletes a purchase and returns it (its customer needs re-deriving).
pub fn delete(conn: &Connection, id: i64) -> Result<Purchase> {
    let purchase = get(conn, id)?;
    conn.prepare_cached("DELETE FROM purchases WHERE id = ?1")?
        .execute([id])?;
    Ok(purchase)
}

/// One purchase.
pub fn get(conn: &Connection, id: i64) -> Result<Purchase> {
    conn.prepare_cached(
        "SELECT id, customer_id, at, amount_cents, items, discounted FROM purchases WHERE id = ?1",
    )?
    .query_row([id], from_row)
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "purchase",
        id,
    })
}

/// A customer's purchases, newest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<Purchase>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, at, amount_cents, items, discounted FROM purchases
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([customer_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The first and latest purchase days of a customer (local days), if any.
pub fn first_and_latest(
    conn: &Connection,
    customer_id: i64,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let (first, last): (Option<i64>, Option<i64>) = conn
        .prepare_cached("SELECT min(at), max(at) FROM purchases WHERE customer_id = ?1")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(first.zip(last).map(|(f, l)| (local_day(f), local_day(l))))
}

fn local_day(unix_s: i64) -> NaiveDate {
    Stamp {
        unix_s,
        offset_min: local_offset_min(),
    }
    .local_day()
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Purchase> {
    Ok(Purchase {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        at: Stamp {
            unix_s: r.get(2)?,
            offset_min: local_offset_min(),
        },
        amount_cents: r.get(3)?,
        items: r.get(4)?,
        discounted: r.get(5)?,
    })
}

/// Orders from `start` (inclusive) to `end` (exclusive), unix seconds: `(orders, distinct
/// buyers, amount in cents)`.
pub fn totals_between(conn: &Connection, start: i64, end: i64) -> Result<(i64, i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*), count(DISTINCT customer_id), COALESCE(sum(amount_cents), 0)
             FROM purchases WHERE at >= ?1 AND at < ?2",
        )?
        .query_row(params![start, end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?)
}
