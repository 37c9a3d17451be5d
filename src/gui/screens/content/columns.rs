//! The columns tab: the list of columns (栏目) on the left, the selected one's editor on the
//! right: name, description, colour, default time, template text, weekly-required, the groups it
//! serves, archive.

use egui::RichText;

use super::Lookups;
use super::fields::{channels_hex, hex_channels, multiline_ui, text_ui};
use crate::domain::content::{Column, format_time, parse_time};
use crate::domain::tag::palette_color;
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The column being edited (id 0 for a new one) and its default-time text.
#[derive(Default)]
pub(crate) struct ColumnsState {
    draft: Option<Column>,
    time_text: String,
    /// A new column was saved: pick up its id on the next reload.
    awaiting_id: bool,
}

impl ColumnsState {
    fn open(&mut self, column: Column) {
        self.time_text = column.default_time.map(format_time).unwrap_or_default();
        self.draft = Some(column);
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        egui::Panel::left("content_columns_list")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| {
                if ui.button(cx.t(Key::CtNewColumn)).clicked() {
                    self.open(Column {
                        name: cx.t(Key::CtNewColumnName).into(),
                        color: palette_color(lookups.all_columns.len()).into(),
                        ..Column::default()
                    });
                }
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for column in &lookups.all_columns {
                        let selected = self.draft.as_ref().is_some_and(|d| d.id == column.id);
                        let mut text = RichText::new(&column.name).color(theme::hex(&column.color));
                        if column.archived {
                            text = text.strikethrough();
                        }
                        if ui.add(egui::Button::selectable(selected, text)).clicked() {
                            self.open(column.clone());
                        }
                    }
                });
            });
        let Some(draft) = self.draft.as_mut() else {
            ui.label(cx.t(Key::CtPickColumn));
            return;
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                text_ui(ui, cx.t(Key::CtColumnName), &mut draft.name, 240.0);
                text_ui(
                    ui,
                    cx.t(Key::CtDescription),
                    &mut draft.description,
                    f32::INFINITY,
                );
                ui.horizontal(|ui| {
                    ui.label(cx.t(Key::CtColor));
                    let mut channels = hex_channels(&draft.color);
                    if egui::color_picker::color_edit_button_srgb(ui, &mut channels).changed() {
                        draft.color = channels_hex(channels);
                    }
                    text_ui(ui, cx.t(Key::CtDefaultTime), &mut self.time_text, 56.0);
                    if !self.time_text.trim().is_empty() && parse_time(&self.time_text).is_none() {
                        ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::CtBadTime));
                    }
                });
                draft.default_time = parse_time(&self.time_text);
                multiline_ui(ui, cx.t(Key::CtTemplate), &mut draft.template, 5);
                ui.checkbox(&mut draft.weekly_required, cx.t(Key::CtWeeklyRequired));
                ui.checkbox(&mut draft.archived, cx.t(Key::CtArchived));
                ui.label(RichText::new(cx.t(Key::CtServesGroups)).strong());
                ui.horizontal_wrapped(|ui| {
                    for group in &lookups.groups {
                        let mut on = draft.group_ids.contains(&group.id);
                        if ui.checkbox(&mut on, &group.name).changed() {
                            if on {
                                draft.group_ids.push(group.id);
                            } else {
                                draft.group_ids.retain(|g| *g != group.id);
                            }
                        }
                    }
                });
                ui.add_space(theme::SECTION_GAP);
                let valid = !draft.name.trim().is_empty();
                if ui
                    .add_enabled(valid, egui::Button::new(cx.t(Key::CtSaveColumn)))
                    .clicked()
                {
                    cx.commands
                        .push(Command::Content(ContentCommand::SaveColumn(Box::new(
                            draft.clone(),
                        ))));
                    self.awaiting_id = draft.id == 0;
                }
            });
    }

    /// After saving a new column, follow the stored version (it gets its id from the list).
    pub fn sync(&mut self, lookups: &Lookups) {
        if !std::mem::take(&mut self.awaiting_id) {
            return;
        }
        if let Some(draft) = &self.draft
            && draft.id == 0
            && let Some(stored) = lookups
                .all_columns
                .iter()
                .find(|c| c.name == draft.name.trim())
        {
            let stored = stored.clone();
            self.open(stored);
        }
    }
}
