//! `Command`: the only way a screen asks for a write. `App` applies commands after the frame
//! through the store, shows a toast, and keeps an undo entry for destructive ones.

pub mod content;
pub mod followup;
pub mod health;
pub mod koc;

use crate::domain::customer::Customer;
use crate::domain::note::{Note, NoteKind};
use crate::domain::time::Stamp;
pub use crate::gui::app::intents::Intent;
use crate::gui::commands::content::{ContentCommand, ContentUndo};
use crate::gui::i18n::{Key, Lang, fill};
use crate::store::snapshot::{CustomerSnapshot, delete_customers, restore_customers};
use crate::store::tags::TagSource;
use crate::store::{self, Store, customers, notes, tags};

/// A write requested by a screen.
#[derive(Debug, Clone)]
pub enum Command {
    /// Creates a blank customer and selects it.
    CreateCustomer,
    SaveCustomer(Box<Customer>),
    DeleteCustomers(Vec<i64>),
    /// Adds a tag by name (created on the fly, in `group_id` when new); `source` is `Rule` when a
    /// keyword signal chose the customers.
    AddTag {
        source: TagSource,
        customers: Vec<i64>,
        name: String,
        group_id: Option<i64>,
    },
    RemoveTag {
        customers: Vec<i64>,
        tag_id: i64,
        name: String,
    },
    AddNote {
        customer_id: i64,
        kind: NoteKind,
        body: String,
    },
    UpdateNote {
        id: i64,
        kind: NoteKind,
        body: String,
    },
    DeleteNote(i64),
    /// Reverts the newest undo entry.
    Undo,
    /// Nothing to write: re-read what the screens show (after a worker wrote), with a toast.
    Refresh(Option<String>),
    /// Something only the window can do: a dialog, the problem screen, a long write.
    Intent(Intent),
    /// Follow-ups: journeys, tasks, purchases, segment rules (see `gui::commands::followup`).
    Followup(crate::gui::commands::followup::FollowupCommand),
    /// A content-calendar write.
    Content(ContentCommand),
    /// A group-health write.
    Health(crate::gui::commands::health::HealthCommand),
    Koc(crate::gui::commands::koc::KocCommand),
}

/// How to take a destructive command back.
#[derive(Debug, Clone)]
pub enum UndoEntry {
    RestoreCustomers(Vec<CustomerSnapshot>),
    RestoreNote(Note),
    /// Take `tag_id` off these customers again.
    UntagCustomers {
        customers: Vec<i64>,
        tag_id: i64,
    },
    /// Put `tag_id` back on these customers.
    RetagCustomers {
        customers: Vec<i64>,
        tag_id: i64,
    },
    /// Put back a deleted content item or snippet.
    Content(ContentUndo),
    /// Put back a day or the alert thresholds.
    Health(crate::gui::commands::health::HealthUndo),
    Koc(crate::gui::commands::koc::KocUndo),
    /// Put a customer's follow-up tasks, last contact and timeline back (complete/snooze/skip).
    TaskWrite(Box<crate::store::followups::TaskUndo>),
    /// Customers an enrolment added to a journey.
    Unenrol {
        journey_id: i64,
        customers: Vec<i64>,
    },
}

/// What applying a command did, for the App to show and remember.
#[derive(Debug, Default)]
pub struct Outcome {
    pub toast: Option<String>,
    pub undo: Option<UndoEntry>,
    /// A customer to select afterwards (a new one).
    pub select: Option<i64>,
    /// Whether the undo stack's newest entry was consumed.
    pub undone: bool,
    /// A content item to open afterwards (a new or duplicated one).
    pub content_item: Option<i64>,
    /// What the write touched, so only the screens that show it re-read.
    pub changed: Changed,
}

/// What a write changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Changed {
    /// Anything: every screen re-reads.
    #[default]
    Everything,
    /// One day of one group's statistics, typed or deleted by hand: only the health screen's
    /// line for that group.
    GroupDay(i64),
}

/// Applies one command; every write happens in a transaction.
pub fn apply(
    store: &mut Store,
    command: Command,
    undo_stack: &mut Vec<UndoEntry>,
    lang: Lang,
) -> store::Result<Outcome> {
    let mut outcome = Outcome::default();
    match command {
        Command::CreateCustomer => {
            let customer = Customer {
                name: lang.t(Key::NewCustomerDefaultName).to_string(),
                added_at: Some(Stamp::now()),
                ..Customer::default()
            };
            let id = store.write(|tx| customers::create(tx, &customer))?;
            outcome.select = Some(id);
            outcome.toast = Some(lang.t(Key::ToastCustomerCreated).into());
        }
        Command::SaveCustomer(customer) => {
            store.write(|tx| {
                customers::update(tx, &customer)?;
                crate::store::followups::rederive(tx, customer.id).map(|_| ())
            })?;
            outcome.toast = Some(lang.t(Key::ToastCustomerSaved).into());
        }
        Command::DeleteCustomers(ids) => {
            let snapshots = delete_customers(store.conn_mut(), &ids)?;
            let n = snapshots.len().to_string();
            outcome.toast = Some(fill(lang.t(Key::ToastCustomersDeleted), &[("n", &n)]));
            outcome.undo = Some(UndoEntry::RestoreCustomers(snapshots));
        }
        Command::AddTag {
            source,
            customers: ids,
            name,
            group_id,
        } => {
            let (tag_id, changed) = store.write(|tx| {
                let tag_id = tags::ensure(tx, &name, group_id)?;
                Ok((tag_id, tags::add_to(tx, &ids, tag_id, source)?))
            })?;
            let n = changed.len().to_string();
            outcome.toast = Some(fill(
                lang.t(Key::ToastTagAdded),
                &[("n", &n), ("tag", &name)],
            ));
            outcome.undo = Some(UndoEntry::UntagCustomers {
                customers: changed,
                tag_id,
            });
        }
        Command::RemoveTag {
            customers: ids,
            tag_id,
            name,
        } => {
            let changed = store.write(|tx| tags::remove_from(tx, &ids, tag_id))?;
            let n = changed.len().to_string();
            outcome.toast = Some(fill(
                lang.t(Key::ToastTagRemoved),
                &[("n", &n), ("tag", &name)],
            ));
            outcome.undo = Some(UndoEntry::RetagCustomers {
                customers: changed,
                tag_id,
            });
        }
        Command::AddNote {
            customer_id,
            kind,
            body,
        } => {
            store.write(|tx| notes::add(tx, customer_id, kind, &body, Stamp::now()).map(|_| ()))?;
        }
        Command::UpdateNote { id, kind, body } => {
            store.write(|tx| notes::update(tx, id, kind, &body))?;
        }
        Command::DeleteNote(id) => {
            let note = store.write(|tx| notes::delete(tx, id))?;
            outcome.toast = Some(lang.t(Key::ToastNoteDeleted).into());
            outcome.undo = Some(UndoEntry::RestoreNote(note));
        }
        Command::Refresh(toast) => outcome.toast = toast,
        Command::Followup(command) => {
            outcome = crate::gui::commands::followup::apply_followup(store, command, lang)?;
        }
        Command::Content(command) => return content::apply(store, command, lang),
        Command::Health(command) => {
            return crate::gui::commands::health::apply(store, command, lang);
        }
        Command::Koc(command) => return crate::gui::commands::koc::apply(store, command, lang),
        // The App runs intents itself (they need the window, or a worker).
        Command::Intent(_) => {}
        Command::Undo => {
            if let Some(entry) = undo_stack.pop() {
                undo(store, entry)?;
                outcome.undone = true;
                outcome.toast = Some(lang.t(Key::ToastUndone).into());
            }
        }
    }
    Ok(outcome)
}

fn undo(store: &mut Store, entry: UndoEntry) -> store::Result<()> {
    match entry {
        UndoEntry::RestoreCustomers(snapshots) => restore_customers(store.conn_mut(), &snapshots),
        UndoEntry::RestoreNote(note) => store.write(|tx| notes::restore(tx, &note)),
        UndoEntry::UntagCustomers { customers, tag_id } => {
            store.write(|tx| tags::remove_from(tx, &customers, tag_id).map(|_| ()))
        }
        UndoEntry::RetagCustomers { customers, tag_id } => {
            store.write(|tx| tags::add_to(tx, &customers, tag_id, TagSource::Manual).map(|_| ()))
        }
        UndoEntry::Content(entry) => content::undo(store, entry),
        UndoEntry::Health(entry) => crate::gui::commands::health::undo(store, entry),
        UndoEntry::Koc(entry) => crate::gui::commands::koc::undo(store, entry),
        UndoEntry::Unenrol {
            journey_id,
            customers,
        } => store
            .write(|tx| crate::store::followups::unenrol(tx, journey_id, &customers))
            .map(|_| ()),
        UndoEntry::TaskWrite(before) => {
            store.write(|tx| crate::store::followups::undo_task_write(tx, &before))
        }
    }
}
