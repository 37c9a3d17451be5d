//! Intents: what a screen asks of the window rather than of the data — a file dialog, the file
//! manager, the problem screen, a long write on a worker. Screens push `Command::Intent(..)`; the
//! App runs each one here, in one place, and every "choose where to save, write, say where it
//! went" goes through [`App::save_as`].

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::App;
use crate::gui::commands::content::export_plan;
use crate::gui::commands::health::export_csv;
use crate::gui::i18n::{Key, fill};
use crate::gui::long_work::LongTask;
use crate::store::lock::LockError;

/// Something only the window can do.
#[derive(Debug, Clone)]
pub enum Intent {
    /// Show the native file dialog and open the chosen file on the import screen.
    PickImportFile,
    /// Ask where to save rejected rows, then write them as CSV.
    SaveRejectedRows {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Ask where to, then move the data file there.
    MoveDataFile,
    /// Show the data folder in the file manager.
    OpenDataFolder,
    /// A write found the data file damaged (its `PRAGMA quick_check` failed): leave the screens
    /// for the problem screen, which offers the latest good backup.
    DataFileDamaged(String),
    /// Ask where to, then write everything held about one customer as JSON.
    ExportCustomerData(i64),
    /// Ask where to save the content plan of `from..=to` (CSV, or Markdown), then write it.
    ExportPlan {
        from: NaiveDate,
        to: NaiveDate,
        group_id: Option<i64>,
        column_id: Option<i64>,
        markdown: bool,
    },
    /// Ask where to, then write a group's days in `from..=to` with every rate as CSV.
    ExportHealthCsv {
        group_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// Ask where to save the chart the health screen is showing as PNG.
    PickPngPath { suggested: String },
    /// Show the customer book with only the customers an import batch created or updated.
    ShowBatchCustomers(i64),
    /// Ask where to save the weekly report of the week starting `monday`, and write it.
    SaveWeeklyReport {
        monday: NaiveDate,
        format: crate::export::report::ReportFormat,
    },
    /// Show one customer in the customer book (from a list elsewhere).
    ShowCustomer(i64),
    /// Open a file typed or pasted as a path on the import screen.
    OpenImportPath(PathBuf),
    /// Switch to a demo book beside the data file (made on a worker the first time).
    OpenDemoBook,
    /// Undo an import batch, on a worker.
    UndoImport(i64),
    /// Back the data file up now, on a worker.
    BackupNow,
    /// Replace the data with a backup (after backing up the current state), on a worker.
    RestoreBackup(PathBuf),
}

/// The demo book's file, beside the data file.
const DEMO_FILE_NAME: &str = "qunzhu-demo.db";

/// A save dialog: one file type and a suggested name.
struct SaveDialog<'a> {
    kind: &'a str,
    extension: &'a str,
    file_name: String,
}

impl SaveDialog<'_> {
    fn ask(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter(self.kind, &[self.extension])
            .set_file_name(self.file_name.as_str())
            .save_file()
    }
}

impl App {
    /// Runs one intent.
    pub(super) fn run_intent(&mut self, ctx: &egui::Context, intent: Intent) {
        let lang = self.lang();
        match intent {
            Intent::PickImportFile => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Excel / CSV", &["xlsx", "xls", "ods", "xlsb", "csv", "txt"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open_import_file(&path);
                }
            }
            Intent::OpenDataFolder => {
                if let Some(dir) = self.store.path().parent() {
                    open_in_file_manager(dir);
                }
            }
            Intent::DataFileDamaged(reason) => self.damaged = Some(reason),
            Intent::MoveDataFile => {
                let dialog = SaveDialog {
                    kind: "SQLite",
                    extension: "db",
                    file_name: crate::paths::DB_FILE_NAME.into(),
                };
                self.save_as(&dialog, |app, path| {
                    app.move_data_file(ctx, path)?;
                    let shown = path.display().to_string();
                    Ok(fill(lang.t(Key::ToastMoved), &[("path", &shown)]))
                });
            }
            Intent::ExportCustomerData(id) => {
                let dialog = SaveDialog {
                    kind: "JSON",
                    extension: "json",
                    file_name: format!("customer-{id}.json"),
                };
                self.save_as(&dialog, |app, path| {
                    let doc = crate::store::privacy::customer_dossier(app.store.conn(), id)?;
                    std::fs::write(path, serde_json::to_string_pretty(&doc)?)?;
                    let shown = path.display().to_string();
                    Ok(fill(
                        lang.t(Key::ToastCustomerExported),
                        &[("path", &shown)],
                    ))
                });
            }
            Intent::SaveRejectedRows { headers, rows } => {
                let dialog = SaveDialog {
                    kind: "CSV",
                    extension: "csv",
                    file_name: "rejected_rows.csv".into(),
                };
                self.save_as(&dialog, |_, path| {
                    crate::export::rows::write_csv(path, &headers, &rows)?;
                    let shown = path.display().to_string();
                    Ok(fill(lang.t(Key::ToastRejectedSaved), &[("path", &shown)]))
                });
            }
            Intent::ExportPlan {
                from,
                to,
                group_id,
                column_id,
                markdown,
            } => {
                let (kind, extension) = if markdown {
                    ("Markdown", "md")
                } else {
                    ("CSV", "csv")
                };
                let dialog = SaveDialog {
                    kind,
                    extension,
                    file_name: format!("plan_{from}_{to}.{extension}"),
                };
                self.save_as(&dialog, |app, path| {
                    let n = export_plan(
                        &app.store, path, from, to, group_id, column_id, markdown, lang,
                    )?;
                    let (n, shown) = (n.to_string(), path.display().to_string());
                    Ok(fill(
                        lang.t(Key::CtToastExported),
                        &[("n", &n), ("path", &shown)],
                    ))
                });
            }
            Intent::ExportHealthCsv { group_id, from, to } => {
                let dialog = SaveDialog {
                    kind: "CSV",
                    extension: "csv",
                    file_name: format!("health_{from}_{to}.csv"),
                };
                self.save_as(&dialog, |app, path| {
                    export_csv(&app.store, path, group_id, from, to)?;
                    let shown = path.display().to_string();
                    Ok(fill(lang.t(Key::ToastHealthExported), &[("path", &shown)]))
                });
            }
            Intent::PickPngPath { suggested } => {
                let dialog = SaveDialog {
                    kind: "PNG",
                    extension: "png",
                    file_name: suggested,
                };
                if let Some(path) = dialog.ask() {
                    self.health.export_png_to(path);
                }
            }
            Intent::ShowBatchCustomers(batch) => {
                self.prefs.screen = crate::gui::screens::ScreenId::Customers;
                self.customers.show_batch(&self.store, batch);
            }
            Intent::SaveWeeklyReport { monday, format } => self.save_weekly_report(monday, format),
            Intent::ShowCustomer(id) => {
                self.prefs.screen = crate::gui::screens::ScreenId::Customers;
                self.customers.show(&self.store, id);
            }
            Intent::OpenImportPath(path) if path.is_file() => self.open_import_file(&path),
            Intent::OpenImportPath(path) => {
                let shown = path.display().to_string();
                self.toasts
                    .error(fill(lang.t(Key::ToastNoSuchFile), &[("path", &shown)]));
            }
            Intent::OpenDemoBook => {
                let demo = self.store.path().with_file_name(DEMO_FILE_NAME);
                self.start_long(LongTask::DemoBook(demo));
            }
            Intent::UndoImport(batch) => self.start_long(LongTask::UndoImport(batch)),
            Intent::BackupNow => self.start_long(LongTask::BackupNow),
            Intent::RestoreBackup(path) => self.start_long(LongTask::Restore(path)),
        }
    }

    /// Asks where to save, runs `write` there and says how it went (the text `write` returns,
    /// or the error). Nothing happens when the user cancels the dialog.
    fn save_as(
        &mut self,
        dialog: &SaveDialog<'_>,
        write: impl FnOnce(&mut App, &Path) -> anyhow::Result<String>,
    ) {
        let Some(path) = dialog.ask() else {
            return;
        };
        let lang = self.lang();
        match write(self, &path) {
            Ok(text) => self.toasts.info(text),
            Err(e) if matches!(e.downcast_ref(), Some(LockError::Busy(_))) => {
                self.toasts.error(lang.t(Key::ToastWriterBusy).to_string())
            }
            Err(e) => self
                .toasts
                .error(fill(lang.t(Key::ToastError), &[("msg", &e.to_string())])),
        }
    }

    /// Asks where to save the weekly report, then gathers and writes it on the worker (the PNG
    /// is drawn by a headless browser: a second or more).
    fn save_weekly_report(
        &mut self,
        monday: NaiveDate,
        format: crate::export::report::ReportFormat,
    ) {
        use crate::export::report::ReportFormat;
        let lang = self.lang();
        let (kind, extension) = match format {
            ReportFormat::Png => ("PNG", "png"),
            ReportFormat::Html => ("HTML", "html"),
            ReportFormat::Markdown => ("Markdown", "md"),
        };
        let dialog = SaveDialog {
            kind,
            extension,
            file_name: format!("{}_{monday}.{extension}", lang.t(Key::HlReportFile)),
        };
        let Some(chosen) = dialog.ask() else {
            return;
        };
        // Some dialogs return the typed name without the extension of the chosen format.
        let path = match ReportFormat::from_path(&chosen) {
            Some(f) if f == format => chosen,
            _ => chosen.with_extension(extension),
        };
        self.start_long(LongTask::WeeklyReport { monday, path });
    }

    /// Starts a long write on the worker, or says one is already running.
    fn start_long(&mut self, task: LongTask) {
        let lang = self.lang();
        if !self.long_work.start(self.store.path(), task, lang) {
            self.toasts.error(lang.t(Key::ToastWriterBusy).to_string());
        }
    }
}

/// Shows a folder in the OS file manager.
fn open_in_file_manager(dir: &Path) {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(dir).spawn() {
        eprintln!("qunzhu: cannot open {}: {e}", dir.display());
    }
}
