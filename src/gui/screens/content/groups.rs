//! The groups tab (社群): the list of groups (archived ones greyed) and the selected group's editor:
//! name, type (引流群 / 福利群 / 快闪群 / VIP群 or custom), positioning, owner, created date, welcome
//! message, rules, announcement; archive and restore.

use chrono::NaiveDate;
use egui::RichText;

use super::Lookups;
use super::fields::{date_ui, multiline_ui, text_ui};
use crate::domain::group::{GROUP_KINDS, Group};
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The group being edited (id 0 for a new one).
#[derive(Default)]
pub(crate) struct GroupsState {
    draft: Option<Group>,
    show_archived: bool,
    query: String,
    /// A new group was saved: pick up its id on the next reload.
    awaiting_id: bool,
}

impl GroupsState {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        egui::Panel::left("content_groups_list")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                if ui.button(cx.t(Key::CtNewGroup)).clicked() {
                    let today = crate::gui::clock::today();
                    self.draft = Some(Group::new(
                        cx.t(Key::CtNewGroupName),
                        GROUP_KINDS[0],
                        Some(today),
                    ));
                }
                text_ui(ui, cx.t(Key::CtFindGroup), &mut self.query, 200.0);
                ui.checkbox(&mut self.show_archived, cx.t(Key::CtShowArchived));
                let count = fill(
                    cx.t(Key::CtGroupCount),
                    &[("n", &lookups.groups.len().to_string())],
                );
                ui.label(RichText::new(count).color(theme::muted(ui.visuals())));
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let query = self.query.trim();
                    for group in &lookups.all_groups {
                        if (group.archived && !self.show_archived) || !group.name.contains(query) {
                            continue;
                        }
                        let selected = self.draft.as_ref().is_some_and(|d| d.id == group.id);
                        let mut text = RichText::new(format!("{}  {}", group.name, group.kind));
                        if group.archived {
                            text = text.color(theme::muted(ui.visuals()));
                        }
                        if ui.add(egui::Button::selectable(selected, text)).clicked() {
                            self.draft = Some(group.clone());
                        }
                    }
                });
            });
        let Some(draft) = self.draft.as_mut() else {
            ui.label(cx.t(Key::CtPickGroup));
            return;
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                text_ui(ui, cx.t(Key::CtGroupName), &mut draft.name, 260.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(cx.t(Key::CtGroupKind));
                    for kind in GROUP_KINDS {
                        if ui.selectable_label(draft.kind == kind, kind).clicked() {
                            draft.kind = kind.to_string();
                        }
                    }
                    text_ui(ui, cx.t(Key::CtCustomKind), &mut draft.kind, 100.0);
                });
                text_ui(
                    ui,
                    cx.t(Key::CtPositioning),
                    &mut draft.positioning,
                    f32::INFINITY,
                );
                ui.horizontal(|ui| {
                    text_ui(ui, cx.t(Key::CtOwner), &mut draft.owner, 140.0);
                    ui.label(cx.t(Key::CtCreatedOn));
                    let mut day: NaiveDate =
                        draft.created_on.unwrap_or_else(crate::gui::clock::today);
                    if date_ui(ui, "group_created", &mut day) || draft.created_on.is_none() {
                        draft.created_on = Some(day);
                    }
                });
                multiline_ui(ui, cx.t(Key::CtWelcome), &mut draft.welcome, 3);
                multiline_ui(ui, cx.t(Key::CtRules), &mut draft.rules, 3);
                multiline_ui(ui, cx.t(Key::CtAnnouncement), &mut draft.announcement, 3);
                ui.add_space(theme::SECTION_GAP);
                ui.horizontal(|ui| {
                    let valid = draft.problem().is_none();
                    if ui
                        .add_enabled(valid, egui::Button::new(cx.t(Key::CtSaveGroup)))
                        .clicked()
                    {
                        cx.commands
                            .push(Command::Content(ContentCommand::SaveGroup(Box::new(
                                draft.clone(),
                            ))));
                        self.awaiting_id = draft.id == 0;
                    }
                    if draft.id != 0 {
                        let (key, archived) = if draft.archived {
                            (Key::CtRestoreGroup, false)
                        } else {
                            (Key::CtArchiveGroup, true)
                        };
                        if ui.button(cx.t(key)).clicked() {
                            cx.commands
                                .push(Command::Content(ContentCommand::SetGroupArchived {
                                    id: draft.id,
                                    archived,
                                }));
                            draft.archived = archived;
                        }
                    }
                });
            });
    }

    /// After a save, follow the stored version (a new group gets its id from the list).
    pub fn sync(&mut self, lookups: &Lookups) {
        if !std::mem::take(&mut self.awaiting_id) {
            return;
        }
        if let Some(draft) = &self.draft
            && draft.id == 0
            && let Some(stored) = lookups
                .all_groups
                .iter()
                .filter(|g| g.name == draft.name.trim())
                .max_by_key(|g| g.id)
        {
            self.draft = Some(stored.clone());
        }
    }
}
