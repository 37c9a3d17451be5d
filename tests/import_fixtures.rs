//! The shared fixtures against their EXPECTED.json, read at test time (nothing hard-coded twice).
//!
//! The folder is `$QUNZHU_SHARED_FIXTURES` or `../shared/fixtures` beside the crate; when it is
//! absent every test here prints "skipped: ../shared/fixtures not found" and passes.

#![allow(clippy::unwrap_used)] // Test helpers: a broken fixture set should fail loudly.

#[path = "support/shared_fixtures.rs"]
mod shared_fixtures;
use shared_fixtures::{expected, fixtures_dir};

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::DateTime;
use serde_json::Value;

use qunzhu::import::{
    ContactOptions, ContactRecord, Detection, FileKind, Format, ImportError, RowRejection,
    auto_map, dedup_key, dedup_records, detect_path, open_rows, record_from_row,
};

const CONTACT_FILES: [&str; 6] = [
    "wecom_customers.xlsx",
    "scrm_openscrm_customers.xlsx",
    "contacts_gbk.csv",
    "contacts_utf8_bom.csv",
    "contacts_utf16.txt",
    "big_contacts.csv",
];

/// Everything one contact file yields: detection, records by row, rejections, raw cells by row.
struct Loaded {
    detection: Detection,
    records: Vec<ContactRecord>,
    rejections: Vec<RowRejection>,
    raw: HashMap<usize, Vec<String>>,
}

fn load_contacts(path: &Path) -> Result<Loaded, ImportError> {
    let detection = detect_path(path)?;
    let mapping = auto_map(&detection.headers);
    let opts = ContactOptions::default();
    let mut loaded = Loaded {
        records: Vec::new(),
        rejections: Vec::new(),
        raw: HashMap::new(),
        detection: detection.clone(),
    };
    for row in open_rows(path, &detection)? {
        let row = row?;
        match record_from_row(&row, &detection.headers, &mapping, &opts) {
            Ok(record) => loaded.records.push(record),
            Err(rejection) => loaded.rejections.push(rejection),
        }
        loaded.raw.insert(row.row_number, row.cells);
    }
    Ok(loaded)
}

fn str_list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn check(failures: &mut Vec<String>, ok: bool, what: impl FnOnce() -> String) {
    if !ok {
        failures.push(what());
    }
}

fn check_detection(f: &mut Vec<String>, file: &str, exp: &Value, det: &Detection) {
    let format = match exp["format"].as_str() {
        Some("xlsx") => Format::Xlsx,
        _ => Format::Delimited,
    };
    check(f, det.format == format, || {
        format!("{file}: format {:?}", det.format)
    });
    if let Some(sheet) = exp["sheet"].as_str() {
        check(f, det.sheet.as_deref() == Some(sheet), || {
            format!("{file}: sheet {:?}", det.sheet)
        });
    }
    if let Some(row) = exp["header_row"].as_u64() {
        check(f, det.header_row as u64 == row, || {
            format!("{file}: header_row {}", det.header_row)
        });
    }
    if exp["headers"].is_array() {
        check(f, det.headers == str_list(&exp["headers"]), || {
            format!("{file}: headers {:?}", det.headers)
        });
    }
    if let Some(label) = exp["encoding"].as_str() {
        let enc = det.encoding.map(|e| (e.name(), e.bom));
        let name = ["UTF-16LE", "UTF-16BE", "GBK", "UTF-8"]
            .into_iter()
            .find(|n| label.starts_with(n));
        let bom = label.contains("with BOM");
        check(f, name.is_some() && enc == name.map(|n| (n, bom)), || {
            format!("{file}: encoding {enc:?}, expected {label}")
        });
    }
    if let Some(delim) = exp["delimiter"].as_str() {
        let want = if delim == "TAB" {
            b'\t'
        } else {
            delim.as_bytes()[0]
        };
        check(f, det.delimiter == Some(want), || {
            format!("{file}: delimiter {:?}", det.delimiter)
        });
    }
}

fn check_mapping(f: &mut Vec<String>, file: &str, exp: &Value, det: &Detection) {
    let Some(fields) = exp["field_of_header"].as_object() else {
        return;
    };
    for (header, field) in det.headers.iter().zip(auto_map(&det.headers)) {
        let want = fields.get(header).and_then(Value::as_str);
        check(f, field.map(|x| x.key()) == want, || {
            format!("{file}: header {header} -> {field:?}, expected {want:?}")
        });
    }
}

fn check_spot(f: &mut Vec<String>, file: &str, spot: &Value, loaded: &Loaded) {
    let data_row = spot["data_row"].as_u64().unwrap_or(0) as usize;
    let row_number = loaded.detection.header_row + data_row;
    let ctx = format!("{file} data_row {data_row}");
    let Some(rec) = loaded.records.iter().find(|r| r.row_number == row_number) else {
        f.push(format!("{ctx}: no record at row {row_number}"));
        return;
    };
    let s = |k: &str| spot[k].as_str().map(String::from);
    let pairs = [
        ("name", Some(rec.name.clone())),
        ("remark", Some(rec.remark.clone())),
        ("staff", rec.staff_names().first().map(|s| s.to_string())),
        (
            "phone_normalized",
            Some(rec.phone.clone().unwrap_or_default()),
        ),
        (
            "external_userid",
            Some(rec.external_id.clone().unwrap_or_default()),
        ),
    ];
    for (key, got) in pairs {
        if let Some(want) = s(key) {
            check(f, got.as_deref() == Some(want.as_str()), || {
                format!("{ctx}: {key} {got:?}, expected {want:?}")
            });
        }
    }
    if spot["tags"].is_array() {
        check(f, rec.tags == str_list(&spot["tags"]), || {
            format!("{ctx}: tags {:?}", rec.tags)
        });
    }
    if let Some(want) = s("add_time") {
        let want = DateTime::parse_from_rfc3339(&want).ok();
        check(f, rec.added_at == want && want.is_some(), || {
            format!("{ctx}: add_time {:?}, expected {want:?}", rec.added_at)
        });
    }
    let desc = &rec.description;
    if let Some(n) = spot["description_chars"].as_u64() {
        let got = desc.chars().count() as u64;
        check(f, got == n, || format!("{ctx}: description_chars {got}"));
    }
    if let Some(n) = spot["description_newlines"].as_u64() {
        let got = desc.matches('\n').count() as u64;
        check(f, got == n, || format!("{ctx}: description_newlines {got}"));
    }
    if let Some(prefix) = s("description_prefix") {
        check(f, desc.starts_with(&prefix), || {
            format!("{ctx}: description prefix")
        });
    }
    let raw_cell = |header: &str| {
        let col = loaded.detection.headers.iter().position(|h| h == header)?;
        loaded.raw.get(&row_number)?.get(col).cloned()
    };
    for (key, header) in [("time_cell", "添加时间"), ("tag_cell", "企业标签")] {
        if let Some(want) = s(key) {
            let got = raw_cell(header);
            check(f, got.as_deref() == Some(want.as_str()), || {
                format!("{ctx}: {key} {got:?}, expected {want:?}")
            });
        }
    }
}

fn check_counts(f: &mut Vec<String>, file: &str, exp: &Value, loaded: &Loaded) {
    let recs = &loaded.records;
    let count = |pred: &dyn Fn(&ContactRecord) -> bool| recs.iter().filter(|r| pred(r)).count();
    let mut per_key: HashMap<String, usize> = HashMap::new();
    for key in recs.iter().filter_map(dedup_key) {
        *per_key.entry(key).or_default() += 1;
    }
    let merged = dedup_records(recs.iter().cloned());
    let tags: BTreeSet<String> = recs
        .iter()
        .flat_map(|r| r.tags.iter().map(|t| t.name.clone()))
        .collect();
    let got: [(&str, usize); 7] = [
        ("data_rows", recs.len() + loaded.rejections.len()),
        ("distinct_customers", merged.len()),
        (
            "customers_with_several_rows",
            per_key.values().filter(|&&n| n > 1).count(),
        ),
        ("empty_remark_rows", count(&|r| r.remark.is_empty())),
        ("rows_without_phone", count(&|r| r.phone.is_none())),
        (
            "manual_rows_without_external_userid",
            count(&|r| r.external_id.is_none()),
        ),
        ("tag_set", tags.len()),
    ];
    for (key, value) in got {
        let want = match key {
            "tag_set" => exp[key].as_array().map(|a| a.len() as u64),
            _ => exp[key].as_u64(),
        };
        if let Some(want) = want {
            check(f, value as u64 == want, || {
                format!("{file}: {key} {value}, expected {want}")
            });
        }
    }
    if exp["tag_set"].is_array() {
        let want: BTreeSet<String> = str_list(&exp["tag_set"]).into_iter().collect();
        check(f, tags == want, || format!("{file}: tag_set {tags:?}"));
    }
    check(f, loaded.rejections.is_empty(), || {
        format!("{file}: rejections {:?}", loaded.rejections)
    });
    let m = &exp["merged_example"];
    if let Some(id) = m["external_userid"].as_str() {
        let Some(rec) = merged.iter().find(|r| r.external_id.as_deref() == Some(id)) else {
            f.push(format!("{file}: merged_example {id} missing"));
            return;
        };
        let rows: Vec<u64> = m["data_rows"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64)
            .collect();
        let header_row = loaded.detection.header_row as u64;
        let of_id: Vec<u64> = recs
            .iter()
            .filter(|r| r.external_id.as_deref() == Some(id))
            .map(|r| r.row_number as u64 - header_row)
            .collect();
        let want_time = m["first_add_time"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
        check(f, of_id == rows, || {
            format!("{file}: merged rows {of_id:?}")
        });
        check(f, rec.name == m["name"].as_str().unwrap_or(""), || {
            format!("{file}: merged name")
        });
        check(f, rec.staff_names() == str_list(&m["staff"]), || {
            format!("{file}: merged staff {:?}", rec.staff_names())
        });
        check(f, rec.tags == str_list(&m["tags_union"]), || {
            format!("{file}: merged tags {:?}", rec.tags)
        });
        check(f, rec.added_at == want_time, || {
            format!("{file}: merged time {:?}", rec.added_at)
        });
    }
}

#[test]
fn contact_fixtures_match_expected() {
    let Some(dir) = fixtures_dir() else { return };
    let all = expected(&dir);
    let mut failures = Vec::new();
    for file in CONTACT_FILES {
        let exp = &all["files"][file];
        assert!(exp.is_object(), "{file} missing from EXPECTED.json");
        let loaded = match load_contacts(&dir.join(file)) {
            Ok(l) => l,
            Err(e) => {
                failures.push(format!("{file}: {e}"));
                continue;
            }
        };
        check(
            &mut failures,
            loaded.detection.kind == FileKind::Contacts,
            || format!("{file}: kind {:?}", loaded.detection.kind),
        );
        check_detection(&mut failures, file, exp, &loaded.detection);
        check_mapping(&mut failures, file, exp, &loaded.detection);
        check_counts(&mut failures, file, exp, &loaded);
        for spot in exp["spot_checks"].as_array().into_iter().flatten() {
            check_spot(&mut failures, file, spot, &loaded);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn broken_fixtures_match_expected() {
    let Some(dir) = fixtures_dir() else { return };
    let all = expected(&dir);
    let files = all["files"].as_object().unwrap();
    let mut failures = Vec::new();
    let mut seen = 0;
    for (file, exp) in files.iter().filter(|(name, _)| name.starts_with("broken/")) {
        seen += 1;
        let result = load_contacts(&dir.join(file));
        match (exp["expected_outcome"].as_str(), &result) {
            (Some("error"), Err(e)) => {
                let want = exp["error_kind"].as_str().unwrap_or("");
                check(&mut failures, e.code() == want, || {
                    format!("{file}: {} ({e})", e.code())
                });
            }
            (Some("ok"), Ok(loaded)) => check_verbatim(&mut failures, file, exp, loaded),
            (want, _) => {
                failures.push(format!("{file}: expected {want:?}, got {:?}", result.err()))
            }
        }
    }
    assert!(seen >= 8, "only {seen} broken fixtures listed");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check_verbatim(f: &mut Vec<String>, file: &str, exp: &Value, loaded: &Loaded) {
    let rows = loaded.records.len() + loaded.rejections.len();
    if let Some(want) = exp["data_rows"].as_u64() {
        check(f, rows as u64 == want, || {
            format!("{file}: data_rows {rows}")
        });
    }
    for cell in exp["dangerous_cells"].as_array().into_iter().flatten() {
        let row_number = loaded.detection.header_row + cell["row"].as_u64().unwrap_or(0) as usize;
        let header = cell["column"].as_str().unwrap_or("");
        let want = cell["value"].as_str().unwrap_or("");
        let col = loaded.detection.headers.iter().position(|h| h == header);
        let got = col.and_then(|c| loaded.raw.get(&row_number)?.get(c).cloned());
        check(f, got.as_deref() == Some(want), || {
            format!("{file}: {header} row {row_number} {got:?}")
        });
        let rec = loaded.records.iter().find(|r| r.row_number == row_number);
        let stored = match header {
            "客户名称" => rec.map(|r| r.name.as_str()),
            "客户备注" => rec.map(|r| r.remark.as_str()),
            _ => Some(want),
        };
        check(f, stored == Some(want), || {
            format!("{file}: stored {stored:?} for {want:?}")
        });
    }
}
