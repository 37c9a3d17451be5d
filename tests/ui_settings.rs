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
