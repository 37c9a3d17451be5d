//! One group over a range: members as a line with joins/leaves as bars, the chosen rates as lines
//! (hover shows the day and value), the period's figures from summed counts and the week-over-week
//! change at the range's end. Export the shown days as CSV or the charts as PNG.

use crate::gui::app::intents::Intent;
use chrono::{Datelike, NaiveDate};
use egui::RichText;
use egui_plot::{Bar, BarChart, HoverPosition, Legend, Line, Plot, PlotPoints};

use super::HealthScreen;
use super::data::{GroupSeries, HealthData};
use super::labels::metric_key;
use crate::domain::health::{
    Metric, format_value, period_rates, period_value, series, totals, week_over_week, window,
};
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// Rates the user can put on the rate chart.
pub const RATE_METRICS: [Metric; 7] = [
    Metric::InteractionRate,
    Metric::LeaveRate,
    Metric::JoinRate,
    Metric::MessagesPerMember,
    Metric::Conversion,
    Metric::AvgOrderValue,
    Metric::Roi,
];

/// The y axes' width, the same for the stacked charts so their days line up.
const AXIS_WIDTH: f32 = 44.0;

/// A metric's `(day, value)` points.
type DaySeries = Vec<(NaiveDate, Option<f64>)>;

/// A day as a plot x coordinate.
pub fn x_of(day: NaiveDate) -> f64 {
    f64::from(day.num_days_from_ce())
}

/// A plot x coordinate back as a day label.
pub fn day_label(x: f64) -> String {
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
        .map(|d| d.format("%m-%d").to_string())
        .unwrap_or_default()
}

fn full_day(x: f64) -> String {
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// A metric's value as the chart plots it (percentages in %).
pub fn plotted(metric: Metric, v: f64) -> f64 {
    if metric.is_percent() { v * 100.0 } else { v }
}

/// The hover read-out: series name, day and value.
pub fn hover_text(pos: &HoverPosition<'_>, percent: bool) -> Option<String> {
    match pos {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => {
            let value = if percent {
                format!("{:.1}%", position.y)
            } else if position.y.fract() == 0.0 {
                format!("{:.0}", position.y)
            } else {
                format!("{:.2}", position.y)
            };
            Some(format!("{plot_name}\n{}: {value}", full_day(position.x)))
        }
        HoverPosition::Elsewhere { position } => Some(full_day(position.x)),
    }
}

/// A chart over days: day labels on x, the hover read-out, no scroll-zoom (the page scrolls).
pub fn day_plot(id: &'static str, percent: bool) -> Plot<'static> {
    Plot::new(id)
        .x_axis_formatter(|m, _| day_label(m.value))
        .label_formatter(move |pos| hover_text(pos, percent))
        .allow_scroll(false)
}

/// A chart of rates over days: [`day_plot`] with a legend and `%` marks where they are percent.
pub fn rate_plot(id: &'static str, percent: bool) -> Plot<'static> {
    day_plot(id, percent)
        .legend(Legend::default())
        .y_axis_formatter(move |m, _| axis_value(m.value, percent))
}

/// A y-axis mark: `12%` for percentages.
pub fn axis_value(v: f64, percent: bool) -> String {
    if percent {
        format!("{v}%")
    } else {
        format!("{v}")
    }
}

/// A line of `(day, value)` points; undefined days break nothing (they are left out).
pub fn line_points(points: &[(NaiveDate, Option<f64>)], metric: Metric) -> PlotPoints<'static> {
    points
        .iter()
        .filter_map(|(d, v)| v.map(|v| [x_of(*d), plotted(metric, v)]))
        .collect::<Vec<_>>()
        .into()
}

fn wow_text(
    lang: Lang,
    metric: Metric,
    days: &[crate::domain::health::DayStats],
    to: NaiveDate,
) -> String {
    let w = week_over_week(days, to, metric);
    let delta = match w.delta {
        None => "—".to_string(),
        Some(d) if metric.is_percent() => format!("{:+.1} pt", d * 100.0),
        Some(d) => {
            // Counts change by whole numbers: "+3", not "+3.00".
            let change = if d.fract() == 0.0 {
                format!("{d:+.0}")
            } else {
                format!("{d:+.2}")
            };
            match w.relative {
                Some(r) => format!("{change} ({:+.0}%)", r * 100.0),
                None => change,
            }
        }
    };
    fill(
        lang.t(Key::HlWowValue),
        &[
            ("cur", &format_value(metric, w.current)),
            ("prev", &format_value(metric, w.previous)),
            ("delta", &delta),
        ],
    )
}

/// Draws the group view.
pub fn group_ui(
    screen: &mut HealthScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &HealthData,
) {
    screen.range_bar_ui(ui, cx, data, true);
    let Some(group_id) = screen.group else { return };
    let (from, to) = screen.range_days(data.last);
    if screen
        .group_series
        .as_ref()
        .is_none_or(|s| s.key != (group_id, from, to))
    {
        match GroupSeries::load(cx.store, group_id, from, to) {
            Ok(s) => screen.group_series = Some(s),
            Err(e) => {
                ui.colored_label(theme::danger(ui.visuals()), e.to_string());
                return;
            }
        }
    }
    let Some(gs) = screen.group_series.as_ref() else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(cx.t(Key::HlRates));
        for metric in RATE_METRICS {
            let mut on = screen.rates.contains(&metric);
            if ui.checkbox(&mut on, cx.t(metric_key(metric))).changed() {
                if on {
                    screen.rates.push(metric);
                } else {
                    screen.rates.retain(|m| *m != metric);
                }
            }
        }
        ui.add_space(12.0);
        if ui.button(cx.t(Key::HlExportCsv)).clicked() {
            cx.intent(Intent::ExportHealthCsv { group_id, from, to });
        }
        if ui.button(cx.t(Key::HlExportPng)).clicked() {
            let suggested = format!("{}_{from}_{to}.png", data.name(group_id));
            cx.intent(Intent::PickPngPath { suggested });
        }
    });
    let all = &gs.days;
    let shown = gs.in_range();
    let rates_width = 330.0;
    let chart_width = (ui.available_width() - rates_width - 16.0).max(300.0);
    let mut plots_rect: Option<egui::Rect> = None;
    ui.horizontal_top(|ui| {
        // The whole chart column, axes and titles included, is what a PNG export saves.
        plots_rect = Some(
            ui.vertical(|ui| {
                ui.set_width(chart_width);
                let height = ((ui.available_height() - 80.0) / 3.0).clamp(110.0, 260.0);
                ui.label(RichText::new(cx.t(Key::HlMembersChart)).strong());
                let link = egui::Id::unique("health_x");
                let members = series(all, Metric::Members);
                let members: Vec<_> = members.into_iter().filter(|(d, _)| *d >= from).collect();
                let members_name = cx.t(Key::MetricMembers);
                let accent = theme::accent(ui.visuals());
                day_plot("health_members", false)
                    .height(height)
                    .link_axis(link, [true, false])
                    .y_axis_min_width(AXIS_WIDTH)
                    .link_cursor(link, [true, false])
                    .show(ui, |p| {
                        p.line(
                            Line::new(members_name, line_points(&members, Metric::Members))
                                .color(accent),
                        );
                    });
                let joins: Vec<Bar> = shown
                    .iter()
                    .filter_map(|d| d.joins.map(|j| Bar::new(x_of(d.day), j as f64).width(0.8)))
                    .collect();
                let leaves: Vec<Bar> = shown
                    .iter()
                    .filter_map(|d| {
                        d.leaves
                            .map(|l| Bar::new(x_of(d.day), -(l as f64)).width(0.8))
                    })
                    .collect();
                let (jc, lc) = (
                    theme::joins_color(ui.visuals()),
                    theme::leaves_color(ui.visuals()),
                );
                let (jn, ln) = (cx.t(Key::MetricJoins), cx.t(Key::MetricLeaves));
                day_plot("health_flow", false)
                    .height(height * 0.7)
                    .link_axis(link, [true, false])
                    .y_axis_min_width(AXIS_WIDTH)
                    .link_cursor(link, [true, false])
                    .legend(Legend::default())
                    .show(ui, |p| {
                        p.bar_chart(BarChart::new(jn, joins).color(jc));
                        p.bar_chart(BarChart::new(ln, leaves).color(lc));
                    });
                ui.label(RichText::new(cx.t(Key::HlRatesChart)).strong());
                let rate_lines: Vec<(Metric, DaySeries)> = screen
                    .rates
                    .iter()
                    .map(|m| {
                        let s = series(all, *m)
                            .into_iter()
                            .filter(|(d, _)| *d >= from)
                            .collect();
                        (*m, s)
                    })
                    .collect();
                let lang = cx.lang;
                let visuals = ui.visuals().clone();
                let percent = screen.rates.iter().all(|m| m.is_percent());
                rate_plot("health_rates", percent)
                    .height(height)
                    .link_axis(link, [true, false])
                    .y_axis_min_width(AXIS_WIDTH)
                    .link_cursor(link, [true, false])
                    .show(ui, |p| {
                        for (i, (metric, points)) in rate_lines.iter().enumerate() {
                            p.line(
                                Line::new(
                                    lang.t(metric_key(*metric)),
                                    line_points(points, *metric),
                                )
                                .color(theme::series_color(&visuals, i)),
                            );
                        }
                    });
            })
            .response
            .rect,
        );
        ui.vertical(|ui| {
            ui.set_width(rates_width);
            readouts_ui(ui, cx, all, from, to);
        });
    });
    if let Some(rect) = plots_rect {
        screen.png.set_chart_rect(rect);
    }
}

/// The period's figures and week-over-week change, one line per metric.
fn readouts_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    all: &[crate::domain::health::DayStats],
    from: NaiveDate,
    to: NaiveDate,
) {
    let (before, slice) = window(all, from, to);
    let t = totals(before, slice);
    let r = period_rates(&t, None);
    ui.label(RichText::new(cx.t(Key::HlPeriod)).strong());
    ui.label(
        RichText::new(format!("{from} – {to}"))
            .small()
            .color(theme::muted(ui.visuals())),
    );
    egui::Grid::new("health_readouts")
        .num_columns(2)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for metric in Metric::ALL {
                ui.label(cx.t(metric_key(metric)));
                ui.label(format_value(metric, period_value(metric, &t, &r)));
                ui.end_row();
            }
            ui.label(cx.t(Key::MetricRetention));
            ui.label(format_value(Metric::InteractionRate, r.retention));
            ui.end_row();
        });
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(cx.t(Key::HlWow)).strong());
    for metric in [
        Metric::InteractionRate,
        Metric::LeaveRate,
        Metric::NetGrowth,
        Metric::Messages,
    ] {
        ui.label(format!(
            "{}{}{}",
            cx.t(metric_key(metric)),
            cx.lang.label_colon(),
            wow_text(cx.lang, metric, all, to)
        ));
    }
}
