//! The journey editor: pick a journey, edit its name, description and steps (trigger, days after,
//! title, script, channel), add or remove steps, save; create and delete journeys.

use egui::RichText;

use crate::domain::followup::{Channel, Journey, Step, Trigger};
use crate::gui::commands::Command;
use crate::gui::commands::followup::FollowupCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

use super::labels;

/// Which journey is open and the unsaved edits to it.
#[derive(Debug, Default)]
pub(super) struct JourneyEditor {
    selected: Option<i64>,
    draft: Option<Journey>,
    new_name: String,
}

impl JourneyEditor {
    /// Keeps the selection valid after a reload; drops a draft that matches what is stored.
    pub fn sync(&mut self, journeys: &[Journey]) {
        if !journeys.iter().any(|j| Some(j.id) == self.selected) {
            self.selected = journeys.first().map(|j| j.id);
            self.draft = None;
        }
        let stored = journeys.iter().find(|j| Some(j.id) == self.selected);
        if self.draft.as_ref() == stored || self.draft.as_ref().map(|d| d.id) != self.selected {
            self.draft = None;
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, journeys: &[Journey]) {
        egui::Panel::left("journey_list")
            .resizable(false)
            .exact_size(200.0)
            .show(ui, |ui| {
                for journey in journeys {
                    let selected = self.selected == Some(journey.id);
                    if ui.selectable_label(selected, &journey.name).clicked() && !selected {
                        self.selected = Some(journey.id);
                        self.draft = None;
                    }
                }
                ui.add_space(theme::SECTION_GAP);
                let label = ui.label(RichText::new(cx.t(Key::FuNewJourneyName)).small());
                ui.add(egui::TextEdit::singleline(&mut self.new_name).desired_width(180.0))
                    .labelled_by(label.id);
                if ui.button(cx.t(Key::FuNewJourney)).clicked() && !self.new_name.trim().is_empty()
                {
                    cx.commands
                        .push(Command::Followup(FollowupCommand::CreateJourney(
                            std::mem::take(&mut self.new_name),
                        )));
                }
            });
        let Some(stored) = journeys.iter().find(|j| Some(j.id) == self.selected) else {
            return;
        };
        let draft = self.draft.get_or_insert_with(|| stored.clone());
        egui::ScrollArea::vertical()
            .id_salt("followup_journeys")
            .auto_shrink(false)
            .show(ui, |ui| journey_form_ui(ui, cx, draft, stored));
    }
}

fn journey_form_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    draft: &mut Journey,
    stored: &Journey,
) {
    egui::Grid::new("journey_fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(cx.t(Key::FuJourneyName));
            ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(cx.t(Key::FuJourneyDesc));
            ui.add(
                egui::TextEdit::multiline(&mut draft.description)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    ui.label(
        RichText::new(cx.t(Key::FuPlaceholders))
            .small()
            .color(theme::muted(ui.visuals())),
    );
    let mut remove = None;
    for (index, step) in draft.steps.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if step_ui(ui, cx, index, step) {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        draft.steps.remove(index);
    }
    ui.horizontal(|ui| {
        if ui.button(cx.t(Key::FuAddStep)).clicked() {
            draft.steps.push(Step {
                trigger: Some(Trigger::Added),
                title: cx.t(Key::FuStepTitle).to_string(),
                ..Step::default()
            });
        }
        let dirty = draft != stored;
        if ui
            .add_enabled(dirty, egui::Button::new(cx.t(Key::FuSaveJourney)))
            .clicked()
        {
            cx.commands
                .push(Command::Followup(FollowupCommand::SaveJourney(Box::new(
                    draft.clone(),
                ))));
        }
        let delete = RichText::new(cx.t(Key::FuDeleteJourney)).color(theme::danger(ui.visuals()));
        if ui.button(delete).clicked() {
            cx.commands
                .push(Command::Followup(FollowupCommand::DeleteJourney(draft.id)));
        }
    });
}

/// One step's fields; returns whether its Remove button was clicked.
fn step_ui(ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, index: usize, step: &mut Step) -> bool {
    let mut removed = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{}.", index + 1)).strong());
        let label = ui.label(cx.t(Key::FuStepTrigger));
        let mut trigger = step.trigger();
        egui::ComboBox::from_id_salt(("step_trigger", index))
            .selected_text(cx.t(labels::trigger(trigger)))
            .show_ui(ui, |ui| {
                for t in Trigger::ALL {
                    ui.selectable_value(&mut trigger, t, cx.t(labels::trigger(t)));
                }
            })
            .response
            .labelled_by(label.id);
        step.trigger = Some(trigger);
        let label = ui.label(cx.t(Key::FuStepOffset));
        ui.add(egui::DragValue::new(&mut step.offset_days).range(0..=365))
            .labelled_by(label.id);
        let label = ui.label(cx.t(Key::FuStepChannel));
        let mut channel = step.channel;
        egui::ComboBox::from_id_salt(("step_channel", index))
            .selected_text(cx.t(labels::channel(channel)))
            .show_ui(ui, |ui| {
                for c in Channel::ALL {
                    ui.selectable_value(&mut channel, c, cx.t(labels::channel(c)));
                }
            })
            .response
            .labelled_by(label.id);
        step.channel = channel;
        removed = ui.small_button(cx.t(Key::FuRemoveStep)).clicked();
    });
    let label = ui.label(RichText::new(cx.t(Key::FuStepTitle)).small());
    ui.add(egui::TextEdit::singleline(&mut step.title).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let label = ui.label(RichText::new(cx.t(Key::FuStepScript)).small());
    ui.add(
        egui::TextEdit::multiline(&mut step.script)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    removed
}
