//! `qunzhu undo-import`: take an import batch back.

use std::path::Path;

use anyhow::Result;

use crate::store::lock::{Wait, WriterLock};
use crate::store::{StoreError, imports};

#[derive(Debug, clap::Args)]
pub struct UndoImportArgs {
    /// The batch number (`qunzhu import` prints it).
    batch: i64,
}

pub fn run(args: UndoImportArgs, db: &Path) -> Result<i32> {
    let mut store = super::open_existing(db)?;
    // Wait for a running import or restore of this file to finish first.
    let _writer = WriterLock::acquire(db, Wait::Block)?;
    let summary = match store.write(|tx| imports::undo_batch(tx, args.batch)) {
        Ok(summary) => summary,
        Err(e @ StoreError::NewerImportsFirst { .. }) => {
            eprintln!("qunzhu: {e}; nothing was changed");
            return Ok(2);
        }
        Err(e) => return Err(e.into()),
    };
    println!(
        "undid batch {} ({}, {}): removed {} created, restored {} updated",
        summary.id, summary.file_name, summary.kind, summary.created, summary.updated
    );
    Ok(0)
}
