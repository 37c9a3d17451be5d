//! Toasts: short messages in the bottom-right corner, some with an Undo button.

use egui::{Align2, RichText};

use crate::gui::theme;

/// One message on screen.
#[derive(Debug, Clone)]
pub struct Toast {
    pub text: String,
    /// Whether the toast offers Undo (of the newest undo entry).
    pub undoable: bool,
    pub is_error: bool,
    shown_at: Option<f64>,
}

/// The toasts currently shown.
#[derive(Debug, Default)]
pub struct Toasts {
    items: Vec<Toast>,
}

impl Toasts {
    /// Shows an informational message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(text.into(), false, false);
    }

    /// Shows a message with an Undo button.
    pub fn undoable(&mut self, text: impl Into<String>) {
        // Only the newest toast offers Undo: older ones would undo something else.
        for item in &mut self.items {
            item.undoable = false;
        }
        self.push(text.into(), true, false);
    }

    /// Shows an error.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(text.into(), false, true);
    }

    fn push(&mut self, text: String, undoable: bool, is_error: bool) {
        self.items.push(Toast {
            text,
            undoable,
            is_error,
            shown_at: None,
        });
        if self.items.len() > 4 {
            self.items.remove(0);
        }
    }

    /// The toasts' texts, oldest first (for tests).
    pub fn texts(&self) -> Vec<&str> {
        self.items.iter().map(|t| t.text.as_str()).collect()
    }

    /// Removes every Undo button (after the undo entry was used).
    pub fn clear_undo(&mut self) {
        self.items.retain(|t| !t.undoable);
    }

    /// Draws the toasts; returns true when the user clicked Undo.
    pub fn ui(&mut self, ctx: &egui::Context, undo_label: &str) -> bool {
        let now = ctx.input(|i| i.time);
        self.items
            .retain(|t| t.shown_at.is_none_or(|at| now - at < theme::TOAST_SECONDS));
        let mut undo = false;
        if self.items.is_empty() {
            return false;
        }
        egui::Area::new(egui::Id::unique("qunzhu_toasts"))
            .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for toast in &mut self.items {
                    toast.shown_at.get_or_insert(now);
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            let text = RichText::new(&toast.text);
                            if toast.is_error {
                                ui.label(text.color(theme::danger(ui.visuals())));
                            } else {
                                ui.label(text);
                            }
                            if toast.undoable && ui.button(undo_label).clicked() {
                                undo = true;
                            }
                        });
                    });
                }
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        undo
    }
}
