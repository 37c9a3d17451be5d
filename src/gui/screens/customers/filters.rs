//! The filter bar: tags (all of / any of), staff, group, added-date range.

use chrono::NaiveDate;

use crate::domain::filter::{CustomerFilter, TagMatch};
use crate::domain::segment::{Lifecycle, Segment};
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::screens::followups::labels;
use crate::gui::widgets::chips::chip_ui;

use super::Lookups;

/// Draws the filter bar; edits `filter` in place (the caller re-queries when it changed).
pub(super) fn filters_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    filter: &mut CustomerFilter,
    lookups: &Lookups,
) {
    ui.horizontal_wrapped(|ui| {
        tags_menu_ui(ui, cx, filter, lookups);
        if filter.tag_ids.len() > 1 {
            ui.selectable_value(&mut filter.tag_match, TagMatch::All, cx.t(Key::TagMatchAll));
            ui.selectable_value(&mut filter.tag_match, TagMatch::Any, cx.t(Key::TagMatchAny));
        }
        for id in filter.tag_ids.clone() {
            if let Some(tag) = lookups.tags.iter().find(|t| t.id == id)
                && chip_ui(ui, tag).interact(egui::Sense::click()).clicked()
            {
                filter.tag_ids.retain(|t| *t != id);
            }
        }
        ui.separator();
        choice_ui(
            ui,
            "staff_filter",
            cx.t(Key::FilterStaff),
            cx.t(Key::FilterAnyone),
            &mut filter.staff_id,
            lookups.staff.iter().map(|s| (s.id, s.name.as_str())),
        );
        choice_ui(
            ui,
            "group_filter",
            cx.t(Key::FilterGroup),
            cx.t(Key::FilterAnyone),
            &mut filter.group_id,
            lookups.groups.iter().map(|g| (g.id, g.name.as_str())),
        );
        ui.separator();
        let segments: Vec<(Segment, &str)> = Segment::ALL
            .iter()
            .map(|s| (*s, cx.t(labels::segment(*s))))
            .collect();
        labels::optional_choice_ui(
            ui,
            "segment_filter",
            cx.t(Key::FilterSegment),
            cx.t(Key::FuAny),
            &mut filter.segment,
            &segments,
        );
        let stages: Vec<(Lifecycle, &str)> = Lifecycle::ALL
            .iter()
            .map(|l| (*l, cx.t(labels::lifecycle(*l))))
            .collect();
        labels::optional_choice_ui(
            ui,
            "lifecycle_filter",
            cx.t(Key::FilterLifecycle),
            cx.t(Key::FuAny),
            &mut filter.lifecycle,
            &stages,
        );
        ui.separator();
        ui.label(cx.t(Key::FilterAddedFrom));
        let today = crate::gui::clock::today();
        optional_date_ui(
            ui,
            cx,
            "added_from",
            &mut filter.added_from,
            today - chrono::Duration::days(30),
        );
        ui.label(cx.t(Key::FilterAddedTo));
        optional_date_ui(ui, cx, "added_to", &mut filter.added_to, today);
        if let Some(batch) = filter.batch_id {
            let chip = fill(cx.t(Key::FilterBatch), &[("batch", &batch.to_string())]);
            if ui
                .button(chip)
                .on_hover_text(cx.t(Key::FilterBatchHint))
                .clicked()
            {
                filter.batch_id = None;
            }
        }
        if filter.is_narrowed() && ui.button(cx.t(Key::FilterClear)).clicked() {
            let (sort, descending) = (filter.sort, filter.descending);
            // Clears the search too: it is what narrows the list as often as not.
            *filter = CustomerFilter {
                sort,
                descending,
                ..CustomerFilter::default()
            };
        }
    });
}

fn tags_menu_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    filter: &mut CustomerFilter,
    lookups: &Lookups,
) {
    let title = if filter.tag_ids.is_empty() {
        cx.t(Key::FilterTags).to_string()
    } else {
        format!("{} ({})", cx.t(Key::FilterTags), filter.tag_ids.len())
    };
    ui.menu_button(title, |ui| {
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for group in &lookups.tag_groups {
                    let in_group: Vec<_> = lookups
                        .tags
                        .iter()
                        .filter(|t| t.group_id == Some(group.id))
                        .collect();
                    if in_group.is_empty() {
                        continue;
                    }
                    ui.label(egui::RichText::new(&group.name).small().strong());
                    for tag in in_group {
                        tag_checkbox_ui(ui, filter, tag.id, &tag.name);
                    }
                }
                let ungrouped: Vec<_> = lookups
                    .tags
                    .iter()
                    .filter(|t| t.group_id.is_none())
                    .collect();
                if !ungrouped.is_empty() {
                    ui.label(
                        egui::RichText::new(cx.t(Key::TagGroupNone))
                            .small()
                            .strong(),
                    );
                    for tag in ungrouped {
                        tag_checkbox_ui(ui, filter, tag.id, &tag.name);
                    }
                }
            });
    });
}

fn tag_checkbox_ui(ui: &mut egui::Ui, filter: &mut CustomerFilter, id: i64, name: &str) {
    let mut on = filter.tag_ids.contains(&id);
    if ui.checkbox(&mut on, name).changed() {
        if on {
            filter.tag_ids.push(id);
        } else {
            filter.tag_ids.retain(|t| *t != id);
        }
    }
}

/// The shared menu over `(id, name)` options with an "anyone" entry for `None`.
fn choice_ui<'a>(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    anyone: &str,
    value: &mut Option<i64>,
    options: impl Iterator<Item = (i64, &'a str)>,
) {
    let options: Vec<(i64, &str)> = options.collect();
    crate::gui::widgets::choice::choice_ui(ui, id_salt, label, Some(anyone), value, &options);
}

/// A date picker that can also be "any date".
fn optional_date_ui(
    ui: &mut egui::Ui,
    cx: &ScreenCtx<'_>,
    id_salt: &str,
    value: &mut Option<NaiveDate>,
    default: NaiveDate,
) {
    match value {
        Some(date) => {
            crate::gui::widgets::date_picker::date_ui(ui, id_salt, date);
            if ui
                .small_button("×")
                .on_hover_text(cx.t(Key::FilterDateClear))
                .clicked()
            {
                *value = None;
            }
        }
        None => {
            if ui.button(cx.t(Key::FilterDateSet)).clicked() {
                *value = Some(default);
            }
        }
    }
}
