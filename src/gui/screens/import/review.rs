//! The review step: what was detected, a preview with the column mapping, and the options.

use std::path::{Path, PathBuf};

use egui::RichText;

use crate::domain::contact::DedupPolicy;
use crate::domain::customer::GroupRef;
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::import::purchases::PurchaseField;
use crate::import::{Detection, Field, FileKind, PurchaseColumns, RawRow, open_rows};
use crate::jobs::contact_import::{
    ContactImportRequest, default_mapping, encoding_name, format_name,
};
use crate::jobs::health_import::HealthImportRequest;
use crate::jobs::purchase_import::PurchaseImportRequest;
use crate::store::health_import::ChatTarget;

use super::messages::kind_label;

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 50;

/// The label of a mapping target.
fn field_label(field: Field) -> Key {
    match field {
        Field::Name => Key::FieldName,
        Field::Remark => Key::FieldRemark,
        Field::Description => Key::FieldDescription,
        Field::Gender => Key::FieldGender,
        Field::Staff => Key::FieldStaff,
        Field::StaffUserid => Key::FieldStaffUserid,
        Field::Department => Key::FieldDepartment,
        Field::AddTime => Key::FieldAdded,
        Field::Source => Key::FieldSource,
        Field::Tags => Key::FieldTags,
        Field::Phone => Key::FieldPhone,
        Field::Corp => Key::FieldCorp,
        Field::ExternalUserid => Key::FieldExternalId,
        Field::WechatId => Key::FieldWechat,
        Field::Wxid => Key::FieldWxid,
        Field::GroupedTags => Key::FieldGroupedTags,
    }
}

/// The label of a column of an order export.
fn purchase_field_label(field: PurchaseField) -> Key {
    match field {
        PurchaseField::ExternalId => Key::FieldExternalId,
        PurchaseField::Phone => Key::FieldPhone,
        PurchaseField::WechatId => Key::FieldWechat,
        PurchaseField::Name => Key::FieldName,
        PurchaseField::Date => Key::PfDate,
        PurchaseField::Amount => Key::PfAmount,
        PurchaseField::Items => Key::PfItems,
        PurchaseField::OrderNo => Key::PfOrderNo,
        PurchaseField::Discount => Key::PfDiscount,
        PurchaseField::Address => Key::PfAddress,
        PurchaseField::Status => Key::PfStatus,
    }
}

/// A detected file waiting for the user to check the mapping and start.
pub struct Review {
    pub path: PathBuf,
    pub file_name: String,
    pub detection: Detection,
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
    /// Order exports: each recognised column (field, header, index), found once.
    purchase_columns: Vec<(PurchaseField, String, usize)>,
}

/// The import a review starts.
pub enum ImportRequest {
    Contacts(ContactImportRequest),
    Health(HealthImportRequest),
    Purchases(PurchaseImportRequest),
}

impl Review {
    /// Reads the preview rows and the remembered or automatic mapping.
    pub fn new(path: &Path, detection: Detection, cx: &ScreenCtx<'_>) -> Self {
        let preview = open_rows(path, &detection)
            .map(|rows| rows.take(PREVIEW_ROWS).filter_map(Result::ok).collect())
            .unwrap_or_else(|_| detection.preview.clone());
        let mapping = default_mapping(cx.store, &detection)
            .unwrap_or_else(|_| crate::import::auto_map(&detection.headers));
        // Beijing time: what these platforms export, whatever zone the laptop is in.
        let offset = crate::import::CHINA_STANDARD_TIME.to_string();
        let groups = crate::store::groups::list_active(cx.store.conn()).unwrap_or_default();
        let stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = stem.strip_prefix("chat_").unwrap_or(&stem).to_string();
        Self {
            groups,
            chat_group: None,
            purchase_columns: PurchaseColumns::locate(&detection.headers)
                .filter(|_| detection.kind == FileKind::Purchases)
                .map(|cols| cols.describe(&detection.headers))
                .unwrap_or_default(),
            new_group_name: stem,
            path: path.to_path_buf(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            detection,
            preview,
            initial_mapping: mapping.clone(),
            mapping,
            policy: DedupPolicy::Merge,
            separators: ",，、;；|".into(),
            tz_text: offset,
            remember: true,
        }
    }

    /// The import the user set up (contacts, or group statistics / chat).
    pub fn job_request(&self) -> Option<ImportRequest> {
        match self.detection.kind {
            FileKind::GroupStats | FileKind::Chat => {
                let tz = self.tz_text.trim().parse::<chrono::FixedOffset>().ok()?;
                let chat_target =
                    (self.detection.kind == FileKind::Chat).then(|| match self.chat_group {
                        Some(id) => ChatTarget::Existing(id),
                        None => ChatTarget::Named(self.new_group_name.trim().to_string()),
                    });
                if let Some(ChatTarget::Named(name)) = &chat_target
                    && name.is_empty()
                {
                    return None;
                }
                Some(ImportRequest::Health(HealthImportRequest {
                    path: self.path.clone(),
                    sheet: self.detection.sheet.clone(),
                    chat_target,
                    tz,
                }))
            }
            FileKind::Purchases => {
                let tz = self.tz_text.trim().parse::<chrono::FixedOffset>().ok()?;
                Some(ImportRequest::Purchases(PurchaseImportRequest {
                    path: self.path.clone(),
                    sheet: self.detection.sheet.clone(),
                    tz,
                }))
            }
            FileKind::Contacts | FileKind::Unknown => self.request().map(ImportRequest::Contacts),
        }
    }

    /// The contact import the user set up.
    pub fn request(&self) -> Option<ContactImportRequest> {
        let tz = self.tz_text.trim().parse::<chrono::FixedOffset>().ok()?;
        let mut request = ContactImportRequest::new(&self.path, tz);
        request.sheet = self.detection.sheet.clone();
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
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) -> Option<String> {
        let mut switch_sheet = None;
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
                if self.detection.encoding.is_some() {
                    row_ui(
                        ui,
                        cx.t(Key::ImportEncoding),
                        &encoding_name(&self.detection),
                    );
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
                                    switch_sheet = Some(sheet.clone());
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
                row_ui(
                    ui,
                    cx.t(Key::ImportKind),
                    cx.t(kind_label(self.detection.kind)),
                );
            });
        if matches!(
            self.detection.kind,
            FileKind::GroupStats | FileKind::Chat | FileKind::Purchases
        ) {
            self.activity_options_ui(ui, cx);
            return switch_sheet;
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
        self.mapping_ui(ui, cx.lang);
        switch_sheet
    }

    /// Options of the files that carry no customers to map: statistics, chats, orders.
    fn activity_options_ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
        let kind = cx.t(kind_label(self.detection.kind));
        let chat = self.detection.kind == FileKind::Chat;
        let note = match self.detection.kind {
            FileKind::Chat => Key::ImportChatNote,
            FileKind::Purchases => Key::ImportPurchasesNote,
            _ => Key::ImportStatsNote,
        };

        ui.label(
            RichText::new(fill(cx.t(note), &[("kind", kind)])).color(theme::accent(ui.visuals())),
        );
        ui.add_space(theme::SECTION_GAP);
        egui::Grid::new("health_import_options")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                if chat {
                    let label = ui.label(cx.t(Key::ImportChatGroup));
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
                        ui.add(
                            egui::TextEdit::singleline(&mut self.new_group_name)
                                .desired_width(240.0),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    }
                }
                for (field, header, index) in &self.purchase_columns {
                    ui.label(cx.t(purchase_field_label(*field)));
                    // The column's header, then its first values, so a wrong pick shows at once.
                    let samples: Vec<&str> = self
                        .preview
                        .iter()
                        .map(|row| row.cell(*index).trim())
                        .filter(|v| !v.is_empty())
                        .take(3)
                        .collect();
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(header).strong());
                        ui.label(
                            RichText::new(samples.join(" · ")).color(theme::muted(ui.visuals())),
                        );
                    });
                    ui.end_row();
                }
                let label = ui.label(cx.t(Key::ImportTimeZone));
                ui.add(egui::TextEdit::singleline(&mut self.tz_text).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
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

    fn mapping_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let headers = self.detection.headers.clone();
        egui::ScrollArea::both()
            .id_salt("import_preview")
            .max_height(ui.available_height() - 48.0)
            .show(ui, |ui| {
                egui::Grid::new("mapping")
                    .striped(true)
                    .min_col_width(90.0)
                    .show(ui, |ui| {
                        for header in &headers {
                            ui.label(RichText::new(header).strong());
                        }
                        ui.end_row();
                        for (index, header) in headers.iter().enumerate() {
                            let Some(slot) = self.mapping.get_mut(index) else {
                                continue;
                            };
                            let shown = slot
                                .map_or(lang.t(Key::ImportKeepCustom), |f| lang.t(field_label(f)));
                            egui::ComboBox::from_id_salt(("map", index))
                                .selected_text(shown)
                                .width(110.0)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(slot, None, lang.t(Key::ImportKeepCustom));
                                    for field in Field::ALL {
                                        ui.selectable_value(
                                            slot,
                                            Some(field),
                                            lang.t(field_label(field)),
                                        );
                                    }
                                })
                                .response
                                .on_hover_text(header.as_str())
                                .widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::ComboBox,
                                        true,
                                        format!("→ {header}"),
                                    )
                                });
                        }
                        ui.end_row();
                        for row in &self.preview {
                            for index in 0..headers.len() {
                                let cell = row.cells.get(index).map(String::as_str).unwrap_or("");
                                ui.add_sized([140.0, 18.0], egui::Label::new(cell).truncate());
                            }
                            ui.end_row();
                        }
                    });
            });
    }
}

fn row_ui(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.label(RichText::new(label).color(theme::muted(ui.visuals())));
    ui.label(value);
    ui.end_row();
}
