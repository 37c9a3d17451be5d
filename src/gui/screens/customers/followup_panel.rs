//! The follow-up part of the customer detail panel: segment and lifecycle, 客单价, the purchases
//! log with a form to add one, enrolment into a journey, and the customer's open and done tasks.

use chrono::NaiveDate;
use egui::RichText;

use crate::domain::checklist::TaskView;
use crate::domain::followup::{Journey, TaskStatus};
use crate::domain::purchase::{Purchase, format_yuan, parse_yuan};
use crate::gui::commands::Command;
use crate::gui::commands::followup::FollowupCommand;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::screens::followups::labels;
use crate::gui::theme;
use crate::store::segments::{self, CustomerStanding};
use crate::store::{self, Store, followups, journeys, purchases};

/// What the panel shows and the purchase being typed.
pub(super) struct FollowupPanel {
    customer_id: i64,
    standing: Option<CustomerStanding>,
    purchases: Vec<Purchase>,
    tasks: Vec<TaskView>,
    journeys: Vec<Journey>,
    journey_id: Option<i64>,
    /// The day a journey's "custom date" steps count from.
    custom_date: NaiveDate,
    day: NaiveDate,
    amount: String,
    items: String,
    discounted: bool,
    amount_invalid: bool,
}

impl FollowupPanel {
    /// Reads one customer's purchases, tasks and standing.
    pub fn load(store: &Store, customer_id: i64) -> store::Result<Self> {
        let conn = store.conn();
        let today = crate::gui::clock::today();
        let journeys = journeys::list(conn)?;
        Ok(Self {
            customer_id,
            standing: Some(segments::standing(conn, customer_id, today)?),
            purchases: purchases::for_customer(conn, customer_id)?,
            tasks: followups::for_customer(conn, customer_id)?,
            journey_id: journeys.first().map(|j| j.id),
            journeys,
            custom_date: today,
            day: today,
            amount: String::new(),
            items: String::new(),
            discounted: false,
            amount_invalid: false,
        })
    }

    /// Keeps the purchase being typed and the chosen journey across a reload.
    pub fn keep_drafts_from(&mut self, previous: FollowupPanel) {
        self.journey_id = previous.journey_id.or(self.journey_id);
        self.day = previous.day;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        if let Some(standing) = &self.standing {
            ui.horizontal_wrapped(|ui| {
                let segment = standing
                    .segment
                    .map(|s| cx.t(labels::segment(s)))
                    .unwrap_or(cx.t(Key::SegNone));
                ui.label(
                    RichText::new(segment)
                        .strong()
                        .color(theme::accent(ui.visuals())),
                );
                ui.label(RichText::new(cx.t(labels::lifecycle(standing.lifecycle))).strong());
                if let Some(avg) = standing.average_order_cents {
                    let text = fill(
                        cx.t(Key::AvgOrder),
                        &[
                            ("amount", &format_yuan(avg)),
                            ("n", &standing.orders.to_string()),
                        ],
                    );
                    ui.label(RichText::new(text).color(theme::muted(ui.visuals())));
                }
            });
        }
        let open = self
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Open)
            .count();
        let title = fill(
            cx.t(Key::FuDetailSection),
            &[
                ("open", &open.to_string()),
                ("orders", &self.purchases.len().to_string()),
            ],
        );
        // Folded by default so the notes stay in view; egui remembers it once opened.
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt("detail_followups")
            .default_open(false)
            .show(ui, |ui| {
                self.tasks_ui(ui, cx);
                ui.add_space(theme::SECTION_GAP);
                self.purchases_ui(ui, cx);
            });
    }

    fn tasks_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.label(RichText::new(cx.t(Key::DetailFollowups)).strong());
        ui.horizontal(|ui| {
            let options: Vec<(i64, &str)> = self
                .journeys
                .iter()
                .map(|j| (j.id, j.name.as_str()))
                .collect();
            labels::optional_choice_ui(
                ui,
                "detail_journey",
                cx.t(Key::FuJourney),
                "—",
                &mut self.journey_id,
                &options,
            );
            let journey = self.journeys.iter().find(|j| Some(j.id) == self.journey_id);
            let custom_date = if journey.is_some_and(Journey::needs_custom_date) {
                ui.label(cx.t(Key::FuCustomDate));
                labels::date_ui(ui, "detail_custom_date", &mut self.custom_date);
                Some(self.custom_date)
            } else {
                None
            };
            if ui.button(cx.t(Key::FuEnrol)).clicked()
                && let Some(journey_id) = self.journey_id
            {
                cx.commands.push(Command::Followup(FollowupCommand::Enrol {
                    journey_id,
                    customers: vec![self.customer_id],
                    custom_date,
                }));
            }
        });
        if self.tasks.is_empty() {
            ui.label(RichText::new(cx.t(Key::NoTasks)).color(theme::muted(ui.visuals())));
        }
        for task in &self.tasks {
            ui.horizontal_wrapped(|ui| {
                let (status, colour) = match task.status {
                    TaskStatus::Open => (
                        fill(cx.t(Key::FuDue), &[("day", &task.due.to_string())]),
                        theme::accent(ui.visuals()),
                    ),
                    TaskStatus::Done => (
                        task.outcome
                            .map(|o| cx.t(labels::outcome(o)))
                            .unwrap_or(cx.t(Key::TaskDone))
                            .to_string(),
                        theme::muted(ui.visuals()),
                    ),
                    TaskStatus::Skipped => (
                        cx.t(Key::TaskSkipped).to_string(),
                        theme::muted(ui.visuals()),
                    ),
                };
                ui.label(RichText::new(status).small().color(colour));
                ui.label(format!("{} · {}", task.journey, task.step));
            });
        }
    }

    fn purchases_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        ui.label(RichText::new(cx.t(Key::DetailPurchases)).strong());
        ui.horizontal_wrapped(|ui| {
            labels::date_ui(ui, "purchase_day", &mut self.day);
            let label = ui.label(cx.t(Key::PurchaseAmount));
            ui.add(egui::TextEdit::singleline(&mut self.amount).desired_width(70.0))
                .labelled_by(label.id);
            let label = ui.label(cx.t(Key::PurchaseItems));
            ui.add(egui::TextEdit::singleline(&mut self.items).desired_width(120.0))
                .labelled_by(label.id);
            ui.checkbox(&mut self.discounted, cx.t(Key::PurchaseDiscounted));
            if ui.button(cx.t(Key::PurchaseAdd)).clicked() {
                match parse_yuan(&self.amount) {
                    Some(amount_cents) => {
                        cx.commands
                            .push(Command::Followup(FollowupCommand::AddPurchase {
                                customer_id: self.customer_id,
                                day: self.day,
                                amount_cents,
                                items: std::mem::take(&mut self.items),
                                discounted: self.discounted,
                            }));
                        self.amount.clear();
                        self.amount_invalid = false;
                    }
                    None => self.amount_invalid = true,
                }
            }
        });
        if self.amount_invalid {
            ui.colored_label(theme::danger(ui.visuals()), cx.t(Key::PurchaseInvalid));
        }
        if self.purchases.is_empty() {
            ui.label(RichText::new(cx.t(Key::NoPurchases)).color(theme::muted(ui.visuals())));
        }
        for p in &self.purchases {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(p.at.display_day())
                        .small()
                        .color(theme::muted(ui.visuals())),
                );
                ui.label(format!("¥{}", format_yuan(p.amount_cents)));
                ui.label(&p.items);
                if p.discounted {
                    ui.label(RichText::new(cx.t(Key::PurchaseDiscounted)).small());
                }
            });
        }
    }
}
