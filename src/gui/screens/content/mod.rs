//! 内容日历: the content calendar. Tabs for the calendar (week and month), today's checklist,
//! coverage, the rhythm grid, columns, groups and the content library; an item editor on the
//! right. Reads are plain store queries when something changed; writes go out as commands.

mod calendar;
mod columns;
mod editor;
mod fields;
mod groups;
mod library;
mod month;
mod rhythm;
mod today;

use chrono::{Duration, NaiveDate};

use crate::domain::content::rhythm::{RhythmLine, lines_from_slots};
use crate::domain::content::{Column, Item, month_grid, week_start};
use crate::domain::group::Group;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::content_items::ItemFilter;
use crate::store::{
    self, Store, content, content_items, groups as group_store, rhythm as rhythm_store,
};

pub use fields::plan_labels;

/// The tabs across the top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Calendar,
    Today,
    Coverage,
    Rhythm,
    Columns,
    Groups,
    Library,
}

impl Tab {
    const ALL: [Tab; 7] = [
        Tab::Calendar,
        Tab::Today,
        Tab::Coverage,
        Tab::Rhythm,
        Tab::Columns,
        Tab::Groups,
        Tab::Library,
    ];

    fn title(self) -> Key {
        match self {
            Tab::Calendar => Key::CtTabCalendar,
            Tab::Today => Key::CtTabToday,
            Tab::Coverage => Key::CtTabCoverage,
            Tab::Rhythm => Key::CtTabRhythm,
            Tab::Columns => Key::CtTabColumns,
            Tab::Groups => Key::CtTabGroups,
            Tab::Library => Key::CtTabLibrary,
        }
    }
}

/// Groups, columns and rhythm lines: what every tab chooses from.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    /// Active groups, by name.
    pub groups: Vec<Group>,
    /// Every group, archived last.
    pub all_groups: Vec<Group>,
    /// Active columns in display order.
    pub columns: Vec<Column>,
    pub all_columns: Vec<Column>,
    pub lines: Vec<RhythmLine>,
}

impl Lookups {
    fn load(store: &Store) -> store::Result<Self> {
        let conn = store.conn();
        Ok(Self {
            groups: group_store::list_full(conn, false)?,
            all_groups: group_store::list_full(conn, true)?,
            columns: content::list_columns(conn, false)?,
            all_columns: content::list_columns(conn, true)?,
            lines: lines_from_slots(&rhythm_store::list_slots(conn, false)?),
        })
    }

    /// A group's name ("" when unknown).
    pub fn group_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.all_groups.iter().find(|g| g.id == id))
            .map_or("", |g| g.name.as_str())
    }

    /// A column by id (archived ones too).
    pub fn column(&self, id: Option<i64>) -> Option<&Column> {
        id.and_then(|id| self.all_columns.iter().find(|c| c.id == id))
    }

    /// `(id, name)` of the active groups.
    pub fn group_options(&self) -> impl Iterator<Item = (i64, &str)> {
        self.groups.iter().map(|g| (g.id, g.name.as_str()))
    }

    /// `(id, name)` of the active columns.
    pub fn column_options(&self) -> impl Iterator<Item = (i64, &str)> {
        self.columns.iter().map(|c| (c.id, c.name.as_str()))
    }
}

/// What the calendar shows: the week or the month around the anchor day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CalendarView {
    Week,
    Month,
}

/// The content calendar's UI state.
pub struct ContentScreen {
    tab: Tab,
    view: CalendarView,
    /// The day the calendar is on (its week or month is shown).
    anchor: NaiveDate,
    group_filter: Option<i64>,
    column_filter: Option<i64>,
    today_group: Option<i64>,
    dirty: bool,
    lookups: Lookups,
    week_items: Vec<Item>,
    month_items: Vec<Item>,
    /// The anchor week's items for every group and column (coverage ignores the filters).
    coverage_items: Vec<Item>,
    today_items: Vec<Item>,
    calendar: calendar::CalendarState,
    editor: Option<editor::ItemEditor>,
    rhythm: rhythm::RhythmState,
    columns: columns::ColumnsState,
    groups: groups::GroupsState,
    library: library::LibraryState,
    error: Option<String>,
    /// Whether the screen has been drawn (before that, reads wait until it is).
    shown: bool,
}

impl Default for ContentScreen {
    fn default() -> Self {
        Self {
            tab: Tab::Calendar,
            view: CalendarView::Week,
            anchor: today(),
            group_filter: None,
            column_filter: None,
            today_group: None,
            dirty: true,
            lookups: Lookups::default(),
            week_items: Vec::new(),
            month_items: Vec::new(),
            coverage_items: Vec::new(),
            today_items: Vec::new(),
            calendar: calendar::CalendarState::default(),
            editor: None,
            rhythm: rhythm::RhythmState::default(),
            columns: columns::ColumnsState::default(),
            groups: groups::GroupsState::default(),
            library: library::LibraryState::default(),
            error: None,
            shown: false,
        }
    }
}

/// The machine's local day.
fn today() -> NaiveDate {
    crate::gui::clock::today()
}

/// The machine's local date and time (what "overdue" is measured against).
fn now() -> chrono::NaiveDateTime {
    crate::gui::clock::now()
}

impl ContentScreen {
    /// Re-reads everything after a write, at once when the screen has been shown (so the next
    /// frame draws the new state without waiting for input), else when it is first drawn.
    pub fn invalidate(&mut self, store: &Store) {
        self.dirty = true;
        if self.shown {
            self.reload(store);
        }
    }

    /// Opens `id` in the item editor (a new or duplicated item).
    pub fn open_item(&mut self, id: i64) {
        self.editor = Some(editor::ItemEditor::pending(id));
    }

    /// The id of the item open in the editor (tests).
    pub fn open_item_id(&self) -> Option<i64> {
        self.editor.as_ref().map(editor::ItemEditor::item_id)
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

    fn reload(&mut self, store: &Store) {
        self.dirty = false;
        self.error = None;
        if let Some(lookups) = self.report(Lookups::load(store)) {
            self.lookups = lookups;
        }
        let monday = week_start(self.anchor);
        let sunday = monday + Duration::days(6);
        let (group_id, column_id) = (self.group_filter, self.column_filter);
        let filtered = |from, to| ItemFilter {
            from,
            to,
            group_id,
            column_id,
        };
        let week = content_items::list(store.conn(), &filtered(monday, sunday));
        self.week_items = self.report(week).unwrap_or_default();
        let grid = month_grid(self.anchor);
        let (first, last) = (grid[0][0], grid[grid.len() - 1][6]);
        let month = content_items::list(store.conn(), &filtered(first, last));
        self.month_items = self.report(month).unwrap_or_default();
        let coverage = content_items::list(store.conn(), &ItemFilter::range(monday, sunday));
        self.coverage_items = self.report(coverage).unwrap_or_default();
        let day = today();
        let today_filter = ItemFilter {
            group_id: self.today_group,
            ..ItemFilter::range(day, day)
        };
        let today_items = content_items::list(store.conn(), &today_filter);
        self.today_items = self.report(today_items).unwrap_or_default();
        if let Some(editor) = &mut self.editor
            && !editor.reload(store)
        {
            self.editor = None;
        }
        self.library.invalidate();
        self.columns.sync(&self.lookups);
        self.groups.sync(&self.lookups);
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        self.shown = true;
        if self.dirty {
            self.reload(cx.store);
        }
        ui.horizontal(|ui| {
            ui.heading(cx.t(Key::CtHeading));
            ui.add_space(theme::SECTION_GAP);
            for tab in Tab::ALL {
                ui.selectable_value(&mut self.tab, tab, cx.t(tab.title()));
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(theme::danger(ui.visuals()), error);
        }
        ui.separator();
        let editing = matches!(self.tab, Tab::Calendar | Tab::Today | Tab::Coverage);
        if editing && let Some(editor) = &mut self.editor {
            let mut close = false;
            egui::Panel::right("content_item_editor")
                .resizable(true)
                .default_size(theme::DETAIL_WIDTH)
                .min_size(320.0)
                .show(ui, |ui| close = editor.ui(ui, cx, &self.lookups));
            if close {
                self.editor = None;
            }
        }
        let before = (
            self.anchor,
            self.group_filter,
            self.column_filter,
            self.today_group,
        );
        match self.tab {
            Tab::Calendar => self.calendar_ui(ui, cx),
            Tab::Today => self.today_ui(ui, cx),
            Tab::Coverage => self.coverage_ui(ui, cx),
            Tab::Rhythm => self.rhythm.ui(ui, cx, &self.lookups),
            Tab::Columns => self.columns.ui(ui, cx, &self.lookups),
            Tab::Groups => self.groups.ui(ui, cx, &self.lookups),
            Tab::Library => self.library.ui(ui, cx, &self.lookups),
        }
        if before
            != (
                self.anchor,
                self.group_filter,
                self.column_filter,
                self.today_group,
            )
        {
            self.dirty = true;
        }
    }

    /// Opens an item in the editor.
    fn select(&mut self, item: &Item) {
        if self.open_item_id() != Some(item.id) {
            self.editor = Some(editor::ItemEditor::new(item.clone()));
        }
    }
}
