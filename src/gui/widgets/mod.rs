//! Small reusable pieces of UI: tag chips, toasts with Undo, empty states.

pub mod chips;
pub mod date_picker;
pub mod empty_state;
pub mod toasts;
