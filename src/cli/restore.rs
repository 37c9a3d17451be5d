//! `qunzhu restore`: replace the data with a backup, after backing up what it replaces (and
//! after any running import has finished).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::store::backup;

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    file: PathBuf,
}

pub fn run(args: RestoreArgs, db: &Path) -> Result<i32> {
    let shown = args.file.display();
    if let Err(e) = backup::validate(&args.file) {
        eprintln!("qunzhu: cannot restore {shown}: {e}");
        return Ok(2);
    }
    let mut store = super::open(db)?;
    let safety = backup::restore(&mut store, &args.file)?;
    println!("restored {} from {shown}", db.display());
    if let Some(safety) = safety {
        println!("the previous state was backed up to {}", safety.display());
    }
    Ok(0)
}
