//! 关键词信号: customers whose words in the groups match a rule ("said 多少钱 / 链接 in the last
//! 7 days"), each with the message that matched. The manager ticks who to act on and tags them
//! (source `rule`) or enrols them in a journey — both with Undo, never applied silently.

use chrono::NaiveDate;
use egui::RichText;

use super::data::HealthData;
use crate::domain::signals::SignalRule;
use crate::gui::app::intents::Intent;
use crate::gui::commands::Command;
use crate::gui::commands::followup::FollowupCommand;
use crate::gui::commands::health::HealthCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::signals::{self, SignalHit};
use crate::store::tags::TagSource;

/// At most this many customers per rule are listed.
const HIT_LIMIT: usize = 500;

/// What the view read, per rule, as of one day.
struct SignalsData {
    day: NaiveDate,
    rules: Vec<SignalRule>,
    hits: Vec<Vec<SignalHit>>,
    journeys: Vec<(i64, String)>,
}

#[derive(Default)]
pub struct SignalsState {
    data: Option<SignalsData>,
    rule: usize,
    /// Customers ticked off (everyone listed is ticked until unticked).
    unticked: std::collections::HashSet<i64>,
    tag: String,
    journey: Option<i64>,
    rules_text: Option<String>,
}

impl SignalsState {
    pub fn invalidate(&mut self) {
        self.data = None;
        self.rules_text = None;
    }

    fn load(&mut self, cx: &ScreenCtx<'_>, day: NaiveDate) -> crate::store::Result<()> {
        let conn = cx.store.conn();
        let rules = signals::rules(conn)?;
        let hits = rules
            .iter()
            .map(|r| signals::matching(conn, r, day, HIT_LIMIT))
            .collect::<crate::store::Result<_>>()?;
        let journeys = crate::store::journeys::list(conn)?
            .into_iter()
            .map(|j| (j.id, j.name))
            .collect();
        self.rule = self.rule.min(rules.len().saturating_sub(1));
        self.data = Some(SignalsData {
            day,
            rules,
            hits,
            journeys,
        });
        Ok(())
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &HealthData) {
        if self.data.as_ref().is_none_or(|d| d.day != data.last)
            && let Err(e) = self.load(cx, data.last)
        {
            ui.colored_label(theme::danger(ui.visuals()), e.to_string());
            return;
        }
        let Some(d) = self.data.take() else { return };
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal_wrapped(|ui| {
            for (i, rule) in d.rules.iter().enumerate() {
                let text = format!("{} ({})", rule.name, d.hits[i].len());
                if ui.selectable_label(self.rule == i, text).clicked() && self.rule != i {
                    self.rule = i;
                    self.unticked.clear();
                    self.tag.clear();
                }
            }
        });
        if let (Some(rule), Some(hits)) = (d.rules.get(self.rule), d.hits.get(self.rule)) {
            let line = fill(
                cx.t(Key::SgRuleLine),
                &[
                    ("days", &rule.days.to_string()),
                    ("words", &rule.words.join(cx.lang.name_separator())),
                    ("day", &d.day.to_string()),
                ],
            );
            ui.label(RichText::new(line).color(theme::muted(ui.visuals())));
            ui.add_space(theme::SECTION_GAP);
            if hits.is_empty() {
                ui.label(RichText::new(cx.t(Key::SgNone)).color(theme::muted(ui.visuals())));
            } else {
                self.actions_ui(ui, cx, rule, hits, &d.journeys);
                ui.add_space(4.0);
                self.hits_ui(ui, cx, hits);
            }
        }
        ui.add_space(theme::SECTION_GAP * 2.0);
        self.rules_ui(ui, cx, &d.rules);
        self.data = Some(d);
    }

    fn ticked(&self, hits: &[SignalHit]) -> Vec<i64> {
        hits.iter()
            .map(|h| h.customer_id)
            .filter(|id| !self.unticked.contains(id))
            .collect()
    }

    fn actions_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        rule: &SignalRule,
        hits: &[SignalHit],
        journeys: &[(i64, String)],
    ) {
        let ticked = self.ticked(hits);
        let n = ticked.len().to_string();
        if self.tag.is_empty() {
            self.tag = rule.name.clone();
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(cx.t(Key::SgTag));
            ui.add(egui::TextEdit::singleline(&mut self.tag).desired_width(120.0))
                .labelled_by(label.id);
            let text = fill(cx.t(Key::SgApplyTag), &[("n", &n)]);
            let can_tag = !ticked.is_empty() && !self.tag.trim().is_empty();
            if ui.add_enabled(can_tag, egui::Button::new(text)).clicked() {
                cx.commands.push(Command::AddTag {
                    source: TagSource::Rule,
                    customers: ticked.clone(),
                    name: self.tag.trim().to_string(),
                    group_id: None,
                });
            }
            ui.add_space(16.0);
            let label = ui.label(cx.t(Key::SgJourney));
            let shown = self
                .journey
                .and_then(|id| journeys.iter().find(|j| j.0 == id))
                .map_or(cx.t(Key::SgChooseJourney).to_string(), |j| j.1.clone());
            egui::ComboBox::from_id_salt("signal_journey")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (id, name) in journeys {
                        if ui
                            .selectable_label(self.journey == Some(*id), name)
                            .clicked()
                        {
                            self.journey = Some(*id);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            let text = fill(cx.t(Key::SgEnrol), &[("n", &n)]);
            let can_enrol = !ticked.is_empty() && self.journey.is_some();
            if ui.add_enabled(can_enrol, egui::Button::new(text)).clicked()
                && let Some(journey_id) = self.journey
            {
                cx.commands.push(Command::Followup(FollowupCommand::Enrol {
                    journey_id,
                    customers: ticked,
                    custom_date: None,
                }));
            }
        });
    }

    fn hits_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, hits: &[SignalHit]) {
        let muted = theme::muted(ui.visuals());
        egui::ScrollArea::vertical()
            .id_salt("signal_hits")
            .max_height(ui.available_height() * 0.6)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("signal_grid")
                    .num_columns(4)
                    .striped(true)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        for h in hits {
                            let mut on = !self.unticked.contains(&h.customer_id);
                            if ui.checkbox(&mut on, &h.customer).changed() {
                                if on {
                                    self.unticked.remove(&h.customer_id);
                                } else {
                                    self.unticked.insert(h.customer_id);
                                }
                            }
                            if ui.link(cx.t(Key::SgProfile)).clicked() {
                                cx.intent(Intent::ShowCustomer(h.customer_id));
                            }
                            let when = format!("{} · {}", h.at.display_minutes(), h.group);
                            ui.label(RichText::new(when).color(muted));
                            let text: String = h.text.chars().take(70).collect();
                            ui.label(text).on_hover_text(&h.text);
                            ui.end_row();
                        }
                    });
            });
    }

    /// The rules as lines of text (`名称：词，词（天数）`), saved with Undo.
    fn rules_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, stored: &[SignalRule]) {
        let text = self.rules_text.get_or_insert_with(|| {
            stored
                .iter()
                .map(SignalRule::to_line)
                .collect::<Vec<_>>()
                .join("\n")
        });
        ui.label(RichText::new(cx.t(Key::SgRulesHeading)).strong());
        let label =
            ui.label(RichText::new(cx.t(Key::SgRulesHelp)).color(theme::muted(ui.visuals())));
        ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(4)
                .desired_width(560.0),
        )
        .labelled_by(label.id);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let parsed: Vec<SignalRule> = lines
            .iter()
            .filter_map(|l| SignalRule::from_line(l))
            .collect();
        let bad = lines.len() - parsed.len();
        if bad > 0 {
            ui.colored_label(
                theme::danger(ui.visuals()),
                fill(cx.t(Key::SgBadLines), &[("n", &bad.to_string())]),
            );
        }
        let can_save = bad == 0 && !parsed.is_empty() && parsed != stored;
        if ui
            .add_enabled(can_save, egui::Button::new(cx.t(Key::SgSaveRules)))
            .clicked()
        {
            cx.commands
                .push(Command::Health(HealthCommand::SetSignalRules(parsed)));
        }
    }
}
