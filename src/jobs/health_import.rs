//! Importing WeCom group statistics and WeChatMsg chat exports: detect, read rows as a stream,
//! write them in one transaction (rolled back on error or cancel) through `store::health_import`,
//! and report what happened. The command line runs these directly; the import screen on a worker.

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use serde::Serialize;

use super::Reporter;
use super::contact_import::{ImportFailure, ImportReport, LeftOut, batch_info, open_for_import};
use crate::domain::health::{DayStats, IncomingGroupDay, IncomingMessage};
use crate::import::{
    ChatColumns, ChatMessage, Detection, FileKind, GroupDayStats, GroupStatColumns, ImportError,
    RawRow, detect_path_in_sheet, message_from_row, stats_from_row,
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
    /// Required for a chat export.
    pub chat_target: Option<ChatTarget>,
    /// The offset naive times are in (chat CreateTime is unix time; its local day uses this).
    pub tz: FixedOffset,
}

fn has_group_columns(headers: &[String]) -> bool {
    headers
        .iter()
        .any(|h| matches!(h.trim(), "群名称" | "群ID" | "群id"))
}

/// Detects the file; for a workbook of group statistics prefers the per-group sheet.
pub fn detect(path: &Path, sheet: Option<&str>) -> Result<Detection, ImportError> {
    let detection = detect_path_in_sheet(path, sheet)?;
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
    }
}

fn reject(left_out: &mut LeftOut, row: RawRow, reason: &str, detail: String) {
    left_out.push_reason(row.row_number, reason, detail, row.cells);
}

/// Runs a group-statistics or chat import to the end in one transaction.
pub fn run(
    store: &mut Store,
    request: &HealthImportRequest,
    reporter: &Reporter,
) -> Result<ImportReport, ImportFailure> {
    let detection = detect(&request.path, request.sheet.as_deref())?;
    let kind = match detection.kind {
        FileKind::GroupStats => "group_stats",
        FileKind::Chat => "chat",
        FileKind::Contacts | FileKind::Unknown => return Err(ImportFailure::WrongKind("contacts")),
        FileKind::Purchases => return Err(ImportFailure::WrongKind("purchases")),
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
            let cols = ChatColumns::locate(&detection.headers)?;
            let mut batch = ChatImport::begin(&tx, &info, &target)?;
            for row in rows {
                let row = row?;
                match message_from_row(&row, &cols, request.tz) {
                    Ok(m) => batch.add(&incoming_message(&m))?,
                    Err(r) => reject(&mut rejected, row, r.reason_code, r.detail),
                }
                ticker.tick(reporter)?;
            }
            let group = batch.group_id();
            let (s, c) = batch.finish(ticker.rows as i64, rejected.rejected.len() as i64)?;
            (s, c, Some(group))
        } else {
            let cols = GroupStatColumns::locate(&detection.headers)?;
            let mut batch = StatsImport::begin(&tx, &info)?;
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
