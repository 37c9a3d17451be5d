//! The window as a whole: navigation, empty screens that explain themselves, language switch.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use qunzhu::gui::i18n::Lang;
use qunzhu::gui::screens::ScreenId;
use support::ui::AppUnderTest;

#[test]
fn every_navigation_entry_opens_its_screen() {
    let mut ui = AppUnderTest::new_zh();
    for (label, screen) in [
        ("导入", ScreenId::Import),
        ("内容日历", ScreenId::Content),
        ("KOC", ScreenId::Koc),
        ("社群健康", ScreenId::Health),
        ("跟进", ScreenId::Followups),
        ("设置", ScreenId::Settings),
        ("客户", ScreenId::Customers),
    ] {
        ui.go_to(label);
        assert_eq!(ui.app().screen(), screen, "after clicking {label}");
    }
}

#[test]
fn screens_on_an_empty_database_say_how_data_gets_there() {
    let mut ui = AppUnderTest::new_zh();
    // KOC is built: with nobody in a role the board says how to start.
    ui.go_to("KOC");
    assert!(ui.sees_containing("还没有人担任角色"));
    assert!(!ui.sees_containing("即将推出"));
    // 社群健康 is built: on an empty database it says how groups get there.
    ui.go_to("社群健康");
    assert!(ui.sees_containing("还没有社群"));
    // 跟进 is built: on an empty database it explains how tasks get there.
    ui.go_to("跟进");
    assert!(ui.sees_containing("今天没有要跟进的客户"));
}

#[test]
fn switching_to_english_changes_the_interface_at_once() {
    let mut ui = AppUnderTest::new_zh();
    ui.go_to("设置");
    ui.click_button("English");
    assert!(ui.sees("Settings"));
    ui.go_to("Customers");
    assert!(ui.sees("New customer"));
    assert!(!ui.sees("新建客户"));
    ui.go_to("Settings");
    ui.click_button("中文");
    assert!(
        ui.sees("新建客户") || {
            ui.go_to("客户");
            ui.sees("新建客户")
        }
    );
}

#[test]
fn the_english_interface_renders_chinese_data() {
    let mut ui = AppUnderTest::with_data(Lang::En, |store| {
        qunzhu::store::customers::create(
            store.conn(),
            &qunzhu::domain::customer::Customer {
                name: "小樱🌸".into(),
                remark: "小樱-杭州-白茶".into(),
                ..Default::default()
            },
        )
        .unwrap();
    });
    assert!(ui.sees("1 customer"));
    ui.click_text("小樱🌸");
    assert!(ui.sees("Remark name"));
    assert!(ui.count_of("小樱-杭州-白茶") >= 2);
}

#[test]
fn settings_show_the_data_file_and_schema() {
    let mut ui = AppUnderTest::new_zh();
    ui.go_to("设置");
    let path = ui.store().path().display().to_string();
    assert!(ui.sees(&path));
    assert!(ui.sees(&qunzhu::store::SCHEMA_VERSION.to_string()));
}
