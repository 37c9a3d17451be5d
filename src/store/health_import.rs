//! Writing WeCom group statistics and chat exports into one import batch each, and undoing them.
//!
//! Every stats row a batch creates or overwrites is recorded in `import_batch_changes` as entity
//! `day:YYYY-MM-DD` with the group id (and a JSON snapshot of the overwritten row), so undo removes
//! what it created and puts back what it changed. Groups and members the batch created are
//! recorded too; chat messages carry the batch id. Precedence: see `store::health`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use super::health::{self, Source, StoredDay, merge_chat_day};
use super::imports::{BatchInfo, BatchSummary, Counts, finish_batch, open_batch, record_change};
use super::{groups, row_json};
use crate::domain::health::{DayStats, IncomingGroupDay, IncomingMessage};

/// What a health import did, beyond the batch's created/updated/skipped days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HealthCounts {
    /// Stats days created / overwritten / left alone (unchanged or protected by precedence).
    pub days: Counts,
    pub groups_created: i64,
    pub messages_created: i64,
    pub messages_skipped: i64,
    pub members_created: i64,
    pub members_linked: i64,
}

#[derive(Serialize, Deserialize)]
struct DayBeforeJson {
    stats: DayStats,
    source: String,
    batch: Option<i64>,
}

fn day_entity(day: NaiveDate) -> String {
    format!("day:{day}")
}

/// Writes `next` for a group's day in a batch, remembering what was there.
fn write_day(
    conn: &Connection,
    batch_id: i64,
    group_id: i64,
    existing: Option<&StoredDay>,
    next: &DayStats,
    source: Source,
    counts: &mut Counts,
) -> Result<()> {
    let entity = day_entity(next.day);
    match existing {
        None => {
            record_change(conn, batch_id, &entity, group_id, "created", None)?;
            counts.created += 1;
            health::put(conn, group_id, next, source, Some(batch_id))
        }
        Some(old) => {
            let old_batch: Option<i64> = conn
                .prepare_cached(
                    "SELECT batch_id FROM group_daily_stats WHERE group_id = ?1 AND day = ?2",
                )?
                .query_row(params![group_id, next.day.to_string()], |r| r.get(0))?;
            let before = DayBeforeJson {
                stats: old.stats,
                source: old.source.key().to_string(),
                batch: old_batch,
            };
            let json =
                serde_json::to_string(&before).map_err(|e| StoreError::Invalid(e.to_string()))?;
            record_change(conn, batch_id, &entity, group_id, "updated", Some(json))?;
            counts.updated += 1;
            health::put(conn, group_id, next, source, Some(batch_id))
        }
    }
}

/// Writes WeCom group-statistics rows into one batch.
pub struct StatsImport<'c> {
    conn: &'c Connection,
    batch_id: i64,
    /// Where rows that name no group go (a brand-wide daily series), as the user chose.
    fallback: Option<ChatTarget>,
    fallback_id: Option<i64>,
    by_chat_id: HashMap<String, i64>,
    by_name: HashMap<String, i64>,
    counts: HealthCounts,
}

/// Why a statistics row was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsRowProblem {
    /// A per-day summary row (no 群名称 or 群ID): it belongs to no group.
    NoGroup,
}

impl<'c> StatsImport<'c> {
    /// Opens the batch.
    pub fn begin(
        conn: &'c Connection,
        info: &BatchInfo,
        fallback: Option<&ChatTarget>,
    ) -> Result<Self> {
        Ok(Self {
            conn,
            batch_id: open_batch(conn, info)?,
            fallback: fallback.cloned(),
            fallback_id: None,
            by_chat_id: HashMap::new(),
            by_name: HashMap::new(),
            counts: HealthCounts::default(),
        })
    }

    /// The batch id.
    pub fn id(&self) -> i64 {
        self.batch_id
    }

    /// The group rows without one go into: the chosen group, or the one of that name (created
    /// when new).
    fn fallback_group(&mut self) -> Result<Option<i64>> {
        if self.fallback_id.is_none() {
            self.fallback_id = match self.fallback.clone() {
                None => None,
                Some(ChatTarget::Existing(id)) => Some(id),
                Some(ChatTarget::Named(name)) => match groups::find_by_name(self.conn, &name)? {
                    Some(id) => Some(id),
                    None => Some(self.create_group(&name, None, None, None)?),
                },
            };
        }
        Ok(self.fallback_id)
    }

    /// The group a row belongs to: by 群ID, then by name, else a new group.
    fn group_for(&mut self, row: &IncomingGroupDay) -> Result<Option<i64>> {
        let (chat_id, name, owner) = (
            row.chat_id.as_deref(),
            row.group_name.as_deref(),
            row.owner.as_deref(),
        );
        if chat_id.is_none() && name.is_none() {
            return self.fallback_group();
        }
        if let Some(id) = chat_id.and_then(|c| self.by_chat_id.get(c)) {
            return Ok(Some(*id));
        }
        if chat_id.is_none()
            && let Some(id) = name.and_then(|n| self.by_name.get(n))
        {
            return Ok(Some(*id));
        }
        let found = match chat_id {
            Some(chat) => self
                .conn
                .prepare_cached("SELECT id FROM groups WHERE wecom_chat_id = ?1")?
                .query_row([chat], |r| r.get::<_, i64>(0))
                .optional()?,
            None => None,
        };
        let id = match (found, name) {
            (Some(id), _) => id,
            (None, None) => match chat_id {
                None => return Ok(None),
                Some(chat) => self.create_group(chat, Some(chat), owner, row.created)?,
            },
            (None, Some(name)) => {
                // By name, but never steal a group that already has another 群ID.
                let by_name: Option<(i64, Option<String>)> = self
                    .conn
                    .prepare_cached(
                        "SELECT id, wecom_chat_id FROM groups WHERE name = ?1
                         AND (wecom_chat_id IS NULL OR ?2 IS NULL) ORDER BY archived, id LIMIT 1",
                    )?
                    .query_row(params![name.trim(), chat_id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                match by_name {
                    Some((id, None)) if chat_id.is_some() => {
                        let before = serde_json::json!({ "groups": row_json::capture(self.conn, "groups", "id", id)? });
                        record_change(
                            self.conn,
                            self.batch_id,
                            "group",
                            id,
                            "updated",
                            Some(before.to_string()),
                        )?;
                        self.conn.execute(
                            "UPDATE groups SET wecom_chat_id = ?2 WHERE id = ?1",
                            params![id, chat_id],
                        )?;
                        id
                    }
                    Some((id, _)) => id,
                    None => self.create_group(name, chat_id, owner, row.created)?,
                }
            }
        };
        if let Some(chat) = chat_id {
            self.by_chat_id.insert(chat.to_string(), id);
        }
        if let Some(name) = name {
            self.by_name.insert(name.to_string(), id);
        }
        Ok(Some(id))
    }

    fn create_group(
        &mut self,
        name: &str,
        chat_id: Option<&str>,
        owner: Option<&str>,
        created: Option<NaiveDate>,
    ) -> Result<i64> {
        let created = created.map(|d| d.to_string());
        let id = groups::create(self.conn, name, "", created.as_deref())?;
        self.conn.execute(
            "UPDATE groups SET wecom_chat_id = ?2, owner = ?3 WHERE id = ?1",
            params![id, chat_id, owner.unwrap_or("")],
        )?;
        record_change(self.conn, self.batch_id, "group", id, "created", None)?;
        self.counts.groups_created += 1;
        Ok(id)
    }

    /// Stores one row: WeCom numbers replace chat-derived or older WeCom ones, never a hand-entered
    /// day; fields the sheet does not carry (exposure, orders, cost) are kept.
    pub fn add(
        &mut self,
        row: &IncomingGroupDay,
    ) -> Result<std::result::Result<(), StatsRowProblem>> {
        let Some(group_id) = self.group_for(row)? else {
            return Ok(Err(StatsRowProblem::NoGroup));
        };
        let existing = health::day(self.conn, group_id, row.stats.day)?;
        if existing.is_some_and(|e| e.source == Source::Manual) {
            self.counts.days.skipped += 1;
            return Ok(Ok(()));
        }
        let mut next = existing.map_or(DayStats::empty(row.stats.day), |e| e.stats);
        let fields = [
            (&mut next.members, row.stats.members),
            (&mut next.joins, row.stats.joins),
            (&mut next.leaves, row.stats.leaves),
            (&mut next.speakers, row.stats.speakers),
            (&mut next.messages, row.stats.messages),
        ];
        for (slot, value) in fields {
            if value.is_some() {
                *slot = value;
            }
        }
        if existing.is_some_and(|e| e.source == Source::Wecom && e.stats == next) {
            self.counts.days.skipped += 1;
            return Ok(Ok(()));
        }
        write_day(
            self.conn,
            self.batch_id,
            group_id,
            existing.as_ref(),
            &next,
            Source::Wecom,
            &mut self.counts.days,
        )?;
        Ok(Ok(()))
    }

    /// Writes the batch's counts.
    pub fn finish(self, rows: i64, rejected: i64) -> Result<(BatchSummary, HealthCounts)> {
        let summary = finish_batch(self.conn, self.batch_id, rows, self.counts.days, rejected)?;
        Ok((summary, self.counts))
    }
}

/// Which group a chat export goes into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatTarget {
    Existing(i64),
    /// A new group with this name (or the existing one of that name).
    Named(String),
}

#[derive(Default)]
struct MemberSeen {
    nick: String,
    remark: String,
    created: bool,
}

/// Writes a chat export's messages into one group in one batch, then links members to customers
/// and derives the touched days' stats.
pub struct ChatImport<'c> {
    conn: &'c Connection,
    batch_id: i64,
    group_id: i64,
    members: HashMap<String, (i64, MemberSeen)>,
    occurrences: HashMap<String, u32>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    counts: HealthCounts,
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl<'c> ChatImport<'c> {
    /// Opens the batch (creating the target group when it is new).
    pub fn begin(conn: &'c Connection, info: &BatchInfo, target: &ChatTarget) -> Result<Self> {
        let batch_id = open_batch(conn, info)?;
        let mut counts = HealthCounts::default();
        let group_id = match target {
            ChatTarget::Existing(id) => {
                if !groups::exists(conn, *id)? {
                    return Err(StoreError::NotFound {
                        what: "group",
                        id: *id,
                    });
                }
                *id
            }
            ChatTarget::Named(name) => match groups::find_by_name(conn, name)? {
                Some(id) => id,
                None => {
                    let id = groups::create(conn, name, "", None)?;
                    record_change(conn, batch_id, "group", id, "created", None)?;
                    counts.groups_created += 1;
                    id
                }
            },
        };
        Ok(Self {
            conn,
            batch_id,
            group_id,
            members: HashMap::new(),
            occurrences: HashMap::new(),
            first: None,
            last: None,
            counts,
        })
    }

    /// The group the messages go into.
    pub fn group_id(&self) -> i64 {
        self.group_id
    }

    fn member(&mut self, m: &IncomingMessage) -> Result<Option<i64>> {
        if m.sender.is_empty() {
            return Ok(None);
        }
        if let Some((id, seen)) = self.members.get_mut(&m.sender) {
            if seen.remark.is_empty() && !m.remark.is_empty() {
                seen.remark.clone_from(&m.remark);
            }
            return Ok(Some(*id));
        }
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM group_members WHERE group_id = ?1 AND member_key = ?2")?
            .query_row(params![self.group_id, m.sender], |r| r.get(0))
            .optional()?;
        let (id, created) = match found {
            Some(id) => (id, false),
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO group_members (group_id, member_key, display_name, joined_on)
                         VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![
                        self.group_id,
                        m.sender,
                        m.nick_name,
                        m.local_day.to_string()
                    ])?;
                let id = self.conn.last_insert_rowid();
                record_change(
                    self.conn,
                    self.batch_id,
                    "group_member",
                    id,
                    "created",
                    None,
                )?;
                self.counts.members_created += 1;
                (id, true)
            }
        };
        let seen = MemberSeen {
            nick: m.nick_name.clone(),
            remark: m.remark.clone(),
            created,
        };
        self.members.insert(m.sender.clone(), (id, seen));
        Ok(Some(id))
    }

    /// Stores one message (a message already stored from an earlier import is skipped).
    pub fn add(&mut self, m: &IncomingMessage) -> Result<()> {
        let member_id = self.member(m)?;
        let base = format!(
            "{}|{}|{}|{}|{:016x}",
            m.at_unix,
            m.sender,
            m.kind,
            m.sub_kind,
            fnv(&m.text)
        );
        let n = self.occurrences.entry(base.clone()).or_insert(0);
        *n += 1;
        let key = format!("{base}#{n}");
        let day = m.local_day;
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO chat_messages (group_id, member_id, sender, at, local_day,
                   kind, sub_kind, text, source_key, batch_id, own)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                self.group_id,
                member_id,
                m.sender,
                m.at_unix,
                day.to_string(),
                m.kind,
                m.sub_kind,
                m.text,
                key,
                self.batch_id,
                m.own
            ])?;
        if inserted == 0 {
            self.counts.messages_skipped += 1;
            return Ok(());
        }
        super::chat::index_message(
            self.conn,
            self.conn.last_insert_rowid(),
            self.group_id,
            m.kind,
            m.sub_kind,
            &m.text,
        )?;
        self.counts.messages_created += 1;
        self.first = Some(self.first.map_or(day, |f| f.min(day)));
        self.last = Some(self.last.map_or(day, |l| l.max(day)));
        Ok(())
    }

    /// Links members to customers: by wxid, else by WeChat ID, else by the remark, else by a nickname no other
    /// sender in this export uses; only where exactly one customer matches and no link exists.
    fn link_members(&mut self) -> Result<()> {
        let mut nick_count: HashMap<&str, usize> = HashMap::new();
        for (_, seen) in self.members.values() {
            *nick_count.entry(seen.nick.as_str()).or_default() += 1;
        }
        let unique = |sql: &str, value: &str| -> Result<Option<i64>> {
            if value.trim().is_empty() {
                return Ok(None);
            }
            let ids: Vec<i64> = self
                .conn
                .prepare_cached(sql)?
                .query_map([value.trim()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((ids.len() == 1).then(|| ids[0]))
        };
        let mut linked = 0;
        for (sender, (member_id, seen)) in &self.members {
            let current: Option<i64> = self
                .conn
                .prepare_cached("SELECT customer_id FROM group_members WHERE id = ?1")?
                .query_row([member_id], |r| r.get(0))?;
            if current.is_some() {
                continue;
            }
            // The sender is a wxid in per-conversation exports: a WeChat contacts file gave it.
            let mut customer = unique("SELECT id FROM customers WHERE wxid = ?1 LIMIT 2", sender)?;
            if customer.is_none() {
                customer = unique(
                    "SELECT id FROM customers WHERE wechat_id = ?1 LIMIT 2",
                    sender,
                )?;
            }
            if customer.is_none() {
                customer = unique(
                    "SELECT id FROM customers WHERE remark = ?1 LIMIT 2",
                    &seen.remark,
                )?;
            }
            if customer.is_none() && nick_count.get(seen.nick.as_str()) == Some(&1) {
                customer = unique(
                    "SELECT id FROM customers WHERE name = ?1 OR remark = ?1 LIMIT 2",
                    &seen.nick,
                )?;
            }
            if let Some(customer_id) = customer {
                self.conn.execute(
                    "UPDATE group_members SET customer_id = ?2 WHERE id = ?1",
                    params![member_id, customer_id],
                )?;
                if !seen.created {
                    record_change(
                        self.conn,
                        self.batch_id,
                        "member_link",
                        *member_id,
                        "updated",
                        None,
                    )?;
                }
                linked += 1;
            }
        }
        self.counts.members_linked = linked;
        Ok(())
    }

    /// Links members, derives the stats of the days that got new messages, writes the counts.
    pub fn finish(mut self, rows: i64, rejected: i64) -> Result<(BatchSummary, HealthCounts)> {
        self.link_members()?;
        if let (Some(first), Some(last)) = (self.first, self.last) {
            derive_days(
                self.conn,
                self.batch_id,
                self.group_id,
                first,
                last,
                &mut self.counts.days,
            )?;
        }
        let summary = finish_batch(self.conn, self.batch_id, rows, self.counts.days, rejected)?;
        Ok((summary, self.counts))
    }
}

/// Derives `first..=last` from stored messages and merges them by precedence, recording changes.
pub fn derive_days(
    conn: &Connection,
    batch_id: i64,
    group_id: i64,
    first: NaiveDate,
    last: NaiveDate,
    counts: &mut Counts,
) -> Result<()> {
    for derived in health::derive_from_chat(conn, group_id, first, last)? {
        let existing = health::day(conn, group_id, derived.day)?;
        match merge_chat_day(existing.as_ref(), &derived) {
            Some((next, source)) => write_day(
                conn,
                batch_id,
                group_id,
                existing.as_ref(),
                &next,
                source,
                counts,
            )?,
            None => counts.skipped += 1,
        }
    }
    Ok(())
}

/// Undoes a `group_stats` or `chat` batch: its messages go, its days go back to what they were,
/// member links it made are cleared, and the members and groups it created are removed.
pub fn undo(conn: &Connection, batch_id: i64) -> Result<()> {
    conn.execute("DELETE FROM chat_messages WHERE batch_id = ?1", [batch_id])?;
    let changes: Vec<(String, i64, String, Option<String>)> = conn
        .prepare("SELECT entity, entity_id, action, before FROM import_batch_changes WHERE batch_id = ?1")?
        .query_map([batch_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed_groups = HashSet::new();
    for (entity, id, action, before) in &changes {
        if let Some(day) = entity.strip_prefix("day:") {
            match (action.as_str(), before) {
                ("updated", Some(json)) => {
                    let b: DayBeforeJson = serde_json::from_str(json)
                        .map_err(|e| StoreError::Invalid(e.to_string()))?;
                    let source = match b.source.as_str() {
                        "wecom" => Source::Wecom,
                        "chat" => Source::Chat,
                        _ => Source::Manual,
                    };
                    health::put(conn, *id, &b.stats, source, b.batch)?;
                }
                _ => {
                    conn.execute(
                        "DELETE FROM group_daily_stats WHERE group_id = ?1 AND day = ?2",
                        params![id, day],
                    )?;
                }
            }
            continue;
        }
        match (entity.as_str(), action.as_str()) {
            ("member_link", _) => {
                conn.execute(
                    "UPDATE group_members SET customer_id = NULL WHERE id = ?1",
                    [id],
                )?;
            }
            ("group_member", "created") => {
                conn.execute("DELETE FROM group_members WHERE id = ?1", [id])?;
            }
            ("group", "updated") => {
                let before: serde_json::Value =
                    serde_json::from_str(before.as_deref().unwrap_or("{}"))
                        .map_err(|e| StoreError::Invalid(e.to_string()))?;
                if let Some(row) = before["groups"].get(0) {
                    row_json::update(conn, "groups", *id, row)?;
                }
            }
            ("group", "created") => {
                removed_groups.insert(*id);
            }
            _ => {}
        }
    }
    for id in removed_groups {
        conn.execute("DELETE FROM groups WHERE id = ?1", [id])?;
    }
    Ok(())
}
