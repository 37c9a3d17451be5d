//! 跟进: the follow-up screen. Today's checklist (overdue / today / next 7 days, grouped by
//! customer, script filled in, complete / snooze / skip), the journey editor, enrolment by rule,
//! and the segment rules. It reads through the store and writes through `FollowupCommand`s.

mod checklist;
mod enrol;
mod journeys;
pub mod labels;

use chrono::NaiveDate;

use crate::domain::checklist::Checklist;
use crate::domain::followup::Journey;
use crate::domain::segment::SegmentRules;
use crate::domain::tag::Tag;
use crate::gui::commands::Command;
use crate::gui::commands::followup::FollowupCommand;
use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::{self, Store, followups, journeys as journey_store, segments, tags};

use checklist::TaskForm;
use enrol::EnrolForm;
use journeys::JourneyEditor;

/// How many tasks each checklist section lists at most (the totals are always exact).
const LIST_LIMIT: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Checklist,
    Journeys,
    Enrol,
    Rules,
}

/// The 跟进 screen's UI state.
#[derive(Default)]
pub struct FollowupsScreen {
    tab: Tab,
    today: Option<NaiveDate>,
    checklist: Checklist,
    journeys: Vec<Journey>,
    tags: Vec<Tag>,
    rules: SegmentRules,
    form: Option<TaskForm>,
    editor: JourneyEditor,
    enrol: EnrolForm,
    rules_draft: Option<SegmentRules>,
    loaded: bool,
    /// Whether the enrol tab's match count reflects the data (counted when that tab is shown).
    enrol_counted: bool,
    error: Option<String>,
}

impl FollowupsScreen {
    /// Forgets what was read; the next frame reads it again (after a write, or a new day).
    pub fn invalidate(&mut self) {
        self.loaded = false;
    }

    /// The checklist on display (tests).
    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }

    fn load(&mut self, store: &Store, today: NaiveDate) {
        let conn = store.conn();
        let result: store::Result<()> = (|| {
            self.checklist = followups::checklist(conn, today, LIST_LIMIT)?;
            self.journeys = journey_store::list(conn)?;
            self.tags = tags::all(conn)?;
            self.rules = segments::rules(conn)?;
            Ok(())
        })();
        self.error = result.err().map(|e| e.to_string());
        self.editor.sync(&self.journeys);
        self.enrol.sync(&self.journeys);
        self.enrol_counted = false;
        if self
            .form
            .as_ref()
            .is_some_and(|f| !self.has_task(f.task_id))
        {
            self.form = None;
        }
        self.today = Some(today);
        self.loaded = true;
    }

    fn has_task(&self, id: i64) -> bool {
        [
            &self.checklist.overdue,
            &self.checklist.due_today,
            &self.checklist.upcoming,
        ]
        .iter()
        .any(|list| list.iter().any(|t| t.id == id))
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let today = crate::gui::clock::today();
        if !self.loaded || self.today != Some(today) {
            self.load(cx.store, today);
        }
        ui.horizontal(|ui| {
            ui.heading(cx.t(Key::NavFollowups));
            ui.add_space(theme::SECTION_GAP);
            for (tab, key) in [
                (Tab::Checklist, Key::FuTabChecklist),
                (Tab::Journeys, Key::FuTabJourneys),
                (Tab::Enrol, Key::FuTabEnrol),
                (Tab::Rules, Key::FuTabRules),
            ] {
                ui.selectable_value(&mut self.tab, tab, cx.t(key));
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(theme::danger(ui.visuals()), error);
        }
        ui.separator();
        match self.tab {
            Tab::Checklist => {
                checklist::checklist_ui(ui, cx, &self.checklist, today, &mut self.form)
            }
            Tab::Journeys => self.editor.ui(ui, cx, &self.journeys),
            Tab::Enrol => {
                if !std::mem::replace(&mut self.enrol_counted, true) {
                    self.enrol.recount(cx);
                }
                self.enrol.ui(ui, cx, &self.journeys, &self.tags)
            }
            Tab::Rules => self.rules_ui(ui, cx),
        }
    }

    fn rules_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let draft = self.rules_draft.get_or_insert_with(|| self.rules.clone());
        if enrol::rules_form_ui(ui, cx, draft) {
            cx.commands
                .push(Command::Followup(FollowupCommand::SaveRules(Box::new(
                    draft.clone(),
                ))));
            self.rules_draft = None;
        }
    }
}
