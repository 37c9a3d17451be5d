//! The streaming row reader over a detected file: CSV/TSV or a workbook sheet.
//!
//! [`open_rows`] yields the data rows below the detected header as [`RawRow`]s, each with the
//! row number a user sees in Excel. Blank rows are skipped. Delimited text streams through
//! [`DecodeReader`] and [`CsvRecords`] (one record in memory at a time); a workbook sheet is
//! loaded by calamine and converted row by row. Every cell goes through
//! [`clean_cell`](crate::import::normalize::clean_cell) first. After the first error the reader ends.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::UTF_8;

use crate::import::csv::CsvRecords;
use crate::import::decode::DecodeReader;
use crate::import::detect::Detection;
use crate::import::normalize::clean_cells;
use crate::import::sniff::Format;
use crate::import::xlsx::{SheetRows, Workbook};
use crate::import::{ImportError, MAX_COLUMNS};

/// One row of cells as text, with its 1-based row number in the file or sheet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RawRow {
    /// The human row number (as Excel shows it): records for CSV, sheet rows for workbooks.
    pub row_number: usize,
    /// Cell texts, left to right; may be shorter or longer than the header.
    pub cells: Vec<String>,
}

impl RawRow {
    /// The cell at `index`, or `""` past the end of the row.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// True when every cell is empty or whitespace.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

type TextSource = Box<dyn Read + Send>;

enum Inner {
    Text(CsvRecords<BufReader<DecodeReader<TextSource>>>),
    Sheet(SheetRows),
}

/// Iterator over the data rows of a file (rows after the header, blank rows skipped).
pub struct RowReader {
    inner: Inner,
    header_row: usize,
}

impl Iterator for RowReader {
    type Item = Result<RawRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let next = match &mut self.inner {
                Inner::Text(records) => records.next()?,
                Inner::Sheet(rows) => rows.next()?,
            };
            match next {
                Ok((row_number, mut cells)) => {
                    clean_cells(&mut cells);
                    let row = RawRow { row_number, cells };
                    if row_number > self.header_row && !row.is_blank() {
                        return Some(Ok(row));
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Opens the data rows of the file at `path` as `detection` describes it.
pub fn open_rows(path: &Path, detection: &Detection) -> Result<RowReader, ImportError> {
    let file = File::open(path)?;
    match detection.format {
        Format::Delimited => Ok(text_rows(Box::new(file), detection)),
        Format::Xlsx | Format::Xls => sheet_rows(BufReader::new(file), detection),
    }
}

/// Like [`open_rows`], also counting the file's bytes read into `bytes_read`, so a long import
/// can show how far through the file it is.
pub fn open_rows_counting(
    path: &Path,
    detection: &Detection,
    bytes_read: Arc<AtomicU64>,
) -> Result<RowReader, ImportError> {
    let file = File::open(path)?;
    match detection.format {
        Format::Delimited => Ok(text_rows(
            Box::new(CountingReader {
                inner: file,
                count: bytes_read,
            }),
            detection,
        )),
        Format::Xlsx | Format::Xls => {
            // A workbook is unzipped whole before its first row: count it as read.
            let length = file.metadata().map(|m| m.len()).unwrap_or_default();
            let rows = sheet_rows(BufReader::new(file), detection)?;
            bytes_read.store(length, Ordering::Relaxed);
            Ok(rows)
        }
    }
}

/// A reader that adds up how many bytes went through it.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Like [`open_rows`], over bytes already in memory.
pub fn open_rows_from_bytes(
    bytes: Vec<u8>,
    detection: &Detection,
) -> Result<RowReader, ImportError> {
    match detection.format {
        Format::Delimited => Ok(text_rows(Box::new(Cursor::new(bytes)), detection)),
        Format::Xlsx | Format::Xls => sheet_rows(Cursor::new(bytes), detection),
    }
}

/// Every record of a delimited file, header and title rows included.
fn text_records(
    source: TextSource,
    detection: &Detection,
) -> CsvRecords<BufReader<DecodeReader<TextSource>>> {
    let encoding = detection.encoding.map_or(UTF_8, |e| e.encoding);
    let decoded = DecodeReader::new(source, encoding);
    let delimiter = detection.delimiter.unwrap_or(b',');
    CsvRecords::new(
        BufReader::with_capacity(64 * 1024, decoded),
        delimiter,
        MAX_COLUMNS,
    )
}

fn text_rows(source: TextSource, detection: &Detection) -> RowReader {
    RowReader {
        inner: Inner::Text(text_records(source, detection)),
        header_row: detection.header_row,
    }
}

fn sheet_rows<R: Read + Seek + Send + 'static>(
    reader: R,
    detection: &Detection,
) -> Result<RowReader, ImportError> {
    let workbook = Workbook::open(reader, detection.format)?;
    let sheet = match &detection.sheet {
        Some(name) => name.clone(),
        None => workbook
            .sheet_names()
            .into_iter()
            .next()
            .ok_or(ImportError::EmptyFile)?,
    };
    Ok(RowReader {
        inner: Inner::Sheet(workbook.into_rows(&sheet, MAX_COLUMNS)?),
        header_row: detection.header_row,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn a_row_reader_can_move_to_a_worker_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<RowReader>();
        assert_send::<Detection>();
    }

    #[test]
    fn raw_row_helpers() {
        let row = RawRow {
            row_number: 2,
            cells: vec![" ".into(), "x".into()],
        };
        assert_eq!((row.cell(1), row.cell(9)), ("x", ""));
        assert!(!row.is_blank());
        assert!(
            RawRow {
                row_number: 3,
                cells: vec![" \t".into()]
            }
            .is_blank()
        );
    }
}
