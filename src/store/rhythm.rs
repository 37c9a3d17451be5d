//! Rhythm slots (weekday × time × column × group) and the grid editor's lines over them.
//! Editing a line changes its slots in place, so items already generated follow a new time on
//! the next generation; removing a slot also removes its untouched planned items from today on.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::{Result, StoreError};
use crate::domain::content::rhythm::{RhythmLine, WEEKDAYS};
use crate::domain::content::{RhythmSlot, format_time, parse_time};

fn slot_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RhythmSlot> {
    let weekday: i64 = r.get(1)?;
    let time: String = r.get(2)?;
    let bad = |what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("rhythm slot {what}").into(),
        )
    };
    Ok(RhythmSlot {
        id: r.get(0)?,
        weekday: usize::try_from(weekday - 1)
            .ok()
            .and_then(|i| WEEKDAYS.get(i))
            .copied()
            .ok_or_else(|| bad("weekday"))?,
        time: parse_time(&time).ok_or_else(|| bad("time"))?,
        column_id: r.get(3)?,
        group_id: r.get(4)?,
        label: r.get(5)?,
    })
}

/// Every slot; with `active_only`, just those of active groups and columns (what generation uses).
pub fn list_slots(conn: &Connection, active_only: bool) -> Result<Vec<RhythmSlot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.weekday, s.time, s.column_id, s.group_id, s.label
         FROM rhythm_slots s
         JOIN groups g ON g.id = s.group_id
         JOIN content_columns c ON c.id = s.column_id
         WHERE NOT ?1 OR (g.archived = 0 AND c.archived = 0)
         ORDER BY s.time, s.weekday, s.column_id, s.group_id",
    )?;
    let slots = stmt
        .query_map([active_only], slot_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(slots)
}

/// Removes slots, and their generated items from `from_day` on that nobody touched.
fn delete_slots(conn: &Connection, ids: &[i64], from_day: NaiveDate) -> Result<()> {
    let mut items = conn.prepare_cached(
        "DELETE FROM content_items WHERE slot_id = ?1 AND user_edited = 0
             AND status = 'planned' AND day >= ?2",
    )?;
    let mut slots = conn.prepare_cached("DELETE FROM rhythm_slots WHERE id = ?1")?;
    for id in ids {
        items.execute(params![id, from_day.to_string()])?;
        slots.execute([id])?;
    }
    Ok(())
}

/// Stores `line`, replacing `old` (the line as it was before the edit, `None` for a new line).
/// Slots both lines share are updated in place; `today` bounds which planned items a removed
/// slot takes with it.
pub fn save_line(
    conn: &Connection,
    old: Option<&RhythmLine>,
    line: &RhythmLine,
    today: NaiveDate,
) -> Result<()> {
    if conn.query_row(
        "SELECT count(*) FROM content_columns WHERE id = ?1",
        [line.column_id],
        |r| r.get::<_, i64>(0),
    )? == 0
    {
        return Err(StoreError::NotFound {
            what: "column",
            id: line.column_id,
        });
    }
    let wanted: BTreeSet<(u32, i64)> = line
        .slot_keys()
        .into_iter()
        .map(|(w, g)| (w.number_from_monday(), g))
        .collect();
    let mut kept = BTreeSet::new();
    if let Some(old) = old {
        let mut drop = Vec::new();
        let existing: Vec<RhythmSlot> = list_slots(conn, false)?
            .into_iter()
            .filter(|s| old.owns(s))
            .collect();
        let mut update = conn.prepare_cached(
            "UPDATE OR REPLACE rhythm_slots SET time = ?1, column_id = ?2, label = ?3 WHERE id = ?4",
        )?;
        for slot in existing {
            let key = (slot.weekday.number_from_monday(), slot.group_id);
            if wanted.contains(&key) {
                update.execute(params![
                    format_time(line.time),
                    line.column_id,
                    line.label.trim(),
                    slot.id
                ])?;
                kept.insert(key);
            } else {
                drop.push(slot.id);
            }
        }
        delete_slots(conn, &drop, today)?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO rhythm_slots (weekday, time, column_id, group_id, label)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (weekday, group) in wanted.difference(&kept) {
        insert.execute(params![
            weekday,
            format_time(line.time),
            line.column_id,
            group,
            line.label.trim()
        ])?;
    }
    Ok(())
}

/// Removes a whole line: its slots, and their untouched planned items from `today` on.
pub fn delete_line(conn: &Connection, line: &RhythmLine, today: NaiveDate) -> Result<()> {
    let ids: Vec<i64> = list_slots(conn, false)?
        .into_iter()
        .filter(|s| line.owns(s))
        .map(|s| s.id)
        .collect();
    delete_slots(conn, &ids, today)
}
