//! A thin wrapper over egui_kittest's Harness for the App: a temporary database, a fixed window
//! size, the language fixed by the test, and named getters so tests read like what a user does.
#![allow(dead_code)] // each ui_*.rs test crate uses a different subset

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::Node;
use egui_kittest::kittest::Queryable;
use qunzhu::gui::App;
use qunzhu::gui::app::Prefs;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::Store;
use tempfile::TempDir;

/// The window size every UI test uses.
pub const WINDOW: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// The running App on a temporary database.
pub struct AppUnderTest {
    pub h: Harness<'static, App>,
    _dir: TempDir,
}

impl AppUnderTest {
    /// An empty database, Chinese interface.
    pub fn new_zh() -> Self {
        Self::with_data(Lang::Zh, |_| {})
    }

    /// A database filled by `seed` before the window opens.
    pub fn with_data(lang: Lang, seed: impl FnOnce(&mut Store)) -> Self {
        Self::build(lang, seed, false)
    }

    /// An empty database, Chinese, drawing tofu for characters no font has (a file read in the
    /// wrong encoding shows rare CJK characters before the user fixes it).
    pub fn new_zh_allowing_tofu() -> Self {
        Self::build(Lang::Zh, |_| {}, true)
    }

    fn build(lang: Lang, seed: impl FnOnce(&mut Store), tofu: bool) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("test.db")).expect("open store");
        seed(&mut store);
        let prefs = Prefs {
            lang: Some(lang),
            ..Prefs::default()
        };
        let mut builder = Harness::builder().with_size(WINDOW);
        if tofu {
            builder = builder.allow_missing_glyphs();
        }
        let mut h = builder.build_eframe(move |cc| App::with_prefs(&cc.egui_ctx, store, prefs));
        h.run();
        Self { h, _dir: dir }
    }

    pub fn app(&self) -> &App {
        self.h.state()
    }

    pub fn store(&self) -> &Store {
        self.h.state().store()
    }

    /// Runs frames until the UI settles.
    pub fn settle(&mut self) {
        self.h.run();
    }

    /// Clicks the button labelled `label` and lets the App apply what it asked for.
    pub fn click_button(&mut self, label: &str) {
        self.h.get_by_role_and_label(Role::Button, label).click();
        self.finish_frames();
    }

    /// Runs frames until what the last click started has ended: a long write (undo of an
    /// import, backup, restore) runs on a worker, so its result shows a few frames later.
    fn finish_frames(&mut self) {
        self.h.step();
        for _ in 0..2_000 {
            if !self.h.state().long_work_running() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.h.step();
        }
        self.h.run();
    }

    /// Clicks the first button labelled `label`, where several share it (each task's Done, each
    /// import batch's Undo, the newest first).
    pub fn click_first_button(&mut self, label: &str) {
        self.h
            .query_all_by_role_and_label(Role::Button, label)
            .next()
            .unwrap_or_else(|| panic!("no button labelled {label:?}"))
            .click();
        self.finish_frames();
    }

    /// Scrolls the button labelled `label` into view (as a user would), then clicks it.
    pub fn scroll_to_and_click(&mut self, label: &str) {
        self.h
            .get_by_role_and_label(Role::Button, label)
            .scroll_to_me();
        self.h.run();
        self.click_button(label);
    }

    /// Clicks the left-navigation entry `label`.
    pub fn go_to(&mut self, label: &str) {
        self.click_button(label);
    }

    /// The text field (single or multi-line) labelled `label`.
    pub fn field<'a>(&'a self, label: &'a str) -> Node<'a> {
        self.h
            .query_by_role_and_label(Role::TextInput, label)
            .unwrap_or_else(|| {
                self.h
                    .get_by_role_and_label(Role::MultilineTextInput, label)
            })
    }

    /// Focuses the text field labelled `label` and types `text` into it.
    pub fn type_into(&mut self, label: &str, text: &str) {
        self.field(label).focus();
        self.h.run();
        self.field(label).type_text(text);
        self.h.run();
    }

    /// Replaces the content of the field labelled `label` (select all, then type).
    pub fn replace_in(&mut self, label: &str, text: &str) {
        self.field(label).focus();
        self.h.run();
        self.h
            .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.h.run();
        self.field(label).type_text(text);
        self.h.run();
    }

    /// Clicks 开始导入 / Start import and waits until the worker has finished.
    pub fn start_import(&mut self, label: &str) {
        self.h.get_by_role_and_label(Role::Button, label).click();
        self.h.step();
        self.wait_for_import();
    }

    /// Runs frames until the import worker has finished and its result is shown.
    pub fn wait_for_import(&mut self) {
        for _ in 0..2_000 {
            self.h.step();
            if !self.h.state().import_running() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        self.h.run();
    }

    /// Presses a key with no modifiers.
    pub fn press(&mut self, key: egui::Key) {
        self.h.key_press(key);
        self.h.run();
    }

    /// Presses Ctrl (Cmd on macOS) + `key`.
    pub fn press_command(&mut self, key: egui::Key) {
        self.h.key_press_modifiers(egui::Modifiers::COMMAND, key);
        self.h.run();
    }

    /// Opens the combo box labelled `label` and picks `option`.
    pub fn choose(&mut self, label: &str, option: &str) {
        self.h.get_by_role_and_label(Role::ComboBox, label).click();
        self.h.run();
        self.click_text(option);
    }

    /// Clicks the visible text `text` (a table cell, a chip).
    pub fn click_text(&mut self, text: &str) {
        self.h.get_by_label(text).click();
        self.h.run();
    }

    /// Ctrl-clicks the visible text `text`.
    pub fn command_click_text(&mut self, text: &str) {
        self.h
            .get_by_label(text)
            .click_modifiers(egui::Modifiers::COMMAND);
        self.h.run();
    }

    /// What the menu labelled `label` shows as chosen.
    pub fn choice(&self, label: &str) -> String {
        use egui_kittest::kittest::NodeT;
        self.h
            .get_by_role_and_label(Role::ComboBox, label)
            .accesskit_node()
            .value()
            .unwrap_or_default()
    }

    /// Whether some node shows exactly `text`.
    pub fn sees(&self, text: &str) -> bool {
        self.h.query_all_by_label(text).next().is_some()
    }

    /// How many nodes show exactly `text`.
    pub fn count_of(&self, text: &str) -> usize {
        self.h.query_all_by_label(text).count()
    }

    /// Whether some node's text contains `text`.
    pub fn sees_containing(&self, text: &str) -> bool {
        self.h.query_all_by_label_contains(text).next().is_some()
    }
}

/// Adds the journey 生日关怀: one step, 生日祝福, due on the customer's custom date.
pub fn birthday_journey(store: &mut Store) {
    use qunzhu::domain::followup::{Journey, Step, Trigger};
    store
        .write(|tx| {
            let id = qunzhu::store::journeys::create(tx, "生日关怀")?;
            let journey = Journey {
                id,
                name: "生日关怀".into(),
                description: String::new(),
                steps: vec![Step {
                    id: 0,
                    trigger: Some(Trigger::CustomDate),
                    offset_days: 0,
                    title: "生日祝福".into(),
                    script: "{称呼}生日快乐".into(),
                    channel: Default::default(),
                }],
            };
            qunzhu::store::journeys::save(tx, &journey).map(|_| ())
        })
        .unwrap();
}
