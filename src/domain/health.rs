//! Group health (社群健康): the daily numbers of a group, the rates built from them, period
//! aggregation, week-over-week change, lifecycle stage and alerts. Everything the 社群健康 screen
//! and `qunzhu health` show is computed here; they only draw or print it.
//!
//! Metric definitions (one place, used everywhere):
//! - 进群率 join rate = joins ÷ entry-page exposure.
//! - 退群率 leave rate = leaves ÷ members at the start of the day (the previous day's closing
//!   members; when that day is unknown, closing members − joins + leaves). Over a period:
//!   Σ leaves ÷ (members at the start + Σ joins), the share of everyone who was in the group
//!   during the period who left — a new group starts from 0 members, and its first week's
//!   leavers are what the new-group alert is about.
//! - 互动率 interaction rate = speakers ÷ members (closing members of the day).
//! - 人均消息量 messages per member = messages ÷ members.
//! - 净增 net growth = joins − leaves.
//! - 留存率 retention over a period = members present at the start who are still in at the end ÷
//!   members at the start; from membership where it is known, else 1 − leaves ÷ start members
//!   (clamped to 0..=1, since leaves may include people who joined during the period).
//! - 转化率 conversion = ordering members ÷ members.
//! - 客单价 average order value = order amount ÷ orders (yuan).
//! - ROI = order amount ÷ cost.
//!
//! A division by zero, or by an unknown number, is `None` (shown as "—"), never 0, NaN or ∞.
//! Over a period every rate is computed from summed counts, never by averaging daily rates:
//! interaction and messages per member use member-days (Σ members over the days where both
//! numbers are known) as denominator.
//! Stage and alert rules are documented on [`infer_stage`] and [`alerts`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One group's numbers for one local day; `None` = unknown (distinct from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DayStats {
    pub day: NaiveDate,
    /// Members at the end of the day.
    pub members: Option<i64>,
    pub joins: Option<i64>,
    pub leaves: Option<i64>,
    /// Distinct members who sent a message.
    pub speakers: Option<i64>,
    /// Messages (system notices excluded).
    pub messages: Option<i64>,
    /// Entry-page exposure (people who saw the join page or QR code).
    pub exposure: Option<i64>,
    pub orders: Option<i64>,
    pub ordering_members: Option<i64>,
    pub order_amount_cents: Option<i64>,
    pub cost_cents: Option<i64>,
}

impl DayStats {
    /// A day with nothing known.
    pub fn empty(day: NaiveDate) -> Self {
        Self {
            day,
            ..Self::default()
        }
    }
}

/// One group's day from a WeCom statistics export, as the store takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingGroupDay {
    pub group_name: Option<String>,
    pub owner: Option<String>,
    /// 群ID.
    pub chat_id: Option<String>,
    /// 创群时间 (a snapshot export states it).
    pub created: Option<NaiveDate>,
    pub stats: DayStats,
}

/// One chat-export row, as the store takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingMessage {
    pub at_unix: i64,
    /// The local calendar day (never the UTC one).
    pub local_day: NaiveDate,
    /// WeChat message type (10000 = system notice).
    pub kind: i64,
    pub sub_kind: i64,
    pub text: String,
    /// Sender wxid ('' for system notices).
    pub sender: String,
    pub nick_name: String,
    pub remark: String,
    /// Sent by the exporting account (the team's side).
    pub own: bool,
}

/// `num ÷ den`, or `None` when either is unknown or the denominator is zero.
pub fn ratio(num: Option<i64>, den: Option<i64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d != 0 => Some(n as f64 / d as f64),
        _ => None,
    }
}

fn sub(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    Some(a? - b?)
}

/// Members at the start of `today`: yesterday's closing members, else today's closing members
/// minus joins plus leaves (unknown joins/leaves count as 0 only when the other is known).
pub fn start_members(yesterday: Option<&DayStats>, today: &DayStats) -> Option<i64> {
    if let Some(m) = yesterday
        .filter(|y| y.day.succ_opt() == Some(today.day))
        .and_then(|y| y.members)
    {
        return Some(m);
    }
    let members = today.members?;
    if today.joins.is_none() && today.leaves.is_none() {
        return None;
    }
    Some(members - today.joins.unwrap_or(0) + today.leaves.unwrap_or(0))
}

/// The metrics the screen can chart and sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    Members,
    Joins,
    Leaves,
    NetGrowth,
    Speakers,
    Messages,
    JoinRate,
    LeaveRate,
    InteractionRate,
    MessagesPerMember,
    Conversion,
    AvgOrderValue,
    Roi,
}

impl Metric {
    /// Every metric, in menu order.
    pub const ALL: [Metric; 13] = [
        Metric::Members,
        Metric::Joins,
        Metric::Leaves,
        Metric::NetGrowth,
        Metric::Speakers,
        Metric::Messages,
        Metric::JoinRate,
        Metric::LeaveRate,
        Metric::InteractionRate,
        Metric::MessagesPerMember,
        Metric::Conversion,
        Metric::AvgOrderValue,
        Metric::Roi,
    ];

    /// A stable key (CSV headers, JSON, settings).
    pub fn key(self) -> &'static str {
        match self {
            Metric::Members => "members",
            Metric::Joins => "joins",
            Metric::Leaves => "leaves",
            Metric::NetGrowth => "net_growth",
            Metric::Speakers => "speakers",
            Metric::Messages => "messages",
            Metric::JoinRate => "join_rate",
            Metric::LeaveRate => "leave_rate",
            Metric::InteractionRate => "interaction_rate",
            Metric::MessagesPerMember => "messages_per_member",
            Metric::Conversion => "conversion_rate",
            Metric::AvgOrderValue => "avg_order_value",
            Metric::Roi => "roi",
        }
    }

    /// Whether the value is a fraction shown as a percentage.
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            Metric::JoinRate | Metric::LeaveRate | Metric::InteractionRate | Metric::Conversion
        )
    }
}

/// The rates of one day (`None` where undefined).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DayRates {
    pub start_members: Option<i64>,
    pub net_growth: Option<i64>,
    pub join_rate: Option<f64>,
    pub leave_rate: Option<f64>,
    pub interaction_rate: Option<f64>,
    pub messages_per_member: Option<f64>,
    pub conversion_rate: Option<f64>,
    /// Yuan.
    pub avg_order_value: Option<f64>,
    pub roi: Option<f64>,
}

/// The rates of `today` (`yesterday` gives the members at the start of the day).
pub fn day_rates(yesterday: Option<&DayStats>, today: &DayStats) -> DayRates {
    let start = start_members(yesterday, today);
    DayRates {
        start_members: start,
        net_growth: sub(today.joins, today.leaves),
        join_rate: ratio(today.joins, today.exposure),
        leave_rate: ratio(today.leaves, start),
        interaction_rate: ratio(today.speakers, today.members),
        messages_per_member: ratio(today.messages, today.members),
        conversion_rate: ratio(today.ordering_members, today.members),
        avg_order_value: ratio(today.order_amount_cents, today.orders).map(|v| v / 100.0),
        roi: ratio(today.order_amount_cents, today.cost_cents),
    }
}

/// One value of a metric on one day.
pub fn day_value(metric: Metric, stats: &DayStats, rates: &DayRates) -> Option<f64> {
    let count = |v: Option<i64>| v.map(|v| v as f64);
    match metric {
        Metric::Members => count(stats.members),
        Metric::Joins => count(stats.joins),
        Metric::Leaves => count(stats.leaves),
        Metric::NetGrowth => count(rates.net_growth),
        Metric::Speakers => count(stats.speakers),
        Metric::Messages => count(stats.messages),
        Metric::JoinRate => rates.join_rate,
        Metric::LeaveRate => rates.leave_rate,
        Metric::InteractionRate => rates.interaction_rate,
        Metric::MessagesPerMember => rates.messages_per_member,
        Metric::Conversion => rates.conversion_rate,
        Metric::AvgOrderValue => rates.avg_order_value,
        Metric::Roi => rates.roi,
    }
}

/// The rates of every day of a day-ordered slice.
pub fn all_day_rates(days: &[DayStats]) -> Vec<DayRates> {
    days.iter()
        .enumerate()
        .map(|(i, d)| day_rates(i.checked_sub(1).and_then(|p| days.get(p)), d))
        .collect()
}

/// A metric's daily series over day-ordered stats: `(day, value)`, `None` where undefined.
pub fn series(days: &[DayStats], metric: Metric) -> Vec<(NaiveDate, Option<f64>)> {
    let rates = all_day_rates(days);
    days.iter()
        .zip(&rates)
        .map(|(d, r)| (d.day, day_value(metric, d, r)))
        .collect()
}

/// One group's day with every rate (`qunzhu health --json` prints these; CSV export writes them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayRow {
    pub group_id: i64,
    pub group: String,
    #[serde(flatten)]
    pub stats: DayStats,
    #[serde(flatten)]
    pub rates: DayRates,
}

/// Rows for the days of `days` (day-ordered) from `from` on; an earlier day only serves as the
/// previous day of the first.
pub fn day_rows(group_id: i64, group: &str, days: &[DayStats], from: NaiveDate) -> Vec<DayRow> {
    let rates = all_day_rates(days);
    days.iter()
        .zip(rates)
        .filter(|(d, _)| d.day >= from)
        .map(|(d, rates)| DayRow {
            group_id,
            group: group.to_string(),
            stats: *d,
            rates,
        })
        .collect()
}

/// Summed counts of a period; the source of every period rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PeriodTotals {
    pub days: i64,
    pub start_members: Option<i64>,
    pub end_members: Option<i64>,
    pub joins: Option<i64>,
    pub leaves: Option<i64>,
    pub speakers: Option<i64>,
    pub messages: Option<i64>,
    /// Σ members over days where speakers/messages are known (the denominator of per-member rates).
    pub member_days: Option<i64>,
    /// Σ speakers over the same days.
    pub speaker_days: Option<i64>,
    /// Σ messages over days where members and messages are known.
    pub message_days: Option<i64>,
    /// Σ members over those days.
    pub message_member_days: Option<i64>,
    pub exposure: Option<i64>,
    pub orders: Option<i64>,
    pub ordering_members: Option<i64>,
    /// Σ members over days where ordering members are known.
    pub ordering_member_days: Option<i64>,
    pub order_amount_cents: Option<i64>,
    pub cost_cents: Option<i64>,
}

fn add(total: &mut Option<i64>, v: Option<i64>) {
    if let Some(v) = v {
        *total = Some(total.unwrap_or(0) + v);
    }
}

/// Sums a period. `before` is the day before the period (for the start members), if known.
pub fn totals(before: Option<&DayStats>, days: &[DayStats]) -> PeriodTotals {
    let mut t = PeriodTotals {
        days: days.len() as i64,
        ..PeriodTotals::default()
    };
    if let Some(first) = days.first() {
        t.start_members = start_members(before, first);
    }
    t.end_members = days.iter().rev().find_map(|d| d.members);
    for d in days {
        add(&mut t.joins, d.joins);
        add(&mut t.leaves, d.leaves);
        add(&mut t.speakers, d.speakers);
        add(&mut t.messages, d.messages);
        add(&mut t.exposure, d.exposure);
        add(&mut t.orders, d.orders);
        add(&mut t.ordering_members, d.ordering_members);
        add(&mut t.order_amount_cents, d.order_amount_cents);
        add(&mut t.cost_cents, d.cost_cents);
        if let (Some(m), Some(s)) = (d.members, d.speakers) {
            add(&mut t.member_days, Some(m));
            add(&mut t.speaker_days, Some(s));
        }
        if let (Some(m), Some(msg)) = (d.members, d.messages) {
            add(&mut t.message_member_days, Some(m));
            add(&mut t.message_days, Some(msg));
        }
        if let (Some(m), Some(_)) = (d.members, d.ordering_members) {
            add(&mut t.ordering_member_days, Some(m));
        }
    }
    t
}

/// The rates of a period, from summed counts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PeriodRates {
    pub net_growth: Option<i64>,
    pub join_rate: Option<f64>,
    pub leave_rate: Option<f64>,
    pub interaction_rate: Option<f64>,
    pub messages_per_member: Option<f64>,
    pub retention: Option<f64>,
    pub conversion_rate: Option<f64>,
    pub avg_order_value: Option<f64>,
    pub roi: Option<f64>,
}

/// Period rates from totals; `still_in` is how many start members are still in at the end when
/// membership is known (it gives the exact retention).
pub fn period_rates(t: &PeriodTotals, still_in: Option<i64>) -> PeriodRates {
    PeriodRates {
        net_growth: sub(t.joins, t.leaves),
        join_rate: ratio(t.joins, t.exposure),
        leave_rate: ratio(t.leaves, t.start_members.map(|s| s + t.joins.unwrap_or(0))),
        interaction_rate: ratio(t.speaker_days, t.member_days),
        messages_per_member: ratio(t.message_days, t.message_member_days),
        retention: retention(t.start_members, still_in, t.leaves),
        conversion_rate: ratio(t.ordering_members, t.ordering_member_days),
        avg_order_value: ratio(t.order_amount_cents, t.orders).map(|v| v / 100.0),
        roi: ratio(t.order_amount_cents, t.cost_cents),
    }
}

/// 留存率: `still_in ÷ start` from membership, else `1 − leaves ÷ start` clamped to 0..=1.
pub fn retention(start: Option<i64>, still_in: Option<i64>, leaves: Option<i64>) -> Option<f64> {
    match still_in {
        Some(kept) => ratio(Some(kept), start),
        None => ratio(leaves, start).map(|r| (1.0 - r).clamp(0.0, 1.0)),
    }
}

/// A period metric value (counts are sums; members is the closing count).
pub fn period_value(metric: Metric, t: &PeriodTotals, r: &PeriodRates) -> Option<f64> {
    let count = |v: Option<i64>| v.map(|v| v as f64);
    match metric {
        Metric::Members => count(t.end_members),
        Metric::Joins => count(t.joins),
        Metric::Leaves => count(t.leaves),
        Metric::NetGrowth => count(r.net_growth),
        Metric::Speakers => count(t.speakers),
        Metric::Messages => count(t.messages),
        Metric::JoinRate => r.join_rate,
        Metric::LeaveRate => r.leave_rate,
        Metric::InteractionRate => r.interaction_rate,
        Metric::MessagesPerMember => r.messages_per_member,
        Metric::Conversion => r.conversion_rate,
        Metric::AvgOrderValue => r.avg_order_value,
        Metric::Roi => r.roi,
    }
}

/// The days of `days` (day-ordered) within `from..=to`, and the day before `from` if present.
pub fn window(
    days: &[DayStats],
    from: NaiveDate,
    to: NaiveDate,
) -> (Option<&DayStats>, &[DayStats]) {
    let start = days.partition_point(|d| d.day < from);
    let end = days.partition_point(|d| d.day <= to);
    let before = start
        .checked_sub(1)
        .and_then(|i| days.get(i))
        .filter(|d| from.pred_opt() == Some(d.day));
    (before, &days[start..end.max(start)])
}

/// A metric over the `n` days ending on `last` (inclusive).
pub fn trailing_value(days: &[DayStats], last: NaiveDate, n: i64, metric: Metric) -> Option<f64> {
    let from = last - chrono::Duration::days(n - 1);
    let (before, slice) = window(days, from, last);
    if slice.is_empty() {
        return None;
    }
    let t = totals(before, slice);
    period_value(metric, &t, &period_rates(&t, None))
}

/// Week-over-week: the metric over the 7 days ending on `last` against the 7 days before.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct WeekOverWeek {
    pub current: Option<f64>,
    pub previous: Option<f64>,
    /// current − previous (percentage points for rates).
    pub delta: Option<f64>,
    /// (current − previous) ÷ |previous|; `None` when previous is 0 or unknown.
    pub relative: Option<f64>,
}

/// Week-over-week change of `metric` at `last`.
pub fn week_over_week(days: &[DayStats], last: NaiveDate, metric: Metric) -> WeekOverWeek {
    let current = trailing_value(days, last, 7, metric);
    let previous = trailing_value(days, last - chrono::Duration::days(7), 7, metric);
    change(current, previous)
}

/// The change from `previous` to `current`.
pub fn change(current: Option<f64>, previous: Option<f64>) -> WeekOverWeek {
    let delta = current.zip(previous).map(|(c, p)| c - p);
    let relative = delta
        .zip(previous)
        .and_then(|(d, p)| (p != 0.0).then(|| d / p.abs()));
    WeekOverWeek {
        current,
        previous,
        delta,
        relative,
    }
}

/// Which way a group is going: its net growth over the last 7 days against its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Trend {
    Down,
    Flat,
    Up,
}

/// Up when the 7-day net growth exceeds +1% of the start members, down below −1%, else flat;
/// `None` when there are no members or no joins/leaves.
pub fn trend(days: &[DayStats], last: NaiveDate) -> Option<Trend> {
    let from = last - chrono::Duration::days(6);
    let (before, slice) = window(days, from, last);
    let t = totals(before, slice);
    let net = match (t.joins, t.leaves) {
        (None, None) => None,
        (j, l) => Some(j.unwrap_or(0) - l.unwrap_or(0)),
    };
    let change = ratio(net, t.start_members)?;
    Some(if change > 0.01 {
        Trend::Up
    } else if change < -0.01 {
        Trend::Down
    } else {
        Trend::Flat
    })
}

/// 社群生命周期.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Stage {
    /// 初建期
    Founding,
    /// 激活期
    Activation,
    /// 留存期
    Retention,
    /// 变现期
    Monetising,
    /// 传播期
    Spreading,
}

impl Stage {
    /// A stable key.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Founding => "founding",
            Stage::Activation => "activation",
            Stage::Retention => "retention",
            Stage::Monetising => "monetising",
            Stage::Spreading => "spreading",
        }
    }
}

/// Why a stage was chosen (numbers for the screen to show).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum StageReason {
    /// Younger than [`FOUNDING_DAYS`].
    Young { age_days: i64 },
    /// 30-day net growth (fraction of start members) and interaction both high.
    Growing { growth: f64, interaction: f64 },
    /// Orders in the last 30 days, with the conversion rate when known.
    Selling {
        orders: i64,
        conversion: Option<f64>,
    },
    /// Younger than [`ACTIVATION_DAYS`]: members are still being activated.
    Warming { age_days: i64 },
    /// Mature, no strong growth and no sales: keeping members is the work.
    Mature {
        age_days: i64,
        interaction: Option<f64>,
    },
}

/// A group younger than this is 初建期.
pub const FOUNDING_DAYS: i64 = 14;
/// A group younger than this (and not selling or spreading) is 激活期.
pub const ACTIVATION_DAYS: i64 = 60;
/// 30-day net growth above this share of start members counts as spreading…
pub const SPREADING_GROWTH: f64 = 0.10;
/// …when the 30-day interaction rate is at least this.
pub const SPREADING_INTERACTION: f64 = 0.10;

/// Infers the lifecycle stage at `last` for a group `age_days` old, checked in this order:
/// 初建期 when younger than 14 days; 传播期 when the last 30 days grew the group by more than
/// 10% net of its start members while at least 10% of members speak (members bring members);
/// 变现期 when the last 30 days have orders; 激活期 when younger than 60 days; else 留存期.
pub fn infer_stage(days: &[DayStats], last: NaiveDate, age_days: i64) -> (Stage, StageReason) {
    if age_days < FOUNDING_DAYS {
        return (Stage::Founding, StageReason::Young { age_days });
    }
    let from = last - chrono::Duration::days(29);
    let (before, slice) = window(days, from, last);
    let t = totals(before, slice);
    let r = period_rates(&t, None);
    let growth = ratio(r.net_growth, t.start_members);
    if let (Some(growth), Some(interaction)) = (growth, r.interaction_rate)
        && growth > SPREADING_GROWTH
        && interaction >= SPREADING_INTERACTION
    {
        return (
            Stage::Spreading,
            StageReason::Growing {
                growth,
                interaction,
            },
        );
    }
    if let Some(orders) = t.orders.filter(|o| *o > 0) {
        return (
            Stage::Monetising,
            StageReason::Selling {
                orders,
                conversion: r.conversion_rate,
            },
        );
    }
    if age_days < ACTIVATION_DAYS {
        return (Stage::Activation, StageReason::Warming { age_days });
    }
    (
        Stage::Retention,
        StageReason::Mature {
            age_days,
            interaction: r.interaction_rate,
        },
    )
}

/// Alert thresholds; editable on the screen and stored in settings as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// A group younger than this many days is "new" for the leave-rate alert.
    pub new_group_days: i64,
    /// Alert when a new group's 7-day 退群率 is above this fraction.
    pub new_group_leave_rate_7d: f64,
    /// Alert when 互动率 is under this fraction…
    pub low_interaction_rate: f64,
    /// …on each of this many consecutive latest days.
    pub low_interaction_days: i64,
    /// Alert when the latest this-many days have no messages.
    pub silent_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            new_group_days: 30,
            new_group_leave_rate_7d: 0.15,
            low_interaction_rate: 0.03,
            low_interaction_days: 3,
            silent_days: 2,
        }
    }
}

/// Something wrong with a group, with the numbers behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Alert {
    /// A new group's 7-day leave rate is above the threshold.
    HighLeaveRate { rate: f64, threshold: f64 },
    /// 互动率 under the threshold for `days` days in a row.
    LowInteraction { days: i64, threshold: f64 },
    /// No messages for `days` days.
    Silent { days: i64 },
}

/// The alerts at `last` (`days` ordered by day). Days without numbers never raise an alert: a
/// missing day breaks a "N days in a row" run.
pub fn alerts(days: &[DayStats], last: NaiveDate, age_days: i64, th: &Thresholds) -> Vec<Alert> {
    let mut out = Vec::new();
    if age_days < th.new_group_days
        && let Some(rate) = trailing_value(days, last, 7, Metric::LeaveRate)
        && rate > th.new_group_leave_rate_7d
    {
        out.push(Alert::HighLeaveRate {
            rate,
            threshold: th.new_group_leave_rate_7d,
        });
    }
    // Only the latest days matter (plus one before them for the start members).
    let span = th.low_interaction_days.max(th.silent_days).clamp(1, 3650);
    let (_, upto) = window(days, last - chrono::Duration::days(span), last);
    let rates = all_day_rates(upto);
    let recent = |n: i64| -> Option<(&[DayStats], &[DayRates])> {
        let n = usize::try_from(n).ok().filter(|n| *n > 0)?;
        let start = upto.len().checked_sub(n)?;
        let slice = &upto[start..];
        // Consecutive calendar days ending at `last`.
        let first = last - chrono::Duration::days(n as i64 - 1);
        (slice.first().map(|d| d.day) == Some(first) && slice.last().map(|d| d.day) == Some(last))
            .then_some((slice, &rates[start..]))
    };
    if let Some((_, r)) = recent(th.low_interaction_days)
        && r.iter().all(|r| {
            r.interaction_rate
                .is_some_and(|v| v < th.low_interaction_rate)
        })
    {
        out.push(Alert::LowInteraction {
            days: th.low_interaction_days,
            threshold: th.low_interaction_rate,
        });
    }
    if let Some((d, _)) = recent(th.silent_days)
        && d.iter().all(|d| d.messages == Some(0))
    {
        out.push(Alert::Silent {
            days: th.silent_days,
        });
    }
    out
}

/// A group's line in the overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupHealth {
    pub group_id: i64,
    pub name: String,
    pub members: Option<i64>,
    /// 互动率 over the last 7 days.
    pub interaction_7d: Option<f64>,
    /// 退群率 over the last 7 days.
    pub leave_rate_7d: Option<f64>,
    pub net_growth_7d: Option<i64>,
    pub trend: Option<Trend>,
    pub stage: Stage,
    pub reason: StageReason,
    pub alerts: Vec<Alert>,
    /// Closing members per day over the overview range (`NaN`-free: gaps repeat the last value).
    pub sparkline: Vec<f32>,
}

/// Builds an overview line at `last` from a group's day-ordered stats.
pub fn group_health(
    group_id: i64,
    name: &str,
    days: &[DayStats],
    last: NaiveDate,
    age_days: i64,
    th: &Thresholds,
) -> GroupHealth {
    let (stage, reason) = infer_stage(days, last, age_days);
    let from = last - chrono::Duration::days(6);
    let (before, slice) = window(days, from, last);
    let t = totals(before, slice);
    let r = period_rates(&t, None);
    let mut sparkline = Vec::with_capacity(days.len());
    let mut prev = None;
    for d in days {
        if let Some(m) = d.members {
            prev = Some(m as f32);
        }
        if let Some(p) = prev {
            sparkline.push(p);
        }
    }
    GroupHealth {
        group_id,
        name: name.to_string(),
        members: days.iter().rev().find_map(|d| d.members),
        interaction_7d: r.interaction_rate,
        leave_rate_7d: r.leave_rate,
        net_growth_7d: r.net_growth,
        trend: trend(days, last),
        stage,
        reason,
        alerts: alerts(days, last, age_days, th),
        sparkline,
    }
}

/// Overview columns the user can sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    Name,
    Members,
    Interaction,
    LeaveRate,
    NetGrowth,
    Stage,
    Alerts,
}

/// Sorts overview lines; unknown values sort last in either direction.
pub fn sort_overview(rows: &mut [GroupHealth], key: SortKey, ascending: bool) {
    use std::cmp::Ordering;
    fn opt<T: PartialOrd>(a: Option<T>, b: Option<T>, asc: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => {
                let o = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
                if asc { o } else { o.reverse() }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    rows.sort_by(|a, b| {
        let o = match key {
            SortKey::Name => {
                let o = a.name.cmp(&b.name);
                if ascending { o } else { o.reverse() }
            }
            SortKey::Members => opt(a.members, b.members, ascending),
            SortKey::Interaction => opt(a.interaction_7d, b.interaction_7d, ascending),
            SortKey::LeaveRate => opt(a.leave_rate_7d, b.leave_rate_7d, ascending),
            SortKey::NetGrowth => opt(a.net_growth_7d, b.net_growth_7d, ascending),
            SortKey::Stage => opt(Some(a.stage), Some(b.stage), ascending),
            SortKey::Alerts => opt(Some(a.alerts.len()), Some(b.alerts.len()), ascending),
        };
        o.then_with(|| a.group_id.cmp(&b.group_id))
    });
}

/// Formats a value for display: "—" when undefined, percentages with one decimal.
pub fn format_value(metric: Metric, value: Option<f64>) -> String {
    match value {
        None => "—".to_string(),
        Some(v) if metric.is_percent() => format!("{:.1}%", v * 100.0),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e12 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}"),
    }
}

#[cfg(test)]
#[path = "health_tests.rs"]
mod tests;
