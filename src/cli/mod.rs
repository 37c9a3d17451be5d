//! The command line (clap, derive): `qunzhu [--db PATH] [FILE]` opens the window (FILE on the
//! import screen); `qunzhu SUBCOMMAND …` runs headless, each subcommand a thin face over the
//! same store / import / domain code the window uses, one file each. Unknown flags are refused
//! and every subcommand has `--help`.

mod backup;
mod check;
mod column_map;
mod demo;
mod export;
mod followups;
mod health;
mod import;
mod koc;
mod plan;
mod report;
mod restore;
mod search;
mod undo_import;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::store::Store;

/// 群主 Qunzhu: an offline console for the groups, Moments and chats of a brand's customers.
#[derive(Debug, Parser)]
#[command(name = "qunzhu", version)]
pub struct Cli {
    /// The data file (default: the one the window last used).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A file to open on the import screen when the window opens.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

impl Cli {
    /// `--db PATH`, or the default data file.
    pub fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(crate::paths::default_db_path)
    }
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill a data file with a realistic, deterministic demo book.
    Demo(demo::DemoArgs),
    /// Search the customer book (names, remarks, phones, 微信号, notes; 1–2 Chinese characters too).
    Search(search::SearchArgs),
    /// Check the data file: integrity, foreign keys, schema version (exit 1 on problems).
    Check,
    /// Import a file: customers, orders, group statistics or a chat export (detected).
    Import(import::ImportArgs),
    /// Undo an import batch (refused while a later batch changed the same records).
    UndoImport(undo_import::UndoImportArgs),
    /// Export the customer book as CSV (formulas neutralised) or JSON.
    Export(export::ExportArgs),
    /// Copy the data file to a backup file.
    Backup(backup::BackupArgs),
    /// Replace the data with a backup (the current state is backed up first).
    Restore(restore::RestoreArgs),
    /// Today's follow-up checklist: overdue, due today, upcoming.
    Followups(followups::FollowupsArgs),
    /// The content plan between two days.
    Plan(plan::PlanArgs),
    /// Each group's health per day: members, 互动率, 退群率 and the other rates.
    Health(health::HealthArgs),
    /// KOC roles with their holders, the 30-day leaderboard and the top candidates.
    Koc(koc::KocArgs),
    /// The weekly report (周报) of a week: .md, .html or a long .png to send in WeChat.
    Report(report::ReportArgs),
}

/// Runs a subcommand on the data file `db`; returns the process exit code.
pub fn run(command: Command, db: &Path) -> Result<i32> {
    match command {
        Command::Demo(args) => demo::run(args, db),
        Command::Search(args) => search::run(args, db),
        Command::Check => check::run(db),
        Command::Import(args) => import::run(args, db),
        Command::UndoImport(args) => undo_import::run(args, db),
        Command::Export(args) => export::run(args, db),
        Command::Backup(args) => backup::run(args, db),
        Command::Restore(args) => restore::run(args, db),
        Command::Followups(args) => followups::run(args, db),
        Command::Plan(args) => plan::run(args, db),
        Command::Health(args) => health::run(args, db),
        Command::Koc(args) => koc::run(args, db),
        Command::Report(args) => report::run(args, db),
    }
}

/// Opens a data file that must already exist (reading commands never create one).
fn open_existing(db: &Path) -> Result<Store> {
    Store::open_existing(db).with_context(|| format!("opening {}", db.display()))
}

/// Opens (creating and migrating) a data file.
fn open(db: &Path) -> Result<Store> {
    Store::open(db).with_context(|| format!("opening {}", db.display()))
}

/// A `YYYY-MM-DD` flag value.
fn day(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::domain::time::parse_day(text)
        .ok_or_else(|| format!("expected a date such as 2024-03-04, got {text:?}"))
}

/// Today, for the flags that default to it.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn unknown_flags_and_bad_values_are_refused() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("qunzhu").chain(args.iter().copied()))
        };
        assert!(
            parse(&["import", "a.csv", "--polcy", "skip"]).is_err(),
            "a typo is refused"
        );
        assert!(parse(&["import", "a.csv", "--policy", "sometimes"]).is_err());
        assert!(parse(&["plan", "--from", "2024-13-01", "--to", "2024-03-01"]).is_err());
        let ok = parse(&[
            "--db", "x.db", "import", "a.csv", "--policy", "skip", "--json",
        ])
        .unwrap();
        assert!(matches!(ok.command, Some(Command::Import(_))));
        let window = parse(&["--db", "x.db", "orders.csv"]).unwrap();
        assert_eq!(window.file.as_deref(), Some(Path::new("orders.csv")));
        assert!(window.command.is_none());
    }
}
