use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn status_transitions_keep_ended_final() {
    assert!(Status::Candidate.can_become(Status::Active));
    assert!(Status::Candidate.can_become(Status::Ended));
    assert!(Status::Active.can_become(Status::Ended));
    assert!(!Status::Active.can_become(Status::Candidate));
    assert!(!Status::Ended.can_become(Status::Active));
    assert!(!Status::Active.can_become(Status::Active));
    for s in Status::ALL {
        assert_eq!(Status::from_key(s.key()), Some(s));
    }
    assert_eq!(Status::from_key("retired"), None);
}

#[test]
fn expectation_round_trips_through_its_stored_parts() {
    for e in [
        Expectation::SpeakingDaysPerWeek(4.0),
        Expectation::ContributionsPerMonth(2.0),
    ] {
        let (kind, n) = e.parts();
        assert_eq!(Expectation::from_parts(Some(kind), Some(n)), Some(e));
    }
    assert_eq!(Expectation::from_parts(None, Some(2.0)), None);
    assert_eq!(
        Expectation::from_parts(Some("weekly_posts"), Some(2.0)),
        None
    );
}

#[test]
fn speaking_days_are_averaged_per_week_at_the_boundary() {
    let expect = Expectation::SpeakingDaysPerWeek(4.0);
    // 4 days a week over two weeks: exactly on target.
    let on = check_expectation(expect, 8, 14, 0, 1, 30);
    assert!((on.actual - 4.0).abs() < 1e-9);
    assert!(!on.behind);
    let under = check_expectation(expect, 7, 14, 0, 1, 30);
    assert!(under.behind);
    // A zero-day window is treated as one day, not a division by zero.
    assert!(!check_expectation(expect, 1, 0, 0, 1, 30).actual.is_nan());
}

#[test]
fn monthly_contributions_are_judged_against_what_is_due_so_far() {
    let expect = Expectation::ContributionsPerMonth(2.0);
    // Early in the month nothing is due yet.
    assert!(!check_expectation(expect, 0, 14, 0, 2, 30).behind);
    // Halfway, one is due.
    assert!(check_expectation(expect, 0, 14, 0, 15, 30).behind);
    assert!(!check_expectation(expect, 0, 14, 1, 15, 30).behind);
    // At the end both are due.
    assert!(check_expectation(expect, 0, 14, 1, 30, 30).behind);
    assert!(!check_expectation(expect, 0, 14, 2, 30, 30).behind);
}

#[test]
fn quiet_days_count_from_the_later_of_activity_and_start() {
    let today = day(2026, 11, 23);
    assert_eq!(
        quiet_days(today, Some(day(2026, 11, 9)), day(2026, 1, 1)),
        14
    );
    assert!(is_quiet(14));
    assert!(!is_quiet(13));
    // Never active: counted from the start of the role.
    assert_eq!(quiet_days(today, None, day(2026, 11, 20)), 3);
    // Activity before the role started does not make them look quiet for longer.
    assert_eq!(
        quiet_days(today, Some(day(2026, 1, 1)), day(2026, 11, 22)),
        1
    );
    // A future date never gives a negative count.
    assert_eq!(
        quiet_days(today, Some(day(2026, 12, 1)), day(2026, 1, 1)),
        0
    );
}

#[test]
fn coverage_is_below_target_only_when_short() {
    assert!(below_coverage(1, DEFAULT_COVERAGE_TARGET));
    assert!(!below_coverage(2, DEFAULT_COVERAGE_TARGET));
    assert!(!below_coverage(0, 0));
}

#[test]
fn days_in_month_handles_december_and_leap_years() {
    assert_eq!(days_in_month(day(2024, 2, 10)), 29);
    assert_eq!(days_in_month(day(2026, 2, 1)), 28);
    assert_eq!(days_in_month(day(2026, 12, 31)), 31);
    assert_eq!(days_in_month(day(2026, 11, 23)), 30);
}

#[test]
fn candidate_score_explains_each_part_and_caps_messages() {
    let w = Weights::default();
    let score = score_candidate(
        CandidateActivity {
            speaking_days: 10,
            messages: 500,
            referrals: 1,
            purchases: 0,
            notes: 2,
        },
        w,
    );
    let whats: Vec<&str> = score.parts.iter().map(|p| p.what).collect();
    assert_eq!(whats, ["speaking_days", "messages", "referrals", "notes"]);
    let messages = score.parts[1];
    assert_eq!(messages.count, 500);
    assert!((messages.points - 200.0 * w.message).abs() < 1e-9, "capped");
    let expected = 10.0 * w.speaking_day + 200.0 * w.message + w.referral + 2.0 * w.note;
    assert!((score.total - expected).abs() < 1e-9);
}

#[test]
fn speaking_on_many_days_beats_a_flood_on_one() {
    let w = Weights::default();
    let steady = score_candidate(
        CandidateActivity {
            speaking_days: 12,
            messages: 30,
            ..CandidateActivity::default()
        },
        w,
    );
    let flood = score_candidate(
        CandidateActivity {
            speaking_days: 1,
            messages: 150,
            ..CandidateActivity::default()
        },
        w,
    );
    assert!(steady.total > flood.total);
    assert_eq!(score_candidate(CandidateActivity::default(), w).total, 0.0);
}
