//! `App`: owns the store, the screens, the toasts and the undo stack. `ui` lays out the frame;
//! commands the screens returned are applied after it.

use serde::{Deserialize, Serialize};

use crate::gui::command::{Command, UndoEntry, apply};
use crate::gui::content_command::{ContentCommand, export_plan};
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::screens::content::ContentScreen;
use crate::gui::screens::import::ImportScreen;
use crate::gui::screens::{ScreenCtx, ScreenId, customers::CustomersScreen, placeholder, settings};
use crate::gui::theme::{self, ThemeChoice};
use crate::gui::widgets::toasts::Toasts;
use crate::store::Store;

/// What eframe remembers between runs (window size is remembered by eframe itself).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Prefs {
    /// The user's language choice; `None` follows the OS locale.
    pub lang: Option<Lang>,
    pub theme: ThemeChoice,
    pub screen: ScreenId,
}

const PREFS_KEY: &str = "qunzhu-prefs";

/// The application.
pub struct App {
    store: Store,
    prefs: Prefs,
    customers: CustomersScreen,
    import: ImportScreen,
    content: ContentScreen,
    toasts: Toasts,
    undo_stack: Vec<UndoEntry>,
    commands: Vec<Command>,
}

impl App {
    /// Builds the app inside eframe: fonts, remembered preferences, theme.
    pub fn new(cc: &eframe::CreationContext<'_>, store: Store) -> Self {
        let prefs = cc
            .storage
            .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
            .unwrap_or_default();
        Self::with_prefs(&cc.egui_ctx, store, prefs)
    }

    /// Builds the app with explicit preferences (tests use this to fix the language).
    pub fn with_prefs(ctx: &egui::Context, store: Store, prefs: Prefs) -> Self {
        theme::install_fonts(ctx);
        theme::apply(ctx, prefs.theme);
        Self {
            customers: CustomersScreen::new(&store),
            import: ImportScreen::default(),
            content: ContentScreen::default(),
            store,
            prefs,
            toasts: Toasts::default(),
            undo_stack: Vec::new(),
            commands: Vec::new(),
        }
    }

    /// The language in effect.
    pub fn lang(&self) -> Lang {
        self.prefs.lang.unwrap_or_else(Lang::from_os)
    }

    /// The store (tests read the database through it).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The screen on display.
    pub fn screen(&self) -> ScreenId {
        self.prefs.screen
    }

    /// Opens `path` on the import screen, as choosing it in the file dialog or dropping it does.
    pub fn open_import_file(&mut self, path: &std::path::Path) {
        self.prefs.screen = ScreenId::Import;
        let cx = ScreenCtx {
            store: &self.store,
            lang: self.lang(),
            commands: &mut self.commands,
        };
        self.import.open_path(path, &cx);
    }

    /// Whether an import is running (tests wait for it).
    pub fn import_running(&self) -> bool {
        self.import.is_running()
    }

    /// The customer ids the customer book lists, in order (tests).
    pub fn listed_customer_ids(&self) -> &[i64] {
        self.customers.listed_ids()
    }

    /// The content item open in the content calendar's editor (tests).
    pub fn open_content_item(&self) -> Option<i64> {
        self.content.open_item_id()
    }

    /// The toast texts on display (tests).
    pub fn toast_texts(&self) -> Vec<&str> {
        self.toasts.texts()
    }

    fn nav_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.add_space(8.0);
        ui.label(
            egui::RichText::new(lang.t(Key::AppName))
                .heading()
                .color(theme::accent(ui.visuals())),
        );
        ui.add_space(theme::SECTION_GAP);
        for screen in ScreenId::ALL {
            let selected = self.prefs.screen == screen;
            let label = lang.t(screen.title());
            let button = egui::Button::selectable(selected, label)
                .min_size(egui::vec2(ui.available_width(), 28.0));
            if ui.add(button).clicked() {
                self.prefs.screen = screen;
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.memory(|m| m.focused().is_some());
        let undo = ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z));
        if undo && !typing {
            self.commands.push(Command::Undo);
        }
    }

    /// Intents that need the window (file dialogs) rather than the store.
    fn handle_intent(&mut self, command: &Command) -> bool {
        match command {
            Command::PickImportFile => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Excel / CSV", &["xlsx", "xls", "csv", "txt"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open_import_file(&path);
                }
                true
            }
            Command::SaveRejectedRows { headers, rows } => {
                let picked = rfd::FileDialog::new()
                    .add_filter("CSV", &["csv"])
                    .set_file_name("rejected_rows.csv")
                    .save_file();
                if let Some(path) = picked {
                    let lang = self.lang();
                    match crate::export::rows::write_csv(&path, headers, rows) {
                        Ok(()) => {
                            let shown = path.display().to_string();
                            self.toasts
                                .info(fill(lang.t(Key::ToastRejectedSaved), &[("path", &shown)]));
                        }
                        Err(e) => self
                            .toasts
                            .error(fill(lang.t(Key::ToastError), &[("msg", &e.to_string())])),
                    }
                }
                true
            }
            Command::Content(ContentCommand::ExportPlan {
                from,
                to,
                group_id,
                column_id,
                markdown,
            }) => {
                let (filter, extension) = if *markdown {
                    ("Markdown", "md")
                } else {
                    ("CSV", "csv")
                };
                let picked = rfd::FileDialog::new()
                    .add_filter(filter, &[extension])
                    .set_file_name(format!("plan_{from}_{to}.{extension}"))
                    .save_file();
                if let Some(path) = picked {
                    let lang = self.lang();
                    let written = export_plan(
                        &self.store,
                        &path,
                        *from,
                        *to,
                        *group_id,
                        *column_id,
                        *markdown,
                        lang,
                    );
                    match written {
                        Ok(n) => {
                            let values =
                                [("n", n.to_string()), ("path", path.display().to_string())];
                            let values: Vec<(&str, &str)> =
                                values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                            self.toasts
                                .info(fill(lang.t(Key::CtToastExported), &values));
                        }
                        Err(e) => self
                            .toasts
                            .error(fill(lang.t(Key::ToastError), &[("msg", &e.to_string())])),
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.first()
            && !self.import.is_running()
        {
            self.open_import_file(path);
        }
    }

    fn apply_commands(&mut self) {
        let lang = self.lang();
        let commands = std::mem::take(&mut self.commands);
        let mut changed = false;
        for command in commands {
            if self.handle_intent(&command) {
                continue;
            }
            match apply(&mut self.store, command, &mut self.undo_stack, lang) {
                Ok(outcome) => {
                    changed = true;
                    if outcome.undone {
                        self.toasts.clear_undo();
                    }
                    match (outcome.toast, outcome.undo) {
                        (Some(text), Some(entry)) => {
                            self.undo_stack.push(entry);
                            self.toasts.undoable(text);
                        }
                        (Some(text), None) => self.toasts.info(text),
                        (None, Some(entry)) => self.undo_stack.push(entry),
                        (None, None) => {}
                    }
                    if let Some(id) = outcome.select {
                        self.customers.select_only(id);
                    }
                    if let Some(id) = outcome.content_item {
                        self.content.open_item(id);
                    }
                }
                Err(e) => {
                    let msg = e.to_string();
                    self.toasts
                        .error(fill(lang.t(Key::ToastError), &[("msg", &msg)]));
                }
            }
        }
        if changed {
            self.customers.invalidate(&self.store);
            self.import.invalidate();
            self.content.invalidate(&self.store);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let lang = self.lang();
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(theme::NAV_WIDTH)
            .show(ui, |ui| self.nav_ui(ui, lang));
        egui::CentralPanel::default().show(ui, |ui| {
            let mut cx = ScreenCtx {
                store: &self.store,
                lang,
                commands: &mut self.commands,
            };
            match self.prefs.screen {
                ScreenId::Customers => self.customers.ui(ui, &mut cx),
                ScreenId::Import => self.import.ui(ui, &mut cx),
                ScreenId::Content => self.content.ui(ui, &mut cx),
                ScreenId::Settings => {
                    let mut settings = settings::SettingsState {
                        lang: &mut self.prefs.lang,
                        theme: &mut self.prefs.theme,
                    };
                    if settings::settings_ui(ui, &mut cx, &mut settings) {
                        theme::apply(&ctx, self.prefs.theme);
                    }
                }
                other => placeholder::placeholder_ui(ui, lang, other),
            }
        });
        if self.toasts.ui(&ctx, lang.t(Key::Undo)) {
            self.commands.push(Command::Undo);
        }
        self.apply_commands();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
