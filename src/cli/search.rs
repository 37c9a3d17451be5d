//! `qunzhu search`: the customer book's instant search.

use std::path::Path;

use anyhow::Result;

use crate::store::search;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for.
    query: String,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON: {"total": N, "hits": [...]}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: SearchArgs, db: &Path) -> Result<i32> {
    let store = super::open_existing(db)?;
    let results = search::search(store.conn(), &args.query, args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string(&results)?);
    } else {
        println!("{} matches", results.total);
        for hit in results.hits {
            println!(
                "{}\t{}\t{}\t({})",
                hit.id, hit.name, hit.remark, hit.matched
            );
        }
    }
    Ok(0)
}
