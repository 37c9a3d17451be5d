//! Importing WeCom group statistics and WeChatMsg chat exports: detect, read rows as a stream,
//! write them in one transaction (rolled back on error or cancel) through `store::health_import`,
//! and report what happened. The command line runs these directly; the import screen on a worker.

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use serde::Serialize;

use super::Reporter;
use super::contact_import::{ImportFailure, ImportReport, LeftOut, batch_info, open_for_import};
use crate::domain::health::{DayStats, IncomingGroupDay, IncomingMessage};
use crate::import::chat::Conversation;
use crate::import::dates::date_in_text;
use crate::import::open_rows;
use crate::import::{
    ChatColumns, ChatMessage, Detection, FileKind, GroupDayStats, GroupStatColumns, ImportError,
    RawRow, detect_path_as, detect_path_in_sheet, message_from_row, stats_from_row,
};
use crate::store::health_import::{ChatImport, ChatTarget, HealthCounts, StatsImport};
use crate::store::imports::BatchSummary;
use crate::store::{Store, StoreError};

/// What a statistics or chat import did besides the batch counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthDetails {
    #[serde(flatten)]
    pub counts: HealthCounts,
    /// The group a chat went into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
}

/// What to import.
#[derive(Debug, Clone)]
pub struct HealthImportRequest {
    pub path: PathBuf,
    pub sheet: Option<String>,
    /// The text encoding the user chose (default: the guessed one).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The group a chat export goes into (required), or the group of statistics rows that name
    /// none (required when the file has no group column).
    pub chat_target: Option<ChatTarget>,
    /// The offset naive times are in (chat CreateTime is unix time; its local day uses this).
    pub tz: FixedOffset,
    /// Statistics columns the user mapped by hand (the file is then read as group statistics
    /// whatever it was detected as); `None` finds them by their headers.
    pub stat_columns: Option<GroupStatColumns>,
    /// Chat columns the user mapped by hand (the file is then read as a chat whatever it was
    /// detected as); `None` finds them by their headers.
    pub chat_columns: Option<ChatColumns>,
}

fn has_group_columns(headers: &[String]) -> bool {
    headers
        .iter()
        .any(|h| matches!(h.trim(), "群名称" | "群ID" | "群id"))
}

/// Detects the file (text read in `encoding` when the user chose one); for a workbook of group
/// statistics prefers the per-group sheet.
pub fn detect(
    path: &Path,
    sheet: Option<&str>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Detection, ImportError> {
    let detection = detect_path_as(path, sheet, encoding)?;
    if sheet.is_some()
        || detection.kind != FileKind::GroupStats
        || has_group_columns(&detection.headers)
    {
        return Ok(detection);
    }
    for other in &detection.sheets {
        if Some(other) == detection.sheet.as_ref() {
            continue;
        }
        if let Ok(d) = detect_path_in_sheet(path, Some(other))
            && d.kind == FileKind::GroupStats
            && has_group_columns(&d.headers)
        {
            return Ok(d);
        }
    }
    Ok(detection)
}

fn count(v: Option<u64>) -> Option<i64> {
    v.and_then(|v| i64::try_from(v).ok())
}

/// A statistics row as the store takes it.
pub fn incoming_day(row: &GroupDayStats) -> IncomingGroupDay {
    IncomingGroupDay {
        group_name: row.group_name.clone(),
        owner: row.owner.clone(),
        chat_id: row.chat_id.clone(),
        created: row.created,
        stats: DayStats {
            members: count(row.member_total),
            joins: count(row.joins),
            leaves: count(row.leaves),
            speakers: count(row.speakers),
            messages: count(row.messages),
            ..DayStats::empty(row.date)
        },
    }
}

/// A chat row as the store takes it.
pub fn incoming_message(m: &ChatMessage) -> IncomingMessage {
    IncomingMessage {
        at_unix: m.at.timestamp(),
        local_day: m.day(),
        kind: m.msg_type,
        sub_kind: m.sub_type,
        text: m.text.clone(),
        sender: m.sender.clone(),
        nick_name: m.nick_name.clone(),
        remark: m.remark.clone(),
        own: m.is_sender,
    }
}

fn reject(left_out: &mut LeftOut, row: RawRow, reason: &str, detail: String) {
    left_out.push_reason(row.row_number, reason, detail, row.cells);
}

/// The conversations of a chat export, in the order they first appear (one pass over the file,
/// nothing kept but one entry per conversation). Empty when the layout has no conversation
/// column.
pub fn conversations(
    path: &Path,
    detection: &Detection,
    cols: &ChatColumns,
) -> Result<Vec<Conversation>, ImportError> {
    use std::collections::{HashMap, HashSet};
    let mut found: Vec<Conversation> = Vec::new();
    // Per conversation: its place in `found` and who spoke (names only, one entry each).
    let mut seen: HashMap<String, (usize, HashSet<String>)> = HashMap::new();
    for row in open_rows(path, detection)? {
        let row = row?;
        let conversation = cols.conversation_of(&row);
        if conversation.key.is_empty() {
            continue;
        }
        let (index, senders) = seen.entry(conversation.key.clone()).or_insert_with(|| {
            found.push(conversation);
            (found.len() - 1, HashSet::new())
        });
        let entry = &mut found[*index];
        let sender = cols.sender_of(&row);
        // The exporter's own rows say 我 (or give the own wxid with IsSender = 1).
        let other = !sender.is_empty() && sender != "我" && !entry.is_named(sender);
        if other && !cols.is_own(&row) && !senders.contains(sender) {
            senders.insert(sender.to_string());
        }
        entry.messages += 1;
        entry.senders = senders.len() as u64;
    }
    Ok(found)
}

/// The name a chat target goes by (the group's name, or the name typed for a new one).
fn target_name(store: &Store, target: &ChatTarget) -> Result<String, ImportFailure> {
    Ok(match target {
        ChatTarget::Named(name) => name.clone(),
        ChatTarget::Existing(id) => crate::store::groups::get(store.conn(), *id)?.name,
    })
}

/// Runs a group-statistics or chat import to the end in one transaction.
pub fn run(
    store: &mut Store,
    request: &HealthImportRequest,
    reporter: &Reporter,
) -> Result<ImportReport, ImportFailure> {
    let mut detection = detect(&request.path, request.sheet.as_deref(), request.encoding)?;
    if request.stat_columns.is_some() {
        detection.kind = FileKind::GroupStats;
    } else if request.chat_columns.is_some() {
        detection.kind = FileKind::Chat;
    }
    let chat_columns = |detection: &crate::import::Detection| match request.chat_columns {
        Some(cols) => Ok(cols),
        None => ChatColumns::locate(&detection.headers),
    };
    let kind = match detection.kind {
        FileKind::GroupStats => "group_stats",
        FileKind::Chat => "chat",
        FileKind::Contacts | FileKind::Unknown => return Err(ImportFailure::WrongKind("contacts")),
        FileKind::Purchases => return Err(ImportFailure::WrongKind("purchases")),
    };
    let stat_columns = |detection: &crate::import::Detection| match &request.stat_columns {
        Some(cols) => Ok(cols.clone()),
        None => GroupStatColumns::locate(&detection.headers),
    };
    if detection.kind == FileKind::GroupStats
        && request.chat_target.is_none()
        && !stat_columns(&detection)?.has_group_column()
    {
        return Err(ImportFailure::NeedsGroup);
    }
    // A file of several conversations (WeChatMsg's "export all") imports the one the target
    // names; without one the user is told which conversations there are.
    let conversation = if detection.kind == FileKind::Chat {
        let cols = chat_columns(&detection)?;
        let found = conversations(&request.path, &detection, &cols)?;
        if found.len() > 1 {
            let name = match &request.chat_target {
                Some(target) => target_name(store, target)?,
                None => String::new(),
            };
            match found.iter().find(|c| c.is_named(&name)) {
                Some(c) => Some(c.key.clone()),
                None => {
                    return Err(ImportFailure::SeveralConversations(
                        found.iter().map(|c| c.label()).collect(),
                    ));
                }
            }
        } else if request.chat_target.is_none() {
            return Err(ImportFailure::NeedsGroup);
        } else {
            None
        }
    } else {
        None
    };
    let info = batch_info(&request.path, kind, &detection)?;
    let (rows, mut ticker) = open_for_import(store, &request.path, &detection)?;
    let tx = store.conn_mut().transaction().map_err(StoreError::from)?;
    let mut rejected = LeftOut::default();
    let (summary, counts, group_id): (BatchSummary, HealthCounts, Option<i64>) =
        if detection.kind == FileKind::Chat {
            let target =
                request
                    .chat_target
                    .clone()
                    .ok_or(ImportFailure::Store(StoreError::Invalid(
                        "a chat export needs a group".into(),
                    )))?;
            let cols = chat_columns(&detection)?;
            let mut batch = ChatImport::begin(&tx, &info, &target)?;
            for row in rows {
                let row = row?;
                match message_from_row(&row, &cols, request.tz) {
                    Ok(m) if conversation.as_ref().is_some_and(|c| *c != m.conversation) => {
                        reject(&mut rejected, row, "other_conversations", m.conversation)
                    }
                    Ok(m) => batch.add(&incoming_message(&m))?,
                    Err(r) => reject(&mut rejected, row, r.reason_code, r.detail),
                }
                ticker.tick(reporter)?;
            }
            let group = batch.group_id();
            let (s, c) = batch.finish(ticker.rows as i64, rejected.rejected.len() as i64)?;
            (s, c, Some(group))
        } else {
            let snapshot_day = detection.title.as_deref().and_then(date_in_text);
            let cols = stat_columns(&detection)?.with_snapshot_day(snapshot_day);
            let mut batch = StatsImport::begin(&tx, &info, request.chat_target.as_ref())?;
            for row in rows {
                let row = row?;
                match stats_from_row(&row, &cols, request.tz) {
                    Ok(s) => {
                        if batch.add(&incoming_day(&s))?.is_err() {
                            let detail = "no 群名称 or 群ID".to_string();
                            reject(&mut rejected, row, "no_group", detail);
                        }
                    }
                    Err(r) => reject(&mut rejected, row, r.reason_code, r.detail),
                }
                ticker.tick(reporter)?;
            }
            let (s, c) = batch.finish(ticker.rows as i64, rejected.rejected.len() as i64)?;
            (s, c, None)
        };
    ticker.check(reporter)?;
    tx.commit().map_err(StoreError::from)?;
    ticker.done(reporter);
    Ok(ImportReport {
        health: Some(HealthDetails { counts, group_id }),
        ..ImportReport::new(kind, detection, ticker.rows, &summary, rejected)
    })
}
