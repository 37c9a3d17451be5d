//! What a file is: format, encoding, delimiter, sheet, header row, headers and kind of export.
//!
//! Detection reads only the first [`SAMPLE_BYTES`] of a text file (a workbook sheet is loaded
//! whole by calamine). The header row is the first row that looks like a header, so a title
//! row above it (OpenSCRM's `客户列表(导出时间: …)`) is skipped. Problems visible in the sample
//! (empty file, binary data, broken quotes or encoding, too many columns, header without data)
//! are reported here, before the user maps anything; the rest surface while streaming rows.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;

use crate::import::chat::ChatColumns;
use crate::import::csv::CsvRecords;
use encoding_rs::Encoding;

use crate::import::decode::DecodeReader;
use crate::import::group_stats::{GroupStatColumns, is_group_stat_header};
use crate::import::mapping::{Field, auto_map, field_for_header, normalize_header};
use crate::import::normalize::clean_cells;
use crate::import::purchases::{PurchaseColumns, is_purchase_header};
use crate::import::sniff::{
    Format, SAMPLE_BYTES, TextEncoding, chosen_encoding, cut_at_last_line, sniff_delimiter,
    sniff_encoding, sniff_format,
};
use crate::import::table::RawRow;
use crate::import::xlsx::Workbook;
use crate::import::{ImportError, MAX_COLUMNS};

/// Which kind of export a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FileKind {
    /// A customer list (WeCom, OpenSCRM, LinkWeChat, a hand-made sheet).
    Contacts,
    /// WeCom group statistics (日期 / 群名称 / 群成员总数 …).
    GroupStats,
    /// A WeChatMsg (留痕) chat export (localId, TalkerId, Type, … Sender).
    Chat,
    /// An order export: who bought what, when, for how much.
    Purchases,
    /// Nothing recognisable: the user maps columns by hand or picks another file.
    Unknown,
}

/// Headers of a WeChatMsg chat export.
pub const CHAT_HEADERS: [&str; 12] = [
    "localId",
    "TalkerId",
    "Type",
    "SubType",
    "IsSender",
    "CreateTime",
    "Status",
    "StrContent",
    "StrTime",
    "Remark",
    "NickName",
    "Sender",
];

/// Headers of a PyWxDump chat export.
pub const PYWXDUMP_HEADERS: [&str; 9] = [
    "id",
    "MsgSvrID",
    "type_name",
    "is_sender",
    "talker",
    "room_name",
    "msg",
    "src",
    "CreateTime",
];

const HEADER_SEARCH_ROWS: usize = 20;
const PREVIEW_ROWS: usize = 5;
/// Rows kept while detecting: enough to find the header and fill the preview.
const KEPT_ROWS: usize = HEADER_SEARCH_ROWS + PREVIEW_ROWS + 1;

/// Everything detection found, for the import screen to show and for [`open_rows`].
///
/// [`open_rows`]: crate::import::open_rows
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// Container format.
    pub format: Format,
    /// Text encoding (delimited text only).
    pub encoding: Option<TextEncoding>,
    /// Field delimiter (delimited text only): `,`, `\t` or `;`.
    pub delimiter: Option<u8>,
    /// All sheet names (workbooks only).
    pub sheets: Vec<String>,
    /// The sheet that was read (workbooks only).
    pub sheet: Option<String>,
    /// 1-based row number of the header.
    pub header_row: usize,
    /// Non-blank rows above the header (titles such as `客户群列表(导出时间: …)`), their text
    /// joined: a snapshot export dates itself there.
    pub title: Option<String>,
    /// How many rows the title took.
    pub title_rows: usize,
    /// Header cells, trimmed, trailing empty ones removed.
    pub headers: Vec<String>,
    /// What kind of export this is.
    pub kind: FileKind,
    /// The first few data rows.
    pub preview: Vec<RawRow>,
}

/// Detects the file at `path`; for a workbook, picks the first sheet of a known kind.
pub fn detect_path(path: &Path) -> Result<Detection, ImportError> {
    detect_path_in_sheet(path, None)
}

/// Detects the file at `path`, reading the named sheet when it is a workbook.
pub fn detect_path_in_sheet(path: &Path, sheet: Option<&str>) -> Result<Detection, ImportError> {
    detect_path_as(path, sheet, None)
}

/// Detects the file at `path`, reading text in `encoding` when given (the user's choice)
/// instead of the guessed one.
pub fn detect_path_as(
    path: &Path,
    sheet: Option<&str>,
    encoding: Option<&'static Encoding>,
) -> Result<Detection, ImportError> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    (&mut file)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut sample)?;
    let whole = len <= sample.len() as u64;
    match sniff(&sample, &file_name_of(path))? {
        Format::Delimited => detect_text(&sample, whole, encoding),
        format => {
            file.rewind()?;
            detect_workbook(BufReader::new(file), format, sheet)
        }
    }
}

/// Detects a file held in memory. `file_name` only matters for garbage named `.xlsx`/`.xls`,
/// which is reported as a damaged workbook rather than as binary data.
pub fn detect_bytes(bytes: &[u8], file_name: &str) -> Result<Detection, ImportError> {
    match sniff(bytes, file_name)? {
        Format::Delimited => {
            let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
            detect_text(sample, sample.len() == bytes.len(), None)
        }
        format => detect_workbook(Cursor::new(bytes), format, None),
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sniff(sample: &[u8], file_name: &str) -> Result<Format, ImportError> {
    if sample.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    let lower = file_name.to_lowercase();
    let named_workbook = [".xlsx", ".xlsm", ".xls"]
        .iter()
        .any(|e| lower.ends_with(e));
    match sniff_format(sample) {
        Err(ImportError::NotText { .. }) if named_workbook => Err(ImportError::CorruptWorkbook {
            detail: "the file is not a workbook".to_string(),
        }),
        other => other,
    }
}

fn detect_text(
    sample: &[u8],
    whole: bool,
    chosen: Option<&'static Encoding>,
) -> Result<Detection, ImportError> {
    let encoding = match chosen {
        Some(encoding) => chosen_encoding(sample, encoding),
        None => sniff_encoding(sample, whole)?,
    };
    let usable = if whole {
        sample
    } else {
        &sample[..cut_at_last_line(sample, encoding.encoding)]
    };
    // Decode what is valid for delimiter sniffing; an encoding error is reported with its
    // row by the record reader below.
    let mut decoded = Vec::new();
    let _ = DecodeReader::new(usable, encoding.encoding).read_to_end(&mut decoded);
    if decoded.iter().all(u8::is_ascii_whitespace) && whole {
        return Err(ImportError::EmptyFile);
    }
    let delimiter = sniff_delimiter(&decoded);
    let reader = BufReader::new(DecodeReader::new(usable, encoding.encoding));
    let mut rows = Vec::new();
    for record in CsvRecords::new(reader, delimiter, MAX_COLUMNS) {
        match record {
            Ok((row_number, cells)) => push_non_blank(&mut rows, row_number, cells),
            // The sample may end inside a quoted cell; streaming will tell if it is real.
            Err(ImportError::UnbalancedQuotes { .. }) if !whole => break,
            Err(e) => return Err(e),
        }
    }
    let mut detection = analyse(&rows, !whole)?;
    detection.format = Format::Delimited;
    detection.encoding = Some(encoding);
    detection.delimiter = Some(delimiter);
    Ok(detection)
}

fn detect_workbook<R: Read + Seek>(
    reader: R,
    format: Format,
    sheet: Option<&str>,
) -> Result<Detection, ImportError> {
    let mut workbook = Workbook::open(reader, format)?;
    let sheets = workbook.sheet_names();
    let candidates: Vec<String> = match sheet {
        Some(name) => vec![name.to_string()],
        None => sheets.clone(),
    };
    let mut fallback: Option<Result<Detection, ImportError>> = None;
    for name in candidates {
        let mut rows = Vec::new();
        for (row_number, cells) in workbook.head_rows(&name, MAX_COLUMNS, KEPT_ROWS)? {
            push_non_blank(&mut rows, row_number, cells);
        }
        if rows.is_empty() {
            continue;
        }
        let result = analyse(&rows, false).map(|mut d| {
            d.format = format;
            d.sheets = sheets.clone();
            d.sheet = Some(name.clone());
            d
        });
        if matches!(&result, Ok(d) if d.kind != FileKind::Unknown) {
            return result;
        }
        fallback.get_or_insert(result);
    }
    fallback.unwrap_or(Err(ImportError::EmptyFile))
}

fn push_non_blank(rows: &mut Vec<RawRow>, row_number: usize, mut cells: Vec<String>) {
    clean_cells(&mut cells);
    let row = RawRow { row_number, cells };
    if !row.is_blank() && rows.len() < KEPT_ROWS {
        rows.push(row);
    }
}

/// Finds header, kind and preview in the first non-blank rows of a table.
fn analyse(rows: &[RawRow], more_follow: bool) -> Result<Detection, ImportError> {
    let Some(header_index) = pick_header(&rows[..rows.len().min(HEADER_SEARCH_ROWS)]) else {
        return Err(ImportError::EmptyFile);
    };
    let header = &rows[header_index];
    let mut headers: Vec<String> = header.cells.iter().map(|c| c.trim().to_string()).collect();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    let data = &rows[header_index + 1..];
    if data.is_empty() && !more_follow {
        return Err(ImportError::NoDataRows {
            header_row: header.row_number,
        });
    }
    Ok(Detection {
        format: Format::Delimited,
        encoding: None,
        delimiter: None,
        sheets: Vec::new(),
        sheet: None,
        header_row: header.row_number,
        title: (header_index > 0).then(|| {
            rows[..header_index]
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()))
                .collect::<Vec<_>>()
                .join(" ")
        }),
        title_rows: header_index,
        kind: classify(&headers),
        headers,
        preview: data.iter().take(PREVIEW_ROWS).cloned().collect(),
    })
}

fn is_known_header(cell: &str) -> bool {
    let norm = normalize_header(cell);
    field_for_header(cell).is_some()
        || is_group_stat_header(cell)
        || CHAT_HEADERS
            .iter()
            .chain(&PYWXDUMP_HEADERS)
            .any(|h| normalize_header(h) == norm)
        || is_purchase_header(cell)
}

/// Index of the header: the first row with two known header names, else the first row that
/// fills at least half the width of the widest row (and two cells), else the first row.
fn pick_header(rows: &[RawRow]) -> Option<usize> {
    let filled = |r: &RawRow| r.cells.iter().filter(|c| !c.trim().is_empty()).count();
    if let Some(i) = rows
        .iter()
        .position(|r| r.cells.iter().filter(|c| is_known_header(c)).count() >= 2)
    {
        return Some(i);
    }
    let widest = rows.iter().map(filled).max()?;
    let needed = 2.max(widest.div_ceil(2));
    rows.iter().position(|r| filled(r) >= needed).or(Some(0))
}

/// The kind of export a header row belongs to.
pub fn classify(headers: &[String]) -> FileKind {
    if ChatColumns::locate(headers).is_ok() {
        return FileKind::Chat;
    }
    if GroupStatColumns::locate(headers).is_ok() {
        return FileKind::GroupStats;
    }
    // Before contacts: an order export names its buyers, so it has identity columns too.
    if PurchaseColumns::locate(headers).is_some() {
        return FileKind::Purchases;
    }
    let identity = [Field::Name, Field::Phone, Field::ExternalUserid];
    if auto_map(headers)
        .iter()
        .flatten()
        .any(|f| identity.contains(f))
    {
        return FileKind::Contacts;
    }
    FileKind::Unknown
}
