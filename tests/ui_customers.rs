//! The customer book, driven like a user would: click by label, type, look at what is shown.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use egui_kittest::kittest::Queryable;
use qunzhu::domain::customer::Customer;
use qunzhu::domain::note::NoteKind;
use qunzhu::domain::time::Stamp;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::{Store, customers, notes, search, tags};
use support::ui::AppUnderTest;

fn add(store: &Store, name: &str, remark: &str, added_unix: i64) -> i64 {
    customers::create(
        store.conn(),
        &Customer {
            name: name.into(),
            remark: remark.into(),
            added_at: Some(Stamp {
                unix_s: added_unix,
                offset_min: 480,
            }),
            ..Customer::default()
        },
    )
    .unwrap()
}

/// Three customers: 王小明 (上海), 李四 (北京), 张三 (杭州), newest last.
fn three(store: &mut Store) {
    add(store, "王小明", "王小明-上海-白茶", 1_700_000_000);
    add(store, "李四", "李四-北京-普洱", 1_700_100_000);
    add(store, "张三", "张三-杭州-绿茶", 1_700_200_000);
}

#[test]
fn an_empty_book_says_how_to_start() {
    let mut ui = AppUnderTest::new_zh();
    assert!(ui.sees("欢迎使用群主"));
    assert!(ui.sees("共 0 位客户"));
    for way in ["导入文件…", "打开演示数据", "手动添加客户"] {
        assert!(
            ui.h.query_by_role_and_label(egui::accesskit::Role::Button, way)
                .is_some(),
            "{way}"
        );
    }
    assert!(!ui.sees("标签筛选"), "no filter bar over an empty table");
    // The dialog may not open (no portal): a pasted path opens on the import screen.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有.csv");
    ui.type_into(
        "文件对话框打不开？把文件路径粘贴到这里：",
        &format!("\"{}\"", missing.display()),
    );
    ui.click_button("打开");
    assert!(
        ui.sees_containing("找不到文件"),
        "toast: {:?}",
        ui.app().toast_texts()
    );
    let csv = dir.path().join("客户.csv");
    std::fs::write(&csv, "客户名称,手机号\n王芳,13800138001\n").unwrap();
    ui.replace_in(
        "文件对话框打不开？把文件路径粘贴到这里：",
        &csv.display().to_string(),
    );
    ui.click_button("打开");
    assert!(ui.sees("开始导入"), "the file is on the review");
    assert!(ui.sees("客户.csv"));
}

#[test]
fn the_first_run_opens_a_demo_book_beside_the_data_file_and_adds_by_hand() {
    let mut ui = AppUnderTest::new_zh();
    ui.click_button("打开演示数据");
    assert!(
        ui.sees("共 2000 位客户"),
        "toast: {:?}",
        ui.app().toast_texts()
    );
    assert!(ui.store().path().ends_with("qunzhu-demo.db"));
    assert!(ui.sees_containing("已打开演示数据"));
    let mut ui = AppUnderTest::new_zh();
    ui.click_button("手动添加客户");
    assert!(ui.sees("共 1 位客户"));
}

#[test]
fn create_a_customer_and_edit_the_remark() {
    let mut ui = AppUnderTest::new_zh();
    ui.click_button("新建客户");
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 1);
    assert!(ui.sees("共 1 位客户"));
    assert!(ui.sees("已新建客户"), "toast: {:?}", ui.app().toast_texts());

    ui.type_into("备注名", "王总-上海-VIP");
    ui.click_button("保存");
    let id = customers::list_ids(ui.store().conn(), &Default::default()).unwrap()[0];
    assert_eq!(
        customers::get(ui.store().conn(), id).unwrap().remark,
        "王总-上海-VIP"
    );
    // The table row shows the new remark.
    assert!(
        ui.count_of("王总-上海-VIP") >= 2,
        "table cell and detail heading"
    );
}

#[test]
fn ctrl_n_creates_a_customer() {
    let mut ui = AppUnderTest::new_zh();
    ui.press_command(egui::Key::N);
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 1);
}

#[test]
fn add_a_new_tag_and_a_note_to_a_customer() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    ui.click_text("李四");
    assert!(ui.sees("李四-北京-普洱"));

    ui.type_into("添加标签", "高价值");
    ui.press(egui::Key::Enter);
    let id = search::search(ui.store().conn(), "李四", 5).unwrap().hits[0].id;
    let tag_names: Vec<String> = tags::of_customer(ui.store().conn(), id)
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(tag_names, vec!["高价值".to_string()]);
    assert!(
        ui.sees("移除标签 高价值"),
        "the chip with its remove button is shown"
    );

    ui.click_button("咨询");
    ui.type_into("添加笔记", "问了白茶饼的保存方法");
    ui.h.get_by_role_and_label(egui::accesskit::Role::Button, "添加笔记")
        .click();
    ui.settle();
    let saved = notes::for_customer(ui.store().conn(), id).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].kind, NoteKind::Inquiry);
    assert!(ui.sees("问了白茶饼的保存方法"));
}

#[test]
fn a_two_character_query_finds_the_customer() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    assert!(ui.sees("共 3 位客户"));
    ui.type_into("搜索", "上海");
    assert!(ui.sees("1 / 3 位客户"));
    assert!(ui.sees("王小明"));
    assert!(!ui.sees("李四"));
    assert_eq!(ui.app_listed().len(), 1);
}

#[test]
fn a_one_character_query_finds_by_surname() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    ui.type_into("搜索", "张");
    assert!(ui.sees("1 / 3 位客户"));
    assert!(ui.sees("张三"));
}

#[test]
fn delete_a_customer_then_undo() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        three(store);
        notes::add(
            store.conn(),
            1,
            NoteKind::Other,
            "独一无二的词",
            Stamp::now(),
        )
        .unwrap();
    });
    ui.click_text("王小明");
    // Beside delete: everything held about them, as the PIPL lets a customer ask for.
    assert!(
        ui.h.query_by_role_and_label(egui::accesskit::Role::Button, "导出该客户的全部数据…")
            .is_some()
    );
    ui.click_button("删除客户");
    assert!(ui.sees("已删除 1 位客户"));
    assert!(!ui.sees("王小明"));
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 2);
    assert_eq!(
        search::search(ui.store().conn(), "独一无二", 5)
            .unwrap()
            .total,
        0
    );

    ui.click_button("撤销");
    assert!(ui.sees("王小明"));
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 3);
    assert_eq!(
        search::search(ui.store().conn(), "独一无二", 5)
            .unwrap()
            .total,
        1
    );
    assert_eq!(notes::for_customer(ui.store().conn(), 1).unwrap().len(), 1);
}

#[test]
fn delete_a_note_then_undo_with_ctrl_z() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        three(store);
        notes::add(
            store.conn(),
            2,
            NoteKind::Purchase,
            "买了两饼普洱",
            Stamp::now(),
        )
        .unwrap();
    });
    ui.click_text("李四");
    assert!(ui.sees("买了两饼普洱"));
    ui.click_button("删除");
    assert!(!ui.sees("买了两饼普洱"));
    assert!(ui.sees("已删除笔记"));
    ui.press_command(egui::Key::Z);
    assert!(ui.sees("买了两饼普洱"));
}

#[test]
fn bulk_tag_several_selected_customers() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    ui.click_text("王小明");
    ui.command_click_text("张三");
    assert!(ui.sees("已选 2 位"));
    ui.type_into("批量标签", "双11");
    ui.click_button("加到所选");
    let tagged = ui.store().conn().query_row(
        "SELECT count(*) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = '双11'",
        [],
        |r| r.get::<_, i64>(0),
    );
    assert_eq!(tagged.unwrap(), 2);
    assert!(ui.sees("已为 2 位客户添加标签“双11”"));

    ui.click_button("撤销");
    let tagged = ui
        .store()
        .conn()
        .query_row("SELECT count(*) FROM customer_tags", [], |r| {
            r.get::<_, i64>(0)
        });
    assert_eq!(tagged.unwrap(), 0);
}

#[test]
fn bulk_enrol_into_a_custom_date_journey_asks_for_the_date() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        three(store);
        support::ui::birthday_journey(store);
    });
    ui.click_text("王小明");
    ui.command_click_text("张三");
    assert!(!ui.sees("自定义日期（生日、活动日等）"));
    ui.choose("旅程", "生日关怀");
    assert!(
        ui.sees("自定义日期（生日、活动日等）"),
        "the date is asked for"
    );
    ui.click_button("加入旅程");
    let due: Vec<String> = ui
        .store()
        .conn()
        .prepare("SELECT due FROM followup_tasks")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(
        due,
        [today.clone(), today],
        "both got the step, due on the date"
    );
}

#[test]
fn shift_click_selects_a_range_and_delete_key_removes_it() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    // Newest first: 张三, 李四, 王小明.
    ui.click_text("张三");
    ui.h.get_by_label("王小明")
        .click_modifiers(egui::Modifiers::SHIFT);
    ui.settle();
    assert!(ui.sees("已选 3 位"));
    ui.press(egui::Key::Delete);
    assert_eq!(customers::count_all(ui.store().conn()).unwrap(), 0);
    assert!(ui.sees("已删除 3 位客户"));
}

#[test]
fn sorting_by_name_changes_the_order() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    // Newest first by default.
    assert_eq!(ui.app_listed(), vec![3, 2, 1]);
    ui.click_button("添加时间 ▼");
    assert_eq!(ui.app_listed(), vec![1, 2, 3]);
    assert!(ui.sees("添加时间 ▲"));
    ui.click_button("备注名");
    // 张 (U+5F20) < 李 (U+674E) < 王 (U+738B)
    assert_eq!(ui.app_listed(), vec![3, 2, 1]);
    assert!(ui.sees("备注名 ▲"));
}

trait Listed {
    fn app_listed(&self) -> Vec<i64>;
}

impl Listed for AppUnderTest {
    fn app_listed(&self) -> Vec<i64> {
        self.app().listed_customer_ids().to_vec()
    }
}

/// 清除筛选 clears the search as well; a customer created while a search hides everyone else
/// shows (the search gives way) with their detail panel open.
#[test]
fn clear_filters_clears_the_search_and_a_new_customer_is_never_hidden() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, three);
    ui.type_into("搜索", "张三");
    assert!(ui.sees("1 / 3 位客户"));
    ui.click_button("清除筛选");
    assert!(ui.sees("共 3 位客户"), "the search is cleared too");
    assert!(ui.sees("李四"));
    ui.type_into("搜索", "张三");
    assert!(ui.sees("1 / 3 位客户"));
    ui.click_button("新建客户");
    assert!(
        ui.sees("共 4 位客户"),
        "the search gave way to the new customer"
    );
    assert!(ui.sees("删除客户"), "the new customer's panel is open");
}

/// Typing a tag's name finds the customers with that tag, though no field of theirs holds it.
#[test]
fn searching_a_tag_name_finds_the_customers_with_that_tag() {
    let mut ui = AppUnderTest::with_data(Lang::Zh, |store| {
        three(store);
        let conn = store.conn();
        let tag = qunzhu::store::tags::ensure(conn, "老客", None).unwrap();
        let first = customers::list_ids(conn, &Default::default()).unwrap()[0];
        qunzhu::store::tags::add_to(conn, &[first], tag, qunzhu::store::tags::TagSource::Manual)
            .unwrap();
    });
    ui.type_into("搜索", "老客");
    assert!(ui.sees("1 / 3 位客户"));
}
