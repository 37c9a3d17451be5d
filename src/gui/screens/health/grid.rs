//! The daily stats grid: a group's stored days over the range (latest first, virtualised), and an
//! entry form above it for typing a day in by hand or correcting one. Saving goes through
//! `HealthCommand::SaveDay` (a transaction, undoable from the toast).

use chrono::NaiveDate;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::HealthScreen;
use super::data::HealthData;
use crate::domain::health::DayStats;
use crate::gui::commands::Command;
use crate::gui::commands::health::HealthCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::health::{Source, StoredDay, stored_days};

/// The editable fields, in form and column order.
const FIELDS: [Key; 10] = [
    Key::MetricMembers,
    Key::MetricJoins,
    Key::MetricLeaves,
    Key::MetricSpeakers,
    Key::MetricMessages,
    Key::HlExposure,
    Key::HlOrders,
    Key::HlOrderingMembers,
    Key::HlAmount,
    Key::HlCost,
];

/// The grid's state: the entry form and the rows read for the current group and range.
#[derive(Default)]
pub struct GridState {
    day: Option<NaiveDate>,
    fields: [String; 10],
    bad_input: bool,
    rows: Option<((i64, NaiveDate, NaiveDate), Vec<StoredDay>)>,
}

impl GridState {
    /// The rows are re-read on the next frame.
    pub fn invalidate(&mut self) {
        self.rows = None;
    }

    fn load_form(&mut self, s: &DayStats) {
        let values = values_of(s);
        for (slot, v) in self.fields.iter_mut().zip(values) {
            *slot = v;
        }
        self.day = Some(s.day);
        self.bad_input = false;
    }
}

fn int(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn money(v: Option<i64>) -> String {
    v.map(crate::domain::purchase::format_yuan)
        .unwrap_or_default()
}

fn values_of(s: &DayStats) -> [String; 10] {
    [
        int(s.members),
        int(s.joins),
        int(s.leaves),
        int(s.speakers),
        int(s.messages),
        int(s.exposure),
        int(s.orders),
        int(s.ordering_members),
        money(s.order_amount_cents),
        money(s.cost_cents),
    ]
}

/// A count field: empty is unknown; anything else must be a whole number ≥ 0.
fn parse_count(text: &str) -> Result<Option<i64>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i64>()
        .ok()
        .filter(|v| *v >= 0)
        .map(Some)
        .ok_or(())
}

/// A yuan amount as a person types it (`128.5`, `¥1,280`) in cents; empty is `None`.
fn parse_money(text: &str) -> Result<Option<i64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::purchase::parse_yuan(text)
        .map(Some)
        .ok_or(())
}

/// Reads the form into a day.
fn form_stats(day: NaiveDate, f: &[String; 10]) -> Result<DayStats, ()> {
    Ok(DayStats {
        day,
        members: parse_count(&f[0])?,
        joins: parse_count(&f[1])?,
        leaves: parse_count(&f[2])?,
        speakers: parse_count(&f[3])?,
        messages: parse_count(&f[4])?,
        exposure: parse_count(&f[5])?,
        orders: parse_count(&f[6])?,
        ordering_members: parse_count(&f[7])?,
        order_amount_cents: parse_money(&f[8])?,
        cost_cents: parse_money(&f[9])?,
    })
}

fn source_key(source: Source) -> Key {
    match source {
        Source::Manual => Key::HlSourceManual,
        Source::Wecom => Key::HlSourceWecom,
        Source::Chat => Key::HlSourceChat,
    }
}

/// Draws the grid view.
pub fn grid_ui(
    screen: &mut HealthScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &HealthData,
    (from, to): (NaiveDate, NaiveDate),
) {
    screen.range_bar_ui(ui, cx, data, true);
    let Some(group_id) = screen.group else { return };
    let state = &mut screen.grid;
    let key = (group_id, from, to);
    if state.rows.as_ref().is_some_and(|(k, _)| k.0 != group_id) {
        // Another group: the form starts afresh on its latest day.
        state.day = None;
    }
    if state.rows.as_ref().is_none_or(|(k, _)| *k != key) {
        let rows = cx.read(stored_days(cx.store.conn(), group_id, from, to));
        state.rows = Some((key, rows.into_iter().rev().collect()));
    }
    if state.day.is_none() {
        // Open on the latest day, with its stored numbers to correct.
        let latest = state.rows.as_ref().and_then(|(_, rows)| {
            rows.iter()
                .find(|r| r.stats.day == data.last)
                .map(|r| r.stats)
        });
        match latest {
            Some(s) => state.load_form(&s),
            None => state.day = Some(data.last),
        }
    }
    let mut day = state.day.unwrap_or(data.last);
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(cx.t(Key::HlDay));
            if crate::gui::widgets::date_picker::date_ui(ui, "health_grid_day", &mut day) {
                let existing = state.rows.as_ref().and_then(|(_, rows)| {
                    rows.iter().find(|r| r.stats.day == day).map(|r| r.stats)
                });
                match existing {
                    Some(s) => state.load_form(&s),
                    None => state.fields = Default::default(),
                }
            }
            state.day = Some(day);
            for (i, key) in FIELDS.iter().enumerate() {
                let label = ui.label(cx.t(*key));
                ui.add(egui::TextEdit::singleline(&mut state.fields[i]).desired_width(64.0))
                    .labelled_by(label.id);
            }
            if ui
                .button(RichText::new(cx.t(Key::HlSaveDay)).strong())
                .clicked()
            {
                match form_stats(day, &state.fields) {
                    Ok(stats) => {
                        state.bad_input = false;
                        cx.commands
                            .push(Command::Health(HealthCommand::SaveDay { group_id, stats }));
                    }
                    Err(()) => state.bad_input = true,
                }
            }
            if ui.button(cx.t(Key::HlDeleteDay)).clicked() {
                cx.commands
                    .push(Command::Health(HealthCommand::DeleteDay { group_id, day }));
            }
        });
        if state.bad_input {
            ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::HlBadNumber));
        }
    });
    ui.add_space(6.0);
    let rows: &[StoredDay] = state.rows.as_ref().map_or(&[], |(_, r)| r.as_slice());
    let mut edit = None;
    TableBuilder::new(ui)
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(96.0))
        .columns(Column::initial(72.0).at_least(48.0), FIELDS.len())
        .column(Column::initial(76.0))
        .column(Column::remainder().at_least(60.0))
        .header(24.0, |mut h| {
            h.col(|ui| {
                ui.label(RichText::new(cx.t(Key::HlDay)).strong());
            });
            for key in FIELDS {
                h.col(|ui| {
                    ui.label(RichText::new(cx.t(key)).strong().small());
                });
            }
            h.col(|ui| {
                ui.label(RichText::new(cx.t(Key::HlSource)).strong());
            });
            h.col(|_| {});
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                let Some(r) = rows.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(r.stats.day.to_string());
                });
                for v in values_of(&r.stats) {
                    row.col(|ui| {
                        ui.label(if v.is_empty() { "—".to_string() } else { v });
                    });
                }
                row.col(|ui| {
                    ui.label(cx.t(source_key(r.source)));
                });
                row.col(|ui| {
                    if ui.small_button(cx.t(Key::HlEdit)).clicked() {
                        edit = Some(r.stats);
                    }
                });
            });
        });
    if let Some(s) = edit {
        state.load_form(&s);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn form_numbers() {
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count(" 12 "), Ok(Some(12)));
        assert!(parse_count("-1").is_err());
        assert!(parse_count("1.5").is_err());
        assert_eq!(parse_money("12.5"), Ok(Some(1250)));
        assert_eq!(parse_money("0.05"), Ok(Some(5)));
        assert_eq!(parse_money("300"), Ok(Some(30000)));
        assert!(parse_money("1.234").is_err());
        assert!(parse_money(".").is_err());
        assert_eq!(money(Some(1250)), "12.50");
    }
}
