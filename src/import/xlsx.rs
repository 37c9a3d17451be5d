//! Workbooks (xlsx, xlsb, ods, legacy xls) through calamine, turned into rows of display text.
//!
//! Before calamine unpacks anything, the zip directory is read: which kind of workbook it is
//! (an `.ods` or `.xlsb` is read as such, another zip is not a workbook), and how large its
//! parts unpack to. A part over [`MAX_PART_BYTES`] or parts over [`MAX_UNPACKED_BYTES`] in all
//! (a zip bomb) are refused at once. An xlsx sheet is then *streamed*: a worker thread reads
//! its cells in order and hands over one row at a time, so memory holds the shared strings and
//! one row, whatever the sheet's extent (a lone cell at XFD1048576 costs nothing). Other
//! formats are loaded whole by calamine (bounded by the size check). Cells become the text a
//! user would type: numbers without a trailing `.0`, real Excel date cells as
//! `YYYY-MM-DD HH:MM:SS` (`YYYY-MM-DD` at midnight). A damaged workbook is
//! [`ImportError::CorruptWorkbook`]; a panic inside the third-party parser is caught and
//! reported the same way, so no input can bring the program down.

use std::io::{Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{
    Data, ExcelDateTime, ExcelDateTimeType, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx,
};

use crate::import::ImportError;
use crate::import::dates::{excel_serial_to_naive, format_naive};
use crate::import::sniff::Format;

/// The most one workbook part (a sheet's XML, the shared strings) may unpack to.
pub const MAX_PART_BYTES: u64 = 256 << 20;
/// The most all parts of a workbook together may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 512 << 20;
/// Rows a streamed sheet hands over ahead of the reader (bounded: the worker waits).
const ROWS_AHEAD: usize = 256;

/// Which workbook a zip archive holds, from its part names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

/// An open workbook of any supported format.
pub struct Workbook<R: Read + Seek> {
    sheets: Sheets<R>,
}

fn corrupt(detail: impl ToString) -> ImportError {
    ImportError::CorruptWorkbook {
        detail: detail.to_string(),
    }
}

/// Runs third-party parsing code, turning a panic into a corrupt-workbook error.
fn guarded<T>(f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(corrupt("the reader crashed")))
}

/// Reads the zip directory: the workbook kind, after checking what its parts unpack to.
fn inspect_zip<R: Read + Seek>(reader: &mut R) -> Result<ZipKind, ImportError> {
    let mut archive = zip::ZipArchive::new(&mut *reader).map_err(corrupt)?;
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(corrupt)?;
        let name = part.name().map_err(corrupt)?.into_owned();
        if part.size() > MAX_PART_BYTES {
            return Err(ImportError::WorkbookTooLarge {
                detail: format!("{name} unpacks to {} bytes", part.size()),
            });
        }
        total = total.saturating_add(part.size());
        names.push(name);
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ImportError::WorkbookTooLarge {
            detail: format!("the parts unpack to {total} bytes"),
        });
    }
    let has = |n: &str| names.iter().any(|m| m.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") {
        Ok(ZipKind::Xlsx)
    } else if has("xl/workbook.bin") {
        Ok(ZipKind::Xlsb)
    } else if has("content.xml") {
        Ok(ZipKind::Ods)
    } else {
        Err(ImportError::NotText {
            what: "zip archive",
        })
    }
}

/// Whether an OLE file is an encrypted (password-protected) OOXML workbook: Office keeps the
/// real file in a stream called `EncryptedPackage`.
fn is_encrypted_package<R: Read + Seek>(reader: &mut R) -> bool {
    let marker: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut head = Vec::new();
    let found = reader.seek(SeekFrom::Start(0)).is_ok()
        && reader.take(1 << 20).read_to_end(&mut head).is_ok()
        && head.windows(marker.len()).any(|w| w == marker.as_slice());
    let _ = reader.seek(SeekFrom::Start(0));
    found
}

impl<R: Read + Seek> Workbook<R> {
    /// Opens a workbook of the given format.
    pub fn open(mut reader: R, format: Format) -> Result<Self, ImportError> {
        guarded(|| {
            let sheets = match format {
                Format::Xls => {
                    if is_encrypted_package(&mut reader) {
                        return Err(ImportError::PasswordProtected);
                    }
                    Sheets::Xls(Xls::new(reader).map_err(corrupt)?)
                }
                _ => {
                    let kind = inspect_zip(&mut reader)?;
                    reader.seek(SeekFrom::Start(0))?;
                    match kind {
                        ZipKind::Xlsx => Sheets::Xlsx(Xlsx::new(reader).map_err(corrupt)?),
                        ZipKind::Xlsb => Sheets::Xlsb(Xlsb::new(reader).map_err(corrupt)?),
                        ZipKind::Ods => Sheets::Ods(Ods::new(reader).map_err(corrupt)?),
                    }
                }
            };
            Ok(Self { sheets })
        })
    }

    /// Names of the sheets, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    fn check_sheet(&self, sheet: &str) -> Result<(), ImportError> {
        if self.sheet_names().iter().any(|n| n == sheet) {
            Ok(())
        } else {
            Err(ImportError::NoSuchSheet {
                name: sheet.to_string(),
            })
        }
    }

    /// The first `limit` non-blank rows of a sheet (detection and preview), read in place.
    pub fn head_rows(
        &mut self,
        sheet: &str,
        max_columns: usize,
        limit: usize,
    ) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
        self.check_sheet(sheet)?;
        let mut rows = Vec::new();
        match &mut self.sheets {
            Sheets::Xlsx(xlsx) => guarded(|| {
                stream_cells(xlsx, sheet, max_columns, |row| {
                    rows.push(row);
                    rows.len() < limit
                })
            })?,
            sheets => {
                let range = guarded(|| sheets.worksheet_range(sheet).map_err(corrupt))?;
                for row in RangeRows::new(range, max_columns) {
                    rows.push(row?);
                    if rows.len() == limit {
                        break;
                    }
                }
            }
        }
        Ok(rows)
    }
}

impl<R: Read + Seek + Send + 'static> Workbook<R> {
    /// Every non-blank row of a sheet (see [`SheetRows`]); an xlsx sheet streams from a worker
    /// thread that ends when the rows are dropped.
    pub fn into_rows(self, sheet: &str, max_columns: usize) -> Result<SheetRows, ImportError> {
        self.check_sheet(sheet)?;
        match self.sheets {
            Sheets::Xlsx(mut xlsx) => {
                let (tx, rx) = sync_channel(ROWS_AHEAD);
                let sheet = sheet.to_string();
                std::thread::Builder::new()
                    .name("xlsx-rows".into())
                    .spawn(move || {
                        let sent = |row| tx.send(Ok(row)).is_ok();
                        let result = guarded(|| stream_cells(&mut xlsx, &sheet, max_columns, sent));
                        if let Err(e) = result {
                            let _ = SyncSender::send(&tx, Err(e));
                        }
                    })?;
                Ok(SheetRows::Stream(rx))
            }
            mut sheets => {
                let range = guarded(|| sheets.worksheet_range(sheet).map_err(corrupt))?;
                Ok(SheetRows::Loaded(RangeRows::new(range, max_columns)))
            }
        }
    }
}

/// Reads an xlsx sheet's cells in order and hands each finished non-blank row to `each` until it
/// returns false. Holds one row; a cell past `max_columns` ends with `TooManyColumns`.
fn stream_cells<R: Read + Seek>(
    xlsx: &mut Xlsx<R>,
    sheet: &str,
    max_columns: usize,
    mut each: impl FnMut((usize, Vec<String>)) -> bool,
) -> Result<(), ImportError> {
    let mut cells = xlsx.worksheet_cells_reader(sheet).map_err(corrupt)?;
    let mut current: Option<(usize, Vec<String>)> = None;
    while let Some(cell) = cells.next_cell().map_err(corrupt)? {
        let (position, value) = (cell.get_position(), cell.get_value().clone());
        let text = cell_text(&Data::from(value));
        if text.trim().is_empty() {
            continue;
        }
        let (row, col) = position;
        let (row_number, col) = (row as usize + 1, col as usize);
        if col >= max_columns {
            return Err(ImportError::TooManyColumns {
                row: row_number,
                count: col + 1,
                limit: max_columns,
            });
        }
        if current.as_ref().is_some_and(|(r, _)| *r != row_number)
            && let Some(done) = current.take()
            && !each(done)
        {
            return Ok(());
        }
        let (_, row_cells) = current.get_or_insert_with(|| (row_number, Vec::new()));
        if row_cells.len() <= col {
            row_cells.resize(col + 1, String::new());
        }
        row_cells[col] = text;
    }
    if let Some(done) = current {
        each(done);
    }
    Ok(())
}

/// Rows of a workbook sheet as `(1-based sheet row, cells)`, blank rows skipped.
pub enum SheetRows {
    /// An xlsx sheet, streamed by a worker thread.
    Stream(Receiver<Result<(usize, Vec<String>), ImportError>>),
    /// A sheet calamine loaded whole (xls, xlsb, ods).
    Loaded(RangeRows),
}

impl Iterator for SheetRows {
    type Item = Result<(usize, Vec<String>), ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            SheetRows::Stream(rx) => rx.recv().ok(),
            SheetRows::Loaded(rows) => rows.next(),
        }
    }
}

/// The rows of a loaded sheet, each read by position (linear in the sheet, not quadratic).
pub struct RangeRows {
    range: Range<Data>,
    first_row: usize,
    first_col: usize,
    next: usize,
    max_columns: usize,
    failed: bool,
}

impl RangeRows {
    fn new(range: Range<Data>, max_columns: usize) -> Self {
        let (row, col) = range.start().unwrap_or((0, 0));
        Self {
            range,
            first_row: row as usize,
            first_col: col as usize,
            next: 0,
            max_columns,
            failed: false,
        }
    }
}

impl Iterator for RangeRows {
    type Item = Result<(usize, Vec<String>), ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let (height, width) = self.range.get_size();
        while self.next < height {
            let index = self.next;
            self.next += 1;
            let cell = |c: usize| self.range.get((index, c)).unwrap_or(&Data::Empty);
            let Some(last) = (0..width).rev().find(|&c| !is_blank(cell(c))) else {
                continue;
            };
            let row_number = self.first_row + index + 1;
            let width = self.first_col + last + 1;
            if width > self.max_columns {
                self.failed = true;
                return Some(Err(ImportError::TooManyColumns {
                    row: row_number,
                    count: width,
                    limit: self.max_columns,
                }));
            }
            let mut cells = vec![String::new(); self.first_col];
            cells.extend((0..=last).map(|c| cell_text(cell(c))));
            return Some(Ok((row_number, cells)));
        }
        None
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The text a user would type for a cell.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => date_text(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Shortest text that reads back as the same number; integral values have no `.0`.
pub fn number_text(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn date_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return number_text(dt.as_f64());
    }
    let is_1904 = *dt == ExcelDateTime::new(dt.as_f64(), ExcelDateTimeType::DateTime, true);
    excel_serial_to_naive(dt.as_f64(), is_1904)
        .map(format_naive)
        .unwrap_or_else(|| number_text(dt.as_f64()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn numbers_render_like_excel_input() {
        assert_eq!(number_text(13800123456.0), "13800123456");
        assert_eq!(number_text(0.0), "0");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(f64::NAN), "NaN");
        assert_eq!(number_text(1e20), "100000000000000000000");
    }

    #[test]
    fn cells_render() {
        assert_eq!(cell_text(&Data::Float(13800123456.0)), "13800123456");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        let dt = ExcelDateTime::new(45382.91666666666, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(dt)), "2024-03-31 22:00:00");
        let day = ExcelDateTime::new(45293.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(day)), "2024-01-02");
        let mac = ExcelDateTime::new(0.5, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell_text(&Data::DateTime(mac)), "1904-01-01 12:00:00");
    }

    #[test]
    fn garbage_bytes_are_a_corrupt_workbook() {
        let bytes = b"PK\x03\x04 definitely not a workbook".to_vec();
        let err = Workbook::open(std::io::Cursor::new(bytes), Format::Xlsx)
            .err()
            .unwrap();
        assert_eq!(err.code(), "corrupt_xlsx");
    }
}
