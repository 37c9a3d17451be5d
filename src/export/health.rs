//! A group's daily numbers with every rate as CSV (UTF-8 with BOM, formula cells neutralised),
//! and chart pictures as PNG.

use std::io::Write;
use std::path::Path;

use super::cells::{UTF8_BOM, neutralise_formula};
use crate::domain::health::DayRow;

/// The CSV header: the same keys as `qunzhu health --json`.
pub const HEADERS: [&str; 22] = [
    "group_id",
    "group",
    "day",
    "members",
    "joins",
    "leaves",
    "speakers",
    "messages",
    "exposure",
    "orders",
    "ordering_members",
    "order_amount_cents",
    "cost_cents",
    "start_members",
    "net_growth",
    "join_rate",
    "leave_rate",
    "interaction_rate",
    "messages_per_member",
    "conversion_rate",
    "avg_order_value",
    "roi",
];

fn int(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn real(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.6}")).unwrap_or_default()
}

/// The cells of one row, in [`HEADERS`] order; undefined values are empty.
pub fn cells(r: &DayRow) -> Vec<String> {
    let x = &r.rates;
    let s = &r.stats;
    vec![
        r.group_id.to_string(),
        r.group.clone(),
        s.day.to_string(),
        int(s.members),
        int(s.joins),
        int(s.leaves),
        int(s.speakers),
        int(s.messages),
        int(s.exposure),
        int(s.orders),
        int(s.ordering_members),
        int(s.order_amount_cents),
        int(s.cost_cents),
        int(x.start_members),
        int(x.net_growth),
        real(x.join_rate),
        real(x.leave_rate),
        real(x.interaction_rate),
        real(x.messages_per_member),
        real(x.conversion_rate),
        real(x.avg_order_value),
        real(x.roi),
    ]
}

/// Writes the rows as CSV.
pub fn write_day_rows(path: &Path, rows: &[DayRow]) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(UTF8_BOM)?;
    let mut writer = csv::Writer::from_writer(file);
    writer.write_record(HEADERS)?;
    for row in rows {
        writer.write_record(cells(row).iter().map(|c| neutralise_formula(c)))?;
    }
    writer.flush()
}

/// Writes RGBA pixels (`width` × `height`) as a PNG file.
pub fn write_png(path: &Path, width: u32, height: u32, rgba: &[u8]) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer
        .write_image_data(rgba)
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::health::{DayStats, day_rows};

    #[test]
    fn csv_has_every_rate_and_neutralised_names() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let stats = DayStats {
            members: Some(100),
            speakers: Some(5),
            ..DayStats::empty(day)
        };
        let rows = day_rows(7, "=HYPERLINK(1)", &[stats], day);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.csv");
        write_day_rows(&path, &rows).unwrap();
        let text = String::from_utf8(std::fs::read(&path).unwrap()[3..].to_vec()).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), HEADERS.join(","));
        let row = lines.next().unwrap();
        assert!(row.starts_with("7,'=HYPERLINK(1),2024-03-01,100,"), "{row}");
        assert!(row.contains(",0.050000,"), "{row}");
    }

    #[test]
    fn png_round_trips_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.png");
        write_png(&path, 2, 1, &[255, 0, 0, 255, 0, 255, 0, 255]).unwrap();
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (2, 1));
    }
}
