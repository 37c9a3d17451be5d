//! Entry point: a subcommand runs headless (`cli::run`), anything else opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use qunzhu::cli::{Args, SUBCOMMANDS, run};

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("qunzhu: {e:#}");
            return ExitCode::from(2);
        }
    };
    let is_subcommand = args
        .positional
        .first()
        .is_some_and(|c| SUBCOMMANDS.contains(&c.as_str()));
    let result = if is_subcommand {
        run(&args)
    } else {
        let open_file = args.positional.first().map(std::path::PathBuf::from);
        qunzhu::gui::run(args.db_path(), open_file).map(|()| 0)
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("qunzhu: {e:#}");
            ExitCode::from(2)
        }
    }
}
