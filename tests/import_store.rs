//! Imports through the whole pipeline (`jobs::contact_import::run`) into real database files:
//! counts, de-duplication, tags and staff against ../shared/fixtures/EXPECTED.json, broken files
//! leaving the file byte for byte as it was, re-imports, undo, dedup policies, cancel, the export
//! round trip and the `import` / `undo-import` / `export` commands.
//!
//! Tests that need the shared fixtures (`$QUNZHU_SHARED_FIXTURES` or `../shared/fixtures`) print
//! "skipped: …" and pass when the folder is absent; the others use tests/fixtures/import and
//! files written to a temp folder.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/shared_fixtures.rs"]
mod shared_fixtures;
use shared_fixtures::{expected, fixtures_dir as shared_dir};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset};
use qunzhu::domain::contact::DedupPolicy;
use qunzhu::export::customers::CustomerJson;
use qunzhu::import::{ContactOptions, auto_map, detect_path, open_rows, record_from_row};
use qunzhu::jobs::Reporter;
use qunzhu::jobs::contact_import::{ContactImportRequest, ImportFailure, ImportReport, run};
use qunzhu::store::{Store, customers, imports, search};
use rusqlite::OptionalExtension;
use rusqlite::types::Value as Sql;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers

fn own(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn import(
    store: &mut Store,
    path: &Path,
    policy: DedupPolicy,
) -> Result<ImportReport, ImportFailure> {
    let mut request = ContactImportRequest::new(path, beijing());
    request.policy = policy;
    run(store, &request, &Reporter::silent())
}

fn undo(store: &mut Store, batch: i64) {
    store.write(|tx| imports::undo_batch(tx, batch)).unwrap();
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn names(store: &Store, sql: &str) -> BTreeSet<String> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The main database file's bytes with the store closed: closing checkpoints the WAL into the file
/// and deletes it, so a leftover non-empty `-wal` would mean the snapshot is incomplete.
fn db_bytes(path: &Path) -> Vec<u8> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_len, 0, "{} has a WAL after close", path.display());
    std::fs::read(path).unwrap()
}

/// A new database file holding the customers of `seed` (if any), closed again.
fn new_db(dir: &Path, name: &str, seed: Option<&Path>) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    if let Some(seed) = seed {
        import(&mut store, seed, DedupPolicy::Merge).unwrap();
    }
    drop(store);
    path
}

/// One stored customer as the assertions compare it (times as RFC 3339 in their stored offset).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Stored {
    external_id: Option<String>,
    phone: Option<String>,
    name: String,
    remark: String,
    description: String,
    gender: &'static str,
    corp: String,
    source: String,
    added_at: Option<String>,
    staff: BTreeMap<String, Option<String>>,
    tags: BTreeSet<String>,
}

fn stored(store: &Store, id: i64) -> Stored {
    let c = customers::get(store.conn(), id).unwrap();
    let conn = store.conn();
    let staff = conn
        .prepare(
            "SELECT s.name, cs.added_at, cs.added_offset_min FROM customer_staff cs
             JOIN staff s ON s.id = cs.staff_id WHERE cs.customer_id = ?1",
        )
        .unwrap()
        .query_map([id], |r| {
            let at: Option<i64> = r.get(1)?;
            let offset: Option<i32> = r.get(2)?;
            let stamp = at.map(|unix_s| qunzhu::domain::time::Stamp {
                unix_s,
                offset_min: offset.unwrap_or(0),
            });
            Ok((r.get(0)?, stamp.map(|s| s.to_datetime().to_rfc3339())))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let tags = conn
        .prepare(
            "SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.customer_id = ?1",
        )
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    Stored {
        external_id: c.external_id,
        phone: c.phone,
        name: c.name,
        remark: c.remark,
        description: c.description,
        gender: c.gender.key(),
        corp: c.corp,
        source: c.source,
        added_at: c.added_at.map(|s| s.to_datetime().to_rfc3339()),
        staff,
        tags,
    }
}

fn all_stored(store: &Store) -> Vec<Stored> {
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut all: Vec<Stored> = ids.into_iter().map(|id| stored(store, id)).collect();
    all.sort();
    all
}

fn id_where(store: &Store, sql: &str, args: &[&str]) -> Vec<i64> {
    store
        .conn()
        .prepare(sql)
        .unwrap()
        .query_map(rusqlite::params_from_iter(args), |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The customer a row is about: by external id, else phone, else name + adding staff.
fn find_customer(store: &Store, ext: &str, phone: &str, name: &str, staff: &str) -> Vec<i64> {
    if !ext.is_empty() {
        id_where(
            store,
            "SELECT id FROM customers WHERE external_id = ?1",
            &[ext],
        )
    } else if !phone.is_empty() {
        id_where(store, "SELECT id FROM customers WHERE phone = ?1", &[phone])
    } else {
        id_where(
            store,
            "SELECT c.id FROM customers c JOIN customer_staff cs ON cs.customer_id = c.id
             JOIN staff s ON s.id = cs.staff_id
             WHERE c.name = ?1 AND s.name = ?2 AND c.phone IS NULL AND c.external_id IS NULL",
            &[name.trim(), staff],
        )
    }
}

/// The customer export as JSON lines (what `export customers --format json` writes).
fn export_json(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    customers::for_each_export(store.conn(), |c| {
        out.push(serde_json::to_string(&CustomerJson::from_export(&c)).unwrap());
        Ok(())
    })
    .unwrap();
    out
}

/// Every row of the tables an import writes, for "exactly the same state" comparisons.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for (table, order) in [
        ("customers", "id"),
        ("customer_tags", "customer_id, tag_id"),
        ("customer_staff", "customer_id, staff_id"),
        ("tags", "id"),
        ("tag_groups", "id"),
        ("staff", "id"),
    ] {
        let mut stmt = store
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells = (0..n)
                    .map(|i| r.get::<_, Sql>(i))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("{table}: {cells:?}"))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        out.extend(rows);
    }
    out
}

fn qunzhu(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qunzhu"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .unwrap()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs `qunzhu export customers` and returns the written file's bytes.
fn export_via_cli(home: &Path, db: &Path, format: &str) -> Vec<u8> {
    let out = home.join(format!("export.{format}"));
    let output = qunzhu(
        home,
        &[
            "export",
            "customers",
            "--db",
            p(db),
            "--out",
            p(&out),
            "--format",
            format,
        ],
    );
    assert_success(&output);
    std::fs::read(out).unwrap()
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

fn some_text(s: &str) -> Option<String> {
    Some(s.to_string()).filter(|s| !s.is_empty())
}

fn rfc3339_at_beijing(s: &str) -> String {
    DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&beijing())
        .to_rfc3339()
}

// ---------------------------------------------------------------------------------------------
// Shared fixtures

/// The data rows of each customer in the file (by external id, else phone, else name + staff),
/// read with the parsing layer: a spot check is exact only when it covers all of its customer's rows.
fn rows_by_customer(path: &Path) -> BTreeMap<String, Vec<u64>> {
    let det = detect_path(path).unwrap();
    let mapping = auto_map(&det.headers);
    let mut out: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for row in open_rows(path, &det).unwrap() {
        let row = row.unwrap();
        let r = record_from_row(&row, &det.headers, &mapping, &ContactOptions::default()).unwrap();
        let staff = r
            .staff_names()
            .first()
            .map(|s| s.to_string())
            .unwrap_or_default();
        let key = customer_key(
            r.external_id.as_deref().unwrap_or_default(),
            r.phone.as_deref().unwrap_or_default(),
            &r.name,
            &staff,
        );
        out.entry(key)
            .or_default()
            .push((row.row_number - det.header_row) as u64);
    }
    out
}

fn customer_key(ext: &str, phone: &str, name: &str, staff: &str) -> String {
    if !ext.is_empty() {
        format!("ext:{ext}")
    } else if !phone.is_empty() {
        format!("tel:{phone}")
    } else {
        format!("ns:{}|{staff}", name.trim())
    }
}

/// Checks the spot checks of one file against the stored customers, grouped by customer. When the
/// spot rows are all of the customer's rows the merged values must be exact (remark of the first
/// row that has one, earliest add time, tag union, every staff member with their time); otherwise
/// they are bounds (tags include, times no later than the spot rows').
fn check_spots(f: &mut Vec<String>, file: &str, spots: &[Value], store: &Store, path: &Path) {
    let all_rows = rows_by_customer(path);
    let mut groups: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for spot in spots {
        let s = |k: &str| spot[k].as_str().unwrap_or_default();
        let key = customer_key(
            s("external_userid"),
            s("phone_normalized"),
            s("name"),
            s("staff"),
        );
        groups.entry(key).or_default().push(spot);
    }
    for (key, rows) in groups {
        let first = rows[0];
        let s = |k: &str| first[k].as_str().unwrap_or_default();
        let data_rows: Vec<u64> = rows.iter().filter_map(|r| r["data_row"].as_u64()).collect();
        let complete = all_rows.get(&key) == Some(&data_rows);
        let ctx = format!(
            "{file} {key} (data rows {data_rows:?} of {:?})",
            all_rows.get(&key)
        );
        let ids = find_customer(
            store,
            s("external_userid"),
            s("phone_normalized"),
            s("name"),
            s("staff"),
        );
        if ids.len() != 1 {
            f.push(format!("{ctx}: {} customers found", ids.len()));
            continue;
        }
        let c = stored(store, ids[0]);
        let remark = rows
            .iter()
            .filter_map(|r| r["remark"].as_str())
            .find(|r| !r.is_empty())
            .unwrap_or_default();
        let mut want_tags = BTreeSet::new();
        let mut staff_times: BTreeMap<String, Option<String>> = BTreeMap::new();
        for r in &rows {
            want_tags.extend(str_list(&r["tags"]));
            let at = rfc3339_at_beijing(r["add_time"].as_str().unwrap());
            let slot = staff_times
                .entry(r["staff"].as_str().unwrap().to_string())
                .or_default();
            if slot.as_ref().is_none_or(|t| at < *t) {
                *slot = Some(at);
            }
        }
        let earliest = staff_times.values().min().cloned().flatten();
        // All times are +08:00, so RFC 3339 strings order like the instants.
        let no_later = |got: &Option<String>, want: &Option<String>| got.is_some() && got <= want;
        let checks = [
            ("name", c.name == s("name").trim()),
            (
                "external_id",
                c.external_id == some_text(s("external_userid")),
            ),
            ("phone", c.phone == some_text(s("phone_normalized"))),
            ("remark", !complete || c.remark == remark),
            (
                "tags",
                if complete {
                    c.tags == want_tags
                } else {
                    c.tags.is_superset(&want_tags)
                },
            ),
            (
                "added_at",
                if complete {
                    c.added_at == earliest
                } else {
                    no_later(&c.added_at, &earliest)
                },
            ),
            (
                "staff",
                if complete {
                    c.staff == staff_times
                } else {
                    staff_times
                        .iter()
                        .all(|(n, at)| c.staff.get(n).is_some_and(|got| no_later(got, at)))
                },
            ),
        ];
        for (what, ok) in checks {
            if !ok {
                f.push(format!("{ctx}: {what} differs: stored {c:?}"));
            }
        }
        if let Some(n) = first["description_chars"].as_u64() {
            let got = c.description.chars().count() as u64;
            let newlines = c.description.matches('\n').count() as u64;
            let prefix = first["description_prefix"].as_str().unwrap_or_default();
            if got != n
                || Some(newlines) != first["description_newlines"].as_u64()
                || !c.description.starts_with(prefix)
            {
                f.push(format!(
                    "{ctx}: description {got} chars, {newlines} newlines"
                ));
            }
        }
    }
}

#[test]
fn shared_contact_files_are_stored_as_expected() {
    let Some(dir) = shared_dir() else { return };
    let exp = expected(&dir);
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Vec::new();
    let mut files = 0;
    for (file, e) in exp["files"].as_object().unwrap() {
        let Some(distinct) = e["distinct_customers"].as_i64() else {
            continue;
        };
        files += 1;
        let db = tmp.path().join(format!("{files}.db"));
        let mut store = Store::open(&db).unwrap();
        let report = match import(&mut store, &dir.join(file), DedupPolicy::Merge) {
            Ok(report) => report,
            Err(e) => {
                f.push(format!("{file}: import failed: {e}"));
                continue;
            }
        };
        let rows = e["data_rows"].as_u64().unwrap() as usize;
        if (report.rows, report.created) != (rows, distinct) {
            f.push(format!(
                "{file}: rows {} created {}, expected {rows} / {distinct}",
                report.rows, report.created
            ));
        }
        if !report.rejected.is_empty() {
            f.push(format!("{file}: rejected {:?}", report.rejected));
        }
        if count(&store, "customers") != distinct {
            f.push(format!(
                "{file}: {} customers stored",
                count(&store, "customers")
            ));
        }
        if e["tag_set"].is_array() {
            let want: BTreeSet<String> = str_list(&e["tag_set"]).into_iter().collect();
            let got = names(&store, "SELECT name FROM tags");
            if got != want {
                f.push(format!("{file}: tags {got:?}"));
            }
        }
        if let Some(m) = e.get("merged_example") {
            let ids = find_customer(&store, m["external_userid"].as_str().unwrap(), "", "", "");
            let c = stored(&store, ids[0]);
            let staff: BTreeSet<String> = c.staff.keys().cloned().collect();
            let want_staff: BTreeSet<String> = str_list(&m["staff"]).into_iter().collect();
            let want_tags: BTreeSet<String> = str_list(&m["tags_union"]).into_iter().collect();
            let want_at = rfc3339_at_beijing(m["first_add_time"].as_str().unwrap());
            if staff != want_staff
                || c.tags != want_tags
                || c.added_at != Some(want_at)
                || c.name != m["name"]
            {
                f.push(format!("{file}: merged example {c:?}"));
            }
        }
        if let Some(spots) = e["spot_checks"].as_array() {
            check_spots(&mut f, file, spots, &store, &dir.join(file));
        }
    }
    assert_eq!(files, 6, "contact files in EXPECTED.json");
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn shared_broken_files_fail_cleanly_or_import_verbatim() {
    let Some(dir) = shared_dir() else { return };
    let exp = expected(&dir);
    let tmp = tempfile::tempdir().unwrap();
    let seed = own("customers_utf8.csv");
    let mut seen = 0;
    for (file, e) in exp["files"].as_object().unwrap() {
        if !file.starts_with("broken/") {
            continue;
        }
        seen += 1;
        let db = new_db(tmp.path(), &format!("broken{seen}.db"), Some(&seed));
        let before = db_bytes(&db);
        let mut store = Store::open(&db).unwrap();
        let result = import(&mut store, &dir.join(file), DedupPolicy::Merge);
        match e["expected_outcome"].as_str() {
            Some("error") => {
                let err = result.err().unwrap_or_else(|| panic!("{file} imported"));
                assert_eq!(
                    err.code(),
                    e["error_kind"].as_str().unwrap(),
                    "{file}: {err}"
                );
                drop(store);
                assert!(db_bytes(&db) == before, "{file}: the database file changed");
            }
            _ => {
                let report = result.unwrap();
                assert_eq!(
                    report.rows as u64,
                    e["data_rows"].as_u64().unwrap(),
                    "{file}"
                );
                check_dangerous_cells(&store, &dir.join(file), &e["dangerous_cells"]);
            }
        }
    }
    assert_eq!(seen, 8, "broken files in EXPECTED.json");
}

/// Each listed formula-like cell is stored as the file had it (the phone is normalised).
fn check_dangerous_cells(store: &Store, path: &Path, cells: &Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for cell in cells.as_array().unwrap() {
        let row = &rows[cell["row"].as_u64().unwrap() as usize - 1];
        let value = cell["value"].as_str().unwrap();
        let ids = id_where(
            store,
            "SELECT id FROM customers WHERE name = ?1",
            &[&row[0]],
        );
        assert_eq!(ids.len(), 1, "{cell}");
        let c = stored(store, ids[0]);
        match cell["column"].as_str().unwrap() {
            "客户名称" => assert_eq!(c.name, value),
            "客户备注" => assert_eq!(c.remark, value),
            "手机" => {
                let digits: String = value.chars().filter(char::is_ascii_digit).collect();
                assert_eq!(c.phone.as_deref(), digits.strip_prefix("86"));
            }
            other => panic!("unexpected column {other}"),
        }
    }
}

#[test]
fn shared_reimport_and_undo_restore_earlier_states() {
    let Some(dir) = shared_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("q.db")).unwrap();
    let wecom = dir.join("wecom_customers.xlsx");
    let first = import(&mut store, &wecom, DedupPolicy::Merge).unwrap();
    let after_first = (export_json(&store), dump(&store));
    let second = import(&mut store, &wecom, DedupPolicy::Merge).unwrap();
    assert_eq!(
        (second.created, count(&store, "customers")),
        (0, first.created)
    );
    undo(&mut store, second.batch);
    assert_eq!(export_json(&store), after_first.0);
    undo(&mut store, first.batch);
    for table in [
        "customers",
        "tags",
        "staff",
        "customer_tags",
        "customer_staff",
    ] {
        assert_eq!(count(&store, table), 0, "{table} after undoing both");
    }
    assert_eq!(search::search(store.conn(), "王昇", 10).unwrap().total, 0);

    // The GBK copy of the UTF-8 list overlaps it completely; undoing it restores the UTF-8 state.
    import(
        &mut store,
        &dir.join("contacts_utf8_bom.csv"),
        DedupPolicy::Merge,
    )
    .unwrap();
    let a = (export_json(&store), dump(&store));
    let b = import(
        &mut store,
        &dir.join("contacts_gbk.csv"),
        DedupPolicy::Merge,
    )
    .unwrap();
    assert_eq!(b.created, 0, "the GBK copy holds the same customers");
    undo(&mut store, b.batch);
    assert_eq!(export_json(&store), a.0);
    assert_eq!(dump(&store), a.1);
}

#[test]
fn shared_export_round_trips_through_csv_and_json() {
    let Some(dir) = shared_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let db = new_db(tmp.path(), "a.db", Some(&dir.join("wecom_customers.xlsx")));
    let original = all_stored(&Store::open(&db).unwrap());

    let csv_bytes = export_via_cli(tmp.path(), &db, "csv");
    assert_csv_is_safe(&csv_bytes);
    let csv_path = write_bytes(tmp.path(), "export.csv", &csv_bytes);
    let mut fresh = Store::open(&tmp.path().join("b.db")).unwrap();
    let report = import(&mut fresh, &csv_path, DedupPolicy::Merge).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.created as usize, original.len());
    let again = all_stored(&fresh);
    for (a, b) in original.iter().zip(&again) {
        assert_eq!(a, b);
    }
    assert_eq!(again.len(), original.len());

    let json: Vec<Value> =
        serde_json::from_slice(&export_via_cli(tmp.path(), &db, "json")).unwrap();
    assert_eq!(json.len(), original.len());
    json.iter().for_each(assert_json_shape);
}

fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// UTF-8 BOM, then no cell that a spreadsheet would run as a formula.
fn assert_csv_is_safe(bytes: &[u8]) -> Vec<csv::StringRecord> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "unsafe cell {cell:?}"
            );
        }
    }
    rows
}

fn assert_json_shape(c: &Value) {
    let keys: BTreeSet<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = [
        "name",
        "remark",
        "phone",
        "wechat_id",
        "wxid",
        "external_id",
        "staff",
        "added_at",
        "tags",
        "purchases",
        "description",
        "source",
        "corp",
        "gender",
    ]
    .into();
    assert_eq!(keys, want);
    assert!(c["staff"].is_array() && c["tags"].is_array(), "{c}");
    assert!(["male", "female", "unknown"].contains(&c["gender"].as_str().unwrap()));
    if let Some(at) = c["added_at"].as_str() {
        let parsed = DateTime::parse_from_rfc3339(at).unwrap();
        assert_eq!(parsed.offset(), &beijing(), "{at}");
        assert!(at.ends_with("+08:00"), "{at}");
    }
}

// ---------------------------------------------------------------------------------------------
// Own fixtures and hand-made files (no shared folder needed)

#[test]
fn own_broken_files_leave_the_database_file_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let db = new_db(tmp.path(), "q.db", Some(&own("customers_utf8.csv")));
    for (file, code) in [
        ("broken_truncated.xlsx", "corrupt_xlsx"),
        ("broken_empty.csv", "empty_file"),
        ("broken_blank.csv", "empty_file"),
        ("broken_header_only.csv", "no_data_rows"),
        ("broken_photo.csv", "binary_not_text"),
        ("broken_quotes.csv", "csv_unterminated_quote"),
        ("broken_mixed.csv", "invalid_encoding"),
        ("broken_wide.csv", "too_many_columns"),
    ] {
        let before = db_bytes(&db);
        let mut store = Store::open(&db).unwrap();
        let err = import(&mut store, &own(file), DedupPolicy::Merge).unwrap_err();
        assert_eq!(err.code(), code, "{file}: {err}");
        drop(store);
        assert!(db_bytes(&db) == before, "{file}: the database file changed");
    }
}

#[test]
fn formula_cells_are_stored_verbatim_and_neutralised_on_export() {
    let tmp = tempfile::tempdir().unwrap();
    let db = new_db(tmp.path(), "q.db", Some(&own("formula.csv")));
    let store = Store::open(&db).unwrap();
    let c = stored(&store, find_customer(&store, "", "13800112234", "", "")[0]);
    assert_eq!((c.name.as_str(), c.remark.as_str()), ("@王五", "=1+1"));
    drop(store);
    let rows = assert_csv_is_safe(&export_via_cli(tmp.path(), &db, "csv"));
    assert_eq!((&rows[0][0], &rows[0][1]), ("'@王五", "'=1+1"));
}

#[test]
fn reimport_creates_nothing_and_undo_in_reverse_empties_the_book() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("q.db")).unwrap();
    let file = own("customers_utf8.csv");
    let first = import(&mut store, &file, DedupPolicy::Merge).unwrap();
    assert_eq!((first.rows, first.created), (4, 3));
    let after_first = (export_json(&store), dump(&store));
    let second = import(&mut store, &file, DedupPolicy::Merge).unwrap();
    assert_eq!((second.created, second.updated), (0, 3));
    assert_eq!(count(&store, "customers"), 3);
    undo(&mut store, second.batch);
    assert_eq!((export_json(&store), dump(&store)), after_first);
    undo(&mut store, first.batch);
    for table in [
        "customers",
        "tags",
        "staff",
        "customer_tags",
        "customer_staff",
    ] {
        assert_eq!(count(&store, table), 0, "{table} after undoing both");
    }
    assert_eq!(search::search(store.conn(), "张三", 10).unwrap().total, 0);
    let history = imports::history(store.conn(), 10).unwrap();
    assert!(history.iter().all(|b| b.undone), "{history:?}");
}

#[test]
fn undoing_an_overlapping_import_restores_exactly_the_first_state() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("q.db")).unwrap();
    import(&mut store, &own("customers_utf8.csv"), DedupPolicy::Merge).unwrap();
    let a = (export_json(&store), dump(&store));
    // Fills 李四's empty remark, adds a tag to 张三, names 林晓雯's account, adds 王五.
    let b_file = write_file(
        tmp.path(),
        "b.csv",
        "客户名称,客户备注,添加人,添加人账号,添加时间,企业标签,手机,external_userid\n\
         李四,李姐-杭州,王浩然,WangHaoRan,2024-03-06 09:15:30,老客,0571-5550 1879,\n\
         张三,,林晓雯,LinXiaoWen,2024-03-05 14:02,茶具,13800123456,wm_a\n\
         王五,新朋友,新同事,XinTongShi,2024-03-09 10:00,新标签,13900001111,wm_new\n",
    );
    let b = import(&mut store, &b_file, DedupPolicy::Merge).unwrap();
    assert_eq!((b.created, b.updated), (1, 2));
    let lisi = stored(&store, find_customer(&store, "", "057155501879", "", "")[0]);
    assert_eq!(lisi.remark, "李姐-杭州");
    assert_ne!(export_json(&store), a.0);
    undo(&mut store, b.batch);
    assert_eq!(export_json(&store), a.0);
    assert_eq!(dump(&store), a.1);
}

/// Undoing an older batch first must not take away a tag or staff member a newer batch still uses.
#[test]
fn undoing_an_older_batch_keeps_tags_and_staff_a_newer_batch_uses() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("q.db")).unwrap();
    let first = write_file(
        tmp.path(),
        "first.csv",
        "客户名称,添加人,企业标签,手机
张三,林晓雯,新标签,13800123456
",
    );
    let second = write_file(
        tmp.path(),
        "second.csv",
        "客户名称,添加人,企业标签,手机
李四,林晓雯,新标签,13900001111
",
    );
    let a = import(&mut store, &first, DedupPolicy::Merge).unwrap();
    import(&mut store, &second, DedupPolicy::Merge).unwrap();
    undo(&mut store, a.batch);
    let lisi = stored(&store, find_customer(&store, "", "13900001111", "", "")[0]);
    assert_eq!(lisi.tags, BTreeSet::from(["新标签".to_string()]));
    assert_eq!(lisi.staff.len(), 1, "{:?}", lisi.staff);
    assert!(find_customer(&store, "", "13800123456", "", "").is_empty());
}

/// The three policies on one stored customer (matched by external id) and a second file.
#[test]
fn dedup_policies_skip_overwrite_and_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let base = write_file(
        tmp.path(),
        "base.csv",
        "客户名称,客户备注,描述,性别,添加人,添加时间,来源,企业标签,手机,企业,external_userid\n\
         张三,张总,,男,林晓雯,2024-03-05 14:02:00,门店,VIP,13800123456,,wm_a\n",
    );
    let update = write_file(
        tmp.path(),
        "update.csv",
        "客户名称,客户备注,描述,性别,添加人,添加时间,来源,企业标签,手机,企业,external_userid\n\
         张三丰,新备注,新描述,女,王浩然,2024-03-01 10:00:00,,老客,13900009999,青禾贸易,wm_a\n",
    );
    let run_policy = |policy: DedupPolicy| {
        let mut store = Store::open(&tmp.path().join(format!("{}.db", policy.key()))).unwrap();
        import(&mut store, &base, DedupPolicy::Merge).unwrap();
        let before = all_stored(&store);
        let report = import(&mut store, &update, policy).unwrap();
        let after = all_stored(&store);
        assert_eq!(after.len(), 1, "{policy:?}");
        (report, before[0].clone(), after[0].clone())
    };

    let (report, before, after) = run_policy(DedupPolicy::Skip);
    assert_eq!((report.created, report.updated, report.skipped), (0, 0, 1));
    assert_eq!(after, before, "skip changes nothing");

    let (report, before, after) = run_policy(DedupPolicy::Overwrite);
    assert_eq!((report.created, report.updated), (0, 1));
    let want = Stored {
        name: "张三丰".into(),
        remark: "新备注".into(),
        description: "新描述".into(),
        gender: "female",
        phone: Some("13900009999".into()),
        corp: "青禾贸易".into(),
        source: "门店".into(), // the incoming value is empty: kept
        added_at: Some("2024-03-01T10:00:00+08:00".into()),
        staff: after.staff.clone(),
        tags: ["VIP", "老客"].map(String::from).into(),
        ..before.clone()
    };
    assert_eq!(after, want);
    assert_eq!(after.staff.len(), 2);

    let (report, before, after) = run_policy(DedupPolicy::Merge);
    assert_eq!((report.created, report.updated), (0, 1));
    let want = Stored {
        description: "新描述".into(),
        corp: "青禾贸易".into(),
        added_at: Some("2024-03-01T10:00:00+08:00".into()),
        staff: [
            ("林晓雯", "2024-03-05T14:02:00+08:00"),
            ("王浩然", "2024-03-01T10:00:00+08:00"),
        ]
        .map(|(n, t)| (n.to_string(), Some(t.to_string())))
        .into(),
        tags: ["VIP", "老客"].map(String::from).into(),
        ..before
    };
    assert_eq!(after, want, "merge fills empty fields only");
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = new_db(tmp.path(), "q.db", Some(&own("customers_utf8.csv")));
    let mut text = String::from("客户名称,客户备注,添加人,添加时间,企业标签,手机\n");
    for i in 0..600 {
        text.push_str(&format!(
            "客户{i},备注{i},林晓雯,2024-03-05 14:02,新标签{},139{i:08}\n",
            i % 7
        ));
    }
    let big = write_file(tmp.path(), "600.csv", &text);
    let before = db_bytes(&db);
    let mut store = Store::open(&db).unwrap();
    let reporter = Reporter::silent();
    reporter.cancel();
    let request = ContactImportRequest::new(&big, beijing());
    let err = run(&mut store, &request, &reporter).unwrap_err();
    assert!(matches!(err, ImportFailure::Cancelled), "{err}");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(count(&store, "customers"), 3);
    assert_eq!(count(&store, "import_batches"), 1);
    drop(store);
    assert!(db_bytes(&db) == before, "the database file changed");
}

#[test]
fn own_export_round_trips_through_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let db = new_db(tmp.path(), "a.db", Some(&own("customers_utf8.csv")));
    let original = all_stored(&Store::open(&db).unwrap());
    let bytes = export_via_cli(tmp.path(), &db, "csv");
    assert_csv_is_safe(&bytes);
    let path = write_bytes(tmp.path(), "export.csv", &bytes);
    let mut fresh = Store::open(&tmp.path().join("b.db")).unwrap();
    import(&mut fresh, &path, DedupPolicy::Merge).unwrap();
    assert_eq!(all_stored(&fresh), original);
    let json: Vec<Value> =
        serde_json::from_slice(&export_via_cli(tmp.path(), &db, "json")).unwrap();
    assert_eq!(json.len(), 3);
    json.iter().for_each(assert_json_shape);
    let zhang = json.iter().find(|c| c["external_id"] == "wm_a").unwrap();
    assert_eq!(zhang["staff"], serde_json::json!(["王浩然", "林晓雯"]));
    assert_eq!(zhang["added_at"], "2024-03-01T00:00:00+08:00");
}

#[test]
fn cli_import_json_broken_file_and_undo() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    let db = home.join("cli.db");
    let file = own("customers_utf8.csv");
    let output = qunzhu(
        home,
        &[
            "import",
            p(&file),
            "--db",
            p(&db),
            "--json",
            "--tz",
            "+08:00",
        ],
    );
    assert_success(&output);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1, "{stdout}");
    let report: Value = serde_json::from_str(stdout.trim()).unwrap();
    let keys: BTreeSet<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let want: BTreeSet<&str> = [
        "kind", "format", "encoding", "rows", "created", "updated", "merged", "skipped",
        "rejected", "batch",
    ]
    .into();
    assert_eq!(keys, want);
    // One row is the same customer again: rows = created + updated + merged + skipped + rejected.
    assert_eq!(report["merged"], 1);
    assert_eq!(report["kind"], "contacts");
    assert_eq!(report["format"], "csv");
    assert_eq!(report["encoding"], "UTF-8");
    assert_eq!(
        (report["rows"].as_u64(), report["created"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(report["rejected"], serde_json::json!([]));

    let before = db_bytes(&db);
    let output = qunzhu(
        home,
        &["import", p(&own("broken_quotes.csv")), "--db", p(&db)],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("csv_unterminated_quote"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(
        db_bytes(&db) == before,
        "a refused import changed the database file"
    );

    let batch = report["batch"].as_i64().unwrap().to_string();
    let output = qunzhu(home, &["undo-import", &batch, "--db", p(&db)]);
    assert_success(&output);
    let store = Store::open(&db).unwrap();
    assert_eq!(count(&store, "customers"), 0);
    let undone = store
        .conn()
        .query_row(
            "SELECT undone_at FROM import_batches WHERE id = ?1",
            [&batch],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()
        .unwrap();
    assert!(matches!(undone, Some(Some(_))), "{undone:?}");
    drop(store);
    let again = qunzhu(home, &["undo-import", &batch, "--db", p(&db)]);
    assert!(!again.status.success(), "a batch can be undone only once");
}

fn index_sql(store: &Store) -> Vec<String> {
    store
        .conn()
        .prepare("SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A first import into an empty book builds some indexes once at the end instead of row by row:
/// whether it finishes or is cancelled, the schema is what it was, and the indexes are used.
#[test]
fn a_first_import_leaves_every_index_in_place_finished_or_cancelled() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("first.db")).unwrap();
    let schema = index_sql(&store);
    assert!(schema.iter().any(|s| s.starts_with("customer_tags_by_tag")));

    let reporter = Reporter::silent();
    reporter.cancel();
    let request = ContactImportRequest::new(&own("customers_utf8.csv"), beijing());
    assert!(run(&mut store, &request, &reporter).is_err());
    assert_eq!(index_sql(&store), schema, "after a cancelled first import");

    import(&mut store, &own("customers_utf8.csv"), DedupPolicy::Merge).unwrap();
    assert_eq!(index_sql(&store), schema, "after a finished first import");
    let plan: String = store
        .conn()
        .query_row(
            "EXPLAIN QUERY PLAN SELECT customer_id FROM customer_tags WHERE tag_id = 1",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("customer_tags_by_tag"), "{plan}");
    let check: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn an_older_import_is_not_undone_over_a_newer_one_that_changed_the_same_customers() {
    let dir = tempfile::tempdir().unwrap();
    let first_file = dir.path().join("wecom.csv");
    let second_file = dir.path().join("shop.csv");
    std::fs::write(
        &first_file,
        "客户名称,手机,标签\n王芳,13800138001,VIP\n李建国,13905712345,\n",
    )
    .unwrap();
    std::fs::write(
        &second_file,
        "客户名称,手机,描述\n王芳,13800138001,爱喝白茶\n",
    )
    .unwrap();
    let mut store = Store::open(&dir.path().join("book.db")).unwrap();
    let first = import(&mut store, &first_file, DedupPolicy::Merge).unwrap();
    let second = import(&mut store, &second_file, DedupPolicy::Merge).unwrap();
    assert_eq!((first.created, second.updated), (2, 1));

    let refused = store
        .write(|tx| imports::undo_batch(tx, first.batch))
        .unwrap_err();
    match &refused {
        qunzhu::store::StoreError::NewerImportsFirst { batch, newer } => {
            assert_eq!(
                (*batch, newer.as_slice()),
                (first.batch, &[second.batch][..])
            );
        }
        other => panic!("{other}"),
    }
    assert!(refused.to_string().contains(&second.batch.to_string()));
    assert_eq!(count(&store, "customers"), 2, "nothing was changed");

    // In order it works, and each undo takes back exactly its own writes.
    undo(&mut store, second.batch);
    let description: String = store
        .conn()
        .query_row(
            "SELECT description FROM customers WHERE name = '王芳'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(description, "");
    undo(&mut store, first.batch);
    assert_eq!(count(&store, "customers"), 0);
}

#[test]
fn a_customers_tags_come_out_in_the_order_first_seen_not_by_tag_id() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tags.csv");
    // 年卡 is created before VIP (by 李四), but 王芳 names VIP first, then 普洱 in a later row.
    std::fs::write(
        &file,
        "客户名称,手机,标签\n李四,13900000000,年卡、VIP\n王芳,13800138001,VIP、年卡\n王芳,13800138001,普洱\n",
    )
    .unwrap();
    let second = dir.path().join("more.csv");
    std::fs::write(&second, "客户名称,手机,标签\n王芳,13800138001,白茶、VIP\n").unwrap();
    let mut store = Store::open(&dir.path().join("book.db")).unwrap();
    import(&mut store, &file, DedupPolicy::Merge).unwrap();
    import(&mut store, &second, DedupPolicy::Merge).unwrap();
    let exported = export_json(&store);
    let wang: Value = exported
        .iter()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|c| c["name"] == "王芳")
        .unwrap();
    let tags: Vec<&str> = wang["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["VIP", "年卡", "普洱", "白茶"]);
}
