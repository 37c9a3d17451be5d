//! 设置: language, appearance, the data file (open folder, move), privacy, backups with restore,
//! keyboard shortcuts.

use crate::gui::app::intents::Intent;
use egui::RichText;

use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme::{self, ThemeChoice};
use crate::store::backup::{self, BackupInfo};
use crate::store::customers;

/// The preferences the settings screen edits (they live in the App's remembered prefs).
pub struct SettingsPrefs<'a> {
    pub lang: &'a mut Option<Lang>,
    pub theme: &'a mut ThemeChoice,
    pub mask_phones: &'a mut bool,
}

/// UI state of the settings screen.
#[derive(Default)]
pub struct SettingsScreen {
    backups: Option<Vec<BackupInfo>>,
    confirm_restore: Option<BackupInfo>,
    customers: Option<i64>,
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

impl SettingsScreen {
    /// Re-reads the backups and counts (after a backup, restore or any write).
    pub fn invalidate(&mut self) {
        self.backups = None;
        self.customers = None;
    }

    /// Draws the settings; returns true when the theme changed (the App re-applies it).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        prefs: &mut SettingsPrefs<'_>,
    ) -> bool {
        let db_path = cx.store.path().to_path_buf();
        let backups = self
            .backups
            .get_or_insert_with(|| cx.read(backup::list(&db_path)));
        let customers = *self
            .customers
            .get_or_insert_with(|| cx.read(customers::count_all(cx.store.conn())));
        ui.heading(cx.t(Key::NavSettings));
        ui.add_space(theme::SECTION_GAP);
        let mut theme_changed = false;
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("settings")
                .num_columns(2)
                .spacing([24.0, 12.0])
                .show(ui, |ui| {
                    ui.label(cx.t(Key::SettingsLanguage));
                    ui.horizontal(|ui| {
                        let current = prefs.lang.unwrap_or(cx.lang);
                        if ui.selectable_label(current == Lang::Zh, "中文").clicked() {
                            *prefs.lang = Some(Lang::Zh);
                        }
                        if ui
                            .selectable_label(current == Lang::En, "English")
                            .clicked()
                        {
                            *prefs.lang = Some(Lang::En);
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
                                .selectable_label(*prefs.theme == choice, cx.t(key))
                                .clicked()
                            {
                                *prefs.theme = choice;
                                theme_changed = true;
                            }
                        }
                    });
                    ui.end_row();

                    ui.label(cx.t(Key::SettingsData));
                    ui.vertical(|ui| {
                        ui.label(RichText::new(db_path.display().to_string()).monospace());
                        ui.horizontal(|ui| {
                            if ui.button(cx.t(Key::OpenFolder)).clicked() {
                                cx.intent(Intent::OpenDataFolder);
                            }
                            if ui.button(cx.t(Key::MoveDataFile)).clicked() {
                                cx.intent(Intent::MoveDataFile);
                            }
                        });
                    });
                    ui.end_row();

                    ui.label(cx.t(Key::SettingsSchema));
                    ui.label(crate::store::SCHEMA_VERSION.to_string());
                    ui.end_row();

                    ui.label(cx.t(Key::SettingsCounts));
                    ui.label(customers.to_string());
                    ui.end_row();

                    ui.label(cx.t(Key::SettingsPrivacy));
                    ui.checkbox(prefs.mask_phones, cx.t(Key::MaskPhones));
                    ui.end_row();

                    ui.label(cx.t(Key::SettingsBackups));
                    ui.vertical(|ui| {
                        if ui.button(cx.t(Key::BackupNow)).clicked() {
                            cx.intent(Intent::BackupNow);
                        }
                        if backups.is_empty() {
                            ui.label(
                                RichText::new(cx.t(Key::BackupsNone))
                                    .color(theme::muted(ui.visuals())),
                            );
                        }
                        for info in backups.iter() {
                            ui.horizontal(|ui| {
                                let n = info
                                    .customers
                                    .map(|n| n.to_string())
                                    .unwrap_or_else(|| "?".into());
                                let date = info.taken_at.format("%Y-%m-%d %H:%M").to_string();
                                let size = size_text(info.size_bytes);
                                ui.label(fill(
                                    cx.t(Key::BackupRow),
                                    &[("date", &date), ("size", &size), ("n", &n)],
                                ));
                                if ui.small_button(cx.t(Key::RestoreEllipsis)).clicked() {
                                    self.confirm_restore = Some(info.clone());
                                }
                            });
                        }
                    });
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
        });
        self.confirm_ui(ui, cx);
        theme_changed
    }

    fn confirm_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let Some(info) = &self.confirm_restore else {
            return;
        };
        let date = info.taken_at.format("%Y-%m-%d %H:%M").to_string();
        let mut decided = false;
        egui::Modal::new(egui::Id::unique("qunzhu_confirm_restore")).show(ui.ctx(), |ui| {
            ui.heading(cx.t(Key::RestoreConfirmTitle));
            ui.label(fill(cx.t(Key::RestoreConfirmBody), &[("date", &date)]));
            ui.add_space(theme::SECTION_GAP);
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(cx.t(Key::Restore)).strong())
                    .clicked()
                {
                    cx.intent(Intent::RestoreBackup(info.path.clone()));
                    decided = true;
                }
                if ui.button(cx.t(Key::Cancel)).clicked() {
                    decided = true;
                }
            });
        });
        if decided {
            self.confirm_restore = None;
        }
    }
}
