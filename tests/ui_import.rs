//! The import screen, driven like a user would: a file arrives (dialog or drop), the detection
//! and mapping are shown, the import runs on a worker, the summary and history appear, Undo works.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod support;

use std::path::PathBuf;

use egui_kittest::kittest::{NodeT, Queryable};
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
    assert_eq!(ui.choice("编码"), "GBK", "the encoding is shown");
    assert_eq!(ui.choice("文件类型"), "客户列表", "the kind is shown");
    assert!(ui.sees("customers_gbk.csv"));
    assert!(ui.sees("客户名称"), "the header is shown above the mapping");

    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"), "summary shown");
    let imported = customer_count(&ui);
    assert!(imported > 0);
    assert!(ui.sees_containing(&format!("新建 {imported}")));
    // Four rows, one of them the same customer again: the figures add up to the rows.
    assert!(
        ui.sees("共 4 行：新建 3，更新 0，同一文件内重复并入 1，跳过 0，拒绝 0"),
        "the summary adds up"
    );

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

/// After an import, one click shows just the customers it brought; the chip takes it off again.
#[test]
fn after_an_import_one_click_shows_the_customers_it_brought() {
    let mut ui = AppUnderTest::with_data(qunzhu::gui::i18n::Lang::Zh, |store| {
        customers::create(
            store.conn(),
            &qunzhu::domain::customer::Customer {
                name: "老朋友".into(),
                ..Default::default()
            },
        )
        .unwrap();
    });
    ui.h.state_mut()
        .open_import_file(&fixture("customers_gbk.csv"));
    ui.settle();
    ui.start_import("开始导入");
    ui.click_button("查看这次导入的客户");
    assert!(ui.sees("3 / 4 位客户"), "only the batch's customers");
    assert!(!ui.sees("老朋友"));
    ui.click_button("仅第 1 次导入的客户 ×");
    assert!(ui.sees("共 4 位客户"));
    assert!(ui.sees("老朋友"));
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
    assert_eq!(ui.choice("文件类型"), "订单/购买记录", "the kind is shown");
    assert!(
        ui.sees_containing("按 外部联系人ID → 手机号"),
        "how buyers are found"
    );
    assert_eq!(
        ui.choice("→ 实付金额"),
        "金额",
        "the amount column that was picked"
    );
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

/// A table no detector knows is imported as orders by choosing its kind and saying what each
/// column holds; until the needed columns are chosen, Start is disabled and says what is missing.
#[test]
fn an_unrecognised_table_is_imported_as_orders_by_mapping_its_columns_by_hand() {
    let mut ui = AppUnderTest::with_data(qunzhu::gui::i18n::Lang::Zh, |store| {
        customers::create(
            store.conn(),
            &qunzhu::domain::customer::Customer {
                name: "王小明".into(),
                phone: Some("13800138000".into()),
                ..Default::default()
            },
        )
        .unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("流水.csv");
    std::fs::write(
        &csv,
        "单据,联系方式,实收,日子,品名\n\
         A001,13800138000,128.00,2026-11-20 10:00:00,白牡丹 100g\n\
         A002,13800138000,58.50,2026-11-21 20:15:00,茶杯\n",
    )
    .unwrap();
    ui.h.state_mut().open_import_file(&csv);
    ui.settle();
    assert!(
        ui.sees_containing("无法识别：请选择文件类型"),
        "the detector says it does not know the file"
    );
    ui.choose("文件类型", "订单/购买记录");
    assert!(
        ui.sees_containing("订单需要这几列"),
        "Start says what is missing"
    );
    ui.choose("→ 单据", "订单号");
    ui.choose("→ 联系方式", "手机号");
    ui.choose("→ 实收", "金额");
    ui.choose("→ 日子", "下单时间");
    ui.choose("→ 品名", "商品");
    assert!(!ui.sees_containing("订单需要这几列"));
    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"), "summary shown");
    let (count, total): (i64, i64) = ui
        .store()
        .conn()
        .query_row(
            "SELECT count(*), sum(amount_cents) FROM purchases",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, total), (2, 18650), "both orders on 王小明");

    // Next week's export has the same headers: it opens as orders with the same columns.
    let next = dir.path().join("流水2.csv");
    std::fs::write(
        &next,
        "单据,联系方式,实收,日子,品名\nA003,13800138000,20.00,2026-11-27 09:00:00,茶点\n",
    )
    .unwrap();
    ui.h.state_mut().open_import_file(&next);
    ui.settle();
    assert!(ui.sees_containing("已按上次同样表头的文件填好类型和列对应"));
    assert_eq!(ui.choice("文件类型"), "订单/购买记录");
    assert!(!ui.sees_containing("订单需要这几列"), "Start is ready");
    ui.start_import("开始导入");
    let total: i64 = ui
        .store()
        .conn()
        .query_row("SELECT sum(amount_cents) FROM purchases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 20650);
}

/// A brand-wide daily series with unknown headers is imported as group statistics by mapping
/// its columns; as its rows name no group, the user names the group they belong to.
#[test]
fn an_unrecognised_daily_series_is_imported_as_group_statistics_into_a_named_group() {
    let mut ui = AppUnderTest::new_zh();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("每日.csv");
    std::fs::write(&csv, "日,人数,新人\n2026-11-20,240,5\n2026-11-21,243,3\n").unwrap();
    ui.h.state_mut().open_import_file(&csv);
    ui.settle();
    ui.choose("文件类型", "群统计数据");
    assert!(ui.sees_containing("群统计需要至少一列统计数字"));
    ui.choose("→ 日", "日期");
    ui.choose("→ 人数", "群成员总数");
    ui.choose("→ 新人", "新增群成员");
    assert!(
        ui.sees("这些数据属于群"),
        "a groupless series asks for its group"
    );
    ui.replace_in("群名称", "白茶1群");
    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"), "summary shown");
    let days: Vec<(String, i64, i64)> = ui
        .store()
        .conn()
        .prepare(
            "SELECT g.name, d.members, d.joins FROM group_daily_stats d \
             JOIN groups g ON g.id = d.group_id ORDER BY d.day",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        days,
        vec![
            ("白茶1群".to_string(), 240, 5),
            ("白茶1群".to_string(), 243, 3)
        ]
    );
}

/// A chat kept in a table no exporter we know writes, under headers no synonym knows (几点 / 谁 /
/// 说了啥), is imported as chat history by choosing the kind and mapping its three columns; its
/// days count as the group's.
#[test]
fn an_unrecognised_chat_table_is_imported_as_chat_history_by_mapping_its_columns() {
    let mut ui = AppUnderTest::new_zh();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("群聊.csv");
    std::fs::write(
        &csv,
        "几点,谁,说了啥\n\
         2026-11-20 09:00:00,小林,早上好\n\
         2026-11-20 09:05:00,阿美,今天有新茶吗？\n\
         2026-11-20 09:06:00,,小林邀请阿强加入了群聊\n\
         2026-11-21 20:00:00,小林,晚安\n",
    )
    .unwrap();
    ui.h.state_mut().open_import_file(&csv);
    ui.settle();
    ui.choose("文件类型", "聊天记录");
    assert!(
        ui.sees_containing("聊天记录需要这三列"),
        "Start says what is missing"
    );
    ui.choose("→ 几点", "发送时间");
    ui.choose("→ 谁", "发送人（wxid 或名字）");
    ui.choose("→ 说了啥", "消息内容");
    assert!(!ui.sees_containing("聊天记录需要这三列"));
    ui.replace_in("群名称", "白茶1群");
    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"), "summary shown");
    let days: Vec<(String, String, i64, i64, i64)> = ui
        .store()
        .conn()
        .prepare(
            "SELECT g.name, d.day, d.messages, d.speakers, d.joins FROM group_daily_stats d \
             JOIN groups g ON g.id = d.group_id ORDER BY d.day",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        days,
        vec![
            ("白茶1群".to_string(), "2026-11-20".to_string(), 2, 2, 1),
            ("白茶1群".to_string(), "2026-11-21".to_string(), 1, 1, 0),
        ]
    );
}

/// A Latin-1 file is only guessed at: the review says so, the user picks the encoding, and the
/// preview and the import read it that way.
#[test]
fn an_unsure_encoding_is_said_and_the_chosen_one_is_read() {
    let mut ui = AppUnderTest::new_zh_allowing_tofu();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("contacts_latin1.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("UserName,Alias,Remark,NickName\r\nwxid_oak,oak1,Zürich,Õakman\r\n");
    std::fs::write(&csv, &bytes).unwrap();
    ui.h.state_mut().open_import_file(&csv);
    ui.settle();
    assert!(ui.sees_containing("编码是猜的"), "the guess is said");
    assert!(!ui.sees("Õakman"));
    ui.choose("编码", "windows-1252");
    assert!(ui.sees("Õakman"), "the preview reads the chosen encoding");
    assert!(!ui.sees_containing("编码是猜的"));
    ui.start_import("开始导入");
    let name: String = ui
        .store()
        .conn()
        .query_row("SELECT name FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Õakman");
}

/// WeChatMsg's "export all" file lists its conversations; the group chats are ticked, the
/// one-to-one chat is not, and each ticked conversation goes into the group of its name.
#[test]
fn a_file_of_several_conversations_lists_them_and_imports_the_ticked_ones_each_into_its_group() {
    let mut ui = AppUnderTest::new_zh();
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/wechatmsg_all_messages.csv");
    ui.h.state_mut().open_import_file(&file);
    for _ in 0..500 {
        ui.h.step();
        if ui.sees_containing("这个文件里有 3 个会话") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    ui.settle();
    assert!(ui.sees_containing("这个文件里有 3 个会话"));
    assert!(ui.sees("群聊 · 2 条消息 · 2 位群友发言"));
    assert!(ui.sees("私聊 · 2 条消息"));
    let ticked = |ui: &AppUnderTest, label: &str| {
        ui.h.get_by_role_and_label(egui::accesskit::Role::CheckBox, label)
            .accesskit_node()
            .toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    assert!(ticked(&ui, "【福利】白茶团购1群 (团购1群)"));
    assert!(ticked(&ui, "白茶团购2群 (团购2群)"));
    assert!(
        !ticked(&ui, "芳芳 (王芳(3栋))"),
        "a one-to-one chat is not a group"
    );
    // Untick the second group: only the first is imported.
    ui.h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "白茶团购2群 (团购2群)")
        .click();
    ui.settle();
    ui.start_import("开始导入");
    assert!(ui.sees_containing("导入完成"));
    let groups: Vec<(String, i64)> = ui
        .store()
        .conn()
        .prepare(
            "SELECT g.name, count(m.id) FROM groups g \
             LEFT JOIN chat_messages m ON m.group_id = g.id GROUP BY g.id ORDER BY g.name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(groups, vec![("【福利】白茶团购1群".to_string(), 2)]);
}
