//! 客户: the customer book. A virtualised table over the current filter (ids queried once per
//! filter change, rows fetched as they scroll into view), filters, bulk actions, and the detail
//! panel of the focused customer.

mod detail;
mod filters;
mod first_run;
mod followup_panel;
mod koc_panel;
mod profile_form;
mod selection;
mod table;
mod tag_input;

use std::collections::HashMap;

use egui::RichText;

use crate::domain::customer::{CustomerRow, GroupRef, Staff};
use crate::domain::filter::CustomerFilter;
use crate::domain::followup::Journey;
use crate::domain::tag::{Tag, TagGroup};
use crate::gui::commands::Command;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::{self, Store, customers, groups, journeys, koc, staff, tags};

use detail::Detail;
use selection::Selection;
use tag_input::TagInput;

/// Rows kept in memory at most; the cache is emptied past this.
const ROW_CACHE_LIMIT: usize = 4_000;

/// Lists the other widgets choose from: tags, tag groups, staff, groups.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    pub tags: Vec<Tag>,
    pub tag_groups: Vec<TagGroup>,
    pub staff: Vec<Staff>,
    pub groups: Vec<GroupRef>,
    /// Journeys to enrol a selection into.
    pub journeys: Vec<Journey>,
    /// KOC roles to assign a selection to: (id, name).
    pub roles: Vec<(i64, String)>,
}

impl Lookups {
    fn load(store: &Store) -> store::Result<Self> {
        let conn = store.conn();
        Ok(Self {
            tags: tags::all(conn)?,
            tag_groups: tags::groups(conn)?,
            staff: staff::list(conn)?,
            groups: groups::list_active(conn)?,
            journeys: journeys::list(conn)?,
            roles: koc::roles(conn)?
                .into_iter()
                .map(|r| (r.id, r.name))
                .collect(),
        })
    }
}

/// The customer book's UI state.
pub struct CustomersScreen {
    filter: CustomerFilter,
    search_text: String,
    ids: Vec<i64>,
    /// The filter's id list without the search text, reused while typing.
    id_cache: customers::IdListCache,
    total: i64,
    /// The welcome shown while the book is empty.
    first_run: first_run::FirstRun,
    /// A customer to keep in view at the next query, whatever the filter.
    reveal: Option<i64>,
    rows: HashMap<i64, CustomerRow>,
    selection: Selection,
    detail: Option<Detail>,
    lookups: Lookups,
    bulk_tag: TagInput,
    bulk_journey: Option<i64>,
    bulk_custom_date: chrono::NaiveDate,
    bulk_role: Option<i64>,
    focus_search: bool,
    scroll_to: Option<usize>,
    error: Option<String>,
}

impl CustomersScreen {
    /// Loads the first page of the default view.
    pub fn new(store: &Store) -> Self {
        let mut screen = Self {
            filter: CustomerFilter::newest_first(),
            search_text: String::new(),
            ids: Vec::new(),
            id_cache: customers::IdListCache::default(),
            total: 0,
            first_run: first_run::FirstRun::default(),
            reveal: None,
            rows: HashMap::new(),
            selection: Selection::default(),
            detail: None,
            lookups: Lookups::default(),
            bulk_tag: TagInput::default(),
            bulk_journey: None,
            bulk_custom_date: crate::gui::clock::today(),
            bulk_role: None,
            focus_search: false,
            scroll_to: None,
            error: None,
        };
        screen.invalidate(store);
        screen
    }

    /// Re-reads everything after a write: ids, visible rows, lookups, the detail panel.
    pub fn invalidate(&mut self, store: &Store) {
        self.rows.clear();
        self.id_cache.clear();
        let result = Lookups::load(store).map(|l| self.lookups = l);
        self.report(result);
        self.requery(store);
        self.reload_detail(store);
    }

    /// Lists only the customers import batch `batch` created or updated (any other filter off).
    pub fn show_batch(&mut self, store: &Store, batch: i64) {
        self.filter = CustomerFilter {
            batch_id: Some(batch),
            ..CustomerFilter::newest_first()
        };
        self.search_text.clear();
        self.selection = Default::default();
        self.requery(store);
    }

    /// Selects one customer (a new one, or one found elsewhere) and shows it.
    pub fn select_only(&mut self, id: i64) {
        self.selection.select_only(id);
        self.detail = None;
        self.scroll_to = self.ids.iter().position(|&x| x == id);
        self.reveal = Some(id);
    }

    /// Shows one customer found on another screen: selected, listed now (the filter gives way
    /// if it hides them) and in the detail panel.
    pub fn show(&mut self, store: &Store, id: i64) {
        self.select_only(id);
        self.requery(store);
    }

    /// The ids currently listed (tests).
    pub fn listed_ids(&self) -> &[i64] {
        &self.ids
    }

    fn report<T>(&mut self, result: store::Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// Runs the filter again: the one query per filter change.
    fn requery(&mut self, store: &Store) {
        let ids = self.id_cache.list_ids(store.conn(), &self.filter);
        self.ids = self.report(ids).unwrap_or_default();
        if let Some(id) = self.reveal.take() {
            // A customer just created (or opened from another screen) shows whatever the
            // filter: the filter gives way rather than hide them.
            if !self.ids.contains(&id) && self.filter.is_narrowed() {
                self.filter = CustomerFilter {
                    sort: self.filter.sort,
                    descending: self.filter.descending,
                    ..CustomerFilter::default()
                };
                self.search_text.clear();
                let ids = self.id_cache.list_ids(store.conn(), &self.filter);
                self.ids = self.report(ids).unwrap_or_default();
            }
            self.scroll_to = self.ids.iter().position(|&x| x == id);
        }
        let total = customers::count_all(store.conn());
        self.total = self.report(total).unwrap_or_default();
        self.selection.retain_listed(&self.ids);
    }

    fn reload_detail(&mut self, store: &Store) {
        let Some(id) = self.selection.focus() else {
            self.detail = None;
            return;
        };
        let previous = self.detail.take();
        let loaded = Detail::load(store, id);
        self.detail = self.report(loaded).map(|mut d| {
            if let Some(prev) = previous.filter(|p| p.customer_id() == id) {
                d.keep_drafts_from(prev);
            }
            d
        });
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        self.shortcuts(ui, cx);
        if self.detail.as_ref().map(Detail::customer_id) != self.selection.focus() {
            self.reload_detail(cx.store);
        }
        if let Some(detail) = &mut self.detail {
            egui::Panel::right("customer_detail")
                .resizable(true)
                .default_size(theme::DETAIL_WIDTH)
                .min_size(300.0)
                .show(ui, |ui| detail.ui(ui, cx, &self.lookups));
        }
        self.toolbar_ui(ui, cx);
        if self.total == 0 && !self.filter.is_narrowed() && self.detail.is_none() {
            self.first_run.ui(ui, cx);
            return;
        }
        let filter_before = self.filter.clone();
        filters::filters_ui(ui, cx, &mut self.filter, &self.lookups);
        if self.filter != filter_before {
            self.search_text = self.filter.query.clone();
            self.requery(cx.store);
        }
        if self.selection.len() > 1 {
            self.bulk_ui(ui, cx);
        }
        if let Some(error) = &self.error {
            ui.colored_label(theme::danger(ui.visuals()), error);
        }
        ui.separator();
        // The table's columns can be wider than what the detail panel leaves: clip them to this
        // side so no row, highlight or cell text runs under the panel.
        let room = ui.available_rect_before_wrap();
        ui.scope(|ui| {
            ui.set_clip_rect(ui.clip_rect().intersect(room));
            self.table_ui(ui, cx);
        });
    }

    fn shortcuts(&mut self, ui: &egui::Ui, cx: &mut ScreenCtx<'_>) {
        let typing = ui.ctx().memory(|m| m.focused().is_some());
        let (find, new, up, down, delete) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::F),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::N),
                !typing && i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                !typing && i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                !typing && i.consume_key(egui::Modifiers::NONE, egui::Key::Delete),
            )
        });
        if find {
            self.focus_search = true;
        }
        if new {
            cx.commands.push(Command::CreateCustomer);
        }
        if up || down {
            self.scroll_to = self.selection.step(&self.ids, down);
        }
        if delete && !self.selection.is_empty() {
            let ids = self.selection.ids_in_order(&self.ids);
            cx.commands.push(Command::DeleteCustomers(ids));
        }
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.horizontal(|ui| {
            ui.heading(cx.t(Key::NavCustomers));
            ui.add_space(theme::SECTION_GAP);
            let label = ui.label(cx.t(Key::Search));
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search_text)
                        .hint_text(cx.t(Key::SearchHint))
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                search.request_focus();
            }
            if search.changed() && self.filter.query != self.search_text {
                self.filter.query = self.search_text.clone();
                self.requery(cx.store);
            }
            if ui.button(cx.t(Key::NewCustomer)).clicked() {
                cx.commands.push(Command::CreateCustomer);
            }
            let n = self.ids.len().to_string();
            let count = if self.filter.is_narrowed() {
                fill(
                    cx.t(Key::MatchCountOf),
                    &[("n", &n), ("total", &self.total.to_string())],
                )
            } else {
                fill(cx.t(Key::MatchCount), &[("n", &n)])
            };
            ui.label(RichText::new(count).color(theme::muted(ui.visuals())));
        });
    }

    fn bulk_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let ids = self.selection.ids_in_order(&self.ids);
        ui.horizontal(|ui| {
            let n = ids.len().to_string();
            ui.label(RichText::new(fill(cx.t(Key::SelectedCount), &[("n", &n)])).strong());
            let chosen =
                self.bulk_tag
                    .ui(ui, cx, &self.lookups, Key::BulkTagLabel, Key::BulkTagHint);
            if let Some((name, group_id)) = chosen {
                cx.commands.push(Command::AddTag {
                    source: crate::store::tags::TagSource::Manual,
                    customers: ids.clone(),
                    name,
                    group_id,
                });
            }
            if ui.button(cx.t(Key::BulkAddTag)).clicked() && !self.bulk_tag.text().is_empty() {
                let (name, group_id) = self.bulk_tag.take();
                cx.commands.push(Command::AddTag {
                    source: crate::store::tags::TagSource::Manual,
                    customers: ids.clone(),
                    name,
                    group_id,
                });
            }
            if ui.button(cx.t(Key::BulkRemoveTag)).clicked() {
                let name = self.bulk_tag.text().trim().to_string();
                if let Some(tag) = self.lookups.tags.iter().find(|t| t.name == name) {
                    cx.commands.push(Command::RemoveTag {
                        customers: ids.clone(),
                        tag_id: tag.id,
                        name,
                    });
                    self.bulk_tag.take();
                }
            }
            ui.separator();
            let journeys: Vec<(i64, &str)> = self
                .lookups
                .journeys
                .iter()
                .map(|j| (j.id, j.name.as_str()))
                .collect();
            crate::gui::screens::followups::labels::optional_choice_ui(
                ui,
                "bulk_journey",
                cx.t(Key::FuJourney),
                "—",
                &mut self.bulk_journey,
                &journeys,
            );
            // A journey with a step counting from a custom date (生日, 到期日) asks for that date.
            let needs_date = self
                .lookups
                .journeys
                .iter()
                .any(|j| Some(j.id) == self.bulk_journey && j.needs_custom_date());
            if needs_date {
                ui.label(cx.t(Key::FuCustomDate));
                crate::gui::screens::followups::labels::date_ui(
                    ui,
                    "bulk_custom_date",
                    &mut self.bulk_custom_date,
                );
            }
            if ui.button(cx.t(Key::BulkEnrol)).clicked()
                && let Some(journey_id) = self.bulk_journey
            {
                cx.commands.push(Command::Followup(
                    crate::gui::commands::followup::FollowupCommand::Enrol {
                        journey_id,
                        customers: ids.clone(),
                        custom_date: needs_date.then_some(self.bulk_custom_date),
                    },
                ));
            }
            ui.separator();
            let roles: Vec<(i64, &str)> = self
                .lookups
                .roles
                .iter()
                .map(|(id, name)| (*id, name.as_str()))
                .collect();
            crate::gui::screens::followups::labels::optional_choice_ui(
                ui,
                "bulk_role",
                cx.t(Key::KocRole),
                "—",
                &mut self.bulk_role,
                &roles,
            );
            if ui.button(cx.t(Key::BulkAssignRole)).clicked()
                && let Some(role_id) = self.bulk_role
            {
                cx.commands.push(Command::Koc(
                    crate::gui::commands::koc::KocCommand::Assign {
                        customers: ids.clone(),
                        role_id,
                        group_id: None,
                        status: crate::domain::koc::Status::Active,
                        since: crate::gui::clock::today(),
                        reason: String::new(),
                    },
                ));
            }
            ui.separator();
            let delete = egui::Button::new(
                RichText::new(cx.t(Key::BulkDelete)).color(theme::danger(ui.visuals())),
            );
            if ui.add(delete).clicked() {
                cx.commands.push(Command::DeleteCustomers(ids.clone()));
            }
        });
    }
}
