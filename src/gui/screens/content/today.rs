//! Today (a checklist per group, in time order: tick = sent) and coverage (per group for the
//! calendar's week: planned / sent per column, with groups that got no weekly-required column or
//! have an overdue item flagged).

use chrono::Duration;
use egui::RichText;

use super::fields::choice_ui;
use super::{ContentScreen, now, today};
use crate::domain::content::coverage::coverage;
use crate::domain::content::{Item, ItemStatus, format_time, week_start};
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::empty_state::empty_state_ui;

impl ContentScreen {
    pub(super) fn today_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(today().to_string()).strong());
            choice_ui(
                ui,
                "today_group",
                cx.t(Key::CtGroup),
                Some(cx.t(Key::CtAllGroups)),
                &mut self.today_group,
                self.lookups.group_options(),
            );
            let open = self
                .today_items
                .iter()
                .filter(|i| i.status.is_open())
                .count();
            let text = fill(
                cx.t(Key::CtTodayLeft),
                &[
                    ("n", &open.to_string()),
                    ("total", &self.today_items.len().to_string()),
                ],
            );
            ui.label(RichText::new(text).color(theme::muted(ui.visuals())));
        });
        ui.separator();
        if self.today_items.is_empty() {
            empty_state_ui(ui, None, cx.t(Key::CtTodayEmpty));
            return;
        }
        let mut groups: Vec<Option<i64>> = Vec::new();
        for item in &self.today_items {
            if !groups.contains(&item.group_id) {
                groups.push(item.group_id);
            }
        }
        groups.sort_by_key(|g| self.lookups.group_name(*g).to_string());
        let mut opened: Option<Item> = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for group in groups {
                    ui.label(RichText::new(self.lookups.group_name(group)).strong());
                    for item in self.today_items.iter().filter(|i| i.group_id == group) {
                        ui.horizontal(|ui| {
                            let mut sent = item.status == ItemStatus::Sent;
                            let label = format!(
                                "{} {}",
                                format_time(item.time),
                                item_title(item, &self.lookups)
                            );
                            if ui.checkbox(&mut sent, label).changed() {
                                let status = if sent {
                                    ItemStatus::Sent
                                } else {
                                    ItemStatus::Planned
                                };
                                cx.commands
                                    .push(Command::Content(ContentCommand::SetStatus {
                                        id: item.id,
                                        status,
                                    }));
                            }
                            if item.is_overdue(now()) {
                                ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::CtOverdue));
                            }
                            if ui.small_button(cx.t(Key::CtCopyBody)).clicked() {
                                ui.ctx().copy_text(item.body.clone());
                                cx.commands.push(Command::Refresh(Some(
                                    cx.t(Key::CtToastCopied).to_string(),
                                )));
                            }
                            if ui.small_button(cx.t(Key::Edit)).clicked() {
                                opened = Some(item.clone());
                            }
                        });
                    }
                    ui.add_space(theme::SECTION_GAP);
                }
            });
        if let Some(item) = opened {
            self.select(&item);
        }
    }

    pub(super) fn coverage_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let monday = week_start(self.anchor);
        ui.horizontal(|ui| {
            if ui.button(cx.t(Key::CtPrevWeek)).clicked() {
                self.anchor -= Duration::days(7);
            }
            if ui.button(cx.t(Key::CtThisWeek)).clicked() {
                self.anchor = today();
            }
            if ui.button(cx.t(Key::CtNextWeek)).clicked() {
                self.anchor += Duration::days(7);
            }
            ui.label(RichText::new(format!("{monday} – {}", monday + Duration::days(6))).strong());
        });
        let groups: Vec<i64> = self.lookups.groups.iter().map(|g| g.id).collect();
        let mut rows = coverage(&groups, &self.lookups.columns, &self.coverage_items, now());
        // Groups that need attention first; otherwise the groups' own (name) order.
        rows.sort_by_key(|r| !r.is_flagged());
        let flagged = rows.iter().filter(|r| r.is_flagged()).count();
        ui.label(fill(
            cx.t(Key::CtCoverageSummary),
            &[
                ("n", &flagged.to_string()),
                ("total", &rows.len().to_string()),
            ],
        ));
        ui.separator();
        if rows.is_empty() {
            empty_state_ui(ui, None, cx.t(Key::CtNoGroups));
            return;
        }
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("content_coverage")
                    .striped(true)
                    .spacing(egui::vec2(14.0, 6.0))
                    .show(ui, |ui| {
                        ui.label(RichText::new(cx.t(Key::CtGroup)).strong());
                        for column in &self.lookups.columns {
                            ui.label(
                                RichText::new(&column.name)
                                    .strong()
                                    .color(theme::hex(&column.color)),
                            );
                        }
                        ui.label(RichText::new(cx.t(Key::CtCoverageTotal)).strong());
                        ui.label(RichText::new(cx.t(Key::CtCoverageFlags)).strong());
                        ui.end_row();
                        for row in &rows {
                            ui.label(self.lookups.group_name(Some(row.group_id)));
                            for tally in &row.tallies {
                                ui.label(format!("{} / {}", tally.sent, tally.planned));
                            }
                            let (planned, sent) = row.totals();
                            ui.label(format!("{sent} / {planned}"));
                            let mut flags: Vec<String> = row
                                .missing_required
                                .iter()
                                .filter_map(|id| self.lookups.column(Some(*id)))
                                .map(|c| fill(cx.t(Key::CtFlagMissing), &[("column", &c.name)]))
                                .collect();
                            if row.overdue > 0 {
                                flags.push(fill(
                                    cx.t(Key::CtFlagOverdue),
                                    &[("n", &row.overdue.to_string())],
                                ));
                            }
                            if flags.is_empty() {
                                ui.label(
                                    RichText::new(cx.t(Key::CtFlagOk))
                                        .color(theme::accent(ui.visuals())),
                                );
                            } else {
                                ui.label(
                                    RichText::new(flags.join(cx.lang.list_separator()))
                                        .color(theme::danger(ui.visuals())),
                                );
                            }
                            ui.end_row();
                        }
                    });
            });
    }
}

/// The item's title, or its column's name when it has none.
fn item_title<'a>(item: &'a Item, lookups: &'a super::Lookups) -> &'a str {
    if item.title.is_empty() {
        lookups
            .column(item.column_id)
            .map_or("", |c| c.name.as_str())
    } else {
        &item.title
    }
}
