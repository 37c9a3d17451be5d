//! 导入: choose a customer list, check what was detected and the column mapping, import it on a
//! worker thread with a progress bar and Cancel, read the summary, and undo any past import.

mod activity_mapping;
mod conversations;
mod field_labels;
mod mapping_grid;
mod messages;
mod review;

use crate::gui::app::intents::Intent;
use std::path::Path;

use egui::RichText;

use crate::domain::purchase::format_yuan;
use crate::gui::commands::Command;
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
use review::{ImportRequest, Reopen, Review};

/// How many past imports the history lists.
const HISTORY_LIMIT: usize = 50;

/// What a run of the import job ends with: one report per batch written, and the failure that
/// stopped it, if any (a file of several conversations writes one batch for each).
#[derive(Default)]
struct Finished {
    reports: Vec<ImportReport>,
    failure: Option<ImportFailure>,
}

type ImportJob = JobHandle<Finished>;

enum Stage {
    Choose,
    Review(Box<Review>),
    Running {
        job: ImportJob,
        file_name: String,
    },
    Done {
        file_name: String,
        reports: Vec<ImportReport>,
        /// Why the runs after these stopped (the batches above are kept).
        error: Option<String>,
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
        self.reopen(
            path,
            Reopen {
                sheet: None,
                encoding: None,
            },
            cx,
        );
    }

    /// Detects `path` again, on another sheet or in another encoding.
    fn reopen(&mut self, path: &Path, how: Reopen, cx: &ScreenCtx<'_>) {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Group statistics workbooks open on their per-group sheet.
        self.stage = match health_import::detect(path, how.sheet.as_deref(), how.encoding) {
            Ok(detection) => {
                Stage::Review(Box::new(Review::new(path, detection, how.encoding, cx)))
            }
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
        let Ok(request) = review.job_request() else {
            return;
        };
        let db_path = cx.store.path().to_path_buf();
        let file_name = review.file_name.clone();
        let remember = review
            .hand_mapping()
            .map(|m| (review.detection.headers.clone(), m));
        let spawned = JobHandle::spawn("qunzhu-import", move |reporter| {
            let mut finished = Finished::default();
            let mut store = match Store::open(&db_path) {
                Ok(store) => store,
                Err(e) => {
                    finished.failure = Some(e.into());
                    return finished;
                }
            };
            for run in request.runs() {
                let result = match run {
                    ImportRequest::Contacts(r) => contact_import::run(&mut store, &r, reporter),
                    ImportRequest::Health(r) => health_import::run(&mut store, &r, reporter),
                    ImportRequest::Purchases(r) => purchase_import::run(&mut store, &r, reporter),
                    ImportRequest::Chats(_) => continue,
                };
                match result {
                    Ok(report) => finished.reports.push(report),
                    Err(failure) => {
                        finished.failure = Some(failure);
                        break;
                    }
                }
            }
            // A mapping that imported is the one the next file of this shape opens with.
            if let Some((headers, mapping)) = remember.filter(|_| finished.failure.is_none())
                && let Err(e) = crate::jobs::mapping_memory::remember(&store, &headers, &mapping)
            {
                eprintln!("qunzhu: cannot remember the column mapping: {e}");
            }
            finished
        });
        self.stage = match spawned {
            Ok(job) => Stage::Running { job, file_name },
            Err(e) => Stage::Failed {
                file_name,
                message: e.to_string(),
            },
        };
    }

    /// Takes the running job's result when it has one. The App calls this every frame, whichever
    /// screen is showing, so an import that ends while the user is elsewhere still refreshes
    /// the screens and says so.
    pub fn poll(&mut self, cx: &mut ScreenCtx<'_>) {
        let Stage::Running { job, file_name } = &self.stage else {
            return;
        };
        let Some(finished) = job.poll() else { return };
        let file_name = file_name.clone();
        self.history_stale = true;
        if let Some(ImportFailure::Store(crate::store::StoreError::Damaged { problems, .. })) =
            &finished.failure
        {
            cx.intent(Intent::DataFileDamaged(problems.join("; ")));
        }
        let error = finished.failure.map(|f| failure_text(cx.lang, &f));
        if finished.reports.is_empty() {
            self.stage = Stage::Failed {
                file_name,
                message: error.unwrap_or_default(),
            };
            return;
        }
        let created: i64 = finished.reports.iter().map(|r| r.created).sum();
        let updated: i64 = finished.reports.iter().map(|r| r.updated).sum();
        cx.commands.push(Command::Refresh(Some(fill(
            cx.t(Key::ToastImported),
            &[
                ("file", &file_name),
                ("created", &created.to_string()),
                ("updated", &updated.to_string()),
            ],
        ))));
        self.stage = Stage::Done {
            file_name,
            reports: finished.reports,
            error,
        };
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        if self.history_stale {
            self.history = cx.read(history(cx.store.conn(), HISTORY_LIMIT));
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
                    cx.intent(Intent::PickImportFile);
                }
                empty_state_ui(ui, None, cx.t(Key::ImportDropHint));
            }
            Stage::Review(review) => {
                // What the setup still lacks disables Start and is said beside it.
                let blocker = review.job_request().err();
                ui.horizontal(|ui| {
                    let start = egui::Button::new(RichText::new(cx.t(Key::ImportStart)).strong());
                    if ui.add_enabled(blocker.is_none(), start).clicked() {
                        next = Some(Next::Start);
                    }
                    if ui.button(cx.t(Key::ImportChoose)).clicked() {
                        cx.intent(Intent::PickImportFile);
                    }
                    if let Some(key) = blocker {
                        ui.colored_label(theme::danger(ui.visuals()), cx.t(key));
                    }
                });
                ui.add_space(6.0);
                if let Some(how) = review.ui(ui, cx) {
                    next = Some(Next::Reopen(review.path.clone(), how));
                }
            }
            Stage::Running { job, file_name } => {
                running_ui(ui, cx, job, file_name);
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            Stage::Done {
                file_name,
                reports,
                error,
            } => {
                if done_ui(ui, cx, file_name, reports, error.as_deref()) {
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
                    cx.intent(Intent::PickImportFile);
                }
            }
        }
        match next {
            Some(Next::Start) => self.start(cx),
            Some(Next::Reopen(path, how)) => self.reopen(&path, how, cx),
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
                        cx.intent(Intent::UndoImport(batch.id));
                        self.history_stale = true;
                    }
                });
            }
        });
    }
}

enum Next {
    Start,
    Reopen(std::path::PathBuf, Reopen),
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
    reports: &[ImportReport],
    error: Option<&str>,
) -> bool {
    ui.label(
        RichText::new(fill(cx.t(Key::ImportDone), &[("file", file_name)]))
            .strong()
            .color(theme::accent(ui.visuals())),
    );
    for (index, report) in reports.iter().enumerate() {
        if index > 0 {
            ui.separator();
        }
        ui.push_id(index, |ui| report_ui(ui, cx, report));
    }
    if let Some(error) = error {
        ui.colored_label(theme::danger(ui.visuals()), error);
    }
    ui.add_space(theme::SECTION_GAP);
    // A customer list: straight to the customers it created or updated.
    let brought = reports
        .iter()
        .filter(|r| r.kind == "contacts" && r.created + r.updated > 0)
        .map(|r| r.batch)
        .next();
    if let Some(batch) = brought
        && ui.button(cx.t(Key::ImportShowCustomers)).clicked()
    {
        cx.intent(Intent::ShowBatchCustomers(batch));
    }
    ui.button(cx.t(Key::ImportAnother)).clicked()
}

/// One batch's summary, its per-kind figures and the rows left out.
fn report_ui(ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, report: &ImportReport) {
    let r = report;
    if r.merged > 0 {
        ui.label(fill(
            cx.t(Key::ImportSummaryMerged),
            &[
                ("rows", &r.rows.to_string()),
                ("created", &r.created.to_string()),
                ("updated", &r.updated.to_string()),
                ("merged", &r.merged.to_string()),
                ("skipped", &r.skipped.to_string()),
                ("rejected", &r.rejected.len().to_string()),
            ],
        ));
    } else {
        ui.label(summary_text(
            cx,
            r.rows as i64,
            r.created,
            r.updated,
            r.skipped,
            r.rejected.len() as i64,
        ));
    }
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
            cx.intent(Intent::SaveRejectedRows {
                headers: r.headers.clone(),
                rows: r.rejected.iter().map(|x| x.cells.clone()).collect(),
            });
        }
    }
}
