//! The rhythm tab: a grid of rhythm lines (time, column, label; a tick per weekday; the groups it
//! serves), a form to add a line (daily SOP slots are lines ticked every day), and "generate"
//! for a date range.

use chrono::{Duration, NaiveDate};
use egui::RichText;

use super::Lookups;
use super::fields::{date_ui, name_widget, text_ui, weekday_key};
use crate::domain::content::rhythm::{RhythmLine, WEEKDAYS};
use crate::domain::content::{format_time, parse_time, week_start};
use crate::gui::commands::Command;
use crate::gui::commands::content::ContentCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

/// The rhythm tab's UI state: the add-line form, the time being edited, the generation range.
pub(crate) struct RhythmState {
    new_time: String,
    new_column: Option<i64>,
    new_label: String,
    new_weekdays: [bool; 7],
    /// The line whose time is being typed, and the text so far.
    editing: Option<(usize, String)>,
    from: NaiveDate,
    to: NaiveDate,
}

impl Default for RhythmState {
    fn default() -> Self {
        let monday = week_start(crate::gui::clock::today());
        Self {
            new_time: "07:30".into(),
            new_column: None,
            new_label: String::new(),
            new_weekdays: [true; 7],
            editing: None,
            from: monday,
            to: monday + Duration::days(27),
        }
    }
}

fn save(cx: &mut ScreenCtx<'_>, old: &RhythmLine, line: RhythmLine) {
    cx.commands
        .push(Command::Content(ContentCommand::SaveRhythmLine {
            old: Some(old.clone()),
            line,
        }));
}

impl RhythmState {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        ui.label(RichText::new(cx.t(Key::CtRhythmHint)).color(theme::muted(ui.visuals())));
        ui.add_space(6.0);
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .max_height(ui.available_height() - 150.0)
            .show(ui, |ui| {
                self.grid_ui(ui, cx, lookups);
            });
        ui.separator();
        self.add_ui(ui, cx, lookups);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(cx.t(Key::CtGenerateRange)).strong());
            ui.label(cx.t(Key::CtFrom));
            date_ui(ui, "generate_from", &mut self.from);
            ui.label(cx.t(Key::CtTo));
            date_ui(ui, "generate_to", &mut self.to);
            let valid = self.to >= self.from && (self.to - self.from).num_days() <= 366;
            if ui
                .add_enabled(valid, egui::Button::new(cx.t(Key::CtGenerate)))
                .on_hover_text(cx.t(Key::CtGenerateHint))
                .clicked()
            {
                cx.commands.push(Command::Content(ContentCommand::Generate {
                    from: self.from,
                    to: self.to,
                }));
            }
        });
    }

    fn grid_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        if lookups.lines.is_empty() {
            ui.label(cx.t(Key::CtRhythmEmpty));
            return;
        }
        egui::Grid::new("rhythm_grid")
            .striped(true)
            .spacing(egui::vec2(10.0, 6.0))
            .show(ui, |ui| {
                for key in [Key::CtTime, Key::CtColumn, Key::CtLabel] {
                    ui.label(RichText::new(cx.t(key)).strong());
                }
                for weekday in WEEKDAYS {
                    ui.label(RichText::new(cx.t(weekday_key(weekday))).strong());
                }
                ui.label(RichText::new(cx.t(Key::CtTabGroups)).strong());
                ui.end_row();
                for (index, line) in lookups.lines.iter().enumerate() {
                    self.time_cell_ui(ui, cx, index, line);
                    match lookups.column(Some(line.column_id)) {
                        Some(column) => ui.label(
                            RichText::new(&column.name)
                                .color(theme::hex(&column.color))
                                .strong(),
                        ),
                        None => ui.label("?"),
                    };
                    ui.label(if line.label.is_empty() {
                        "—"
                    } else {
                        line.label.as_str()
                    });
                    for (day, weekday) in WEEKDAYS.into_iter().enumerate() {
                        let mut on = line.weekdays[day];
                        let hover = cx.t(weekday_key(weekday));
                        let response = ui.checkbox(&mut on, "").on_hover_text(hover);
                        name_widget(
                            ui,
                            &response,
                            &format!("{hover} {}", format_time(line.time)),
                        );
                        if response.changed() {
                            let mut edited = line.clone();
                            edited.weekdays[day] = on;
                            save(cx, line, edited);
                        }
                    }
                    self.groups_cell_ui(ui, cx, lookups, line);
                    if ui.small_button(cx.t(Key::Delete)).clicked() {
                        cx.commands
                            .push(Command::Content(ContentCommand::DeleteRhythmLine(
                                line.clone(),
                            )));
                    }
                    ui.end_row();
                }
            });
    }

    fn time_cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        index: usize,
        line: &RhythmLine,
    ) {
        let mut text = match &self.editing {
            Some((i, text)) if *i == index => text.clone(),
            _ => format_time(line.time),
        };
        let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(56.0));
        let name = format!("{} {}", cx.t(Key::CtTime), format_time(line.time));
        name_widget(ui, &response, &name);
        if response.has_focus() || response.changed() {
            self.editing = Some((index, text.clone()));
        }
        if response.lost_focus() {
            if let Some(time) = parse_time(&text).filter(|t| *t != line.time) {
                let mut edited = line.clone();
                edited.time = time;
                save(cx, line, edited);
            }
            self.editing = None;
        }
    }

    fn groups_cell_ui(
        &self,
        ui: &mut egui::Ui,
        cx: &mut ScreenCtx<'_>,
        lookups: &Lookups,
        line: &RhythmLine,
    ) {
        let title = fill(
            cx.t(Key::CtGroupCount),
            &[("n", &line.group_ids.len().to_string())],
        );
        ui.menu_button(title, |ui| {
            let mut all = lookups
                .groups
                .iter()
                .all(|g| line.group_ids.contains(&g.id));
            if ui.checkbox(&mut all, cx.t(Key::CtAllGroups)).changed() {
                let mut edited = line.clone();
                edited.group_ids = if all {
                    lookups.groups.iter().map(|g| g.id).collect()
                } else {
                    Default::default()
                };
                save(cx, line, edited);
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for group in &lookups.groups {
                        let mut on = line.group_ids.contains(&group.id);
                        if ui.checkbox(&mut on, &group.name).changed() {
                            let mut edited = line.clone();
                            if on {
                                edited.group_ids.insert(group.id);
                            } else {
                                edited.group_ids.remove(&group.id);
                            }
                            save(cx, line, edited);
                        }
                    }
                });
        });
    }

    fn add_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, lookups: &Lookups) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(cx.t(Key::CtAddRhythm)).strong());
            text_ui(ui, cx.t(Key::CtTime), &mut self.new_time, 48.0);
            ui.label(cx.t(Key::CtColumn));
            for (id, name) in lookups.column_options() {
                ui.selectable_value(&mut self.new_column, Some(id), name);
            }
            ui.separator();
            text_ui(ui, cx.t(Key::CtLabel), &mut self.new_label, 110.0);
            for (day, weekday) in WEEKDAYS.into_iter().enumerate() {
                ui.checkbox(&mut self.new_weekdays[day], cx.t(weekday_key(weekday)));
            }
            let time = parse_time(&self.new_time);
            let column = self.new_column.and_then(|id| lookups.column(Some(id)));
            let ready = time.is_some() && column.is_some() && self.new_weekdays.contains(&true);
            let button = ui.add_enabled(ready, egui::Button::new(cx.t(Key::CtAddRhythmButton)));
            if button.clicked()
                && let (Some(time), Some(column)) = (time, column)
            {
                let groups: Vec<i64> = if column.group_ids.is_empty() {
                    lookups.groups.iter().map(|g| g.id).collect()
                } else {
                    column.group_ids.clone()
                };
                let mut line = RhythmLine::new(time, column.id, &self.new_label).for_groups(groups);
                line.weekdays = self.new_weekdays;
                cx.commands
                    .push(Command::Content(ContentCommand::SaveRhythmLine {
                        old: None,
                        line,
                    }));
                self.new_label.clear();
            }
        });
        ui.label(
            RichText::new(cx.t(Key::CtAddRhythmHint))
                .small()
                .color(theme::muted(ui.visuals())),
        );
    }
}
