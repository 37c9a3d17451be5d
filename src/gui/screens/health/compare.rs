//! Compare: several groups on one chart for one metric over the chosen range.

use crate::gui::app::intents::Intent;
use std::collections::HashMap;

use chrono::NaiveDate;
use egui::RichText;
use egui_plot::Line;

use super::HealthScreen;
use super::data::{GroupSeries, HealthData};
use super::group_view::{line_points, rate_plot};
use super::labels::metric_key;
use crate::domain::health::{Metric, series};
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The compare view's choices and cache.
pub struct CompareState {
    pub groups: Vec<i64>,
    pub metric: Metric,
    cache: HashMap<i64, GroupSeries>,
}

impl Default for CompareState {
    fn default() -> Self {
        Self {
            groups: Vec::new(),
            metric: Metric::InteractionRate,
            cache: HashMap::new(),
        }
    }
}

impl CompareState {
    /// Drops the cached series.
    pub fn invalidate(&mut self) {
        self.cache.clear();
    }
}

/// Draws the compare view.
pub fn compare_ui(
    screen: &mut HealthScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &HealthData,
    (from, to): (NaiveDate, NaiveDate),
) {
    screen.range_bar_ui(ui, cx, data, false);
    let state = &mut screen.compare;
    if state.groups.is_empty() {
        // Start with the three weakest groups of the overview's order.
        state.groups = data.rows.iter().take(3).map(|r| r.group_id).collect();
    }
    ui.horizontal(|ui| {
        let label = ui.label(cx.t(Key::HlMetric));
        egui::ComboBox::from_id_salt("health_compare_metric")
            .selected_text(cx.t(metric_key(state.metric)))
            .width(160.0)
            .show_ui(ui, |ui| {
                for m in Metric::ALL {
                    ui.selectable_value(&mut state.metric, m, cx.t(metric_key(m)));
                }
            })
            .response
            .labelled_by(label.id);
        if ui.button(cx.t(Key::HlExportPng)).clicked() {
            let suggested = format!("compare_{}_{from}_{to}.png", state.metric.key());
            cx.intent(Intent::PickPngPath { suggested });
        }
    });
    let mut rect = None;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(200.0);
            ui.label(RichText::new(cx.t(Key::HlCompareGroups)).strong());
            egui::ScrollArea::vertical()
                .id_salt("health_compare_groups")
                .max_height(ui.available_height() - 8.0)
                .show(ui, |ui| {
                    for g in &data.groups {
                        let mut on = state.groups.contains(&g.id);
                        if ui.checkbox(&mut on, &g.name).changed() {
                            if on {
                                state.groups.push(g.id);
                            } else {
                                state.groups.retain(|x| *x != g.id);
                            }
                        }
                    }
                });
        });
        let metric = state.metric;
        let mut lines = Vec::new();
        for (i, id) in state.groups.iter().enumerate() {
            let fresh = state
                .cache
                .get(id)
                .is_some_and(|s| s.key == (*id, from, to));
            if !fresh {
                match GroupSeries::load(cx.store, *id, from, to) {
                    Ok(s) => {
                        state.cache.insert(*id, s);
                    }
                    Err(_) => continue,
                }
            }
            if let Some(s) = state.cache.get(id) {
                let points: Vec<_> = series(&s.days, metric)
                    .into_iter()
                    .filter(|(d, _)| *d >= from)
                    .collect();
                lines.push((data.name(*id).to_string(), line_points(&points, metric), i));
            }
        }
        let visuals = ui.visuals().clone();
        let percent = metric.is_percent();
        // Axes included (the plot's own rect is only its frame).
        let column = ui.vertical(|ui| {
            rate_plot("health_compare", percent).show(ui, |p| {
                for (name, points, i) in lines {
                    p.line(Line::new(name, points).color(theme::series_color(&visuals, i)));
                }
            });
        });
        rect = Some(column.response.rect);
    });
    if let Some(rect) = rect {
        screen.png.set_chart_rect(rect);
    }
}
