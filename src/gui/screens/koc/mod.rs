//! KOC: who carries each group. A board of roles with their holders (against each role's
//! expectation, with a quiet warning), the contribution leaderboard with charts, candidates ranked
//! by an explained score, group coverage against a target, and the role catalogue.

mod board;
mod candidates;
mod coverage;
mod data;
mod forms;
mod leaderboard;
mod loader;
mod roles;

use chrono::NaiveDate;

use crate::gui::i18n::Key;
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;

pub use data::KocData;
use forms::{AssignForm, ContributionForm};
pub use forms::{contribution_fields_ui, status_key};

/// The KOC screen's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Leaderboard,
    Candidates,
    Coverage,
    Roles,
}

/// The KOC screen's state: the tab, read caches and the forms being filled.
pub struct KocScreen {
    view: View,
    data: Option<KocData>,
    loader: loader::KocLoader,
    /// Days the leaderboard and candidates look back over.
    period_days: i64,
    /// The ambassador whose contributions are charted over time, with the per-day counts read
    /// once when they were picked (not per frame).
    charted: Option<(i64, Vec<(NaiveDate, u32)>)>,
    /// A name was just clicked: bring its chart (below the table) into view once.
    scroll_to_chart: bool,
    assign: AssignForm,
    contribution: ContributionForm,
    roles: roles::RolesEditor,
    coverage_target: Option<u32>,
    /// Role and group candidates are nominated for.
    nominate_role: Option<i64>,
    nominate_group: Option<i64>,
    error: Option<String>,
}

impl Default for KocScreen {
    fn default() -> Self {
        Self {
            view: View::Board,
            data: None,
            loader: loader::KocLoader::default(),
            period_days: 30,
            charted: None,
            scroll_to_chart: false,
            assign: AssignForm::default(),
            contribution: ContributionForm::default(),
            roles: roles::RolesEditor::default(),
            coverage_target: None,
            nominate_role: None,
            nominate_group: None,
            error: None,
        }
    }
}

impl KocScreen {
    /// Everything is re-read on the next frame (after a write).
    pub fn invalidate(&mut self) {
        self.loader.invalidate();
        self.charted = None;
        self.roles.invalidate();
        self.coverage_target = None;
    }

    /// Whether the data is being read on the worker (tests wait for it).
    pub fn is_loading(&self) -> bool {
        self.loader.is_loading()
    }

    /// How many reads ran on the worker (tests).
    pub fn worker_reads(&self) -> u32 {
        self.loader.worker_reads()
    }

    /// Reads on the worker above `messages` chat messages (tests use 0).
    pub fn set_inline_limit(&mut self, messages: i64) {
        self.loader.set_inline_limit(messages);
    }

    /// The tab on display (tests).
    pub fn view(&self) -> View {
        self.view
    }

    fn today() -> NaiveDate {
        crate::gui::clock::today()
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let missing = self.data.is_none();
        match self
            .loader
            .poll(missing, cx.store, Self::today(), self.period_days)
        {
            Some(Ok(d)) => {
                self.data = Some(d);
                self.error = None;
            }
            Some(Err(e)) => self.error = Some(e.to_string()),
            None => {}
        }
        let loading = self.loader.is_loading();
        if loading {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        ui.horizontal(|ui| {
            ui.heading(cx.t(Key::NavKoc));
            if loading {
                ui.spinner().on_hover_text(cx.t(Key::KocLoading));
            }
            ui.add_space(16.0);
            for (view, key) in [
                (View::Board, Key::KocBoard),
                (View::Leaderboard, Key::KocLeaderboard),
                (View::Candidates, Key::KocCandidates),
                (View::Coverage, Key::KocCoverage),
                (View::Roles, Key::KocRoles),
            ] {
                if ui.selectable_label(self.view == view, cx.t(key)).clicked() {
                    self.view = view;
                }
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(theme::danger(ui.visuals()), error);
        }
        ui.separator();
        let Some(data) = self.data.take() else {
            if loading {
                ui.label(cx.t(Key::KocLoading));
            }
            return;
        };
        board::toolbar_ui(self, ui, cx);
        self.assign.ui(ui, cx, &data);
        self.contribution.ui(ui, cx, &data);
        ui.separator();
        match self.view {
            View::Board => board::board_ui(self, ui, cx, &data),
            View::Leaderboard => leaderboard::leaderboard_ui(self, ui, cx, &data),
            View::Candidates => candidates::candidates_ui(self, ui, cx, &data),
            View::Coverage => coverage::coverage_ui(self, ui, cx, &data),
            View::Roles => self.roles.ui(ui, cx, &data),
        }
        if self.data.is_none() {
            self.data = Some(data);
        }
    }

    /// Changes the look-back period (reloads leaderboard and candidates).
    fn set_period(&mut self, days: i64) {
        if self.period_days != days {
            self.period_days = days;
            self.loader.invalidate();
            self.charted = None;
        }
    }
}
