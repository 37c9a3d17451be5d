//! Writes a CSV file's rows as an xlsx workbook the way spreadsheet programs and the WeCom admin
//! console do: one sheet, every text in the shared-strings table, cells referenced `A1`-style.
//! Streams the sheet into the zip row by row; only the shared strings are held.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户列表" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap()
}

/// Writes the rows of `csv` (header included) to `xlsx`.
pub fn csv_to_xlsx(csv: &Path, xlsx: &Path) {
    let mut strings: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(
        std::fs::File::create(xlsx).unwrap(),
    ));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    )
    .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(csv)
        .unwrap();
    let mut line = String::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let n = row + 1;
        line.clear();
        line.push_str(&format!(r#"<row r="{n}">"#));
        for (col, cell) in record.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let index = *strings.entry(cell.to_string()).or_insert_with(|| {
                order.push(cell.to_string());
                order.len() - 1
            });
            let r = column_letters(col);
            line.push_str(&format!(r#"<c r="{r}{n}" t="s"><v>{index}</v></c>"#));
        }
        line.push_str("</row>");
        zip.write_all(line.as_bytes()).unwrap();
    }
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let count = order.len();
    zip.write_all(
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">"#
        )
        .as_bytes(),
    )
    .unwrap();
    for text in &order {
        zip.write_all(
            format!(r#"<si><t xml:space="preserve">{}</t></si>"#, escape(text)).as_bytes(),
        )
        .unwrap();
    }
    zip.write_all(b"</sst>").unwrap();
    zip.finish().unwrap().flush().unwrap();
}
