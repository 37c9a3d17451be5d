//! 导入: choose a customer list, check what was detected and the column mapping, import it on a
//! worker thread with a progress bar and Cancel, read the summary, and undo any past import.

mod messages;
mod review;

use std::path::Path;

use egui::RichText;

use crate::domain::purchase::format_yuan;
use crate::gui::command::Command;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::empty_state::empty_state_ui;
use crate::jobs::JobHandle;
use crate::jobs::contact_import::{self, ImportFailure, ImportReport};
use crate::jobs::{health_import, purchase_import};
use crate::store::Store;
use crate::store::imports::{BatchSummary, history};

pub use messages::{failure_text, import_error_text, kind_name_label, reason_text};
use review::{ImportRequest, Review};

/// How many past imports the history lists.
const HISTORY_LIMIT: usize = 50;

type ImportJob = JobHandle<Result<ImportReport, ImportFailure>>;

enum Stage {
    Choose,
    Review(Box<Review>),
    Running {
        job: ImportJob,
        file_name: String,
    },
    Done {
        file_name: String,
        report: Box<ImportReport>,
    },
    Failed {
        file_name: String,
        message: String,
    },
}

/// The import screen's state.
pub struct ImportScreen {
    stage: Stage,
    history: Vec<BatchSummary>,
    history_stale: bool,
}

impl Default for ImportScreen {
    fn default() -> Self {
        Self {
            stage: Stage::Choose,
            history: Vec::new(),
            history_stale: true,
        }
    }
}

impl ImportScreen {
    /// Detects `path` and shows the review step (or a clear message when it cannot be read).
    pub fn open_path(&mut self, path: &Path, cx: &ScreenCtx<'_>) {
        self.open_sheet(path, None, cx);
    }

    fn open_sheet(&mut self, path: &Path, sheet: Option<&str>, cx: &ScreenCtx<'_>) {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Group statistics workbooks open on their per-group sheet.
        self.stage = match health_import::detect(path, sheet) {
            Ok(detection) => Stage::Review(Box::new(Review::new(path, detection, cx))),
            Err(e) => Stage::Failed {
                file_name,
                message: import_error_text(cx.lang, &e),
            },
        };
    }

    /// Whether an import is running (the App keeps repainting meanwhile).
    pub fn is_running(&self) -> bool {
        matches!(self.stage, Stage::Running { .. })
    }

    /// The history must be re-read (after an undo elsewhere).
    pub fn invalidate(&mut self) {
        self.history_stale = true;
    }

    fn start(&mut self, cx: &ScreenCtx<'_>) {
        let Stage::Review(review) = &self.stage else {
            return;
        };
        let Some(request) = review.job_request() else {
            return;
        };
        let db_path = cx.store.path().to_path_buf();
        let file_name = review.file_name.clone();
        let spawned = JobHandle::spawn("qunzhu-import", move |reporter| {
            let mut store = Store::open(&db_path).map_err(ImportFailure::from)?;
            match request {
                ImportRequest::Contacts(r) => contact_import::run(&mut store, &r, reporter),
                ImportRequest::Health(r) => health_import::run(&mut store, &r, reporter),
                ImportRequest::Purchases(r) => purchase_import::run(&mut store, &r, reporter),
            }
        });
        self.stage = match spawned {
            Ok(job) => Stage::Running { job, file_name },
            Err(e) => Stage::Failed {
                file_name,
                message: e.to_string(),
            },
        };
    }

    fn poll(&mut self, cx: &mut ScreenCtx<'_>) {
        let Stage::Running { job, file_name } = &self.stage else {
            return;
        };
        let Some(result) = job.poll() else { return };
        let file_name = file_name.clone();
        self.history_stale = true;
        self.stage = match result {
            Ok(report) => {
                cx.commands.push(Command::Refresh(Some(fill(
                    cx.t(Key::ToastImported),
                    &[
                        ("file", &file_name),
                        ("created", &report.created.to_string()),
                        ("updated", &report.updated.to_string()),
                    ],
                ))));
                Stage::Done {
                    file_name,
                    report: Box::new(report),
                }
            }
            Err(failure) => Stage::Failed {
                file_name,
                message: failure_text(cx.lang, &failure),
            },
        };
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        self.poll(cx);
        if self.history_stale {
            self.history = history(cx.store.conn(), HISTORY_LIMIT).unwrap_or_default();
            self.history_stale = false;
        }
        egui::Panel::right("import_history")
            .resizable(true)
            .default_size(300.0)
            .min_size(240.0)
            .show(ui, |ui| self.history_ui(ui, cx));
        ui.heading(cx.t(Key::ImportTitle));
        ui.add_space(theme::SECTION_GAP);
        let mut next = None;
        match &mut self.stage {
            Stage::Choose => {
                if ui.button(cx.t(Key::ImportChoose)).clicked() {
                    cx.commands.push(Command::PickImportFile);
                }
                empty_state_ui(ui, None, cx.t(Key::ImportDropHint));
            }
            Stage::Review(review) => {
                ui.horizontal(|ui| {
                    if ui
                        .button(RichText::new(cx.t(Key::ImportStart)).strong())
                        .clicked()
                    {
                        next = Some(Next::Start);
                    }
                    if ui.button(cx.t(Key::ImportChoose)).clicked() {
                        cx.commands.push(Command::PickImportFile);
                    }
                });
                ui.add_space(6.0);
                if let Some(sheet) = review.ui(ui, cx) {
                    next = Some(Next::Sheet(review.path.clone(), sheet));
                }
            }
            Stage::Running { job, file_name } => {
                running_ui(ui, cx, job, file_name);
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            Stage::Done { file_name, report } => {
                if done_ui(ui, cx, file_name, report) {
                    next = Some(Next::Choose);
                }
            }
            Stage::Failed { file_name, message } => {
                ui.label(
                    RichText::new(fill(cx.t(Key::ImportFailed), &[("file", file_name)])).strong(),
                );
                ui.colored_label(theme::danger(ui.visuals()), message.as_str());
                ui.label(cx.t(Key::ImportUnchanged));
                ui.add_space(theme::SECTION_GAP);
                if ui.button(cx.t(Key::ImportChoose)).clicked() {
                    cx.commands.push(Command::PickImportFile);
                }
            }
        }
        match next {
            Some(Next::Start) => self.start(cx),
            Some(Next::Sheet(path, sheet)) => self.open_sheet(&path, Some(&sheet), cx),
            Some(Next::Choose) => self.stage = Stage::Choose,
            None => {}
        }
    }

    fn history_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.add_space(6.0);
        ui.label(RichText::new(cx.t(Key::ImportHistory)).strong());
        if self.history.is_empty() {
            ui.label(
                RichText::new(cx.t(Key::ImportHistoryEmpty)).color(theme::muted(ui.visuals())),
            );
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            for batch in &self.history {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(&batch.file_name).strong());
                    let at = crate::domain::time::Stamp {
                        unix_s: batch.at,
                        offset_min: crate::domain::time::local_offset_min(),
                    };
                    let kind = cx.t(kind_name_label(&batch.kind));
                    ui.label(
                        RichText::new(format!("{} · {kind}", at.display_minutes()))
                            .small()
                            .color(theme::muted(ui.visuals())),
                    );
                    ui.label(
                        RichText::new(summary_text(
                            cx,
                            batch.rows,
                            batch.created,
                            batch.updated,
                            batch.skipped,
                            batch.rejected,
                        ))
                        .small(),
                    );
                    if batch.undone {
                        ui.label(
                            RichText::new(cx.t(Key::ImportUndone))
                                .color(theme::muted(ui.visuals())),
                        );
                    } else if ui.small_button(cx.t(Key::ImportUndo)).clicked() {
                        cx.commands.push(Command::UndoImport(batch.id));
                        self.history_stale = true;
                    }
                });
            }
        });
    }
}

enum Next {
    Start,
    Sheet(std::path::PathBuf, String),
    Choose,
}

fn summary_text(
    cx: &ScreenCtx<'_>,
    rows: i64,
    created: i64,
    updated: i64,
    skipped: i64,
    rejected: i64,
) -> String {
    fill(
        cx.t(Key::ImportSummary),
        &[
            ("rows", &rows.to_string()),
            ("created", &created.to_string()),
            ("updated", &updated.to_string()),
            ("skipped", &skipped.to_string()),
            ("rejected", &rejected.to_string()),
        ],
    )
}

fn running_ui(ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, job: &ImportJob, file_name: &str) {
    ui.label(fill(cx.t(Key::ImportRunning), &[("file", file_name)]));
    let progress = job.progress();
    let bar = match progress.fraction() {
        Some(f) => egui::ProgressBar::new(f).show_percentage(),
        None => egui::ProgressBar::new(0.0).animate(true),
    };
    ui.add(bar.desired_width(420.0));
    let speed = format!("{:.0}", job.rows_per_second());
    ui.label(fill(
        cx.t(Key::ImportRowsPerSecond),
        &[("rows", &progress.rows.to_string()), ("speed", &speed)],
    ));
    if ui
        .add_enabled(
            !job.is_cancelling(),
            egui::Button::new(cx.t(Key::ImportCancel)),
        )
        .clicked()
    {
        job.cancel();
    }
}

/// Draws the summary; returns true when the user wants to import another file.
fn done_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    file_name: &str,
    report: &ImportReport,
) -> bool {
    ui.label(
        RichText::new(fill(cx.t(Key::ImportDone), &[("file", file_name)]))
            .strong()
            .color(theme::accent(ui.visuals())),
    );
    let r = report;
    ui.label(summary_text(
        cx,
        r.rows as i64,
        r.created,
        r.updated,
        r.skipped,
        r.rejected.len() as i64,
    ));
    if let Some(h) = &r.health {
        let c = &h.counts;
        ui.label(fill(
            cx.t(Key::ImportHealthSummary),
            &[
                ("groups", &c.groups_created.to_string()),
                ("messages", &c.messages_created.to_string()),
                ("old", &c.messages_skipped.to_string()),
                ("members", &c.members_created.to_string()),
                ("linked", &c.members_linked.to_string()),
            ],
        ));
    }
    if let Some(p) = &r.purchases {
        ui.label(fill(
            cx.t(Key::ImportPurchaseSummary),
            &[
                ("customers", &p.customers.to_string()),
                ("amount", &format_yuan(p.amount_cents)),
                ("ext", &p.matched_by_external_id.to_string()),
                ("phone", &p.matched_by_phone.to_string()),
                ("wechat", &p.matched_by_wechat_id.to_string()),
                ("name", &p.matched_by_name.to_string()),
                ("tasks", &p.tasks_created.to_string()),
            ],
        ));
    }
    if !r.rejected.is_empty() {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(cx.t(Key::ImportRejectedRows)).strong());
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                for rejected in &r.rejected {
                    let row = fill(cx.t(Key::RowN), &[("row", &rejected.row.to_string())]);
                    ui.label(format!(
                        "{row}: {}",
                        reason_text(cx.lang, &rejected.reason, &rejected.detail)
                    ));
                }
            });
        if ui.button(cx.t(Key::ImportSaveRejected)).clicked() {
            cx.commands.push(Command::SaveRejectedRows {
                headers: r.headers.clone(),
                rows: r.rejected.iter().map(|x| x.cells.clone()).collect(),
            });
        }
    }
    ui.add_space(theme::SECTION_GAP);
    ui.button(cx.t(Key::ImportAnother)).clicked()
}
