//! Shared test helpers. Each test crate includes this with `mod support;`.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may fail loudly

pub mod ui;
