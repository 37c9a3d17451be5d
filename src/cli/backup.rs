//! `qunzhu backup`: a whole copy of the data file.

use std::path::{Path, PathBuf};

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(args: BackupArgs, db: &Path) -> Result<i32> {
    let store = super::open_existing(db)?;
    crate::store::backup::backup_to(store.conn(), &args.out)?;
    println!("backed up {} to {}", db.display(), args.out.display());
    Ok(0)
}
