//! Qunzhu (群主): an offline desktop console for private-domain community managers.
//! See ARCHITECTURE.md in the shared folder for the layering: domain <- store/import/export <- cli/gui.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod gui;
pub mod import;
pub mod jobs;
pub mod paths;
pub mod store;
