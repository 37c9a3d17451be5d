//! The item editor: title, column, group, date and time, status, the text to send and notes;
//! Copy puts the text on the clipboard, Mark sent records the time; duplicate and delete (with
//! undo). The content library below inserts a snippet into the text with one click.

use std::collections::BTreeSet;

use egui::RichText;

use super::Lookups;
use super::fields::{choice_ui, date_ui, multiline_ui, status_key, text_ui};
use crate::domain::content::{Item, ItemStatus, Snippet, format_time, parse_time};
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::{Store, StoreError, content, content_items};

/// The editor of one item: the stored version and the user's draft.
pub(crate) struct ItemEditor {
    id: i64,
    original: Option<Item>,
    draft: Option<Item>,
    time_text: String,
    snippet_query: String,
    every_column: bool,
    snippets: Vec<Snippet>,
    /// What `snippets` was loaded for: (column, query, every column).
    snippets_for: Option<(Option<i64>, String, bool)>,
    /// Groups ticked in "copy to other groups".
    copy_targets: BTreeSet<i64>,
}

impl ItemEditor {
    /// An editor on an item already read.
    pub fn new(item: Item) -> Self {
        let mut editor = Self::pending(item.id);
        editor.set(item);
        editor
    }

    /// An editor on an item to be read on the next reload (a new or duplicated one).
    pub fn pending(id: i64) -> Self {
        Self {
            id,
            original: None,
            draft: None,
            time_text: String::new(),
            snippet_query: String::new(),
            every_column: false,
            snippets: Vec::new(),
            snippets_for: None,
            copy_targets: BTreeSet::new(),
        }
    }

    fn set(&mut self, item: Item) {
        self.time_text = format_time(item.time);
        self.draft = Some(item.clone());
        self.original = Some(item);
    }

    /// The item's id.
    pub fn item_id(&self) -> i64 {
        self.id
    }

    /// Re-reads the item; keeps an unsaved draft. False when the item is gone.
    pub fn reload(&mut self, store: &Store) -> bool {
        self.snippets_for = None;
        match content_items::get(store.conn(), self.id) {
            Ok(item) => {
                let unchanged = self.draft == self.original;
                if unchanged {
                    self.set(item);
                } else {
                    self.original = Some(item);
                }
                true
            }
            Err(StoreError::NotFound { .. }) => false,
            Err(_) => true,
        }
    }

    /// Draws the editor; returns true when the user closed it.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) -> bool {
        let mut close = false;
        ui.horizontal(|ui| {
            ui.heading(cx.t(Key::CtItemHeading));
            if ui.button(cx.t(Key::Close)).clicked() {
                close = true;
            }
        });
        let Some(draft) = self.draft.as_mut() else {
            return close;
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                text_ui(ui, cx.t(Key::CtTitle), &mut draft.title, f32::INFINITY);
                ui.horizontal_wrapped(|ui| {
                    let options = lookups.all_columns.iter().map(|c| (c.id, c.name.as_str()));
                    choice_ui(
                        ui,
                        "item_column",
                        cx.t(Key::CtColumn),
                        Some(cx.t(Key::CtNoColumn)),
                        &mut draft.column_id,
                        options,
                    );
                    let options = lookups.all_groups.iter().map(|g| (g.id, g.name.as_str()));
                    choice_ui(
                        ui,
                        "item_group",
                        cx.t(Key::CtGroup),
                        Some(cx.t(Key::CtNoGroup)),
                        &mut draft.group_id,
                        options,
                    );
                });
                ui.horizontal(|ui| {
                    ui.label(cx.t(Key::CtDate));
                    date_ui(ui, "item_day", &mut draft.day);
                    if text_ui(ui, cx.t(Key::CtTime), &mut self.time_text, 56.0).changed()
                        && let Some(time) = parse_time(&self.time_text)
                    {
                        draft.time = time;
                    }
                    if parse_time(&self.time_text).is_none() {
                        ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::CtBadTime));
                    }
                });
                ui.horizontal(|ui| {
                    ui.label(cx.t(Key::CtStatus));
                    for status in ItemStatus::ALL {
                        ui.selectable_value(&mut draft.status, status, cx.t(status_key(status)));
                    }
                });
                if let Some(at) = draft.posted_at.filter(|_| draft.status == ItemStatus::Sent) {
                    let text = fill(cx.t(Key::CtSentAt), &[("at", &at.display_minutes())]);
                    ui.label(RichText::new(text).color(theme::muted(ui.visuals())));
                }
                multiline_ui(ui, cx.t(Key::CtBody), &mut draft.body, 8);
                multiline_ui(ui, cx.t(Key::CtNotes), &mut draft.notes, 2);
                ui.add_space(theme::SECTION_GAP);
                let changed = self.original.as_ref() != Some(draft);
                let valid = parse_time(&self.time_text).is_some();
                ui.horizontal_wrapped(|ui| {
                    let content = |c| Command::Content(c);
                    if ui
                        .add_enabled(changed && valid, egui::Button::new(cx.t(Key::Save)))
                        .clicked()
                    {
                        cx.commands
                            .push(content(ContentCommand::SaveItem(Box::new(draft.clone()))));
                    }
                    if ui.button(cx.t(Key::CtCopyBody)).clicked() {
                        ui.ctx().copy_text(draft.body.clone());
                        cx.commands
                            .push(Command::Refresh(Some(cx.t(Key::CtToastCopied).to_string())));
                    }
                    let sent = self
                        .original
                        .as_ref()
                        .is_some_and(|o| o.status == ItemStatus::Sent);
                    if ui
                        .add_enabled(!sent, egui::Button::new(cx.t(Key::CtMarkSent)))
                        .clicked()
                    {
                        if changed && valid {
                            cx.commands
                                .push(content(ContentCommand::SaveItem(Box::new(draft.clone()))));
                        }
                        cx.commands.push(content(ContentCommand::SetStatus {
                            id: draft.id,
                            status: ItemStatus::Sent,
                        }));
                    }
                    Self::copy_to_groups_ui(ui, cx, lookups, &mut self.copy_targets, draft);
                    if ui.button(cx.t(Key::CtDuplicate)).clicked() {
                        cx.commands
                            .push(content(ContentCommand::DuplicateItem(draft.id)));
                    }
                    let delete = egui::Button::new(
                        RichText::new(cx.t(Key::CtDeleteItem)).color(theme::danger(ui.visuals())),
                    );
                    if ui.add(delete).clicked() {
                        cx.commands
                            .push(content(ContentCommand::DeleteItem(draft.id)));
                    }
                });
                ui.separator();
                egui::CollapsingHeader::new(cx.t(Key::CtTabLibrary))
                    .default_open(true)
                    .show(ui, |ui| {
                        let column = draft.column_id;
                        let body = &mut draft.body;
                        Self::library_ui(
                            ui,
                            cx,
                            &mut self.snippet_query,
                            &mut self.every_column,
                            &mut self.snippets,
                            &mut self.snippets_for,
                            column,
                            body,
                        );
                    });
            });
        close
    }

    /// A menu of the other active groups; copies the item (as saved) to the ticked ones.
    fn copy_to_groups_ui(
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        lookups: &Lookups,
        targets: &mut BTreeSet<i64>,
        draft: &Item,
    ) {
        ui.menu_button(cx.t(Key::CtCopyToGroups), |ui| {
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for group in lookups
                        .groups
                        .iter()
                        .filter(|g| Some(g.id) != draft.group_id)
                    {
                        let mut on = targets.contains(&group.id);
                        if ui.checkbox(&mut on, &group.name).changed() {
                            if on {
                                targets.insert(group.id);
                            } else {
                                targets.remove(&group.id);
                            }
                        }
                    }
                });
            ui.separator();
            let label = fill(
                cx.t(Key::CtCopyToTicked),
                &[("n", &targets.len().to_string())],
            );
            if ui
                .add_enabled(!targets.is_empty(), egui::Button::new(label))
                .clicked()
            {
                let groups = std::mem::take(targets).into_iter().collect();
                cx.commands
                    .push(Command::Content(ContentCommand::CopyToGroups {
                        id: draft.id,
                        groups,
                    }));
                ui.close();
            }
        });
    }

    #[allow(clippy::too_many_arguments)] // the editor's fields, borrowed apart from the draft
    fn library_ui(
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        query: &mut String,
        every_column: &mut bool,
        snippets: &mut Vec<Snippet>,
        loaded_for: &mut Option<(Option<i64>, String, bool)>,
        column: Option<i64>,
        body: &mut String,
    ) {
        ui.horizontal(|ui| {
            text_ui(ui, cx.t(Key::CtSearchSnippets), query, 160.0);
            ui.checkbox(every_column, cx.t(Key::CtEveryColumn));
        });
        let key = (column, query.clone(), *every_column);
        if loaded_for.as_ref() != Some(&key) {
            let filter_column = if *every_column { None } else { column };
            *snippets = cx.read(content::list_snippets(
                cx.store.conn(),
                filter_column,
                query,
            ));
            *loaded_for = Some(key);
        }
        if snippets.is_empty() {
            ui.label(RichText::new(cx.t(Key::CtNoSnippets)).color(theme::muted(ui.visuals())));
        }
        for snippet in snippets.iter() {
            ui.horizontal(|ui| {
                let insert = fill(cx.t(Key::CtInsertSnippet), &[("title", &snippet.title)]);
                if ui.button(insert).clicked() {
                    if !body.is_empty() && !body.ends_with('\n') {
                        body.push('\n');
                    }
                    body.push_str(&snippet.body);
                }
                let preview: String = snippet.body.chars().take(40).collect();
                ui.label(
                    RichText::new(preview)
                        .small()
                        .color(theme::muted(ui.visuals())),
                );
            });
        }
    }
}
