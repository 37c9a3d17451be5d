//! The centred message a screen shows when it has nothing to list.

use egui::{RichText, Ui};

/// A title (optional) and an explanation, centred in the available space.
pub fn empty_state_ui(ui: &mut Ui, title: Option<&str>, body: &str) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        if let Some(title) = title {
            ui.heading(title);
            ui.add_space(6.0);
        }
        ui.label(RichText::new(body).color(ui.visuals().weak_text_color()));
    });
}
