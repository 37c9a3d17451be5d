//! KOC roles: the catalogue, assignments with their history, and contributions.
//! Board, leaderboard, candidates and coverage queries live in `koc_views`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::{Result, StoreError};
use super::now_unix;
use crate::domain::koc::{Expectation, Role, Status};
use crate::domain::time::parse_day;

fn role_from_row(r: &Row<'_>) -> rusqlite::Result<Role> {
    let kind: Option<String> = r.get(5)?;
    Ok(Role {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        color: r.get(3)?,
        per_group: r.get(4)?,
        expectation: Expectation::from_parts(kind.as_deref(), r.get(6)?),
        covers_group: r.get(7)?,
    })
}

/// The role catalogue, in its display order.
pub fn roles(conn: &Connection) -> Result<Vec<Role>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, description, color, per_group, expected_kind, expected_count, covers_group
         FROM roles ORDER BY sort, id",
    )?;
    let roles = stmt
        .query_map([], role_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(roles)
}

/// The id of the role called `name`, if there is one.
pub fn role_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM roles WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Adds a role at the end of the catalogue; returns its id.
pub fn create_role(conn: &Connection, name: &str, color: &str) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("a role needs a name".into()));
    }
    conn.execute(
        "INSERT INTO roles (name, color, sort) VALUES (?1, ?2, (SELECT coalesce(max(sort), 0) + 10 FROM roles))",
        params![name, color],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Saves a role's editable fields; returns the role as it was (for undo).
pub fn save_role(conn: &Connection, role: &Role) -> Result<Role> {
    let before = roles(conn)?
        .into_iter()
        .find(|r| r.id == role.id)
        .ok_or_else(|| StoreError::Invalid(format!("no role {}", role.id)))?;
    let (kind, count) = role.expectation.map(Expectation::parts).unzip();
    conn.execute(
        "UPDATE roles SET name = ?2, description = ?3, color = ?4, per_group = ?5,
           expected_kind = ?6, expected_count = ?7, covers_group = ?8 WHERE id = ?1",
        params![
            role.id,
            role.name.trim(),
            role.description,
            role.color,
            role.per_group,
            kind,
            count,
            role.covers_group
        ],
    )?;
    Ok(before)
}

/// One assignment of a role to a customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: i64,
    pub customer_id: i64,
    pub role_id: i64,
    /// `None`: all groups.
    pub group_id: Option<i64>,
    pub status: Status,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reason: String,
}

/// An assignment with the names the screens show.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentView {
    pub assignment: Assignment,
    pub customer_name: String,
    pub role_name: String,
    pub role_color: String,
    pub group_name: Option<String>,
}

const ASSIGNMENT_VIEW: &str =
    "SELECT a.id, a.customer_id, a.role_id, a.group_id, a.status, a.since, a.until,
       a.reason, c.name, r.name, r.color, g.name
     FROM role_assignments a
     JOIN customers c ON c.id = a.customer_id
     JOIN roles r ON r.id = a.role_id
     LEFT JOIN groups g ON g.id = a.group_id";

fn view_from_row(r: &Row<'_>) -> rusqlite::Result<AssignmentView> {
    let status: String = r.get(4)?;
    let since: String = r.get(5)?;
    let until: Option<String> = r.get(6)?;
    Ok(AssignmentView {
        assignment: Assignment {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            role_id: r.get(2)?,
            group_id: r.get(3)?,
            status: Status::from_key(&status).unwrap_or(Status::Ended),
            since: parse_day(&since).unwrap_or_default(),
            until: until.as_deref().and_then(parse_day),
            reason: r.get(7)?,
        },
        customer_name: r.get(8)?,
        role_name: r.get(9)?,
        role_color: r.get(10)?,
        group_name: r.get(11)?,
    })
}

/// Every assignment a customer has had, current first, then newest.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<AssignmentView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ASSIGNMENT_VIEW} WHERE a.customer_id = ?1
         ORDER BY a.status = 'ended', a.since DESC, a.id DESC"
    ))?;
    let rows = stmt
        .query_map([customer_id], view_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every assignment that is not ended (candidates and holders), by role then start.
pub fn current(conn: &Connection) -> Result<Vec<AssignmentView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ASSIGNMENT_VIEW} WHERE a.status <> 'ended' ORDER BY r.sort, r.id, a.since, a.id"
    ))?;
    let rows = stmt
        .query_map([], view_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One assignment by id.
pub fn get(conn: &Connection, id: i64) -> Result<AssignmentView> {
    conn.prepare_cached(&format!("{ASSIGNMENT_VIEW} WHERE a.id = ?1"))?
        .query_row([id], view_from_row)
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("no role assignment {id}")))
}

/// What a new assignment says.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAssignment {
    pub customer_id: i64,
    pub role_id: i64,
    pub group_id: Option<i64>,
    pub status: Status,
    pub since: NaiveDate,
    pub reason: String,
}

/// Assigns a role. A customer who already holds or is nominated for the same role in the same
/// group is left as is (`Ok(None)`), so bulk assignment can be repeated safely.
pub fn assign(conn: &Connection, new: &NewAssignment) -> Result<Option<i64>> {
    if new.status == Status::Ended {
        return Err(StoreError::Invalid(
            "a new assignment cannot start ended".into(),
        ));
    }
    let existing: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM role_assignments WHERE customer_id = ?1 AND role_id = ?2
               AND group_id IS ?3 AND status <> 'ended' LIMIT 1",
        )?
        .query_row(params![new.customer_id, new.role_id, new.group_id], |r| {
            r.get(0)
        })
        .optional()?;
    if existing.is_some() {
        return Ok(None);
    }
    conn.prepare_cached(
        "INSERT INTO role_assignments (customer_id, role_id, group_id, status, since, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        new.customer_id,
        new.role_id,
        new.group_id,
        new.status.key(),
        new.since.to_string(),
        new.reason.trim(),
        now_unix()
    ])?;
    Ok(Some(conn.last_insert_rowid()))
}

/// Moves an assignment on (candidate → active, or to ended on `on`); returns it as it was.
/// Appointing a candidate starts the role on `on`; ending keeps the row with its `until`.
pub fn set_status(conn: &Connection, id: i64, to: Status, on: NaiveDate) -> Result<Assignment> {
    let before = get(conn, id)?.assignment;
    if !before.status.can_become(to) {
        return Err(StoreError::Invalid(format!(
            "a {} assignment cannot become {}",
            before.status.key(),
            to.key()
        )));
    }
    match to {
        Status::Active => conn.execute(
            "UPDATE role_assignments SET status = 'active', since = ?2 WHERE id = ?1",
            params![id, on.to_string()],
        )?,
        Status::Ended => conn.execute(
            "UPDATE role_assignments SET status = 'ended', until = ?2 WHERE id = ?1",
            params![id, on.max(before.since).to_string()],
        )?,
        Status::Candidate => 0,
    };
    Ok(before)
}

/// Changes a holder's role: the old assignment ends on `on` and a new one starts that day in the
/// same group; returns (the old assignment as it was, the new id).
pub fn change_role(
    conn: &Connection,
    id: i64,
    new_role_id: i64,
    on: NaiveDate,
) -> Result<(Assignment, Option<i64>)> {
    let before = set_status(conn, id, Status::Ended, on)?;
    let new_id = assign(
        conn,
        &NewAssignment {
            customer_id: before.customer_id,
            role_id: new_role_id,
            group_id: before.group_id,
            status: before.status,
            since: on,
            reason: before.reason.clone(),
        },
    )?;
    Ok((before, new_id))
}

/// Puts an assignment back exactly as it was (undo of a status change).
pub fn restore(conn: &Connection, a: &Assignment) -> Result<()> {
    conn.execute(
        "UPDATE role_assignments SET status = ?2, since = ?3, until = ?4, reason = ?5 WHERE id = ?1",
        params![
            a.id,
            a.status.key(),
            a.since.to_string(),
            a.until.map(|d| d.to_string()),
            a.reason
        ],
    )?;
    Ok(())
}

/// Deletes assignments (undo of assigning).
pub fn delete_assignments(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("DELETE FROM role_assignments WHERE id = ?1")?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

/// One logged contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub id: i64,
    pub customer_id: i64,
    pub kind: String,
    pub day: NaiveDate,
    pub value: f64,
    pub amount_cents: Option<i64>,
    pub note: String,
    pub group_id: Option<i64>,
}

fn contribution_from_row(r: &Row<'_>) -> rusqlite::Result<Contribution> {
    let day: String = r.get(3)?;
    Ok(Contribution {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        kind: r.get(2)?,
        day: parse_day(&day).unwrap_or_default(),
        value: r.get(4)?,
        amount_cents: r.get(5)?,
        note: r.get(6)?,
        group_id: r.get(7)?,
    })
}

const CONTRIBUTION_FIELDS: &str = "id, customer_id, kind, day, value, amount_cents, note, group_id";

/// Logs a contribution (its `id` is ignored unless restoring); returns its id.
pub fn add_contribution(conn: &Connection, c: &Contribution) -> Result<i64> {
    if c.kind.trim().is_empty() {
        return Err(StoreError::Invalid("a contribution needs a kind".into()));
    }
    let id = (c.id > 0).then_some(c.id);
    conn.prepare_cached(
        "INSERT INTO contributions (id, customer_id, kind, day, value, amount_cents, note, group_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        c.customer_id,
        c.kind.trim(),
        c.day.to_string(),
        c.value,
        c.amount_cents,
        c.note.trim(),
        c.group_id,
        now_unix()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Deletes a contribution; returns it (undo puts it back with the same id).
pub fn delete_contribution(conn: &Connection, id: i64) -> Result<Contribution> {
    let c = conn
        .prepare_cached(&format!(
            "SELECT {CONTRIBUTION_FIELDS} FROM contributions WHERE id = ?1"
        ))?
        .query_row([id], contribution_from_row)
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("no contribution {id}")))?;
    conn.execute("DELETE FROM contributions WHERE id = ?1", [id])?;
    Ok(c)
}

/// A customer's contributions, newest first.
pub fn contributions_of(
    conn: &Connection,
    customer_id: i64,
    limit: usize,
) -> Result<Vec<Contribution>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONTRIBUTION_FIELDS} FROM contributions WHERE customer_id = ?1
         ORDER BY day DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![customer_id, limit as i64], contribution_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Settings key of the per-group coverage target.
const COVERAGE_TARGET_KEY: &str = "koc.coverage_target";

/// How many active covering holders each group should have.
pub fn coverage_target(conn: &Connection) -> Result<u32> {
    Ok(super::settings::get(conn, COVERAGE_TARGET_KEY)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::domain::koc::DEFAULT_COVERAGE_TARGET))
}

/// Sets the coverage target; returns the previous one.
pub fn set_coverage_target(conn: &Connection, target: u32) -> Result<u32> {
    let before = coverage_target(conn)?;
    super::settings::set(conn, COVERAGE_TARGET_KEY, &target.to_string())?;
    Ok(before)
}
