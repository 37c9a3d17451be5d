//! Follow-up journeys turned into dated tasks: triggers, anchors, due days, snooze, the checklist's
//! buckets and the script's placeholders. Pure: the store feeds it dates, it says what to write.
//!
//! A step's *anchor* is the day its trigger happened for one customer (added, first purchase, ...);
//! its task is due `offset_days` later. A trigger that has not happened (no purchase yet) has no
//! anchor, so the step waits. `LatestPurchase` and `LatestContact` move: when the anchor moves, an
//! open task follows it (a new purchase pushes the repurchase reminder back, a conversation resets
//! the dormancy clock), and a finished task lets a new one start from the new anchor.

use chrono::{Duration, NaiveDate};

/// Steps due longer ago than this when a customer is enrolled are not created: a welcome message
/// two months late helps nobody. Moving triggers create them again from their next anchor.
pub const STALE_DAYS: i64 = 7;

/// How far ahead the checklist's "upcoming" section looks, in days.
pub const UPCOMING_DAYS: i64 = 7;

/// What starts a step's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// The day the customer was added on WeChat / WeCom.
    Added,
    FirstPurchase,
    LatestPurchase,
    /// The latest interaction: contact or purchase, else the day the customer was added.
    LatestContact,
    /// A date given per enrolment (a birthday, an event).
    CustomDate,
}

impl Trigger {
    pub const ALL: [Trigger; 5] = [
        Trigger::Added,
        Trigger::FirstPurchase,
        Trigger::LatestPurchase,
        Trigger::LatestContact,
        Trigger::CustomDate,
    ];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            Trigger::Added => "added",
            Trigger::FirstPurchase => "first_purchase",
            Trigger::LatestPurchase => "latest_purchase",
            Trigger::LatestContact => "latest_contact",
            Trigger::CustomDate => "custom_date",
        }
    }

    /// The trigger stored under `key` (unknown keys read as `Added`).
    pub fn from_key(key: &str) -> Trigger {
        Trigger::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or(Trigger::Added)
    }

    /// Whether the anchor can move forward again after a task was done (a new purchase, a new talk).
    pub fn repeats(self) -> bool {
        matches!(self, Trigger::LatestPurchase | Trigger::LatestContact)
    }
}

/// How the manager reaches the customer for a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Channel {
    #[default]
    PrivateChat,
    Phone,
    Moments,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::PrivateChat, Channel::Phone, Channel::Moments];

    pub fn key(self) -> &'static str {
        match self {
            Channel::PrivateChat => "private_chat",
            Channel::Phone => "phone",
            Channel::Moments => "moments",
        }
    }

    pub fn from_key(key: &str) -> Channel {
        Channel::ALL
            .into_iter()
            .find(|c| c.key() == key)
            .unwrap_or_default()
    }
}

/// How a finished conversation went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TaskOutcome {
    #[default]
    Replied,
    NoReply,
    Deal,
    Declined,
    Other,
}

impl TaskOutcome {
    pub const ALL: [TaskOutcome; 5] = [
        TaskOutcome::Replied,
        TaskOutcome::NoReply,
        TaskOutcome::Deal,
        TaskOutcome::Declined,
        TaskOutcome::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TaskOutcome::Replied => "replied",
            TaskOutcome::NoReply => "no_reply",
            TaskOutcome::Deal => "deal",
            TaskOutcome::Declined => "declined",
            TaskOutcome::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<TaskOutcome> {
        TaskOutcome::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    Open,
    Done,
    Skipped,
}

impl TaskStatus {
    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Done => "done",
            TaskStatus::Skipped => "skipped",
        }
    }

    pub fn from_key(key: &str) -> TaskStatus {
        match key {
            "done" => TaskStatus::Done,
            "skipped" => TaskStatus::Skipped,
            _ => TaskStatus::Open,
        }
    }
}

/// One step of a journey.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// 0 for a step not yet stored.
    pub id: i64,
    pub trigger: Option<Trigger>,
    pub offset_days: i64,
    pub title: String,
    /// The message to send, with `{称呼}` and `{商品}` placeholders.
    pub script: String,
    pub channel: Channel,
}

impl Step {
    /// The step's trigger (`Added` when unset).
    pub fn trigger(&self) -> Trigger {
        self.trigger.unwrap_or(Trigger::Added)
    }
}

/// A named list of steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Journey {
    /// 0 for a journey not yet stored.
    pub id: i64,
    pub name: String,
    pub description: String,
    pub steps: Vec<Step>,
}

impl Journey {
    /// Whether a step counts from a date given at enrolment (a birthday, an event day).
    pub fn needs_custom_date(&self) -> bool {
        self.steps
            .iter()
            .any(|s| s.trigger == Some(Trigger::CustomDate))
    }
}

/// The days a customer's triggers happened on (`None`: not yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchors {
    pub added: Option<NaiveDate>,
    pub first_purchase: Option<NaiveDate>,
    pub latest_purchase: Option<NaiveDate>,
    pub latest_contact: Option<NaiveDate>,
    /// The enrolment's custom date.
    pub custom: Option<NaiveDate>,
}

impl Anchors {
    /// The day `trigger` happened, if it has.
    pub fn day_of(&self, trigger: Trigger) -> Option<NaiveDate> {
        match trigger {
            Trigger::Added => self.added,
            Trigger::FirstPurchase => self.first_purchase,
            Trigger::LatestPurchase => self.latest_purchase,
            Trigger::LatestContact => [self.latest_contact, self.latest_purchase, self.added]
                .into_iter()
                .flatten()
                .max(),
            Trigger::CustomDate => self.custom,
        }
    }
}

/// A task already stored for one (step, customer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExistingTask {
    pub id: i64,
    pub anchor_day: NaiveDate,
    pub status: TaskStatus,
    pub due: NaiveDate,
    /// Whether the manager snoozed it (its due day is theirs, not the step's).
    pub snoozed: bool,
}

/// What the store should write for one (step, customer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskChange {
    Insert {
        anchor_day: NaiveDate,
        due: NaiveDate,
    },
    /// Move an open task to a new anchor (its snooze is dropped).
    Retarget {
        task_id: i64,
        anchor_day: NaiveDate,
        due: NaiveDate,
    },
}

/// The due day of a step anchored on `anchor`.
pub fn due_day(anchor: NaiveDate, offset_days: i64) -> NaiveDate {
    anchor + Duration::days(offset_days)
}

/// Decides what to write for one step of one enrolled customer. `enrolled_on` is the enrolment's
/// day: steps that would have been due more than `STALE_DAYS` before it are not created.
pub fn reconcile(
    step: &Step,
    anchors: &Anchors,
    enrolled_on: NaiveDate,
    existing: &[ExistingTask],
) -> Option<TaskChange> {
    let trigger = step.trigger();
    let anchor_day = anchors.day_of(trigger)?;
    let due = due_day(anchor_day, step.offset_days);
    if let Some(same) = existing.iter().find(|t| t.anchor_day == anchor_day) {
        // The step's offset was edited: an open, unsnoozed task follows it.
        let moved = same.status == TaskStatus::Open && !same.snoozed && same.due != due;
        return moved.then_some(TaskChange::Retarget {
            task_id: same.id,
            anchor_day,
            due,
        });
    }
    if let Some(open) = existing.iter().find(|t| t.status == TaskStatus::Open) {
        // Anchors only move forward; an older anchor (a deleted purchase) keeps the task.
        return (anchor_day > open.anchor_day).then_some(TaskChange::Retarget {
            task_id: open.id,
            anchor_day,
            due,
        });
    }
    let latest_finished = existing.iter().map(|t| t.anchor_day).max();
    match latest_finished {
        Some(_) if !trigger.repeats() => None,
        Some(last) if anchor_day <= last => None,
        _ if due < enrolled_on - Duration::days(STALE_DAYS) => None,
        _ => Some(TaskChange::Insert { anchor_day, due }),
    }
}

/// Where a task sits on the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    Overdue,
    Today,
    Upcoming,
}

impl Bucket {
    pub const ALL: [Bucket; 3] = [Bucket::Overdue, Bucket::Today, Bucket::Upcoming];

    /// The section of a task due on `due` (snoozed tasks carry their new day), or `None` when it is
    /// further away than `UPCOMING_DAYS`.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Option<Bucket> {
        if due < today {
            Some(Bucket::Overdue)
        } else if due == today {
            Some(Bucket::Today)
        } else if due <= today + Duration::days(UPCOMING_DAYS) {
            Some(Bucket::Upcoming)
        } else {
            None
        }
    }
}

/// The day a snoozed task shows up again: the chosen day, but never before tomorrow.
pub fn snooze_day(chosen: NaiveDate, today: NaiveDate) -> NaiveDate {
    chosen.max(today + Duration::days(1))
}

/// How to address a customer in a script: their display name, cut before the annotations managers
/// append to remark names (`王总-上海-VIP` -> `王总`).
pub fn salutation(display_name: &str) -> &str {
    let name = display_name.trim();
    let cut = name
        .split(['-', '－', '—', '|', '/', '（', '('])
        .next()
        .map(str::trim)
        .unwrap_or_default();
    if cut.is_empty() { name } else { cut }
}

/// The script with `{称呼}` (how the customer is addressed) and `{商品}` (the last purchase's
/// items) filled in. Without a purchase `{商品}` reads `fallback_items`.
pub fn fill_script(script: &str, display_name: &str, items: &str, fallback_items: &str) -> String {
    let spoken = spoken_items(items);
    let items = if spoken.is_empty() {
        fallback_items
    } else {
        spoken.as_str()
    };
    script
        .replace("{称呼}", display_name)
        .replace("{商品}", items)
}

/// An order's items as said in a message: quantities dropped and names joined the way a person
/// writes them ("白茶饼 ×2；茶杯" → "白茶饼和茶杯"; three or more → "白茶饼、茶杯等"), so that
/// "{商品}喝着怎么样" reads naturally rather than "白茶饼 ×2喝着怎么样".
pub fn spoken_items(items: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for part in items.split(['；', ';', '、', ',', '，', '/', '+', '\n']) {
        let name = strip_quantity(part.trim());
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("{a}和{b}"),
        [a, b, ..] => format!("{a}、{b}等"),
    }
}

/// "白茶饼 ×2" / "白茶饼x2" / "白茶饼*2" / "白茶饼 2饼" → "白茶饼"; a number that is part of the
/// name ("iPhone 15") stays.
fn strip_quantity(item: &str) -> &str {
    const UNITS: [char; 8] = ['件', '盒', '个', '包', '罐', '饼', '袋', '瓶'];
    let (body, had_unit) = match item.strip_suffix(UNITS) {
        Some(body) => (body, true),
        None => (item, false),
    };
    let before_digits = body.trim_end_matches(|c: char| c.is_ascii_digit());
    if before_digits.len() == body.len() {
        return item;
    }
    let marked = before_digits.trim_end();
    let name = match marked.strip_suffix(['×', 'x', 'X', '*', '＊']) {
        Some(name) => name.trim_end(),
        None if had_unit => marked,
        None => return item,
    };
    if name.is_empty() { item } else { name }
}

#[cfg(test)]
#[path = "followup_tests.rs"]
mod tests;
