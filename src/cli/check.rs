//! `qunzhu check`: integrity, foreign keys and schema version.

use std::path::Path;

use anyhow::Result;

pub fn run(db: &Path) -> Result<i32> {
    let store = super::open_existing(db)?;
    let report = store.check()?;
    println!("schema version: {}", report.schema_version);
    println!("integrity: {}", report.integrity.join("; "));
    println!("foreign key violations: {}", report.foreign_key_violations);
    println!("customers: {}", report.customers);
    Ok(if report.is_ok() { 0 } else { 1 })
}
