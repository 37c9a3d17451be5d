//! A tag field with autocomplete: type, pick an existing tag from the list, or press Enter to
//! create it on the fly in the chosen tag group.

use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;

use super::Lookups;

/// How many suggestions the list shows.
const MAX_SUGGESTIONS: usize = 8;

/// The text typed so far and the group a new tag would go into.
#[derive(Debug, Default, Clone)]
pub(super) struct TagInput {
    text: String,
    group_for_new: Option<i64>,
}

impl TagInput {
    /// The typed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Empties the field and returns what it held: (tag name, group for a new tag).
    pub fn take(&mut self) -> (String, Option<i64>) {
        (
            std::mem::take(&mut self.text).trim().to_string(),
            self.group_for_new,
        )
    }

    /// Draws the field and its suggestions; returns a tag when one was chosen or Enter was pressed.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ScreenCtx<'_>,
        lookups: &Lookups,
        label: Key,
        hint: Key,
    ) -> Option<(String, Option<i64>)> {
        let label = ui.label(cx.t(label));
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut self.text)
                    .hint_text(cx.t(hint))
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = self.text.trim().to_string();
        if entered && !typed.is_empty() {
            return Some(self.take());
        }
        let mut chosen = None;
        if !typed.is_empty() {
            let exists = lookups.tags.iter().any(|t| t.name == typed);
            if !exists {
                let group_name = self
                    .group_for_new
                    .and_then(|g| lookups.tag_groups.iter().find(|tg| tg.id == g))
                    .map(|tg| tg.name.as_str())
                    .unwrap_or(cx.t(Key::TagGroupNone));
                egui::ComboBox::from_id_salt(("tag_group_for_new", edit.id))
                    .selected_text(group_name)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.group_for_new, None, cx.t(Key::TagGroupNone));
                        for group in &lookups.tag_groups {
                            ui.selectable_value(
                                &mut self.group_for_new,
                                Some(group.id),
                                &group.name,
                            );
                        }
                    })
                    .response
                    .on_hover_text(cx.t(Key::TagNewIn))
                    .labelled_by(label.id);
            }
            let suggestions: Vec<&str> = lookups
                .tags
                .iter()
                .filter(|t| t.name.contains(&typed) && t.name != typed)
                .take(MAX_SUGGESTIONS)
                .map(|t| t.name.as_str())
                .collect();
            // Suggestions sit inline under the field rather than in a popup, so clicking one
            // never races the field losing focus.
            for name in &suggestions {
                if ui.small_button(*name).clicked() {
                    chosen = Some(((*name).to_string(), None));
                }
            }
            if !exists {
                let create = fill(cx.t(Key::TagCreate), &[("name", &typed)]);
                if ui.small_button(create).clicked() {
                    chosen = Some((typed.clone(), self.group_for_new));
                }
            }
        }
        if chosen.is_some() {
            self.text.clear();
        }
        chosen
    }
}
