//! Alert thresholds and the rules of the 待回复 check: editable copies of the stored ones; saving
//! goes through `HealthCommand::SetThresholds` / `SetServiceRules` (both undoable).

use egui::RichText;

use super::data::HealthData;
use crate::domain::health::Thresholds;
use crate::domain::questions::ServiceRules;
use crate::gui::commands::Command;
use crate::gui::commands::health::HealthCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The form's state (`None` = take the stored thresholds on the next frame).
#[derive(Default)]
pub struct ThresholdsState {
    editing: Option<Thresholds>,
    rules: Option<RulesForm>,
}

/// The 待回复 rules as typed: times and words stay text until they are saved.
struct RulesForm {
    stored: ServiceRules,
    opens: String,
    closes: String,
    within: i64,
    words: String,
}

impl RulesForm {
    fn new(stored: ServiceRules) -> Self {
        Self {
            opens: stored.opens.format("%H:%M").to_string(),
            closes: stored.closes.format("%H:%M").to_string(),
            within: stored.answer_within_min,
            words: stored.words.join("，"),
            stored,
        }
    }

    /// The rules typed, `None` while a time does not read as HH:MM.
    fn parsed(&self) -> Option<ServiceRules> {
        let time = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
        Some(ServiceRules {
            opens: time(&self.opens)?,
            closes: time(&self.closes)?,
            answer_within_min: self.within,
            words: self
                .words
                .split([',', '，', '、', ' '])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
        })
    }
}

impl ThresholdsState {
    /// Re-reads the stored thresholds.
    pub fn invalidate(&mut self) {
        self.editing = None;
        self.rules = None;
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
        self.rules_ui(ui, cx);
    }

    fn rules_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        if self.rules.is_none() {
            // On a failed read the form stays closed: defaults must not pose as the stored rules.
            match crate::store::questions::service_rules(cx.store.conn()) {
                Ok(stored) => self.rules = Some(RulesForm::new(stored)),
                Err(e) => {
                    ui.colored_label(theme::danger(ui.visuals()), e.to_string());
                    return;
                }
            }
        }
        let Some(form) = self.rules.as_mut() else {
            return;
        };
        ui.add_space(theme::SECTION_GAP * 2.0);
        ui.heading(cx.t(Key::QsRulesHeading));
        egui::Grid::new("question_rules")
            .num_columns(2)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                for (key, text) in [
                    (Key::QsOpens, &mut form.opens),
                    (Key::QsCloses, &mut form.closes),
                ] {
                    let label = ui.label(cx.t(key));
                    ui.add(egui::TextEdit::singleline(text).desired_width(80.0))
                        .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label(cx.t(Key::QsWithin));
                ui.add(egui::DragValue::new(&mut form.within).range(1..=1440))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(cx.t(Key::QsWords));
                ui.add(egui::TextEdit::multiline(&mut form.words).desired_width(420.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        let parsed = form.parsed();
        if parsed.is_none() {
            ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::QsBadTime));
        }
        ui.add_space(theme::SECTION_GAP);
        let changed = parsed.as_ref().is_some_and(|r| *r != form.stored);
        if ui
            .add_enabled(
                changed,
                egui::Button::new(RichText::new(cx.t(Key::QsSaveRules)).strong()),
            )
            .clicked()
            && let Some(rules) = parsed
        {
            cx.commands
                .push(Command::Health(HealthCommand::SetServiceRules(rules)));
        }
    }
}
