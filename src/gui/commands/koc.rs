//! The KOC writes (assign, appoint, end or change a role, log or delete a contribution, edit the
//! catalogue and the coverage target) and how each is taken back.

use chrono::NaiveDate;

use crate::domain::koc::{Role, Status};
use crate::gui::commands::{Outcome, UndoEntry};
use crate::gui::i18n::{Key, Lang, fill};
use crate::store::koc::{self, Assignment, Contribution, NewAssignment};
use crate::store::{self, Store};

/// A KOC write requested by a screen.
#[derive(Debug, Clone)]
pub enum KocCommand {
    /// Assigns one role to each customer (already holding it: left as is).
    Assign {
        customers: Vec<i64>,
        role_id: i64,
        group_id: Option<i64>,
        status: Status,
        since: NaiveDate,
        reason: String,
    },
    SetStatus {
        assignment_id: i64,
        to: Status,
        on: NaiveDate,
    },
    ChangeRole {
        assignment_id: i64,
        role_id: i64,
        on: NaiveDate,
    },
    AddContribution(Contribution),
    DeleteContribution(i64),
    SaveRole(Box<Role>),
    CreateRole(String),
    SetCoverageTarget(u32),
}

/// How to take a KOC write back.
#[derive(Debug, Clone)]
pub enum KocUndo {
    DeleteAssignments(Vec<i64>),
    /// Put an assignment back as it was and drop the one that replaced it, if any.
    RestoreAssignment(Assignment, Option<i64>),
    RestoreContribution(Contribution),
    DeleteContribution(i64),
    RestoreRole(Box<Role>),
    RestoreCoverageTarget(u32),
}

fn undoable(outcome: &mut Outcome, text: String, entry: KocUndo) {
    outcome.toast = Some(text);
    outcome.undo = Some(UndoEntry::Koc(entry));
}

/// Applies one KOC command in a transaction.
pub fn apply(store: &mut Store, command: KocCommand, lang: Lang) -> store::Result<Outcome> {
    let mut outcome = Outcome::default();
    match command {
        KocCommand::Assign {
            customers,
            role_id,
            group_id,
            status,
            since,
            reason,
        } => {
            let created = store.write(|tx| {
                let mut created = Vec::new();
                for customer_id in customers {
                    let new = NewAssignment {
                        customer_id,
                        role_id,
                        group_id,
                        status,
                        since,
                        reason: reason.clone(),
                    };
                    created.extend(koc::assign(tx, &new)?);
                }
                Ok(created)
            })?;
            let n = created.len().to_string();
            undoable(
                &mut outcome,
                fill(lang.t(Key::ToastRoleAssigned), &[("n", &n)]),
                KocUndo::DeleteAssignments(created),
            );
        }
        KocCommand::SetStatus {
            assignment_id,
            to,
            on,
        } => {
            let before = store.write(|tx| koc::set_status(tx, assignment_id, to, on))?;
            let key = match to {
                Status::Ended => Key::ToastRoleEnded,
                _ => Key::ToastRoleAppointed,
            };
            undoable(
                &mut outcome,
                lang.t(key).into(),
                KocUndo::RestoreAssignment(before, None),
            );
        }
        KocCommand::ChangeRole {
            assignment_id,
            role_id,
            on,
        } => {
            let (before, new_id) =
                store.write(|tx| koc::change_role(tx, assignment_id, role_id, on))?;
            undoable(
                &mut outcome,
                lang.t(Key::ToastRoleChanged).into(),
                KocUndo::RestoreAssignment(before, new_id),
            );
        }
        KocCommand::AddContribution(c) => {
            let id = store.write(|tx| koc::add_contribution(tx, &c))?;
            undoable(
                &mut outcome,
                lang.t(Key::ToastContributionAdded).into(),
                KocUndo::DeleteContribution(id),
            );
        }
        KocCommand::DeleteContribution(id) => {
            let removed = store.write(|tx| koc::delete_contribution(tx, id))?;
            undoable(
                &mut outcome,
                lang.t(Key::ToastContributionDeleted).into(),
                KocUndo::RestoreContribution(removed),
            );
        }
        KocCommand::SaveRole(role) => {
            let before = store.write(|tx| koc::save_role(tx, &role))?;
            undoable(
                &mut outcome,
                lang.t(Key::ToastRoleSaved).into(),
                KocUndo::RestoreRole(Box::new(before)),
            );
        }
        KocCommand::CreateRole(name) => {
            store.write(|tx| koc::create_role(tx, &name, "#868e96").map(|_| ()))?;
            outcome.toast = Some(lang.t(Key::ToastRoleSaved).into());
        }
        KocCommand::SetCoverageTarget(target) => {
            let before = store.write(|tx| koc::set_coverage_target(tx, target))?;
            undoable(
                &mut outcome,
                lang.t(Key::ToastRoleSaved).into(),
                KocUndo::RestoreCoverageTarget(before),
            );
        }
    }
    Ok(outcome)
}

/// Reverts a KOC write.
pub fn undo(store: &mut Store, entry: KocUndo) -> store::Result<()> {
    store.write(|tx| match entry {
        KocUndo::DeleteAssignments(ids) => koc::delete_assignments(tx, &ids),
        KocUndo::RestoreAssignment(before, replaced_by) => {
            koc::delete_assignments(tx, &replaced_by.into_iter().collect::<Vec<_>>())?;
            koc::restore(tx, &before)
        }
        KocUndo::RestoreContribution(c) => koc::add_contribution(tx, &c).map(|_| ()),
        KocUndo::DeleteContribution(id) => koc::delete_contribution(tx, id).map(|_| ()),
        KocUndo::RestoreRole(role) => koc::save_role(tx, &role).map(|_| ()),
        KocUndo::RestoreCoverageTarget(target) => koc::set_coverage_target(tx, target).map(|_| ()),
    })
}
