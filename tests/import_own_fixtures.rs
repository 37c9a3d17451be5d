//! The importer's own small fixtures (tests/fixtures/import, made by tools/make_test_fixtures.py)
//! with hand-written expectations, plus streaming tests on generated files. Needs no shared/.

#![allow(clippy::unwrap_used)] // Test helpers: a failure should be loud.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::DateTime;

use qunzhu::import::{
    ContactOptions, ContactRecord, Detection, FileKind, Format, Gender, ImportError, auto_map,
    dedup_key, dedup_records, detect_bytes, detect_path, detect_path_in_sheet, open_rows,
    open_rows_from_bytes, record_from_row,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn records_of(
    det: &Detection,
    rows: impl Iterator<Item = Result<qunzhu::import::RawRow, ImportError>>,
) -> Vec<ContactRecord> {
    let mapping = auto_map(&det.headers);
    rows.map(|row| {
        record_from_row(
            &row.unwrap(),
            &det.headers,
            &mapping,
            &ContactOptions::default(),
        )
        .unwrap()
    })
    .collect()
}

fn load(name: &str) -> (Detection, Vec<ContactRecord>) {
    let path = fixture(name);
    let det = detect_path(&path).unwrap();
    let records = records_of(&det, open_rows(&path, &det).unwrap());
    (det, records)
}

fn time(s: &str) -> Option<DateTime<chrono::FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(s).unwrap())
}

/// The four customers every customers_* fixture holds, at the given row numbers.
fn assert_customers(name: &str, records: &[ContactRecord], rows: [usize; 4]) {
    let numbers: Vec<usize> = records.iter().map(|r| r.row_number).collect();
    assert_eq!(numbers, rows, "{name}: row numbers");
    let [a, b, c, d] = [&records[0], &records[1], &records[2], &records[3]];
    assert_eq!(
        (a.name.as_str(), a.remark.as_str()),
        ("张三", "张总"),
        "{name}"
    );
    assert_eq!(a.description, "第一行\n第二行", "{name}");
    assert_eq!(a.gender, Some(Gender::Male), "{name}");
    assert_eq!(a.staff_names(), ["林晓雯"], "{name}");
    assert_eq!(a.added_at, time("2024-03-05T14:02:00+08:00"), "{name}");
    assert_eq!(a.tags, ["VIP", "普洱"], "{name}");
    assert_eq!(
        a.phone.as_deref(),
        Some("13800123456"),
        "{name}: numeric phone cell"
    );
    assert_eq!(a.external_id.as_deref(), Some("wm_a"), "{name}");
    assert_eq!(
        a.custom,
        [("生日".to_string(), "5月1日".to_string())],
        "{name}"
    );

    assert_eq!(
        (b.name.as_str(), b.gender),
        ("李四", Some(Gender::Female)),
        "{name}"
    );
    assert_eq!(b.added_at, time("2024-03-06T09:15:30+08:00"), "{name}");
    assert_eq!(b.tags, ["老客", "红茶"], "{name}");
    assert_eq!(
        b.phone.as_deref(),
        Some("057155501879"),
        "{name}: landline keeps its 0"
    );
    assert_eq!(b.external_id, None, "{name}");

    assert_eq!(
        c.added_at,
        time("2024-03-01T00:00:00+08:00"),
        "{name}: 2024年3月1日"
    );
    assert_eq!(c.tags, ["复购", "VIP"], "{name}");

    assert_eq!(
        (d.name.as_str(), d.gender),
        ("Tony,王", Some(Gender::Unknown)),
        "{name}"
    );
    assert_eq!(
        d.added_at,
        time("2024-03-05T14:02:00+08:00"),
        "{name}: serial number"
    );
    assert_eq!(d.phone, None, "{name}");

    let keys: Vec<String> = records.iter().filter_map(dedup_key).collect();
    assert_eq!(
        keys,
        [
            "ext:wm_a",
            "tel:057155501879",
            "ext:wm_a",
            "ns:Tony,王|陈嘉怡"
        ]
    );
    let merged = dedup_records(records.iter().cloned());
    assert_eq!(merged.len(), 3, "{name}: distinct customers");
    let zhang = &merged[0];
    assert_eq!(
        zhang.staff_names(),
        ["王浩然", "林晓雯"],
        "{name}: earlier-added row leads"
    );
    assert_eq!(zhang.tags, ["复购", "VIP", "普洱"], "{name}");
    assert_eq!(zhang.added_at, time("2024-03-01T00:00:00+08:00"), "{name}");
    assert_eq!(zhang.row_number, rows[0], "{name}");
}

#[test]
fn every_text_format_reads_the_same_customers() {
    let cases: [(&str, &str, bool, u8, usize); 6] = [
        ("customers_utf8.csv", "UTF-8", false, b',', 1),
        ("customers_utf8_bom.csv", "UTF-8", true, b',', 1),
        ("customers_gbk.csv", "GBK", false, b',', 1),
        ("customers_semicolon.csv", "UTF-8", false, b';', 1),
        ("customers_utf16.txt", "UTF-16LE", true, b'\t', 1),
        ("customers_title_row.csv", "UTF-8", true, b',', 2),
    ];
    for (name, encoding, bom, delimiter, header_row) in cases {
        let (det, records) = load(name);
        assert_eq!(det.format, Format::Delimited, "{name}");
        let enc = det.encoding.unwrap();
        assert_eq!((enc.name(), enc.bom), (encoding, bom), "{name}");
        assert_eq!(det.delimiter, Some(delimiter), "{name}");
        assert_eq!(det.header_row, header_row, "{name}");
        assert_eq!(det.kind, FileKind::Contacts, "{name}");
        assert_eq!(det.headers.len(), 10, "{name}");
        assert_eq!(det.preview.len(), 4, "{name}");
        let first = header_row + 1;
        assert_customers(name, &records, [first, first + 1, first + 2, first + 3]);
    }
}

#[test]
fn xlsx_picks_the_customer_sheet_and_reads_typed_cells() {
    let (det, records) = load("customers.xlsx");
    assert_eq!(det.format, Format::Xlsx);
    assert_eq!(det.sheets, ["说明", "客户"]);
    assert_eq!(det.sheet.as_deref(), Some("客户"));
    assert_eq!((det.header_row, det.kind), (1, FileKind::Contacts));
    assert_eq!(det.encoding, None);
    // Sheet row 3 is empty: data rows are 2, 4, 5, 6 as Excel numbers them.
    assert_customers("customers.xlsx", &records, [2, 4, 5, 6]);
    let rows: Vec<_> = open_rows(&fixture("customers.xlsx"), &det)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows[0].cell(5), "2024-03-05 14:02:00", "date cell rendered");
    assert_eq!(rows[0].cell(7), "13800123456", "no trailing .0");
    assert_eq!(
        rows[3].cell(5),
        "45356.5847222222",
        "plain number stays a number"
    );
}

#[test]
fn a_named_sheet_can_be_chosen() {
    let path = fixture("customers.xlsx");
    let err = detect_path_in_sheet(&path, Some("说明")).unwrap_err();
    assert_eq!(err.code(), "no_data_rows");
    let err = detect_path_in_sheet(&path, Some("没有")).unwrap_err();
    assert_eq!(err.code(), "no_such_sheet");
    assert_eq!(
        detect_path_in_sheet(&path, Some("客户")).unwrap().kind,
        FileKind::Contacts
    );
}

#[test]
fn openscrm_title_row_offsets_and_gender_codes() {
    let (det, records) = load("openscrm.xlsx");
    assert_eq!(det.header_row, 2);
    assert_eq!(det.headers[0], "客户名称");
    let rows: Vec<usize> = records.iter().map(|r| r.row_number).collect();
    assert_eq!(rows, [3, 4, 5]);
    let genders: Vec<_> = records.iter().map(|r| r.gender).collect();
    assert_eq!(
        genders,
        [
            Some(Gender::Male),
            Some(Gender::Female),
            Some(Gender::Unknown)
        ]
    );
    assert_eq!(records[0].added_at, time("2024-03-31T22:00:00+08:00"));
    assert_eq!(records[0].name, "Amy🍀");
    assert_eq!(records[1].phone.as_deref(), Some("13700766327"));
    assert_eq!(records[0].custom, [("年龄".to_string(), "0".to_string())]);
    assert_eq!(
        dedup_records(records).len(),
        3,
        "no phone on row 5: name+staff key"
    );
}

#[test]
fn formula_cells_are_stored_verbatim() {
    let (_, records) = load("formula.csv");
    assert_eq!(records[0].name, "@王五");
    assert_eq!(records[0].remark, "=1+1");
    assert_eq!(records[0].phone.as_deref(), Some("13800112234"));
}

#[test]
fn broken_files_give_their_error() {
    let cases = [
        ("broken_truncated.xlsx", "corrupt_xlsx", None),
        ("broken_empty.csv", "empty_file", None),
        ("broken_blank.csv", "empty_file", None),
        ("broken_header_only.csv", "no_data_rows", Some(1)),
        ("broken_photo.csv", "binary_not_text", None),
        ("broken_quotes.csv", "csv_unterminated_quote", Some(3)),
        ("broken_mixed.csv", "invalid_encoding", Some(3)),
        ("broken_wide.csv", "too_many_columns", Some(3)),
    ];
    for (name, code, row) in cases {
        let err = detect_path(&fixture(name)).unwrap_err();
        assert_eq!((err.code(), err.row()), (code, row), "{name}: {err}");
    }
    let missing = detect_path(&fixture("does_not_exist.csv")).unwrap_err();
    assert_eq!(missing.code(), "io");
}

#[test]
fn bytes_in_memory_work_like_files() {
    let bytes = std::fs::read(fixture("customers_gbk.csv")).unwrap();
    let det = detect_bytes(&bytes, "customers_gbk.csv").unwrap();
    let records = records_of(&det, open_rows_from_bytes(bytes, &det).unwrap());
    assert_customers("bytes", &records, [2, 3, 4, 5]);
    let xlsx = std::fs::read(fixture("customers.xlsx")).unwrap();
    let det = detect_bytes(&xlsx, "x.xlsx").unwrap();
    assert_eq!(open_rows_from_bytes(xlsx, &det).unwrap().count(), 4);
    let jpeg_named_xlsx = detect_bytes(b"\xff\xd8\xff\xe0 not a workbook", "a.xlsx").unwrap_err();
    assert_eq!(jpeg_named_xlsx.code(), "corrupt_xlsx");
}

/// A GBK CSV far bigger than the detection sample, optionally with a problem at `bad_row`.
fn big_gbk_file(rows: usize, bad_row: Option<(usize, &[u8])>) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    let mut out = Vec::new();
    let (header, _, _) = encoding_rs::GBK.encode("客户名称,手机,企业标签\r\n");
    out.extend_from_slice(&header);
    for i in 2..=rows + 1 {
        match bad_row {
            Some((row, bytes)) if row == i => out.extend_from_slice(bytes),
            _ => {
                let line = format!("客户{i},138{i:08},\"老客,普洱\"\r\n");
                out.extend_from_slice(&encoding_rs::GBK.encode(&line).0);
            }
        }
    }
    file.write_all(&out).unwrap();
    file
}

#[test]
fn big_files_stream_with_true_row_numbers() {
    let file = big_gbk_file(60_000, None);
    let det = detect_path(file.path()).unwrap();
    assert_eq!(det.encoding.unwrap().name(), "GBK");
    let mut last = 0;
    let mut count = 0;
    for row in open_rows(file.path(), &det).unwrap() {
        let row = row.unwrap();
        assert_eq!(row.row_number, last.max(1) + 1);
        last = row.row_number;
        count += 1;
    }
    assert_eq!((count, last), (60_000, 60_001));
}

#[test]
fn problems_past_the_sample_surface_while_streaming() {
    for (bad, code) in [
        (&b"\xff\xfe\xfd,1\r\n"[..], "invalid_encoding"),
        (&b"x,\"open\r\n"[..], "csv_unterminated_quote"),
    ] {
        let file = big_gbk_file(40_000, Some((30_000, bad)));
        let det = detect_path(file.path()).unwrap();
        let results: Vec<_> = open_rows(file.path(), &det).unwrap().collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        let err = results.last().unwrap().as_ref().unwrap_err();
        assert_eq!((err.code(), err.row()), (code, Some(30_000)), "{err}");
        assert_eq!(ok, 30_000 - 2, "rows before the problem are delivered");
    }
}

/// xorshift64*: a tiny deterministic generator, so the noise is the same on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn bytes(&mut self, len: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
            .collect()
    }
}

/// Runs the whole pipeline; any outcome but a panic is fine.
fn run_pipeline(bytes: Vec<u8>, name: &str) {
    let Ok(det) = detect_bytes(&bytes, name) else {
        return;
    };
    let Ok(rows) = open_rows_from_bytes(bytes, &det) else {
        return;
    };
    let mapping = auto_map(&det.headers);
    for row in rows.take(10_000) {
        let Ok(row) = row else { break };
        let _ = record_from_row(&row, &det.headers, &mapping, &ContactOptions::default());
    }
}

#[test]
fn random_and_mangled_input_never_panics() {
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
    let csvish = "客户名称,手机\"\r\n\t;|,0123456789abc年月日:+- ".as_bytes();
    let all: Vec<u8> = (0..=255).collect();
    for round in 0..400 {
        let len = (noise.next() % 600) as usize;
        let mut bytes = noise.bytes(len, if round % 2 == 0 { csvish } else { &all });
        let prefix: &[u8] = match round % 5 {
            0 => &[0xEF, 0xBB, 0xBF],
            1 => &[0xFF, 0xFE],
            2 => b"PK\x03\x04",
            _ => &[],
        };
        bytes.splice(0..0, prefix.iter().copied());
        run_pipeline(bytes, "noise.csv");
    }
    let xlsx = std::fs::read(fixture("customers.xlsx")).unwrap();
    for _ in 0..60 {
        let mut mangled = xlsx.clone();
        for _ in 0..4 {
            let at = (noise.next() % mangled.len() as u64) as usize;
            mangled[at] = noise.next() as u8;
        }
        run_pipeline(mangled, "mangled.xlsx");
    }
    for _ in 0..2000 {
        let len = (noise.next() % 40) as usize;
        let text = String::from_utf8_lossy(&noise.bytes(len, csvish)).into_owned();
        let _ = qunzhu::import::parse_datetime(&text, qunzhu::import::CHINA_STANDARD_TIME);
        let _ = qunzhu::import::normalize_phone(&text);
    }
}
