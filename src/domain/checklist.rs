//! The follow-up checklist as plain data: one task with what the screen and the CLI show, and the
//! grouping of a bucket's tasks by customer.

use chrono::NaiveDate;
use serde::Serialize;

use super::followup::{Bucket, Channel, TaskOutcome, TaskStatus, fill_script, salutation};

/// One follow-up task with its customer, journey and step, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskView {
    pub id: i64,
    pub customer_id: i64,
    /// How the customer is addressed: the remark name, else the WeChat name.
    pub customer: String,
    pub journey: String,
    pub step: String,
    pub channel: Channel,
    pub due: NaiveDate,
    pub status: TaskStatus,
    pub outcome: Option<TaskOutcome>,
    pub note: String,
    /// The step's script with placeholders still in it.
    pub script_template: String,
    /// The items of the customer's latest purchase ('' without one).
    pub items: String,
    /// When it was done or skipped (unix seconds).
    pub done_at: Option<i64>,
}

impl TaskView {
    /// The script with `{称呼}` (the salutation) and `{商品}` filled in.
    pub fn script(&self, fallback_items: &str) -> String {
        fill_script(
            &self.script_template,
            salutation(&self.customer),
            &self.items,
            fallback_items,
        )
    }
}

/// The tasks of one customer within a bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerTasks {
    pub customer_id: i64,
    pub customer: String,
    pub tasks: Vec<TaskView>,
}

/// Groups tasks by customer, customers in the order their first task appears (tasks come sorted
/// by due day, so the customer with the most overdue task leads).
pub fn group_by_customer(tasks: Vec<TaskView>) -> Vec<CustomerTasks> {
    let mut groups: Vec<CustomerTasks> = Vec::new();
    let mut index: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for task in tasks {
        match index.get(&task.customer_id) {
            Some(&i) => groups[i].tasks.push(task),
            None => {
                index.insert(task.customer_id, groups.len());
                groups.push(CustomerTasks {
                    customer_id: task.customer_id,
                    customer: task.customer.clone(),
                    tasks: vec![task],
                });
            }
        }
    }
    groups
}

/// The checklist on one day: how many open tasks each bucket holds, and the first of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checklist {
    pub today: Option<NaiveDate>,
    pub overdue: Vec<TaskView>,
    pub due_today: Vec<TaskView>,
    pub upcoming: Vec<TaskView>,
    /// Totals per bucket (the lists may be cut to a limit).
    pub overdue_total: i64,
    pub today_total: i64,
    pub upcoming_total: i64,
}

impl Checklist {
    /// The tasks and total of one bucket.
    pub fn bucket(&self, bucket: Bucket) -> (&[TaskView], i64) {
        match bucket {
            Bucket::Overdue => (&self.overdue, self.overdue_total),
            Bucket::Today => (&self.due_today, self.today_total),
            Bucket::Upcoming => (&self.upcoming, self.upcoming_total),
        }
    }
}

/// A task as `qunzhu followups --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskJson {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub journey: String,
    pub step: String,
    pub channel: &'static str,
    pub due: String,
    pub script: String,
}

impl From<&TaskView> for TaskJson {
    fn from(t: &TaskView) -> Self {
        Self {
            id: t.id,
            customer_id: t.customer_id,
            customer: t.customer.clone(),
            journey: t.journey.clone(),
            step: t.step.clone(),
            channel: t.channel.key(),
            due: t.due.to_string(),
            script: t.script(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: i64, customer_id: i64, customer: &str) -> TaskView {
        TaskView {
            id,
            customer_id,
            customer: customer.into(),
            journey: "新客培育".into(),
            step: "欢迎".into(),
            channel: Channel::PrivateChat,
            due: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            status: TaskStatus::Open,
            outcome: None,
            note: String::new(),
            script_template: "{称呼}您好，{商品}".into(),
            items: String::new(),
            done_at: None,
        }
    }

    #[test]
    fn tasks_group_by_customer_in_first_seen_order() {
        let groups = group_by_customer(vec![
            task(1, 7, "王姐"),
            task(2, 3, "李哥"),
            task(3, 7, "王姐"),
        ]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].customer, "王姐");
        let ids: Vec<i64> = groups[0].tasks.iter().map(|t| t.id).collect();
        assert_eq!(ids, vec![1, 3]);
        assert_eq!(groups[1].tasks[0].id, 2);
    }

    #[test]
    fn json_carries_the_filled_script() {
        let mut t = task(1, 7, "王姐");
        t.items = "白茶饼".into();
        let json = TaskJson::from(&t);
        assert_eq!(json.script, "王姐您好，白茶饼");
        assert_eq!(json.due, "2024-01-01");
        assert_eq!(json.channel, "private_chat");
    }
}
