//! The overview: one row per group with a sparkline of its members over the last year, current
//! 互动率 and 退群率, net growth, trend, stage with its reason, how fast questions in its chat were
//! answered over the last 7 days, and alerts. Sortable by any column;
//! rows are virtualised (only the visible ones are laid out), so 300 groups stay smooth.

use std::collections::HashMap;

use egui::{Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::data::HealthData;
use super::labels::{alert_text, reason_text, stage_key, trend_key};
use super::questions_view;
use crate::domain::health::{Metric, SortKey, format_value, sort_overview};
use crate::domain::questions::ServiceSummary;
use crate::gui::i18n::{Key, Lang};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

const ROW_HEIGHT: f32 = 30.0;
const SPARK_WIDTH: f32 = 150.0;

/// Draws a sparkline of `values` into `rect`.
pub fn sparkline_ui(ui: &egui::Ui, rect: egui::Rect, values: &[f32], color: Color32) {
    if values.len() < 2 {
        return;
    }
    let (min, max) = values
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let span = (max - min).max(1.0);
    let rect = rect.shrink2(egui::vec2(2.0, 5.0));
    let step = rect.width() / (values.len() - 1) as f32;
    // At most one point per pixel column: a year fits in 150 px without drawing 365 segments.
    let stride = ((values.len() as f32 / rect.width()).ceil() as usize).max(1);
    let mut points: Vec<egui::Pos2> = values
        .iter()
        .enumerate()
        .step_by(stride)
        .map(|(i, v)| {
            egui::pos2(
                rect.left() + step * i as f32,
                rect.bottom() - (v - min) / span * rect.height(),
            )
        })
        .collect();
    if let Some(v) = values.last() {
        let x = rect.right();
        let y = rect.bottom() - (v - min) / span * rect.height();
        points.push(egui::pos2(x, y));
    }
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(1.5, color)));
}

fn header_ui(ui: &mut egui::Ui, text: &str, key: SortKey, sort: &mut (SortKey, bool)) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        if ui.button(RichText::new(text).strong()).clicked() {
            if sort.0 == key {
                sort.1 = !sort.1;
            } else {
                *sort = (key, true);
            }
            changed = true;
        }
        if sort.0 == key {
            ui.label(if sort.1 { "↑" } else { "↓" });
        }
    });
    changed
}

/// Each chat group's last 7 days of 待回复 figures, read on a worker: `None` until they come.
pub type ServiceColumn<'a> = Option<&'a HashMap<i64, ServiceSummary>>;

/// Draws the overview; returns a group to open.
pub fn overview_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &mut HealthData,
    service: ServiceColumn<'_>,
    sort: &mut (SortKey, bool),
) -> Option<i64> {
    let mut open = None;
    let mut resort = false;
    let pct = |v: Option<f64>| format_value(Metric::InteractionRate, v);
    let spark = theme::sparkline_color(ui.visuals());
    let warn = theme::danger(ui.visuals());
    let muted = theme::muted(ui.visuals());
    TableBuilder::new(ui)
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(150.0).at_least(90.0).clip(true))
        .column(Column::exact(SPARK_WIDTH))
        .column(Column::initial(70.0))
        .column(Column::initial(105.0))
        .column(Column::initial(105.0))
        .column(Column::initial(80.0))
        .column(Column::initial(90.0))
        .column(Column::initial(90.0))
        .column(Column::initial(120.0))
        .column(Column::remainder().at_least(160.0).clip(true))
        .header(28.0, |mut h| {
            h.col(|ui| resort |= header_ui(ui, cx.t(Key::HlColGroup), SortKey::Name, sort));
            h.col(|ui| {
                ui.label(RichText::new(cx.t(Key::HlColTrend7)).strong());
            });
            h.col(|ui| resort |= header_ui(ui, cx.t(Key::HlColMembers), SortKey::Members, sort));
            h.col(|ui| {
                resort |= header_ui(ui, cx.t(Key::HlColInteraction), SortKey::Interaction, sort);
            });
            h.col(|ui| resort |= header_ui(ui, cx.t(Key::HlColLeave), SortKey::LeaveRate, sort));
            h.col(|ui| resort |= header_ui(ui, cx.t(Key::HlColNet), SortKey::NetGrowth, sort));
            h.col(|ui| {
                ui.label(RichText::new(cx.t(Key::HlColTrend)).strong());
            });
            h.col(|ui| resort |= header_ui(ui, cx.t(Key::HlColStage), SortKey::Stage, sort));
            h.col(|ui| {
                ui.label(RichText::new(cx.t(Key::HlColService)).strong())
                    .on_hover_text(cx.t(Key::HlColServiceHint));
            });
            h.col(|ui| resort |= header_ui(ui, cx.t(Key::HlColAlerts), SortKey::Alerts, sort));
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, data.rows.len(), |mut row| {
                let Some(r) = data.rows.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    if ui
                        .add(egui::Button::new(&r.name).frame(false))
                        .on_hover_text(cx.t(Key::HlOpenGroup))
                        .clicked()
                    {
                        open = Some(r.group_id);
                    }
                });
                row.col(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(SPARK_WIDTH, ROW_HEIGHT), Sense::hover());
                    sparkline_ui(ui, rect, &r.sparkline, spark);
                });
                row.col(|ui| {
                    ui.label(format_value(Metric::Members, r.members.map(|m| m as f64)));
                });
                row.col(|ui| {
                    ui.label(pct(r.interaction_7d));
                });
                row.col(|ui| {
                    ui.label(pct(r.leave_rate_7d));
                });
                row.col(|ui| {
                    ui.label(
                        r.net_growth_7d
                            .map_or("—".to_string(), |n| format!("{n:+}")),
                    );
                });
                row.col(|ui| {
                    ui.label(r.trend.map_or("—", |t| cx.t(trend_key(t))));
                });
                row.col(|ui| {
                    ui.label(cx.t(stage_key(r.stage)))
                        .on_hover_text(reason_text(cx.lang, &r.reason));
                });
                row.col(|ui| match service {
                    None => {
                        ui.label(RichText::new("…").color(muted));
                    }
                    Some(map) => {
                        ui.label(service_text(cx.lang, map.get(&r.group_id)));
                    }
                });
                row.col(|ui| {
                    if r.alerts.is_empty() {
                        ui.label(RichText::new(cx.t(Key::HlAlertsNone)).color(muted));
                    } else {
                        let text: Vec<String> =
                            r.alerts.iter().map(|a| alert_text(cx.lang, a)).collect();
                        let separator = cx.lang.list_separator();
                        // A cut-off cell shows its full text on hover by itself (a second
                        // tooltip here showed it twice).
                        ui.label(RichText::new(text.join(separator)).color(warn));
                    }
                });
            });
        });
    if resort {
        sort_overview(&mut data.rows, sort.0, sort.1);
    }
    open
}

/// A group's 回复 cell: the share of questions answered in time and the median first reply
/// ("—" for a group without chat history or without questions in the 7 days).
fn service_text(lang: Lang, summary: Option<&ServiceSummary>) -> String {
    let Some(s) = summary.filter(|s| s.questions > 0) else {
        return "—".into();
    };
    let share = questions_view::share_text(s);
    match s.median_response_min {
        Some(_) => format!(
            "{share} · {}",
            questions_view::minutes_text(lang, s.median_response_min)
        ),
        None => share,
    }
}
