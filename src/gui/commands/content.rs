//! The content calendar's writes: groups, columns, rhythm lines, generation, items and snippets.
//! `Command::Content` carries one of these; `apply` runs it in a transaction and says what to
//! show, and deleting an item or a snippet leaves an undo entry.

use chrono::NaiveDate;

use crate::domain::content::rhythm::RhythmLine;
use crate::domain::content::{Column, Item, ItemStatus, Snippet};
use crate::domain::group::Group;
use crate::domain::time::Stamp;
use crate::gui::commands::{Outcome, UndoEntry};
use crate::gui::i18n::{Key, Lang, fill};
use crate::store::{self, Store, content, content_items, groups, rhythm};

/// A content-calendar write requested by the content screen.
#[derive(Debug, Clone)]
pub enum ContentCommand {
    SaveGroup(Box<Group>),
    SetGroupArchived {
        id: i64,
        archived: bool,
    },
    SaveColumn(Box<Column>),
    /// Stores `line`, replacing `old` (`None` adds a new line).
    SaveRhythmLine {
        old: Option<RhythmLine>,
        line: RhythmLine,
    },
    DeleteRhythmLine(RhythmLine),
    /// Fills the range from the rhythm.
    Generate {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// Creates a hand-made item and opens it.
    CreateItem(Box<Item>),
    SaveItem(Box<Item>),
    SetStatus {
        id: i64,
        status: ItemStatus,
    },
    DuplicateItem(i64),
    /// Moves an item (dragged to another cell of the week).
    MoveItem {
        id: i64,
        day: NaiveDate,
        time: chrono::NaiveTime,
    },
    /// Copies an item to each of these groups.
    CopyToGroups {
        id: i64,
        groups: Vec<i64>,
    },
    DeleteItem(i64),
    SaveSnippet(Snippet),
    DeleteSnippet(i64),
}

/// How to take a content deletion back.
#[derive(Debug, Clone)]
pub enum ContentUndo {
    RestoreItem(Box<Item>),
    RestoreSnippet(Snippet),
}

fn today() -> NaiveDate {
    crate::gui::clock::today()
}

/// Applies one content command in a transaction.
pub fn apply(store: &mut Store, command: ContentCommand, lang: Lang) -> store::Result<Outcome> {
    let mut outcome = Outcome::default();
    let toast = |key: Key| Some(lang.t(key).to_string());
    match command {
        ContentCommand::SaveGroup(group) => {
            store.write(|tx| groups::save(tx, &group))?;
            outcome.toast = toast(Key::CtToastGroupSaved);
        }
        ContentCommand::SetGroupArchived { id, archived } => {
            store.write(|tx| groups::set_archived(tx, id, archived))?;
            outcome.toast = toast(if archived {
                Key::CtToastGroupArchived
            } else {
                Key::CtToastGroupRestored
            });
        }
        ContentCommand::SaveColumn(column) => {
            store.write(|tx| content::save_column(tx, &column))?;
            outcome.toast = toast(Key::CtToastColumnSaved);
        }
        ContentCommand::SaveRhythmLine { old, line } => {
            store.write(|tx| rhythm::save_line(tx, old.as_ref(), &line, today()))?;
        }
        ContentCommand::DeleteRhythmLine(line) => {
            store.write(|tx| rhythm::delete_line(tx, &line, today()))?;
            outcome.toast = toast(Key::CtToastRhythmDeleted);
        }
        ContentCommand::Generate { from, to } => {
            let report = store.write(|tx| content_items::generate(tx, from, to))?;
            outcome.toast = Some(fill(
                lang.t(Key::CtToastGenerated),
                &[
                    ("inserted", &report.inserted.to_string()),
                    ("updated", &report.updated.to_string()),
                    ("protected", &report.protected.to_string()),
                ],
            ));
        }
        ContentCommand::CreateItem(item) => {
            let id = store.write(|tx| content_items::insert(tx, &item))?;
            outcome.content_item = Some(id);
        }
        ContentCommand::SaveItem(item) => {
            store.write(|tx| content_items::update(tx, &item))?;
            outcome.toast = toast(Key::CtToastItemSaved);
        }
        ContentCommand::SetStatus { id, status } => {
            store.write(|tx| content_items::set_status(tx, id, status, Stamp::now()))?;
            if status == ItemStatus::Sent {
                outcome.toast = toast(Key::CtToastMarkedSent);
            }
        }
        ContentCommand::CopyToGroups { id, groups } => {
            store.write(|tx| {
                groups
                    .iter()
                    .try_for_each(|g| content_items::copy_to_group(tx, id, Some(*g)).map(|_| ()))
            })?;
            outcome.toast = Some(fill(
                lang.t(Key::CtToastCopiedToGroups),
                &[("n", &groups.len().to_string())],
            ));
        }
        ContentCommand::MoveItem { id, day, time } => {
            store.write(|tx| content_items::move_to(tx, id, day, Some(time)))?;
            let when = format!("{day} {}", crate::domain::content::format_time(time));
            outcome.toast = Some(fill(lang.t(Key::CtToastMoved), &[("when", &when)]));
        }
        ContentCommand::DuplicateItem(id) => {
            let copy = store.write(|tx| content_items::duplicate(tx, id))?;
            outcome.content_item = Some(copy);
            outcome.toast = toast(Key::CtToastItemDuplicated);
        }
        ContentCommand::DeleteItem(id) => {
            let item = store.write(|tx| content_items::delete(tx, id))?;
            outcome.toast = toast(Key::CtToastItemDeleted);
            outcome.undo = Some(UndoEntry::Content(ContentUndo::RestoreItem(Box::new(item))));
        }
        ContentCommand::SaveSnippet(snippet) => {
            store.write(|tx| content::save_snippet(tx, &snippet))?;
            outcome.toast = toast(Key::CtToastSnippetSaved);
        }
        ContentCommand::DeleteSnippet(id) => {
            let snippet = store.write(|tx| content::delete_snippet(tx, id))?;
            outcome.toast = toast(Key::CtToastSnippetDeleted);
            outcome.undo = Some(UndoEntry::Content(ContentUndo::RestoreSnippet(snippet)));
        } // An intent: the App shows the save dialog.
    }
    Ok(outcome)
}

/// Reverts a content deletion.
pub fn undo(store: &mut Store, entry: ContentUndo) -> store::Result<()> {
    match entry {
        ContentUndo::RestoreItem(item) => {
            store.write(|tx| content_items::insert(tx, &item).map(|_| ()))
        }
        ContentUndo::RestoreSnippet(snippet) => {
            store.write(|tx| content::restore_snippet(tx, &snippet))
        }
    }
}

/// Writes the plan of `from..=to` (filtered) to `path` as CSV or Markdown; returns the item count.
#[allow(clippy::too_many_arguments)] // the export's request, spelled out
pub fn export_plan(
    store: &Store,
    path: &std::path::Path,
    from: NaiveDate,
    to: NaiveDate,
    group_id: Option<i64>,
    column_id: Option<i64>,
    markdown: bool,
    lang: Lang,
) -> anyhow::Result<usize> {
    let filter = content_items::ItemFilter {
        from,
        to,
        group_id,
        column_id,
    };
    let rows = content_items::plan_rows(store.conn(), &filter)?;
    let labels = crate::gui::screens::content::plan_labels(lang);
    if markdown {
        std::fs::write(
            path,
            crate::export::plan::markdown(&rows, from, to, &labels),
        )?;
    } else {
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        crate::export::plan::write_csv(file, &rows, &labels)?;
    }
    Ok(rows.len())
}
