//! Import batches: writing incoming customers with de-duplication, remembering exactly what each
//! batch created and changed, and undoing a batch.
//!
//! The caller runs a whole import inside one transaction (`Store::write` or a worker's own
//! transaction): a cancelled or failed import leaves nothing behind.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::buffered_insert::BufferedInsert;
use super::error::{Result, StoreError};
pub use super::undo_import::{newer_overlapping_batches, undo_batch};
use super::{customers, now_unix, row_json, search, staff, tags};
use crate::domain::contact::{
    DedupPolicy, IncomingContact, earliest, fill_empty, overwrite_unless_empty,
};
use crate::domain::customer::{Customer, Gender};
use crate::domain::tag::TagRef;

/// What a batch is about, known before its rows are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchInfo {
    pub file_name: String,
    pub file_hash: String,
    pub kind: String,
    pub format: String,
    pub encoding: String,
}

/// One row of the import history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BatchSummary {
    pub id: i64,
    pub file_name: String,
    pub kind: String,
    pub at: i64,
    pub rows: i64,
    pub created: i64,
    pub updated: i64,
    pub skipped: i64,
    pub rejected: i64,
    pub undone: bool,
}

/// What happened to one incoming customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created(i64),
    Updated(i64),
    Skipped(i64),
}

/// Counts of a batch in progress: distinct customers created and updated, rows skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub created: i64,
    pub updated: i64,
    pub skipped: i64,
}

/// Writes incoming customers into one batch. Create it inside a transaction, `add` every
/// customer, then `finish`.
pub struct ContactBatch<'c> {
    conn: &'c Connection,
    batch_id: i64,
    policy: DedupPolicy,
    tag_ids: HashMap<String, i64>,
    staff_ids: HashMap<String, i64>,
    touched: Vec<i64>,
    recorded: HashSet<i64>,
    /// Customers this batch created (a second row for one of them is still one creation).
    created: HashSet<i64>,
    keys: DedupKeys,
    counts: Counts,
    /// Rows that went into a customer an earlier row of the same file had written.
    merged_rows: i64,
    /// Tag links, staff links and change-log rows, written many per statement.
    tag_links: BufferedInsert,
    /// Per customer, the position the next tag link gets (first seen first).
    next_tag_position: HashMap<i64, i64>,
    staff_links: BufferedInsert,
    changes: BufferedInsert,
    /// Customers with links still queued (a merge into one of them writes them first).
    queued_for: HashSet<i64>,
    /// Indexes dropped for a first import into an empty book, re-created by `finish`.
    deferred_indexes: Vec<String>,
    /// When the batch began: the time its tag links are stamped with.
    started: i64,
    /// The highest customer id before the batch: every customer above it is the batch's.
    max_id_before: i64,
}

/// Secondary indexes a first import builds once at the end: creating an index over sorted
/// finished rows is several times cheaper than growing it row by row in random key order. Not
/// here: the UNIQUE external_id index (a constraint) and customers_name (the name + staff
/// de-dup lookup uses it during the batch).
const DEFERRABLE_INDEXES: [&str; 7] = [
    "customers_remark",
    "customers_phone",
    "customers_wechat",
    "customers_added",
    "customers_last_contact",
    "customer_staff_by_staff",
    "customer_tags_by_tag",
];

/// Drops the deferrable indexes when the book is empty; returns their `CREATE INDEX` statements.
fn defer_indexes_if_empty(conn: &Connection) -> Result<Vec<String>> {
    let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM customers)", [], |r| {
        r.get(0)
    })?;
    if !empty {
        return Ok(Vec::new());
    }
    let mut sqls = Vec::new();
    for name in DEFERRABLE_INDEXES {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP INDEX {name}"))?;
            sqls.push(sql);
        }
    }
    Ok(sqls)
}

impl<'c> ContactBatch<'c> {
    /// Opens a batch (its history row is written now; counts are filled by `finish`).
    pub fn begin(conn: &'c Connection, info: &BatchInfo, policy: DedupPolicy) -> Result<Self> {
        let max_id_before =
            conn.query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                r.get(0)
            })?;
        Ok(Self {
            conn,
            batch_id: open_batch(conn, info)?,
            policy,
            tag_ids: HashMap::new(),
            staff_ids: HashMap::new(),
            touched: Vec::new(),
            recorded: HashSet::new(),
            created: HashSet::new(),
            keys: DedupKeys::load(conn)?,
            counts: Counts::default(),
            merged_rows: 0,
            tag_links: BufferedInsert::new(
                "INSERT INTO customer_tags (customer_id, tag_id, source, created_at, position)",
                5,
                "ON CONFLICT DO NOTHING",
            ),
            next_tag_position: HashMap::new(),
            staff_links: BufferedInsert::new(
                "INSERT INTO customer_staff (customer_id, staff_id, added_at, added_offset_min)",
                4,
                staff::LINK_CONFLICT,
            ),
            changes: BufferedInsert::new(
                "INSERT OR IGNORE INTO import_batch_changes (batch_id, entity, entity_id, action, before)",
                5,
                "",
            ),
            queued_for: HashSet::new(),
            deferred_indexes: defer_indexes_if_empty(conn)?,
            started: now_unix(),
            max_id_before,
        })
    }

    /// The batch's id.
    pub fn id(&self) -> i64 {
        self.batch_id
    }

    /// Counts rows the reader left out as rightly skipped (not errors).
    pub fn add_skipped(&mut self, rows: i64) {
        self.counts.skipped += rows;
    }

    /// The counts so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Rows merged into a customer that an earlier row of the same file had created or updated
    /// (the summary says so, so that its figures add up to the rows read).
    pub fn merged_rows(&self) -> i64 {
        self.merged_rows
    }

    /// Stores one incoming customer according to the policy.
    pub fn add(&mut self, incoming: &IncomingContact) -> Result<Applied> {
        let applied = match self.find_existing(incoming)? {
            None => Applied::Created(self.create(incoming)?),
            Some(id) if self.policy == DedupPolicy::Skip && !self.created.contains(&id) => {
                Applied::Skipped(id)
            }
            Some(id) => {
                if self.created.contains(&id) || self.recorded.contains(&id) {
                    self.merged_rows += 1;
                }
                self.merge(id, incoming)?;
                if self.created.contains(&id) {
                    // Two rows of one file for the same customer: still one creation.
                    Applied::Created(id)
                } else {
                    Applied::Updated(id)
                }
            }
        };
        if let Applied::Skipped(_) = applied {
            self.counts.skipped += 1;
        }
        self.flush_if_full()?;
        Ok(applied)
    }

    /// The stored customer this one is, by external id, else phone, else name + adding staff.
    fn find_existing(&mut self, incoming: &IncomingContact) -> Result<Option<i64>> {
        if let Some(ext) = incoming.external_id.as_deref().filter(|e| !e.is_empty())
            && let Some(&id) = self.keys.by_external_id.get(ext)
        {
            return Ok(Some(id));
        }
        if let Some(wxid) = incoming.wxid.as_deref().filter(|w| !w.is_empty())
            && let Some(&id) = self.keys.by_wxid.get(wxid)
        {
            return Ok(Some(id));
        }
        if let Some(phone) = incoming.phone.as_deref().filter(|p| !p.is_empty()) {
            return Ok(self.keys.by_phone(phone, incoming.external_id.is_some()));
        }
        if incoming.external_id.is_some() || incoming.wxid.is_some() {
            return Ok(None);
        }
        let name = incoming.name.trim();
        self.flush_all()?;
        for add in &incoming.staff {
            // INDEXED BY: left to itself the planner reads `external_id IS NULL` through the UNIQUE
            // index as "one row" and walks every customer without an external id per lookup.
            let found = self
                .conn
                .prepare_cached(
                    "SELECT c.id FROM customers c INDEXED BY customers_name
                     JOIN customer_staff cs ON cs.customer_id = c.id
                     JOIN staff s ON s.id = cs.staff_id
                     WHERE c.name = ?1 AND s.name = ?2 AND c.phone IS NULL AND c.external_id IS NULL
                       AND c.wxid IS NULL
                     LIMIT 1",
                )?
                .query_row(params![name, add.name.trim()], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    fn create(&mut self, incoming: &IncomingContact) -> Result<i64> {
        let customer = Customer {
            external_id: incoming.external_id.clone(),
            name: incoming.name.trim().to_string(),
            remark: incoming.remark.trim().to_string(),
            description: incoming.description.trim().to_string(),
            phone: incoming.phone.clone(),
            wechat_id: incoming.wechat_id.clone(),
            wxid: incoming.wxid.clone(),
            gender: incoming.gender,
            corp: incoming.corp.trim().to_string(),
            source: incoming.source.trim().to_string(),
            added_at: incoming
                .staff
                .iter()
                .fold(incoming.added_at, |a, s| earliest(a, s.added_at)),
            custom: incoming.custom.clone(),
            ..Customer::default()
        };
        let id = customers::insert_unindexed(self.conn, &customer)?;
        self.keys.insert(id, &customer);
        self.record(id, "customer", "created", None)?;
        self.recorded.insert(id);
        self.created.insert(id);
        self.counts.created += 1;
        self.link_staff_and_tags(id, incoming)?;
        self.touched.push(id);
        Ok(id)
    }

    fn merge(&mut self, id: i64, incoming: &IncomingContact) -> Result<()> {
        // This customer is read back: write its queued links first.
        if self.queued_for.contains(&id) {
            self.flush_all()?;
        }
        if !self.recorded.contains(&id) {
            let before = json!({
                "customer": row_json::capture(self.conn, "customers", "id", id)?,
                "customer_tags": row_json::capture(self.conn, "customer_tags", "customer_id", id)?,
                "customer_staff": row_json::capture(self.conn, "customer_staff", "customer_id", id)?,
            });
            self.record(id, "customer", "updated", Some(before.to_string()))?;
            self.recorded.insert(id);
            self.counts.updated += 1;
        }
        let mut customer = customers::get(self.conn, id)?;
        self.keys.remove(id, &customer);
        let overwrite = self.policy == DedupPolicy::Overwrite;
        let apply = if overwrite {
            overwrite_unless_empty
        } else {
            fill_empty
        };
        apply(&mut customer.name, &incoming.name);
        apply(&mut customer.remark, &incoming.remark);
        apply(&mut customer.description, &incoming.description);
        apply(&mut customer.corp, &incoming.corp);
        apply(&mut customer.source, &incoming.source);
        for (slot, value) in [
            (&mut customer.external_id, &incoming.external_id),
            (&mut customer.phone, &incoming.phone),
            (&mut customer.wechat_id, &incoming.wechat_id),
            (&mut customer.wxid, &incoming.wxid),
        ] {
            if value.is_some() && (overwrite || slot.is_none()) {
                slot.clone_from(value);
            }
        }
        if incoming.gender != Gender::Unknown && (overwrite || customer.gender == Gender::Unknown) {
            customer.gender = incoming.gender;
        }
        let incoming_added = incoming
            .staff
            .iter()
            .fold(incoming.added_at, |a, s| earliest(a, s.added_at));
        customer.added_at = earliest(customer.added_at, incoming_added);
        for (header, value) in &incoming.custom {
            match customer.custom.iter_mut().find(|(h, _)| h == header) {
                Some((_, stored)) if overwrite || stored.is_empty() => stored.clone_from(value),
                Some(_) => {}
                None => customer.custom.push((header.clone(), value.clone())),
            }
        }
        customers::update_unindexed(self.conn, &customer)?;
        self.keys.insert(id, &customer);
        self.link_staff_and_tags(id, incoming)?;
        self.touched.push(id);
        Ok(())
    }

    fn link_staff_and_tags(&mut self, id: i64, incoming: &IncomingContact) -> Result<()> {
        self.queued_for.insert(id);
        for add in &incoming.staff {
            let name = add.name.trim();
            if name.is_empty() {
                continue;
            }
            let staff_id = match self.staff_ids.get(name) {
                Some(&sid) => sid,
                None => {
                    let existed = self
                        .conn
                        .prepare_cached("SELECT id FROM staff WHERE name = ?1")?
                        .query_row([name], |r| r.get::<_, i64>(0))
                        .optional()?;
                    let sid = match existed {
                        Some(sid) => sid,
                        None => {
                            let sid = staff::ensure(self.conn, name)?;
                            self.record(sid, "staff", "created", None)?;
                            sid
                        }
                    };
                    let before = row_json::capture(self.conn, "staff", "id", sid)?;
                    let changed = self
                        .conn
                        .prepare_cached(
                            "UPDATE staff SET userid = coalesce(userid, ?2),
                               department = CASE WHEN department = '' THEN coalesce(?3, '') ELSE department END
                             WHERE id = ?1 AND ((userid IS NULL AND ?2 IS NOT NULL)
                               OR (department = '' AND coalesce(?3, '') <> ''))",
                        )?
                        .execute(params![sid, add.userid, add.department])?;
                    if changed > 0 && existed.is_some() {
                        // Undo puts back the account and department this batch filled in.
                        let before = json!({ "staff": before }).to_string();
                        self.record(sid, "staff", "updated", Some(before))?;
                    }
                    self.staff_ids.insert(name.to_string(), sid);
                    sid
                }
            };
            let at = add.added_at;
            self.staff_links.push([
                Value::Integer(id),
                Value::Integer(staff_id),
                at.map_or(Value::Null, |s| Value::Integer(s.unix_s)),
                at.map_or(Value::Null, |s| Value::Integer(i64::from(s.offset_min))),
            ]);
        }
        for tag in &incoming.tags {
            let tag_id = match self.tag_ids.get(&tag.name) {
                Some(&tid) => tid,
                None => {
                    let tid = self.ensure_tag(tag)?;
                    self.tag_ids.insert(tag.name.clone(), tid);
                    tid
                }
            };
            let position = self.next_tag_position(id)?;
            self.tag_links.push([
                Value::Integer(id),
                Value::Integer(tag_id),
                Value::Text(tags::TagSource::Import.key().into()),
                Value::Integer(self.started),
                Value::Integer(position),
            ]);
        }
        Ok(())
    }

    /// The position of a customer's next tag link: after every tag it already has (a link that
    /// turns out to exist already is ignored, leaving a gap that orders nothing wrongly).
    fn next_tag_position(&mut self, customer_id: i64) -> Result<i64> {
        let next = match self.next_tag_position.get(&customer_id) {
            Some(&next) => next,
            None if self.created.contains(&customer_id) => 0,
            None => self
                .conn
                .prepare_cached(
                    "SELECT coalesce(max(position) + 1, count(*)) FROM customer_tags
                     WHERE customer_id = ?1",
                )?
                .query_row([customer_id], |r| r.get(0))?,
        };
        self.next_tag_position.insert(customer_id, next + 1);
        Ok(next)
    }

    /// The id of a tag (and of its group), creating and recording what is new. A tag that
    /// exists keeps its group: names are unique across groups in this book.
    fn ensure_tag(&mut self, tag: &TagRef) -> Result<i64> {
        let existed = self
            .conn
            .prepare_cached("SELECT id FROM tags WHERE name = ?1")?
            .query_row([&tag.name], |r| r.get::<_, i64>(0))
            .optional()?;
        if let Some(tid) = existed {
            return Ok(tid);
        }
        let group_id = if tag.group.trim().is_empty() {
            None
        } else {
            let existed = self
                .conn
                .prepare_cached("SELECT id FROM tag_groups WHERE name = ?1")?
                .query_row([tag.group.trim()], |r| r.get::<_, i64>(0))
                .optional()?;
            Some(match existed {
                Some(gid) => gid,
                None => {
                    let gid = tags::ensure_group(self.conn, &tag.group)?;
                    self.record(gid, "tag_group", "created", None)?;
                    gid
                }
            })
        };
        let tid = tags::ensure(self.conn, &tag.name, group_id)?;
        self.record(tid, "tag", "created", None)?;
        Ok(tid)
    }

    /// Writes everything queued (before anything reads it back).
    fn flush_all(&mut self) -> Result<()> {
        self.staff_links.flush(self.conn)?;
        self.tag_links.flush(self.conn)?;
        self.changes.flush(self.conn)?;
        self.queued_for.clear();
        Ok(())
    }

    /// Writes each buffer holding a full chunk.
    fn flush_if_full(&mut self) -> Result<()> {
        for buffer in [
            &mut self.staff_links,
            &mut self.tag_links,
            &mut self.changes,
        ] {
            if buffer.is_full() {
                buffer.flush(self.conn)?;
            }
        }
        Ok(())
    }

    fn record(
        &mut self,
        id: i64,
        entity: &str,
        action: &str,
        before: Option<String>,
    ) -> Result<()> {
        self.changes.push([
            Value::Integer(self.batch_id),
            Value::Text(entity.into()),
            Value::Integer(id),
            Value::Text(action.into()),
            before.map_or(Value::Null, Value::Text),
        ]);
        Ok(())
    }

    /// Writes what is queued, indexes every touched customer once, re-creates deferred indexes
    /// and writes the batch's counts.
    pub fn finish(mut self, rows: i64, rejected: i64) -> Result<BatchSummary> {
        self.flush_all()?;
        // Created customers have the ids above every stored one; the rest are re-indexed.
        search::index_new_customers_after(self.conn, self.max_id_before)?;
        let mut seen = HashSet::new();
        for id in &self.touched {
            if !self.created.contains(id) && seen.insert(*id) {
                search::index_customer(self.conn, *id)?;
            }
        }
        for sql in &self.deferred_indexes {
            self.conn.execute_batch(sql)?;
        }
        finish_batch(self.conn, self.batch_id, rows, self.counts, rejected)
    }
}

/// The de-duplication keys of every stored customer, held for one batch so each incoming row is
/// matched in memory instead of by two indexed SELECTs (loading 200k customers' keys reads two
/// indexes once; per-row statements were most of an import's time). Kept current as the batch
/// creates and merges customers.
#[derive(Debug, Default)]
struct DedupKeys {
    by_external_id: HashMap<String, i64>,
    by_wxid: HashMap<String, i64>,
    /// Phone → (customer id, has an external id), ascending by id.
    phones: HashMap<String, Vec<(i64, bool)>>,
}

impl DedupKeys {
    fn load(conn: &Connection) -> Result<Self> {
        let mut keys = Self::default();
        let mut stmt = conn.prepare(
            "SELECT id, external_id, phone, wxid FROM customers
             WHERE external_id IS NOT NULL OR phone IS NOT NULL OR wxid IS NOT NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let external_id: Option<String> = row.get(1)?;
            let phone: Option<String> = row.get(2)?;
            let wxid: Option<String> = row.get(3)?;
            keys.add(
                id,
                external_id.as_deref(),
                phone.as_deref(),
                wxid.as_deref(),
            );
        }
        Ok(keys)
    }

    fn add(&mut self, id: i64, external_id: Option<&str>, phone: Option<&str>, wxid: Option<&str>) {
        if let Some(ext) = external_id {
            self.by_external_id.insert(ext.to_string(), id);
        }
        if let Some(wxid) = wxid {
            self.by_wxid.entry(wxid.to_string()).or_insert(id);
        }
        if let Some(phone) = phone {
            let holders = self.phones.entry(phone.to_string()).or_default();
            let at = holders.partition_point(|&(held, _)| held < id);
            holders.insert(at, (id, external_id.is_some()));
        }
    }

    fn insert(&mut self, id: i64, customer: &Customer) {
        self.add(
            id,
            customer.external_id.as_deref(),
            customer.phone.as_deref(),
            customer.wxid.as_deref(),
        );
    }

    fn remove(&mut self, id: i64, customer: &Customer) {
        if let Some(ext) = customer.external_id.as_deref()
            && self.by_external_id.get(ext) == Some(&id)
        {
            self.by_external_id.remove(ext);
        }
        if let Some(wxid) = customer.wxid.as_deref()
            && self.by_wxid.get(wxid) == Some(&id)
        {
            self.by_wxid.remove(wxid);
        }
        if let Some(holders) = customer
            .phone
            .as_deref()
            .and_then(|p| self.phones.get_mut(p))
        {
            holders.retain(|&(held, _)| held != id);
        }
    }

    /// The first customer with `phone`; when the incoming row has an external id, only one
    /// without: a stored customer with another external id is someone else sharing the phone.
    fn by_phone(&self, phone: &str, incoming_has_external_id: bool) -> Option<i64> {
        self.phones
            .get(phone)?
            .iter()
            .find(|&&(_, has_ext)| !(incoming_has_external_id && has_ext))
            .map(|&(id, _)| id)
    }
}

/// Writes a batch's history row (counts are filled when it finishes); returns its id.
pub fn open_batch(conn: &Connection, info: &BatchInfo) -> Result<i64> {
    conn.execute(
        "INSERT INTO import_batches (file_name, file_hash, kind, format, encoding, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            info.file_name,
            info.file_hash,
            info.kind,
            info.format,
            info.encoding,
            now_unix()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Remembers that a batch created or changed an entity (`before`: JSON of what it overwrote).
/// The first record of an entity in a batch wins.
pub fn record_change(
    conn: &Connection,
    batch_id: i64,
    entity: &str,
    entity_id: i64,
    action: &str,
    before: Option<String>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO import_batch_changes (batch_id, entity, entity_id, action, before)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![batch_id, entity, entity_id, action, before])?;
    Ok(())
}

/// Writes a finished batch's counts.
pub fn finish_batch(
    conn: &Connection,
    id: i64,
    rows: i64,
    counts: Counts,
    rejected: i64,
) -> Result<BatchSummary> {
    conn.execute(
        "UPDATE import_batches SET rows = ?2, created = ?3, updated = ?4, skipped = ?5, rejected = ?6
         WHERE id = ?1",
        params![id, rows, counts.created, counts.updated, counts.skipped, rejected],
    )?;
    batch(conn, id)
}

fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BatchSummary> {
    Ok(BatchSummary {
        id: r.get(0)?,
        file_name: r.get(1)?,
        kind: r.get(2)?,
        at: r.get(3)?,
        rows: r.get(4)?,
        created: r.get(5)?,
        updated: r.get(6)?,
        skipped: r.get(7)?,
        rejected: r.get(8)?,
        undone: r.get::<_, Option<i64>>(9)?.is_some(),
    })
}

const SUMMARY_COLUMNS: &str =
    "id, file_name, kind, at, rows, created, updated, skipped, rejected, undone_at";

/// One batch of the history.
pub fn batch(conn: &Connection, id: i64) -> Result<BatchSummary> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM import_batches WHERE id = ?1"
    ))?
    .query_row([id], summary_from_row)
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "import batch",
        id,
    })
}

/// The import history, newest first.
pub fn history(conn: &Connection, limit: usize) -> Result<Vec<BatchSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM import_batches ORDER BY at DESC, id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit as i64], summary_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The mapping a user chose for files with this header signature (JSON: header -> field key).
pub fn remembered_mapping(conn: &Connection, signature: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT mapping FROM header_mappings WHERE signature = ?1")?
        .query_row([signature], |r| r.get(0))
        .optional()?)
}

/// Remembers a user's mapping for files with this header signature.
pub fn remember_mapping(conn: &Connection, signature: &str, mapping_json: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO header_mappings (signature, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
    )?
    .execute(params![signature, mapping_json, now_unix()])?;
    Ok(())
}
