//! The month overview: every day of the weeks covering the month with its item count, how many
//! were sent, how many groups got nothing (gaps) and how many are overdue; a click opens that week.

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use super::fields::weekday_key;
use super::{CalendarView, ContentScreen, now, today};
use crate::domain::content::coverage::day_summaries;
use crate::domain::content::month_grid;
use crate::domain::content::rhythm::WEEKDAYS;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

impl ContentScreen {
    pub(super) fn month_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let grid = month_grid(self.anchor);
        let days: Vec<NaiveDate> = grid.iter().flatten().copied().collect();
        let groups: Vec<i64> = match self.group_filter {
            Some(id) => vec![id],
            None => self.lookups.groups.iter().map(|g| g.id).collect(),
        };
        let summaries = day_summaries(&days, &groups, &self.month_items, now());
        let month = self.anchor.month();
        let width = ((ui.available_width() - 60.0) / 7.0).max(110.0);
        let today = today();
        let mut open: Option<NaiveDate> = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("content_month_grid")
                    .spacing(egui::vec2(6.0, 6.0))
                    .show(ui, |ui| {
                        for weekday in WEEKDAYS {
                            ui.label(RichText::new(cx.t(weekday_key(weekday))).strong());
                        }
                        ui.end_row();
                        for week in summaries.chunks(7) {
                            for summary in week {
                                let mut lines = vec![summary.day.format("%m-%d").to_string()];
                                if summary.planned > 0 {
                                    lines.push(fill(
                                        cx.t(Key::CtDayCounts),
                                        &[
                                            ("n", &summary.planned.to_string()),
                                            ("sent", &summary.sent.to_string()),
                                        ],
                                    ));
                                } else {
                                    lines.push(cx.t(Key::CtDayEmpty).to_string());
                                }
                                if summary.groups_without > 0 && !groups.is_empty() {
                                    lines.push(fill(
                                        cx.t(Key::CtDayGaps),
                                        &[("n", &summary.groups_without.to_string())],
                                    ));
                                }
                                if summary.overdue > 0 {
                                    lines.push(fill(
                                        cx.t(Key::CtDayOverdue),
                                        &[("n", &summary.overdue.to_string())],
                                    ));
                                }
                                let visuals = ui.visuals();
                                let mut rich = RichText::new(lines.join("\n"));
                                if summary.day.month() != month {
                                    rich = rich.color(theme::muted(visuals));
                                } else if summary.overdue > 0
                                    || (summary.groups_without > 0 && summary.day >= today)
                                {
                                    rich = rich.color(theme::danger(visuals));
                                }
                                let button = egui::Button::new(rich)
                                    .min_size(egui::vec2(width, 72.0))
                                    .selected(summary.day == today);
                                if ui.add(button).clicked() {
                                    open = Some(summary.day);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some(day) = open {
            self.anchor = day;
            self.view = CalendarView::Week;
        }
    }
}
