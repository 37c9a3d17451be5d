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
