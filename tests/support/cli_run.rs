//! Running the built `qunzhu` binary from the cli_*.rs test crates, with a private HOME so nothing
//! can fall back to the user's data file. Included with
//! `#[path = "support/cli_run.rs"] mod cli_run;` (no kittest harness needed).
#![allow(dead_code)] // each cli_*.rs crate uses a different subset
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `qunzhu ARGS` with HOME and XDG_DATA_HOME under `home`.
pub fn qunzhu(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qunzhu"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .unwrap()
}

/// `qunzhu`, failing the test (with its stderr) unless it succeeded.
pub fn qunzhu_ok(home: &Path, args: &[&str]) -> Output {
    let output = qunzhu(home, args);
    assert_succeeded(&output);
    output
}

pub fn assert_succeeded(output: &Output) {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The JSON a successful run printed.
pub fn json(output: &Output) -> Value {
    assert_succeeded(output);
    serde_json::from_slice(&output.stdout).unwrap()
}
