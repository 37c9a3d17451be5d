//! 社群健康: every group at a glance (overview with sparklines, sortable), one group's charts over
//! a chosen range, several groups compared on one metric, the daily stats grid for hand entry,
//! and the alert thresholds. Series come from `domain::health`; this module only draws them.

mod chart_export;
mod chat_search_view;
mod compare;
mod data;
mod grid;
mod group_view;
mod labels;
mod overview;
mod questions_view;
mod signals_view;
mod thresholds;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};

use crate::domain::health::{Metric, SortKey};
use crate::domain::questions::ServiceSummary;
use crate::gui::app::intents::Intent;
use crate::gui::background_read::BackgroundRead;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::empty_state::empty_state_ui;
use crate::store::{Store, questions};

pub use data::{HealthData, RangeChoice};

/// The health screen's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Group,
    Compare,
    Grid,
    Questions,
    Signals,
    ChatSearch,
    Thresholds,
}

/// The health screen's state (UI state and read caches only).
pub struct HealthScreen {
    view: View,
    data: Option<HealthData>,
    /// The group of the group view and the grid.
    group: Option<i64>,
    range: RangeChoice,
    custom_from: NaiveDate,
    custom_to: NaiveDate,
    /// Rates drawn on the group view's rate chart.
    rates: Vec<Metric>,
    group_series: Option<data::GroupSeries>,
    compare: compare::CompareState,
    sort: (SortKey, bool),
    grid: grid::GridState,
    thresholds: thresholds::ThresholdsState,
    png: chart_export::PngExport,
    questions: questions_view::QuestionsState,
    signals: signals_view::SignalsState,
    chat_search: chat_search_view::ChatSearchState,
    /// The overview's 回复 column: each chat group's last 7 days, read on a worker (a pass over
    /// every group's messages, ≈0.4 s at 300 groups × 5M messages).
    service: BackgroundRead<HashMap<i64, ServiceSummary>>,
    /// The day the overview was last read "as of" (the service column follows it).
    data_last: Option<NaiveDate>,
}

impl Default for HealthScreen {
    fn default() -> Self {
        let today = crate::gui::clock::today();
        Self {
            view: View::Overview,
            data: None,
            group: None,
            range: RangeChoice::Last(30),
            custom_from: today - Duration::days(30),
            custom_to: today,
            rates: vec![Metric::InteractionRate, Metric::LeaveRate],
            group_series: None,
            compare: compare::CompareState::default(),
            sort: (SortKey::Interaction, true),
            grid: grid::GridState::default(),
            thresholds: thresholds::ThresholdsState::default(),
            png: chart_export::PngExport::default(),
            questions: questions_view::QuestionsState::default(),
            signals: signals_view::SignalsState::default(),
            chat_search: chat_search_view::ChatSearchState::default(),
            service: BackgroundRead::default(),
            data_last: None,
        }
    }
}

impl HealthScreen {
    /// Everything is re-read on the next frame (after a write or an import).
    pub fn invalidate(&mut self) {
        self.data = None;
        self.group_series = None;
        self.compare.invalidate();
        self.grid.invalidate();
        self.thresholds.invalidate();
        self.questions.invalidate();
        self.signals.invalidate();
        self.chat_search.invalidate();
        self.service.invalidate();
    }

    /// One group's day was written: only that group is re-read (everything when the write
    /// moved the overview's last day, or when the group's re-read fails).
    pub fn group_day_changed(&mut self, store: &Store, group_id: i64) {
        let refreshed = match &mut self.data {
            Some(data) => data
                .refresh_group(store, group_id, self.sort)
                .unwrap_or(false),
            None => true,
        };
        if !refreshed {
            self.data = None;
        }
        self.group_series = None;
        self.compare.invalidate();
        self.grid.invalidate();
    }

    /// Whether the overview's 回复 column is being read on a worker.
    pub fn is_reading(&self) -> bool {
        self.service.is_loading()
    }

    /// How many times the 回复 column was read (tests).
    pub fn service_reads(&self) -> u32 {
        self.service.reads()
    }

    /// The tab on display (tests).
    pub fn view(&self) -> View {
        self.view
    }

    /// The compare view's metric (tests).
    pub fn compare_metric(&self) -> Metric {
        self.compare.metric
    }

    /// The overview's group ids in display order (tests).
    pub fn overview_order(&self) -> Vec<i64> {
        self.data
            .as_ref()
            .map(|d| d.rows.iter().map(|r| r.group_id).collect())
            .unwrap_or_default()
    }

    /// Saves the chart on display as PNG at `path` (the App chose it with a dialog).
    pub fn export_png_to(&mut self, path: PathBuf) {
        self.png.start(path);
    }

    /// The range of the charts: `(from, to)`.
    fn range_days(&self, last: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self.range {
            RangeChoice::Last(n) => (last - Duration::days(n - 1), last),
            RangeChoice::Custom => (
                self.custom_from.min(self.custom_to),
                self.custom_to.max(self.custom_from),
            ),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        self.png.poll(ui.ctx(), cx);
        if self.data.is_none() {
            let today = crate::gui::clock::today();
            match HealthData::load(cx.store, today, self.sort) {
                Ok(d) => {
                    if self
                        .group
                        .is_none_or(|g| !d.groups.iter().any(|x| x.id == g))
                    {
                        self.group = d.rows.first().map(|r| r.group_id);
                    }
                    if self.data_last != Some(d.last) {
                        self.data_last = Some(d.last);
                        self.service.invalidate();
                    }
                    self.data = Some(d);
                }
                Err(e) => {
                    ui.colored_label(theme::danger(ui.visuals()), e.to_string());
                    return;
                }
            }
        }
        let Some(data) = self.data.take() else { return };
        // Wrapped, left to right: with eight tabs, a right-aligned part would sit on top of the
        // last tabs in a narrow window.
        ui.horizontal_wrapped(|ui| {
            ui.heading(cx.t(Key::NavHealth));
            ui.add_space(16.0);
            for (view, key) in [
                (View::Overview, Key::HlOverview),
                (View::Group, Key::HlGroup),
                (View::Compare, Key::HlCompare),
                (View::Grid, Key::HlGrid),
                (View::Questions, Key::HlQuestions),
                (View::Signals, Key::HlSignals),
                (View::ChatSearch, Key::HlChatSearch),
                (View::Thresholds, Key::HlThresholds),
            ] {
                if ui.selectable_label(self.view == view, cx.t(key)).clicked() {
                    self.view = view;
                }
            }
            ui.add_space(16.0);
            let day = data.last.to_string();
            ui.label(
                egui::RichText::new(fill(cx.t(Key::HlAsOf), &[("day", &day)]))
                    .color(theme::muted(ui.visuals())),
            );
            report_menu_ui(ui, cx, data.last);
        });
        ui.separator();
        if data.groups.is_empty() && self.view != View::Thresholds {
            empty_state_ui(ui, None, cx.t(Key::HlNoGroups));
            self.data = Some(data);
            return;
        }
        match self.view {
            View::Overview => {
                if !data.has_stats {
                    ui.label(
                        egui::RichText::new(cx.t(Key::HlEmpty)).color(theme::muted(ui.visuals())),
                    );
                }
                let last = data.last;
                let failed = self.service.poll(ui.ctx(), cx.store.path(), move |store| {
                    questions::service_by_group(
                        store.conn(),
                        last - Duration::days(6),
                        last,
                        questions::CHAT_OFFSET_MIN,
                    )
                });
                cx.read(failed.map_or(Ok(()), Err));
                let mut data = data;
                let service = self.service.get();
                if let Some(open) =
                    overview::overview_ui(ui, cx, &mut data, service, &mut self.sort)
                {
                    self.group = Some(open);
                    self.group_series = None;
                    self.view = View::Group;
                }
                self.data = Some(data);
                return;
            }
            View::Group => group_view::group_ui(self, ui, cx, &data),
            View::Compare => {
                let range = self.range_days(data.last);
                compare::compare_ui(self, ui, cx, &data, range);
            }
            View::Grid => {
                let range = self.range_days(data.last);
                grid::grid_ui(self, ui, cx, &data, range);
            }
            View::Questions => questions_view::questions_ui(self, ui, cx, &data),
            View::Signals => self.signals.ui(ui, cx, &data),
            View::ChatSearch => self.chat_search.ui(ui, cx, &data),
            View::Thresholds => self.thresholds.ui(ui, cx, &data),
        }
        self.data = Some(data);
    }

    /// The group picker and range buttons shared by the group, compare and grid views.
    fn range_bar_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ScreenCtx<'_>,
        data: &HealthData,
        with_group: bool,
    ) {
        ui.horizontal_wrapped(|ui| {
            if with_group {
                let label = ui.label(cx.t(Key::HlChooseGroup));
                let shown = self.group.map_or("", |g| data.name(g)).to_string();
                egui::ComboBox::from_id_salt("health_group")
                    .selected_text(shown)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for g in &data.groups {
                            if ui
                                .selectable_label(self.group == Some(g.id), &g.name)
                                .clicked()
                            {
                                self.group = Some(g.id);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.add_space(12.0);
            }
            ui.label(cx.t(Key::HlRange));
            for n in [7, 30, 90, 365] {
                let text = fill(cx.t(Key::HlDays), &[("n", &n.to_string())]);
                if ui
                    .selectable_label(self.range == RangeChoice::Last(n), text)
                    .clicked()
                {
                    self.range = RangeChoice::Last(n);
                }
            }
            if ui
                .selectable_label(self.range == RangeChoice::Custom, cx.t(Key::HlCustom))
                .clicked()
            {
                if self.range != RangeChoice::Custom {
                    let (from, to) = self.range_days(data.last);
                    self.custom_from = from;
                    self.custom_to = to;
                }
                self.range = RangeChoice::Custom;
            }
            if self.range == RangeChoice::Custom {
                crate::gui::widgets::date_picker::date_ui(ui, "health_from", &mut self.custom_from);
                ui.label("–");
                crate::gui::widgets::date_picker::date_ui(ui, "health_to", &mut self.custom_to);
            }
        });
    }
}

/// The last full week up to `last` (its Monday): on a Wednesday, the week before.
pub fn report_week(last: NaiveDate) -> NaiveDate {
    crate::domain::content::week_start(last + Duration::days(1)) - Duration::days(7)
}

/// 周报: the last full week's report as a long image, a web page or Markdown.
fn report_menu_ui(ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, last: NaiveDate) {
    use crate::export::report::ReportFormat;
    let monday = report_week(last);
    let sunday = monday + Duration::days(6);
    let title = fill(
        cx.t(Key::HlReport),
        &[("from", &monday.to_string()), ("to", &sunday.to_string())],
    );
    ui.menu_button(title, |ui| {
        for (key, format) in [
            (Key::HlReportPng, ReportFormat::Png),
            (Key::HlReportHtml, ReportFormat::Html),
            (Key::HlReportMarkdown, ReportFormat::Markdown),
        ] {
            if ui.button(cx.t(key)).clicked() {
                cx.intent(Intent::SaveWeeklyReport { monday, format });
                ui.close();
            }
        }
    });
}
