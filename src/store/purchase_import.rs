//! Writing an order export into one import batch, and undoing it.
//!
//! Each row is matched to a customer by 外部联系人ID, else phone, else 微信号, else a name (or
//! 备注名) that exactly one customer has. Re-importing is a no-op: a row whose order number is
//! already stored, or (without order numbers) whose customer, time, amount and items already
//! are, is skipped. Purchases carry the batch id, so undo deletes exactly them. Every customer
//! whose purchases changed has their follow-up tasks re-derived (purchase triggers).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use super::followups;
use super::imports::{BatchInfo, BatchSummary, Counts, finish_batch, open_batch, record_change};
use crate::import::{BuyerKeys, PurchaseRecord};

/// How a row's buyer was found (or why not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BuyerMatch {
    ExternalId(i64),
    Phone(i64),
    WechatId(i64),
    Name(i64),
    /// Nobody has any of the row's keys.
    Unknown,
    /// The only key that matched is a name several customers share.
    Ambiguous,
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    Created,
    /// Another row of an order this batch created (抖店 writes one row per item): its items
    /// were added to that purchase.
    JoinedOrder,
    /// Already stored (same order number from an earlier import, or same customer, time,
    /// amount and items).
    AlreadyStored,
    UnknownBuyer,
    AmbiguousBuyer,
    /// Every value naming the buyer was masked by the platform (`138****8001`, `王*`).
    MaskedBuyer,
    /// The row names no buyer at all.
    NoBuyer,
}

/// What a purchases import did beyond the batch counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PurchaseCounts {
    /// Customers whose purchases were added to.
    pub customers: i64,
    /// Sum of the purchases created, in cents.
    pub amount_cents: i64,
    pub matched_by_external_id: i64,
    pub matched_by_phone: i64,
    pub matched_by_wechat_id: i64,
    pub matched_by_name: i64,
    /// Follow-up tasks the new purchases brought due (已购关怀 and the like).
    pub tasks_created: i64,
}

/// Finds the customer a row names: external id, then each phone, then 微信号, then the first
/// name that exactly one customer (name or 备注名) has.
fn match_buyer(conn: &Connection, keys: &BuyerKeys) -> Result<BuyerMatch> {
    let one = |sql: &str, value: &str| -> Result<Option<i64>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row([value], |r| r.get(0))
            .optional()?)
    };
    if let Some(ext) = &keys.external_id
        && let Some(id) = one("SELECT id FROM customers WHERE external_id = ?1", ext)?
    {
        return Ok(BuyerMatch::ExternalId(id));
    }
    for phone in &keys.phones {
        if let Some(id) = one(
            "SELECT id FROM customers WHERE phone = ?1 ORDER BY id LIMIT 1",
            phone,
        )? {
            return Ok(BuyerMatch::Phone(id));
        }
    }
    if let Some(wechat) = &keys.wechat_id
        && let Some(id) = one(
            "SELECT id FROM customers WHERE wechat_id = ?1 OR wxid = ?1 ORDER BY id LIMIT 1",
            wechat,
        )?
    {
        return Ok(BuyerMatch::WechatId(id));
    }
    let mut ambiguous = false;
    for name in &keys.names {
        // Two are enough to know the name is ambiguous.
        let ids: Vec<i64> = conn
            .prepare_cached(
                "SELECT id FROM customers WHERE name = ?1
                 UNION SELECT id FROM customers WHERE remark = ?1 LIMIT 2",
            )?
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [] => {}
            [id] => return Ok(BuyerMatch::Name(*id)),
            _ => ambiguous = true,
        }
    }
    Ok(if ambiguous {
        BuyerMatch::Ambiguous
    } else {
        BuyerMatch::Unknown
    })
}

/// Writes order rows into one batch.
pub struct PurchaseImport<'c> {
    conn: &'c Connection,
    batch_id: i64,
    rows: Counts,
    counts: PurchaseCounts,
    touched: HashSet<i64>,
}

impl<'c> PurchaseImport<'c> {
    /// Opens the batch.
    pub fn begin(conn: &'c Connection, info: &BatchInfo) -> Result<Self> {
        Ok(Self {
            conn,
            batch_id: open_batch(conn, info)?,
            rows: Counts::default(),
            counts: PurchaseCounts::default(),
            touched: HashSet::new(),
        })
    }

    fn already_stored(&self, customer_id: i64, record: &PurchaseRecord) -> Result<bool> {
        let found = match &record.order_no {
            Some(order_no) => self
                .conn
                .prepare_cached("SELECT 1 FROM purchases WHERE order_no = ?1")?
                .query_row([order_no], |_| Ok(()))
                .optional()?,
            None => self
                .conn
                .prepare_cached(
                    "SELECT 1 FROM purchases WHERE customer_id = ?1 AND at = ?2
                     AND amount_cents = ?3 AND items = ?4",
                )?
                .query_row(
                    params![
                        customer_id,
                        record.at.unix_s,
                        record.amount_cents,
                        record.items
                    ],
                    |_| Ok(()),
                )
                .optional()?,
        };
        Ok(found.is_some())
    }

    /// The purchase this batch already created for `order_no`, if any.
    fn own_order(&self, order_no: Option<&str>) -> Result<Option<(i64, String)>> {
        let Some(order_no) = order_no else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, items FROM purchases WHERE order_no = ?1 AND batch_id = ?2",
            )?
            .query_row(params![order_no, self.batch_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// Stores one row's purchase unless it is already there or its buyer cannot be told. The
    /// checks run in the order the rules give: already stored, then the buyer.
    pub fn add(&mut self, record: &PurchaseRecord) -> Result<RowOutcome> {
        if let Some((purchase_id, items)) = self.own_order(record.order_no.as_deref())? {
            // One order over several rows: its amount is the order's (repeated on each row),
            // counted once; the row's items join the purchase's.
            let joined = join_items(&items, &record.items);
            if joined != items {
                self.conn
                    .prepare_cached("UPDATE purchases SET items = ?2 WHERE id = ?1")?
                    .execute(params![purchase_id, joined])?;
            }
            return Ok(RowOutcome::JoinedOrder);
        }
        if record.order_no.is_some() && self.already_stored(0, record)? {
            return Ok(RowOutcome::AlreadyStored);
        }
        if record.buyer.is_empty() {
            return Ok(if record.buyer.masked {
                RowOutcome::MaskedBuyer
            } else {
                RowOutcome::NoBuyer
            });
        }
        let customer_id = match match_buyer(self.conn, &record.buyer)? {
            BuyerMatch::Unknown => return Ok(RowOutcome::UnknownBuyer),
            BuyerMatch::Ambiguous => return Ok(RowOutcome::AmbiguousBuyer),
            BuyerMatch::ExternalId(id) => {
                self.counts.matched_by_external_id += 1;
                id
            }
            BuyerMatch::Phone(id) => {
                self.counts.matched_by_phone += 1;
                id
            }
            BuyerMatch::WechatId(id) => {
                self.counts.matched_by_wechat_id += 1;
                id
            }
            BuyerMatch::Name(id) => {
                self.counts.matched_by_name += 1;
                id
            }
        };
        if self.already_stored(customer_id, record)? {
            return Ok(RowOutcome::AlreadyStored);
        }
        self.conn
            .prepare_cached(
                "INSERT INTO purchases (customer_id, at, amount_cents, items, discounted, order_no, batch_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                customer_id,
                record.at.unix_s,
                record.amount_cents,
                record.items,
                record.discounted,
                record.order_no,
                self.batch_id
            ])?;
        self.rows.created += 1;
        self.counts.amount_cents += record.amount_cents;
        self.touched.insert(customer_id);
        Ok(RowOutcome::Created)
    }

    /// Counts rows left out as rightly skipped (unpaid orders, orders already stored).
    pub fn add_skipped(&mut self, rows: i64) {
        self.rows.skipped += rows;
    }

    /// Re-derives the follow-ups of every customer who got a purchase and closes the batch.
    pub fn finish(mut self, rows: i64, rejected: i64) -> Result<(BatchSummary, PurchaseCounts)> {
        let mut customers: Vec<i64> = self.touched.iter().copied().collect();
        customers.sort_unstable();
        for &customer_id in &customers {
            self.counts.tasks_created += self.rederive_recorded(customer_id)?;
        }
        self.counts.customers = customers.len() as i64;
        let summary = finish_batch(self.conn, self.batch_id, rows, self.rows, rejected)?;
        Ok((summary, self.counts))
    }
}

impl PurchaseImport<'_> {
    /// Re-derives a customer's follow-ups, recording the tasks it created or moved so that undo
    /// can take them back. Returns how many were created.
    fn rederive_recorded(&self, customer_id: i64) -> Result<i64> {
        let before = open_tasks(self.conn, customer_id)?;
        followups::rederive(self.conn, customer_id)?;
        let mut created = 0;
        for (id, task) in open_tasks(self.conn, customer_id)? {
            match before.get(&id) {
                None => {
                    record_change(
                        self.conn,
                        self.batch_id,
                        "followup_task",
                        id,
                        "created",
                        None,
                    )?;
                    created += 1;
                }
                Some(old) if *old != task => {
                    let json = serde_json::to_string(old)
                        .map_err(|e| StoreError::Invalid(e.to_string()))?;
                    record_change(
                        self.conn,
                        self.batch_id,
                        "followup_task",
                        id,
                        "updated",
                        Some(json),
                    )?;
                }
                Some(_) => {}
            }
        }
        Ok(created)
    }
}

/// The items of an order with one more row's items (`、` between, no repeats).
fn join_items(items: &str, more: &str) -> String {
    let more = more.trim();
    if more.is_empty() || items.split('、').any(|i| i == more) {
        items.to_string()
    } else if items.is_empty() {
        more.to_string()
    } else {
        format!("{items}、{more}")
    }
}

/// Undoes a purchases batch: deletes its purchases, removes the follow-up tasks they brought
/// due and puts moved ones back, as long as nobody has worked on them since.
pub fn undo(conn: &Connection, batch_id: i64) -> Result<()> {
    conn.execute("DELETE FROM purchases WHERE batch_id = ?1", [batch_id])?;
    let changes: Vec<(i64, String, Option<String>)> = conn
        .prepare(
            "SELECT entity_id, action, before FROM import_batch_changes
             WHERE batch_id = ?1 AND entity = 'followup_task'",
        )?
        .query_map([batch_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (task_id, action, before) in changes {
        match (action.as_str(), before) {
            ("created", _) => {
                conn.prepare_cached(
                    "DELETE FROM followup_tasks WHERE id = ?1 AND status = 'open'",
                )?
                .execute([task_id])?;
            }
            ("updated", Some(json)) => {
                let before: OpenTask =
                    serde_json::from_str(&json).map_err(|e| StoreError::Invalid(e.to_string()))?;
                conn.prepare_cached(
                    "UPDATE followup_tasks SET anchor_day = ?2, due = ?3, snoozed_until = ?4
                     WHERE id = ?1 AND status = 'open'",
                )?
                .execute(params![
                    task_id,
                    before.anchor_day,
                    before.due,
                    before.snoozed_until
                ])?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// An open follow-up task's dates, as a purchase can move them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct OpenTask {
    anchor_day: String,
    due: String,
    snoozed_until: Option<String>,
}

fn open_tasks(conn: &Connection, customer_id: i64) -> Result<HashMap<i64, OpenTask>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, anchor_day, due, snoozed_until FROM followup_tasks
             WHERE customer_id = ?1 AND status = 'open'",
        )?
        .query_map([customer_id], |r| {
            Ok((
                r.get(0)?,
                OpenTask {
                    anchor_day: r.get(1)?,
                    due: r.get(2)?,
                    snoozed_until: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
