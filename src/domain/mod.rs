//! Plain types and rules of the private-domain business. Nothing here touches SQLite, egui or files.

pub mod checklist;
pub mod contact;
pub mod content;
pub mod customer;
pub mod filter;
pub mod followup;
pub mod group;
pub mod health;
pub mod id_set;
pub mod koc;
pub mod note;
pub mod purchase;
pub mod questions;
pub mod report;
pub mod retention;
pub mod search_text;
pub mod segment;
pub mod signals;
pub mod tag;
pub mod time;
