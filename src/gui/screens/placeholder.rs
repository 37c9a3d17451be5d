//! Screens that later work fills: each says plainly what will live there, and shows no data.

use crate::gui::i18n::{Key, Lang};
use crate::gui::screens::ScreenId;
use crate::gui::widgets::empty_state::empty_state_ui;

/// The explanation shown on a screen that is not built yet.
fn explanation(screen: ScreenId) -> Key {
    match screen {
        ScreenId::Content => Key::ComingContent,
        ScreenId::Koc => Key::ComingKoc,
        ScreenId::Health => Key::ComingHealth,
        ScreenId::Followups => Key::ComingFollowups,
        ScreenId::Customers | ScreenId::Import | ScreenId::Settings => Key::ComingTitle,
    }
}

/// Draws the screen's title and its empty state.
pub fn placeholder_ui(ui: &mut egui::Ui, lang: Lang, screen: ScreenId) {
    ui.heading(lang.t(screen.title()));
    empty_state_ui(
        ui,
        Some(lang.t(Key::ComingTitle)),
        lang.t(explanation(screen)),
    );
}
