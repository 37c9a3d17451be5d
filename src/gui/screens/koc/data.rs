//! What the KOC screen reads once per change: roles, the board, the leaderboard and candidates
//! for the chosen period, coverage and the groups to choose from.

use chrono::{Duration, NaiveDate};

use crate::domain::customer::GroupRef;
use crate::domain::koc::Role;
use crate::store::koc_views::{self, Candidate, Coverage, Holder, Leader};
use crate::store::{self, Store, groups, koc};

/// How many candidates and leaders are listed.
const LIST_LIMIT: usize = 50;

/// The screen's read cache.
pub struct KocData {
    pub today: NaiveDate,
    pub from: NaiveDate,
    pub roles: Vec<Role>,
    pub holders: Vec<Holder>,
    pub leaders: Vec<Leader>,
    pub candidates: Vec<Candidate>,
    pub coverage: Vec<Coverage>,
    pub coverage_target: u32,
    pub groups: Vec<GroupRef>,
}

impl KocData {
    /// Reads everything for `today`, with the leaderboard and candidates over `period_days`.
    pub fn load(store: &Store, today: NaiveDate, period_days: i64) -> store::Result<Self> {
        let conn = store.conn();
        let from = today - Duration::days(period_days - 1);
        Ok(Self {
            today,
            from,
            roles: koc::roles(conn)?,
            holders: koc_views::board(conn, today)?,
            leaders: koc_views::leaderboard(conn, from, today, LIST_LIMIT)?,
            candidates: koc_views::candidates(conn, from, today, LIST_LIMIT)?,
            coverage: koc_views::coverage(conn)?,
            coverage_target: koc::coverage_target(conn)?,
            groups: groups::list_active(conn)?,
        })
    }

    /// A role's name.
    pub fn role_name(&self, id: i64) -> &str {
        self.roles
            .iter()
            .find(|r| r.id == id)
            .map_or("", |r| r.name.as_str())
    }

    /// (id, name) pairs for choice widgets.
    pub fn role_options(&self) -> Vec<(i64, &str)> {
        self.roles.iter().map(|r| (r.id, r.name.as_str())).collect()
    }

    /// (id, name) pairs for choice widgets.
    pub fn group_options(&self) -> Vec<(i64, &str)> {
        self.groups
            .iter()
            .map(|g| (g.id, g.name.as_str()))
            .collect()
    }
}
