//! Small form pieces the content screen's tabs share: labelled text fields (so tests and screen
//! readers find them by label), an id choice with an "all" entry, a date picker over chrono dates,
//! and the words for weekdays and statuses.

use chrono::{NaiveDate, Weekday};

use crate::domain::content::ItemStatus;
use crate::export::plan::PlanLabels;
use crate::gui::i18n::{Key, Lang};

/// A single-line text field labelled `label`; returns its response.
pub(super) fn text_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    width: f32,
) -> egui::Response {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(width))
        .labelled_by(label.id)
}

/// A multi-line text field labelled `label`, on its own rows.
pub(super) fn multiline_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    rows: usize,
) -> egui::Response {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
}

/// The shared menu over `(id, name)` options; `none` (when given) is the entry for `None`.
pub(super) fn choice_ui<'a>(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    none: Option<&str>,
    value: &mut Option<i64>,
    options: impl Iterator<Item = (i64, &'a str)>,
) -> bool {
    let options: Vec<(i64, &str)> = options.collect();
    crate::gui::widgets::choice::choice_ui(ui, id_salt, label, none, value, &options)
}

/// A date picker over a chrono date (the shared widget).
pub(super) fn date_ui(ui: &mut egui::Ui, id_salt: &str, date: &mut NaiveDate) -> bool {
    crate::gui::widgets::date_picker::date_ui(ui, id_salt, date)
}

/// 周一 … 周日
pub(super) fn weekday_key(weekday: Weekday) -> Key {
    match weekday {
        Weekday::Mon => Key::CtMon,
        Weekday::Tue => Key::CtTue,
        Weekday::Wed => Key::CtWed,
        Weekday::Thu => Key::CtThu,
        Weekday::Fri => Key::CtFri,
        Weekday::Sat => Key::CtSat,
        Weekday::Sun => Key::CtSun,
    }
}

/// 计划 / 就绪 / 已发 / 跳过
pub(super) fn status_key(status: ItemStatus) -> Key {
    match status {
        ItemStatus::Planned => Key::CtStatusPlanned,
        ItemStatus::Ready => Key::CtStatusReady,
        ItemStatus::Sent => Key::CtStatusSent,
        ItemStatus::Skipped => Key::CtStatusSkipped,
    }
}

/// The words a plan export uses, in `lang`.
pub fn plan_labels(lang: Lang) -> PlanLabels<'static> {
    let t = |k| lang.t(k);
    PlanLabels {
        headers: [
            t(Key::CtDate),
            t(Key::CtTime),
            t(Key::CtGroup),
            t(Key::CtColumn),
            t(Key::CtTitle),
            t(Key::CtBody),
            t(Key::CtStatus),
            t(Key::CtNotes),
        ],
        statuses: ItemStatus::ALL.map(|s| t(status_key(s))),
        weekdays: crate::domain::content::rhythm::WEEKDAYS.map(|w| t(weekday_key(w))),
        title: t(Key::CtExportTitle),
    }
}

/// `#rrggbb` ↔ the colour picker's channels.
pub(super) fn hex_channels(hex: &str) -> [u8; 3] {
    crate::domain::tag::parse_hex_color(hex).unwrap_or([0x8a, 0x8f, 0x98])
}

/// The channels as `#rrggbb`.
pub(super) fn channels_hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Gives a widget with no visible label (a grid cell) an accessible name.
pub(super) fn name_widget(ui: &egui::Ui, response: &egui::Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}
