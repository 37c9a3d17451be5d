//! Words for the health screen's domain values: metric names, stages and their reasons, alerts.

use crate::domain::health::{Alert, Metric, Stage, StageReason, Trend, format_value};
use crate::gui::i18n::{Key, Lang, fill};

/// The name of a metric.
pub fn metric_key(metric: Metric) -> Key {
    match metric {
        Metric::Members => Key::MetricMembers,
        Metric::Joins => Key::MetricJoins,
        Metric::Leaves => Key::MetricLeaves,
        Metric::NetGrowth => Key::MetricNet,
        Metric::Speakers => Key::MetricSpeakers,
        Metric::Messages => Key::MetricMessages,
        Metric::JoinRate => Key::MetricJoinRate,
        Metric::LeaveRate => Key::MetricLeaveRate,
        Metric::InteractionRate => Key::MetricInteraction,
        Metric::MessagesPerMember => Key::MetricPerMember,
        Metric::Conversion => Key::MetricConversion,
        Metric::AvgOrderValue => Key::MetricAov,
        Metric::Roi => Key::MetricRoi,
    }
}

/// The name of a lifecycle stage.
pub fn stage_key(stage: Stage) -> Key {
    match stage {
        Stage::Founding => Key::StageFounding,
        Stage::Activation => Key::StageActivation,
        Stage::Retention => Key::StageRetention,
        Stage::Monetising => Key::StageMonetising,
        Stage::Spreading => Key::StageSpreading,
    }
}

/// The trend's words.
pub fn trend_key(trend: Trend) -> Key {
    match trend {
        Trend::Up => Key::HlTrendUp,
        Trend::Flat => Key::HlTrendFlat,
        Trend::Down => Key::HlTrendDown,
    }
}

fn pct(v: Option<f64>) -> String {
    format_value(Metric::InteractionRate, v)
}

/// Why the stage was chosen.
pub fn reason_text(lang: Lang, reason: &StageReason) -> String {
    match *reason {
        StageReason::Young { age_days } => {
            fill(lang.t(Key::ReasonYoung), &[("days", &age_days.to_string())])
        }
        StageReason::Growing {
            growth,
            interaction,
        } => fill(
            lang.t(Key::ReasonGrowing),
            &[
                ("growth", &pct(Some(growth))),
                ("rate", &pct(Some(interaction))),
            ],
        ),
        StageReason::Selling { orders, conversion } => fill(
            lang.t(Key::ReasonSelling),
            &[("orders", &orders.to_string()), ("rate", &pct(conversion))],
        ),
        StageReason::Warming { age_days } => fill(
            lang.t(Key::ReasonWarming),
            &[("days", &age_days.to_string())],
        ),
        StageReason::Mature {
            age_days,
            interaction,
        } => fill(
            lang.t(Key::ReasonMature),
            &[("days", &age_days.to_string()), ("rate", &pct(interaction))],
        ),
    }
}

/// One alert as a sentence.
pub fn alert_text(lang: Lang, alert: &Alert) -> String {
    match *alert {
        Alert::HighLeaveRate { rate, threshold } => fill(
            lang.t(Key::AlertHighLeave),
            &[("rate", &pct(Some(rate))), ("limit", &pct(Some(threshold)))],
        ),
        Alert::LowInteraction { days, threshold } => fill(
            lang.t(Key::AlertLowInteraction),
            &[
                ("days", &days.to_string()),
                ("limit", &pct(Some(threshold))),
            ],
        ),
        Alert::Silent { days } => fill(lang.t(Key::AlertSilent), &[("days", &days.to_string())]),
    }
}
