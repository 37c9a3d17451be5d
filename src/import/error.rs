//! Errors a user can meet while importing a file, one variant per problem.
//!
//! Every variant carries what the GUI needs to explain it (the row number where there is one).
//! [`ImportError::code`] gives a stable snake_case id that the GUI translates; the `Display` text
//! is English and meant for logs and the command line.

use std::io;

/// Everything that can make a whole file unreadable.
///
/// A single bad *row* is not an `ImportError`: it becomes a
/// [`RowRejection`](crate::import::contacts::RowRejection) and the import goes on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has zero bytes (or only a byte-order mark / whitespace).
    #[error("the file is empty")]
    EmptyFile,

    /// A header was found but no row of data follows it.
    #[error("the file has a header (row {header_row}) but no data rows")]
    NoDataRows {
        /// 1-based row of the header.
        header_row: usize,
    },

    /// The bytes are not a text table: a picture, a PDF, an archive renamed to `.csv`, …
    #[error("the file is not a text table (looks like {what})")]
    NotText {
        /// A short English description of what was recognised ("PNG image", "binary data").
        what: &'static str,
    },

    /// The workbook is damaged (truncated download, missing zip directory, bad XML).
    #[error("the spreadsheet is damaged and cannot be opened: {detail}")]
    CorruptWorkbook {
        /// Technical detail from the reader, for logs.
        detail: String,
    },

    /// A quoted cell is opened and never closed, so the rest of the file runs into one cell.
    #[error("row {row}: a quote (\") is opened and never closed")]
    UnbalancedQuotes {
        /// 1-based row where the unterminated quoted cell starts.
        row: usize,
    },

    /// Bytes that are not valid in the file's text encoding (e.g. GBK pasted into a UTF-8 file).
    #[error("row {row}: the text is not valid {encoding} (mixed or broken encoding)")]
    InvalidEncoding {
        /// 1-based row where the first invalid bytes are.
        row: usize,
        /// Name of the encoding the file was read as.
        encoding: &'static str,
    },

    /// A row has more cells than any sane export.
    #[error("row {row} has {count} columns; at most {limit} are supported")]
    TooManyColumns {
        /// 1-based row that is too wide.
        row: usize,
        /// How many cells that row has.
        count: usize,
        /// The limit ([`MAX_COLUMNS`](crate::import::MAX_COLUMNS)).
        limit: usize,
    },

    /// One cell is so large that the file is almost certainly not a table.
    #[error("row {row}: a cell is longer than {limit_bytes} bytes")]
    CellTooLong {
        /// 1-based row of the cell.
        row: usize,
        /// The limit ([`MAX_CELL_BYTES`](crate::import::MAX_CELL_BYTES)).
        limit_bytes: usize,
    },

    /// No header we know: neither a customer list, a group-statistics sheet nor a chat log.
    #[error("no recognisable columns (headers: {})", headers.join(", "))]
    UnknownKind {
        /// The headers that were found, so the user can map them by hand.
        headers: Vec<String>,
    },

    /// A workbook whose parts unpack to more than we will hold (a zip bomb, or a sheet far
    /// beyond any export): refused before it is unpacked.
    #[error("the workbook is too large to open: {detail}")]
    WorkbookTooLarge {
        /// What was too large, for logs.
        detail: String,
    },

    /// An Excel or WPS file saved with a password (its contents are encrypted).
    #[error("the workbook is protected by a password")]
    PasswordProtected,

    /// The workbook has no sheet with that name.
    #[error("the workbook has no sheet named {name:?}")]
    NoSuchSheet {
        /// The requested sheet.
        name: String,
    },

    /// The file could not be read at all (missing, permissions, locked by Excel…).
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
}

impl ImportError {
    /// Every code [`ImportError::code`] can return, for exhaustive translation tests.
    pub const CODES: [&'static str; 13] = [
        "empty_file",
        "no_data_rows",
        "binary_not_text",
        "corrupt_xlsx",
        "csv_unterminated_quote",
        "invalid_encoding",
        "too_many_columns",
        "cell_too_long",
        "unknown_kind",
        "no_such_sheet",
        "io",
        "workbook_too_large",
        "password_protected",
    ];

    /// A stable snake_case id of the problem; the GUI translates by it.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile => "empty_file",
            Self::NoDataRows { .. } => "no_data_rows",
            Self::NotText { .. } => "binary_not_text",
            Self::CorruptWorkbook { .. } => "corrupt_xlsx",
            Self::UnbalancedQuotes { .. } => "csv_unterminated_quote",
            Self::InvalidEncoding { .. } => "invalid_encoding",
            Self::TooManyColumns { .. } => "too_many_columns",
            Self::CellTooLong { .. } => "cell_too_long",
            Self::UnknownKind { .. } => "unknown_kind",
            Self::NoSuchSheet { .. } => "no_such_sheet",
            Self::Io(_) => "io",
            Self::WorkbookTooLarge { .. } => "workbook_too_large",
            Self::PasswordProtected => "password_protected",
        }
    }

    /// The 1-based row the problem is on, when it is about one row.
    pub fn row(&self) -> Option<usize> {
        match self {
            Self::UnbalancedQuotes { row }
            | Self::InvalidEncoding { row, .. }
            | Self::TooManyColumns { row, .. }
            | Self::CellTooLong { row, .. } => Some(*row),
            Self::NoDataRows { header_row } => Some(*header_row),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_listed_unique_code() {
        let all = [
            ImportError::EmptyFile,
            ImportError::NoDataRows { header_row: 1 },
            ImportError::NotText { what: "PNG image" },
            ImportError::CorruptWorkbook {
                detail: String::new(),
            },
            ImportError::UnbalancedQuotes { row: 3 },
            ImportError::InvalidEncoding {
                row: 3,
                encoding: "UTF-8",
            },
            ImportError::TooManyColumns {
                row: 2,
                count: 5000,
                limit: 1000,
            },
            ImportError::CellTooLong {
                row: 2,
                limit_bytes: 1,
            },
            ImportError::UnknownKind {
                headers: vec!["a".into()],
            },
            ImportError::NoSuchSheet { name: "x".into() },
            ImportError::Io(io::Error::other("x")),
            ImportError::WorkbookTooLarge { detail: "x".into() },
            ImportError::PasswordProtected,
        ];
        let codes: Vec<_> = all.iter().map(ImportError::code).collect();
        assert_eq!(codes, ImportError::CODES);
        assert_eq!(all[4].row(), Some(3));
        assert!(all[6].to_string().contains("5000"));
    }
}
