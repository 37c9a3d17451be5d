//! Alert thresholds: an editable copy of the stored ones; saving goes through
//! `HealthCommand::SetThresholds` (undoable).

use egui::RichText;

use super::data::HealthData;
use crate::domain::health::Thresholds;
use crate::gui::commands::Command;
use crate::gui::commands::health::HealthCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The form's state (`None` = take the stored thresholds on the next frame).
#[derive(Default)]
pub struct ThresholdsState {
    editing: Option<Thresholds>,
}

impl ThresholdsState {
    /// Re-reads the stored thresholds.
    pub fn invalidate(&mut self) {
        self.editing = None;
    }

    /// Draws the form.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &HealthData) {
        let th = self.editing.get_or_insert(data.thresholds);
        ui.add_space(theme::SECTION_GAP);
        egui::Grid::new("health_thresholds")
            .num_columns(2)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label(cx.t(Key::HlNewGroupDays));
                ui.add(egui::DragValue::new(&mut th.new_group_days).range(1..=3650))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(cx.t(Key::HlNewGroupLeave));
                let mut pct = th.new_group_leave_rate_7d * 100.0;
                if ui
                    .add(egui::DragValue::new(&mut pct).range(0.0..=100.0).speed(0.1))
                    .labelled_by(label.id)
                    .changed()
                {
                    th.new_group_leave_rate_7d = pct / 100.0;
                }
                ui.end_row();
                let label = ui.label(cx.t(Key::HlLowInteraction));
                let mut pct = th.low_interaction_rate * 100.0;
                if ui
                    .add(egui::DragValue::new(&mut pct).range(0.0..=100.0).speed(0.1))
                    .labelled_by(label.id)
                    .changed()
                {
                    th.low_interaction_rate = pct / 100.0;
                }
                ui.end_row();
                let label = ui.label(cx.t(Key::HlLowInteractionDays));
                ui.add(egui::DragValue::new(&mut th.low_interaction_days).range(1..=365))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(cx.t(Key::HlSilentDays));
                ui.add(egui::DragValue::new(&mut th.silent_days).range(1..=365))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.add_space(theme::SECTION_GAP);
        let changed = *th != data.thresholds;
        if ui
            .add_enabled(
                changed,
                egui::Button::new(RichText::new(cx.t(Key::HlSaveThresholds)).strong()),
            )
            .clicked()
        {
            cx.commands
                .push(Command::Health(HealthCommand::SetThresholds(*th)));
        }
    }
}
