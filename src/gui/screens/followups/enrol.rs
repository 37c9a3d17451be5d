//! Enrolment by rule (tag, segment, lifecycle stage, added since) with a live count of who
//! matches, and the segment rules form.

use chrono::NaiveDate;
use egui::RichText;

use crate::domain::filter::CustomerFilter;
use crate::domain::followup::Journey;
use crate::domain::segment::{Lifecycle, Segment, SegmentRules};
use crate::domain::tag::Tag;
use crate::gui::commands::Command;
use crate::gui::commands::followup::FollowupCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::customers;

use super::labels;

/// The rule being built and how many customers it matches.
#[derive(Debug, Default)]
pub(super) struct EnrolForm {
    journey_id: Option<i64>,
    tag_id: Option<i64>,
    segment: Option<Segment>,
    lifecycle: Option<Lifecycle>,
    added_since: Option<NaiveDate>,
    /// The day "custom date" steps count from, asked when the journey has such a step.
    custom_date: Option<NaiveDate>,
    matching: usize,
    /// Enrol was clicked for this many customers: asked once more before it happens.
    confirming: Option<usize>,
}

/// From how many customers on an enrolment asks first.
const CONFIRM_FROM: usize = 50;

impl EnrolForm {
    /// Keeps the chosen journey valid.
    pub fn sync(&mut self, journeys: &[Journey]) {
        if !journeys.iter().any(|j| Some(j.id) == self.journey_id) {
            self.journey_id = journeys.first().map(|j| j.id);
        }
    }

    fn filter(&self) -> CustomerFilter {
        CustomerFilter {
            tag_ids: self.tag_id.into_iter().collect(),
            segment: self.segment,
            lifecycle: self.lifecycle,
            added_from: self.added_since,
            ..CustomerFilter::default()
        }
    }

    /// Counts the customers the rule matches (one query, on change only).
    pub fn recount(&mut self, cx: &ScreenCtx<'_>) {
        self.matching =
            cx.read(customers::list_ids(cx.store.conn(), &self.filter()).map(|ids| ids.len()));
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        journeys: &[Journey],
        tags: &[Tag],
    ) {
        let mut changed = false;
        egui::Grid::new("enrol_rule")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                let journey_options: Vec<(i64, &str)> =
                    journeys.iter().map(|j| (j.id, j.name.as_str())).collect();
                labels::optional_choice_ui(
                    ui,
                    "enrol_journey",
                    cx.t(Key::FuJourney),
                    "—",
                    &mut self.journey_id,
                    &journey_options,
                );
                ui.end_row();
                let journey = journeys.iter().find(|j| Some(j.id) == self.journey_id);
                custom_date_row_ui(ui, cx, journey, &mut self.custom_date, "enrol_custom_date");
                let tag_options: Vec<(i64, &str)> =
                    tags.iter().map(|t| (t.id, t.name.as_str())).collect();
                changed |= labels::optional_choice_ui(
                    ui,
                    "enrol_tag",
                    cx.t(Key::FuRuleTag),
                    cx.t(Key::FuAny),
                    &mut self.tag_id,
                    &tag_options,
                );
                ui.end_row();
                let segments: Vec<(Segment, &str)> = Segment::ALL
                    .iter()
                    .map(|s| (*s, cx.t(labels::segment(*s))))
                    .collect();
                changed |= labels::optional_choice_ui(
                    ui,
                    "enrol_segment",
                    cx.t(Key::FilterSegment),
                    cx.t(Key::FuAny),
                    &mut self.segment,
                    &segments,
                );
                ui.end_row();
                let stages: Vec<(Lifecycle, &str)> = Lifecycle::ALL
                    .iter()
                    .map(|l| (*l, cx.t(labels::lifecycle(*l))))
                    .collect();
                changed |= labels::optional_choice_ui(
                    ui,
                    "enrol_stage",
                    cx.t(Key::FilterLifecycle),
                    cx.t(Key::FuAny),
                    &mut self.lifecycle,
                    &stages,
                );
                ui.end_row();
                ui.label(cx.t(Key::FuRuleAddedSince));
                ui.horizontal(|ui| match &mut self.added_since {
                    Some(day) => {
                        changed |= labels::date_ui(ui, "enrol_since", day);
                        if ui
                            .small_button("×")
                            .on_hover_text(cx.t(Key::FilterDateClear))
                            .clicked()
                        {
                            self.added_since = None;
                            changed = true;
                        }
                    }
                    None => {
                        if ui.button(cx.t(Key::FilterDateSet)).clicked() {
                            self.added_since =
                                Some(crate::gui::clock::today() - chrono::Duration::days(30));
                            changed = true;
                        }
                    }
                });
                ui.end_row();
            });
        if changed {
            self.recount(cx);
            self.confirming = None;
        }
        ui.add_space(theme::SECTION_GAP);
        ui.label(
            RichText::new(fill(
                cx.t(Key::FuEnrolMatching),
                &[("n", &self.matching.to_string())],
            ))
            .strong(),
        );
        ui.label(
            RichText::new(cx.t(Key::FuEnrolTwice))
                .small()
                .color(theme::muted(ui.visuals())),
        );
        let ready = self.journey_id.is_some() && self.matching > 0;
        let mut enrol = false;
        if let Some(n) = self.confirming {
            // Thousands of customers in one click: say how many first (Undo is offered after).
            let text = fill(cx.t(Key::FuEnrolConfirm), &[("n", &n.to_string())]);
            ui.colored_label(theme::danger(ui.visuals()), text);
            ui.horizontal(|ui| {
                let yes = fill(cx.t(Key::FuEnrolConfirmYes), &[("n", &n.to_string())]);
                if ui.button(yes).clicked() {
                    enrol = true;
                    self.confirming = None;
                }
                if ui.button(cx.t(Key::Cancel)).clicked() {
                    self.confirming = None;
                }
            });
        } else if ui
            .add_enabled(ready, egui::Button::new(cx.t(Key::FuEnrol)))
            .clicked()
        {
            if self.matching >= CONFIRM_FROM {
                self.confirming = Some(self.matching);
            } else {
                enrol = true;
            }
        }
        if enrol && let Some(journey_id) = self.journey_id {
            cx.commands
                .push(Command::Followup(FollowupCommand::EnrolByRule {
                    journey_id,
                    filter: Box::new(self.filter()),
                    custom_date: self.custom_date,
                }));
        }
    }
}

/// The custom-date row of an enrolment form: shown only when `journey` has a step that counts
/// from a custom date; `date` is `None` otherwise.
pub(crate) fn custom_date_row_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    journey: Option<&Journey>,
    date: &mut Option<NaiveDate>,
    id_salt: &str,
) {
    if !journey.is_some_and(Journey::needs_custom_date) {
        *date = None;
        return;
    }
    let day = date.get_or_insert_with(crate::gui::clock::today);
    ui.label(cx.t(Key::FuCustomDate));
    labels::date_ui(ui, id_salt, day);
    ui.end_row();
}

/// The segment rules form; returns whether Save was clicked.
pub(super) fn rules_form_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    rules: &mut SegmentRules,
) -> bool {
    ui.label(RichText::new(cx.t(Key::RulesOrder)).color(theme::muted(ui.visuals())));
    ui.add_space(6.0);
    egui::Grid::new("segment_rules")
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(cx.t(Key::RuleLoyalMonths));
            ui.add(egui::DragValue::new(&mut rules.loyal_months).range(1..=12))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(cx.t(Key::RuleReferralTag));
            ui.text_edit_singleline(&mut rules.referral_tag)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(cx.t(Key::RuleReferralKind));
            ui.text_edit_singleline(&mut rules.referral_contribution)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(cx.t(Key::RuleBargainMax));
            let mut yuan = rules.bargain_max_avg_cents / 100;
            ui.add(egui::DragValue::new(&mut yuan).range(1..=100_000))
                .labelled_by(label.id);
            rules.bargain_max_avg_cents = yuan * 100;
            ui.end_row();
            let label = ui.label(cx.t(Key::RuleNeedQuiet));
            ui.add(egui::DragValue::new(&mut rules.need_quiet_days).range(1..=730))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(cx.t(Key::RuleNewDays));
            ui.add(egui::DragValue::new(&mut rules.new_days).range(1..=365))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(cx.t(Key::RuleDormantDays));
            ui.add(egui::DragValue::new(&mut rules.dormant_days).range(1..=365))
                .labelled_by(label.id);
            ui.end_row();
        });
    ui.add_space(6.0);
    ui.button(cx.t(Key::RulesSave)).clicked()
}
