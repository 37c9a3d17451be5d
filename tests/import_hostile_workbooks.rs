//! Workbooks built to hurt: a lone cell at XFD1048576, a part that unpacks to gigabytes, a zip
//! that is no workbook, a password-protected file. Each ends at once with a clear error (or, for
//! a far-away *empty* cell, imports normally), never an abort.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::io::{Cursor, Write};

use qunzhu::import::{detect_bytes, open_rows_from_bytes};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"#;

/// An xlsx whose one sheet holds `rows` (inline strings, `r` references as given).
fn xlsx(rows: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet.as_str()),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn cell(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn header_and_one_row() -> String {
    format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row>"#,
        cell("A1", "客户名称"),
        cell("B1", "手机"),
        cell("A2", "王芳"),
        cell("B2", "13800138001")
    )
}

#[test]
fn a_far_away_empty_cell_costs_nothing() {
    let rows = format!(
        r#"{}<row r="1048576"><c r="XFD1048576"/></row>"#,
        header_and_one_row()
    );
    let bytes = xlsx(&rows);
    let detection = detect_bytes(&bytes, "far.xlsx").unwrap();
    assert_eq!(detection.headers, ["客户名称", "手机"]);
    let rows: Vec<_> = open_rows_from_bytes(bytes, &detection)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].cells, ["王芳", "13800138001"]);
}

#[test]
fn a_value_at_xfd1048576_is_too_many_columns_not_an_abort() {
    let rows = format!(
        r#"{}<row r="1048576">{}</row>"#,
        header_and_one_row(),
        cell("XFD1048576", "x")
    );
    let bytes = xlsx(&rows);
    // Detection reads the first rows, so it meets the far cell itself.
    let err = detect_bytes(&bytes, "far.xlsx").unwrap_err();
    assert_eq!(err.code(), "too_many_columns");
    assert_eq!(err.row(), Some(1_048_576));
    // Further down a long sheet, streaming meets it.
    let mut rows = header_and_one_row();
    for r in 3..40 {
        rows.push_str(&format!(
            r#"<row r="{r}">{}</row>"#,
            cell(&format!("A{r}"), "李")
        ));
    }
    rows.push_str(&format!(
        r#"<row r="1048576">{}</row>"#,
        cell("XFD1048576", "x")
    ));
    let bytes = xlsx(&rows);
    let detection = detect_bytes(&bytes, "far.xlsx").unwrap();
    let err = open_rows_from_bytes(bytes, &detection)
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert_eq!(err.code(), "too_many_columns");
    assert_eq!(err.row(), Some(1_048_576));
}

#[test]
fn a_part_declared_larger_than_the_bound_is_refused_before_unpacking() {
    // A stored (uncompressed) part just over the bound: its size is in the zip directory.
    let big = vec![b' '; (qunzhu::import::xlsx::MAX_PART_BYTES + 1) as usize];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    zip.start_file("xl/sharedStrings.xml", stored).unwrap();
    zip.write_all(&big).unwrap();
    zip.start_file("xl/workbook.xml", stored).unwrap();
    zip.write_all(WORKBOOK.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = detect_bytes(&bytes, "bomb.xlsx").unwrap_err();
    assert_eq!(err.code(), "workbook_too_large", "{err}");
}

#[test]
fn a_zip_that_is_no_workbook_says_so() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("photo.jpg", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"\xFF\xD8\xFF").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = detect_bytes(&bytes, "客户.xlsx").unwrap_err();
    assert_eq!(err.code(), "binary_not_text");
    assert!(err.to_string().contains("zip archive"), "{err}");
}

#[test]
fn a_password_protected_workbook_says_so() {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(1024, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    let err = detect_bytes(&bytes, "客户.xlsx").unwrap_err();
    assert_eq!(err.code(), "password_protected");
}
