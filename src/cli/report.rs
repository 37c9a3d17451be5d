//! `qunzhu report`: the weekly report (周报) as Markdown, HTML or a long PNG.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::export::report::{ReportFormat, write};
use crate::export::report_text::ReportLang;
use crate::store::questions::CHAT_OFFSET_MIN;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Any day of the week (Monday to Sunday) to report on.
    #[arg(long, value_parser = super::day)]
    week: chrono::NaiveDate,
    /// Where to write it: .md, .html or .png (the PNG needs Chromium, Chrome or Edge).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The report's language.
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
}

pub fn run(args: ReportArgs, db: &Path) -> Result<i32> {
    if ReportFormat::from_path(&args.out).is_none() {
        eprintln!(
            "{}: the report is saved as .md, .html or .png",
            args.out.display()
        );
        return Ok(2);
    }
    let store = super::open_existing(db)?;
    let report = crate::store::report::weekly(store.conn(), args.week, CHAT_OFFSET_MIN)?;
    let lang = match args.lang {
        LangArg::Zh => ReportLang::Zh,
        LangArg::En => ReportLang::En,
    };
    write(&report, lang, &args.out)?;
    println!(
        "{} {}–{}: {}",
        args.out.display(),
        report.monday,
        report.sunday(),
        report.groups.len()
    );
    Ok(0)
}
