//! The detail panel of the focused customer: profile, tags, and the notes timeline.

use crate::gui::app::intents::Intent;
use egui::RichText;

use crate::domain::customer::{Customer, Gender, mask_phone};
use crate::domain::note::{Note, NoteKind};
use crate::domain::tag::Tag;
use crate::gui::commands::Command;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::chips::removable_chip_ui;
use crate::store::{self, Store, customers, notes, tags};

use super::Lookups;
use super::followup_panel::FollowupPanel;
use super::koc_panel::KocPanel;
use super::profile_form::ProfileForm;
use super::tag_input::TagInput;

/// The label of a note kind.
pub(super) fn note_kind_label(kind: NoteKind) -> Key {
    match kind {
        NoteKind::Identity => Key::NoteIdentity,
        NoteKind::Purchase => Key::NotePurchase,
        NoteKind::Inquiry => Key::NoteInquiry,
        NoteKind::Preference => Key::NotePreference,
        NoteKind::Followup => Key::NoteFollowup,
        NoteKind::Other => Key::NoteOther,
    }
}

fn gender_label(gender: Gender) -> Key {
    match gender {
        Gender::Unknown => Key::GenderUnknown,
        Gender::Male => Key::GenderMale,
        Gender::Female => Key::GenderFemale,
    }
}

/// How many of a customer's latest group messages the panel shows.
const RECENT_MESSAGES: usize = 8;

/// A note being edited in place.
#[derive(Debug, Clone)]
struct NoteDraft {
    id: i64,
    kind: NoteKind,
    body: String,
}

/// What the panel shows and the drafts typed into it.
pub(super) struct Detail {
    customer: Customer,
    form: ProfileForm,
    tags: Vec<Tag>,
    notes: Vec<Note>,
    staff: Vec<String>,
    groups: Vec<(String, bool)>,
    tag_input: TagInput,
    note_kind: NoteKind,
    note_body: String,
    editing: Option<NoteDraft>,
    follow: FollowupPanel,
    koc: KocPanel,
    /// Their latest words in the groups (from imported chats).
    said: Vec<crate::store::chat::SaidInGroup>,
}

impl Detail {
    /// Reads one customer with their tags, notes, staff and groups.
    pub fn load(store: &Store, id: i64) -> store::Result<Self> {
        let conn = store.conn();
        let customer = customers::get(conn, id)?;
        let row = customers::rows(conn, &[id])?.pop();
        Ok(Self {
            form: ProfileForm::from_customer(&customer),
            tags: tags::of_customer(conn, id)?,
            notes: notes::for_customer(conn, id)?,
            staff: row.map(|r| r.staff).unwrap_or_default(),
            groups: customers::groups_of(conn, id)?,
            customer,
            tag_input: TagInput::default(),
            note_kind: NoteKind::Followup,
            note_body: String::new(),
            editing: None,
            follow: FollowupPanel::load(store, id)?,
            koc: KocPanel::load(store, id)?,
            said: crate::store::chat::recent_for_customer(conn, id, RECENT_MESSAGES)?,
        })
    }

    /// The customer shown.
    pub fn customer_id(&self) -> i64 {
        self.customer.id
    }

    /// Keeps what the user was typing when the panel reloads after a write.
    pub fn keep_drafts_from(&mut self, previous: Detail) {
        if previous.form != ProfileForm::from_customer(&previous.customer) {
            self.form = previous.form;
        }
        self.tag_input = previous.tag_input;
        self.note_kind = previous.note_kind;
        self.follow.keep_drafts_from(previous.follow);
        self.koc.keep_drafts_from(previous.koc);
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.heading(self.customer.display_name());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let delete = RichText::new(cx.t(Key::DeleteCustomer))
                            .color(theme::danger(ui.visuals()));
                        if ui.button(delete).clicked() {
                            cx.commands
                                .push(Command::DeleteCustomers(vec![self.customer.id]));
                        }
                        // Everything held about this person, as the PIPL lets them ask for.
                        if ui.button(cx.t(Key::ExportCustomerData)).clicked() {
                            cx.intent(Intent::ExportCustomerData(self.customer.id));
                        }
                    });
                });
                ui.add_space(theme::SECTION_GAP);
                self.profile_ui(ui, cx);
                ui.add_space(theme::SECTION_GAP);
                self.tags_ui(ui, cx, lookups);
                ui.add_space(theme::SECTION_GAP);
                self.follow.ui(ui, cx);
                ui.add_space(theme::SECTION_GAP);
                self.notes_ui(ui, cx);
                ui.add_space(theme::SECTION_GAP);
                self.koc.ui(ui, cx);
                if !self.said.is_empty() {
                    ui.add_space(theme::SECTION_GAP);
                    self.said_ui(ui, cx);
                }
            });
    }

    /// 最近群聊发言: what they said lately, with the group and time.
    fn said_ui(&self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
        ui.label(RichText::new(cx.t(Key::CdRecentMessages)).strong());
        for m in &self.said {
            ui.horizontal_wrapped(|ui| {
                let when = format!("{} · {}", m.at.display_minutes(), m.group);
                ui.label(
                    RichText::new(when)
                        .small()
                        .color(theme::muted(ui.visuals())),
                );
                let text: String = m.text.chars().take(80).collect();
                ui.label(text).on_hover_text(&m.text);
            });
        }
    }

    fn profile_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.label(RichText::new(cx.t(Key::DetailProfile)).strong());
        let form = &mut self.form;
        egui::Grid::new("profile")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                text_row_ui(ui, cx.t(Key::FieldName), &mut form.name, false);
                text_row_ui(ui, cx.t(Key::FieldRemark), &mut form.remark, false);
                if cx.mask_phones {
                    read_only_row_ui(ui, cx.t(Key::FieldPhone), &mask_phone(&form.phone));
                } else {
                    text_row_ui(ui, cx.t(Key::FieldPhone), &mut form.phone, false);
                }
                text_row_ui(ui, cx.t(Key::FieldWechat), &mut form.wechat_id, false);
                if let Some(wxid) = &self.customer.wxid {
                    // From a WeChat contacts export; it links chat senders, so it is not edited.
                    read_only_row_ui(ui, cx.t(Key::FieldWxid), wxid);
                }
                let label = ui.label(cx.t(Key::FieldGender));
                egui::ComboBox::from_id_salt("gender")
                    .selected_text(cx.t(gender_label(form.gender)))
                    .show_ui(ui, |ui| {
                        for gender in Gender::ALL {
                            ui.selectable_value(
                                &mut form.gender,
                                gender,
                                cx.t(gender_label(gender)),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                text_row_ui(ui, cx.t(Key::FieldCorp), &mut form.corp, false);
                text_row_ui(ui, cx.t(Key::FieldCity), &mut form.city, false);
                text_row_ui(ui, cx.t(Key::FieldSource), &mut form.source, false);
                text_row_ui(ui, cx.t(Key::FieldDescription), &mut form.description, true);
                text_row_ui(ui, cx.t(Key::FieldExternalId), &mut form.external_id, false);
                read_only_row_ui(
                    ui,
                    cx.t(Key::FieldAdded),
                    &self
                        .customer
                        .added_at
                        .map(|s| s.display_minutes())
                        .unwrap_or_default(),
                );
                read_only_row_ui(
                    ui,
                    cx.t(Key::FieldStaff),
                    &self.staff.join(cx.lang.name_separator()),
                );
                let groups: Vec<&str> = self
                    .groups
                    .iter()
                    .filter(|(_, current)| *current)
                    .map(|(g, _)| g.as_str())
                    .collect();
                read_only_row_ui(
                    ui,
                    cx.t(Key::FieldGroups),
                    &groups.join(cx.lang.name_separator()),
                );
                for (header, value) in &self.customer.custom {
                    read_only_row_ui(ui, header, value);
                }
            });
        let dirty = *form != ProfileForm::from_customer(&self.customer);
        let save_key = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S));
        let clicked = ui
            .add_enabled(dirty, egui::Button::new(cx.t(Key::Save)))
            .clicked();
        if dirty && (clicked || save_key) {
            cx.commands.push(Command::SaveCustomer(Box::new(
                form.apply_to(&self.customer),
            )));
        }
    }

    fn tags_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        ui.label(RichText::new(cx.t(Key::DetailTags)).strong());
        ui.horizontal_wrapped(|ui| {
            for tag in &self.tags {
                if removable_chip_ui(ui, tag, cx.t(Key::RemoveTag)) {
                    cx.commands.push(Command::RemoveTag {
                        customers: vec![self.customer.id],
                        tag_id: tag.id,
                        name: tag.name.clone(),
                    });
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            if let Some((name, group_id)) =
                self.tag_input
                    .ui(ui, cx, lookups, Key::TagAddLabel, Key::TagAddHint)
            {
                cx.commands.push(Command::AddTag {
                    source: crate::store::tags::TagSource::Manual,
                    customers: vec![self.customer.id],
                    name,
                    group_id,
                });
            }
        });
    }

    fn notes_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.label(RichText::new(cx.t(Key::DetailNotes)).strong());
        ui.horizontal_wrapped(|ui| {
            for kind in NoteKind::ALL {
                ui.selectable_value(&mut self.note_kind, kind, cx.t(note_kind_label(kind)));
            }
        });
        let label = ui.label(RichText::new(cx.t(Key::NoteAdd)).small());
        let body = ui
            .add(
                egui::TextEdit::multiline(&mut self.note_body)
                    .hint_text(cx.t(Key::NoteAddHint))
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        let submit = body.has_focus()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
        let clicked = ui
            .add_enabled(
                !self.note_body.trim().is_empty(),
                egui::Button::new(cx.t(Key::NoteAdd)),
            )
            .clicked();
        if (clicked || submit) && !self.note_body.trim().is_empty() {
            cx.commands.push(Command::AddNote {
                customer_id: self.customer.id,
                kind: self.note_kind,
                body: std::mem::take(&mut self.note_body),
            });
        }
        ui.add_space(6.0);
        if self.notes.is_empty() {
            ui.label(RichText::new(cx.t(Key::NoNotes)).color(theme::muted(ui.visuals())));
        }
        for note in &self.notes {
            note_ui(ui, cx, note, &mut self.editing);
        }
    }
}

/// One note of the timeline, or its editor when it is being edited.
fn note_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    note: &Note,
    editing: &mut Option<NoteDraft>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if let Some(draft) = editing.as_mut().filter(|d| d.id == note.id) {
            ui.horizontal_wrapped(|ui| {
                for kind in NoteKind::ALL {
                    ui.selectable_value(&mut draft.kind, kind, cx.t(note_kind_label(kind)));
                }
            });
            ui.add(
                egui::TextEdit::multiline(&mut draft.body)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
            let (save, cancel) = ui
                .horizontal(|ui| {
                    (
                        ui.button(cx.t(Key::Save)).clicked(),
                        ui.button(cx.t(Key::Cancel)).clicked(),
                    )
                })
                .inner;
            if save && !draft.body.trim().is_empty() {
                cx.commands.push(Command::UpdateNote {
                    id: draft.id,
                    kind: draft.kind,
                    body: draft.body.clone(),
                });
            }
            if save || cancel {
                *editing = None;
            }
            return;
        }
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(cx.t(note_kind_label(note.kind)))
                    .strong()
                    .color(theme::accent(ui.visuals())),
            );
            ui.label(
                RichText::new(note.at.display_minutes())
                    .small()
                    .color(theme::muted(ui.visuals())),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button(cx.t(Key::Delete)).clicked() {
                    cx.commands.push(Command::DeleteNote(note.id));
                }
                if ui.small_button(cx.t(Key::Edit)).clicked() {
                    *editing = Some(NoteDraft {
                        id: note.id,
                        kind: note.kind,
                        body: note.body.clone(),
                    });
                }
            });
        });
        ui.label(&note.body);
    });
}

fn text_row_ui(ui: &mut egui::Ui, label: &str, value: &mut String, multiline: bool) {
    let label = ui.label(label);
    let edit = if multiline {
        egui::TextEdit::multiline(value).desired_rows(2)
    } else {
        egui::TextEdit::singleline(value)
    };
    ui.add(edit.desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.end_row();
}

fn read_only_row_ui(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.label(RichText::new(label).color(theme::muted(ui.visuals())));
    ui.label(value);
    ui.end_row();
}
