//! Group coverage: each group's active 气氛组/群管理 (the roles marked as covering) against an
//! editable target, with the groups below it flagged.

use egui::RichText;

use super::{KocData, KocScreen};
use crate::gui::commands::Command;
use crate::gui::commands::koc::KocCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

pub fn coverage_ui(
    screen: &mut KocScreen,
    ui: &mut egui::Ui,
    cx: &mut ScreenCtx<'_>,
    data: &KocData,
) {
    let target = screen.coverage_target.get_or_insert(data.coverage_target);
    ui.horizontal(|ui| {
        let label = ui.label(cx.t(Key::KocTarget));
        ui.add(egui::DragValue::new(target).range(0..=20))
            .labelled_by(label.id);
        if ui
            .add_enabled(
                *target != data.coverage_target,
                egui::Button::new(cx.t(Key::Save)),
            )
            .clicked()
        {
            cx.commands
                .push(Command::Koc(KocCommand::SetCoverageTarget(*target)));
        }
    });
    let covering: Vec<&str> = data
        .roles
        .iter()
        .filter(|r| r.covers_group)
        .map(|r| r.name.as_str())
        .collect();
    ui.label(
        RichText::new(fill(
            cx.t(Key::KocCoverageHelp),
            &[("roles", &covering.join(cx.lang.name_separator()))],
        ))
        .small()
        .color(theme::muted(ui.visuals())),
    );
    let below = data.coverage.iter().filter(|c| c.below).count();
    ui.label(fill(
        cx.t(Key::KocCoverageSummary),
        &[
            ("below", &below.to_string()),
            ("n", &data.coverage.len().to_string()),
        ],
    ));
    egui::ScrollArea::vertical()
        .id_salt("koc_coverage")
        .auto_shrink(false)
        .show(ui, |ui| {
            egui::Grid::new("koc_coverage")
                .striped(true)
                .num_columns(3)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    for key in [Key::KocGroup, Key::KocActiveHolders, Key::KocFlag] {
                        ui.label(RichText::new(cx.t(key)).strong());
                    }
                    ui.end_row();
                    for c in &data.coverage {
                        ui.label(&c.group);
                        ui.label(format!("{} / {}", c.active, c.target));
                        if c.below {
                            ui.label(
                                RichText::new(cx.t(Key::KocBelowTarget))
                                    .color(theme::danger(ui.visuals())),
                            );
                        } else {
                            ui.label(
                                RichText::new(cx.t(Key::KocOnTarget))
                                    .color(theme::accent(ui.visuals())),
                            );
                        }
                        ui.end_row();
                    }
                });
        });
}
