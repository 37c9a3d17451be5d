//! Importing an order export: detect, read rows as a stream, match each buyer to a customer and
//! store the purchase in one transaction (rolled back on error or cancel) through
//! `store::purchase_import`, then report. The command line runs this directly; the import screen
//! on a worker.

use std::path::PathBuf;

use chrono::FixedOffset;

use super::Reporter;
use super::contact_import::{
    ImportFailure, ImportReport, RejectedRow, batch_info, kind_name, open_for_import,
};
use crate::import::{
    FileKind, ImportError, PurchaseColumns, detect_path_in_sheet, purchase_from_row,
};
use crate::store::purchase_import::{PurchaseImport, RowOutcome};
use crate::store::{Store, StoreError};

/// What to import.
#[derive(Debug, Clone)]
pub struct PurchaseImportRequest {
    pub path: PathBuf,
    pub sheet: Option<String>,
    /// The offset naive order times are in.
    pub tz: FixedOffset,
}

/// Runs a purchases import to the end in one transaction.
pub fn run(
    store: &mut Store,
    request: &PurchaseImportRequest,
    reporter: &Reporter,
) -> Result<ImportReport, ImportFailure> {
    let detection = detect_path_in_sheet(&request.path, request.sheet.as_deref())?;
    if detection.kind != FileKind::Purchases {
        return Err(ImportFailure::WrongKind(kind_name(detection.kind)));
    }
    let cols =
        PurchaseColumns::locate(&detection.headers).ok_or_else(|| ImportError::UnknownKind {
            headers: detection.headers.clone(),
        })?;
    let info = batch_info(&request.path, "purchases", &detection)?;
    let (rows, mut ticker) = open_for_import(store, &request.path, &detection)?;
    let tx = store.conn_mut().transaction().map_err(StoreError::from)?;
    let mut batch = PurchaseImport::begin(&tx, &info)?;
    let mut rejected = Vec::new();
    for row in rows {
        let row = row?;
        let reason = match purchase_from_row(&row, &cols, request.tz) {
            Ok(record) => match batch.add(&record)? {
                RowOutcome::Created | RowOutcome::AlreadyStored => None,
                RowOutcome::UnknownBuyer => Some(("unknown_buyer", describe_buyer(&record))),
                RowOutcome::AmbiguousBuyer => Some(("ambiguous_buyer", describe_buyer(&record))),
            },
            Err(r) => Some((r.reason_code, r.detail)),
        };
        if let Some((reason, detail)) = reason {
            rejected.push(RejectedRow {
                row: row.row_number,
                reason: reason.to_string(),
                detail,
                cells: row.cells,
            });
        }
        ticker.tick(reporter)?;
    }
    ticker.check(reporter)?;
    let (summary, counts) = batch.finish(ticker.rows as i64, rejected.len() as i64)?;
    tx.commit().map_err(StoreError::from)?;
    ticker.done(reporter);
    Ok(ImportReport {
        purchases: Some(counts),
        ..ImportReport::new("purchases", detection, ticker.rows, &summary, rejected)
    })
}

/// The keys a row gave for its buyer, for the rejected-rows list.
fn describe_buyer(record: &crate::import::PurchaseRecord) -> String {
    let b = &record.buyer;
    [
        b.external_id.as_deref(),
        b.phone.as_deref(),
        b.wechat_id.as_deref(),
        b.name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" / ")
}
