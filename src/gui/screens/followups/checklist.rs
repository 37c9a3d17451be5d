//! Today's checklist: overdue, today and the next 7 days, each grouped by customer, every task
//! with its script filled in, a Copy button, and forms to complete (outcome + note), snooze or skip.

use chrono::{Duration, NaiveDate};
use egui::RichText;

use crate::domain::checklist::{Checklist, TaskView, group_by_customer};
use crate::domain::followup::{Bucket, TaskOutcome, snooze_day};
use crate::gui::commands::Command;
use crate::gui::commands::followup::FollowupCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::empty_state::empty_state_ui;

use super::labels;

/// Overdue sections longer than this start folded.
const OVERDUE_UNFOLDED: i64 = 30;

/// The form open under one task.
#[derive(Debug, Clone)]
pub(super) struct TaskForm {
    pub task_id: i64,
    kind: FormKind,
}

#[derive(Debug, Clone)]
enum FormKind {
    Complete { outcome: TaskOutcome, note: String },
    Snooze { until: NaiveDate },
    Skip { reason: String },
}

fn bucket_title(bucket: Bucket) -> Key {
    match bucket {
        Bucket::Overdue => Key::FuOverdue,
        Bucket::Today => Key::FuToday,
        Bucket::Upcoming => Key::FuUpcoming,
    }
}

/// Draws the checklist.
pub(super) fn checklist_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    list: &Checklist,
    today: NaiveDate,
    form: &mut Option<TaskForm>,
) {
    let total = list.overdue_total + list.today_total + list.upcoming_total;
    if total == 0 {
        empty_state_ui(ui, None, cx.t(Key::FuEmptyChecklist));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("followup_checklist")
        .auto_shrink(false)
        .show(ui, |ui| {
            for bucket in Bucket::ALL {
                let (tasks, count) = list.bucket(bucket);
                let title = fill(cx.t(bucket_title(bucket)), &[("n", &count.to_string())]);
                let colour = match bucket {
                    Bucket::Overdue if count > 0 => theme::danger(ui.visuals()),
                    Bucket::Today => theme::accent(ui.visuals()),
                    _ => ui.visuals().text_color(),
                };
                ui.add_space(6.0);
                // A long overdue backlog starts folded so today's work stays in view.
                let open = bucket != Bucket::Overdue || count <= OVERDUE_UNFOLDED;
                egui::CollapsingHeader::new(RichText::new(title).heading().color(colour))
                    .id_salt(("bucket", bucket_title(bucket)))
                    .default_open(open)
                    .show(ui, |ui| bucket_ui(ui, cx, tasks, count, today, form));
            }
        });
}

fn bucket_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    tasks: &[TaskView],
    count: i64,
    today: NaiveDate,
    form: &mut Option<TaskForm>,
) {
    if tasks.is_empty() {
        ui.label(RichText::new(cx.t(Key::FuNothingHere)).color(theme::muted(ui.visuals())));
    }
    for group in group_by_customer(tasks.to_vec()) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&group.customer).strong().size(15.0));
            for task in &group.tasks {
                task_ui(ui, cx, task, today, form);
            }
        });
    }
    let hidden = count - tasks.len() as i64;
    if hidden > 0 {
        ui.label(
            RichText::new(fill(cx.t(Key::FuMore), &[("n", &hidden.to_string())]))
                .color(theme::muted(ui.visuals())),
        );
    }
}

fn task_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    task: &TaskView,
    today: NaiveDate,
    form: &mut Option<TaskForm>,
) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{} · {}", task.journey, task.step))
                .strong()
                .color(theme::accent(ui.visuals())),
        );
        ui.label(RichText::new(cx.t(labels::channel(task.channel))).small());
        let due = fill(cx.t(Key::FuDue), &[("day", &task.due.to_string())]);
        ui.label(RichText::new(due).small().color(theme::muted(ui.visuals())));
    });
    let script = task.script(cx.t(Key::FuNoItems));
    ui.label(&script);
    ui.horizontal(|ui| {
        if ui.button(cx.t(Key::FuCopy)).clicked() {
            ui.ctx().copy_text(script.clone());
        }
        let open = |kind| TaskForm {
            task_id: task.id,
            kind,
        };
        if ui.button(cx.t(Key::FuComplete)).clicked() {
            *form = Some(open(FormKind::Complete {
                outcome: TaskOutcome::Replied,
                note: String::new(),
            }));
        }
        if ui.button(cx.t(Key::FuSnooze)).clicked() {
            *form = Some(open(FormKind::Snooze {
                until: today + Duration::days(3),
            }));
        }
        if ui.button(cx.t(Key::FuSkip)).clicked() {
            *form = Some(open(FormKind::Skip {
                reason: String::new(),
            }));
        }
    });
    let mine = form.as_mut().filter(|f| f.task_id == task.id);
    if let Some(f) = mine
        && form_ui(ui, cx, f, today)
    {
        *form = None;
    }
}

/// Draws the open form; returns whether it was submitted.
fn form_ui(
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    form: &mut TaskForm,
    today: NaiveDate,
) -> bool {
    let task_id = form.task_id;
    let mut command = None;
    egui::Frame::group(ui.style()).show(ui, |ui| match &mut form.kind {
        FormKind::Complete { outcome, note } => {
            ui.horizontal_wrapped(|ui| {
                for o in TaskOutcome::ALL {
                    ui.selectable_value(outcome, o, cx.t(labels::outcome(o)));
                }
            });
            let label = ui.label(cx.t(Key::FuNote));
            ui.add(
                egui::TextEdit::multiline(note)
                    .hint_text(cx.t(Key::FuNoteHint))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if ui.button(cx.t(Key::FuConfirmDone)).clicked() {
                command = Some(FollowupCommand::CompleteTask {
                    task_id,
                    outcome: *outcome,
                    note: note.trim().to_string(),
                });
            }
        }
        FormKind::Snooze { until } => {
            ui.horizontal(|ui| {
                ui.label(cx.t(Key::FuSnoozeTo));
                labels::date_ui(ui, "snooze_until", until);
                if ui.button(cx.t(Key::FuConfirmSnooze)).clicked() {
                    command = Some(FollowupCommand::SnoozeTask {
                        task_id,
                        until: snooze_day(*until, today),
                    });
                }
            });
        }
        FormKind::Skip { reason } => {
            ui.horizontal(|ui| {
                let label = ui.label(cx.t(Key::FuSkipReason));
                ui.add(egui::TextEdit::singleline(reason).desired_width(260.0))
                    .labelled_by(label.id);
                if ui.button(cx.t(Key::FuConfirmSkip)).clicked() {
                    command = Some(FollowupCommand::SkipTask {
                        task_id,
                        reason: reason.trim().to_string(),
                    });
                }
            });
        }
    });
    let submitted = command.is_some();
    if let Some(c) = command {
        cx.commands.push(Command::Followup(c));
    }
    submitted
}
