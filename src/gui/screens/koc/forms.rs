//! The two forms above every KOC tab: assign a role to a customer, and log a contribution.

use chrono::NaiveDate;
use egui::RichText;

use super::KocData;
use crate::domain::koc::{CONTRIBUTION_KINDS, Status};
use crate::domain::purchase::parse_yuan;
use crate::gui::commands::Command;
use crate::gui::commands::koc::KocCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::screens::followups::labels::optional_choice_ui;
use crate::gui::theme;
use crate::gui::widgets::date_picker::date_ui;
use crate::store::koc::Contribution;
use crate::store::search;

/// Finding one customer by typing part of a name, phone or note.
#[derive(Debug, Default)]
pub struct CustomerPicker {
    query: String,
    searched: String,
    hits: Vec<(i64, String)>,
    pub chosen: Option<(i64, String)>,
}

impl CustomerPicker {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>, id_salt: &str) {
        let label = ui.label(cx.t(Key::KocCustomer));
        ui.vertical(|ui| {
            if let Some((_, name)) = self.chosen.clone() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(name).strong());
                    if ui.small_button(cx.t(Key::KocChangeCustomer)).clicked() {
                        self.chosen = None;
                    }
                });
                return;
            }
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id_salt(id_salt)
                    .hint_text(cx.t(Key::KocSearchHint))
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            if self.query != self.searched {
                self.searched = self.query.clone();
                self.hits = cx.read(
                    search::search(cx.store.conn(), &self.query, 8)
                        .map(|r| r.hits.into_iter().map(|h| (h.id, h.name)).collect()),
                );
            }
            for (id, name) in &self.hits {
                if ui.selectable_label(false, name).clicked() {
                    self.chosen = Some((*id, name.clone()));
                }
            }
        });
        ui.end_row();
    }
}

/// The assign-a-role form.
#[derive(Debug)]
pub struct AssignForm {
    open: bool,
    customer: CustomerPicker,
    role: Option<i64>,
    group: Option<i64>,
    status: Status,
    since: NaiveDate,
    reason: String,
}

impl Default for AssignForm {
    fn default() -> Self {
        Self {
            open: false,
            customer: CustomerPicker::default(),
            role: None,
            group: None,
            status: Status::Active,
            since: crate::gui::clock::today(),
            reason: String::new(),
        }
    }
}

impl AssignForm {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &KocData) {
        if !self.open {
            return;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(cx.t(Key::KocAssignForm)).strong());
            egui::Grid::new("koc_assign")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    self.customer.ui(ui, cx, "koc_assign_customer");
                    ui.label("");
                    ui.horizontal(|ui| {
                        role_and_group_ui(
                            ui,
                            cx,
                            data,
                            ("koc_assign", Key::KocRole),
                            &mut self.role,
                            &mut self.group,
                        );
                    });
                    ui.end_row();
                    ui.label(cx.t(Key::KocStatus));
                    ui.horizontal(|ui| {
                        for status in [Status::Candidate, Status::Active] {
                            ui.radio_value(&mut self.status, status, cx.t(status_key(status)));
                        }
                        ui.label(cx.t(Key::KocSince));
                        date_ui(ui, "koc_assign_since", &mut self.since);
                    });
                    ui.end_row();
                    let label = ui.label(cx.t(Key::KocReason));
                    ui.text_edit_singleline(&mut self.reason)
                        .labelled_by(label.id);
                    ui.end_row();
                });
            let ready = self.customer.chosen.is_some() && self.role.is_some();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ready, egui::Button::new(cx.t(Key::KocAssignSave)))
                    .clicked()
                    && let (Some((customer_id, _)), Some(role_id)) =
                        (&self.customer.chosen, self.role)
                {
                    cx.commands.push(Command::Koc(KocCommand::Assign {
                        customers: vec![*customer_id],
                        role_id,
                        group_id: self.group,
                        status: self.status,
                        since: self.since,
                        reason: self.reason.trim().to_string(),
                    }));
                    self.customer.chosen = None;
                    self.reason.clear();
                    self.open = false;
                }
                if ui.button(cx.t(Key::Cancel)).clicked() {
                    self.open = false;
                }
            });
        });
    }

    /// Opens the form (the toolbar button).
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }
}

/// A role picker and a group picker ("all groups" when none): `(id_salt, role label)`.
pub fn role_and_group_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    data: &KocData,
    (id_salt, role_label): (&str, Key),
    role: &mut Option<i64>,
    group: &mut Option<i64>,
) {
    optional_choice_ui(
        ui,
        &format!("{id_salt}_role"),
        cx.t(role_label),
        "—",
        role,
        &data.role_options(),
    );
    optional_choice_ui(
        ui,
        &format!("{id_salt}_group"),
        cx.t(Key::KocGroup),
        cx.t(Key::KocAllGroups),
        group,
        &data.group_options(),
    );
}

/// The label of an assignment status.
pub fn status_key(status: Status) -> Key {
    match status {
        Status::Candidate => Key::KocStatusCandidate,
        Status::Active => Key::KocStatusActive,
        Status::Ended => Key::KocStatusEnded,
    }
}

/// The log-a-contribution form.
#[derive(Debug)]
pub struct ContributionForm {
    open: bool,
    customer: CustomerPicker,
    kind: String,
    day: NaiveDate,
    value: f64,
    amount: String,
    note: String,
    group: Option<i64>,
    amount_invalid: bool,
}

impl Default for ContributionForm {
    fn default() -> Self {
        Self {
            open: false,
            customer: CustomerPicker::default(),
            kind: CONTRIBUTION_KINDS[0].to_string(),
            day: crate::gui::clock::today(),
            value: 1.0,
            amount: String::new(),
            note: String::new(),
            group: None,
            amount_invalid: false,
        }
    }
}

impl ContributionForm {
    /// Opens the form for one customer (from a holder's card).
    pub fn open_for(&mut self, customer_id: i64, name: &str) {
        self.open = true;
        self.customer.chosen = Some((customer_id, name.to_string()));
    }

    /// Opens or closes the form (the toolbar button).
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &KocData) {
        if !self.open {
            return;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(cx.t(Key::KocContributionForm)).strong());
            egui::Grid::new("koc_contribution")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    self.customer.ui(ui, cx, "koc_contribution_customer");
                    contribution_fields_ui(ui, cx, &mut self.kind, &mut self.day, "koc_contrib");
                    let value_label = ui.label(cx.t(Key::KocValue));
                    ui.horizontal(|ui| {
                        ui.add(egui::DragValue::new(&mut self.value).range(0.0..=1000.0))
                            .labelled_by(value_label.id);
                        let label = ui.label(cx.t(Key::KocAmount));
                        ui.add(
                            egui::TextEdit::singleline(&mut self.amount)
                                .desired_width(90.0)
                                .hint_text("¥"),
                        )
                        .labelled_by(label.id);
                        optional_choice_ui(
                            ui,
                            "koc_contrib_group",
                            cx.t(Key::KocGroup),
                            "—",
                            &mut self.group,
                            &data.group_options(),
                        );
                    });
                    ui.end_row();
                    let label = ui.label(cx.t(Key::KocNote));
                    ui.text_edit_singleline(&mut self.note)
                        .labelled_by(label.id);
                    ui.end_row();
                });
            if self.amount_invalid {
                ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::PurchaseInvalid));
            }
            let ready = self.customer.chosen.is_some() && !self.kind.trim().is_empty();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ready, egui::Button::new(cx.t(Key::KocContributionSave)))
                    .clicked()
                    && let Some((customer_id, _)) = &self.customer.chosen
                {
                    let amount = self.amount.trim();
                    let amount_cents = if amount.is_empty() {
                        Some(None)
                    } else {
                        parse_yuan(amount).map(Some)
                    };
                    self.amount_invalid = amount_cents.is_none();
                    if let Some(amount_cents) = amount_cents {
                        cx.commands
                            .push(Command::Koc(KocCommand::AddContribution(Contribution {
                                id: 0,
                                customer_id: *customer_id,
                                kind: self.kind.trim().to_string(),
                                day: self.day,
                                value: self.value,
                                amount_cents,
                                note: self.note.trim().to_string(),
                                group_id: self.group,
                            })));
                        self.note.clear();
                        self.amount.clear();
                        self.open = false;
                    }
                }
                if ui.button(cx.t(Key::Cancel)).clicked() {
                    self.open = false;
                }
            });
        });
    }
}

/// Kind (a preset or typed) and day of a contribution: shared by this form and the customer
/// detail panel's quick-add.
pub fn contribution_fields_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    kind: &mut String,
    day: &mut NaiveDate,
    id_salt: &str,
) {
    let label = ui.label(cx.t(Key::KocKind));
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt(format!("{id_salt}_kind"))
            .selected_text(kind.as_str())
            .show_ui(ui, |ui| {
                for preset in CONTRIBUTION_KINDS {
                    ui.selectable_value(kind, preset.to_string(), preset);
                }
            })
            .response
            .labelled_by(label.id);
        ui.add(
            egui::TextEdit::singleline(kind)
                .id_salt(format!("{id_salt}_custom_kind"))
                .desired_width(90.0)
                .hint_text(cx.t(Key::KocCustomKind)),
        );
    });
    ui.end_row();
    ui.label(cx.t(Key::KocDay));
    date_ui(ui, &format!("{id_salt}_day"), day);
    ui.end_row();
}
