//! A week's content plan as CSV (UTF-8 with BOM, formula cells neutralised, for Excel / WPS) and as
//! Markdown for pasting into a team chat. Labels come from the caller, in the interface language.

use std::io::Write;

use chrono::{Datelike, NaiveDate};

use super::cells::{UTF8_BOM, neutralise_formula};
use crate::domain::content::{ItemStatus, PlanRow, format_time};

/// The words an export uses, in the caller's language.
#[derive(Debug, Clone, Copy)]
pub struct PlanLabels<'a> {
    /// 日期, 时间, 社群, 栏目, 标题, 正文, 状态, 备注
    pub headers: [&'a str; 8],
    /// In `ItemStatus::ALL` order.
    pub statuses: [&'a str; 4],
    /// Monday first.
    pub weekdays: [&'a str; 7],
    /// The Markdown heading, with `{from}` and `{to}`.
    pub title: &'a str,
}

impl PlanLabels<'_> {
    fn status(&self, status: ItemStatus) -> &str {
        let index = ItemStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        self.statuses[index]
    }

    fn weekday(&self, day: NaiveDate) -> &str {
        self.weekdays[day.weekday().num_days_from_monday() as usize]
    }
}

/// Writes `rows` as CSV to `out`.
pub fn write_csv(
    out: impl Write,
    rows: &[PlanRow],
    labels: &PlanLabels<'_>,
) -> std::io::Result<()> {
    let mut out = out;
    out.write_all(UTF8_BOM)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(labels.headers)?;
    for row in rows {
        let cells = [
            row.day.to_string(),
            format_time(row.time),
            row.group.clone(),
            row.column.clone(),
            row.title.clone(),
            row.body.clone(),
            labels.status(row.status).to_string(),
            row.notes.clone(),
        ];
        writer.write_record(cells.iter().map(|c| neutralise_formula(c)))?;
    }
    writer.flush()?;
    Ok(())
}

/// The plan as Markdown: a heading, one section per day, one line per item (the body quoted
/// under it), so a teammate sees who posts what when.
pub fn markdown(
    rows: &[PlanRow],
    from: NaiveDate,
    to: NaiveDate,
    labels: &PlanLabels<'_>,
) -> String {
    let mut text = format!(
        "# {}\n",
        labels
            .title
            .replace("{from}", &from.to_string())
            .replace("{to}", &to.to_string())
    );
    let mut current: Option<NaiveDate> = None;
    for row in rows {
        if current != Some(row.day) {
            current = Some(row.day);
            text.push_str(&format!(
                "\n## {} {}\n\n",
                labels.weekday(row.day),
                row.day.format("%m-%d")
            ));
        }
        let title = if row.title.is_empty() {
            &row.column
        } else {
            &row.title
        };
        text.push_str(&format!(
            "- **{}** {} · {} · {} ({})\n",
            format_time(row.time),
            escape(&row.group),
            escape(&row.column),
            escape(title),
            labels.status(row.status)
        ));
        for line in row.body.lines().filter(|l| !l.trim().is_empty()) {
            text.push_str(&format!("  > {}\n", line.trim_end()));
        }
    }
    text
}

/// Keeps names from turning into Markdown formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::parse_time;

    const LABELS: PlanLabels<'static> = PlanLabels {
        headers: [
            "日期", "时间", "社群", "栏目", "标题", "正文", "状态", "备注",
        ],
        statuses: ["计划", "就绪", "已发", "跳过"],
        weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        title: "内容计划 {from} 至 {to}",
    };

    fn row(
        day: u32,
        time: &str,
        group: &str,
        title: &str,
        body: &str,
        status: ItemStatus,
    ) -> PlanRow {
        PlanRow {
            day: NaiveDate::from_ymd_opt(2024, 3, day).unwrap(),
            time: parse_time(time).unwrap(),
            group: group.into(),
            column: "每日好物".into(),
            title: title.into(),
            body: body.into(),
            status,
            notes: String::new(),
        }
    }

    #[test]
    fn csv_has_a_bom_a_header_and_neutralised_cells() {
        let rows = vec![
            row(
                4,
                "07:30",
                "白茶品鉴1群",
                "早打卡",
                "=HYPERLINK(\"x\")",
                ItemStatus::Sent,
            ),
            row(
                5,
                "12:00",
                "宝妈茶话会",
                "午分享",
                "第一行\n第二行",
                ItemStatus::Planned,
            ),
        ];
        let mut out = Vec::new();
        write_csv(&mut out, &rows, &LABELS).unwrap();
        assert!(out.starts_with(UTF8_BOM));
        let text = String::from_utf8(out[UTF8_BOM.len()..].to_vec()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers[0], "日期");
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(records.len(), 2);
        assert_eq!(&records[0][0], "2024-03-04");
        assert_eq!(&records[0][5], "'=HYPERLINK(\"x\")");
        assert_eq!(&records[0][6], "已发");
        assert_eq!(&records[1][5], "第一行\n第二行");
    }

    #[test]
    fn markdown_groups_by_day_and_quotes_bodies() {
        let rows = vec![
            row(
                4,
                "07:30",
                "白茶*品鉴*群",
                "早打卡",
                "大家早上好\n\n今天喝白茶",
                ItemStatus::Ready,
            ),
            row(4, "12:00", "宝妈茶话会", "", "", ItemStatus::Planned),
            row(5, "07:30", "宝妈茶话会", "早打卡", "", ItemStatus::Sent),
        ];
        let from = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
        let to = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
        let md = markdown(&rows, from, to, &LABELS);
        let expected = "# 内容计划 2024-03-04 至 2024-03-10\n\
            \n## 周一 03-04\n\n\
            - **07:30** 白茶\\*品鉴\\*群 · 每日好物 · 早打卡 (就绪)\n  > 大家早上好\n  > 今天喝白茶\n\
            - **12:00** 宝妈茶话会 · 每日好物 · 每日好物 (计划)\n\
            \n## 周二 03-05\n\n\
            - **07:30** 宝妈茶话会 · 每日好物 · 早打卡 (已发)\n";
        assert_eq!(md, expected);
    }
}
