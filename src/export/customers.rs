//! Exporting customers: CSV in the shape of a WeCom customer list (one row per customer per
//! adding staff member, Chinese headers the importer maps by itself) and JSON.

use std::io::Write;

use serde::Serialize;

use super::cells::{UTF8_BOM, neutralise_formula};
use crate::domain::customer::{CustomerExport, Gender};

/// The CSV header: the names WeCom uses, so importing an export maps every column automatically.
pub const CSV_HEADER: [&str; 11] = [
    "客户名称",
    "客户备注",
    "描述",
    "性别",
    "添加人",
    "添加时间",
    "来源",
    "企业标签",
    "手机",
    "企业",
    "external_userid",
];

fn gender_text(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "男",
        Gender::Female => "女",
        Gender::Unknown => "未知",
    }
}

/// Writes customers as CSV; returns how many data rows were written.
pub struct CsvExporter<W: Write> {
    writer: csv::Writer<W>,
    rows: usize,
}

impl<W: Write> CsvExporter<W> {
    /// Writes the BOM and the header.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(UTF8_BOM)?;
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(CSV_HEADER)?;
        Ok(Self { writer, rows: 0 })
    }

    /// Writes one customer: a row per adding staff member (one row when there is none).
    pub fn write(&mut self, c: &CustomerExport) -> std::io::Result<()> {
        let tags: Vec<&str> = c.tags.iter().map(|t| t.name.as_str()).collect();
        let tags = tags.join(",");
        let staff: Vec<(&str, String)> = if c.staff.is_empty() {
            vec![(
                "",
                c.customer
                    .added_at
                    .map(|s| s.to_datetime().format("%Y-%m-%d %H:%M:%S").to_string())
                    .unwrap_or_default(),
            )]
        } else {
            c.staff
                .iter()
                .map(|(name, at)| {
                    let at = at.or(c.customer.added_at);
                    (
                        name.as_str(),
                        at.map(|s| s.to_datetime().format("%Y-%m-%d %H:%M:%S").to_string())
                            .unwrap_or_default(),
                    )
                })
                .collect()
        };
        for (staff_name, added) in staff {
            let record = [
                c.customer.name.as_str(),
                &c.customer.remark,
                &c.customer.description,
                gender_text(c.customer.gender),
                staff_name,
                &added,
                &c.customer.source,
                &tags,
                c.customer.phone.as_deref().unwrap_or(""),
                &c.customer.corp,
                c.customer.external_id.as_deref().unwrap_or(""),
            ];
            self.writer
                .write_record(record.iter().map(|cell| neutralise_formula(cell)))?;
            self.rows += 1;
        }
        Ok(())
    }

    /// Flushes; returns the number of rows written.
    pub fn finish(mut self) -> std::io::Result<usize> {
        self.writer.flush()?;
        Ok(self.rows)
    }
}

/// One customer in the JSON export.
#[derive(Debug, Serialize)]
pub struct CustomerJson<'a> {
    pub name: &'a str,
    pub remark: &'a str,
    pub phone: Option<&'a str>,
    /// 微信号.
    pub wechat_id: Option<&'a str>,
    /// WeChat's internal id.
    pub wxid: Option<&'a str>,
    pub external_id: Option<&'a str>,
    pub staff: Vec<&'a str>,
    /// RFC 3339 with the original offset, e.g. `2024-03-05T14:02:11+08:00`.
    pub added_at: Option<String>,
    /// `{"group": "学员等级", "name": "VIP"}` (`""` for a tag outside any group).
    pub tags: &'a [crate::domain::tag::TagRef],
    pub purchases: &'a [crate::domain::customer::ExportedPurchase],
    pub description: &'a str,
    pub source: &'a str,
    pub corp: &'a str,
    /// `male`, `female` or `unknown`.
    pub gender: &'static str,
}

impl<'a> CustomerJson<'a> {
    /// The JSON shape of one exported customer.
    pub fn from_export(c: &'a CustomerExport) -> Self {
        Self {
            name: &c.customer.name,
            remark: &c.customer.remark,
            phone: c.customer.phone.as_deref(),
            wechat_id: c.customer.wechat_id.as_deref(),
            wxid: c.customer.wxid.as_deref(),
            external_id: c.customer.external_id.as_deref(),
            staff: c.staff.iter().map(|(name, _)| name.as_str()).collect(),
            added_at: c.customer.added_at.map(|s| s.to_datetime().to_rfc3339()),
            tags: &c.tags,
            purchases: &c.purchases,
            description: &c.customer.description,
            source: &c.customer.source,
            corp: &c.customer.corp,
            gender: c.customer.gender.key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::Customer;
    use crate::domain::time::Stamp;

    fn sample() -> CustomerExport {
        CustomerExport {
            customer: Customer {
                name: "=王昇".into(),
                remark: "王总".into(),
                phone: Some("13800123456".into()),
                gender: Gender::Male,
                added_at: Some(Stamp {
                    unix_s: 1_706_091_809,
                    offset_min: 480,
                }),
                ..Customer::default()
            },
            staff: vec![
                ("林晓雯".into(), None),
                (
                    "王浩然".into(),
                    Some(Stamp {
                        unix_s: 1_706_100_000,
                        offset_min: 480,
                    }),
                ),
            ],
            tags: vec!["普洱".into(), "老客".into()],
            purchases: Vec::new(),
        }
    }

    #[test]
    fn csv_has_bom_header_one_row_per_staff_and_safe_cells() {
        let mut out = Vec::new();
        let mut exporter = CsvExporter::new(&mut out).unwrap();
        exporter.write(&sample()).unwrap();
        assert_eq!(exporter.finish().unwrap(), 2);
        assert!(out.starts_with(UTF8_BOM));
        let text = String::from_utf8(out[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("客户名称,客户备注"));
        assert!(lines[1].starts_with("'=王昇,王总"));
        assert!(lines[1].contains("林晓雯,2024-01-24 18:23:29"));
        assert!(lines[2].contains("王浩然"));
        assert!(lines[1].contains("\"普洱,老客\""));
    }

    #[test]
    fn json_keeps_the_offset() {
        let c = sample();
        let json = serde_json::to_string(&CustomerJson::from_export(&c)).unwrap();
        assert!(
            json.contains("\"added_at\":\"2024-01-24T18:23:29+08:00\""),
            "{json}"
        );
        assert!(json.contains("\"staff\":[\"林晓雯\",\"王浩然\"]"));
        assert!(json.contains("\"gender\":\"male\""));
    }
}
