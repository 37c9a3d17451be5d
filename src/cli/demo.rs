//! `qunzhu demo`: a realistic, deterministic demo book.

use std::path::Path;

use anyhow::Result;

use crate::demo::{DemoOptions, generate};

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How many customers.
    #[arg(long, default_value_t = 2_000)]
    customers: usize,
    /// The same seed gives the same book.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Average notes per customer.
    #[arg(long, default_value_t = 3)]
    notes_per_customer: usize,
}

pub fn run(args: DemoArgs, db: &Path) -> Result<i32> {
    let mut store = super::open(db)?;
    let options = DemoOptions {
        customers: args.customers,
        seed: args.seed,
        notes_per_customer: args.notes_per_customer,
        anchor: super::today(),
    };
    let summary = generate(&mut store, &options)?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(0)
}
