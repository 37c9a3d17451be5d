//! Plain types and rules of the private-domain business. Nothing here touches SQLite, egui or files.

pub mod contact;
pub mod content;
pub mod customer;
pub mod filter;
pub mod group;
pub mod note;
pub mod search_text;
pub mod tag;
pub mod time;
