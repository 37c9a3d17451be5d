//! 设置: language, appearance, the data file, keyboard shortcuts.

use egui::RichText;

use crate::gui::i18n::{Key, Lang};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme::{self, ThemeChoice};
use crate::store::customers;

/// The preferences the settings screen edits.
pub struct SettingsState<'a> {
    pub lang: &'a mut Option<Lang>,
    pub theme: &'a mut ThemeChoice,
}

/// Draws the settings; returns true when the theme changed (the App re-applies it).
pub fn settings_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    state: &mut SettingsState<'_>,
) -> bool {
    ui.heading(cx.t(Key::NavSettings));
    ui.add_space(theme::SECTION_GAP);
    let mut theme_changed = false;
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([24.0, 12.0])
        .show(ui, |ui| {
            ui.label(cx.t(Key::SettingsLanguage));
            ui.horizontal(|ui| {
                let current = state.lang.unwrap_or(cx.lang);
                if ui.selectable_label(current == Lang::Zh, "中文").clicked() {
                    *state.lang = Some(Lang::Zh);
                }
                if ui
                    .selectable_label(current == Lang::En, "English")
                    .clicked()
                {
                    *state.lang = Some(Lang::En);
                }
            });
            ui.end_row();

            ui.label(cx.t(Key::SettingsTheme));
            ui.horizontal(|ui| {
                for (choice, key) in [
                    (ThemeChoice::System, Key::ThemeSystem),
                    (ThemeChoice::Light, Key::ThemeLight),
                    (ThemeChoice::Dark, Key::ThemeDark),
                ] {
                    if ui
                        .selectable_label(*state.theme == choice, cx.t(key))
                        .clicked()
                    {
                        *state.theme = choice;
                        theme_changed = true;
                    }
                }
            });
            ui.end_row();

            ui.label(cx.t(Key::SettingsData));
            ui.label(RichText::new(cx.store.path().display().to_string()).monospace());
            ui.end_row();

            ui.label(cx.t(Key::SettingsSchema));
            ui.label(crate::store::SCHEMA_VERSION.to_string());
            ui.end_row();

            ui.label(cx.t(Key::SettingsCounts));
            ui.label(
                customers::count_all(cx.store.conn())
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            );
            ui.end_row();
        });
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(cx.t(Key::SettingsShortcuts)).strong());
    for key in [
        Key::ShortcutSearch,
        Key::ShortcutNew,
        Key::ShortcutUndo,
        Key::ShortcutSelect,
        Key::ShortcutDelete,
    ] {
        ui.label(cx.t(key));
    }
    theme_changed
}
