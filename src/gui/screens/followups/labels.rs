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

/// The shared menu over `options` with an "any" entry for `None`.
pub fn optional_choice_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    any: &str,
    value: &mut Option<T>,
    options: &[(T, &str)],
) -> bool {
    crate::gui::widgets::choice::choice_ui(ui, id_salt, label, Some(any), value, options)
}

pub use crate::gui::widgets::date_picker::date_ui;
