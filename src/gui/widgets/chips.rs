//! Tag chips: a rounded label in the tag group's colour, optionally with a remove button.

use egui::{Response, RichText, Ui};

use crate::domain::tag::Tag;
use crate::gui::theme;

/// Draws a read-only chip.
pub fn chip_ui(ui: &mut Ui, tag: &Tag) -> Response {
    let (fill, text) = theme::chip_colors(ui.visuals(), theme::hex(&tag.color));
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(&tag.name).color(text).small())
        })
        .response
}

/// Draws a chip with a × button; returns true when × was clicked.
pub fn removable_chip_ui(ui: &mut Ui, tag: &Tag, remove_label: &str) -> bool {
    let (fill, text) = theme::chip_colors(ui.visuals(), theme::hex(&tag.color));
    let mut removed = false;
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                ui.label(RichText::new(&tag.name).color(text));
                let cross = ui
                    .add(egui::Button::new(RichText::new("×").color(text)).frame(false))
                    .on_hover_text(remove_label);
                // Screen readers and tests find the button by "Remove tag <name>".
                let label = format!("{remove_label} {}", tag.name);
                cross.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone())
                });
                removed = cross.clicked();
            });
        });
    removed
}
