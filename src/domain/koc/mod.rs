//! KOC and ambassador roles: who carries each group (群主, 群管理, 气氛组, 分享官 …), whether they
//! keep up with what their role expects, and which members without a role look like candidates.
//!
//! Pure logic: the store supplies counts, this module judges them.

mod candidates;

pub use candidates::{CandidateActivity, CandidateScore, ScorePart, Weights, score_candidate};

use chrono::NaiveDate;

/// What a role expects of its holder, if anything.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expectation {
    /// Speaks in the group on this many days a week (气氛组: 4).
    SpeakingDaysPerWeek(f64),
    /// Logs this many contributions a month (内容官: 2 pieces).
    ContributionsPerMonth(f64),
}

impl Expectation {
    /// From the stored kind key and count (`None` for no expectation or an unknown key).
    pub fn from_parts(kind: Option<&str>, count: Option<f64>) -> Option<Self> {
        match (kind?, count?) {
            ("speaking_days_per_week", n) => Some(Self::SpeakingDaysPerWeek(n)),
            ("contributions_per_month", n) => Some(Self::ContributionsPerMonth(n)),
            _ => None,
        }
    }

    /// The stored kind key and count.
    pub fn parts(self) -> (&'static str, f64) {
        match self {
            Self::SpeakingDaysPerWeek(n) => ("speaking_days_per_week", n),
            Self::ContributionsPerMonth(n) => ("contributions_per_month", n),
        }
    }
}

/// A role of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// `#rrggbb`.
    pub color: String,
    /// Held per group (群管理) rather than across all groups (分享官).
    pub per_group: bool,
    pub expectation: Option<Expectation>,
    /// Holders count towards a group's coverage (气氛组, 群管理).
    pub covers_group: bool,
}

/// Where an assignment stands. Ending or changing a role never deletes the earlier row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// 候选: nominated, not yet serving.
    Candidate,
    /// 在任: serving.
    Active,
    /// 卸任: ended (kept for history).
    Ended,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Candidate, Status::Active, Status::Ended];

    pub fn key(self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Active => "active",
            Self::Ended => "ended",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether an assignment may move from `self` to `to`: a candidate may be appointed or
    /// dropped, a holder may step down; an ended assignment stays ended (a new one is made).
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Self::Candidate, Self::Active)
                | (Self::Candidate, Self::Ended)
                | (Self::Active, Self::Ended)
        )
    }
}

/// The contribution kinds offered in the log; any other text is a custom kind.
pub const CONTRIBUTION_KINDS: [&str; 6] = [
    "UGC内容",
    "推荐拉新",
    "带货成交",
    "产品反馈",
    "活动协助",
    "群内答疑",
];

/// The kind whose entries count as referrals for candidate scoring.
pub const REFERRAL_KIND: &str = "推荐拉新";

/// How an ambassador stands against their role's expectation this period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpectationCheck {
    /// What they did: speaking days per week, or contributions so far this month.
    pub actual: f64,
    pub expected: f64,
    pub behind: bool,
}

/// Judges a holder against `expectation`.
///
/// Speaking days are averaged over the weeks of the look-back window (`speaking_days` over
/// `window_days`); contributions are counted in the current month and compared with the share of
/// the monthly expectation due by `day_of_month` of `days_in_month`, so nobody is "behind" on the
/// 2nd of the month for a target that is due on the 30th.
pub fn check_expectation(
    expectation: Expectation,
    speaking_days: u32,
    window_days: u32,
    contributions_this_month: u32,
    day_of_month: u32,
    days_in_month: u32,
) -> ExpectationCheck {
    match expectation {
        Expectation::SpeakingDaysPerWeek(expected) => {
            let weeks = f64::from(window_days.max(1)) / 7.0;
            let actual = f64::from(speaking_days) / weeks;
            ExpectationCheck {
                actual,
                expected,
                behind: actual + 1e-9 < expected,
            }
        }
        Expectation::ContributionsPerMonth(expected) => {
            let due = expected * f64::from(day_of_month) / f64::from(days_in_month.max(1));
            let actual = f64::from(contributions_this_month);
            ExpectationCheck {
                actual,
                expected,
                behind: actual + 1e-9 < due.floor(),
            }
        }
    }
}

/// Days since the last sign of life (a contribution or a message), or since they took the role
/// when there was none.
pub fn quiet_days(today: NaiveDate, last_activity: Option<NaiveDate>, since: NaiveDate) -> i64 {
    let from = last_activity.map_or(since, |d| d.max(since));
    (today - from).num_days().max(0)
}

/// Quiet for longer than this is flagged on the board.
pub const QUIET_WARNING_DAYS: i64 = 14;

/// Whether a holder's silence deserves the "quiet for N days" warning.
pub fn is_quiet(days: i64) -> bool {
    days >= QUIET_WARNING_DAYS
}

/// Default number of active 气氛组/群管理 each group should have.
pub const DEFAULT_COVERAGE_TARGET: u32 = 2;

/// Whether a group with `active` holders of the covering roles falls short of `target`.
pub fn below_coverage(active: u32, target: u32) -> bool {
    active < target
}

/// The number of days in the month of `day`.
pub fn days_in_month(day: NaiveDate) -> u32 {
    use chrono::Datelike;
    let first = day.with_day(1).unwrap_or(day);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.map_or(30, |n| (n - first).num_days() as u32)
}

#[cfg(test)]
mod tests;
