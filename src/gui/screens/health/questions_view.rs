//! 待回复: customers' questions in one group's imported chats over the chosen range — how fast
//! the team answered each day (median first response, share in time) as charts, and one day's
//! questions as a list (late and unanswered first), each asker one click from their profile.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use egui::RichText;
use egui_plot::{Bar, BarChart, Line};

use super::HealthScreen;
use super::data::HealthData;
use super::group_view::{day_plot, rate_plot, x_of};
use crate::domain::questions::{
    Outcome, Question, ServiceRules, ServiceSummary, by_day, summarize,
};
use crate::gui::app::intents::Intent;
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::questions::{self, CHAT_OFFSET_MIN};

/// One group's questions over a range, read once per (group, range).
pub struct QuestionsData {
    key: (i64, NaiveDate, NaiveDate),
    rules: ServiceRules,
    questions: Vec<Question>,
    days: BTreeMap<NaiveDate, ServiceSummary>,
    total: ServiceSummary,
    /// Groups that have imported chat history (offered when this one has no questions).
    chat_groups: Vec<(i64, String)>,
}

impl QuestionsData {
    fn load(
        cx: &ScreenCtx<'_>,
        group: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> crate::store::Result<Self> {
        let conn = cx.store.conn();
        let rules = questions::service_rules(conn)?;
        let qs = questions::questions(conn, group, from, to, CHAT_OFFSET_MIN, &rules)?;
        Ok(Self {
            key: (group, from, to),
            days: by_day(&qs, &rules),
            total: summarize(&qs, &rules),
            chat_groups: if qs.is_empty() {
                questions::chat_groups(conn)?
            } else {
                Vec::new()
            },
            questions: qs,
            rules,
        })
    }
}

/// The view's state beyond the shared group and range.
#[derive(Default)]
pub struct QuestionsState {
    data: Option<QuestionsData>,
    /// The day whose questions are listed (`None` = the last day with questions).
    day: Option<NaiveDate>,
    /// List every question, not only those answered late or not at all.
    show_all: bool,
}

impl QuestionsState {
    pub fn invalidate(&mut self) {
        self.data = None;
    }
}

fn outcome_text(lang: Lang, outcome: Outcome) -> &'static str {
    lang.t(match outcome {
        Outcome::InTime => Key::QsInTime,
        Outcome::Late => Key::QsLate,
        Outcome::Never => Key::QsNever,
        Outcome::Open => Key::QsOpen,
    })
}

/// `25 分钟`, or `12 小时 34 分` from an hour on.
pub(super) fn minutes_text(lang: Lang, minutes: Option<f64>) -> String {
    let Some(m) = minutes else {
        return "—".into();
    };
    let m = m.round() as i64;
    if m < 60 {
        return fill(lang.t(Key::QsMinutes), &[("n", &m.to_string())]);
    }
    fill(
        lang.t(Key::QsHoursMinutes),
        &[("h", &(m / 60).to_string()), ("m", &(m % 60).to_string())],
    )
}

/// The share answered in time as `83%`, `—` without questions.
pub(super) fn share_text(s: &ServiceSummary) -> String {
    s.in_time_share()
        .map_or("—".into(), |v| format!("{:.0}%", v * 100.0))
}

/// The summary line: questions, share in time, median first response, late and unanswered.
fn summary_text(lang: Lang, s: &ServiceSummary) -> String {
    let share = share_text(s);
    fill(
        lang.t(Key::QsSummary),
        &[
            ("n", &s.questions.to_string()),
            ("share", &share),
            ("median", &minutes_text(lang, s.median_response_min)),
            ("late", &s.late.to_string()),
            ("never", &(s.never + s.open).to_string()),
        ],
    )
}

pub fn questions_ui(
    screen: &mut HealthScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &HealthData,
) {
    screen.range_bar_ui(ui, cx, data, true);
    let Some(group) = screen.group else { return };
    let (from, to) = screen.range_days(data.last);
    let state = &mut screen.questions;
    if state
        .data
        .as_ref()
        .is_none_or(|d| d.key != (group, from, to))
    {
        match QuestionsData::load(cx, group, from, to) {
            Ok(d) => {
                state.day = state.day.filter(|day| d.days.contains_key(day));
                state.data = Some(d);
            }
            Err(e) => {
                ui.colored_label(theme::danger(ui.visuals()), e.to_string());
                return;
            }
        }
    }
    let Some(qd) = state.data.as_ref() else {
        return;
    };
    ui.add_space(theme::SECTION_GAP);
    if qd.questions.is_empty() {
        ui.label(RichText::new(cx.t(Key::QsEmpty)).color(theme::muted(ui.visuals())));
        let others: Vec<_> = qd
            .chat_groups
            .iter()
            .filter(|(id, _)| *id != group)
            .collect();
        if !others.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(cx.t(Key::QsGroupsWithChat));
                for (id, name) in others.into_iter().take(12) {
                    if ui.button(name).clicked() {
                        screen.group = Some(*id);
                    }
                }
            });
        }
        return;
    }
    ui.label(RichText::new(summary_text(cx.lang, &qd.total)).strong());
    let rules_text = fill(
        cx.t(Key::QsRulesLine),
        &[
            ("n", &qd.rules.answer_within_min.to_string()),
            ("opens", &qd.rules.opens.format("%H:%M").to_string()),
            ("closes", &qd.rules.closes.format("%H:%M").to_string()),
        ],
    );
    ui.label(RichText::new(rules_text).color(theme::muted(ui.visuals())));
    ui.add_space(theme::SECTION_GAP);
    let chart_width = (ui.available_width() * 0.42).clamp(280.0, 520.0);
    let mut picked = None;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(chart_width);
            picked = charts_ui(ui, cx, qd);
        });
        ui.separator();
        ui.vertical(|ui| {
            let day = state
                .day
                .or_else(|| qd.days.keys().next_back().copied())
                .unwrap_or(to);
            list_ui(ui, cx, qd, day, &mut state.show_all, &mut state.day);
        });
    });
    if let Some(day) = picked {
        state.day = Some(day);
    }
}

/// Median first response per day (bars) and the share answered in time (line); clicking a bar's
/// day lists that day.
fn charts_ui(ui: &mut egui::Ui, cx: &ScreenCtx<'_>, qd: &QuestionsData) -> Option<NaiveDate> {
    let accent = theme::accent(ui.visuals());
    let warn = theme::leaves_color(ui.visuals());
    ui.label(RichText::new(cx.t(Key::QsMedianChart)).strong());
    let bars: Vec<Bar> = qd
        .days
        .iter()
        .filter_map(|(day, s)| {
            s.median_response_min
                .map(|m| Bar::new(x_of(*day), m).width(0.8))
        })
        .collect();
    let target = qd.rules.answer_within_min as f64;
    let span: Vec<[f64; 2]> = match (qd.days.keys().next(), qd.days.keys().next_back()) {
        (Some(a), Some(b)) => vec![[x_of(*a) - 0.5, target], [x_of(*b) + 0.5, target]],
        _ => Vec::new(),
    };
    let name = cx.t(Key::QsMedianSeries);
    let target_name = cx.t(Key::QsTargetSeries);
    let response = day_plot("questions_median", false)
        .height(150.0)
        .legend(egui_plot::Legend::default())
        .show(ui, |p| {
            p.bar_chart(BarChart::new(name, bars).color(accent));
            p.line(Line::new(target_name, span).color(warn));
            p.pointer_coordinate()
        });
    let clicked = response.response.clicked();
    let picked = response
        .inner
        .filter(|_| clicked)
        .and_then(|at| NaiveDate::from_num_days_from_ce_opt(at.x.round() as i32))
        .filter(|day| qd.days.contains_key(day));
    ui.label(RichText::new(cx.t(Key::QsShareChart)).strong());
    let points: Vec<[f64; 2]> = qd
        .days
        .iter()
        .filter_map(|(day, s)| s.in_time_share().map(|v| [x_of(*day), v * 100.0]))
        .collect();
    let share_name = cx.t(Key::QsShareSeries);
    rate_plot("questions_share", true)
        .height(150.0)
        .include_y(0.0)
        .include_y(100.0)
        .show(ui, |p| p.line(Line::new(share_name, points).color(accent)));
    picked
}

/// One day's questions: the day picker, then time · asker · question · wait · outcome.
fn list_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    qd: &QuestionsData,
    day: NaiveDate,
    show_all: &mut bool,
    chosen: &mut Option<NaiveDate>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(cx.t(Key::QsDay));
        egui::ComboBox::from_id_salt("questions_day")
            .selected_text(day.to_string())
            .show_ui(ui, |ui| {
                for (d, s) in qd.days.iter().rev() {
                    let text = format!("{d}  ({}/{})", s.in_time, s.questions);
                    if ui.selectable_label(*d == day, text).clicked() {
                        *chosen = Some(*d);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(show_all, cx.t(Key::QsShowAll));
    });
    if let Some(s) = qd.days.get(&day) {
        ui.label(summary_text(cx.lang, s));
    }
    ui.add_space(4.0);
    let shown: Vec<&Question> = qd
        .questions
        .iter()
        .filter(|q| q.at.date() == day && (*show_all || q.outcome != Outcome::InTime))
        .collect();
    if shown.is_empty() {
        ui.label(RichText::new(cx.t(Key::QsAllInTime)).color(theme::muted(ui.visuals())));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("questions_list")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("questions_grid")
                .num_columns(5)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for key in [
                        Key::QsColTime,
                        Key::QsColAsker,
                        Key::QsColQuestion,
                        Key::QsColWait,
                        Key::QsColOutcome,
                    ] {
                        ui.label(RichText::new(cx.t(key)).strong());
                    }
                    ui.end_row();
                    for q in shown {
                        question_row(ui, cx, q, &qd.rules);
                    }
                });
        });
}

fn question_row(ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, q: &Question, rules: &ServiceRules) {
    ui.label(q.at.format("%H:%M").to_string());
    match q.customer_id {
        Some(id) => {
            if ui
                .link(&q.asker)
                .on_hover_text(cx.t(Key::QsOpenCustomer))
                .clicked()
            {
                cx.intent(Intent::ShowCustomer(id));
            }
        }
        None => {
            ui.label(&q.asker);
        }
    }
    let text: String = q.text.chars().take(60).collect();
    ui.label(text).on_hover_text(&q.text);
    let wait = q
        .response_min(rules)
        .map(|m| m as f64)
        .map_or_else(|| "—".to_string(), |m| minutes_text(cx.lang, Some(m)));
    ui.label(wait);
    let color = match q.outcome {
        Outcome::InTime => theme::muted(ui.visuals()),
        Outcome::Late | Outcome::Open => theme::warning(ui.visuals()),
        Outcome::Never => theme::danger(ui.visuals()),
    };
    ui.colored_label(color, outcome_text(cx.lang, q.outcome));
    ui.end_row();
}
