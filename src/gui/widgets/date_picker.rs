//! A date picker over a chrono date: egui_extras' widget speaks jiff, converted here at its edge.

use chrono::{Datelike, NaiveDate};
use egui_extras::DatePickerButton;

/// Shows a date picker button for `date`; returns whether the user picked another day.
pub fn date_ui(ui: &mut egui::Ui, id_salt: &str, date: &mut NaiveDate) -> bool {
    let mut picked =
        jiff::civil::Date::new(date.year() as i16, date.month() as i8, date.day() as i8)
            .unwrap_or_default();
    let changed = ui
        .add(
            DatePickerButton::new(&mut picked)
                .id_salt(id_salt)
                .calendar_week(false),
        )
        .changed();
    if changed
        && let Some(d) = NaiveDate::from_ymd_opt(
            picked.year().into(),
            picked.month() as u32,
            picked.day() as u32,
        )
    {
        *date = d;
        return true;
    }
    false
}
