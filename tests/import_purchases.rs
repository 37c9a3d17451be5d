//! Order exports through the whole pipeline (`jobs::purchase_import::run`) into real database
//! files: detection, buyer matching (customer ID, phone, name), amounts, rejected rows with their
//! row numbers, idempotent re-imports with and without order numbers, follow-ups brought due by
//! the purchases, and undo (purchases and those follow-ups gone, worked-on tasks kept).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::{Path, PathBuf};

use chrono::{Duration, Local};

use qunzhu::domain::time::Stamp;
use qunzhu::import::{CHINA_STANDARD_TIME, FileKind, detect_path};
use qunzhu::jobs::Reporter;
use qunzhu::jobs::contact_import::{self, ContactImportRequest, ImportFailure, ImportReport};
use qunzhu::jobs::purchase_import::{PurchaseImportRequest, run};
use qunzhu::store::{Store, customers, followups, imports, journeys, purchases};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A database holding the customers of `customers_utf8.csv` (张三 wm_a, 李四, Tony,王).
fn book() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db")).unwrap();
    let request = ContactImportRequest::new(&fixture("customers_utf8.csv"), CHINA_STANDARD_TIME);
    contact_import::run(&mut store, &request, &Reporter::silent()).unwrap();
    (dir, store)
}

fn import(store: &mut Store, path: &Path) -> Result<ImportReport, ImportFailure> {
    let request = PurchaseImportRequest {
        path: path.to_path_buf(),
        sheet: None,
        encoding: None,
        tz: CHINA_STANDARD_TIME,
        columns: None,
    };
    run(store, &request, &Reporter::silent())
}

fn customer_named(store: &Store, name: &str) -> i64 {
    store
        .conn()
        .query_row("SELECT id FROM customers WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

fn purchase_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM purchases", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn order_exports_are_detected_as_purchases_in_either_encoding() {
    let utf8 = detect_path(&fixture("purchases_utf8_bom.csv")).unwrap();
    assert_eq!(utf8.kind, FileKind::Purchases);
    assert_eq!(
        utf8.encoding.map(|e| e.label()).as_deref(),
        Some("UTF-8 with BOM")
    );
    let gbk = detect_path(&fixture("purchases_gbk.csv")).unwrap();
    assert_eq!(gbk.kind, FileKind::Purchases);
    assert_eq!(gbk.encoding.map(|e| e.name()), Some("GBK"));
    // Customer lists stay customer lists.
    let contacts = detect_path(&fixture("customers_gbk.csv")).unwrap();
    assert_eq!(contacts.kind, FileKind::Contacts);
}

#[test]
fn buyers_are_matched_amounts_parsed_and_bad_rows_named() {
    let (_dir, mut store) = book();
    let report = import(&mut store, &fixture("purchases_utf8_bom.csv")).unwrap();
    assert_eq!(report.kind, "purchases");
    assert_eq!(
        (report.rows, report.created, report.skipped),
        (8, 4, 0),
        "the second row of order P240310001 joins its order (its items are already there)"
    );
    let rejected: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [(5, "unknown_buyer"), (6, "bad_date"), (7, "bad_amount")]
    );
    let counts = report.purchases.unwrap();
    assert_eq!(counts.amount_cents, 119_900 + 26_800 + 5_990 + 9_900);
    assert_eq!(counts.customers, 3);
    assert_eq!(
        (
            counts.matched_by_external_id,
            counts.matched_by_phone,
            counts.matched_by_name
        ),
        (2, 1, 1),
        "rows that join an order are not matched again"
    );

    let zhang = purchases::for_customer(store.conn(), customer_named(&store, "张三")).unwrap();
    assert_eq!(zhang.len(), 2);
    // Newest first: the serial date 45371.5 is 2024-03-20 12:00.
    assert_eq!(zhang[0].at.local_day().to_string(), "2024-03-20");
    assert_eq!((zhang[0].amount_cents, zhang[0].discounted), (9_900, false));
    assert_eq!(zhang[1].items, "白茶饼 ×2");
    assert_eq!(
        (zhang[1].amount_cents, zhang[1].discounted),
        (119_900, true),
        "实付金额 is what was paid; 优惠金额 100 marks a discount"
    );
    let li = purchases::for_customer(store.conn(), customer_named(&store, "李四")).unwrap();
    assert_eq!(li.len(), 1, "李四 found by the landline 0571-5550 1879");
    let tony = purchases::for_customer(store.conn(), customer_named(&store, "Tony,王")).unwrap();
    assert_eq!(tony[0].amount_cents, 5_990);
}

#[test]
fn importing_twice_adds_nothing_with_or_without_order_numbers() {
    let (_dir, mut store) = book();
    for name in ["purchases_utf8_bom.csv", "purchases_gbk.csv"] {
        let first = import(&mut store, &fixture(name)).unwrap();
        assert!(first.created > 0, "{name}");
        let before = purchase_count(&store);
        let again = import(&mut store, &fixture(name)).unwrap();
        assert_eq!(again.created, 0, "{name}");
        assert_eq!(
            again.skipped as usize,
            again.rows - again.rejected.len(),
            "{name}: every readable row is already stored"
        );
        assert_eq!(again.skipped_by.get("duplicate"), Some(&again.skipped));
        assert_eq!(purchase_count(&store), before, "{name}");
    }
    let gbk_rows: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM purchases WHERE order_no IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gbk_rows, 2, "the GBK file's repeated row is one purchase");
}

#[test]
fn a_customer_list_is_refused_and_nothing_changes() {
    let (_dir, mut store) = book();
    let err = import(&mut store, &fixture("customers_utf8.csv")).unwrap_err();
    assert_eq!(err.code(), "wrong_kind");
    assert_eq!(purchase_count(&store), 0);
    let history = imports::history(store.conn(), 10).unwrap();
    assert_eq!(history.len(), 1, "no batch was opened");
}

/// An order file dated `days_ago` days before today, bought by 张三.
fn recent_order_file(dir: &Path, days_ago: i64) -> PathBuf {
    let day = Local::now().date_naive() - Duration::days(days_ago);
    let path = dir.join("recent_orders.csv");
    let text = format!(
        "订单号,下单时间,外部联系人ID,金额,商品\nR1,{} 10:00,wm_a,128,白茶饼\n",
        day.format("%Y-%m-%d")
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn purchases_bring_follow_ups_due_and_undo_takes_them_back() {
    let (dir, mut store) = book();
    let zhang = customer_named(&store, "张三");
    let care = journeys::list(store.conn())
        .unwrap()
        .into_iter()
        .find(|j| j.name == "已购关怀")
        .unwrap()
        .id;
    store
        .write(|tx| followups::enrol(tx, care, &[zhang], None, Stamp::now()).map(|_| ()))
        .unwrap();
    let open = |store: &Store| {
        followups::for_customer(store.conn(), zhang)
            .unwrap()
            .into_iter()
            .filter(|t| t.journey == "已购关怀")
            .count()
    };
    assert_eq!(open(&store), 0, "no purchase yet: the steps wait");

    let report = import(&mut store, &recent_order_file(dir.path(), 2)).unwrap();
    let counts = report.purchases.unwrap();
    assert_eq!(counts.tasks_created, 3, "T+1, T+7 and T+21");
    assert_eq!(open(&store), 3);

    // Work on one task, then undo the import.
    let task = followups::for_customer(store.conn(), zhang).unwrap()[0].id;
    store
        .write(|tx| followups::skip(tx, task, "已电话沟通", Stamp::now()).map(|_| ()))
        .unwrap();
    store
        .write(|tx| imports::undo_batch(tx, report.batch).map(|_| ()))
        .unwrap();
    assert!(
        purchases::for_customer(store.conn(), zhang)
            .unwrap()
            .is_empty()
    );
    let left = followups::for_customer(store.conn(), zhang).unwrap();
    assert_eq!(
        left.iter().map(|t| t.id).collect::<Vec<_>>(),
        [task],
        "the open tasks the import created are gone; the skipped one stays"
    );
    assert!(customers::get(store.conn(), zhang).is_ok());
}

#[test]
fn the_command_line_imports_orders_and_undoes_them() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("cli.db");
    let db = db.to_str().unwrap();
    let contacts = fixture("customers_utf8.csv");
    cli_run::qunzhu_ok(
        home.path(),
        &["import", contacts.to_str().unwrap(), "--db", db],
    );
    let orders = fixture("purchases_gbk.csv");
    let out = cli_run::json(&cli_run::qunzhu(
        home.path(),
        &["import", orders.to_str().unwrap(), "--db", db, "--json"],
    ));
    assert_eq!(out["kind"], "purchases");
    assert_eq!(out["encoding"], "GBK");
    assert_eq!(
        (out["created"].as_i64(), out["skipped"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(out["purchases"]["amount_cents"], 12_800 + 6_850);
    let batch = out["batch"].as_i64().unwrap().to_string();
    cli_run::qunzhu_ok(home.path(), &["undo-import", &batch, "--db", db]);
    let again = cli_run::json(&cli_run::qunzhu(
        home.path(),
        &["import", orders.to_str().unwrap(), "--db", db, "--json"],
    ));
    assert_eq!(
        again["created"], 2,
        "undone purchases can be imported again"
    );
}
