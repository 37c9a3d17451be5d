//! The headless subcommands: each is a few lines over store / domain, the same core the GUI uses.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::demo::{DemoOptions, generate};
use crate::paths::default_db_path;
use crate::store::{Store, search};

/// Parsed command line: positional words and `--flag value` pairs (`--json` has no value).
#[derive(Debug, Default, Clone)]
pub struct Args {
    pub positional: Vec<String>,
    flags: HashMap<String, String>,
}

/// Flags that take no value.
const SWITCHES: &[&str] = &["json", "help"];

impl Args {
    /// Splits `args` (without the program name).
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self> {
        let mut parsed = Args::default();
        let mut iter = args.into_iter();
        while let Some(arg) = iter.next() {
            if let Some(flag) = arg.strip_prefix("--") {
                if let Some((name, value)) = flag.split_once('=') {
                    parsed.flags.insert(name.to_string(), value.to_string());
                } else if SWITCHES.contains(&flag) {
                    parsed.flags.insert(flag.to_string(), String::new());
                } else {
                    let value = iter
                        .next()
                        .with_context(|| format!("--{flag} needs a value"))?;
                    parsed.flags.insert(flag.to_string(), value);
                }
            } else {
                parsed.positional.push(arg);
            }
        }
        Ok(parsed)
    }

    /// The value of `--name`.
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags.get(name).map(String::as_str)
    }

    /// Whether `--name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.contains_key(name)
    }

    /// A numeric flag, or `default` when absent.
    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T> {
        match self.flag(name) {
            None => Ok(default),
            Some(text) => text
                .parse()
                .map_err(|_| anyhow::anyhow!("--{name} expects a number, got {text:?}")),
        }
    }

    /// `--db PATH`, or the default data file.
    pub fn db_path(&self) -> PathBuf {
        self.flag("db")
            .map(PathBuf::from)
            .unwrap_or_else(default_db_path)
    }
}

/// The subcommands `main` hands to `run`; anything else opens the window.
pub const SUBCOMMANDS: &[&str] = &["demo", "search", "check", "help"];

const USAGE: &str = "\
qunzhu [--db PATH]                      open the window
qunzhu demo --db PATH [--customers N] [--seed S] [--notes-per-customer N]
qunzhu search QUERY --db PATH [--limit N] --json
qunzhu check --db PATH";

/// Runs a subcommand; returns the process exit code.
pub fn run(args: &Args) -> Result<i32> {
    let command = args
        .positional
        .first()
        .map(String::as_str)
        .unwrap_or("help");
    match command {
        "demo" => demo(args),
        "search" => search_command(args),
        "check" => check(args),
        _ => {
            println!("{USAGE}");
            Ok(0)
        }
    }
}

fn demo(args: &Args) -> Result<i32> {
    let path = args.db_path();
    let mut store = Store::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let options = DemoOptions {
        customers: args.number("customers", 2_000)?,
        seed: args.number("seed", 1)?,
        notes_per_customer: args.number("notes-per-customer", 3)?,
        anchor: chrono::Local::now().date_naive(),
    };
    let summary = generate(&mut store, &options)?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(0)
}

fn search_command(args: &Args) -> Result<i32> {
    let Some(query) = args.positional.get(1) else {
        bail!("usage: qunzhu search QUERY --db PATH [--limit N] --json");
    };
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let results = search::search(store.conn(), query, args.number("limit", 20)?)?;
    if args.has("json") {
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

fn check(args: &Args) -> Result<i32> {
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let report = store.check()?;
    println!("schema version: {}", report.schema_version);
    println!("integrity: {}", report.integrity.join("; "));
    println!("foreign key violations: {}", report.foreign_key_violations);
    println!("customers: {}", report.customers);
    Ok(if report.is_ok() { 0 } else { 1 })
}
