//! The content library tab: reusable snippets filed under columns, searchable (any one or two
//! characters find them), added, edited and deleted (with undo). The item editor inserts them.

use egui::RichText;

use super::Lookups;
use super::fields::{choice_ui, multiline_ui, text_ui};
use crate::domain::content::Snippet;
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::content;

/// Search, filter, the list, and the snippet being written or edited.
#[derive(Default)]
pub(crate) struct LibraryState {
    query: String,
    column: Option<i64>,
    snippets: Vec<Snippet>,
    /// What `snippets` was loaded for.
    loaded_for: Option<(String, Option<i64>)>,
    error: Option<String>,
    draft: Snippet,
}

impl LibraryState {
    /// Forgets the list so the next frame reads it again.
    pub fn invalidate(&mut self) {
        self.loaded_for = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        let key = (self.query.clone(), self.column);
        if self.loaded_for.as_ref() != Some(&key) {
            match content::list_snippets(cx.store.conn(), self.column, &self.query) {
                Ok(snippets) => {
                    self.snippets = snippets;
                    self.error = None;
                }
                Err(e) => self.error = Some(e.to_string()),
            }
            self.loaded_for = Some(key);
        }
        egui::Panel::right("content_snippet_form")
            .resizable(true)
            .default_size(theme::DETAIL_WIDTH)
            .show(ui, |ui| self.form_ui(ui, cx, lookups));
        ui.horizontal(|ui| {
            text_ui(ui, cx.t(Key::CtSearchSnippets), &mut self.query, 200.0);
            choice_ui(
                ui,
                "library_column",
                cx.t(Key::CtColumn),
                Some(cx.t(Key::CtAllColumns)),
                &mut self.column,
                lookups.column_options(),
            );
        });
        if let Some(error) = &self.error {
            ui.colored_label(theme::danger(ui.visuals()), error);
        }
        ui.separator();
        if self.snippets.is_empty() {
            ui.label(RichText::new(cx.t(Key::CtNoSnippets)).color(theme::muted(ui.visuals())));
        }
        let mut edit: Option<Snippet> = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for snippet in &self.snippets {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(&snippet.title).strong());
                            if let Some(column) = lookups.column(snippet.column_id) {
                                ui.label(
                                    RichText::new(&column.name)
                                        .small()
                                        .color(theme::hex(&column.color)),
                                );
                            }
                            if ui.small_button(cx.t(Key::Edit)).clicked() {
                                edit = Some(snippet.clone());
                            }
                            if ui.small_button(cx.t(Key::Delete)).clicked() {
                                cx.commands
                                    .push(Command::Content(ContentCommand::DeleteSnippet(
                                        snippet.id,
                                    )));
                            }
                        });
                        ui.label(&snippet.body);
                    });
                }
            });
        if let Some(snippet) = edit {
            self.draft = snippet;
        }
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        let heading = if self.draft.id == 0 {
            Key::CtNewSnippet
        } else {
            Key::CtEditSnippet
        };
        ui.heading(cx.t(heading));
        text_ui(
            ui,
            cx.t(Key::CtSnippetTitle),
            &mut self.draft.title,
            f32::INFINITY,
        );
        choice_ui(
            ui,
            "snippet_column",
            cx.t(Key::CtColumn),
            Some(cx.t(Key::CtNoColumn)),
            &mut self.draft.column_id,
            lookups.column_options(),
        );
        multiline_ui(ui, cx.t(Key::CtSnippetBody), &mut self.draft.body, 8);
        ui.horizontal(|ui| {
            let valid = !self.draft.title.trim().is_empty() || !self.draft.body.trim().is_empty();
            if ui
                .add_enabled(valid, egui::Button::new(cx.t(Key::CtSaveSnippet)))
                .clicked()
            {
                cx.commands
                    .push(Command::Content(ContentCommand::SaveSnippet(
                        std::mem::take(&mut self.draft),
                    )));
            }
            if self.draft != Snippet::default() && ui.button(cx.t(Key::Cancel)).clicked() {
                self.draft = Snippet::default();
            }
        });
    }
}
