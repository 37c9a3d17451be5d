//! Candidates: members with no role ranked by an explained score; one click nominates them.

use egui::RichText;

use super::forms::role_and_group_ui;
use super::leaderboard::period_ui;
use super::{KocData, KocScreen};
use crate::domain::koc::{ScorePart, Status};
use crate::gui::commands::Command;
use crate::gui::commands::koc::KocCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

pub fn candidates_ui(
    screen: &mut KocScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &KocData,
) {
    period_ui(screen, ui, cx, data);
    if screen.nominate_role.is_none() {
        screen.nominate_role = data
            .roles
            .iter()
            .find(|r| r.name == "气氛组")
            .or(data.roles.first())
            .map(|r| r.id);
    }
    ui.horizontal(|ui| {
        role_and_group_ui(
            ui,
            cx,
            data,
            ("koc_nominate", Key::KocNominateAs),
            &mut screen.nominate_role,
            &mut screen.nominate_group,
        );
    });
    ui.label(
        RichText::new(cx.t(Key::KocScoreHelp))
            .small()
            .color(theme::muted(ui.visuals())),
    );
    if data.candidates.is_empty() {
        ui.label(RichText::new(cx.t(Key::KocNoCandidates)).color(theme::muted(ui.visuals())));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("koc_candidates")
        .auto_shrink(false)
        .show(ui, |ui| {
            egui::Grid::new("koc_candidates")
                .striped(true)
                .num_columns(4)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for key in [
                        Key::KocCustomer,
                        Key::KocScore,
                        Key::KocWhy,
                        Key::KocNominate,
                    ] {
                        ui.label(RichText::new(cx.t(key)).strong());
                    }
                    ui.end_row();
                    for c in &data.candidates {
                        ui.label(&c.name);
                        ui.label(format!("{:.1}", c.score.total));
                        let why: Vec<String> =
                            c.score.parts.iter().map(|p| part_text(cx, p)).collect();
                        ui.label(why.join(cx.lang.name_separator()));
                        let button = fill(cx.t(Key::KocNominateButton), &[("name", &c.name)]);
                        if ui
                            .add_enabled(screen.nominate_role.is_some(), egui::Button::new(button))
                            .clicked()
                            && let Some(role_id) = screen.nominate_role
                        {
                            cx.commands.push(Command::Koc(KocCommand::Assign {
                                customers: vec![c.customer_id],
                                role_id,
                                group_id: screen.nominate_group,
                                status: Status::Candidate,
                                since: data.today,
                                reason: fill(
                                    cx.t(Key::KocNominatedReason),
                                    &[("score", &format!("{:.1}", c.score.total))],
                                ),
                            }));
                        }
                        ui.end_row();
                    }
                });
        });
}

/// "发言 10 天 +30" and the like.
fn part_text(cx: &ScreenCtx<'_>, p: &ScorePart) -> String {
    let key = match p.what {
        "speaking_days" => Key::KocPartSpeakingDays,
        "messages" => Key::KocPartMessages,
        "referrals" => Key::KocPartReferrals,
        "purchases" => Key::KocPartPurchases,
        _ => Key::KocPartNotes,
    };
    fill(
        cx.t(key),
        &[
            ("n", &p.count.to_string()),
            ("points", &format!("{:.1}", p.points)),
        ],
    )
}
