//! Follow-up tasks: enrolment, (re-)derivation of tasks from journeys via `domain::followup`,
//! the checklist, and completing / snoozing / skipping a task.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::{customers, notes, purchases};
use crate::domain::checklist::{Checklist, TaskView};
use crate::domain::followup::{
    Anchors, Channel, ExistingTask, TaskChange, TaskOutcome, TaskStatus, UPCOMING_DAYS, reconcile,
};
use crate::domain::note::NoteKind;
use crate::domain::time::{Stamp, local_offset_min, parse_day};

/// What an enrolment did.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct EnrolReport {
    /// Customers newly enrolled (already enrolled ones are left as they are).
    pub enrolled: usize,
    /// Tasks created.
    pub tasks: usize,
    /// Who was newly enrolled (what an undo takes back).
    #[serde(skip)]
    pub newly_enrolled: Vec<i64>,
}

/// Enrols customers into a journey and creates the tasks whose triggers have happened. Enrolling
/// someone twice changes nothing: the enrolment is unique and tasks are keyed by their anchor.
pub fn enrol(
    conn: &Connection,
    journey_id: i64,
    customer_ids: &[i64],
    custom_date: Option<NaiveDate>,
    at: Stamp,
) -> Result<EnrolReport> {
    let mut report = EnrolReport::default();
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO enrolments (journey_id, customer_id, enrolled_at, custom_date)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for &customer_id in customer_ids {
        let inserted = insert.execute(params![
            journey_id,
            customer_id,
            at.unix_s,
            custom_date.map(|d| d.to_string())
        ])?;
        if inserted > 0 {
            report.enrolled += inserted;
            report.newly_enrolled.push(customer_id);
        }
        report.tasks += derive(conn, journey_id, customer_id)?;
    }
    Ok(report)
}

/// Takes an enrolment back: the customers leave the journey and its open tasks for them go
/// (tasks already done or skipped stay, as history). Returns how many customers left.
pub fn unenrol(conn: &Connection, journey_id: i64, customer_ids: &[i64]) -> Result<usize> {
    let mut tasks = conn.prepare_cached(
        "DELETE FROM followup_tasks WHERE customer_id = ?1 AND status = 'open'
         AND step_id IN (SELECT id FROM journey_steps WHERE journey_id = ?2)",
    )?;
    let mut enrolment =
        conn.prepare_cached("DELETE FROM enrolments WHERE customer_id = ?1 AND journey_id = ?2")?;
    let mut left = 0;
    for &customer_id in customer_ids {
        tasks.execute(params![customer_id, journey_id])?;
        left += enrolment.execute(params![customer_id, journey_id])?;
    }
    Ok(left)
}

/// Re-derives every journey a customer is enrolled in (after a purchase, a contact, an edit).
/// Returns how many tasks were created.
pub fn rederive(conn: &Connection, customer_id: i64) -> Result<usize> {
    let journeys: Vec<i64> = conn
        .prepare_cached("SELECT journey_id FROM enrolments WHERE customer_id = ?1")?
        .query_map([customer_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut created = 0;
    for journey_id in journeys {
        created += derive(conn, journey_id, customer_id)?;
    }
    Ok(created)
}

/// Re-derives a journey for everyone enrolled in it (after its steps were edited).
pub fn rederive_journey(conn: &Connection, journey_id: i64) -> Result<usize> {
    let mut created = 0;
    for customer_id in super::journeys::enrolled(conn, journey_id)? {
        created += derive(conn, journey_id, customer_id)?;
    }
    Ok(created)
}

fn local_day(unix_s: i64) -> NaiveDate {
    Stamp {
        unix_s,
        offset_min: local_offset_min(),
    }
    .local_day()
}

/// The days a customer's triggers happened, for one enrolment.
pub fn anchors(conn: &Connection, customer_id: i64, custom: Option<NaiveDate>) -> Result<Anchors> {
    let customer = customers::get(conn, customer_id)?;
    let bought = purchases::first_and_latest(conn, customer_id)?;
    Ok(Anchors {
        added: customer.added_at.map(Stamp::local_day),
        first_purchase: bought.map(|(first, _)| first),
        latest_purchase: bought.map(|(_, last)| last),
        latest_contact: customer.last_contact_at.map(|s| local_day(s.unix_s)),
        custom,
    })
}

/// Creates and moves the tasks of one enrolment; returns how many were created.
fn derive(conn: &Connection, journey_id: i64, customer_id: i64) -> Result<usize> {
    let enrolment: Option<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT enrolled_at, custom_date FROM enrolments WHERE journey_id = ?1 AND customer_id = ?2",
        )?
        .query_row([journey_id, customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((enrolled_at, custom)) = enrolment else {
        return Ok(0);
    };
    let anchors = anchors(conn, customer_id, custom.as_deref().and_then(parse_day))?;
    let enrolled_on = local_day(enrolled_at);
    let mut created = 0;
    for step in super::journeys::steps_of(conn, journey_id)? {
        let existing = existing_tasks(conn, step.id, customer_id)?;
        match reconcile(&step, &anchors, enrolled_on, &existing) {
            Some(TaskChange::Insert { anchor_day, due }) => {
                created += conn
                    .prepare_cached(
                        "INSERT OR IGNORE INTO followup_tasks (customer_id, step_id, anchor_day, due)
                         VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![
                        customer_id,
                        step.id,
                        anchor_day.to_string(),
                        due.to_string()
                    ])?;
            }
            Some(TaskChange::Retarget {
                task_id,
                anchor_day,
                due,
            }) => {
                conn.prepare_cached(
                    "UPDATE followup_tasks SET anchor_day = ?2, due = ?3, snoozed_until = NULL WHERE id = ?1",
                )?
                .execute(params![task_id, anchor_day.to_string(), due.to_string()])?;
            }
            None => {}
        }
    }
    Ok(created)
}

fn existing_tasks(conn: &Connection, step_id: i64, customer_id: i64) -> Result<Vec<ExistingTask>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, anchor_day, status, due, snoozed_until IS NOT NULL FROM followup_tasks
         WHERE step_id = ?1 AND customer_id = ?2",
    )?;
    let rows = stmt
        .query_map([step_id, customer_id], |r| {
            let anchor: String = r.get(1)?;
            let status: String = r.get(2)?;
            let due: String = r.get(3)?;
            Ok(ExistingTask {
                id: r.get(0)?,
                anchor_day: parse_day(&anchor).unwrap_or_default(),
                status: TaskStatus::from_key(&status),
                due: parse_day(&due).unwrap_or_default(),
                snoozed: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

const TASK_SELECT: &str = "SELECT t.id, t.customer_id, c.name, c.remark, j.name, s.title,
        s.channel, t.due, t.status, t.outcome, t.note, s.script, t.done_at,
        coalesce((SELECT p.items FROM purchases p WHERE p.customer_id = t.customer_id
                  ORDER BY p.at DESC LIMIT 1), '')
    FROM followup_tasks t
    JOIN journey_steps s ON s.id = t.step_id
    JOIN journeys j ON j.id = s.journey_id
    JOIN customers c ON c.id = t.customer_id";

fn task_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TaskView> {
    let name: String = r.get(2)?;
    let remark: String = r.get(3)?;
    let channel: String = r.get(6)?;
    let due: String = r.get(7)?;
    let status: String = r.get(8)?;
    let outcome: Option<String> = r.get(9)?;
    Ok(TaskView {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer: if remark.trim().is_empty() {
            name
        } else {
            remark
        },
        journey: r.get(4)?,
        step: r.get(5)?,
        channel: Channel::from_key(&channel),
        due: parse_day(&due).unwrap_or_default(),
        status: TaskStatus::from_key(&status),
        outcome: outcome.as_deref().and_then(TaskOutcome::from_key),
        note: r.get(10)?,
        script_template: r.get(11)?,
        done_at: r.get(12)?,
        items: r.get(13)?,
    })
}

fn open_between(conn: &Connection, from: &str, to: &str, limit: usize) -> Result<Vec<TaskView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{TASK_SELECT} WHERE t.status = 'open' AND t.due >= ?1 AND t.due <= ?2
         ORDER BY t.due, t.customer_id, t.id LIMIT ?3"
    ))?;
    let rows = stmt
        .query_map(params![from, to, limit as i64], task_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The checklist on `today`: open tasks overdue, due today and due in the next `UPCOMING_DAYS`,
/// each list cut to `limit` (the totals are exact).
pub fn checklist(conn: &Connection, today: NaiveDate, limit: usize) -> Result<Checklist> {
    let day = today.to_string();
    let yesterday = today.pred_opt().unwrap_or(today).to_string();
    let tomorrow = today.succ_opt().unwrap_or(today).to_string();
    let horizon = (today + chrono::Duration::days(UPCOMING_DAYS)).to_string();
    let (overdue_total, today_total, upcoming_total): (i64, i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(due < ?1), 0), coalesce(sum(due = ?1), 0), coalesce(sum(due > ?1), 0)
             FROM followup_tasks WHERE status = 'open' AND due <= ?2",
        )?
        .query_row([&day, &horizon], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(Checklist {
        today: Some(today),
        overdue: open_between(conn, "", &yesterday, limit)?,
        due_today: open_between(conn, &day, &day, limit)?,
        upcoming: open_between(conn, &tomorrow, &horizon, limit)?,
        overdue_total,
        today_total,
        upcoming_total,
    })
}

/// Tasks marked done from `start` (inclusive) to `end` (exclusive), unix seconds.
pub fn count_done_between(conn: &Connection, start: i64, end: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM followup_tasks WHERE status = 'done' AND done_at >= ?1 AND done_at < ?2",
        )?
        .query_row(params![start, end], |r| r.get(0))?)
}

/// How many open tasks are due on or before `today` (the navigation badge).
pub fn count_due(conn: &Connection, today: NaiveDate) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM followup_tasks WHERE status = 'open' AND due <= ?1")?
        .query_row([today.to_string()], |r| r.get(0))?)
}

/// A customer's tasks: open ones by due day, then the finished ones newest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<TaskView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{TASK_SELECT} WHERE t.customer_id = ?1
         ORDER BY t.status != 'open', CASE WHEN t.status = 'open' THEN t.due END,
                  t.done_at DESC, t.id DESC"
    ))?;
    let rows = stmt
        .query_map([customer_id], task_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One task.
pub fn get(conn: &Connection, id: i64) -> Result<TaskView> {
    conn.prepare_cached(&format!("{TASK_SELECT} WHERE t.id = ?1"))?
        .query_row([id], task_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "task", id })
}

fn open_task(conn: &Connection, id: i64) -> Result<TaskView> {
    let task = get(conn, id)?;
    if task.status != TaskStatus::Open {
        return Err(StoreError::Invalid(format!("task {id} is already closed")));
    }
    Ok(task)
}

/// What a complete / snooze / skip changed, so Undo can put it back exactly: the customer's
/// tasks as they were (completing re-derives the journeys, which can add or move other tasks),
/// their last contact, and the timeline note completing added.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskUndo {
    customer_id: i64,
    tasks: Vec<serde_json::Value>,
    last_contact_at: Option<i64>,
    note_id: Option<i64>,
}

/// Captures what a write to task `id` may change (call before the write).
pub fn before_task_write(conn: &Connection, id: i64) -> Result<TaskUndo> {
    let customer_id = get(conn, id)?.customer_id;
    Ok(TaskUndo {
        customer_id,
        tasks: super::row_json::capture(conn, "followup_tasks", "customer_id", customer_id)?,
        last_contact_at: conn
            .prepare_cached("SELECT last_contact_at FROM customers WHERE id = ?1")?
            .query_row([customer_id], |r| r.get(0))?,
        note_id: None,
    })
}

/// Puts a customer's tasks, last contact and timeline back as `before` captured them.
pub fn undo_task_write(conn: &Connection, before: &TaskUndo) -> Result<()> {
    conn.prepare_cached("DELETE FROM followup_tasks WHERE customer_id = ?1")?
        .execute([before.customer_id])?;
    super::row_json::insert(conn, "followup_tasks", &before.tasks)?;
    conn.prepare_cached("UPDATE customers SET last_contact_at = ?2 WHERE id = ?1")?
        .execute(params![before.customer_id, before.last_contact_at])?;
    if let Some(note_id) = before.note_id {
        notes::delete(conn, note_id)?;
    }
    Ok(())
}

/// Checks a task off: records the outcome and note, puts `timeline_note` on the customer's
/// timeline (kind 跟进), counts it as contact, and re-derives the customer's journeys. Returns
/// what Undo needs.
pub fn complete(
    conn: &Connection,
    id: i64,
    outcome: TaskOutcome,
    note: &str,
    timeline_note: &str,
    at: Stamp,
) -> Result<TaskUndo> {
    let mut before = before_task_write(conn, id)?;
    let task = open_task(conn, id)?;
    conn.prepare_cached(
        "UPDATE followup_tasks SET status = 'done', done_at = ?2, outcome = ?3, note = ?4 WHERE id = ?1",
    )?
    .execute(params![id, at.unix_s, outcome.key(), note.trim()])?;
    before.note_id = Some(notes::add(
        conn,
        task.customer_id,
        NoteKind::Followup,
        timeline_note,
        at,
    )?);
    customers::touch_contact(conn, task.customer_id, at)?;
    rederive(conn, task.customer_id)?;
    Ok(before)
}

/// Moves an open task to `until` (the caller keeps it after today: `domain::followup::snooze_day`).
pub fn snooze(conn: &Connection, id: i64, until: NaiveDate) -> Result<TaskUndo> {
    let before = before_task_write(conn, id)?;
    open_task(conn, id)?;
    let day = until.to_string();
    conn.prepare_cached("UPDATE followup_tasks SET due = ?2, snoozed_until = ?2 WHERE id = ?1")?
        .execute(params![id, day])?;
    Ok(before)
}

/// Skips an open task with a reason (kept as its note; no contact is recorded).
pub fn skip(conn: &Connection, id: i64, reason: &str, at: Stamp) -> Result<TaskUndo> {
    let before = before_task_write(conn, id)?;
    open_task(conn, id)?;
    conn.prepare_cached(
        "UPDATE followup_tasks SET status = 'skipped', done_at = ?2, note = ?3 WHERE id = ?1",
    )?
    .execute(params![id, at.unix_s, reason.trim()])?;
    Ok(before)
}
