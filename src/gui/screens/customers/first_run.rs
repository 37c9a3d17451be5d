//! The customer book on first run: an empty book shows three ways in instead of a filter bar
//! over an empty table — import a file, look around a demo book, add a customer by hand. The
//! native file dialog cannot open everywhere (no desktop portal), so a path can also be typed or
//! pasted.

use std::path::PathBuf;

use egui::RichText;

use crate::gui::app::intents::Intent;
use crate::gui::commands::Command;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// What the first-run screen keeps between frames: the path being typed.
#[derive(Debug, Default)]
pub struct FirstRun {
    path: String,
}

impl FirstRun {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.vertical_centered(|ui| {
            ui.add_space(72.0);
            ui.heading(RichText::new(cx.t(Key::FirstRunTitle)).strong());
            ui.add_space(6.0);
            ui.label(RichText::new(cx.t(Key::FirstRunBody)).color(theme::muted(ui.visuals())));
            ui.add_space(24.0);
            // Each way in: its button, the line under it, and what a click asks for.
            let ways = [
                (
                    Key::FirstRunImport,
                    Key::FirstRunImportHint,
                    Command::Intent(Intent::PickImportFile),
                ),
                (
                    Key::FirstRunDemo,
                    Key::FirstRunDemoHint,
                    Command::Intent(Intent::OpenDemoBook),
                ),
                (
                    Key::FirstRunAdd,
                    Key::FirstRunAddHint,
                    Command::CreateCustomer,
                ),
            ];
            for (button, hint, command) in ways {
                let clicked = ui
                    .add(
                        egui::Button::new(RichText::new(cx.t(button)).strong())
                            .min_size(egui::vec2(260.0, 32.0)),
                    )
                    .clicked();
                ui.label(RichText::new(cx.t(hint)).color(theme::muted(ui.visuals())));
                ui.add_space(12.0);
                if clicked {
                    cx.commands.push(command);
                }
            }
            ui.add_space(12.0);
            let label = ui.label(cx.t(Key::FirstRunPathHint));
            ui.horizontal(|ui| {
                // Centred by hand: a horizontal row does not centre itself.
                let width = 420.0 + 80.0;
                ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.path)
                            .desired_width(420.0)
                            .hint_text(cx.t(Key::FirstRunPathPlaceholder)),
                    )
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let open = ui.add_enabled(
                    !self.path.trim().is_empty(),
                    egui::Button::new(cx.t(Key::FirstRunOpenPath)),
                );
                if (open.clicked() || entered) && !self.path.trim().is_empty() {
                    // Paths pasted from a file manager often come quoted.
                    let path = self.path.trim().trim_matches('"').trim_matches('\'');
                    cx.intent(Intent::OpenImportPath(PathBuf::from(path)));
                }
            });
        });
    }
}
