//! The 社群健康 screen's writes: hand-entered days and alert thresholds (both undoable), and the
//! export intents (CSV of a group's days, PNG of a chart) the App completes with a file dialog.

use chrono::NaiveDate;

use crate::domain::health::{DayStats, Thresholds};
use crate::domain::questions::ServiceRules;
use crate::domain::signals::SignalRule;
use crate::gui::commands::{Changed, Outcome, UndoEntry};
use crate::gui::i18n::{Key, Lang, fill};
use crate::store::health::DayBefore;
use crate::store::{self, Store, groups, health, questions, signals};

/// A write or intent from the health screen.
#[derive(Debug, Clone)]
pub enum HealthCommand {
    /// Stores a day entered by hand (source `manual`).
    SaveDay {
        group_id: i64,
        stats: DayStats,
    },
    DeleteDay {
        group_id: i64,
        day: NaiveDate,
    },
    SetThresholds(Thresholds),
    /// The rules of the 待回复 check (question words, service hours, minutes).
    SetServiceRules(ServiceRules),
    /// The keyword signal rules.
    SetSignalRules(Vec<SignalRule>),
}

/// How to take a health write back.
#[derive(Debug, Clone)]
pub enum HealthUndo {
    RestoreDay(DayBefore),
    RestoreThresholds(Thresholds),
    RestoreServiceRules(ServiceRules),
    RestoreSignalRules(Vec<SignalRule>),
}

fn group_name(store: &Store, id: i64) -> String {
    groups::get(store.conn(), id)
        .map(|g| g.name)
        .unwrap_or_default()
}

/// Applies one health command in a transaction.
pub fn apply(store: &mut Store, command: HealthCommand, lang: Lang) -> store::Result<Outcome> {
    let mut outcome = Outcome::default();
    match command {
        HealthCommand::SaveDay { group_id, stats } => {
            let before = store.write(|tx| health::save_manual(tx, group_id, &stats))?;
            let name = group_name(store, group_id);
            let day = stats.day.to_string();
            outcome.toast = Some(fill(
                lang.t(Key::ToastDaySaved),
                &[("group", &name), ("day", &day)],
            ));
            outcome.changed = Changed::GroupDay(group_id);
            outcome.undo = Some(UndoEntry::Health(HealthUndo::RestoreDay(before)));
        }
        HealthCommand::DeleteDay { group_id, day } => {
            let before = store.write(|tx| health::delete_day(tx, group_id, day))?;
            let name = group_name(store, group_id);
            outcome.toast = Some(fill(
                lang.t(Key::ToastDayDeleted),
                &[("group", &name), ("day", &day.to_string())],
            ));
            outcome.changed = Changed::GroupDay(group_id);
            outcome.undo = Some(UndoEntry::Health(HealthUndo::RestoreDay(before)));
        }
        HealthCommand::SetThresholds(th) => {
            let before = store.write(|tx| health::set_thresholds(tx, &th))?;
            outcome.toast = Some(lang.t(Key::ToastThresholdsSaved).into());
            outcome.undo = Some(UndoEntry::Health(HealthUndo::RestoreThresholds(before)));
        }
        HealthCommand::SetServiceRules(rules) => {
            let before = store.write(|tx| questions::set_service_rules(tx, &rules))?;
            outcome.toast = Some(lang.t(Key::ToastServiceRulesSaved).into());
            outcome.undo = Some(UndoEntry::Health(HealthUndo::RestoreServiceRules(before)));
        }
        HealthCommand::SetSignalRules(rules) => {
            let before = store.write(|tx| signals::set_rules(tx, &rules))?;
            outcome.toast = Some(lang.t(Key::ToastSignalRulesSaved).into());
            outcome.undo = Some(UndoEntry::Health(HealthUndo::RestoreSignalRules(before)));
        } // Intents are completed by the App (they need a file dialog).
    }
    Ok(outcome)
}

/// Reverts a health write.
pub fn undo(store: &mut Store, entry: HealthUndo) -> store::Result<()> {
    match entry {
        HealthUndo::RestoreDay(before) => store.write(|tx| health::restore_day(tx, &before)),
        HealthUndo::RestoreThresholds(th) => {
            store.write(|tx| health::set_thresholds(tx, &th).map(|_| ()))
        }
        HealthUndo::RestoreServiceRules(rules) => {
            store.write(|tx| questions::set_service_rules(tx, &rules).map(|_| ()))
        }
        HealthUndo::RestoreSignalRules(rules) => {
            store.write(|tx| signals::set_rules(tx, &rules).map(|_| ()))
        }
    }
}

/// Writes a group's days in `from..=to` with every rate to `path` as CSV; returns the row count.
pub fn export_csv(
    store: &Store,
    path: &std::path::Path,
    group_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<usize> {
    let name = group_name(store, group_id);
    let since = from.pred_opt().unwrap_or(from);
    let days = health::days(store.conn(), group_id, since, to)?;
    let rows = crate::domain::health::day_rows(group_id, &name, &days, from);
    crate::export::health::write_day_rows(path, &rows)?;
    Ok(rows.len())
}
