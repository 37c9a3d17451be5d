//! The settings screen: backups made and restored with confirmation, phone masking.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use egui_kittest::kittest::Queryable;
use qunzhu::domain::customer::Customer;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::customers;
use support::ui::AppUnderTest;

fn one_customer(store: &mut qunzhu::store::Store) {
    customers::create(
        store.conn(),
        &Customer {
            name: "王小明".into(),
            phone: Some("13800123456".into()),
            ..Customer::default()
        },
    )
    .unwrap();
}

#[test]
fn back_up_now_then_restore_with_confirmation() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_customer);
    ui.go_to("设置");
    assert!(ui.sees_containing("还没有备份"));
    ui.click_button("立即备份");
    assert!(
        ui.sees_containing("1 位客户"),
        "the new backup is listed with its count"
    );

    // A customer added after the backup is gone once the backup is restored.
    ui.go_to("客户");
    ui.click_button("新建客户");
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 2);
    ui.go_to("设置");
    ui.click_button("恢复…");
    assert!(ui.sees("恢复备份？"));
    ui.click_button("恢复");
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 1);
    assert!(ui.sees_containing("已恢复备份"));
}

#[test]
fn cancelling_the_restore_changes_nothing() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_customer);
    ui.go_to("设置");
    ui.click_button("立即备份");
    ui.go_to("客户");
    ui.click_button("新建客户");
    ui.go_to("设置");
    ui.click_button("恢复…");
    ui.click_button("取消");
    assert!(!ui.sees("恢复备份？"));
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 2);
}

#[test]
fn masking_hides_the_middle_of_phone_numbers() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_customer);
    ui.click_text("王小明");
    assert!(ui.h.query_all_by_value("13800123456").next().is_some());
    assert!(!ui.sees("138****3456"));
    ui.go_to("设置");
    ui.h.get_by_label("隐藏手机号中间四位（138****1234）")
        .click();
    ui.settle();
    ui.go_to("客户");
    assert!(ui.sees("138****3456"));
}

/// A restore asked for while the window's own import job is writing is refused with a message;
/// the import then commits whole and nothing it wrote is lost.
#[test]
fn a_restore_while_an_import_runs_is_refused_and_the_import_kept() {
    use qunzhu::store::lock::{LockError, Wait, WriterLock};
    let mut ui = AppUnderTest::with_data(Lang::Zh, one_customer);
    ui.go_to("设置");
    ui.click_button("立即备份");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("big.csv");
    let mut text = String::from("客户名称,手机\n");
    for i in 0..20_000 {
        text.push_str(&format!("客户{i},139{i:08}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    ui.h.state_mut().open_import_file(&csv);
    ui.settle();
    ui.h.get_by_role_and_label(egui::accesskit::Role::Button, "开始导入")
        .click();
    ui.h.step();
    // Wait until the worker holds the writer lock, as the import does until it commits.
    let db = ui.store().path().to_path_buf();
    let mut writing = false;
    for _ in 0..2_000 {
        ui.h.step();
        if matches!(WriterLock::acquire(&db, Wait::No), Err(LockError::Busy(_))) {
            writing = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(writing, "the import job takes the writer lock");
    assert!(ui.app().import_running());

    ui.go_to("设置");
    ui.click_button("恢复…");
    ui.click_button("恢复");
    assert!(
        ui.sees_containing("正在导入（或恢复、撤销）中"),
        "the restore is refused while the import writes"
    );
    ui.wait_for_import();
    assert_eq!(
        customers::count_all(ui.store().conn()).unwrap(),
        20_001,
        "every imported row is kept"
    );
}
