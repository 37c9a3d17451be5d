//! The role catalogue editor: name, description, colour, per group or across groups, whether the
//! role counts towards group coverage, and the activity it expects.

use egui::RichText;

use super::KocData;
use crate::domain::koc::{Expectation, Role};
use crate::gui::commands::Command;
use crate::gui::commands::koc::KocCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The catalogue being edited (a copy of the stored roles).
#[derive(Debug, Default)]
pub struct RolesEditor {
    drafts: Option<Vec<Role>>,
    new_name: String,
}

/// What the expectation combo offers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ExpectKind {
    None,
    Speaking,
    Contributions,
}

impl RolesEditor {
    pub fn invalidate(&mut self) {
        self.drafts = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &KocData) {
        let drafts = self.drafts.get_or_insert_with(|| data.roles.clone());
        egui::ScrollArea::vertical()
            .id_salt("koc_roles")
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::Grid::new("koc_roles")
                    .striped(true)
                    .num_columns(6)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        let headers = [
                            Key::KocRoleName,
                            Key::KocRoleDescription,
                            Key::KocPerGroup,
                            Key::KocCoversGroup,
                            Key::KocExpectation,
                            Key::Save,
                        ]
                        .map(|key| ui.label(RichText::new(cx.t(key)).strong()).id);
                        ui.end_row();
                        for draft in drafts.iter_mut() {
                            let stored = data.roles.iter().find(|r| r.id == draft.id);
                            role_row_ui(ui, cx, draft, stored, &headers);
                        }
                    });
                ui.add_space(theme::SECTION_GAP);
                ui.horizontal(|ui| {
                    let label = ui.label(cx.t(Key::KocNewRole));
                    ui.text_edit_singleline(&mut self.new_name)
                        .labelled_by(label.id);
                    if ui
                        .add_enabled(
                            !self.new_name.trim().is_empty(),
                            egui::Button::new(cx.t(Key::KocAddRole)),
                        )
                        .clicked()
                    {
                        cx.commands.push(Command::Koc(KocCommand::CreateRole(
                            self.new_name.trim().to_string(),
                        )));
                        self.new_name.clear();
                    }
                });
            });
    }
}

/// One role's row; `headers` are the column titles' ids, which name each cell's widget.
fn role_row_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    draft: &mut Role,
    stored: Option<&Role>,
    headers: &[egui::Id; 6],
) {
    ui.horizontal(|ui| {
        let mut rgb = theme::hex(&draft.color).to_array();
        let mut colour = [rgb[0], rgb[1], rgb[2]];
        if ui
            .color_edit_button_srgb(&mut colour)
            .labelled_by(headers[0])
            .changed()
        {
            rgb[..3].copy_from_slice(&colour);
            draft.color = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
        }
        ui.add_sized([90.0, 20.0], egui::TextEdit::singleline(&mut draft.name))
            .labelled_by(headers[0]);
    });
    ui.add_sized(
        [320.0, 20.0],
        egui::TextEdit::singleline(&mut draft.description),
    )
    .labelled_by(headers[1]);
    ui.checkbox(&mut draft.per_group, "")
        .labelled_by(headers[2]);
    ui.checkbox(&mut draft.covers_group, "")
        .labelled_by(headers[3]);
    ui.horizontal(|ui| {
        let mut kind = match draft.expectation {
            None => ExpectKind::None,
            Some(Expectation::SpeakingDaysPerWeek(_)) => ExpectKind::Speaking,
            Some(Expectation::ContributionsPerMonth(_)) => ExpectKind::Contributions,
        };
        let mut count = match draft.expectation {
            Some(Expectation::SpeakingDaysPerWeek(n) | Expectation::ContributionsPerMonth(n)) => n,
            None => 1.0,
        };
        let label = |k: ExpectKind| match k {
            ExpectKind::None => cx.t(Key::KocExpectNone),
            ExpectKind::Speaking => cx.t(Key::KocExpectSpeakingKind),
            ExpectKind::Contributions => cx.t(Key::KocExpectContribKind),
        };
        egui::ComboBox::from_id_salt(("koc_expect", draft.id))
            .selected_text(label(kind))
            .show_ui(ui, |ui| {
                for k in [
                    ExpectKind::None,
                    ExpectKind::Speaking,
                    ExpectKind::Contributions,
                ] {
                    ui.selectable_value(&mut kind, k, label(k));
                }
            })
            .response
            .labelled_by(headers[4]);
        if kind != ExpectKind::None {
            let max = if kind == ExpectKind::Speaking {
                7.0
            } else {
                100.0
            };
            ui.add(egui::DragValue::new(&mut count).range(0.0..=max).speed(0.1))
                .labelled_by(headers[4]);
        }
        draft.expectation = match kind {
            ExpectKind::None => None,
            ExpectKind::Speaking => Some(Expectation::SpeakingDaysPerWeek(count)),
            ExpectKind::Contributions => Some(Expectation::ContributionsPerMonth(count)),
        };
    });
    let dirty = stored != Some(draft) && !draft.name.trim().is_empty();
    if ui
        .add_enabled(dirty, egui::Button::new(cx.t(Key::Save)))
        .labelled_by(headers[5])
        .clicked()
    {
        cx.commands
            .push(Command::Koc(KocCommand::SaveRole(Box::new(draft.clone()))));
    }
    ui.end_row();
}
