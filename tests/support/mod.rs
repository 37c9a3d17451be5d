//! Shared test helpers. Each test crate includes this with `mod support;`.
#![allow(dead_code)]

pub mod ui;
