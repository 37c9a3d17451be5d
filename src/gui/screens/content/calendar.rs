//! The calendar tab: a toolbar (week navigation, week/month, group and column filters, generate,
//! new item, exports), the week view (days across, times down, items coloured by column) and the
//! month overview (per-day counts and gaps; a click opens that week).

use crate::gui::app::intents::Intent;
use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use egui::RichText;

use super::fields::{choice_ui, plan_labels, weekday_key};
use super::{CalendarView, ContentScreen, Lookups, now, today};
use crate::domain::content::{Item, ItemStatus, format_time, month_bounds, week_days, week_start};
use crate::export::plan::markdown;
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::empty_state::empty_state_ui;
use crate::store::content_items::{self, ItemFilter};

/// Items shown per cell before "+N more".
const CELL_LIMIT: usize = 6;
/// Width of the time column.
const TIME_COLUMN: f32 = 48.0;

/// What a chip carries while it is dragged to another day or time.
struct DraggedItem(i64);

/// Which crowded cells the user opened up.
#[derive(Debug, Default)]
pub(super) struct CalendarState {
    expanded: HashSet<(NaiveDate, NaiveTime)>,
}

/// One item as a chip: status mark, (group ·) title, on a tint of its column's colour.
pub(super) fn chip_ui(
    ui: &mut egui::Ui,
    item: &Item,
    lookups: &Lookups,
    show_group: bool,
) -> egui::Response {
    let visuals = ui.visuals().clone();
    let column = lookups.column(item.column_id);
    let color = column.map_or(theme::muted(&visuals), |c| theme::hex(&c.color));
    let (fill_color, text_color) = theme::chip_colors(&visuals, color);
    let mark = match item.status {
        ItemStatus::Planned => "○",
        ItemStatus::Ready => "●",
        ItemStatus::Sent => "√",
        ItemStatus::Skipped => "×",
    };
    let title = if item.title.is_empty() {
        column.map_or("", |c| c.name.as_str())
    } else {
        item.title.as_str()
    };
    let text = if show_group {
        format!("{mark} {} · {title}", lookups.group_name(item.group_id))
    } else {
        format!("{mark} {title}")
    };
    // Done items fade rather than being struck through (a line through 汉字 makes them
    // unreadable); the mark in front says which state an item is in, the legend explains it.
    let (fill_color, text_color) = if item.status.is_open() {
        (fill_color, text_color)
    } else {
        (fill_color.gamma_multiply(0.4), theme::muted(&visuals))
    };
    let rich = RichText::new(text).small().color(text_color);
    let mut button = egui::Button::new(rich)
        .fill(fill_color)
        .truncate()
        .min_size(egui::vec2(ui.available_width(), 0.0));
    if item.is_overdue(now()) {
        button = button.stroke(egui::Stroke::new(1.5, theme::danger(&visuals)));
    }
    let response = ui.add(button.sense(egui::Sense::click_and_drag()));
    response.dnd_set_drag_payload(DraggedItem(item.id));
    if item.body.is_empty() {
        response
    } else {
        response.on_hover_text(&item.body)
    }
}

/// What a chip's mark and border mean, on one line above the week.
fn status_legend_ui(ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
    let muted = theme::muted(ui.visuals());
    let danger = theme::danger(ui.visuals());
    ui.horizontal(|ui| {
        ui.label(RichText::new(cx.t(Key::CtLegend)).color(muted));
        ui.label(RichText::new(cx.t(Key::CtLegendOverdue)).color(danger));
    });
}

impl ContentScreen {
    pub(super) fn calendar_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        self.calendar_toolbar_ui(ui, cx);
        ui.separator();
        match self.view {
            CalendarView::Week => self.week_ui(ui, cx),
            CalendarView::Month => self.month_ui(ui, cx),
        }
    }

    fn range(&self) -> (NaiveDate, NaiveDate) {
        match self.view {
            CalendarView::Week => {
                let monday = week_start(self.anchor);
                (monday, monday + Duration::days(6))
            }
            CalendarView::Month => month_bounds(self.anchor),
        }
    }

    fn calendar_toolbar_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let (from, to) = self.range();
        ui.horizontal_wrapped(|ui| {
            let (back, forward, current) = match self.view {
                CalendarView::Week => (Key::CtPrevWeek, Key::CtNextWeek, Key::CtThisWeek),
                CalendarView::Month => (Key::CtPrevMonth, Key::CtNextMonth, Key::CtThisMonth),
            };
            let step = |day: NaiveDate, forward: bool, view| match view {
                CalendarView::Week => day + Duration::days(if forward { 7 } else { -7 }),
                CalendarView::Month => {
                    let first = day.with_day(1).unwrap_or(day);
                    let months = chrono::Months::new(1);
                    if forward {
                        first.checked_add_months(months)
                    } else {
                        first.checked_sub_months(months)
                    }
                    .unwrap_or(day)
                }
            };
            if ui.button(cx.t(back)).clicked() {
                self.anchor = step(self.anchor, false, self.view);
            }
            if ui.button(cx.t(current)).clicked() {
                self.anchor = today();
            }
            if ui.button(cx.t(forward)).clicked() {
                self.anchor = step(self.anchor, true, self.view);
            }
            ui.label(RichText::new(format!("{from} – {to}")).strong());
            ui.separator();
            ui.selectable_value(&mut self.view, CalendarView::Week, cx.t(Key::CtWeekView));
            ui.selectable_value(&mut self.view, CalendarView::Month, cx.t(Key::CtMonthView));
            ui.separator();
            choice_ui(
                ui,
                "content_group_filter",
                cx.t(Key::CtGroup),
                Some(cx.t(Key::CtAllGroups)),
                &mut self.group_filter,
                self.lookups.group_options(),
            );
            choice_ui(
                ui,
                "content_column_filter",
                cx.t(Key::CtColumn),
                Some(cx.t(Key::CtAllColumns)),
                &mut self.column_filter,
                self.lookups.column_options(),
            );
        });
        ui.horizontal_wrapped(|ui| {
            let generate = match self.view {
                CalendarView::Week => Key::CtGenerateWeek,
                CalendarView::Month => Key::CtGenerateMonth,
            };
            if ui
                .button(cx.t(generate))
                .on_hover_text(cx.t(Key::CtGenerateHint))
                .clicked()
            {
                cx.commands
                    .push(Command::Content(ContentCommand::Generate { from, to }));
            }
            if ui.button(cx.t(Key::CtNewItem)).clicked() {
                let day = if (from..=to).contains(&today()) {
                    today()
                } else {
                    from
                };
                let column = self
                    .column_filter
                    .and_then(|id| self.lookups.column(Some(id)));
                let mut item =
                    Item::blank(day, column.and_then(|c| c.default_time).unwrap_or_default());
                item.group_id = self
                    .group_filter
                    .or(self.lookups.groups.first().map(|g| g.id));
                item.column_id = column.map(|c| c.id);
                item.title = cx.t(Key::CtNewItemTitle).to_string();
                item.body = column.map(|c| c.template.clone()).unwrap_or_default();
                cx.commands
                    .push(Command::Content(ContentCommand::CreateItem(Box::new(item))));
            }
            ui.separator();
            for (key, as_markdown) in [(Key::CtExportCsv, false), (Key::CtExportMarkdown, true)] {
                if ui.button(cx.t(key)).clicked() {
                    cx.intent(Intent::ExportPlan {
                        from,
                        to,
                        group_id: self.group_filter,
                        column_id: self.column_filter,
                        markdown: as_markdown,
                    });
                }
            }
            if ui.button(cx.t(Key::CtCopyMarkdown)).clicked() {
                let filter = ItemFilter {
                    from,
                    to,
                    group_id: self.group_filter,
                    column_id: self.column_filter,
                };
                match content_items::plan_rows(cx.store.conn(), &filter) {
                    Ok(rows) => {
                        ui.ctx()
                            .copy_text(markdown(&rows, from, to, &plan_labels(cx.lang)));
                        let toast = fill(
                            cx.t(Key::CtToastMarkdownCopied),
                            &[("n", &rows.len().to_string())],
                        );
                        cx.commands.push(Command::Refresh(Some(toast)));
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
        });
    }

    fn week_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        if self.week_items.is_empty() {
            empty_state_ui(
                ui,
                Some(cx.t(Key::CtEmptyWeekTitle)),
                cx.t(Key::CtEmptyWeek),
            );
            return;
        }
        status_legend_ui(ui, cx);
        let days = week_days(week_start(self.anchor));
        let mut rows: BTreeMap<NaiveTime, [Vec<&Item>; 7]> = BTreeMap::new();
        for item in &self.week_items {
            let index = (item.day - days[0]).num_days().clamp(0, 6) as usize;
            rows.entry(item.time).or_default()[index].push(item);
        }
        let show_group = self.group_filter.is_none();
        // Seven equal day columns fill the width (a scroll bar's worth spared); narrow windows scroll.
        let spacing = 6.0;
        let column_width =
            ((ui.available_width() - TIME_COLUMN - 8.0 * spacing - 16.0) / 7.0).max(130.0);
        let mut clicked: Option<Item> = None;
        let mut expand: Option<(NaiveDate, NaiveTime)> = None;
        let mut dropped: Option<(i64, (NaiveDate, NaiveTime))> = None;
        let today = today();
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("content_week_grid")
                    .striped(true)
                    .min_col_width(TIME_COLUMN)
                    .spacing(egui::vec2(spacing, spacing))
                    .show(ui, |ui| {
                        ui.label("");
                        for day in days {
                            let text = format!(
                                "{} {}",
                                cx.t(weekday_key(day.weekday())),
                                day.format("%m-%d")
                            );
                            let mut rich = RichText::new(text).strong();
                            if day == today {
                                rich = rich.color(theme::accent(ui.visuals()));
                            }
                            ui.vertical(|ui| {
                                ui.set_width(column_width);
                                ui.label(rich);
                            });
                        }
                        ui.end_row();
                        for (time, cells) in &rows {
                            ui.label(
                                RichText::new(format_time(*time)).color(theme::muted(ui.visuals())),
                            );
                            for (index, cell) in cells.iter().enumerate() {
                                let key = (days[index], *time);
                                let cell_response = ui.vertical(|ui| {
                                    ui.set_width(column_width);
                                    ui.set_min_height(24.0);
                                    let limit = if self.calendar.expanded.contains(&key) {
                                        usize::MAX
                                    } else {
                                        CELL_LIMIT
                                    };
                                    for item in cell.iter().take(limit) {
                                        if chip_ui(ui, item, &self.lookups, show_group).clicked() {
                                            clicked = Some((*item).clone());
                                        }
                                    }
                                    if cell.len() > limit {
                                        let more = fill(
                                            cx.t(Key::CtMore),
                                            &[("n", &(cell.len() - limit).to_string())],
                                        );
                                        if ui.small_button(more).clicked() {
                                            expand = Some(key);
                                        }
                                    }
                                });
                                let response = cell_response.response;
                                if response.dnd_hover_payload::<DraggedItem>().is_some() {
                                    let stroke =
                                        egui::Stroke::new(2.0, theme::accent(ui.visuals()));
                                    ui.painter().rect_stroke(
                                        response.rect,
                                        4.0,
                                        stroke,
                                        egui::StrokeKind::Outside,
                                    );
                                }
                                if let Some(dragged) = response.dnd_release_payload::<DraggedItem>()
                                {
                                    dropped = Some((dragged.0, key));
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some(key) = expand {
            self.calendar.expanded.insert(key);
        }
        if let Some(item) = clicked {
            self.select(&item);
        }
        if let Some((id, (day, time))) = dropped {
            let moved = self.week_items.iter().find(|i| i.id == id);
            if moved.is_some_and(|i| (i.day, i.time) != (day, time)) {
                cx.commands
                    .push(Command::Content(ContentCommand::MoveItem { id, day, time }));
            }
        }
    }
}
