//! The i18n keys of the follow-up enums (triggers, channels, outcomes, segments, stages), shared by
//! the 跟进 screen, the customer detail panel and the customer book's filters.

use crate::domain::followup::{Channel, TaskOutcome, Trigger};
use crate::domain::segment::{Lifecycle, Segment};
use crate::gui::i18n::Key;

/// The label of a trigger.
pub fn trigger(t: Trigger) -> Key {
    match t {
        Trigger::Added => Key::TriggerAdded,
        Trigger::FirstPurchase => Key::TriggerFirstPurchase,
        Trigger::LatestPurchase => Key::TriggerLatestPurchase,
        Trigger::LatestContact => Key::TriggerLatestContact,
        Trigger::CustomDate => Key::TriggerCustom,
    }
}

/// The label of a channel.
pub fn channel(c: Channel) -> Key {
    match c {
        Channel::PrivateChat => Key::ChannelPrivate,
        Channel::Phone => Key::ChannelPhone,
        Channel::Moments => Key::ChannelMoments,
    }
}

/// The label of an outcome.
pub fn outcome(o: TaskOutcome) -> Key {
    match o {
        TaskOutcome::Replied => Key::OutcomeReplied,
        TaskOutcome::NoReply => Key::OutcomeNoReply,
        TaskOutcome::Deal => Key::OutcomeDeal,
        TaskOutcome::Declined => Key::OutcomeDeclined,
        TaskOutcome::Other => Key::OutcomeOther,
    }
}

/// The label of a value segment.
pub fn segment(s: Segment) -> Key {
    match s {
        Segment::Loyal => Key::SegLoyal,
        Segment::Bargain => Key::SegBargain,
        Segment::Need => Key::SegNeed,
        Segment::Low => Key::SegLow,
    }
}

/// The label of a lifecycle stage.
pub fn lifecycle(l: Lifecycle) -> Key {
    match l {
        Lifecycle::New => Key::LifeNew,
        Lifecycle::Active => Key::LifeActive,
        Lifecycle::Dormant => Key::LifeDormant,
    }
}

/// A combo box over `options` with an "any" entry for `None`, labelled for accessibility.
pub fn optional_choice_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    any: &str,
    value: &mut Option<T>,
    options: &[(T, &str)],
) -> bool {
    let current = value
        .and_then(|v| options.iter().find(|(o, _)| *o == v))
        .map(|(_, name)| *name)
        .unwrap_or(any)
        .to_string();
    let before = *value;
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(current)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for (option, name) in options {
                ui.selectable_value(value, Some(*option), *name);
            }
        })
        .response
        .labelled_by(label.id);
    before != *value
}

/// A date picker over a chrono date (the widget speaks jiff; converted at its edge).
pub fn date_ui(ui: &mut egui::Ui, id_salt: &str, value: &mut chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let mut picked =
        jiff::civil::Date::new(value.year() as i16, value.month() as i8, value.day() as i8)
            .unwrap_or_default();
    let changed = ui
        .add(egui_extras::DatePickerButton::new(&mut picked).id_salt(id_salt))
        .changed();
    if changed
        && let Some(d) = chrono::NaiveDate::from_ymd_opt(
            picked.year().into(),
            picked.month() as u32,
            picked.day() as u32,
        )
    {
        *value = d;
        return true;
    }
    false
}
