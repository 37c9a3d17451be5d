//! Customers: profile reads and writes, and the id list + visible rows the customer book draws.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::error::{Result, StoreError};
use super::{now_unix, search, segments};
use crate::domain::customer::{Customer, CustomerRow, Gender};
use crate::domain::filter::{CustomerFilter, SortKey, TagMatch};
use crate::domain::id_set::IdSet;
use crate::domain::tag::{Tag, UNGROUPED_COLOR};
use crate::domain::time::{Stamp, day_start_unix, local_offset_min};

const PROFILE_COLUMNS: &str =
    "id, external_id, name, remark, description, phone, wechat_id, gender,
    corp, city, source, added_at, added_offset_min, last_contact_at, custom, wxid";

fn profile_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    let added_at: Option<i64> = row.get(11)?;
    let added_offset: Option<i32> = row.get(12)?;
    let last_contact: Option<i64> = row.get(13)?;
    let custom_json: String = row.get(14)?;
    Ok(Customer {
        id: row.get(0)?,
        external_id: row.get(1)?,
        name: row.get(2)?,
        remark: row.get(3)?,
        description: row.get(4)?,
        phone: row.get(5)?,
        wechat_id: row.get(6)?,
        gender: Gender::from_code(row.get(7)?),
        corp: row.get(8)?,
        city: row.get(9)?,
        source: row.get(10)?,
        added_at: added_at.map(|unix_s| Stamp {
            unix_s,
            offset_min: added_offset.unwrap_or_else(local_offset_min),
        }),
        last_contact_at: last_contact.map(|unix_s| Stamp {
            unix_s,
            offset_min: local_offset_min(),
        }),
        custom: custom_from_json(&custom_json),
        wxid: row.get(15)?,
    })
}

/// The custom columns as a JSON object in their own order (serde_json's `Map` would sort the keys
/// and lose the order of the imported file's columns).
fn custom_to_json(custom: &[(String, String)]) -> String {
    let entries: Vec<String> = custom
        .iter()
        .map(|(k, v)| {
            let (k, v) = (
                serde_json::Value::from(k.as_str()),
                serde_json::Value::from(v.as_str()),
            );
            format!("{k}:{v}")
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// A JSON object's entries in document order.
struct OrderedEntries(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for OrderedEntries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = OrderedEntries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<OrderedEntries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedEntries(entries))
            }
        }
        d.deserialize_map(Entries)
    }
}

fn custom_from_json(text: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<OrderedEntries>(text) {
        Ok(OrderedEntries(entries)) => entries
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => (k, s),
                other => (k, other.to_string()),
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn blank_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Stores a new customer and indexes it for search; returns its id.
pub fn create(conn: &Connection, customer: &Customer) -> Result<i64> {
    let id = insert_unindexed(conn, customer)?;
    search::index_customer(conn, id)?;
    Ok(id)
}

/// Stores a new customer without indexing it, for bulk loads that index each customer once at the
/// end (`search::index_customer`).
pub(crate) fn insert_unindexed(conn: &Connection, customer: &Customer) -> Result<i64> {
    let mut values = profile_values(customer);
    values.push(now_unix().into());
    conn.prepare_cached(
        "INSERT INTO customers (external_id, name, remark, description, phone, wechat_id, gender, corp,
            city, source, added_at, added_offset_min, last_contact_at, custom, wxid, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
    )?
    .execute(params_from_iter(values))?;
    Ok(conn.last_insert_rowid())
}

/// The profile columns' values in `PROFILE_COLUMNS` order, without the id (insert and update
/// bind the same list).
fn profile_values(customer: &Customer) -> Vec<Value> {
    vec![
        blank_to_none(&customer.external_id)
            .map(str::to_string)
            .into(),
        customer.name.trim().to_string().into(),
        customer.remark.trim().to_string().into(),
        customer.description.clone().into(),
        blank_to_none(&customer.phone).map(str::to_string).into(),
        blank_to_none(&customer.wechat_id)
            .map(str::to_string)
            .into(),
        customer.gender.code().into(),
        customer.corp.clone().into(),
        customer.city.clone().into(),
        customer.source.clone().into(),
        customer.added_at.map(|s| s.unix_s).into(),
        customer.added_at.map(|s| i64::from(s.offset_min)).into(),
        customer.last_contact_at.map(|s| s.unix_s).into(),
        custom_to_json(&customer.custom).into(),
        blank_to_none(&customer.wxid).map(str::to_string).into(),
    ]
}

/// Saves every profile field of an existing customer and re-indexes it.
pub fn update(conn: &Connection, customer: &Customer) -> Result<()> {
    update_unindexed(conn, customer)?;
    search::index_customer(conn, customer.id)
}

/// Saves every profile field without re-indexing, for bulk work that indexes once at the end.
pub(crate) fn update_unindexed(conn: &Connection, customer: &Customer) -> Result<()> {
    let mut values = profile_values(customer);
    values.push(now_unix().into());
    values.push(customer.id.into());
    let changed = conn
        .prepare_cached(
            "UPDATE customers SET external_id = ?1, name = ?2, remark = ?3, description = ?4, phone = ?5,
                wechat_id = ?6, gender = ?7, corp = ?8, city = ?9, source = ?10, added_at = ?11,
                added_offset_min = ?12, last_contact_at = ?13, custom = ?14, wxid = ?15,
                updated_at = ?16
             WHERE id = ?17",
        )?
        .execute(params_from_iter(values))?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "customer",
            id: customer.id,
        });
    }
    Ok(())
}

/// One customer's profile.
pub fn get(conn: &Connection, id: i64) -> Result<Customer> {
    conn.prepare_cached(&format!(
        "SELECT {PROFILE_COLUMNS} FROM customers WHERE id = ?1"
    ))?
    .query_row([id], profile_from_row)
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "customer",
        id,
    })
}

/// Records that the manager talked to the customer at `at` (keeps the latest).
pub fn touch_contact(conn: &Connection, id: i64, at: Stamp) -> Result<()> {
    conn.prepare_cached(
        "UPDATE customers SET last_contact_at = max(coalesce(last_contact_at, 0), ?2) WHERE id = ?1",
    )?
    .execute(params![id, at.unix_s])?;
    Ok(())
}

/// How many customers the database holds.
pub fn count_all(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
}

/// The ids of every customer matching `filter`, in its sort order. The table keeps this list and
/// fetches only the rows it draws (see `rows`).
pub fn list_ids(conn: &Connection, filter: &CustomerFilter) -> Result<Vec<i64>> {
    list_ids_on(conn, filter, chrono::Local::now().date_naive())
}

/// `list_ids` with segments and lifecycle stages judged on `today`.
pub fn list_ids_on(
    conn: &Connection,
    filter: &CustomerFilter,
    today: chrono::NaiveDate,
) -> Result<Vec<i64>> {
    let mut sql = String::from("SELECT c.id FROM customers c WHERE 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some((ids_sql, terms)) = search::matching_ids_sql(&filter.query) {
        sql.push_str(&format!(" AND c.id IN ({ids_sql})"));
        args.extend(terms.into_iter().map(Value::from));
    }
    // A tag picked twice must not make "all of" impossible.
    let mut tag_ids = filter.tag_ids.clone();
    tag_ids.sort_unstable();
    tag_ids.dedup();
    if !tag_ids.is_empty() {
        let marks = vec!["?"; tag_ids.len()].join(",");
        match filter.tag_match {
            TagMatch::Any => sql.push_str(&format!(
                " AND c.id IN (SELECT customer_id FROM customer_tags WHERE tag_id IN ({marks}))"
            )),
            TagMatch::All => sql.push_str(&format!(
                " AND c.id IN (SELECT customer_id FROM customer_tags WHERE tag_id IN ({marks})
                   GROUP BY customer_id HAVING count(*) = {})",
                tag_ids.len()
            )),
        }
        args.extend(tag_ids.iter().map(|id| Value::from(*id)));
    }
    if let Some(batch_id) = filter.batch_id {
        sql.push_str(
            " AND c.id IN (SELECT entity_id FROM import_batch_changes
                           WHERE batch_id = ? AND entity = 'customer')",
        );
        args.push(batch_id.into());
    }
    if let Some(staff_id) = filter.staff_id {
        sql.push_str(" AND c.id IN (SELECT customer_id FROM customer_staff WHERE staff_id = ?)");
        args.push(staff_id.into());
    }
    if let Some(group_id) = filter.group_id {
        sql.push_str(
            " AND c.id IN (SELECT customer_id FROM group_members WHERE group_id = ? AND left_on IS NULL)",
        );
        args.push(group_id.into());
    }
    let offset = local_offset_min();
    if let Some(from) = filter.added_from {
        sql.push_str(" AND c.added_at >= ?");
        args.push(day_start_unix(from, offset).into());
    }
    if let Some(to) = filter.added_to.and_then(|d| d.succ_opt()) {
        sql.push_str(" AND c.added_at < ?");
        args.push(day_start_unix(to, offset).into());
    }
    if filter.segment.is_some() || filter.lifecycle.is_some() {
        let rules = segments::rules(conn)?;
        let conditions = [
            filter
                .segment
                .map(|s| segments::segment_condition(s, &rules, today)),
            filter
                .lifecycle
                .map(|l| segments::lifecycle_condition(l, &rules, today)),
        ];
        for condition in conditions.into_iter().flatten() {
            sql.push_str(&format!(" AND {}", condition.sql));
            args.extend(condition.args);
        }
    }
    let direction = if filter.descending { "DESC" } else { "ASC" };
    let key = sort_expression(filter.sort);
    sql.push_str(&format!(" ORDER BY {key} {direction}, c.id {direction}"));
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(args), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// The customer book's id list, kept between keystrokes in the search box.
///
/// Typing changes only the text query, so the ordered id list for the rest of the filter is
/// queried once and each keystroke intersects it with the search index's matches in memory.
/// Doing it in SQL (`c.id IN (<fts>) ORDER BY …`) reads every match's row from the customers
/// table and sorts them again: 15–30 ms for the 15k–30k matches of 上 or a phrase in notes.
/// Call `clear` after any write: the kept list does not see it.
#[derive(Debug, Default)]
pub struct IdListCache {
    base: Option<(CustomerFilter, chrono::NaiveDate, Vec<i64>)>,
}

impl IdListCache {
    /// `list_ids` for `filter`, reusing the kept list when only the query changed.
    pub fn list_ids(&mut self, conn: &Connection, filter: &CustomerFilter) -> Result<Vec<i64>> {
        self.list_ids_on(conn, filter, chrono::Local::now().date_naive())
    }

    /// `list_ids_on` for `filter`, reusing the kept list when only the query changed.
    pub fn list_ids_on(
        &mut self,
        conn: &Connection,
        filter: &CustomerFilter,
        today: chrono::NaiveDate,
    ) -> Result<Vec<i64>> {
        let base_filter = CustomerFilter {
            query: String::new(),
            ..filter.clone()
        };
        let base = match self.base.take() {
            Some((kept, day, ids)) if kept == base_filter && day == today => ids,
            _ => list_ids_on(conn, &base_filter, today)?,
        };
        let listed = match search::matching_ids(conn, &filter.query)? {
            None => base.clone(),
            Some(matches) => IdSet::new(&matches).keep_in_order(&base),
        };
        self.base = Some((base_filter, today, base));
        Ok(listed)
    }

    /// Forgets the kept list (after a write).
    pub fn clear(&mut self) {
        self.base = None;
    }
}

fn sort_expression(key: SortKey) -> &'static str {
    match key {
        SortKey::Name => "c.name",
        SortKey::Remark => "c.remark",
        SortKey::Added => "c.added_at",
        SortKey::LastContact => "c.last_contact_at",
        SortKey::Tags => "(SELECT count(*) FROM customer_tags ct WHERE ct.customer_id = c.id)",
        SortKey::Staff => {
            "(SELECT min(s.name) FROM customer_staff cs JOIN staff s ON s.id = cs.staff_id
              WHERE cs.customer_id = c.id)"
        }
        SortKey::Groups => {
            "(SELECT count(*) FROM group_members gm WHERE gm.customer_id = c.id AND gm.left_on IS NULL)"
        }
    }
}

/// The table rows for `ids`, in the same order (ids that no longer exist are left out).
pub fn rows(conn: &Connection, ids: &[i64]) -> Result<Vec<CustomerRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(",");
    let mut found: std::collections::HashMap<i64, CustomerRow> = conn
        .prepare(&format!(
            "SELECT id, name, remark, added_at, added_offset_min, last_contact_at
             FROM customers WHERE id IN ({marks})"
        ))?
        .query_map(params_from_iter(ids), |r| {
            let added: Option<i64> = r.get(3)?;
            let added_offset: Option<i32> = r.get(4)?;
            let contact: Option<i64> = r.get(5)?;
            Ok(CustomerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                remark: r.get(2)?,
                tags: Vec::new(),
                staff: Vec::new(),
                added_at: added.map(|unix_s| Stamp {
                    unix_s,
                    offset_min: added_offset.unwrap_or_else(local_offset_min),
                }),
                last_contact_at: contact.map(|unix_s| Stamp {
                    unix_s,
                    offset_min: local_offset_min(),
                }),
                groups: Vec::new(),
            })
        })?
        .map(|row| row.map(|r| (r.id, r)))
        .collect::<rusqlite::Result<_>>()?;
    let tag_sql = format!(
        "SELECT ct.customer_id, t.id, t.name, t.group_id, coalesce(g.color, '{UNGROUPED_COLOR}')
         FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id LEFT JOIN tag_groups g ON g.id = t.group_id
         WHERE ct.customer_id IN ({marks}) ORDER BY coalesce(g.sort, 1e9), t.name"
    );
    let mut stmt = conn.prepare(&tag_sql)?;
    let mut tag_rows = stmt.query(params_from_iter(ids))?;
    while let Some(r) = tag_rows.next()? {
        if let Some(row) = found.get_mut(&r.get(0)?) {
            row.tags.push(Tag {
                id: r.get(1)?,
                name: r.get(2)?,
                group_id: r.get(3)?,
                color: r.get(4)?,
            });
        }
    }
    let staff_sql = format!(
        "SELECT cs.customer_id, s.name FROM customer_staff cs JOIN staff s ON s.id = cs.staff_id
         WHERE cs.customer_id IN ({marks}) ORDER BY cs.added_at"
    );
    for (customer_id, name) in pairs(conn, &staff_sql, ids)? {
        if let Some(row) = found.get_mut(&customer_id) {
            row.staff.push(name);
        }
    }
    let group_sql = format!(
        "SELECT gm.customer_id, g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id
         WHERE gm.customer_id IN ({marks}) AND gm.left_on IS NULL ORDER BY g.name"
    );
    for (customer_id, name) in pairs(conn, &group_sql, ids)? {
        if let Some(row) = found.get_mut(&customer_id) {
            row.groups.push(name);
        }
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

fn pairs(conn: &Connection, sql: &str, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(sql)?;
    let pairs = stmt
        .query_map(params_from_iter(ids), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(pairs)
}

/// The names of the groups a customer is (or was) in, current ones first.
pub fn groups_of(conn: &Connection, id: i64) -> Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.name, gm.left_on IS NULL FROM group_members gm JOIN groups g ON g.id = gm.group_id
         WHERE gm.customer_id = ?1 ORDER BY gm.left_on IS NULL DESC, g.name",
    )?;
    let groups = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(groups)
}

/// Calls `each` with every customer (profile, staff with add times, tag names) in id order,
/// reading one customer at a time so an export of 200k customers never sits in memory.
pub fn for_each_export(
    conn: &Connection,
    mut each: impl FnMut(crate::domain::customer::CustomerExport) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PROFILE_COLUMNS} FROM customers ORDER BY id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut staff_stmt = conn.prepare_cached(
        "SELECT s.name, cs.added_at, cs.added_offset_min FROM customer_staff cs JOIN staff s ON s.id = cs.staff_id
         WHERE cs.customer_id = ?1 ORDER BY cs.added_at, s.name",
    )?;
    let mut tag_stmt = conn.prepare_cached(
        "SELECT coalesce(g.name, ''), t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
         LEFT JOIN tag_groups g ON g.id = t.group_id WHERE ct.customer_id = ?1
         ORDER BY ct.created_at, coalesce(ct.position, 0), t.id",
    )?;
    let mut purchase_stmt = conn.prepare_cached(
        "SELECT order_no, at, amount_cents, items FROM purchases WHERE customer_id = ?1
         ORDER BY at, id",
    )?;
    while let Some(row) = rows.next()? {
        let customer = profile_from_row(row)?;
        let staff = staff_stmt
            .query_map([customer.id], |r| {
                let at: Option<i64> = r.get(1)?;
                let offset: Option<i32> = r.get(2)?;
                Ok((
                    r.get::<_, String>(0)?,
                    at.map(|unix_s| Stamp {
                        unix_s,
                        offset_min: offset.unwrap_or_else(local_offset_min),
                    }),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let tags = tag_stmt
            .query_map([customer.id], |r| {
                Ok(crate::domain::tag::TagRef {
                    group: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let purchases = purchase_stmt
            .query_map([customer.id], |r| {
                let at = Stamp {
                    unix_s: r.get(1)?,
                    offset_min: local_offset_min(),
                };
                Ok(crate::domain::customer::ExportedPurchase {
                    order_no: r.get(0)?,
                    at: at.to_datetime().to_rfc3339(),
                    amount_cents: r.get(2)?,
                    items: r.get(3)?,
                    status: "paid",
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        each(crate::domain::customer::CustomerExport {
            customer,
            staff,
            tags,
            purchases,
        })?;
    }
    Ok(())
}
