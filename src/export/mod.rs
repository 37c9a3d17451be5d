//! Writing data out: CSV that Excel opens in Chinese (UTF-8 with BOM, formula cells neutralised)
//! and JSON. Exporters take domain rows; the caller reads them from the store.

pub mod cells;
pub mod customers;
pub mod health;
pub mod plan;
pub mod report;
pub mod report_text;
pub mod rows;
