//! The screens of the left navigation. Each holds UI state only and draws with a `ScreenCtx`.

pub mod content;
pub mod customers;
pub mod followups;
pub mod health;
pub mod import;
pub mod koc;
pub mod settings;

use serde::{Deserialize, Serialize};

use crate::gui::commands::Command;
use crate::gui::i18n::{Key, Lang};
use crate::gui::widgets::error_sink::ErrorSink;
use crate::store::Store;

/// What a screen gets to draw: read access to the store, the language, and a place to put writes.
pub struct ScreenCtx<'a> {
    pub store: &'a Store,
    pub lang: Lang,
    pub commands: &'a mut Vec<Command>,
    /// Show phone numbers as 138****1234 (a privacy setting).
    pub mask_phones: bool,
    /// Where failed reads go (shown as a toast, never swallowed).
    pub errors: &'a ErrorSink,
}

impl ScreenCtx<'_> {
    /// The value of a store read, or an empty one with the error shown to the user.
    pub fn read<T: Default, E: std::fmt::Display>(&self, result: Result<T, E>) -> T {
        self.errors.read(result)
    }

    /// The text of `key` in the current language.
    pub fn t(&self, key: Key) -> &'static str {
        self.lang.t(key)
    }

    /// Asks the window for something only it can do (a dialog, a long write on a worker).
    pub fn intent(&mut self, intent: crate::gui::app::intents::Intent) {
        self.commands.push(Command::Intent(intent));
    }
}

/// The screens, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ScreenId {
    #[default]
    Customers,
    Import,
    Content,
    Koc,
    Health,
    Followups,
    Settings,
}

impl ScreenId {
    /// Every screen, top to bottom.
    pub const ALL: [ScreenId; 7] = [
        ScreenId::Customers,
        ScreenId::Import,
        ScreenId::Content,
        ScreenId::Koc,
        ScreenId::Health,
        ScreenId::Followups,
        ScreenId::Settings,
    ];

    /// The navigation label.
    pub fn title(self) -> Key {
        match self {
            ScreenId::Customers => Key::NavCustomers,
            ScreenId::Import => Key::NavImport,
            ScreenId::Content => Key::NavContent,
            ScreenId::Koc => Key::NavKoc,
            ScreenId::Health => Key::NavHealth,
            ScreenId::Followups => Key::NavFollowups,
            ScreenId::Settings => Key::NavSettings,
        }
    }
}
