//! Customers' questions in a group's chat history and whether the team answered them in time
//! (质检 without WeCom's conversation archive).
//!
//! Rules:
//! - A *question* is a customer's text message (or quote reply) that ends in ？/? (emoji, spaces
//!   and ～ after it are ignored) or contains one of the question words. System rows, stickers,
//!   images and the team's own messages are never questions.
//! - The *team* is the exporter's own account, the group's 群主 / 群管理 and the staff accounts;
//!   the caller says who they are.
//! - The *answer* to a question is the first message the team sends in the group after it
//!   (the common "first response time" of chat quality checks; one reply answers every question
//!   waiting before it).
//! - The clock runs only during service hours: a question asked outside them starts waiting when
//!   they next open (23:50 with 09:00–22:00 starts at 09:00 and, with 30 minutes, is due at
//!   09:30), and one asked at 21:50 has 10 minutes that evening and 20 the next morning (due
//!   09:20). Hours that open and close at the same time run all day. An answer by the due time is *in time*, after it *late*; no answer within a day of
//!   the due time is *never*, unless the history ends before that (then it is still *open*).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// The words that make a message a question even without a question mark.
pub const DEFAULT_QUESTION_WORDS: &[&str] = &[
    "吗",
    "呢",
    "怎么",
    "多少",
    "几点",
    "有没有",
    "能不能",
    "在哪",
    "哪里",
    "什么时候",
    "如何",
    "可以吗",
    "请问",
    "为什么",
    "啥",
];

/// WeChat's system notice type (joins, recalls, 拍一拍).
const SYSTEM_KIND: i64 = 10000;
/// Plain text.
const TEXT_KIND: i64 = 1;
/// App message; with sub type 57 a quote reply whose text is the reply.
const APP_KIND: i64 = 49;
const QUOTE_SUB_KIND: i64 = 57;

/// When the team answers and how fast it should; stored in settings as JSON.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ServiceRules {
    /// Opening time of service hours.
    pub opens: NaiveTime,
    /// Closing time; before `opens` means the hours run across midnight (20:00–02:00).
    pub closes: NaiveTime,
    /// Minutes of service time a question may wait.
    pub answer_within_min: i64,
    /// Words that mark a question (editable in settings).
    pub words: Vec<String>,
}

impl Default for ServiceRules {
    fn default() -> Self {
        Self {
            opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            closes: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default(),
            answer_within_min: 30,
            words: DEFAULT_QUESTION_WORDS
                .iter()
                .map(|w| w.to_string())
                .collect(),
        }
    }
}

impl ServiceRules {
    /// Whether `text` (of a message of `kind`/`sub_kind`) asks something.
    pub fn is_question(&self, kind: i64, sub_kind: i64, text: &str) -> bool {
        let texty = kind == TEXT_KIND || (kind == APP_KIND && sub_kind == QUOTE_SUB_KIND);
        if !texty {
            return false;
        }
        let text = text.trim();
        // XML bodies (stickers sent as text rows, cards) are never questions.
        if text.is_empty() || text.starts_with('<') {
            return false;
        }
        let core = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '？');
        if core.ends_with('?') || core.ends_with('？') {
            return true;
        }
        self.words
            .iter()
            .any(|w| !w.is_empty() && text.contains(w.as_str()))
    }

    /// Service hours that open and close at the same time run all day.
    fn all_day(&self) -> bool {
        self.opens == self.closes
    }

    /// Whether `at` falls in service hours.
    pub fn in_service(&self, at: NaiveDateTime) -> bool {
        let t = at.time();
        if self.all_day() {
            true
        } else if self.opens < self.closes {
            t >= self.opens && t < self.closes
        } else {
            t >= self.opens || t < self.closes
        }
    }

    /// When a question asked at `at` starts waiting: `at` itself in service hours, else the next
    /// opening.
    pub fn clock_start(&self, at: NaiveDateTime) -> NaiveDateTime {
        if self.in_service(at) {
            return at;
        }
        let today_open = at.date().and_time(self.opens);
        if at < today_open {
            today_open
        } else {
            today_open + Duration::days(1)
        }
    }

    /// The closing time of the service window `at` (in service) is in.
    fn window_end(&self, at: NaiveDateTime) -> NaiveDateTime {
        let today_close = at.date().and_time(self.closes);
        if today_close > at {
            today_close
        } else {
            today_close + Duration::days(1)
        }
    }

    /// `start` plus `minutes` of service time (the clock stops while service is closed).
    pub fn add_service(&self, start: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        let mut left = Duration::minutes(minutes.max(0));
        let mut at = self.clock_start(start);
        if self.all_day() {
            return at + left;
        }
        // Each turn uses up one service window; a year of windows bounds a silly setting.
        for _ in 0..400 {
            let end = self.window_end(at);
            if left <= end - at {
                return at + left;
            }
            left -= end - at;
            at = self.clock_start(end);
        }
        at + left
    }

    /// Minutes of service time from `from` to `to` (0 when `to` is not after `from`).
    pub fn service_minutes(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        if self.all_day() {
            return (to - from).num_minutes().max(0);
        }
        let mut total = Duration::zero();
        let mut at = self.clock_start(from);
        for _ in 0..400 {
            if at >= to {
                break;
            }
            let end = self.window_end(at);
            total += end.min(to) - at;
            at = self.clock_start(end);
        }
        total.num_minutes()
    }

    /// The time a question asked at `at` should be answered by.
    pub fn due(&self, at: NaiveDateTime) -> NaiveDateTime {
        self.add_service(at, self.answer_within_min)
    }

    /// Days of history past a range's end that can still hold an answer in time or late (a day
    /// past due): the reply limit in service days, plus two.
    pub fn lookahead_days(&self) -> i64 {
        let day = NaiveDateTime::default();
        let per_day = self.service_minutes(day, day + Duration::days(1)).max(1);
        2 + (self.answer_within_min + per_day - 1) / per_day
    }
}

/// One message of a group's history, in time order, as the derivation needs it.
#[derive(Debug, Clone)]
pub struct ChatLine {
    pub id: i64,
    /// Local date and time of sending.
    pub at: NaiveDateTime,
    pub kind: i64,
    pub sub_kind: i64,
    pub text: String,
    /// Sent by someone on the team.
    pub team: bool,
    pub sender_name: String,
    pub customer_id: Option<i64>,
}

/// What became of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    InTime,
    Late,
    /// No team message within a day of the due time.
    Never,
    /// Not answered yet, but the history ends before a day past the due time.
    Open,
}

/// A customer's question and the team's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub message_id: i64,
    pub at: NaiveDateTime,
    pub asker: String,
    pub customer_id: Option<i64>,
    pub text: String,
    pub due: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub outcome: Outcome,
}

impl Question {
    /// Minutes of service time from the question to the answer (0 when the team answered
    /// before service hours opened).
    pub fn response_min(&self, rules: &ServiceRules) -> Option<i64> {
        Some(rules.service_minutes(self.at, self.answered_at?))
    }

    /// Whether the question still needs a reply (never answered, or not yet).
    pub fn unanswered(&self) -> bool {
        self.answered_at.is_none()
    }
}

/// How long after the due time an unanswered question counts as never answered.
const NEVER_AFTER: Duration = Duration::days(1);

/// The questions in `lines` (one group's history, sorted by time) with their answers.
/// `history_ends` is the time of the last imported message of the group (for *open*).
pub fn find_questions(
    lines: &[ChatLine],
    rules: &ServiceRules,
    history_ends: NaiveDateTime,
) -> Vec<Question> {
    let mut out = Vec::new();
    let mut waiting: Vec<usize> = Vec::new();
    for line in lines {
        if line.kind == SYSTEM_KIND {
            continue;
        }
        if line.team {
            for i in waiting.drain(..) {
                let q: &mut Question = &mut out[i];
                if line.at > q.due + NEVER_AFTER {
                    continue; // a reply a day late answers nothing: it is a new conversation
                }
                q.answered_at = Some(line.at);
                q.outcome = if line.at <= q.due {
                    Outcome::InTime
                } else {
                    Outcome::Late
                };
            }
            continue;
        }
        if rules.is_question(line.kind, line.sub_kind, &line.text) {
            let due = rules.due(line.at);
            waiting.push(out.len());
            out.push(Question {
                message_id: line.id,
                at: line.at,
                asker: line.sender_name.clone(),
                customer_id: line.customer_id,
                text: line.text.trim().to_string(),
                due,
                answered_at: None,
                outcome: Outcome::Open,
            });
        }
    }
    for q in &mut out {
        if q.answered_at.is_none() {
            q.outcome = if history_ends > q.due + NEVER_AFTER {
                Outcome::Never
            } else {
                Outcome::Open
            };
        }
    }
    out
}

/// A day's (or week's) service figures of one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceSummary {
    pub questions: usize,
    pub in_time: usize,
    pub late: usize,
    pub never: usize,
    pub open: usize,
    /// Median first-response time in minutes of service time, over answered questions.
    pub median_response_min: Option<f64>,
}

impl ServiceSummary {
    /// Share of questions answered in time, `None` without questions.
    pub fn in_time_share(&self) -> Option<f64> {
        (self.questions > 0).then(|| self.in_time as f64 / self.questions as f64)
    }
}

/// Sums `questions` into one summary.
pub fn summarize<'a>(
    questions: impl IntoIterator<Item = &'a Question>,
    rules: &ServiceRules,
) -> ServiceSummary {
    let mut s = ServiceSummary::default();
    let mut times = Vec::new();
    for q in questions {
        s.questions += 1;
        match q.outcome {
            Outcome::InTime => s.in_time += 1,
            Outcome::Late => s.late += 1,
            Outcome::Never => s.never += 1,
            Outcome::Open => s.open += 1,
        }
        if let Some(m) = q.response_min(rules) {
            times.push(m);
        }
    }
    s.median_response_min = median(&mut times);
    s
}

/// Per-day service figures of `questions` (days without questions are left out).
pub fn by_day(questions: &[Question], rules: &ServiceRules) -> BTreeMap<NaiveDate, ServiceSummary> {
    let mut days: BTreeMap<NaiveDate, Vec<&Question>> = BTreeMap::new();
    for q in questions {
        days.entry(q.at.date()).or_default().push(q);
    }
    days.into_iter()
        .map(|(day, qs)| (day, summarize(qs, rules)))
        .collect()
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

#[cfg(test)]
#[path = "questions_tests.rs"]
mod tests;
