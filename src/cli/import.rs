//! `qunzhu import`: a customer list, an order export, group statistics or a chat export, as
//! detected; each in one transaction, undoable as one batch. Exit 2 when the file is refused
//! (nothing is written then).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::domain::contact::DedupPolicy;
use crate::import::{FileKind, detect_path_as, encoding_for_label};
use crate::jobs::Reporter;
use crate::jobs::contact_import::{self, ContactImportRequest};
use crate::jobs::health_import::{self, HealthImportRequest};
use crate::jobs::purchase_import::{self, PurchaseImportRequest};
use crate::store::health_import::ChatTarget;

use super::column_map::{self, KindArg, MapArg};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file: CSV / TSV / TXT, xlsx, xls, ods or xlsb.
    file: PathBuf,
    /// What to do with a customer already in the book.
    #[arg(long, value_enum, default_value_t = Policy::Merge)]
    policy: Policy,
    /// The group a chat export goes into, or that a series without a group column is about;
    /// for a file of several conversations, the conversation (its NickName or Remark) to import.
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    /// The offset the file's times are in (these platforms export Beijing time).
    #[arg(long, value_name = "OFFSET", default_value = "+08:00", value_parser = offset)]
    tz: chrono::FixedOffset,
    /// The text encoding, when the guess is wrong: gb18030, big5, shift_jis, utf-8, utf-16le,
    /// latin1 …
    #[arg(long, value_name = "NAME", value_parser = encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Import the file as this kind, whatever it was detected as (with --map for the columns
    /// its headers do not name).
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// What a column holds, HEADER=FIELD (repeat for each column; FIELD `-` leaves it out).
    /// Fields — contacts: name, remark, phone, gender, tags, staff, add_time, source, wechat_id,
    /// wxid …; orders: order_no, paid_at, amount, items, status, discount, phone, name,
    /// wechat_id, external_id, address; group-stats: date, group_name, chat_id, owner, created,
    /// members, joins, leaves, speakers, messages; chat: time, sender, content, type,
    /// conversation, own, sender_name.
    #[arg(long = "map", value_name = "HEADER=FIELD", value_parser = column_map::map_arg)]
    map: Vec<MapArg>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Policy {
    /// Fill empty fields and add tags.
    Merge,
    /// Leave the customer as they are.
    Skip,
    /// Replace the customer's fields with the file's.
    Overwrite,
}

fn offset(text: &str) -> Result<chrono::FixedOffset, String> {
    text.parse()
        .map_err(|_| format!("expected an offset such as +08:00, got {text:?}"))
}

fn encoding(text: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_for_label(text).ok_or_else(|| {
        format!(
            "{text:?} is not an encoding (try gb18030, big5, shift_jis, utf-8, utf-16le, latin1)"
        )
    })
}

pub fn run(args: ImportArgs, db: &Path) -> Result<i32> {
    let file = args.file.display().to_string();
    let detection = detect_path_as(&args.file, None, args.encoding).ok();
    if args.encoding.is_none()
        && let Some(guess) = detection
            .as_ref()
            .and_then(|d| d.encoding)
            .filter(|e| !e.sure)
    {
        eprintln!(
            "qunzhu: the encoding of {file} is a guess ({}); if names come out garbled, undo and import again with --encoding",
            guess.name()
        );
    }
    // The kind the user said, else the detected one; a kind or a column said by hand maps the
    // columns here (the jobs then take them as given).
    let kind = args
        .kind
        .unwrap_or(match detection.as_ref().map(|d| d.kind) {
            Some(FileKind::GroupStats) => KindArg::GroupStats,
            Some(FileKind::Chat) => KindArg::Chat,
            Some(FileKind::Purchases) => KindArg::Orders,
            _ => KindArg::Contacts,
        });
    let headers = match &detection {
        Some(d) if args.kind.is_some() || !args.map.is_empty() => Some(d.headers.as_slice()),
        _ => None,
    };
    let mut store =
        crate::store::Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let result = match kind {
        KindArg::GroupStats | KindArg::Chat => {
            let mut request = HealthImportRequest {
                path: args.file.clone(),
                sheet: None,
                encoding: args.encoding,
                chat_target: args
                    .group
                    .map(|name| ChatTarget::Named(name.trim().to_string())),
                tz: args.tz,
                stat_columns: None,
                chat_columns: None,
            };
            if let Some(headers) = headers {
                let mapped = match kind {
                    KindArg::Chat => {
                        column_map::chat(headers, &args.map).map(|c| request.chat_columns = Some(c))
                    }
                    _ => column_map::group_stats(headers, &args.map)
                        .map(|c| request.stat_columns = Some(c)),
                };
                if let Err(e) = mapped {
                    return refuse(&file, &e);
                }
            }
            health_import::run(&mut store, &request, &Reporter::silent())
        }
        KindArg::Orders => {
            let columns = match headers.map(|h| column_map::orders(h, &args.map)) {
                Some(Err(e)) => return refuse(&file, &e),
                Some(Ok(columns)) => Some(columns),
                None => None,
            };
            let request = PurchaseImportRequest {
                path: args.file.clone(),
                sheet: None,
                encoding: args.encoding,
                tz: args.tz,
                columns,
            };
            purchase_import::run(&mut store, &request, &Reporter::silent())
        }
        KindArg::Contacts => {
            let mut request = ContactImportRequest::new(&args.file, args.tz);
            request.policy = match args.policy {
                Policy::Merge => DedupPolicy::Merge,
                Policy::Skip => DedupPolicy::Skip,
                Policy::Overwrite => DedupPolicy::Overwrite,
            };
            request.encoding = args.encoding;
            request.mapping = match headers.map(|h| column_map::contacts(h, &args.map)) {
                Some(Err(e)) => return refuse(&file, &e),
                Some(Ok(mapping)) => Some(mapping),
                None => None,
            };
            contact_import::run(&mut store, &request, &Reporter::silent())
        }
    };
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            eprintln!("qunzhu: cannot import {file}: {e} [{}]", e.code());
            return Ok(2);
        }
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(0);
    }
    let merged = match report.merged {
        0 => String::new(),
        n => format!(", {n} merged duplicates within the file"),
    };
    println!(
        "{} rows: {} created, {} updated{merged}, {} skipped, {} rejected (batch {})",
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
    Ok(0)
}

/// Says why the columns given cannot be imported (nothing was written): exit 2.
fn refuse(file: &str, why: &str) -> Result<i32> {
    eprintln!("qunzhu: cannot import {file}: {why} [mapping]");
    Ok(2)
}
