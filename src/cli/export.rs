//! `qunzhu export customers`: the customer book as CSV (UTF-8 BOM, formulas neutralised) or
//! JSON (every field held, tags with their group, purchases).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::export::customers::{CsvExporter, CustomerJson};
use crate::store::{StoreError, customers};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export.
    what: What,
    /// Where to write it.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum What {
    Customers,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
}

fn invalid(e: impl ToString) -> StoreError {
    StoreError::Invalid(e.to_string())
}

pub fn run(args: ExportArgs, db: &Path) -> Result<i32> {
    let What::Customers = args.what;
    let store = super::open_existing(db)?;
    let shown = args.out.display();
    let file = std::fs::File::create(&args.out).with_context(|| format!("creating {shown}"))?;
    let mut out = std::io::BufWriter::new(file);
    let mut count = 0usize;
    match args.format {
        Format::Csv => {
            let mut exporter = CsvExporter::new(out)?;
            customers::for_each_export(store.conn(), |c| {
                count += 1;
                exporter.write(&c).map_err(invalid)
            })?;
            exporter.finish()?;
        }
        Format::Json => {
            out.write_all(b"[")?;
            customers::for_each_export(store.conn(), |c| {
                let text =
                    serde_json::to_string(&CustomerJson::from_export(&c)).map_err(invalid)?;
                let sep = if count == 0 { "\n" } else { ",\n" };
                count += 1;
                out.write_all(sep.as_bytes())
                    .and_then(|()| out.write_all(text.as_bytes()))
                    .map_err(invalid)
            })?;
            out.write_all(b"\n]\n")?;
            out.flush()?;
        }
    }
    println!("exported {count} customers to {shown}");
    Ok(0)
}
