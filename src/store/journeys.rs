//! Journeys and their steps: read for the 跟进 screen's editor and derivation, saved as a whole.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::error::{Result, StoreError};
use crate::domain::followup::{Channel, Journey, Step, Trigger};

/// Every journey with its steps in order (archived ones left out).
pub fn list(conn: &Connection) -> Result<Vec<Journey>> {
    let mut journeys: Vec<Journey> = conn
        .prepare_cached(
            "SELECT id, name, description FROM journeys WHERE archived = 0 ORDER BY sort, id",
        )?
        .query_map([], |r| {
            Ok(Journey {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                steps: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for journey in &mut journeys {
        journey.steps = steps_of(conn, journey.id)?;
    }
    Ok(journeys)
}

/// One journey's steps in order.
pub fn steps_of(conn: &Connection, journey_id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, trigger, offset_days, title, script, channel FROM journey_steps
         WHERE journey_id = ?1 ORDER BY position, id",
    )?;
    let steps = stmt
        .query_map([journey_id], |r| {
            let trigger: String = r.get(1)?;
            let channel: String = r.get(5)?;
            Ok(Step {
                id: r.get(0)?,
                trigger: Some(Trigger::from_key(&trigger)),
                offset_days: r.get(2)?,
                title: r.get(3)?,
                script: r.get(4)?,
                channel: Channel::from_key(&channel),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(steps)
}

/// Creates a journey with no steps, placed last; returns its id.
pub fn create(conn: &Connection, name: &str) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("a journey needs a name".into()));
    }
    conn.prepare_cached(
        "INSERT INTO journeys (name, sort) VALUES (?1, (SELECT coalesce(max(sort), 0) + 1 FROM journeys))",
    )?
    .execute([name])?;
    Ok(conn.last_insert_rowid())
}

/// Saves a journey's name, description and steps: steps with an id are updated, new ones
/// inserted, and stored steps missing from `journey.steps` deleted (with their tasks).
/// Returns the ids of the steps in order.
pub fn save(conn: &Connection, journey: &Journey) -> Result<Vec<i64>> {
    let name = journey.name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("a journey needs a name".into()));
    }
    let changed = conn
        .prepare_cached("UPDATE journeys SET name = ?2, description = ?3 WHERE id = ?1")?
        .execute(params![journey.id, name, journey.description.trim()])?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "journey",
            id: journey.id,
        });
    }
    let kept: HashSet<i64> = journey
        .steps
        .iter()
        .map(|s| s.id)
        .filter(|&id| id > 0)
        .collect();
    for old in steps_of(conn, journey.id)? {
        if !kept.contains(&old.id) {
            conn.prepare_cached("DELETE FROM journey_steps WHERE id = ?1")?
                .execute([old.id])?;
        }
    }
    let mut ids = Vec::with_capacity(journey.steps.len());
    for (position, step) in journey.steps.iter().enumerate() {
        let values = params![
            journey.id,
            position as i64 + 1,
            step.trigger().key(),
            step.offset_days,
            step.title.trim(),
            step.script,
            step.channel.key(),
            step.id,
        ];
        let updated = if step.id > 0 {
            conn.prepare_cached(
                "UPDATE journey_steps SET position = ?2, trigger = ?3, offset_days = ?4, title = ?5,
                    script = ?6, channel = ?7 WHERE id = ?8 AND journey_id = ?1",
            )?
            .execute(values)?
        } else {
            0
        };
        if updated == 0 {
            conn.prepare_cached(
                "INSERT INTO journey_steps (journey_id, position, trigger, offset_days, title, script, channel)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                journey.id,
                position as i64 + 1,
                step.trigger().key(),
                step.offset_days,
                step.title.trim(),
                step.script,
                step.channel.key(),
            ])?;
            ids.push(conn.last_insert_rowid());
        } else {
            ids.push(step.id);
        }
    }
    Ok(ids)
}

/// Deletes a journey with its steps, enrolments and tasks.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM journeys WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The customers enrolled in a journey.
pub fn enrolled(conn: &Connection, journey_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id FROM enrolments WHERE journey_id = ?1 ORDER BY customer_id",
    )?;
    let ids = stmt
        .query_map([journey_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
