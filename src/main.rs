//! Entry point: a subcommand runs headless (`cli::run`); otherwise the window opens, on the
//! import screen when a file was given.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use qunzhu::cli::{Cli, run};

fn main() -> ExitCode {
    // Usage errors (unknown flags, bad values) exit 2 with clap's message; --help exits 0.
    let cli = Cli::parse();
    let db = cli.db_path();
    let result = match cli.command {
        Some(command) => run(command, &db),
        None => qunzhu::gui::run(db, cli.file).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("qunzhu: {e:#}");
            ExitCode::from(2)
        }
    }
}
