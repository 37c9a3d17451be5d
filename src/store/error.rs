//! Errors the store reports.

use std::path::PathBuf;

/// Everything that can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database {path} was written by a newer Qunzhu (schema {found}, this version knows {supported})"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is not a Qunzhu database: {reason}")]
    NotADatabase { path: PathBuf, reason: String },
    #[error("could not create the data folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is read-only (the file or its folder): Qunzhu needs to write to its data file and beside it"
    )]
    ReadOnly { path: PathBuf },
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error(
        "import {batch} cannot be undone before the later imports that changed the same records: undo {} first",
        newer.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")
    )]
    NewerImportsFirst { batch: i64, newer: Vec<i64> },
    #[error("could not start a worker thread: {0}")]
    Worker(std::io::Error),
    #[error(transparent)]
    Lock(#[from] super::lock::LockError),
    #[error(
        "{path} is damaged ({}); nothing was written to it: restore the latest good backup (Settings → Backups)",
        problems.join("; ")
    )]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
}

/// Result alias for store functions.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
