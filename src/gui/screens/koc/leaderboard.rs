//! The leaderboard: contributions per ambassador over the chosen period as a bar chart and a
//! table; clicking a name charts that ambassador's contributions day by day.

use chrono::{Datelike, NaiveDate};
use egui::RichText;
use egui_plot::{Bar, BarChart, Plot};

use super::{KocData, KocScreen};
use crate::domain::purchase::format_yuan;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::koc_views;

/// Bars drawn at most (the table lists everyone).
const CHART_BARS: usize = 12;

/// The period buttons shared with the candidates tab.
pub fn period_ui(screen: &mut KocScreen, ui: &mut egui::Ui, cx: &ScreenCtx<'_>, data: &KocData) {
    ui.horizontal(|ui| {
        ui.label(cx.t(Key::KocPeriod));
        for days in [7, 30, 90, 365] {
            let text = fill(cx.t(Key::KocLastDays), &[("n", &days.to_string())]);
            if ui
                .selectable_label(screen.period_days == days, text)
                .clicked()
            {
                screen.set_period(days);
            }
        }
        ui.label(
            RichText::new(format!("{} – {}", data.from, data.today))
                .color(theme::muted(ui.visuals())),
        );
    });
}

pub fn leaderboard_ui(
    screen: &mut KocScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &KocData,
) {
    period_ui(screen, ui, cx, data);
    if data.leaders.is_empty() {
        ui.label(RichText::new(cx.t(Key::KocNoContributions)).color(theme::muted(ui.visuals())));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("koc_leaderboard")
        .auto_shrink(false)
        .show(ui, |ui| leaders_ui(screen, ui, cx, data));
}

fn leaders_ui(screen: &mut KocScreen, ui: &mut egui::Ui, cx: &ScreenCtx<'_>, data: &KocData) {
    let names: Vec<String> = data
        .leaders
        .iter()
        .take(CHART_BARS)
        .map(|l| l.name.clone())
        .collect();
    let bars: Vec<Bar> = data
        .leaders
        .iter()
        .take(CHART_BARS)
        .enumerate()
        .map(|(i, l)| {
            Bar::new(i as f64, f64::from(l.contributions))
                .name(&l.name)
                .width(0.7)
        })
        .collect();
    let colour = theme::accent(ui.visuals());
    Plot::new("koc_leaderboard")
        .height(200.0)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            names.get(i as usize).cloned().unwrap_or_default()
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new(cx.t(Key::KocContributions), bars).color(colour));
        });
    egui::Grid::new("koc_leaders")
        .striped(true)
        .num_columns(5)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for key in [
                Key::KocRank,
                Key::KocCustomer,
                Key::KocContributions,
                Key::KocValue,
                Key::KocAmount,
            ] {
                ui.label(RichText::new(cx.t(key)).strong());
            }
            ui.end_row();
            for (i, l) in data.leaders.iter().enumerate() {
                ui.label((i + 1).to_string());
                let picked = screen
                    .charted
                    .as_ref()
                    .is_some_and(|(id, _)| *id == l.customer_id);
                if ui.selectable_label(picked, &l.name).clicked() {
                    let series = cx.read(koc_views::contributions_per_day(
                        cx.store.conn(),
                        l.customer_id,
                        data.from,
                        data.today,
                    ));
                    screen.charted = Some((l.customer_id, series));
                    screen.scroll_to_chart = true;
                }
                ui.label(l.contributions.to_string());
                ui.label(super::board::trim_number(l.value));
                ui.label(if l.amount_cents > 0 {
                    format_yuan(l.amount_cents)
                } else {
                    "—".into()
                });
                ui.end_row();
            }
        });
    if let Some((id, series)) = &screen.charted {
        let chart = ui
            .scope(|ui| person_chart_ui(ui, cx, data, *id, series))
            .response;
        if std::mem::take(&mut screen.scroll_to_chart) {
            chart.scroll_to_me(Some(egui::Align::Center));
        }
    }
}

/// One ambassador's contributions per day over the period.
fn person_chart_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    data: &KocData,
    customer_id: i64,
    series: &[(NaiveDate, u32)],
) {
    let name = data
        .leaders
        .iter()
        .find(|l| l.customer_id == customer_id)
        .map_or("", |l| l.name.as_str());
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(fill(cx.t(Key::KocPersonChart), &[("name", name)])).strong());
    let bars: Vec<Bar> = series
        .iter()
        .map(|(day, n)| Bar::new(f64::from(day.num_days_from_ce()), f64::from(*n)).width(0.8))
        .collect();
    let (from, to) = (data.from, data.today);
    let colour = theme::series_color(ui.visuals(), 1);
    Plot::new("koc_person")
        .height(160.0)
        .allow_scroll(false)
        .include_x(f64::from(from.num_days_from_ce()))
        .include_x(f64::from(to.num_days_from_ce()))
        .include_y(0.0)
        .x_axis_formatter(|mark, _| {
            NaiveDate::from_num_days_from_ce_opt(mark.value.round() as i32)
                .map(|d| d.format("%m-%d").to_string())
                .unwrap_or_default()
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new(cx.t(Key::KocContributions), bars).color(colour));
        });
}
