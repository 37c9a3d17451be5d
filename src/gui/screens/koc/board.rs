//! The board: one column per role with its holders and candidates as cards.

use egui::RichText;

use super::{KocData, KocScreen, forms::status_key};
use crate::domain::koc::{Expectation, Role, Status};
use crate::gui::commands::Command;
use crate::gui::commands::koc::KocCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::koc_views::{Holder, SPEAKING_WINDOW_DAYS};

const COLUMN_WIDTH: f32 = 230.0;

pub fn board_ui(screen: &mut KocScreen, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &KocData) {
    if data.holders.is_empty() {
        ui.label(RichText::new(cx.t(Key::KocBoardEmpty)).color(theme::muted(ui.visuals())));
    }
    // Roles run past the window's edge: solid scroll bars (egui's float hidden until hovered)
    // say there is more to the right.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::both()
        .id_salt("koc_board")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for role in &data.roles {
                    let holders: Vec<&Holder> = data
                        .holders
                        .iter()
                        .filter(|h| h.view.assignment.role_id == role.id)
                        .collect();
                    ui.allocate_ui(egui::vec2(COLUMN_WIDTH, 0.0), |ui| {
                        ui.set_width(COLUMN_WIDTH);
                        ui.vertical(|ui| role_column_ui(screen, ui, cx, role, &holders));
                    });
                }
            });
        });
}

/// The buttons that open the two forms.
pub fn toolbar_ui(screen: &mut KocScreen, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
    ui.horizontal(|ui| {
        if ui.button(cx.t(Key::KocAssign)).clicked() {
            screen.assign.toggle();
        }
        if ui.button(cx.t(Key::KocLogContribution)).clicked() {
            screen.contribution.toggle();
        }
    });
}

fn role_column_ui(
    screen: &mut KocScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    role: &Role,
    holders: &[&Holder],
) {
    let active = holders
        .iter()
        .filter(|h| h.view.assignment.status == Status::Active)
        .count();
    let title = fill(
        cx.t(Key::KocColumnTitle),
        &[("role", &role.name), ("n", &active.to_string())],
    );
    ui.label(RichText::new(title).strong().color(theme::hex(&role.color)));
    if let Some(e) = role.expectation {
        ui.label(
            RichText::new(expectation_text(cx, e))
                .small()
                .color(theme::muted(ui.visuals())),
        );
    }
    for holder in holders {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(COLUMN_WIDTH - 16.0);
            holder_card_ui(screen, ui, cx, holder);
        });
    }
    ui.add_space(8.0);
}

/// "每周发言 4 天" / "每月贡献 2 次".
pub fn expectation_text(cx: &ScreenCtx<'_>, e: Expectation) -> String {
    match e {
        Expectation::SpeakingDaysPerWeek(n) => {
            fill(cx.t(Key::KocExpectSpeaking), &[("n", &trim_number(n))])
        }
        Expectation::ContributionsPerMonth(n) => {
            fill(cx.t(Key::KocExpectContrib), &[("n", &trim_number(n))])
        }
    }
}

/// 4 rather than 4.0; 3.5 stays 3.5.
pub fn trim_number(n: f64) -> String {
    let text = format!("{n:.1}");
    text.trim_end_matches(".0").to_string()
}

fn holder_card_ui(screen: &mut KocScreen, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, h: &Holder) {
    let a = &h.view.assignment;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&h.view.customer_name).strong());
        ui.label(
            RichText::new(cx.t(status_key(a.status)))
                .small()
                .color(theme::accent(ui.visuals())),
        );
    });
    let group = h
        .view
        .group_name
        .as_deref()
        .unwrap_or(cx.t(Key::KocAllGroups));
    let since = fill(cx.t(Key::KocSinceDay), &[("day", &a.since.to_string())]);
    ui.label(
        RichText::new(format!("{group} · {since}"))
            .small()
            .color(theme::muted(ui.visuals())),
    );
    if let Some(check) = h.check {
        let text = match h.expectation {
            Some(Expectation::SpeakingDaysPerWeek(_)) => fill(
                cx.t(Key::KocSpeakingVsExpected),
                &[
                    ("days", &h.speaking_days.to_string()),
                    ("window", &SPEAKING_WINDOW_DAYS.to_string()),
                    ("actual", &trim_number(check.actual)),
                    ("expected", &trim_number(check.expected)),
                ],
            ),
            _ => fill(
                cx.t(Key::KocMonthVsExpected),
                &[
                    ("n", &h.contributions_this_month.to_string()),
                    ("expected", &trim_number(check.expected)),
                ],
            ),
        };
        let colour = if check.behind && a.status == Status::Active {
            theme::danger(ui.visuals())
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(text).color(colour));
    } else if matches!(h.expectation, Some(Expectation::SpeakingDaysPerWeek(_))) {
        ui.label(RichText::new(cx.t(Key::KocNoChatHistory)).color(theme::muted(ui.visuals())));
    } else {
        ui.label(fill(
            cx.t(Key::KocMonthCount),
            &[("n", &h.contributions_this_month.to_string())],
        ));
    }
    let last = h
        .last_contribution
        .map(|d| fill(cx.t(Key::KocLastContribution), &[("day", &d.to_string())]))
        .unwrap_or_else(|| cx.t(Key::KocNoContribution).to_string());
    ui.label(RichText::new(last).small());
    if h.is_quiet() {
        ui.label(
            RichText::new(fill(
                cx.t(Key::KocQuiet),
                &[("n", &h.quiet_days.to_string())],
            ))
            .strong()
            .color(theme::danger(ui.visuals())),
        );
    }
    ui.horizontal_wrapped(|ui| {
        let today = crate::gui::clock::today();
        if a.status == Status::Candidate && ui.small_button(cx.t(Key::KocAppoint)).clicked() {
            cx.commands.push(Command::Koc(KocCommand::SetStatus {
                assignment_id: a.id,
                to: Status::Active,
                on: today,
            }));
        }
        if ui.small_button(cx.t(Key::KocEnd)).clicked() {
            cx.commands.push(Command::Koc(KocCommand::SetStatus {
                assignment_id: a.id,
                to: Status::Ended,
                on: today,
            }));
        }
        if ui.small_button(cx.t(Key::KocLogShort)).clicked() {
            screen
                .contribution
                .open_for(a.customer_id, &h.view.customer_name);
        }
    });
}
