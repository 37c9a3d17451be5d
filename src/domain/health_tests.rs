//! Tests of the health metrics: every formula, zero and unknown denominators, period
//! aggregation from summed counts, week-over-week, stage inference and alert boundaries.
#![allow(clippy::unwrap_used)]

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A day with members, joins, leaves, speakers, messages.
fn day(date: NaiveDate, m: i64, j: i64, l: i64, s: i64, msg: i64) -> DayStats {
    DayStats {
        day: date,
        members: Some(m),
        joins: Some(j),
        leaves: Some(l),
        speakers: Some(s),
        messages: Some(msg),
        ..DayStats::default()
    }
}

/// `n` consecutive days from `start`, each built by `f(index, date)`.
fn run(start: &str, n: i64, f: impl Fn(i64, NaiveDate) -> DayStats) -> Vec<DayStats> {
    (0..n)
        .map(|i| f(i, d(start) + chrono::Duration::days(i)))
        .collect()
}

#[test]
fn ratio_is_none_for_zero_or_unknown_denominators() {
    assert_eq!(ratio(Some(1), Some(4)), Some(0.25));
    assert_eq!(ratio(Some(1), Some(0)), None);
    assert_eq!(ratio(Some(0), Some(0)), None);
    assert_eq!(ratio(None, Some(3)), None);
    assert_eq!(ratio(Some(3), None), None);
    assert_eq!(ratio(Some(0), Some(5)), Some(0.0));
}

#[test]
fn day_rates_follow_the_definitions() {
    let yesterday = day(d("2024-03-01"), 200, 0, 0, 0, 0);
    let today = DayStats {
        exposure: Some(50),
        orders: Some(4),
        ordering_members: Some(3),
        order_amount_cents: Some(40_000),
        cost_cents: Some(10_000),
        ..day(d("2024-03-02"), 205, 10, 5, 20, 80)
    };
    let r = day_rates(Some(&yesterday), &today);
    assert_eq!(r.start_members, Some(200));
    assert_eq!(r.net_growth, Some(5));
    assert_eq!(r.join_rate, Some(10.0 / 50.0));
    assert_eq!(r.leave_rate, Some(5.0 / 200.0));
    assert_eq!(r.interaction_rate, Some(20.0 / 205.0));
    assert_eq!(r.messages_per_member, Some(80.0 / 205.0));
    assert_eq!(r.conversion_rate, Some(3.0 / 205.0));
    assert_eq!(r.avg_order_value, Some(100.0));
    assert_eq!(r.roi, Some(4.0));
}

#[test]
fn day_rates_with_zero_denominators_are_undefined() {
    let today = DayStats {
        exposure: Some(0),
        orders: Some(0),
        ordering_members: Some(0),
        order_amount_cents: Some(0),
        cost_cents: Some(0),
        ..day(d("2024-03-02"), 0, 0, 0, 0, 0)
    };
    let r = day_rates(None, &today);
    assert_eq!(r.start_members, Some(0));
    assert_eq!(r.net_growth, Some(0));
    for v in [
        r.join_rate,
        r.leave_rate,
        r.interaction_rate,
        r.messages_per_member,
        r.conversion_rate,
        r.avg_order_value,
        r.roi,
    ] {
        assert_eq!(v, None);
    }
    // Nothing known at all: every rate unknown, net growth unknown.
    let r = day_rates(None, &DayStats::empty(d("2024-03-02")));
    assert_eq!(
        (r.start_members, r.net_growth, r.leave_rate),
        (None, None, None)
    );
}

#[test]
fn start_members_without_yesterday_come_from_the_day_itself() {
    let today = day(d("2024-03-02"), 105, 10, 5, 0, 0);
    assert_eq!(start_members(None, &today), Some(100));
    // A "yesterday" that is not the previous calendar day is not used.
    let old = day(d("2024-02-20"), 999, 0, 0, 0, 0);
    assert_eq!(start_members(Some(&old), &today), Some(100));
    let unknown_flow = DayStats {
        members: Some(100),
        ..DayStats::empty(d("2024-03-02"))
    };
    assert_eq!(start_members(None, &unknown_flow), None);
}

#[test]
fn period_rates_come_from_summed_counts_not_averaged_daily_rates() {
    // Day 1: 1 of 10 speak (10%); day 2: 90 of 90... use unequal sizes so the mean differs.
    let days = vec![
        day(d("2024-03-01"), 10, 0, 0, 1, 2),
        day(d("2024-03-02"), 90, 80, 0, 81, 90),
    ];
    let t = totals(None, &days);
    assert_eq!(t.member_days, Some(100));
    assert_eq!(t.speaker_days, Some(82));
    let r = period_rates(&t, None);
    assert_eq!(r.interaction_rate, Some(0.82));
    let mean_of_daily = (0.1 + 0.9) / 2.0;
    assert_ne!(r.interaction_rate, Some(mean_of_daily));
    assert_eq!(r.messages_per_member, Some(92.0 / 100.0));
    assert_eq!(r.net_growth, Some(80));
    assert_eq!(t.start_members, Some(10));
    assert_eq!(t.end_members, Some(90));
}

#[test]
fn period_leave_rate_and_retention_use_start_members() {
    let days = vec![
        day(d("2024-03-01"), 100, 0, 0, 0, 0),
        day(d("2024-03-02"), 95, 0, 5, 0, 0),
        day(d("2024-03-03"), 90, 0, 5, 0, 0),
    ];
    let (before, slice) = window(&days, d("2024-03-02"), d("2024-03-03"));
    assert_eq!(before.map(|b| b.day), Some(d("2024-03-01")));
    let t = totals(before, slice);
    assert_eq!(t.start_members, Some(100));
    let r = period_rates(&t, None);
    assert_eq!(r.leave_rate, Some(0.10));
    assert_eq!(r.retention, Some(0.90));
    // Known membership wins over the estimate.
    assert_eq!(period_rates(&t, Some(80)).retention, Some(0.80));
}

#[test]
fn period_leave_rate_counts_joiners_so_new_groups_have_one() {
    // Created on day 1 with 100 invited, 20 left on day 2: 20 of the 100 who were ever in.
    let days = vec![
        day(d("2024-03-01"), 100, 100, 0, 0, 0),
        day(d("2024-03-02"), 80, 0, 20, 0, 0),
    ];
    let t = totals(None, &days);
    assert_eq!(t.start_members, Some(0));
    assert_eq!(period_rates(&t, None).leave_rate, Some(0.2));
    // Nobody there and nobody joining: undefined, not 0.
    let empty = vec![day(d("2024-03-01"), 0, 0, 0, 0, 0)];
    assert_eq!(period_rates(&totals(None, &empty), None).leave_rate, None);
}

#[test]
fn retention_edges() {
    assert_eq!(retention(Some(0), None, Some(0)), None);
    assert_eq!(retention(Some(0), Some(0), None), None);
    assert_eq!(retention(None, None, Some(3)), None);
    // More leaves than start members (newcomers left too): clamped, never negative.
    assert_eq!(retention(Some(10), None, Some(15)), Some(0.0));
    assert_eq!(retention(Some(10), None, Some(0)), Some(1.0));
}

#[test]
fn unknown_days_do_not_count_as_zero() {
    let days = vec![
        day(d("2024-03-01"), 100, 0, 0, 10, 20),
        DayStats {
            members: Some(100),
            ..DayStats::empty(d("2024-03-02"))
        },
    ];
    let t = totals(None, &days);
    assert_eq!(t.member_days, Some(100));
    assert_eq!(period_rates(&t, None).interaction_rate, Some(0.10));
    let t = totals(None, &[DayStats::empty(d("2024-03-01"))]);
    assert_eq!(t.joins, None);
    let r = period_rates(&t, None);
    assert_eq!(
        (r.net_growth, r.interaction_rate, r.roi),
        (None, None, None)
    );
}

#[test]
fn series_and_values_per_metric() {
    let days = vec![
        day(d("2024-03-01"), 100, 0, 0, 10, 30),
        day(d("2024-03-02"), 0, 0, 100, 0, 0),
    ];
    let s = series(&days, Metric::InteractionRate);
    assert_eq!(
        s,
        vec![(d("2024-03-01"), Some(0.1)), (d("2024-03-02"), None)]
    );
    let s = series(&days, Metric::LeaveRate);
    assert_eq!(s[1].1, Some(1.0));
    assert_eq!(series(&days, Metric::NetGrowth)[1].1, Some(-100.0));
    for metric in Metric::ALL {
        let values = series(&days, metric);
        assert_eq!(values.len(), 2);
        assert!(values.iter().all(|(_, v)| v.is_none_or(f64::is_finite)));
    }
}

#[test]
fn week_over_week_change() {
    let days = run("2024-03-01", 14, |i, date| {
        let speakers = if i < 7 { 10 } else { 20 };
        day(date, 100, 0, 0, speakers, 50)
    });
    let w = week_over_week(&days, d("2024-03-14"), Metric::InteractionRate);
    assert_eq!(w.current, Some(0.2));
    assert_eq!(w.previous, Some(0.1));
    assert!((w.delta.unwrap() - 0.1).abs() < 1e-12);
    assert!((w.relative.unwrap() - 1.0).abs() < 1e-12);
    let w = change(Some(3.0), Some(0.0));
    assert_eq!((w.delta, w.relative), (Some(3.0), None));
    assert_eq!(change(None, Some(1.0)).delta, None);
    // No data in the previous week at all.
    let w = week_over_week(&days, d("2024-03-07"), Metric::Messages);
    assert_eq!((w.current, w.previous), (Some(350.0), None));
}

#[test]
fn trend_boundaries() {
    let grow = |net: i64| {
        run("2024-03-01", 7, move |i, date| {
            let j = if i == 0 { net.max(0) } else { 0 };
            let l = if i == 0 { (-net).max(0) } else { 0 };
            day(date, 1000 + net, j, l, 0, 0)
        })
    };
    assert_eq!(trend(&grow(11), d("2024-03-07")), Some(Trend::Up));
    assert_eq!(trend(&grow(10), d("2024-03-07")), Some(Trend::Flat));
    assert_eq!(trend(&grow(-11), d("2024-03-07")), Some(Trend::Down));
    assert_eq!(trend(&[], d("2024-03-07")), None);
}

#[test]
fn stages_in_order() {
    let last = d("2024-06-30");
    let quiet = run("2024-05-01", 61, |_, date| day(date, 100, 0, 0, 5, 10));
    assert_eq!(infer_stage(&quiet, last, 13).0, Stage::Founding);
    assert_eq!(infer_stage(&quiet, last, 14).0, Stage::Activation);
    assert_eq!(infer_stage(&quiet, last, 59).0, Stage::Activation);
    let (stage, reason) = infer_stage(&quiet, last, 60);
    assert_eq!(stage, Stage::Retention);
    assert!(matches!(reason, StageReason::Mature { age_days: 60, .. }));
    // Orders in the last 30 days.
    let mut selling = quiet.clone();
    selling.last_mut().unwrap().orders = Some(3);
    let (stage, reason) = infer_stage(&selling, last, 200);
    assert_eq!(stage, Stage::Monetising);
    assert!(matches!(reason, StageReason::Selling { orders: 3, .. }));
    // Growing by more than 10% with lively chat.
    let spreading = run("2024-05-01", 61, |i, date| day(date, 100 + i, 1, 0, 30, 90));
    let (stage, reason) = infer_stage(&spreading, last, 200);
    assert_eq!(stage, Stage::Spreading, "{reason:?}");
}

#[test]
fn alert_boundaries() {
    let th = Thresholds::default();
    let last = d("2024-03-07");
    // 7-day leave rate exactly 15% does not alert; above does; old groups never do.
    let leaving = |leaves: i64| {
        run("2024-03-01", 7, move |i, date| {
            let l = if i == 6 { leaves } else { 0 };
            day(date, 100 - l, 0, l, 10, 20)
        })
    };
    assert!(alerts(&leaving(15), last, 10, &th).is_empty());
    let a = alerts(&leaving(16), last, 10, &th);
    assert!(matches!(a[..], [Alert::HighLeaveRate { .. }]), "{a:?}");
    assert!(alerts(&leaving(16), last, 30, &th).is_empty());

    // 互动率 under 3% for 3 days: 2 days is not enough; exactly 3% is not under.
    let low = |days_low: i64, speakers: i64| {
        run("2024-03-01", 7, move |i, date| {
            let s = if i >= 7 - days_low { speakers } else { 10 };
            day(date, 100, 0, 0, s, 20)
        })
    };
    assert!(alerts(&low(2, 2), last, 100, &th).is_empty());
    assert!(alerts(&low(3, 3), last, 100, &th).is_empty());
    let a = alerts(&low(3, 2), last, 100, &th);
    assert!(
        matches!(a[..], [Alert::LowInteraction { days: 3, .. }]),
        "{a:?}"
    );

    // No messages for 2 days (and nobody speaking: low interaction too).
    let silent = run("2024-03-01", 7, |i, date| {
        let (s, m) = if i >= 5 { (0, 0) } else { (10, 20) };
        day(date, 100, 0, 0, s, m)
    });
    let a = alerts(&silent, last, 100, &th);
    assert!(
        a.iter().any(|a| matches!(a, Alert::Silent { days: 2 })),
        "{a:?}"
    );
    // A missing day breaks the run; unknown messages never count as silence.
    let mut gap = silent.clone();
    gap.remove(5);
    assert!(alerts(&gap, last, 100, &th).is_empty());
    assert!(alerts(&[], last, 1, &th).is_empty());
}

#[test]
fn thresholds_round_trip_as_json_with_defaults() {
    let th: Thresholds = serde_json::from_str(r#"{"silent_days": 4}"#).unwrap();
    assert_eq!(th.silent_days, 4);
    assert_eq!(th.low_interaction_days, 3);
    let back: Thresholds = serde_json::from_str(&serde_json::to_string(&th).unwrap()).unwrap();
    assert_eq!(back, th);
}

#[test]
fn overview_lines_sort_with_unknowns_last() {
    let th = Thresholds::default();
    let last = d("2024-03-07");
    let a = run("2024-03-01", 7, |_, date| day(date, 100, 0, 0, 1, 5));
    let b = run("2024-03-01", 7, |_, date| day(date, 100, 0, 0, 50, 100));
    let mut rows = vec![
        group_health(1, "甲", &a, last, 100, &th),
        group_health(2, "乙", &b, last, 100, &th),
        group_health(3, "丙", &[], last, 100, &th),
    ];
    assert_eq!(rows[0].sparkline.len(), 7);
    assert_eq!(rows[0].interaction_7d, Some(0.01));
    assert!(!rows[0].alerts.is_empty());
    sort_overview(&mut rows, SortKey::Interaction, true);
    assert_eq!(
        rows.iter().map(|r| r.group_id).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    sort_overview(&mut rows, SortKey::Interaction, false);
    assert_eq!(
        rows.iter().map(|r| r.group_id).collect::<Vec<_>>(),
        [2, 1, 3]
    );
    sort_overview(&mut rows, SortKey::Alerts, false);
    assert_eq!(rows[0].group_id, 1);
}

#[test]
fn values_format_with_a_dash_for_undefined() {
    assert_eq!(format_value(Metric::InteractionRate, None), "—");
    assert_eq!(format_value(Metric::InteractionRate, Some(0.0312)), "3.1%");
    assert_eq!(format_value(Metric::Members, Some(245.0)), "245");
    assert_eq!(format_value(Metric::Roi, Some(2.5)), "2.50");
}
