//! The KOC part of the customer detail panel: the customer's roles (current and past), assigning
//! one, and a quick-add for contributions with the latest ones listed.

use chrono::NaiveDate;
use egui::RichText;

use crate::domain::koc::{CONTRIBUTION_KINDS, Role, Status};
use crate::gui::commands::Command;
use crate::gui::commands::koc::KocCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::screens::followups::labels::optional_choice_ui;
use crate::gui::screens::koc::{contribution_fields_ui, status_key};
use crate::gui::theme;
use crate::store::koc::{self, AssignmentView, Contribution};
use crate::store::{self, Store};

/// Contributions listed under the form.
const RECENT_CONTRIBUTIONS: usize = 5;

pub(super) struct KocPanel {
    customer_id: i64,
    roles: Vec<Role>,
    assignments: Vec<AssignmentView>,
    contributions: Vec<Contribution>,
    role: Option<i64>,
    kind: String,
    day: NaiveDate,
    note: String,
}

impl KocPanel {
    pub fn load(store: &Store, customer_id: i64) -> store::Result<Self> {
        let conn = store.conn();
        Ok(Self {
            customer_id,
            roles: koc::roles(conn)?,
            assignments: koc::for_customer(conn, customer_id)?,
            contributions: koc::contributions_of(conn, customer_id, RECENT_CONTRIBUTIONS)?,
            role: None,
            kind: CONTRIBUTION_KINDS[0].to_string(),
            day: crate::gui::clock::today(),
            note: String::new(),
        })
    }

    /// Keeps the chosen role and the contribution being typed across a reload.
    pub fn keep_drafts_from(&mut self, previous: KocPanel) {
        self.role = previous.role;
        self.kind = previous.kind;
        self.day = previous.day;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let current = self
            .assignments
            .iter()
            .filter(|a| a.assignment.status != Status::Ended)
            .count();
        let title = format!("{} ({current})", cx.t(Key::KocDetailSection));
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt("detail_koc")
            .default_open(current > 0)
            .show(ui, |ui| {
                self.roles_ui(ui, cx);
                ui.add_space(theme::SECTION_GAP);
                self.contributions_ui(ui, cx);
            });
    }

    fn roles_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        if self.assignments.is_empty() {
            ui.label(RichText::new(cx.t(Key::KocNoRoles)).color(theme::muted(ui.visuals())));
        }
        for view in &self.assignments {
            let a = &view.assignment;
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(&view.role_name)
                        .strong()
                        .color(theme::hex(&view.role_color)),
                );
                ui.label(cx.t(status_key(a.status)));
                ui.label(
                    view.group_name
                        .as_deref()
                        .unwrap_or(cx.t(Key::KocAllGroups)),
                );
                let mut span = fill(cx.t(Key::KocSinceDay), &[("day", &a.since.to_string())]);
                if let Some(until) = a.until {
                    span.push(' ');
                    span.push_str(&fill(cx.t(Key::KocUntil), &[("day", &until.to_string())]));
                }
                ui.label(
                    RichText::new(span)
                        .small()
                        .color(theme::muted(ui.visuals())),
                );
                if a.status != Status::Ended && ui.small_button(cx.t(Key::KocEnd)).clicked() {
                    cx.commands.push(Command::Koc(KocCommand::SetStatus {
                        assignment_id: a.id,
                        to: Status::Ended,
                        on: crate::gui::clock::today(),
                    }));
                }
            });
        }
        ui.horizontal(|ui| {
            let options: Vec<(i64, &str)> =
                self.roles.iter().map(|r| (r.id, r.name.as_str())).collect();
            optional_choice_ui(
                ui,
                "detail_koc_role",
                cx.t(Key::KocRole),
                "—",
                &mut self.role,
                &options,
            );
            for status in [Status::Candidate, Status::Active] {
                let text = fill(
                    cx.t(Key::KocAssignAs),
                    &[("status", cx.t(status_key(status)))],
                );
                if ui
                    .add_enabled(self.role.is_some(), egui::Button::new(text))
                    .clicked()
                    && let Some(role_id) = self.role
                {
                    cx.commands.push(Command::Koc(KocCommand::Assign {
                        customers: vec![self.customer_id],
                        role_id,
                        group_id: None,
                        status,
                        since: crate::gui::clock::today(),
                        reason: String::new(),
                    }));
                }
            }
        });
    }

    fn contributions_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        egui::Grid::new("detail_koc_contribution")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                contribution_fields_ui(ui, cx, &mut self.kind, &mut self.day, "detail_contrib");
                let label = ui.label(cx.t(Key::KocNote));
                ui.text_edit_singleline(&mut self.note)
                    .labelled_by(label.id);
                ui.end_row();
            });
        if ui
            .add_enabled(
                !self.kind.trim().is_empty(),
                egui::Button::new(cx.t(Key::KocContributionSave)),
            )
            .clicked()
        {
            cx.commands
                .push(Command::Koc(KocCommand::AddContribution(Contribution {
                    id: 0,
                    customer_id: self.customer_id,
                    kind: self.kind.trim().to_string(),
                    day: self.day,
                    value: 1.0,
                    amount_cents: None,
                    note: self.note.trim().to_string(),
                    group_id: None,
                })));
            self.note.clear();
        }
        for c in &self.contributions {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(c.day.to_string()).color(theme::muted(ui.visuals())));
                ui.label(&c.kind);
                if !c.note.is_empty() {
                    ui.label(&c.note);
                }
                if ui.small_button(cx.t(Key::Delete)).clicked() {
                    cx.commands
                        .push(Command::Koc(KocCommand::DeleteContribution(c.id)));
                }
            });
        }
    }
}
