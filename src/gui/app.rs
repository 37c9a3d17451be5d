//! `App`: owns the store, the screens, the toasts and the undo stack. `ui` lays out the frame;
//! commands the screens returned are applied after it.

use serde::{Deserialize, Serialize};

pub mod intents;

use crate::gui::commands::{Changed, Command, UndoEntry, apply};
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::long_work::LongWork;
use crate::gui::screens::content::ContentScreen;
use crate::gui::screens::followups::FollowupsScreen;
use crate::gui::screens::health::HealthScreen;
use crate::gui::screens::import::ImportScreen;
use crate::gui::screens::koc::KocScreen;
use crate::gui::screens::settings::{SettingsPrefs, SettingsScreen};
use crate::gui::screens::{ScreenCtx, ScreenId, customers::CustomersScreen};
use crate::gui::theme::{self, ThemeChoice};
use crate::gui::widgets::error_sink::ErrorSink;
use crate::gui::widgets::toasts::Toasts;
use crate::store::Store;
use crate::store::lock::{InstanceLock, Wait, WriterLock};

/// What eframe remembers between runs (window size is remembered by eframe itself).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Prefs {
    /// The user's language choice; `None` follows the OS locale.
    pub lang: Option<Lang>,
    pub theme: ThemeChoice,
    pub screen: ScreenId,
    /// Show phone numbers as 138****1234.
    pub mask_phones: bool,
}

const PREFS_KEY: &str = "qunzhu-prefs";

/// The application.
pub struct App {
    store: Store,
    prefs: Prefs,
    customers: CustomersScreen,
    import: ImportScreen,
    settings: SettingsScreen,
    followups: FollowupsScreen,
    /// Open follow-up tasks due today or earlier: the badge on 跟进.
    followups_due: i64,
    content: ContentScreen,
    health: HealthScreen,
    koc: KocScreen,
    toasts: Toasts,
    /// The lock that keeps a second window off this data file.
    lock: Option<InstanceLock>,
    undo_stack: Vec<UndoEntry>,
    commands: Vec<Command>,
    /// Set when a write found the data file damaged: the launcher then shows the problem screen.
    damaged: Option<String>,
    /// Store reads that failed while drawing; shown as toasts after the frame.
    errors: ErrorSink,
    /// An undo of an import, a backup or a restore running on a worker.
    long_work: LongWork,
}

impl App {
    /// Builds the app inside eframe: fonts, remembered preferences, theme.
    pub fn new(cc: &eframe::CreationContext<'_>, store: Store) -> Self {
        Self::with_prefs(&cc.egui_ctx, store, Self::stored_prefs(cc))
    }

    /// The preferences eframe remembered from the last run.
    pub fn stored_prefs(cc: &eframe::CreationContext<'_>) -> Prefs {
        cc.storage
            .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
            .unwrap_or_default()
    }

    /// Keeps the data file's lock for as long as the window is open.
    pub fn hold_lock(&mut self, lock: InstanceLock) {
        self.lock = Some(lock);
    }

    /// Moves the data file to `new_path` (copy with the backup API, switch, remove the old file)
    /// and remembers the new place when the old one was the default.
    fn move_data_file(
        &mut self,
        ctx: &egui::Context,
        new_path: &std::path::Path,
    ) -> anyhow::Result<()> {
        // A move copies the file: an import, restore or undo writing meanwhile would be lost.
        let _writer = WriterLock::acquire(self.store.path(), Wait::No)?;
        let lock = InstanceLock::acquire(new_path)?;
        crate::store::backup::backup_to(self.store.conn(), new_path)?;
        let store = Store::open(new_path)?;
        let old = std::mem::replace(&mut self.store, store);
        let old_path = old.path().to_path_buf();
        drop(old);
        for suffix in ["", "-wal", "-shm"] {
            let mut name = old_path.as_os_str().to_owned();
            name.push(suffix);
            // The copy is complete and open: the old file's leftovers can go.
            let _ = std::fs::remove_file(std::path::PathBuf::from(name));
        }
        if old_path == crate::paths::default_db_path() {
            crate::paths::remember_location(new_path)?;
        }
        self.lock = Some(lock);
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(crate::gui::window_title(
            new_path,
        )));
        Ok(())
    }

    /// Works on another data file from now on (the demo book), for this run only.
    fn switch_data_file(
        &mut self,
        ctx: &egui::Context,
        path: &std::path::Path,
    ) -> anyhow::Result<()> {
        let lock = InstanceLock::acquire(path)?;
        self.store = Store::open(path)?;
        self.lock = Some(lock);
        self.undo_stack.clear();
        self.toasts.clear_undo();
        self.prefs.screen = ScreenId::Customers;
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(crate::gui::window_title(path)));
        Ok(())
    }

    /// Shows an informational toast.
    pub fn notify(&mut self, text: String) {
        self.toasts.info(text);
    }

    /// Builds the app with explicit preferences (tests use this to fix the language).
    pub fn with_prefs(ctx: &egui::Context, store: Store, prefs: Prefs) -> Self {
        theme::install_fonts(ctx);
        theme::apply(ctx, prefs.theme);
        let errors = ErrorSink::default();
        Self {
            customers: CustomersScreen::new(&store),
            import: ImportScreen::default(),
            settings: SettingsScreen::default(),
            lock: None,
            followups: FollowupsScreen::default(),
            followups_due: due_count(&store, &errors),
            content: ContentScreen::default(),
            health: HealthScreen::default(),
            koc: KocScreen::default(),
            store,
            prefs,
            toasts: Toasts::default(),
            undo_stack: Vec::new(),
            commands: Vec::new(),
            damaged: None,
            errors,
            long_work: LongWork::default(),
        }
    }

    /// Why the data file must not be written to any more, once (the launcher takes it, drops
    /// the App and shows the problem screen).
    pub fn take_damaged(&mut self) -> Option<String> {
        self.damaged.take()
    }

    /// The preferences in effect (the launcher carries them to the problem screen).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
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
            mask_phones: self.prefs.mask_phones,
            errors: &self.errors,
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

    /// The number on the 跟进 navigation badge (tests).
    pub fn followups_badge(&self) -> i64 {
        self.followups_due
    }

    /// The health screen (tests read its tab and overview order).
    pub fn health_screen(&self) -> &HealthScreen {
        &self.health
    }

    /// The KOC screen (tests read its tab).
    /// Whether a screen is still reading on a worker (tests wait for it before a picture).
    pub fn is_reading(&self) -> bool {
        self.koc.is_loading() || self.health.is_reading()
    }

    pub fn koc_screen(&self) -> &KocScreen {
        &self.koc
    }

    /// The KOC screen, to tune (tests).
    pub fn health_screen_mut(&mut self) -> &mut HealthScreen {
        &mut self.health
    }

    pub fn koc_screen_mut(&mut self) -> &mut KocScreen {
        &mut self.koc
    }

    /// The follow-up checklist as last drawn (tests).
    pub fn followup_checklist(&self) -> &crate::domain::checklist::Checklist {
        self.followups.checklist()
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
            let response = ui.add(button);
            if response.clicked() {
                self.prefs.screen = screen;
            }
            if screen == ScreenId::Followups && self.followups_due > 0 {
                badge_ui(ui, response.rect, self.followups_due);
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

    fn apply_commands(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let commands = std::mem::take(&mut self.commands);
        let mut changed = false;
        // What the writes touched: one group's days only, or (any other write) everything.
        let mut group_days: Vec<i64> = Vec::new();
        let mut everything = false;
        for command in commands {
            let command = match command {
                Command::Intent(intent) => {
                    self.run_intent(ctx, intent);
                    continue;
                }
                command => command,
            };
            match apply(&mut self.store, command, &mut self.undo_stack, lang) {
                Ok(outcome) => {
                    changed = true;
                    match outcome.changed {
                        Changed::GroupDay(group_id) => group_days.push(group_id),
                        Changed::Everything => everything = true,
                    }
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
        if changed && !everything {
            for group_id in group_days {
                self.health.group_day_changed(&self.store, group_id);
            }
        } else if changed {
            self.invalidate_all();
        }
    }

    /// Every screen reads again (after a write whose reach is not narrower).
    fn invalidate_all(&mut self) {
        self.customers.invalidate(&self.store);
        self.import.invalidate();
        self.settings.invalidate();
        self.followups.invalidate();
        self.followups_due = due_count(&self.store, &self.errors);
        self.content.invalidate(&self.store);
        self.health.invalidate();
        self.koc.invalidate();
    }

    /// Whether an undo of an import, a backup or a restore is running (tests wait for it).
    pub fn long_work_running(&self) -> bool {
        self.long_work.is_running()
    }

    /// Reports a long write that has ended and lets every screen read what it changed.
    fn poll_long_work(&mut self, ctx: &egui::Context) {
        let Some(finished) = self.long_work.poll() else {
            return;
        };
        if let Some(path) = &finished.open
            && let Err(e) = self.switch_data_file(ctx, path)
        {
            let msg = e.to_string();
            self.toasts
                .error(fill(self.lang().t(Key::ToastError), &[("msg", &msg)]));
            return;
        }
        if finished.is_error {
            self.toasts.error(finished.text);
        } else {
            self.toasts.info(finished.text);
        }
        if finished.restored {
            // The data was replaced: nothing on the undo stack refers to it any more.
            self.undo_stack.clear();
            self.toasts.clear_undo();
        }
        self.invalidate_all();
    }
}

/// The count badge at the right end of a navigation button.
fn badge_ui(ui: &mut egui::Ui, button: egui::Rect, count: i64) {
    let (fill, text) = theme::badge_colors(ui.visuals());
    let shown = if count > 999 {
        "999+".to_string()
    } else {
        count.to_string()
    };
    let size = egui::vec2(10.0 + 8.0 * shown.len() as f32, 18.0);
    let rect = egui::Rect::from_center_size(
        egui::pos2(button.right() - size.x / 2.0 - 6.0, button.center().y),
        size,
    );
    ui.painter().rect_filled(rect, 9.0, fill);
    ui.put(
        rect,
        egui::Label::new(egui::RichText::new(shown).small().strong().color(text)),
    );
}

/// Open tasks due today or earlier (0, with the error shown, when the count cannot be read).
fn due_count(store: &Store, errors: &ErrorSink) -> i64 {
    let today = crate::gui::clock::today();
    errors.read(crate::store::followups::count_due(store.conn(), today))
}

impl eframe::App for App {
    /// Runs every frame before `ui`, whichever screen is showing: jobs are polled here.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let mut cx = ScreenCtx {
            store: &self.store,
            lang: self.lang(),
            commands: &mut self.commands,
            mask_phones: self.prefs.mask_phones,
            errors: &self.errors,
        };
        self.import.poll(&mut cx);
        self.poll_long_work(ctx);
        if self.import.is_running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

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
                mask_phones: self.prefs.mask_phones,
                errors: &self.errors,
            };
            match self.prefs.screen {
                ScreenId::Customers => self.customers.ui(ui, &mut cx),
                ScreenId::Import => self.import.ui(ui, &mut cx),
                ScreenId::Followups => self.followups.ui(ui, &mut cx),
                ScreenId::Content => self.content.ui(ui, &mut cx),
                ScreenId::Health => self.health.ui(ui, &mut cx),
                ScreenId::Settings => {
                    let mut prefs = SettingsPrefs {
                        lang: &mut self.prefs.lang,
                        theme: &mut self.prefs.theme,
                        mask_phones: &mut self.prefs.mask_phones,
                    };
                    if self.settings.ui(ui, &mut cx, &mut prefs) {
                        theme::apply(&ctx, self.prefs.theme);
                    }
                }
                ScreenId::Koc => self.koc.ui(ui, &mut cx),
            }
        });
        for message in self.errors.take_new() {
            self.toasts
                .error(fill(lang.t(Key::ToastReadFailed), &[("msg", &message)]));
        }
        self.long_work.ui(&ctx, lang);
        if self.toasts.ui(&ctx, lang.t(Key::Undo)) {
            self.commands.push(Command::Undo);
        }
        self.apply_commands(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
