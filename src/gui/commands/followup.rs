//! The follow-up writes a screen can ask for (enrol, complete / snooze / skip a task, edit
//! journeys, log a purchase, edit segment rules) and how `App` applies them through the store.

use chrono::NaiveDate;

use crate::domain::filter::CustomerFilter;
use crate::domain::followup::{Journey, TaskOutcome};
use crate::domain::segment::SegmentRules;
use crate::domain::time::{Stamp, day_start_unix, local_offset_min};
use crate::gui::commands::{Outcome, UndoEntry};
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::screens::followups::labels;
use crate::store::{self, Store, customers, followups, journeys, purchases, segments};

/// A follow-up write requested by a screen.
#[derive(Debug, Clone)]
pub enum FollowupCommand {
    /// `custom_date`: the day "custom date" steps count from (asked when the journey has one).
    Enrol {
        journey_id: i64,
        customers: Vec<i64>,
        custom_date: Option<NaiveDate>,
    },
    /// Enrols everyone the customer-book filter `filter` lists.
    EnrolByRule {
        journey_id: i64,
        filter: Box<CustomerFilter>,
        custom_date: Option<NaiveDate>,
    },
    CompleteTask {
        task_id: i64,
        outcome: TaskOutcome,
        note: String,
    },
    SnoozeTask {
        task_id: i64,
        until: NaiveDate,
    },
    SkipTask {
        task_id: i64,
        reason: String,
    },
    CreateJourney(String),
    SaveJourney(Box<Journey>),
    DeleteJourney(i64),
    AddPurchase {
        customer_id: i64,
        day: NaiveDate,
        amount_cents: i64,
        items: String,
        discounted: bool,
    },
    SaveRules(Box<SegmentRules>),
}

/// Noon of `day` in the machine's zone: a purchase logged by hand has a day, not a time.
fn noon(day: NaiveDate) -> Stamp {
    let offset_min = local_offset_min();
    Stamp {
        unix_s: day_start_unix(day, offset_min) + 12 * 3600,
        offset_min,
    }
}

/// Applies one follow-up command in a transaction.
pub fn apply_followup(
    store: &mut Store,
    command: FollowupCommand,
    lang: Lang,
) -> store::Result<Outcome> {
    let mut outcome = Outcome::default();
    match command {
        FollowupCommand::Enrol {
            journey_id,
            customers: ids,
            custom_date,
        } => {
            let report = store
                .write(|tx| followups::enrol(tx, journey_id, &ids, custom_date, Stamp::now()))?;
            outcome.toast = Some(enrolled_toast(lang, &report));
            outcome.undo = unenrol_entry(journey_id, report);
        }
        FollowupCommand::EnrolByRule {
            journey_id,
            filter,
            custom_date,
        } => {
            let report = store.write(|tx| {
                let ids = customers::list_ids(tx, &filter)?;
                followups::enrol(tx, journey_id, &ids, custom_date, Stamp::now())
            })?;
            outcome.toast = Some(enrolled_toast(lang, &report));
            outcome.undo = unenrol_entry(journey_id, report);
        }
        FollowupCommand::CompleteTask {
            task_id,
            outcome: result,
            note,
        } => {
            let before = store.write(|tx| {
                let task = followups::get(tx, task_id)?;
                let body = fill(
                    lang.t(Key::FuTimelineNote),
                    &[
                        ("journey", &task.journey),
                        ("step", &task.step),
                        ("outcome", lang.t(labels::outcome(result))),
                        ("note", note.trim()),
                    ],
                );
                let body = body.trim_end_matches(['：', ':', ' ']);
                followups::complete(tx, task_id, result, &note, body, Stamp::now())
            })?;
            outcome.toast = Some(lang.t(Key::ToastTaskDone).into());
            outcome.undo = Some(UndoEntry::TaskWrite(Box::new(before)));
        }
        FollowupCommand::SnoozeTask { task_id, until } => {
            let before = store.write(|tx| followups::snooze(tx, task_id, until))?;
            outcome.undo = Some(UndoEntry::TaskWrite(Box::new(before)));
            let day = until.to_string();
            outcome.toast = Some(fill(lang.t(Key::ToastTaskSnoozed), &[("day", &day)]));
        }
        FollowupCommand::SkipTask { task_id, reason } => {
            let before = store.write(|tx| followups::skip(tx, task_id, &reason, Stamp::now()))?;
            outcome.undo = Some(UndoEntry::TaskWrite(Box::new(before)));
            outcome.toast = Some(lang.t(Key::ToastTaskSkipped).into());
        }
        FollowupCommand::CreateJourney(name) => {
            store.write(|tx| journeys::create(tx, &name).map(|_| ()))?;
            outcome.toast = Some(lang.t(Key::ToastJourneySaved).into());
        }
        FollowupCommand::SaveJourney(journey) => {
            store.write(|tx| {
                journeys::save(tx, &journey)?;
                followups::rederive_journey(tx, journey.id).map(|_| ())
            })?;
            outcome.toast = Some(lang.t(Key::ToastJourneySaved).into());
        }
        FollowupCommand::DeleteJourney(id) => {
            store.write(|tx| journeys::delete(tx, id))?;
            outcome.toast = Some(lang.t(Key::ToastJourneyDeleted).into());
        }
        FollowupCommand::AddPurchase {
            customer_id,
            day,
            amount_cents,
            items,
            discounted,
        } => {
            store.write(|tx| {
                purchases::add(tx, customer_id, noon(day), amount_cents, &items, discounted)?;
                followups::rederive(tx, customer_id).map(|_| ())
            })?;
            outcome.toast = Some(lang.t(Key::ToastPurchaseAdded).into());
        }
        FollowupCommand::SaveRules(rules) => {
            store.write(|tx| segments::set_rules(tx, &rules))?;
            outcome.toast = Some(lang.t(Key::ToastRulesSaved).into());
        }
    }
    Ok(outcome)
}

/// How to take an enrolment back (nothing when nobody was new to the journey).
fn unenrol_entry(journey_id: i64, report: followups::EnrolReport) -> Option<UndoEntry> {
    (!report.newly_enrolled.is_empty()).then_some(UndoEntry::Unenrol {
        journey_id,
        customers: report.newly_enrolled,
    })
}

fn enrolled_toast(lang: Lang, report: &followups::EnrolReport) -> String {
    fill(
        lang.t(Key::ToastEnrolled),
        &[
            ("n", &report.enrolled.to_string()),
            ("tasks", &report.tasks.to_string()),
        ],
    )
}
