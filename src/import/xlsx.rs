//! Workbooks (xlsx, legacy xls) through calamine, turned into rows of display text.
//!
//! calamine loads one sheet into memory (fine for the sizes WeCom exports). Cells become the
//! text a user would type: numbers without a trailing `.0` (so a numeric phone cell
//! `13800123456.0` reads `13800123456`), real Excel date cells as `YYYY-MM-DD HH:MM:SS` rounded
//! to the nearest second (`YYYY-MM-DD` at midnight). A damaged workbook is
//! [`ImportError::CorruptWorkbook`]; a panic inside the third-party parser is caught and
//! reported the same way, so no input can bring the program down.

use std::io::{Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Range, Reader, Sheets, Xls, Xlsx};

use crate::import::ImportError;
use crate::import::dates::{excel_serial_to_naive, format_naive};
use crate::import::sniff::Format;

/// An open workbook of either format.
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

impl<R: Read + Seek> Workbook<R> {
    /// Opens a workbook of the given format.
    pub fn open(reader: R, format: Format) -> Result<Self, ImportError> {
        guarded(|| {
            let sheets = match format {
                Format::Xls => Sheets::Xls(Xls::new(reader).map_err(corrupt)?),
                _ => Sheets::Xlsx(Xlsx::new(reader).map_err(corrupt)?),
            };
            Ok(Self { sheets })
        })
    }

    /// Names of the sheets, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Loads a sheet and returns its non-blank rows (see [`SheetRows`]).
    pub fn rows(&mut self, sheet: &str, max_columns: usize) -> Result<SheetRows, ImportError> {
        if !self.sheet_names().iter().any(|n| n == sheet) {
            return Err(ImportError::NoSuchSheet {
                name: sheet.to_string(),
            });
        }
        let range = guarded(|| self.sheets.worksheet_range(sheet).map_err(corrupt))?;
        Ok(SheetRows::new(range, max_columns))
    }
}

/// Rows of a loaded sheet as `(1-based sheet row, cells)`, blank rows skipped.
pub struct SheetRows {
    range: Range<Data>,
    first_row: usize,
    first_col: usize,
    next: usize,
    max_columns: usize,
    failed: bool,
}

impl SheetRows {
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

impl Iterator for SheetRows {
    type Item = Result<(usize, Vec<String>), ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            let index = self.next;
            let row = self.range.rows().nth(index)?;
            self.next += 1;
            let Some(last) = row.iter().rposition(|c| !is_blank(c)) else {
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
            cells.extend(row[..=last].iter().map(cell_text));
            return Some(Ok((row_number, cells)));
        }
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
