//! A strict, streaming reader of delimited text (CSV, TSV, Excel "Unicode text").
//!
//! It reads UTF-8 bytes (see [`DecodeReader`](crate::import::decode::DecodeReader)) one record at
//! a time and never holds more than one record. It follows RFC 4180 the way Excel writes it:
//! quoted cells may hold the delimiter, doubled quotes and line breaks; CRLF, LF and CR all end a
//! record. It is lenient where Excel is (a stray quote inside an unquoted cell is kept as text,
//! blanks after a closing quote are ignored) and strict where silence would lose data: a quote
//! still open at the end of the file, or text right after a closing quote (the sign that
//! quotes are out of step), is [`ImportError::UnbalancedQuotes`], a record wider than the limit is
//! [`ImportError::TooManyColumns`] (counted without storing the extra cells), and undecodable
//! bytes are [`ImportError::InvalidEncoding`] on the row where they appear.
//!
//! Row numbers are records, 1-based, as Excel would number the rows: a cell with a line break
//! does not shift the rows after it, and blank lines count as (empty) rows.

use std::io::{self, BufRead};

use crate::import::ImportError;
use crate::import::decode::MalformedText;

/// The biggest cell accepted, in bytes (Excel's own limit is 32,767 characters).
pub const MAX_CELL_BYTES: usize = 1024 * 1024;
/// Line breaks inside one over-long quoted cell from which it is read as a quote that never
/// closed rather than as one huge cell.
const RUNAWAY_LINES: usize = 100;

const QUOTE: u8 = b'"';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartField,
    Unquoted,
    Quoted,
    QuoteInQuoted,
    AfterQuoted,
}

/// Streaming record reader over UTF-8 text.
pub struct CsvRecords<R> {
    reader: R,
    delimiter: u8,
    max_columns: usize,
    next_row: usize,
    skip_lf: bool,
    done: bool,
}

impl<R: BufRead> CsvRecords<R> {
    /// Reads records split on `delimiter`, rejecting any wider than `max_columns`.
    pub fn new(reader: R, delimiter: u8, max_columns: usize) -> Self {
        Self {
            reader,
            delimiter,
            max_columns,
            next_row: 1,
            skip_lf: false,
            done: false,
        }
    }

    fn read_record(&mut self) -> Result<Option<(usize, Vec<String>)>, ImportError> {
        let row = self.next_row;
        let mut fields: Vec<String> = Vec::new();
        let mut count = 0usize;
        let mut field: Vec<u8> = Vec::new();
        let mut state = State::StartField;
        let mut saw_any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(map_io(e, row)),
            };
            if buf.is_empty() {
                if !saw_any {
                    return Ok(None);
                }
                if state == State::Quoted {
                    return Err(ImportError::UnbalancedQuotes { row });
                }
                push_field(&mut fields, &mut count, &mut field, self.max_columns);
                return self.finish(row, fields, count).map(Some);
            }
            let mut used = 0;
            let mut ended = false;
            for &b in buf {
                used += 1;
                if self.skip_lf {
                    self.skip_lf = false;
                    if b == b'\n' {
                        continue;
                    }
                }
                saw_any = true;
                let at_line_end = b == b'\r' || b == b'\n';
                match state {
                    State::StartField if b == QUOTE => state = State::Quoted,
                    State::Quoted if b == QUOTE => state = State::QuoteInQuoted,
                    State::Quoted => field.push(b),
                    State::QuoteInQuoted if b == QUOTE => {
                        field.push(QUOTE);
                        state = State::Quoted;
                    }
                    _ if b == self.delimiter => {
                        push_field(&mut fields, &mut count, &mut field, self.max_columns);
                        state = State::StartField;
                    }
                    _ if at_line_end => {
                        self.skip_lf = b == b'\r';
                        ended = true;
                        break;
                    }
                    State::QuoteInQuoted | State::AfterQuoted if b == b' ' || b == b'\t' => {
                        state = State::AfterQuoted;
                    }
                    // Text after a closing quote: that quote was really an opening one.
                    State::QuoteInQuoted | State::AfterQuoted => {
                        self.reader.consume(used);
                        return Err(ImportError::UnbalancedQuotes { row });
                    }
                    _ => {
                        field.push(b);
                        state = State::Unquoted;
                    }
                }
                if field.len() > MAX_CELL_BYTES {
                    self.reader.consume(used);
                    // A quote that never closes swallows the lines after it; one huge cell
                    // (a pasted document) is mostly one line. Say which it looks like.
                    let swallowed_lines = field.iter().filter(|&&b| b == b'\n').count();
                    return Err(
                        if state == State::Quoted && swallowed_lines >= RUNAWAY_LINES {
                            ImportError::UnbalancedQuotes { row }
                        } else {
                            ImportError::CellTooLong {
                                row,
                                limit_bytes: MAX_CELL_BYTES,
                            }
                        },
                    );
                }
            }
            self.reader.consume(used);
            if ended {
                push_field(&mut fields, &mut count, &mut field, self.max_columns);
                return self.finish(row, fields, count).map(Some);
            }
        }
    }

    fn finish(
        &mut self,
        row: usize,
        fields: Vec<String>,
        count: usize,
    ) -> Result<(usize, Vec<String>), ImportError> {
        self.next_row += 1;
        if count > self.max_columns {
            return Err(ImportError::TooManyColumns {
                row,
                count,
                limit: self.max_columns,
            });
        }
        Ok((row, fields))
    }
}

/// Ends a cell: stores it while the row is within `max_columns`, counts it anyway.
fn push_field(
    fields: &mut Vec<String>,
    count: &mut usize,
    field: &mut Vec<u8>,
    max_columns: usize,
) {
    *count += 1;
    let bytes = std::mem::take(field);
    if *count <= max_columns {
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        fields.push(text);
    }
}

fn map_io(err: io::Error, row: usize) -> ImportError {
    match MalformedText::from_io(&err) {
        Some(m) => ImportError::InvalidEncoding {
            row,
            encoding: m.encoding,
        },
        None => ImportError::Io(err),
    }
}

impl<R: BufRead> Iterator for CsvRecords<R> {
    /// `(row number, cells)`; after the first error the iterator ends.
    type Item = Result<(usize, Vec<String>), ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.read_record().transpose();
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        item
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    fn parse(text: &str, delim: u8) -> Vec<Result<(usize, Vec<String>), ImportError>> {
        CsvRecords::new(text.as_bytes(), delim, 10).collect()
    }

    fn ok_rows(text: &str) -> Vec<(usize, Vec<String>)> {
        parse(text, b',').into_iter().map(Result::unwrap).collect()
    }

    #[test]
    fn quotes_delimiters_and_embedded_newlines() {
        let rows = ok_rows("a,b\r\n\"Tony,王\",\"x\ny\"\r\n\"Lily \"\"莉莉\"\"\",\r\nlast,row");
        assert_eq!(rows[0], (1, vec!["a".into(), "b".into()]));
        assert_eq!(rows[1], (2, vec!["Tony,王".into(), "x\ny".into()]));
        assert_eq!(rows[2], (3, vec!["Lily \"莉莉\"".into(), String::new()]));
        assert_eq!(rows[3], (4, vec!["last".into(), "row".into()]));
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn blank_lines_count_as_rows_and_cr_alone_ends_a_record() {
        let rows = ok_rows("h\n\nx\ry\n");
        let numbers: Vec<_> = rows.iter().map(|r| r.0).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
        assert_eq!(rows[1].1, vec![String::new()]);
        assert_eq!(rows[3].1, vec!["y".to_string()]);
    }

    #[test]
    fn stray_quotes_inside_unquoted_cells_are_text() {
        let rows = ok_rows("Lily \"莉莉\",b\n\"ab\"  ,e\n");
        assert_eq!(rows[0].1[0], "Lily \"莉莉\"");
        assert_eq!(
            rows[1].1[0], "ab",
            "blanks after a closing quote are dropped"
        );
    }

    #[test]
    fn tab_delimiter() {
        let rows = parse("a,b\tc\n", b'\t');
        assert_eq!(rows[0].as_ref().unwrap().1, vec!["a,b", "c"]);
    }

    #[test]
    fn unterminated_quote_reports_its_row() {
        let rows = parse("h1,h2\nok,1\nbad,\"open\nmore,2\n", b',');
        assert_eq!(rows.len(), 3);
        assert!(matches!(
            rows[2],
            Err(ImportError::UnbalancedQuotes { row: 3 })
        ));
    }

    #[test]
    fn a_huge_quoted_cell_is_too_long_and_a_runaway_quote_is_unbalanced() {
        let huge = format!("h1,h2\nok,\"{}\"\n", "茶".repeat(MAX_CELL_BYTES / 3 + 10));
        let rows = parse(&huge, b',');
        assert!(
            matches!(rows[1], Err(ImportError::CellTooLong { row: 2, .. })),
            "{:?}",
            rows[1].as_ref().err()
        );
        let line = format!("王芳,{}\n", "x".repeat(2000));
        let runaway = format!(
            "h1,h2\nbad,\"open\n{}",
            line.repeat(MAX_CELL_BYTES / 2000 + 10)
        );
        let rows = parse(&runaway, b',');
        assert!(matches!(
            rows[1],
            Err(ImportError::UnbalancedQuotes { row: 2 })
        ));
    }

    #[test]
    fn text_after_a_closing_quote_means_quotes_are_out_of_step() {
        let text = "h1,h2\nok,1\nbad,\"opened,x\nnext,\"closed\"text\n";
        let rows = parse(text, b',');
        assert!(matches!(
            rows[2],
            Err(ImportError::UnbalancedQuotes { row: 3 })
        ));
    }

    #[test]
    fn too_many_columns_counts_without_storing() {
        let wide = vec!["x"; 50].join(",");
        let rows = parse(&format!("a,b\n{wide}\nc,d\n"), b',');
        assert_eq!(rows.len(), 2, "iteration stops after the error");
        match &rows[1] {
            Err(ImportError::TooManyColumns { row, count, limit }) => {
                assert_eq!((*row, *count, *limit), (2, 50, 10));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn empty_input_has_no_records() {
        assert!(parse("", b',').is_empty());
    }
}
