//! The headless subcommands: each is a few lines over store / domain, the same core the GUI uses.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::demo::{DemoOptions, generate};
use crate::domain::checklist::TaskJson;
use crate::domain::contact::DedupPolicy;
use crate::export::customers::{CsvExporter, CustomerJson};
use crate::jobs::Reporter;
use crate::jobs::contact_import::{self, ContactImportRequest};
use crate::jobs::health_import::{self, HealthImportRequest};
use crate::jobs::purchase_import::{self, PurchaseImportRequest};
use crate::paths::default_db_path;
use crate::store::health_import::ChatTarget;
use crate::store::{
    Store, backup, content_items, customers, followups, groups, imports, koc, koc_views, search,
};

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
pub const SUBCOMMANDS: &[&str] = &[
    "demo",
    "search",
    "check",
    "import",
    "undo-import",
    "export",
    "backup",
    "restore",
    "followups",
    "plan",
    "health",
    "koc",
    "help",
];

const USAGE: &str = "\
qunzhu [--db PATH]                      open the window
qunzhu demo --db PATH [--customers N] [--seed S] [--notes-per-customer N]
qunzhu search QUERY --db PATH [--limit N] --json
qunzhu check --db PATH
qunzhu import FILE --db PATH [--policy merge|skip|overwrite] [--group NAME] [--tz +08:00]
              [--encoding gb18030|big5|shift_jis|utf-8|utf-16le|latin1] [--json]
qunzhu undo-import BATCH --db PATH
qunzhu export customers --db PATH --out FILE [--format csv|json]
qunzhu backup --db PATH --out FILE
qunzhu restore FILE --db PATH
qunzhu followups --db PATH [--date YYYY-MM-DD] [--limit N] --json
qunzhu plan --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--group NAME] [--json]
qunzhu health --db PATH [--group NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
qunzhu koc --db PATH [--date YYYY-MM-DD] [--limit N] --json";

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
        "import" => import(args),
        "undo-import" => undo_import(args),
        "export" => export(args),
        "backup" => backup_command(args),
        "restore" => restore_command(args),
        "followups" => followups(args),
        "plan" => plan(args),
        "health" => health(args),
        "koc" => koc(args),
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

/// `--tz +08:00`, or Beijing time: the platforms these files come from export it, whatever
/// zone the laptop is set to.
fn time_zone(args: &Args) -> Result<chrono::FixedOffset> {
    match args.flag("tz") {
        None => Ok(crate::import::CHINA_STANDARD_TIME),
        Some(text) => text
            .parse::<chrono::FixedOffset>()
            .map_err(|_| anyhow::anyhow!("--tz expects an offset such as +08:00, got {text:?}")),
    }
}

fn import(args: &Args) -> Result<i32> {
    let Some(file) = args.positional.get(1) else {
        bail!(
            "usage: qunzhu import FILE --db PATH [--policy merge|skip|overwrite] [--group NAME] [--tz +08:00] [--encoding NAME] [--json]"
        );
    };
    let policy = match args.flag("policy") {
        None => DedupPolicy::Merge,
        Some(key) => DedupPolicy::from_key(key)
            .with_context(|| format!("--policy must be merge, skip or overwrite, not {key:?}"))?,
    };
    let encoding = match args.flag("encoding") {
        None => None,
        Some(label) => Some(crate::import::encoding_for_label(label).with_context(|| {
            format!("--encoding {label:?} is not an encoding (try gb18030, big5, shift_jis, utf-8, utf-16le, latin1)")
        })?),
    };
    let path = args.db_path();
    let mut store = Store::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let file_path = std::path::Path::new(file);
    let detection = crate::import::detect_path_as(file_path, None, encoding).ok();
    if let Some(guess) = detection
        .as_ref()
        .and_then(|d| d.encoding)
        .filter(|e| !e.sure)
    {
        eprintln!(
            "qunzhu: the encoding of {file} is a guess ({}); if names come out garbled, undo and import again with --encoding",
            guess.name()
        );
    }
    let kind = detection.map(|d| d.kind);
    let result = match kind {
        Some(crate::import::FileKind::GroupStats | crate::import::FileKind::Chat) => {
            let chat_target = args
                .flag("group")
                .map(|name| ChatTarget::Named(name.trim().to_string()));
            let request = HealthImportRequest {
                path: file_path.to_path_buf(),
                sheet: None,
                encoding,
                chat_target,
                tz: time_zone(args)?,
                stat_columns: None,
            };
            health_import::run(&mut store, &request, &Reporter::silent())
        }
        Some(crate::import::FileKind::Purchases) => {
            let request = PurchaseImportRequest {
                path: file_path.to_path_buf(),
                sheet: None,
                encoding,
                tz: time_zone(args)?,
                columns: None,
            };
            purchase_import::run(&mut store, &request, &Reporter::silent())
        }
        _ => {
            let mut request = ContactImportRequest::new(file_path, time_zone(args)?);
            request.policy = policy;
            request.encoding = encoding;
            contact_import::run(&mut store, &request, &Reporter::silent())
        }
    };
    match result {
        Ok(report) => {
            if args.has("json") {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!(
                    "{} rows: {} created, {} updated, {} skipped, {} rejected (batch {})",
                    report.rows,
                    report.created,
                    report.updated,
                    report.skipped,
                    report.rejected.len(),
                    report.batch
                );
                for r in &report.rejected {
                    println!("  row {}: {} {}", r.row, r.reason, r.detail);
                }
            }
            Ok(0)
        }
        Err(e) => {
            eprintln!("qunzhu: cannot import {file}: {e} [{}]", e.code());
            Ok(2)
        }
    }
}

fn undo_import(args: &Args) -> Result<i32> {
    let batch: i64 = args
        .positional
        .get(1)
        .and_then(|b| b.parse().ok())
        .context("usage: qunzhu undo-import BATCH --db PATH")?;
    let path = args.db_path();
    let mut store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    // Wait for a running import or restore of this file to finish first.
    let _writer = crate::store::lock::WriterLock::acquire(&path, crate::store::lock::Wait::Block)?;
    let summary = match store.write(|tx| imports::undo_batch(tx, batch)) {
        Ok(summary) => summary,
        Err(e @ crate::store::StoreError::NewerImportsFirst { .. }) => {
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

fn export(args: &Args) -> Result<i32> {
    if args.positional.get(1).map(String::as_str) != Some("customers") {
        bail!("usage: qunzhu export customers --db PATH --out FILE [--format csv|json]");
    }
    let out_path = args.flag("out").context("--out FILE is required")?;
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let out = std::io::BufWriter::new(
        std::fs::File::create(out_path).with_context(|| format!("creating {out_path}"))?,
    );
    let count = match args.flag("format").unwrap_or("csv") {
        "csv" => {
            let mut exporter = CsvExporter::new(out)?;
            let mut customers_written = 0usize;
            customers::for_each_export(store.conn(), |c| {
                customers_written += 1;
                exporter
                    .write(&c)
                    .map_err(|e| crate::store::StoreError::Invalid(e.to_string()))
            })?;
            exporter.finish()?;
            customers_written
        }
        "json" => {
            let mut out = out;
            use std::io::Write;
            out.write_all(b"[")?;
            let mut n = 0usize;
            customers::for_each_export(store.conn(), |c| {
                let text = serde_json::to_string(&CustomerJson::from_export(&c))
                    .map_err(|e| crate::store::StoreError::Invalid(e.to_string()))?;
                let sep = if n == 0 { "\n" } else { ",\n" };
                n += 1;
                out.write_all(sep.as_bytes())
                    .and_then(|()| out.write_all(text.as_bytes()))
                    .map_err(|e| crate::store::StoreError::Invalid(e.to_string()))
            })?;
            out.write_all(b"\n]\n")?;
            out.flush()?;
            n
        }
        other => bail!("--format must be csv or json, not {other:?}"),
    };
    println!("exported {count} customers to {out_path}");
    Ok(0)
}

fn backup_command(args: &Args) -> Result<i32> {
    let out = args
        .flag("out")
        .context("usage: qunzhu backup --db PATH --out FILE")?;
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    backup::backup_to(store.conn(), std::path::Path::new(out))?;
    println!("backed up {} to {out}", path.display());
    Ok(0)
}

fn restore_command(args: &Args) -> Result<i32> {
    let Some(file) = args.positional.get(1) else {
        bail!("usage: qunzhu restore FILE --db PATH");
    };
    let source = std::path::Path::new(file);
    if let Err(e) = backup::validate(source) {
        eprintln!("qunzhu: cannot restore {file}: {e}");
        return Ok(2);
    }
    let path = args.db_path();
    let mut store = Store::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let safety = backup::restore(&mut store, source)?;
    println!("restored {} from {file}", path.display());
    if let Some(safety) = safety {
        println!("the previous state was backed up to {}", safety.display());
    }
    Ok(0)
}

/// `--date YYYY-MM-DD`, or today.
fn date_flag(args: &Args) -> Result<chrono::NaiveDate> {
    match args.flag("date") {
        None => Ok(chrono::Local::now().date_naive()),
        Some(text) => crate::domain::time::parse_day(text)
            .with_context(|| format!("--date expects YYYY-MM-DD, got {text:?}")),
    }
}

/// Roles with their current holders, the last 30 days' leaderboard and the top candidates.
fn koc(args: &Args) -> Result<i32> {
    let today = date_flag(args)?;
    let limit = args.number("limit", 20)?;
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let conn = store.conn();
    let from = today - chrono::Duration::days(29);
    let holders = koc_views::board(conn, today)?;
    let roles: Vec<serde_json::Value> = koc::roles(conn)?
        .into_iter()
        .map(|role| {
            let held: Vec<serde_json::Value> = holders
                .iter()
                .filter(|h| h.view.assignment.role_id == role.id)
                .map(|h| {
                    serde_json::json!({
                        "customer_id": h.view.assignment.customer_id,
                        "name": h.view.customer_name,
                        "status": h.view.assignment.status.key(),
                        "group": h.view.group_name,
                        "since": h.view.assignment.since.to_string(),
                        "contributions_this_month": h.contributions_this_month,
                        "behind": h.check.map(|c| c.behind),
                        "quiet_days": h.quiet_days,
                    })
                })
                .collect();
            serde_json::json!({ "role": role.name, "per_group": role.per_group, "holders": held })
        })
        .collect();
    let leaders = koc_views::leaderboard(conn, from, today, limit)?;
    let candidates: Vec<serde_json::Value> = koc_views::candidates(conn, from, today, limit)?
        .into_iter()
        .map(|c| {
            let parts: Vec<serde_json::Value> = c
                .score
                .parts
                .iter()
                .map(
                    |p| serde_json::json!({ "what": p.what, "count": p.count, "points": p.points }),
                )
                .collect();
            serde_json::json!({
                "customer_id": c.customer_id,
                "name": c.name,
                "score": c.score.total,
                "parts": parts,
            })
        })
        .collect();
    let out = serde_json::json!({
        "date": today.to_string(),
        "roles": roles,
        "leaderboard": { "from": from.to_string(), "to": today.to_string(), "rows": leaders },
        "candidates": candidates,
    });
    if args.has("json") {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(0)
}

fn followups(args: &Args) -> Result<i32> {
    let today = date_flag(args)?;
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let list = followups::checklist(store.conn(), today, args.number("limit", 10_000)?)?;
    let json = |tasks: &[crate::domain::checklist::TaskView]| -> Vec<TaskJson> {
        tasks.iter().map(TaskJson::from).collect()
    };
    if args.has("json") {
        let out = serde_json::json!({
            "date": today.to_string(),
            "overdue": json(&list.overdue),
            "today": json(&list.due_today),
            "upcoming": json(&list.upcoming),
        });
        println!("{out}");
    } else {
        for (title, tasks, total) in [
            ("overdue", &list.overdue, list.overdue_total),
            ("today", &list.due_today, list.today_total),
            ("upcoming", &list.upcoming, list.upcoming_total),
        ] {
            println!("{title}: {total}");
            for t in tasks {
                println!(
                    "  {}\t{}\t{} / {}\t{}",
                    t.due,
                    t.customer,
                    t.journey,
                    t.step,
                    t.script("")
                );
            }
        }
    }
    Ok(0)
}

/// `--name YYYY-MM-DD`, required.
fn day_flag(args: &Args, name: &str) -> Result<chrono::NaiveDate> {
    let text = args
        .flag(name)
        .with_context(|| format!("--{name} YYYY-MM-DD is required"))?;
    crate::domain::time::parse_day(text)
        .with_context(|| format!("--{name} expects a date such as 2024-03-04, got {text:?}"))
}

fn plan(args: &Args) -> Result<i32> {
    let (from, to) = (day_flag(args, "from")?, day_flag(args, "to")?);
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let mut filter = content_items::ItemFilter::range(from, to);
    if let Some(name) = args.flag("group") {
        filter.group_id = Some(
            groups::find_by_name(store.conn(), name)?
                .with_context(|| format!("no group named {name:?}"))?,
        );
    }
    let rows = content_items::plan_rows(store.conn(), &filter)?;
    if args.has("json") {
        println!("{}", serde_json::to_string(&rows)?);
    } else {
        for row in rows {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                row.day,
                crate::domain::content::format_time(row.time),
                row.group,
                row.column,
                row.title,
                row.status.key()
            );
        }
    }
    Ok(0)
}

/// `--name YYYY-MM-DD` when given.
fn optional_day(args: &Args, name: &str) -> Result<Option<chrono::NaiveDate>> {
    match args.flag(name) {
        None => Ok(None),
        Some(_) => day_flag(args, name).map(Some),
    }
}

fn health(args: &Args) -> Result<i32> {
    let path = args.db_path();
    let store =
        Store::open_existing(&path).with_context(|| format!("opening {}", path.display()))?;
    let from = optional_day(args, "from")?
        .or(chrono::NaiveDate::from_ymd_opt(1, 1, 2))
        .context("date")?;
    let to = optional_day(args, "to")?
        .or(chrono::NaiveDate::from_ymd_opt(9999, 12, 31))
        .context("date")?;
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    let mut list = crate::store::health::groups(store.conn())?;
    if let Some(name) = args.flag("group") {
        list.retain(|g| g.name == name.trim());
        if list.is_empty() {
            bail!("no group named {name:?}");
        }
    }
    let mut out = Vec::new();
    for group in &list {
        // The day before `from` gives the first day's start members.
        let since = from.pred_opt().unwrap_or(from);
        let days = crate::store::health::days(store.conn(), group.id, since, to)?;
        out.extend(crate::domain::health::day_rows(
            group.id,
            &group.name,
            &days,
            from,
        ));
    }
    if args.has("json") {
        println!("{}", serde_json::to_string(&out)?);
    } else {
        for r in &out {
            let f = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.4}"));
            println!(
                "{}\t{}\tmembers {}\tinteraction {}\tleave {}",
                r.stats.day,
                r.group,
                r.stats.members.map_or("—".to_string(), |m| m.to_string()),
                f(r.rates.interaction_rate),
                f(r.rates.leave_rate)
            );
        }
    }
    Ok(0)
}
