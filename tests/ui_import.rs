//! The import screen, driven like a user would: a file arrives (dialog or drop), the detection
//! and mapping are shown, the import runs on a worker, the summary and history appear, Undo works.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use std::path::PathBuf;

use qunzhu::store::customers;
use support::ui::AppUnderTest;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn customer_count(ui: &AppUnderTest) -> i64 {
    customers::count_all(ui.store().conn()).unwrap()
}

#[test]
fn the_import_screen_starts_with_a_file_button_and_an_empty_history() {
    let mut ui = AppUnderTest::new_zh();
    ui.go_to("导入");
    assert!(ui.sees("选择文件…"));
    assert!(ui.sees("还没有导入过文件。"));
}

#[test]
fn a_gbk_csv_is_detected_previewed_imported_and_undone() {
    let mut ui = AppUnderTest::new_zh();
    ui.h.state_mut()
        .open_import_file(&fixture("customers_gbk.csv"));
    ui.settle();
    assert!(ui.sees("GBK"), "the encoding is shown");
    assert!(ui.sees("客户列表"), "the kind is shown");
    assert!(ui.sees("customers_gbk.csv"));
    assert!(ui.sees("客户名称"), "the header is shown above the mapping");

    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"), "summary shown");
    let imported = customer_count(&ui);
    assert!(imported > 0);
    assert!(ui.sees_containing(&format!("新建 {imported}")));

    // The history lists the batch; undo removes exactly what it created.
    ui.click_button("撤销这次导入");
    assert_eq!(customer_count(&ui), 0);
    assert!(ui.sees("已撤销"));
}

#[test]
fn imported_customers_appear_in_the_customer_book() {
    let mut ui = AppUnderTest::new_zh();
    ui.h.state_mut()
        .open_import_file(&fixture("customers_utf8.csv"));
    ui.settle();
    ui.start_import("开始导入");
    ui.go_to("客户");
    assert!(ui.sees("张三"));
    assert!(ui.sees_containing(&format!("共 {} 位客户", customer_count(&ui))));
}

#[test]
fn a_broken_file_gives_a_clear_message_and_changes_nothing() {
    let mut ui = AppUnderTest::new_zh();
    for (file, words) in [
        ("broken_photo.csv", "不是表格文件"),
        ("broken_truncated.xlsx", "已损坏"),
        ("broken_empty.csv", "文件是空的"),
        ("broken_quotes.csv", "引号"),
    ] {
        ui.h.state_mut().open_import_file(&fixture(file));
        ui.settle();
        assert!(
            ui.sees_containing(words),
            "{file}: expected a message containing {words}"
        );
        assert!(ui.sees("数据库没有任何改动。"), "{file}");
        assert_eq!(customer_count(&ui), 0, "{file}");
    }
}

#[test]
fn the_english_interface_explains_failures_in_english() {
    let mut ui = AppUnderTest::with_data(qunzhu::gui::i18n::Lang::En, |_| {});
    ui.h.state_mut()
        .open_import_file(&fixture("broken_empty.csv"));
    ui.settle();
    assert!(ui.sees("The file is empty."));
    assert!(ui.sees("The database was not changed."));
}

#[test]
fn an_order_export_is_recognised_imported_onto_customers_and_undone() {
    let mut ui = AppUnderTest::new_zh();
    ui.h.state_mut()
        .open_import_file(&fixture("customers_utf8.csv"));
    ui.settle();
    ui.start_import("开始导入");
    ui.click_button("再导入一个文件");

    ui.h.state_mut()
        .open_import_file(&fixture("purchases_utf8_bom.csv"));
    ui.settle();
    assert!(ui.sees("订单/购买记录"), "the kind is shown");
    assert!(
        ui.sees_containing("按 外部联系人ID → 手机号"),
        "how buyers are found"
    );
    assert!(ui.sees("实付金额"), "the amount column that was picked");
    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"));
    assert!(ui.sees_containing("共 ¥1625.90"), "the purchase summary");
    assert!(ui.sees_containing("第 5 行"), "rejected rows are listed");
    assert!(ui.sees_containing("找不到这位客户：13900000000 / 赵六"));
    let purchases = |ui: &AppUnderTest| -> i64 {
        ui.store()
            .conn()
            .query_row("SELECT count(*) FROM purchases", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(purchases(&ui), 4);

    // The newest batch is first in the history.
    ui.click_first_button("撤销这次导入");
    assert_eq!(purchases(&ui), 0);
    assert!(
        customer_count(&ui) > 0,
        "undoing the orders keeps the customers"
    );
}
