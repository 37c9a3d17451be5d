//! Small reusable pieces of UI: tag chips, menus, date pickers, toasts with Undo, empty states.

pub mod chips;
pub mod choice;
pub mod date_picker;
pub mod empty_state;
pub mod error_sink;
pub mod toasts;
