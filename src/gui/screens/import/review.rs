//! The review step: what was detected, a preview with the column mapping, and the options.

use std::path::{Path, PathBuf};

use egui::RichText;

use crate::domain::contact::DedupPolicy;
use crate::domain::customer::GroupRef;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::import::chat::ChatField;
use crate::import::{
    ChatColumns, Detection, ENCODING_CHOICES, Field, FileKind, GroupStatColumns, PurchaseColumns,
    RawRow, encoding_for_label, open_rows,
};
use crate::jobs::contact_import::{
    ContactImportRequest, default_mapping, encoding_name, format_name,
};
use crate::jobs::health_import::HealthImportRequest;
use crate::jobs::mapping_memory::{self, HandMapping};
use crate::jobs::purchase_import::PurchaseImportRequest;
use crate::store::health_import::ChatTarget;
use encoding_rs::Encoding;

use super::activity_mapping::ActivityMappings;
use super::conversations::Conversations;
use super::field_labels;
use super::mapping_grid::{Targets, mapping_grid_ui};
use super::messages::kind_label;

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 50;

/// What the review asks to be read again: another sheet, or the text in another encoding.
pub struct Reopen {
    pub sheet: Option<String>,
    pub encoding: Option<&'static Encoding>,
}

/// A detected file waiting for the user to check the mapping and start.
pub struct Review {
    pub path: PathBuf,
    pub file_name: String,
    pub detection: Detection,
    /// The kind the file is imported as: what was detected, or what the user chose.
    pub kind: FileKind,
    /// The text encoding the user chose over the guess.
    chosen_encoding: Option<&'static Encoding>,
    /// A chat file's conversations, when it holds several.
    conversations: Conversations,
    pub preview: Vec<RawRow>,
    pub mapping: Vec<Option<Field>>,
    initial_mapping: Vec<Option<Field>>,
    pub policy: DedupPolicy,
    pub separators: String,
    pub tz_text: String,
    pub remember: bool,
    /// Chat exports: the existing groups, and the chosen one (`None` = a new group).
    groups: Vec<GroupRef>,
    pub chat_group: Option<i64>,
    pub new_group_name: String,
    /// Orders, statistics and chats: what each column holds.
    activity: ActivityMappings,
    /// The chat mapping the conversations were last read with.
    scanned_chat_mapping: Vec<Option<ChatField>>,
    /// The kind and mapping came from the last file of this shape.
    recalled: bool,
}

/// The import a review starts.
pub enum ImportRequest {
    Contacts(ContactImportRequest),
    Health(HealthImportRequest),
    Purchases(PurchaseImportRequest),
    /// Several conversations of one chat file, one batch each.
    Chats(Vec<HealthImportRequest>),
}

impl ImportRequest {
    /// The imports to run one after the other, each its own batch.
    pub fn runs(self) -> Vec<ImportRequest> {
        match self {
            ImportRequest::Chats(each) => each.into_iter().map(ImportRequest::Health).collect(),
            one => vec![one],
        }
    }
}

impl Review {
    /// Reads the preview rows and the remembered or automatic mapping.
    pub fn new(
        path: &Path,
        detection: Detection,
        chosen_encoding: Option<&'static Encoding>,
        cx: &ScreenCtx<'_>,
    ) -> Self {
        let preview = open_rows(path, &detection)
            .map(|rows| rows.take(PREVIEW_ROWS).filter_map(Result::ok).collect())
            .unwrap_or_else(|_| detection.preview.clone());
        let mapping = default_mapping(cx.store, &detection)
            .unwrap_or_else(|_| crate::import::auto_map(&detection.headers));
        // Beijing time: what these platforms export, whatever zone the laptop is in.
        let offset = crate::import::CHINA_STANDARD_TIME.to_string();
        let groups = cx.read(crate::store::groups::list_active(cx.store.conn()));
        let stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = stem.strip_prefix("chat_").unwrap_or(&stem).to_string();
        let activity = ActivityMappings::from_headers(&detection.headers);
        let mut review = Self {
            groups,
            chosen_encoding,
            conversations: match detection.kind {
                FileKind::Chat => Conversations::scan(path, &detection, None),
                _ => Conversations::One,
            },
            scanned_chat_mapping: activity.chat.slots.clone(),
            activity,
            recalled: false,
            chat_group: None,
            new_group_name: stem,
            path: path.to_path_buf(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            kind: match detection.kind {
                FileKind::Unknown => FileKind::Contacts,
                kind => kind,
            },
            detection,
            preview,
            initial_mapping: mapping.clone(),
            mapping,
            policy: DedupPolicy::Merge,
            separators: ",，、;；|".into(),
            tz_text: offset,
            remember: true,
        };
        // The mapping chosen by hand for the last file of this shape, and its kind.
        let recalled =
            mapping_memory::recall(cx.store, &review.detection.headers, review.detection.kind);
        if let Some(recalled) = cx.read(recalled) {
            review.recalled = true;
            review.kind = recalled.kind();
            review.activity.apply(recalled);
            review.rescan_conversations();
        }
        review
    }

    /// The mapping to remember for files of this shape: what the user chose for orders,
    /// statistics or a chat, when it differs from what the headers said.
    pub fn hand_mapping(&self) -> Option<HandMapping> {
        self.activity.hand_mapping(self.kind, self.detection.kind)
    }

    /// The import the user set up, or what it still lacks (the Start button says so).
    pub fn job_request(&self) -> Result<ImportRequest, Key> {
        let tz = self
            .tz_text
            .trim()
            .parse::<chrono::FixedOffset>()
            .map_err(|_| Key::ImportBadTimeZone)?;
        match self.kind {
            FileKind::Chat => {
                let chat_columns = self.hand_chat_columns()?;
                let request = |chat_target| HealthImportRequest {
                    path: self.path.clone(),
                    sheet: self.detection.sheet.clone(),
                    encoding: self.chosen_encoding,
                    chat_target: Some(chat_target),
                    tz,
                    stat_columns: None,
                    chat_columns,
                };
                Ok(match self.conversations.chosen()? {
                    Some(chosen) => ImportRequest::Chats(
                        chosen
                            .iter()
                            .map(|c| request(ChatTarget::Named(c.group_name().to_string())))
                            .collect(),
                    ),
                    None => ImportRequest::Health(request(self.group_target()?)),
                })
            }
            FileKind::GroupStats => {
                let stats = &self.activity.stats;
                let cols = GroupStatColumns::from_fields(&self.detection.headers, &stats.slots)
                    .map_err(|_| Key::ImportNeedsStatColumns)?;
                let chat_target = match cols.has_group_column() {
                    true => None,
                    false => Some(self.group_target()?),
                };
                Ok(ImportRequest::Health(HealthImportRequest {
                    path: self.path.clone(),
                    sheet: self.detection.sheet.clone(),
                    encoding: self.chosen_encoding,
                    chat_target,
                    tz,
                    // Unchanged, the job finds the columns itself (and knows every synonym).
                    stat_columns: stats
                        .by_hand(self.detection.kind == FileKind::GroupStats)
                        .then_some(cols),
                    chat_columns: None,
                }))
            }
            FileKind::Purchases => {
                let orders = &self.activity.orders;
                let cols = PurchaseColumns::from_fields(&orders.slots)
                    .ok_or(Key::ImportNeedsOrderColumns)?;
                Ok(ImportRequest::Purchases(PurchaseImportRequest {
                    path: self.path.clone(),
                    sheet: self.detection.sheet.clone(),
                    encoding: self.chosen_encoding,
                    tz,
                    // Unchanged, the job finds the columns itself (with the 下单时间 fallback).
                    columns: orders
                        .by_hand(self.detection.kind == FileKind::Purchases)
                        .then_some(cols),
                }))
            }
            FileKind::Contacts | FileKind::Unknown => self
                .request()
                .map(ImportRequest::Contacts)
                .ok_or(Key::ImportBadTimeZone),
        }
    }

    /// The chat columns mapped by hand, `None` when the detected layout stands unchanged (the
    /// job then finds them itself, with both time columns), or what the mapping still lacks.
    fn hand_chat_columns(&self) -> Result<Option<ChatColumns>, Key> {
        let chat = &self.activity.chat;
        let cols = ChatColumns::from_fields(&chat.slots).ok_or(Key::ImportNeedsChatColumns)?;
        Ok(chat
            .by_hand(self.detection.kind == FileKind::Chat)
            .then_some(cols))
    }

    /// Reads the conversations again when the user maps (or unmaps) the conversation column.
    fn rescan_conversations(&mut self) {
        let conversation =
            |m: &[Option<ChatField>]| m.iter().position(|f| *f == Some(ChatField::Conversation));
        if self.kind != FileKind::Chat
            || conversation(&self.activity.chat.slots) == conversation(&self.scanned_chat_mapping)
        {
            return;
        }
        self.scanned_chat_mapping = self.activity.chat.slots.clone();
        self.conversations = match ChatColumns::from_fields(&self.scanned_chat_mapping) {
            Some(cols) => Conversations::scan(&self.path, &self.detection, Some(cols)),
            None => Conversations::One,
        };
    }

    /// The group a chat, or statistics that name none, go into.
    fn group_target(&self) -> Result<ChatTarget, Key> {
        match self.chat_group {
            Some(id) => Ok(ChatTarget::Existing(id)),
            None if self.new_group_name.trim().is_empty() => Err(Key::ImportNeedsGroupName),
            None => Ok(ChatTarget::Named(self.new_group_name.trim().to_string())),
        }
    }

    /// Whether the file's rows name no group, so the user says which one they belong to.
    fn needs_group(&self) -> bool {
        match self.kind {
            FileKind::Chat => matches!(self.conversations, Conversations::One),
            FileKind::GroupStats => {
                GroupStatColumns::from_fields(&self.detection.headers, &self.activity.stats.slots)
                    .is_ok_and(|cols| !cols.has_group_column())
            }
            _ => false,
        }
    }

    /// The contact import the user set up.
    pub fn request(&self) -> Option<ContactImportRequest> {
        let tz = self.tz_text.trim().parse::<chrono::FixedOffset>().ok()?;
        let mut request = ContactImportRequest::new(&self.path, tz);
        request.sheet = self.detection.sheet.clone();
        request.encoding = self.chosen_encoding;
        request.policy = self.policy;
        request.options.tag_separators = self
            .separators
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let changed = self.mapping != self.initial_mapping;
        request.mapping = Some(self.mapping.clone());
        request.remember = changed && self.remember;
        Some(request)
    }

    /// Draws the detection, the options and the mapping; returns the sheet the user switched to.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) -> Option<Reopen> {
        let mut reopen = None;
        egui::Grid::new("detection")
            .num_columns(2)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                row_ui(ui, cx.t(Key::ImportFile), &self.file_name);
                row_ui(
                    ui,
                    cx.t(Key::ImportFormat),
                    format_name(self.detection.format),
                );
                if let Some(guess) = self.detection.encoding {
                    let label = ui.label(cx.t(Key::ImportEncoding));
                    let mut chosen = guess.encoding;
                    egui::ComboBox::from_id_salt("import_encoding")
                        .selected_text(encoding_name(&self.detection))
                        .show_ui(ui, |ui| {
                            for name in ENCODING_CHOICES {
                                if let Some(e) = encoding_for_label(name) {
                                    ui.selectable_value(&mut chosen, e, name);
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    if chosen != guess.encoding {
                        reopen = Some(Reopen {
                            sheet: None,
                            encoding: Some(chosen),
                        });
                    }
                }
                if let Some(d) = self.detection.delimiter {
                    let shown = match d {
                        b'\t' => "Tab".to_string(),
                        other => char::from(other).to_string(),
                    };
                    row_ui(ui, cx.t(Key::ImportDelimiter), &shown);
                }
                if self.detection.sheets.len() > 1 {
                    let label = ui.label(cx.t(Key::ImportSheet));
                    let current = self.detection.sheet.clone().unwrap_or_default();
                    egui::ComboBox::from_id_salt("import_sheet")
                        .selected_text(&current)
                        .show_ui(ui, |ui| {
                            for sheet in &self.detection.sheets {
                                if ui.selectable_label(*sheet == current, sheet).clicked()
                                    && *sheet != current
                                {
                                    reopen = Some(Reopen {
                                        sheet: Some(sheet.clone()),
                                        encoding: self.chosen_encoding,
                                    });
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                } else if let Some(sheet) = &self.detection.sheet {
                    row_ui(ui, cx.t(Key::ImportSheet), sheet);
                }
                row_ui(
                    ui,
                    cx.t(Key::ImportHeaderRow),
                    &self.detection.header_row.to_string(),
                );
                self.kind_ui(ui, cx);
            });
        if let Some(guess) = self.detection.encoding.filter(|e| !e.sure) {
            let text = fill(cx.t(Key::ImportEncodingUnsure), &[("name", guess.name())]);
            ui.colored_label(theme::danger(ui.visuals()), text);
        }
        if matches!(
            self.kind,
            FileKind::GroupStats | FileKind::Chat | FileKind::Purchases
        ) {
            self.rescan_conversations();
            self.activity_options_ui(ui, cx);
            self.conversations.poll(cx.lang);
            ui.add_space(theme::SECTION_GAP);
            self.conversations.ui(ui, cx);
            let (headers, preview) = (&self.detection.headers, &self.preview);
            self.activity.ui(ui, cx.lang, self.kind, headers, preview);
            return reopen;
        }
        ui.add_space(theme::SECTION_GAP);
        self.options_ui(ui, cx);
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(cx.t(Key::ImportMapping)).strong());
        let n = self.preview.len().to_string();
        ui.label(
            RichText::new(fill(cx.t(Key::ImportPreview), &[("n", &n)]))
                .small()
                .color(theme::muted(ui.visuals())),
        );
        let targets = Targets {
            all: &Field::ALL,
            label: field_labels::contact_field,
            none: Key::ImportKeepCustom,
        };
        let headers = &self.detection.headers;
        mapping_grid_ui(
            ui,
            cx.lang,
            headers,
            &self.preview,
            &mut self.mapping,
            &targets,
        );
        reopen
    }

    /// The kind of file, as detected; the user may choose another and map its columns.
    fn kind_ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
        let label = ui.label(cx.t(Key::ImportKind));
        let kinds = [
            FileKind::Contacts,
            FileKind::Purchases,
            FileKind::GroupStats,
            FileKind::Chat,
        ];
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("import_kind")
                .selected_text(cx.t(kind_label(self.kind)))
                .width(160.0)
                .show_ui(ui, |ui| {
                    for kind in kinds {
                        ui.selectable_value(&mut self.kind, kind, cx.t(kind_label(kind)));
                    }
                })
                .response
                .labelled_by(label.id);
            if self.recalled {
                ui.label(
                    RichText::new(cx.t(Key::ImportMappingRecalled))
                        .color(theme::accent(ui.visuals())),
                );
            } else if self.detection.kind == FileKind::Unknown {
                ui.label(
                    RichText::new(cx.t(Key::ImportKindUnknown)).color(theme::danger(ui.visuals())),
                );
            }
        })
        .response
        .on_hover_text(cx.t(Key::ImportKindHint));
        ui.end_row();
    }

    /// Options of the files that carry no customers to map: statistics, chats, orders.
    fn activity_options_ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
        let kind = cx.t(kind_label(self.kind));
        let note = match self.kind {
            FileKind::Chat => Key::ImportChatNote,
            FileKind::Purchases => Key::ImportPurchasesNote,
            _ => Key::ImportStatsNote,
        };
        ui.label(
            RichText::new(fill(cx.t(note), &[("kind", kind)])).color(theme::accent(ui.visuals())),
        );
        ui.add_space(theme::SECTION_GAP);
        let group_label = match self.kind {
            FileKind::Chat => Key::ImportChatGroup,
            _ => Key::ImportStatsGroup,
        };
        let needs_group = self.needs_group();
        egui::Grid::new("health_import_options")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                if needs_group {
                    self.group_choice_ui(ui, cx, group_label);
                }
                let label = ui.label(cx.t(Key::ImportTimeZone));
                ui.add(egui::TextEdit::singleline(&mut self.tz_text).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
    }

    /// The existing group, or a new one by name, that a chat or a groupless series goes into.
    fn group_choice_ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>, label: Key) {
        let label = ui.label(cx.t(label));
        let new_text = fill(
            cx.t(Key::ImportChatNewGroup),
            &[("name", &self.new_group_name)],
        );
        let shown = self
            .chat_group
            .and_then(|id| self.groups.iter().find(|g| g.id == id))
            .map_or(new_text.clone(), |g| g.name.clone());
        egui::ComboBox::from_id_salt("chat_group")
            .selected_text(shown)
            .width(240.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.chat_group, None, new_text);
                for g in &self.groups {
                    ui.selectable_value(&mut self.chat_group, Some(g.id), &g.name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        if self.chat_group.is_none() {
            let label = ui.label(cx.t(Key::CtGroupName));
            ui.add(egui::TextEdit::singleline(&mut self.new_group_name).desired_width(240.0))
                .labelled_by(label.id);
            ui.end_row();
        }
    }

    fn options_ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
        egui::Grid::new("import_options")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                ui.label(cx.t(Key::ImportPolicy));
                ui.horizontal(|ui| {
                    for (policy, key) in [
                        (DedupPolicy::Merge, Key::PolicyMerge),
                        (DedupPolicy::Skip, Key::PolicySkip),
                        (DedupPolicy::Overwrite, Key::PolicyOverwrite),
                    ] {
                        ui.radio_value(&mut self.policy, policy, cx.t(key));
                    }
                });
                ui.end_row();
                let label = ui.label(cx.t(Key::ImportSeparators));
                ui.add(egui::TextEdit::singleline(&mut self.separators).desired_width(120.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(cx.t(Key::ImportTimeZone));
                ui.add(egui::TextEdit::singleline(&mut self.tz_text).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        if self.mapping != self.initial_mapping {
            ui.checkbox(&mut self.remember, cx.t(Key::ImportRemember));
        }
    }
}

fn row_ui(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.label(RichText::new(label).color(theme::muted(ui.visuals())));
    ui.label(value);
    ui.end_row();
}
