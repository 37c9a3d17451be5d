//! Work that takes seconds on a big book — undoing an import batch, backing up, restoring a
//! backup, making the demo book, writing the weekly report — runs on a worker with its own
//! connection, one at a time, while the window keeps drawing (a line at the bottom says what is
//! going on). They take the data file's writer lock
//! without waiting, so one that meets a running import says so instead of freezing the window.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::gui::i18n::{Key, Lang, fill};
use crate::jobs::JobHandle;
use crate::store::lock::{LockError, Wait, WriterLock};
use crate::store::{Store, StoreError, backup, imports};

/// A long write the window asked for.
#[derive(Debug, Clone)]
pub enum LongTask {
    UndoImport(i64),
    BackupNow,
    Restore(PathBuf),
    /// Make the demo book at this path (unless it is there already), then switch to it.
    DemoBook(PathBuf),
    /// Gather the week from this Monday and write the report at this path (its format from the
    /// extension).
    WeeklyReport {
        monday: NaiveDate,
        path: PathBuf,
    },
}

impl LongTask {
    /// What the line at the bottom says while it runs.
    fn running_key(&self) -> Key {
        match self {
            LongTask::UndoImport(_) => Key::WorkUndoingImport,
            LongTask::BackupNow => Key::WorkBackingUp,
            LongTask::Restore(_) => Key::WorkRestoring,
            LongTask::DemoBook(_) => Key::WorkMakingDemo,
            LongTask::WeeklyReport { .. } => Key::WorkWritingReport,
        }
    }
}

/// How a long write ended, as the toast says it.
#[derive(Debug, Clone)]
pub struct Finished {
    pub text: String,
    pub is_error: bool,
    /// The data was replaced by a backup (the undo stack no longer applies).
    pub restored: bool,
    /// The data file to switch to (the demo book).
    pub open: Option<PathBuf>,
}

/// The long write in progress, if any.
#[derive(Default)]
pub struct LongWork {
    running: Option<(Key, JobHandle<Finished>)>,
}

impl LongWork {
    /// Whether a long write is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `task` on the data file at `db`; `false` when one is already running.
    pub fn start(&mut self, db: &Path, task: LongTask, lang: Lang) -> bool {
        if self.running.is_some() {
            return false;
        }
        let key = task.running_key();
        let db = db.to_path_buf();
        match JobHandle::spawn("qunzhu-long-write", move |_| run(&db, task, lang)) {
            Ok(job) => {
                self.running = Some((key, job));
                true
            }
            Err(e) => {
                eprintln!("qunzhu: cannot start a worker: {e}");
                false
            }
        }
    }

    /// The result, once the write has ended.
    pub fn poll(&mut self) -> Option<Finished> {
        let finished = self.running.as_ref()?.1.poll()?;
        self.running = None;
        Some(finished)
    }

    /// The line at the bottom of the window while a write runs.
    pub fn ui(&self, ctx: &egui::Context, lang: Lang) {
        let Some((key, _)) = &self.running else {
            return;
        };
        egui::Area::new(egui::Id::unique("qunzhu_long_work"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -16.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(lang.t(*key));
                    });
                });
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}

/// Runs `task` on its own connection and says how it went.
fn run(db: &Path, task: LongTask, lang: Lang) -> Finished {
    let restore = matches!(task, LongTask::Restore(_));
    let task = match task {
        LongTask::DemoBook(path) => return demo_book(&path, lang),
        LongTask::WeeklyReport { monday, path } => return weekly_report(db, monday, &path, lang),
        other => other,
    };
    let result = Store::open(db).and_then(|mut store| match task {
        LongTask::UndoImport(batch) => {
            let _writer = WriterLock::acquire(db, Wait::No)?;
            let summary = store.write(|tx| imports::undo_batch(tx, batch))?;
            Ok(fill(
                lang.t(Key::ToastImportUndone),
                &[("file", &summary.file_name)],
            ))
        }
        LongTask::BackupNow => {
            let path = backup::automatic(&store, backup::Reason::Manual)?;
            let shown = path.map(|p| p.display().to_string()).unwrap_or_default();
            Ok(fill(lang.t(Key::ToastBackedUp), &[("path", &shown)]))
        }
        LongTask::DemoBook(_) | LongTask::WeeklyReport { .. } => unreachable!("handled above"),
        LongTask::Restore(path) => {
            // Refuse at once behind a running import; the restore itself then waits for (and
            // backs up after) any writer that slipped in meanwhile.
            drop(WriterLock::acquire(db, Wait::No)?);
            backup::restore(&mut store, &path)?;
            Ok(lang.t(Key::ToastRestored).to_string())
        }
    });
    match result {
        Ok(text) => Finished {
            text,
            is_error: false,
            restored: restore,
            open: None,
        },
        Err(StoreError::Lock(LockError::Busy(_))) => Finished {
            text: lang.t(Key::ToastWriterBusy).into(),
            is_error: true,
            restored: false,
            open: None,
        },
        Err(StoreError::NewerImportsFirst { newer, .. }) => {
            let newer: Vec<String> = newer.iter().map(i64::to_string).collect();
            Finished {
                text: fill(
                    lang.t(Key::ToastUndoNewerFirst),
                    &[("newer", &newer.join(lang.name_separator()))],
                ),
                is_error: true,
                restored: false,
                open: None,
            }
        }
        Err(e) => Finished {
            text: fill(lang.t(Key::ToastError), &[("msg", &e.to_string())]),
            is_error: true,
            restored: false,
            open: None,
        },
    }
}

/// Makes the demo book at `path` unless it holds customers already (2,000 customers, today as
/// its "today").
fn demo_book(path: &Path, lang: Lang) -> Finished {
    // Made again when empty: a run killed while generating leaves the file with no customers
    // (the demo is written in one transaction).
    let made = Store::open(path).and_then(|mut store| {
        if crate::store::customers::count_all(store.conn())? > 0 {
            return Ok(());
        }
        let options = crate::demo::DemoOptions {
            customers: 2_000,
            seed: 1,
            notes_per_customer: 3,
            anchor: crate::gui::clock::today(),
        };
        crate::demo::generate(&mut store, &options).map(|_| ())
    });
    let shown = path.display().to_string();
    match made {
        Ok(()) => Finished {
            text: fill(lang.t(Key::ToastDemoOpened), &[("path", &shown)]),
            is_error: false,
            restored: false,
            open: Some(path.to_path_buf()),
        },
        Err(e) => Finished {
            text: fill(lang.t(Key::ToastError), &[("msg", &e.to_string())]),
            is_error: true,
            restored: false,
            open: None,
        },
    }
}

/// Gathers the week from `monday` and writes the report at `path` (a translated message when
/// no browser can draw the PNG).
fn weekly_report(db: &Path, monday: NaiveDate, path: &Path, lang: Lang) -> Finished {
    use crate::export::report::{self, ReportError};
    use crate::export::report_text::ReportLang;
    let report_lang = match lang {
        Lang::Zh => ReportLang::Zh,
        Lang::En => ReportLang::En,
    };
    let written = Store::open(db)
        .and_then(|store| {
            crate::store::report::weekly(
                store.conn(),
                monday,
                crate::store::questions::CHAT_OFFSET_MIN,
            )
        })
        .map_err(|e| e.to_string())
        .and_then(|week| {
            report::write(&week, report_lang, path).map_err(|e| match e {
                ReportError::NoBrowser => lang.t(Key::ToastReportNoBrowser).to_string(),
                other => other.to_string(),
            })
        });
    let shown = path.display().to_string();
    let (text, is_error) = match written {
        Ok(()) => (
            fill(lang.t(Key::ToastReportSaved), &[("path", &shown)]),
            false,
        ),
        Err(msg) => (fill(lang.t(Key::ToastError), &[("msg", &msg)]), true),
    };
    Finished {
        text,
        is_error,
        restored: false,
        open: None,
    }
}
