//! Importing an order export: detect, read rows as a stream, match each buyer to a customer and
//! store the purchase in one transaction (rolled back on error or cancel) through
//! `store::purchase_import`, then report. The command line runs this directly; the import screen
//! on a worker.

use std::path::PathBuf;

use chrono::FixedOffset;

use super::Reporter;
use super::contact_import::{
    ImportFailure, ImportReport, LeftOut, batch_info, kind_name, open_for_import,
};
use crate::import::{FileKind, ImportError, PurchaseColumns, detect_path_as, purchase_from_row};
use crate::store::purchase_import::{PurchaseImport, RowOutcome};
use crate::store::{Store, StoreError};

/// What to import.
#[derive(Debug, Clone)]
pub struct PurchaseImportRequest {
    pub path: PathBuf,
    pub sheet: Option<String>,
    /// The text encoding the user chose (default: the guessed one).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The offset naive order times are in.
    pub tz: FixedOffset,
    /// Columns the user mapped by hand (the file is then read as orders whatever it was
    /// detected as); `None` finds them by their headers.
    pub columns: Option<PurchaseColumns>,
}

/// Runs a purchases import to the end in one transaction.
pub fn run(
    store: &mut Store,
    request: &PurchaseImportRequest,
    reporter: &Reporter,
) -> Result<ImportReport, ImportFailure> {
    let detection = detect_path_as(&request.path, request.sheet.as_deref(), request.encoding)?;
    let cols = match &request.columns {
        Some(cols) => cols.clone(),
        None if detection.kind != FileKind::Purchases => {
            return Err(ImportFailure::WrongKind(kind_name(detection.kind)));
        }
        None => {
            PurchaseColumns::locate(&detection.headers).ok_or_else(|| ImportError::UnknownKind {
                headers: detection.headers.clone(),
            })?
        }
    };
    let info = batch_info(&request.path, "purchases", &detection)?;
    let (rows, mut ticker) = open_for_import(store, &request.path, &detection)?;
    let tx = store.conn_mut().transaction().map_err(StoreError::from)?;
    let mut batch = PurchaseImport::begin(&tx, &info)?;
    let mut left_out = LeftOut::default();
    for row in rows {
        let row = row?;
        let reason = match purchase_from_row(&row, &cols, request.tz) {
            Ok(record) => match batch.add(&record)? {
                RowOutcome::Created | RowOutcome::JoinedOrder => None,
                RowOutcome::AlreadyStored => Some(("duplicate", order_label(&record))),
                RowOutcome::UnknownBuyer => Some(("unknown_buyer", describe_buyer(&record))),
                RowOutcome::AmbiguousBuyer => Some(("ambiguous_buyer", describe_buyer(&record))),
                RowOutcome::MaskedBuyer => Some(("masked_buyer", order_label(&record))),
                RowOutcome::NoBuyer => Some(("no_buyer", order_label(&record))),
            },
            Err(r) => Some((r.reason_code, r.detail)),
        };
        if let Some((reason, detail)) = reason {
            left_out.push_reason(row.row_number, reason, detail, row.cells);
        }
        ticker.tick(reporter)?;
    }
    ticker.check(reporter)?;
    batch.add_skipped(left_out.skipped_count());
    let (summary, counts) = batch.finish(ticker.rows as i64, left_out.rejected.len() as i64)?;
    tx.commit().map_err(StoreError::from)?;
    ticker.done(reporter);
    Ok(ImportReport {
        purchases: Some(counts),
        ..ImportReport::new("purchases", detection, ticker.rows, &summary, left_out)
    })
}

/// The keys a row gave for its buyer, for the rejected-rows list.
fn describe_buyer(record: &crate::import::PurchaseRecord) -> String {
    let b = &record.buyer;
    let mut keys: Vec<&str> = b.external_id.iter().map(String::as_str).collect();
    keys.extend(b.phones.iter().map(String::as_str));
    keys.extend(b.wechat_id.iter().map(String::as_str));
    keys.extend(b.names.iter().map(String::as_str));
    keys.join(" / ")
}

/// The order number of a row, for the report.
fn order_label(record: &crate::import::PurchaseRecord) -> String {
    record.order_no.clone().unwrap_or_default()
}
