//! Locating ../shared/fixtures (or $QUNZHU_SHARED_FIXTURES) and its EXPECTED.json; tests over the
//! shared fixtures say "skipped" and pass when the folder is absent (a fresh clone without it).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The shared fixtures folder, or `None` (after printing why) when it is not there.
pub fn fixtures_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("QUNZHU_SHARED_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures"));
    if dir.join("EXPECTED.json").is_file() {
        Some(dir)
    } else {
        println!("skipped: ../shared/fixtures not found");
        None
    }
}

/// EXPECTED.json, parsed.
pub fn expected(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap()).unwrap()
}
