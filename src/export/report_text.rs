//! The weekly report's words in Chinese and English. The report is a document written outside the
//! window (also by the command line), so its wording lives with it rather than in `gui::i18n`.

use crate::domain::health::Alert;

/// Which language the report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportLang {
    #[default]
    Zh,
    En,
}

/// Every phrase of the report.
pub struct Texts {
    pub title: &'static str,
    pub week: &'static str,
    pub summary: &'static str,
    pub new_customers: &'static str,
    pub orders: &'static str,
    pub amount: &'static str,
    pub avg_order: &'static str,
    pub buyers: &'static str,
    pub groups: &'static str,
    pub col_group: &'static str,
    pub col_members: &'static str,
    pub col_net: &'static str,
    pub col_interaction: &'static str,
    pub col_leave: &'static str,
    pub col_conversion: &'static str,
    pub col_trend: &'static str,
    pub col_alerts: &'static str,
    pub no_alerts: &'static str,
    pub no_groups: &'static str,
    pub content: &'static str,
    pub planned: &'static str,
    pub sent: &'static str,
    pub not_sent: &'static str,
    pub skipped: &'static str,
    pub koc: &'static str,
    pub no_koc: &'static str,
    pub contributions: &'static str,
    pub followups: &'static str,
    pub done: &'static str,
    pub overdue: &'static str,
    pub service: &'static str,
    pub no_chat: &'static str,
    pub questions: &'static str,
    pub in_time: &'static str,
    pub median: &'static str,
    pub late: &'static str,
    pub unanswered: &'static str,
    pub minutes: &'static str,
    pub footer: &'static str,
}

const ZH: Texts = Texts {
    title: "社群周报",
    week: "{from} 至 {to}",
    summary: "本周概览",
    new_customers: "新增客户",
    orders: "订单",
    amount: "成交额（元）",
    avg_order: "客单价（元）",
    buyers: "下单客户",
    groups: "社群健康",
    col_group: "群",
    col_members: "成员",
    col_net: "净增",
    col_interaction: "互动率",
    col_leave: "退群率",
    col_conversion: "转化率",
    col_trend: "每日消息",
    col_alerts: "预警",
    no_alerts: "无",
    no_groups: "本周没有社群数据。",
    content: "内容：计划与发送",
    planned: "计划",
    sent: "已发",
    not_sent: "未发",
    skipped: "跳过",
    koc: "KOC 贡献榜",
    no_koc: "本周没有记录贡献。",
    contributions: "次贡献",
    followups: "跟进",
    done: "已完成",
    overdue: "到期未完成",
    service: "客户提问与回复",
    no_chat: "没有导入群聊记录，无法统计回复情况。",
    questions: "提问",
    in_time: "按时回复",
    median: "首次回复中位",
    late: "超时",
    unanswered: "未回复",
    minutes: "分钟",
    footer: "由 群主 Qunzhu 生成，数据来自本机数据文件。",
};

const EN: Texts = Texts {
    title: "Community weekly report",
    week: "{from} to {to}",
    summary: "The week at a glance",
    new_customers: "New customers",
    orders: "Orders",
    amount: "Sales (yuan)",
    avg_order: "Average order (yuan)",
    buyers: "Buyers",
    groups: "Group health",
    col_group: "Group",
    col_members: "Members",
    col_net: "Net",
    col_interaction: "Interaction",
    col_leave: "Leave rate",
    col_conversion: "Conversion",
    col_trend: "Messages per day",
    col_alerts: "Alerts",
    no_alerts: "none",
    no_groups: "No group data this week.",
    content: "Content: planned and sent",
    planned: "Planned",
    sent: "Sent",
    not_sent: "Not sent",
    skipped: "Skipped",
    koc: "KOC contributors",
    no_koc: "No contributions recorded this week.",
    contributions: "contributions",
    followups: "Follow-ups",
    done: "Done",
    overdue: "Due and not done",
    service: "Customers' questions and replies",
    no_chat: "No chat history imported, so replies cannot be measured.",
    questions: "Questions",
    in_time: "Answered in time",
    median: "Median first reply",
    late: "Late",
    unanswered: "Unanswered",
    minutes: "min",
    footer: "Made by Qunzhu from the local data file.",
};

impl Texts {
    /// The group table's columns of figures, the group's name first.
    pub fn figure_columns(&self) -> [&'static str; 6] {
        [
            self.col_group,
            self.col_members,
            self.col_net,
            self.col_interaction,
            self.col_leave,
            self.col_conversion,
        ]
    }
}

impl ReportLang {
    pub fn texts(self) -> &'static Texts {
        match self {
            ReportLang::Zh => &ZH,
            ReportLang::En => &EN,
        }
    }

    /// An alert in words.
    pub fn alert(self, alert: &Alert) -> String {
        let pct = |v: f64| format!("{:.1}%", v * 100.0);
        match (self, alert) {
            (ReportLang::Zh, Alert::HighLeaveRate { rate, threshold }) => {
                format!("新群 7 天退群率 {}，高于 {}", pct(*rate), pct(*threshold))
            }
            (ReportLang::En, Alert::HighLeaveRate { rate, threshold }) => format!(
                "New group: 7-day leave rate {}, above {}",
                pct(*rate),
                pct(*threshold)
            ),
            (ReportLang::Zh, Alert::LowInteraction { days, threshold }) => {
                format!("互动率连续 {days} 天低于 {}", pct(*threshold))
            }
            (ReportLang::En, Alert::LowInteraction { days, threshold }) => {
                format!("Interaction under {} for {days} days", pct(*threshold))
            }
            (ReportLang::Zh, Alert::Silent { days }) => format!("连续 {days} 天没有消息"),
            (ReportLang::En, Alert::Silent { days }) => format!("No messages for {days} days"),
        }
    }
}
