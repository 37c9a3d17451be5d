//! What the window shows when the data file cannot be used: in use by another window, not a
//! database, truncated, read-only. It explains the problem and offers to restore the latest
//! backup, then carries on into the normal App — never a panic.

use std::path::{Path, PathBuf};

use egui::RichText;

use crate::gui::app::{App, Prefs};
use crate::gui::i18n::{Key, Lang, fill};
use crate::gui::theme;
use crate::store::Store;
use crate::store::backup::{self, BackupInfo};
use crate::store::lock::{InstanceLock, Wait, WriterLock};

/// Why the App could not start.
#[derive(Debug, Clone)]
pub enum Problem {
    InUse,
    CannotOpen {
        reason: String,
    },
    /// A write found the file damaged (`PRAGMA quick_check`); nothing was written.
    Damaged {
        reason: String,
    },
}

/// The window: the problem screen until it is solved, then the App.
pub enum Launcher {
    Problem {
        problem: Problem,
        db_path: PathBuf,
        prefs: Prefs,
        latest: Option<BackupInfo>,
        message: Option<String>,
    },
    Running(Box<App>),
}

impl Launcher {
    /// The problem screen for `db_path` (it installs the fonts: its text is Chinese too).
    pub fn problem(ctx: &egui::Context, problem: Problem, db_path: &Path, prefs: Prefs) -> Self {
        theme::install_fonts(ctx);
        theme::apply(ctx, prefs.theme);
        let latest = latest_backup(db_path);
        Launcher::Problem {
            problem,
            db_path: db_path.to_path_buf(),
            prefs,
            latest,
            message: None,
        }
    }
}

/// The newest backup of `db_path`, if any.
fn latest_backup(db_path: &Path) -> Option<BackupInfo> {
    backup::list(db_path)
        .ok()
        .and_then(|list| list.into_iter().next())
}

/// Puts the backup in place of the damaged file (kept beside it), then opens it. It holds the
/// window's lock (no second window) and the writer lock (no command-line import meanwhile).
fn restore_by_copy(
    db_path: &Path,
    latest: &BackupInfo,
) -> Result<(Store, PathBuf, InstanceLock), String> {
    let lock = InstanceLock::acquire(db_path).map_err(|e| e.to_string())?;
    let _writer = WriterLock::acquire(db_path, Wait::No).map_err(|e| e.to_string())?;
    backup::validate(&latest.path).map_err(|e| e.to_string())?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let kept = db_path.with_extension(format!("broken-{stamp}"));
    if db_path.exists() {
        std::fs::rename(db_path, &kept).map_err(|e| e.to_string())?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = db_path.as_os_str().to_owned();
        side.push(suffix);
        // Leftovers of the damaged file must not be replayed into the restored one.
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::copy(&latest.path, db_path).map_err(|e| e.to_string())?;
    let store = Store::open(db_path).map_err(|e| e.to_string())?;
    Ok((store, kept, lock))
}

impl eframe::App for Launcher {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let mut next = None;
        match self {
            Launcher::Running(app) => {
                app.ui(ui, frame);
                if let Some(reason) = app.take_damaged() {
                    let prefs = app.prefs().clone();
                    let db_path = app.store().path().to_path_buf();
                    // Dropping the App closes the file and frees its lock before the restore.
                    *self = Launcher::Problem {
                        problem: Problem::Damaged { reason },
                        db_path: db_path.clone(),
                        prefs,
                        latest: None,
                        message: None,
                    };
                    if let Launcher::Problem { latest, .. } = self {
                        *latest = latest_backup(&db_path);
                    }
                }
            }
            Launcher::Problem {
                problem,
                db_path,
                prefs,
                latest,
                message,
            } => {
                let lang = prefs.lang.unwrap_or_else(Lang::from_os);
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.add_space(40.0);
                    ui.vertical_centered(|ui| {
                        ui.heading(lang.t(Key::ProblemTitle));
                        ui.add_space(theme::SECTION_GAP);
                        let path = db_path.display().to_string();
                        let text = match problem {
                            Problem::InUse => fill(lang.t(Key::ProblemInUse), &[("path", &path)]),
                            Problem::CannotOpen { reason } => fill(
                                lang.t(Key::ProblemCannotOpen),
                                &[("path", &path), ("reason", reason)],
                            ),
                            Problem::Damaged { reason } => fill(
                                lang.t(Key::ProblemDamaged),
                                &[("path", &path), ("reason", reason)],
                            ),
                        };
                        ui.label(text);
                        ui.add_space(theme::SECTION_GAP);
                        if !matches!(problem, Problem::InUse) {
                            match latest {
                                Some(info) => {
                                    let date = info.taken_at.format("%Y-%m-%d %H:%M").to_string();
                                    let n = info
                                        .customers
                                        .map(|n| n.to_string())
                                        .unwrap_or_else(|| "?".into());
                                    let label = fill(
                                        lang.t(Key::ProblemRestoreLatest),
                                        &[("date", &date), ("n", &n)],
                                    );
                                    if ui.button(RichText::new(label).strong()).clicked() {
                                        match restore_by_copy(db_path, info) {
                                            Ok((store, kept, lock)) => {
                                                let shown = kept.display().to_string();
                                                let mut app =
                                                    App::with_prefs(ui.ctx(), store, prefs.clone());
                                                app.hold_lock(lock);
                                                app.notify(fill(
                                                    lang.t(Key::ProblemBrokenKept),
                                                    &[("path", &shown)],
                                                ));
                                                next = Some(Launcher::Running(Box::new(app)));
                                            }
                                            Err(e) => *message = Some(e),
                                        }
                                    }
                                }
                                None => {
                                    ui.label(lang.t(Key::ProblemNoBackup));
                                }
                            }
                        }
                        if let Some(message) = message {
                            ui.colored_label(theme::danger(ui.visuals()), message.as_str());
                        }
                        ui.add_space(theme::SECTION_GAP);
                        if ui.button(lang.t(Key::Quit)).clicked() {
                            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                    });
                });
            }
        }
        if let Some(next) = next {
            *self = next;
        }
    }

    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        if let Launcher::Running(app) = self {
            app.logic(ctx, frame);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Launcher::Running(app) = self {
            app.save(storage);
        }
    }
}
