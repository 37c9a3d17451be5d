//! Candidate scoring: members without a role ranked by what they did, with every part of the
//! score shown so the manager can see *why* someone is suggested.

/// What one member did over the look-back period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CandidateActivity {
    /// Distinct local days with at least one message in any group.
    pub speaking_days: u32,
    pub messages: u32,
    /// Contributions of the 推荐拉新 kind.
    pub referrals: u32,
    pub purchases: u32,
    pub notes: u32,
}

/// Points per unit of activity. Speaking on many days counts more than many messages on one day:
/// a KOC keeps a group lively week after week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub speaking_day: f64,
    pub message: f64,
    /// Messages beyond this many add nothing (a single flood is not leadership).
    pub message_cap: u32,
    pub referral: f64,
    pub purchase: f64,
    pub note: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            speaking_day: 3.0,
            message: 0.2,
            message_cap: 200,
            referral: 8.0,
            purchase: 2.0,
            note: 1.0,
        }
    }
}

/// One line of a score's explanation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScorePart {
    /// `speaking_days`, `messages`, `referrals`, `purchases` or `notes`.
    pub what: &'static str,
    pub count: u32,
    pub points: f64,
}

/// A candidate's total and its parts (parts with no activity are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateScore {
    pub total: f64,
    pub parts: Vec<ScorePart>,
}

/// Scores one member's activity.
pub fn score_candidate(activity: CandidateActivity, weights: Weights) -> CandidateScore {
    let counted_messages = activity.messages.min(weights.message_cap);
    let parts: Vec<ScorePart> = [
        (
            "speaking_days",
            activity.speaking_days,
            f64::from(activity.speaking_days) * weights.speaking_day,
        ),
        (
            "messages",
            activity.messages,
            f64::from(counted_messages) * weights.message,
        ),
        (
            "referrals",
            activity.referrals,
            f64::from(activity.referrals) * weights.referral,
        ),
        (
            "purchases",
            activity.purchases,
            f64::from(activity.purchases) * weights.purchase,
        ),
        (
            "notes",
            activity.notes,
            f64::from(activity.notes) * weights.note,
        ),
    ]
    .into_iter()
    .filter(|&(_, count, _)| count > 0)
    .map(|(what, count, points)| ScorePart {
        what,
        count,
        points,
    })
    .collect();
    CandidateScore {
        total: parts.iter().map(|p| p.points).sum(),
        parts,
    }
}
