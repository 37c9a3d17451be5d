//! The problem screen: a damaged data file is explained and the latest backup restored; a file
//! in use by another window is explained.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use qunzhu::domain::customer::Customer;
use qunzhu::gui::app::Prefs;
use qunzhu::gui::i18n::Lang;
use qunzhu::gui::launcher::{Launcher, Problem};
use qunzhu::store::{Store, backup, customers};

fn zh() -> Prefs {
    Prefs {
        lang: Some(Lang::Zh),
        ..Prefs::default()
    }
}

#[test]
fn a_truncated_file_is_explained_and_the_latest_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qunzhu.db");
    {
        let store = Store::open(&db).unwrap();
        customers::create(
            store.conn(),
            &Customer {
                name: "王小明".into(),
                ..Customer::default()
            },
        )
        .unwrap();
        backup::automatic(&store, backup::Reason::Manual).unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len().min(3000)]).unwrap();
    let reason = Store::open(&db)
        .err()
        .expect("a truncated file must not open")
        .to_string();

    let path = db.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            Launcher::problem(&cc.egui_ctx, Problem::CannotOpen { reason }, &path, zh())
        });
    h.run();
    assert!(h.query_by_label("无法打开数据").is_some());
    h.get_by_label_contains("恢复最近的备份").click();
    h.run();
    assert!(
        matches!(h.state(), Launcher::Running(_)),
        "the app carries on after the restore"
    );
    assert!(
        h.query_by_label("王小明").is_some(),
        "the restored customer is listed"
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("broken"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside, not deleted");
}

#[test]
fn a_file_in_use_is_explained_without_a_restore_offer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qunzhu.db");
    let path = db.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| Launcher::problem(&cc.egui_ctx, Problem::InUse, &path, zh()));
    h.run();
    assert!(
        h.query_all_by_label_contains("已经在另一个群主窗口中打开")
            .next()
            .is_some()
    );
    assert!(h.query_by_role_and_label(Role::Button, "退出").is_some());
    assert!(h.query_by_label_contains("恢复最近的备份").is_none());
}

/// An import into a data file with a damaged page is refused, and the window leaves the screens
/// for the problem screen, whose restore of the latest good backup carries on into the app.
#[test]
fn an_import_into_a_damaged_file_leads_to_the_problem_screen_and_its_restore() {
    use qunzhu::domain::note::NoteKind;
    use qunzhu::domain::time::Stamp;
    use qunzhu::store::notes;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qunzhu.db");
    {
        let store = Store::open(&db).unwrap();
        let id = customers::create(
            store.conn(),
            &Customer {
                name: "王小明".into(),
                ..Customer::default()
            },
        )
        .unwrap();
        for i in 0..400 {
            let body = format!("第{i}次跟进：{}", "茶".repeat(40));
            notes::add(store.conn(), id, NoteKind::Followup, &body, Stamp::now()).unwrap();
        }
        backup::automatic(&store, backup::Reason::Manual).unwrap();
    }
    damage_root_page(&db, "notes");
    let csv = dir.path().join("new.csv");
    std::fs::write(&csv, "客户名称,手机\n李四,13900000000\n").unwrap();

    let path = db.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            let store = Store::open(&path).unwrap();
            Launcher::Running(Box::new(qunzhu::gui::App::with_prefs(
                &cc.egui_ctx,
                store,
                zh(),
            )))
        });
    h.run();
    if let Launcher::Running(app) = h.state_mut() {
        app.open_import_file(&csv);
    }
    h.run();
    h.get_by_role_and_label(Role::Button, "开始导入").click();
    for _ in 0..2_000 {
        h.step();
        if matches!(h.state(), Launcher::Problem { .. }) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    assert!(
        matches!(h.state(), Launcher::Problem { .. }),
        "a damaged file leads to the problem screen"
    );
    assert!(h.query_by_label_contains("数据文件已损坏").is_some());
    h.get_by_label_contains("恢复最近的备份").click();
    h.run();
    assert!(matches!(h.state(), Launcher::Running(_)));
    h.get_by_role_and_label(Role::Button, "客户").click();
    h.run();
    assert!(h.query_by_label("王小明").is_some());
    assert!(h.query_by_label("李四").is_none(), "nothing was imported");
}

/// Overwrites the start of `table`'s root page, as a failing disk would.
fn damage_root_page(db: &std::path::Path, table: &str) {
    use std::io::{Seek, SeekFrom, Write};
    let conn = rusqlite::Connection::open(db).unwrap();
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut file = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    file.seek(SeekFrom::Start(((root - 1) * page_size) as u64))
        .unwrap();
    file.write_all(&[0xFF; 64]).unwrap();
}
