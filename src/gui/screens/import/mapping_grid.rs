//! The preview table with a menu above each column saying what it holds: one widget for every
//! kind of file (customer lists, orders, group statistics), each with its own list of targets.

use egui::RichText;

use crate::gui::i18n::{Key, Lang};
use crate::import::RawRow;

/// What one kind's mapping row offers.
pub struct Targets<'a, F> {
    /// Every target, in menu order.
    pub all: &'a [F],
    /// The label of a target.
    pub label: fn(F) -> Key,
    /// The label of "no target" (keep as a custom field, or do not import).
    pub none: Key,
}

/// Draws the headers, a menu per column bound to `slots`, and the preview rows below.
pub fn mapping_grid_ui<F: Copy + PartialEq>(
    ui: &mut egui::Ui,
    lang: Lang,
    headers: &[String],
    preview: &[RawRow],
    slots: &mut [Option<F>],
    targets: &Targets<'_, F>,
) {
    egui::ScrollArea::both()
        .id_salt("import_preview")
        .max_height(ui.available_height() - 48.0)
        .show(ui, |ui| {
            egui::Grid::new("mapping")
                .striped(true)
                .min_col_width(90.0)
                .show(ui, |ui| {
                    for header in headers {
                        ui.label(RichText::new(header).strong());
                    }
                    ui.end_row();
                    for (index, header) in headers.iter().enumerate() {
                        let Some(slot) = slots.get_mut(index) else {
                            continue;
                        };
                        column_menu_ui(ui, lang, index, header, slot, targets);
                    }
                    ui.end_row();
                    for row in preview {
                        for index in 0..headers.len() {
                            let cell = row.cells.get(index).map(String::as_str).unwrap_or("");
                            ui.add_sized([140.0, 18.0], egui::Label::new(cell).truncate());
                        }
                        ui.end_row();
                    }
                });
        });
}

/// One column's menu; screen readers (and tests) know it as `→ header`.
fn column_menu_ui<F: Copy + PartialEq>(
    ui: &mut egui::Ui,
    lang: Lang,
    index: usize,
    header: &str,
    slot: &mut Option<F>,
    targets: &Targets<'_, F>,
) {
    let shown = slot.map_or(lang.t(targets.none), |f| lang.t((targets.label)(f)));
    egui::ComboBox::from_id_salt(("map", index))
        .selected_text(shown)
        .width(110.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(slot, None, lang.t(targets.none));
            for &field in targets.all {
                ui.selectable_value(slot, Some(field), lang.t((targets.label)(field)));
            }
        })
        .response
        .on_hover_text(header)
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("→ {header}"))
        });
}
