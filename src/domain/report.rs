//! The weekly report (周报) a manager sends the boss: plain figures of one Monday–Sunday week,
//! gathered by `store::report` and written as Markdown, HTML or PNG by `export::report`.

use chrono::NaiveDate;

use crate::domain::health::Alert;
use crate::domain::questions::ServiceSummary;

/// One group's week.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupWeek {
    pub name: String,
    /// Members on the last known day of the week.
    pub members: Option<i64>,
    pub net_growth: Option<i64>,
    pub interaction_rate: Option<f64>,
    pub leave_rate: Option<f64>,
    pub conversion_rate: Option<f64>,
    /// Members per day, Monday first (`None` where the day is unknown): the small chart.
    pub members_by_day: Vec<Option<i64>>,
    /// Messages per day, Monday first.
    pub messages_by_day: Vec<Option<i64>>,
    pub alerts: Vec<Alert>,
    /// Customers' questions and the team's answers, where chat history was imported.
    pub service: Option<ServiceSummary>,
}

/// Content items of the week by what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentWeek {
    pub planned: usize,
    pub sent: usize,
    pub skipped: usize,
    /// Planned or ready, not sent by the end of the week.
    pub not_sent: usize,
}

/// A KOC's contributions in the week.
#[derive(Debug, Clone, PartialEq)]
pub struct Contributor {
    pub name: String,
    pub contributions: u32,
    pub amount_cents: i64,
}

/// Orders placed in the week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SalesWeek {
    pub orders: i64,
    pub buyers: i64,
    pub amount_cents: i64,
}

impl SalesWeek {
    /// 客单价: amount per order, in cents.
    pub fn average_order_cents(&self) -> Option<i64> {
        (self.orders > 0).then(|| self.amount_cents / self.orders)
    }
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyReport {
    pub monday: NaiveDate,
    pub groups: Vec<GroupWeek>,
    pub content: ContentWeek,
    pub contributors: Vec<Contributor>,
    pub followups_done: i64,
    /// Open follow-ups due on or before Sunday.
    pub followups_overdue: i64,
    pub new_customers: usize,
    pub sales: SalesWeek,
    /// Every group's questions taken together (median over all of them).
    pub service: Option<ServiceSummary>,
}

impl WeeklyReport {
    pub fn sunday(&self) -> NaiveDate {
        self.monday + chrono::Duration::days(6)
    }
}
