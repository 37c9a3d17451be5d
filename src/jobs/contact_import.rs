//! Importing a customer list: detect, map columns, read rows as a stream, de-duplicate against
//! the database, and write everything in one transaction — rolled back on error or cancel, so a
//! bad file leaves the database exactly as it was. The command line runs it directly; the import
//! screen runs it on a worker thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::FixedOffset;
use serde::Serialize;

use super::Reporter;
use crate::domain::contact::{DedupPolicy, IncomingContact, StaffAdd};
use crate::domain::time::Stamp;
use crate::import::{
    ContactOptions, ContactRecord, Detection, Field, FileKind, Format, ImportError, RawRow,
    auto_map, check_mapping, detect_path_as, header_signature, open_rows_counting, record_from_row,
};
use crate::store::imports::{
    BatchInfo, BatchSummary, ContactBatch, remember_mapping, remembered_mapping,
};
use crate::store::lock::{Wait, WriterLock};
use crate::store::{Store, StoreError, backup};

/// How often (in rows) the worker reports progress and looks for a cancel.
const REPORT_EVERY_ROWS: u64 = 256;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ContactImportRequest {
    pub path: PathBuf,
    /// The sheet of a workbook (default: the one detection picked).
    pub sheet: Option<String>,
    /// The text encoding the user chose (default: the guessed one).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The user's mapping, one entry per header; `None` uses a remembered or automatic one.
    pub mapping: Option<Vec<Option<Field>>>,
    /// Remember `mapping` for files with the same header.
    pub remember: bool,
    pub policy: DedupPolicy,
    pub options: ContactOptions,
}

impl ContactImportRequest {
    /// An import of `path` with the defaults: automatic mapping, merge, naive times in `tz`.
    pub fn new(path: &Path, tz: FixedOffset) -> Self {
        Self {
            path: path.to_path_buf(),
            sheet: None,
            encoding: None,
            mapping: None,
            remember: false,
            policy: DedupPolicy::Merge,
            options: ContactOptions {
                tz,
                ..ContactOptions::default()
            },
        }
    }
}

/// A row left out, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    pub row: usize,
    /// A stable reason code (the GUI translates it).
    pub reason: String,
    pub detail: String,
    /// The row's cells, so it can be saved, fixed and imported again.
    #[serde(skip)]
    pub cells: Vec<String>,
}

/// The rows an import left out: errors to show (and save for fixing), and rows rightly skipped
/// (a group chat in a contact list, an unpaid order …), counted by reason.
#[derive(Debug, Default)]
pub struct LeftOut {
    pub rejected: Vec<RejectedRow>,
    pub skipped: std::collections::BTreeMap<String, i64>,
}

impl LeftOut {
    /// Files a row the reader turned down under its reason.
    pub fn push(&mut self, rejection: crate::import::RowRejection, cells: Vec<String>) {
        self.push_reason(
            rejection.row_number,
            rejection.reason_code,
            rejection.detail,
            cells,
        );
    }

    /// Files row `row` under `reason` (a skip when it is one of the [`SKIP_REASONS`]).
    ///
    /// [`SKIP_REASONS`]: crate::import::contacts::SKIP_REASONS
    pub fn push_reason(&mut self, row: usize, reason: &str, detail: String, cells: Vec<String>) {
        if crate::import::contacts::SKIP_REASONS.contains(&reason) {
            *self.skipped.entry(reason.to_string()).or_default() += 1;
        } else {
            self.rejected.push(RejectedRow {
                row,
                reason: reason.to_string(),
                detail,
                cells,
            });
        }
    }

    /// Rows skipped for any reason.
    pub fn skipped_count(&self) -> i64 {
        self.skipped.values().sum()
    }
}

/// What an import did; `--json` prints this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub kind: &'static str,
    pub format: &'static str,
    pub encoding: String,
    pub rows: usize,
    pub created: i64,
    pub updated: i64,
    pub skipped: i64,
    /// Rows merged into a customer an earlier row of the same file had written.
    #[serde(skip_serializing_if = "is_zero")]
    pub merged: i64,
    /// Rows rightly left out, by reason (`not_a_person`, `not_paid`, `total_row` …).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub skipped_by: std::collections::BTreeMap<String, i64>,
    pub rejected: Vec<RejectedRow>,
    pub batch: i64,
    #[serde(skip)]
    pub headers: Vec<String>,
    /// Group statistics and chat imports: groups, messages, members and days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<crate::jobs::health_import::HealthDetails>,
    /// Purchases imports: how buyers were found, the amount and the follow-ups due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchases: Option<crate::store::purchase_import::PurchaseCounts>,
}

impl ImportReport {
    /// The report of a finished batch; `health` and `purchases` are filled by their imports.
    pub fn new(
        kind: &'static str,
        detection: Detection,
        rows: u64,
        summary: &BatchSummary,
        left_out: LeftOut,
    ) -> Self {
        let mut skipped_by = left_out.skipped;
        if detection.title_rows > 0 {
            skipped_by.insert("title_row".into(), detection.title_rows as i64);
        }
        Self {
            kind,
            format: format_name(detection.format),
            encoding: encoding_name(&detection),
            rows: rows as usize,
            created: summary.created,
            updated: summary.updated,
            skipped: summary.skipped,
            merged: 0,
            skipped_by,
            rejected: left_out.rejected,
            batch: summary.id,
            headers: detection.headers,
            health: None,
            purchases: None,
        }
    }
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// Why an import did not happen (the database is unchanged in every case).
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("this file is a {0}, not a customer list")]
    WrongKind(&'static str),
    #[error("the import was cancelled; nothing was changed")]
    Cancelled,
    #[error("this file has no group column: choose the group its figures belong to (--group NAME)")]
    NeedsGroup,
    #[error(
        "this chat export holds {} conversations ({}): choose one by its name (--group NAME)",
        .0.len(),
        .0.join(", ")
    )]
    SeveralConversations(Vec<String>),
}

impl ImportFailure {
    /// A stable code the GUI translates.
    pub fn code(&self) -> &'static str {
        match self {
            ImportFailure::File(e) => e.code(),
            ImportFailure::Store(_) => "database",
            ImportFailure::WrongKind(_) => "wrong_kind",
            ImportFailure::Cancelled => "cancelled",
            ImportFailure::NeedsGroup => "needs_group",
            ImportFailure::SeveralConversations(_) => "several_conversations",
        }
    }
}

/// The name of a file kind in reports.
pub fn kind_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Contacts => "contacts",
        FileKind::GroupStats => "group_stats",
        FileKind::Chat => "chat",
        FileKind::Purchases => "purchases",
        FileKind::Unknown => "unknown",
    }
}

/// The name of a file format in reports.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "xlsx",
        Format::Xls => "xls",
        Format::Delimited => "csv",
    }
}

/// The encoding's name in reports (`UTF-8`, `GBK`, `UTF-16LE` …).
pub fn encoding_name(detection: &Detection) -> String {
    detection
        .encoding
        .map(|e| e.name().to_string())
        .unwrap_or_default()
}

/// The mapping an import of this detection would use: remembered for this header, else automatic.
pub fn default_mapping(
    store: &Store,
    detection: &Detection,
) -> Result<Vec<Option<Field>>, StoreError> {
    let signature = header_signature(&detection.headers);
    if let Some(json) = remembered_mapping(store.conn(), &signature)?
        && let Ok(keys) = serde_json::from_str::<Vec<Option<String>>>(&json)
        && keys.len() == detection.headers.len()
    {
        return Ok(keys
            .iter()
            .map(|k| k.as_deref().and_then(Field::from_key))
            .collect());
    }
    Ok(auto_map(&detection.headers))
}

/// A cheap fingerprint of the file (FNV-1a over its bytes), kept with the batch.
fn file_hash(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for byte in &buf[..n] {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    Ok(format!("{hash:016x}"))
}

/// The history row of an import of `path` as `kind`.
pub fn batch_info(
    path: &Path,
    kind: &str,
    detection: &Detection,
) -> Result<BatchInfo, ImportError> {
    Ok(BatchInfo {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file_hash: file_hash(path)?,
        kind: kind.into(),
        format: format_name(detection.format).into(),
        encoding: encoding_name(detection),
    })
}

/// Counts the rows an import has handled, reporting progress (bytes of the file read) and
/// noticing a cancel every [`REPORT_EVERY_ROWS`] rows.
pub struct RowTicker {
    /// Held until the import has committed (or rolled back): no restore or undo in between.
    _writer: Option<WriterLock>,
    file_size: u64,
    bytes_read: Arc<AtomicU64>,
    /// Rows handled so far.
    pub rows: u64,
}

impl RowTicker {
    /// One more row handled; fails with `Cancelled` once the user asked to stop.
    pub fn tick(&mut self, reporter: &Reporter) -> Result<(), ImportFailure> {
        self.rows += 1;
        if self.rows.is_multiple_of(REPORT_EVERY_ROWS) {
            self.check(reporter)?;
            let read = self.bytes_read.load(Ordering::Relaxed);
            reporter.progress(read, Some(self.file_size), self.rows);
        }
        Ok(())
    }

    /// Fails with `Cancelled` when the user asked to stop.
    pub fn check(&self, reporter: &Reporter) -> Result<(), ImportFailure> {
        if reporter.is_cancelled() {
            return Err(ImportFailure::Cancelled);
        }
        Ok(())
    }

    /// Reports the whole file read.
    pub fn done(&self, reporter: &Reporter) {
        reporter.progress(self.file_size, Some(self.file_size), self.rows);
    }
}

/// Waits for any other writer of the data file, takes the automatic backup, then opens the
/// file's rows and a [`RowTicker`] counting them (which holds the writer lock to the end).
pub fn open_for_import(
    store: &mut Store,
    path: &Path,
    detection: &Detection,
) -> Result<(crate::import::RowReader, RowTicker), ImportFailure> {
    let writer = WriterLock::acquire(store.path(), Wait::Block).map_err(StoreError::from)?;
    // A damaged file is not written to, and its copy must not rotate a good backup away.
    store.quick_check()?;
    backup::automatic(store, backup::Reason::BeforeImport)?;
    let file_size = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    let bytes_read = Arc::new(AtomicU64::new(0));
    let rows = open_rows_counting(path, detection, bytes_read.clone())?;
    let ticker = RowTicker {
        _writer: writer,
        file_size,
        bytes_read,
        rows: 0,
    };
    Ok((rows, ticker))
}

/// Converts a parsed row into what the store writes.
pub fn to_incoming(record: ContactRecord) -> IncomingContact {
    let stamp = |dt: Option<chrono::DateTime<FixedOffset>>| dt.map(Stamp::from_datetime);
    IncomingContact {
        external_id: record.external_id,
        name: record.name,
        remark: record.remark,
        description: record.description,
        gender: record.gender.unwrap_or_default(),
        phone: record.phone,
        wechat_id: record.wechat_id,
        wxid: record.wxid,
        corp: record.corp,
        source: record.source,
        added_at: stamp(record.added_at),
        staff: record
            .staff
            .into_iter()
            .map(|s| StaffAdd {
                name: s.name,
                userid: Some(s.userid).filter(|u| !u.is_empty()),
                department: Some(s.department).filter(|d| !d.is_empty()),
                added_at: stamp(s.added_at),
            })
            .collect(),
        tags: record.tags,
        custom: record.custom,
    }
}

/// Runs the import to the end (or the first file error, or a cancel) in one transaction.
pub fn run(
    store: &mut Store,
    request: &ContactImportRequest,
    reporter: &Reporter,
) -> Result<ImportReport, ImportFailure> {
    let detection = detect_path_as(&request.path, request.sheet.as_deref(), request.encoding)?;
    // A mapping given by hand says the file is a customer list, whatever it looked like.
    match detection.kind {
        FileKind::GroupStats | FileKind::Chat | FileKind::Purchases
            if request.mapping.is_none() =>
        {
            return Err(ImportFailure::WrongKind(kind_name(detection.kind)));
        }
        _ => {}
    }
    let mapping = match &request.mapping {
        Some(mapping) => mapping.clone(),
        None => default_mapping(store, &detection)?,
    };
    check_mapping(&detection.headers, &mapping)?;
    let info = batch_info(&request.path, "contacts", &detection)?;
    let (rows, mut ticker) = open_for_import(store, &request.path, &detection)?;

    let tx = store.conn_mut().transaction().map_err(StoreError::from)?;
    let mut batch = ContactBatch::begin(&tx, &info, request.policy)?;
    let mut left_out = LeftOut::default();
    for row in rows {
        // The reader already took off the `'` our own exports put before formula-like cells.
        let row: RawRow = row?;
        match record_from_row(&row, &detection.headers, &mapping, &request.options) {
            Ok(record) => {
                batch.add(&to_incoming(record))?;
            }
            Err(rejection) => left_out.push(rejection, row.cells),
        }
        ticker.tick(reporter)?;
    }
    ticker.check(reporter)?;
    if request.remember && request.mapping.is_some() {
        let keys: Vec<Option<&str>> = mapping.iter().map(|f| f.map(Field::key)).collect();
        let json = serde_json::to_string(&keys).unwrap_or_default();
        remember_mapping(&tx, &header_signature(&detection.headers), &json)?;
    }
    let count = ticker.rows;
    batch.add_skipped(left_out.skipped_count());
    let merged = batch.merged_rows();
    let summary = batch.finish(count as i64, left_out.rejected.len() as i64)?;
    tx.commit().map_err(StoreError::from)?;
    ticker.done(reporter);
    Ok(ImportReport {
        merged,
        ..ImportReport::new("contacts", detection, count, &summary, left_out)
    })
}
