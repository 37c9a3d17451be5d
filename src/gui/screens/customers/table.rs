//! The virtualised customer table: only the rows in view are fetched and drawn.

use egui::{RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::domain::filter::SortKey;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::gui::widgets::chips::chip_ui;
use crate::gui::widgets::empty_state::empty_state_ui;
use crate::store::customers;

use super::{CustomersScreen, ROW_CACHE_LIMIT};

/// How many rows one fetch brings in (more than a screenful, so scrolling rarely waits).
const FETCH_BATCH: usize = 80;

const COLUMNS: [(SortKey, Key); 7] = [
    (SortKey::Name, Key::ColName),
    (SortKey::Remark, Key::ColRemark),
    (SortKey::Tags, Key::ColTags),
    (SortKey::Staff, Key::ColStaff),
    (SortKey::Added, Key::ColAdded),
    (SortKey::LastContact, Key::ColLastContact),
    (SortKey::Groups, Key::ColGroups),
];

impl CustomersScreen {
    /// Makes sure the rows around `index` are in the cache (one query for a batch).
    fn ensure_rows(&mut self, cx: &ScreenCtx<'_>, index: usize) {
        let Some(id) = self.ids.get(index) else {
            return;
        };
        if self.rows.contains_key(id) {
            return;
        }
        if self.rows.len() > ROW_CACHE_LIMIT {
            self.rows.clear();
        }
        let end = (index + FETCH_BATCH).min(self.ids.len());
        let wanted: Vec<i64> = self.ids[index..end]
            .iter()
            .copied()
            .filter(|id| !self.rows.contains_key(id))
            .collect();
        let fetched = customers::rows(cx.store.conn(), &wanted);
        if let Some(rows) = self.report(fetched) {
            self.rows.extend(rows.into_iter().map(|r| (r.id, r)));
        }
    }

    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        if self.ids.is_empty() {
            let key = if self.total == 0 {
                Key::EmptyNoCustomers
            } else {
                Key::EmptyNoMatches
            };
            empty_state_ui(ui, None, cx.t(key));
            return;
        }
        let mut sort_clicked = None;
        let mut clicked_row = None;
        let modifiers = ui.input(|i| i.modifiers);
        let muted = theme::muted(ui.visuals());
        let mut builder = TableBuilder::new(ui)
            .id_salt("customer_table")
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(100.0).at_least(50.0).clip(true))
            .column(Column::initial(140.0).at_least(50.0).clip(true))
            .column(Column::initial(180.0).at_least(50.0).clip(true))
            .column(Column::initial(80.0).at_least(40.0).clip(true))
            .column(Column::initial(84.0).at_least(40.0).clip(true))
            .column(Column::initial(84.0).at_least(40.0).clip(true))
            .column(Column::remainder().at_least(60.0).clip(true));
        if let Some(index) = self.scroll_to.take() {
            builder = builder.scroll_to_row(index, None);
        }
        builder
            .header(theme::ROW_HEIGHT, |mut header| {
                for (key, label) in COLUMNS {
                    header.col(|ui| {
                        let arrow = match (self.filter.sort == key, self.filter.descending) {
                            (true, true) => " ▼",
                            (true, false) => " ▲",
                            _ => "",
                        };
                        let text = RichText::new(format!("{}{arrow}", cx.t(label))).strong();
                        if ui.add(egui::Button::new(text).frame(false)).clicked() {
                            sort_clicked = Some(key);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, self.ids.len(), |mut row| {
                    let index = row.index();
                    self.ensure_rows(cx, index);
                    let Some(data) = self.ids.get(index).and_then(|id| self.rows.get(id)) else {
                        return;
                    };
                    let selected = self.selection.contains(data.id);
                    row.set_selected(selected);
                    let mut name_clicked = false;
                    row.col(|ui| {
                        let name = egui::Label::new(&data.name).sense(Sense::click());
                        name_clicked = ui.add(name).clicked();
                    });
                    row.col(|ui| {
                        ui.label(&data.remark);
                    });
                    row.col(|ui| {
                        ui.spacing_mut().item_spacing.x = 3.0;
                        for tag in &data.tags {
                            chip_ui(ui, tag);
                        }
                    });
                    row.col(|ui| {
                        ui.label(data.staff.join(cx.lang.name_separator()));
                    });
                    row.col(|ui| {
                        let day = data.added_at.map(|s| s.display_day()).unwrap_or_default();
                        ui.label(RichText::new(day).color(muted));
                    });
                    row.col(|ui| {
                        let day = data
                            .last_contact_at
                            .map(|s| s.display_day())
                            .unwrap_or_default();
                        ui.label(RichText::new(day).color(muted));
                    });
                    row.col(|ui| {
                        ui.label(data.groups.join(cx.lang.name_separator()));
                    });
                    if name_clicked || row.response().clicked() {
                        clicked_row = Some(index);
                    }
                });
            });
        if let Some(key) = sort_clicked {
            self.filter.toggle_sort(key);
            self.requery(cx.store);
        }
        if let Some(index) = clicked_row {
            self.selection
                .click(&self.ids, index, modifiers.shift, modifiers.command);
        }
    }
}
