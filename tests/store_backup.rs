//! Backups, restore, retention, the instance lock and the per-customer data export.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use qunzhu::domain::customer::Customer;
use qunzhu::domain::note::NoteKind;
use qunzhu::domain::time::Stamp;
use qunzhu::store::backup::{self, Reason};
use qunzhu::store::{Store, StoreError, customers, notes, privacy, search, snapshot};

fn add(store: &Store, name: &str) -> i64 {
    customers::create(
        store.conn(),
        &Customer {
            name: name.into(),
            ..Customer::default()
        },
    )
    .unwrap()
}

#[test]
fn a_backup_restores_the_state_it_was_taken_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qunzhu.db");
    let mut store = Store::open(&db).unwrap();
    add(&store, "王小明");
    let taken = backup::automatic(&store, Reason::Manual).unwrap().unwrap();
    assert!(taken.starts_with(dir.path().join("backups")));
    add(&store, "李四");
    assert_eq!(customers::count_all(store.conn()).unwrap(), 2);

    let safety = backup::restore(&mut store, &taken).unwrap().unwrap();

    assert_eq!(customers::count_all(store.conn()).unwrap(), 1);
    assert_eq!(search::search(store.conn(), "王", 5).unwrap().total, 1);
    // The state before the restore was kept and can itself be restored.
    backup::restore(&mut store, &safety).unwrap();

    assert_eq!(customers::count_all(store.conn()).unwrap(), 2);
}

#[test]
fn the_backup_list_shows_date_size_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qunzhu.db");
    let store = Store::open(&db).unwrap();
    add(&store, "张三");
    backup::automatic(&store, Reason::Manual).unwrap();
    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].customers, Some(1));
    assert!(list[0].size_bytes > 0);
    // A daily backup is not made twice on one day.
    assert!(backup::daily_if_due(&store).unwrap().is_none());
}

#[test]
fn restore_refuses_files_that_are_not_qunzhu_databases_or_are_newer() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("qunzhu.db")).unwrap();
    add(&store, "张三");
    let junk = dir.path().join("photo.db");
    std::fs::write(&junk, b"\x89PNG\r\n\x1a\nnot a database").unwrap();
    assert!(matches!(
        backup::restore(&mut store, &junk),
        Err(StoreError::NotADatabase { .. })
    ));

    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
        .unwrap();
    drop(conn);
    assert!(matches!(
        backup::restore(&mut store, &other),
        Err(StoreError::NotADatabase { .. })
    ));

    let newer = dir.path().join("newer.db");
    backup::backup_to(store.conn(), &newer).unwrap();
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.pragma_update(None, "user_version", qunzhu::store::SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    assert!(matches!(
        backup::restore(&mut store, &newer),
        Err(StoreError::NewerSchema { .. })
    ));
    assert_eq!(
        customers::count_all(store.conn()).unwrap(),
        1,
        "nothing changed"
    );
}

#[test]
fn pruning_keeps_seven_daily_and_four_weekly() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for d in 0..60 {
        let day = start - chrono::Duration::days(d);
        for hour in ["090000", "180000"] {
            let name = format!("qunzhu-{}-{hour}-daily.db", day.format("%Y%m%d"));
            std::fs::write(backups.join(name), b"x").unwrap();
        }
    }
    std::fs::write(backups.join("notes.txt"), b"not a backup").unwrap();
    let removed = backup::prune(&dir.path().join("qunzhu.db")).unwrap();
    let left: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 7 + 4 + 1, "{left:?}");
    assert_eq!(removed.len(), 120 - 11);
    assert!(backups.join("qunzhu-20261123-180000-daily.db").exists());
    assert!(!backups.join("qunzhu-20261123-090000-daily.db").exists());
}

#[test]
fn a_customers_data_export_holds_everything_and_delete_removes_it() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add(&store, "王昇");
    notes::add(
        store.conn(),
        id,
        NoteKind::Preference,
        "只喝正山小种",
        Stamp::now(),
    )
    .unwrap();
    let doc = privacy::customer_dossier(store.conn(), id).unwrap();
    assert_eq!(doc["customer"]["name"], "王昇");
    assert_eq!(doc["notes"][0]["body"], "只喝正山小种");
    for table in [
        "customer_tags",
        "purchases",
        "followup_tasks",
        "role_assignments",
    ] {
        assert!(doc[table].is_array(), "{table}");
    }
    snapshot::delete_customers(store.conn_mut(), &[id]).unwrap();
    assert_eq!(
        search::search(store.conn(), "正山小种", 5).unwrap().total,
        0
    );
    assert!(privacy::customer_dossier(store.conn(), id).is_err());
}

#[test]
fn backups_belong_to_their_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    // Alice has one old backup; Bob has sixty days of them.
    std::fs::write(backups.join("alice-20250101-090000-daily.db"), b"x").unwrap();
    for d in 0..60 {
        let day = start - chrono::Duration::days(d);
        let name = format!("bob-{}-090000-daily.db", day.format("%Y%m%d"));
        std::fs::write(backups.join(name), b"x").unwrap();
    }
    let removed = backup::prune(&dir.path().join("bob.db")).unwrap();
    assert_eq!(removed.len(), 60 - 11);
    assert!(
        backups.join("alice-20250101-090000-daily.db").exists(),
        "pruning bob's backups leaves alice's only one"
    );
    let alice = backup::list(&dir.path().join("alice.db")).unwrap();
    assert_eq!(alice.len(), 1);
    assert_eq!(backup::list(&dir.path().join("bob.db")).unwrap().len(), 11);
    // A real backup is named after its file.
    let store = Store::open(&dir.path().join("carol.db")).unwrap();
    let made = backup::automatic(&store, backup::Reason::Manual)
        .unwrap()
        .unwrap();
    let name = made.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("carol-") && name.ends_with("-manual.db"),
        "{name}"
    );
    assert_eq!(backup::list(store.path()).unwrap().len(), 1);
}

#[test]
fn a_partial_left_by_a_killed_backup_is_removed_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let stale = backups.join("qunzhu-20261123-090000-before-import.partial");
    let fresh = backups.join("qunzhu-20261123-090500-before-import.partial");
    let other = backups.join("alice-20261123-090000-before-import.partial");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, b"half a backup").unwrap();
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let removed = backup::remove_stale_partials(&dir.path().join("qunzhu.db"));
    assert_eq!(removed, std::slice::from_ref(&stale));
    assert!(!stale.exists());
    assert!(fresh.exists(), "a backup in progress is left alone");
    assert!(
        other.exists(),
        "another data file's partial is its own business"
    );
}

#[test]
fn a_restore_during_an_import_waits_and_its_safety_backup_holds_the_import() {
    use qunzhu::jobs::Reporter;
    use qunzhu::jobs::contact_import::{ContactImportRequest, run};
    use qunzhu::store::lock::{LockError, Wait, WriterLock};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    let snapshot = dir.path().join("empty.db");
    {
        let store = Store::open(&db).unwrap();
        store
            .conn()
            .execute("VACUUM INTO ?1", [snapshot.to_str().unwrap()])
            .unwrap();
    }
    let file = dir.path().join("big.csv");
    let mut csv = String::from("客户名称,手机\n");
    for i in 0..20_000 {
        csv.push_str(&format!("客户{i},139{i:08}\n"));
    }
    std::fs::write(&file, csv).unwrap();

    let importer = {
        let (db, file) = (db.clone(), file.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let request =
                ContactImportRequest::new(&file, chrono::FixedOffset::east_opt(8 * 3600).unwrap());
            run(&mut store, &request, &Reporter::silent())
                .unwrap()
                .created
        })
    };
    // Wait until the import holds the writer lock.
    let started = std::time::Instant::now();
    loop {
        match WriterLock::acquire(&db, Wait::No) {
            Err(LockError::Busy(_)) => break,
            Ok(_) if started.elapsed().as_secs() < 20 && !importer.is_finished() => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            other => panic!("the import never held the lock: {other:?}"),
        }
    }
    let mut store = Store::open(&db).unwrap();
    let safety = backup::restore(&mut store, &snapshot).unwrap().unwrap();
    let imported = importer.join().unwrap();
    assert_eq!(imported, 20_000);
    let in_safety: i64 = rusqlite::Connection::open(&safety)
        .unwrap()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        in_safety, 20_000,
        "the rows the restore replaced are in its safety backup"
    );
    let now: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(now, 0, "the restore ran after the import, not under it");
}

#[test]
fn a_damaged_data_file_is_not_imported_into_and_keeps_its_good_backups() {
    use qunzhu::jobs::Reporter;
    use qunzhu::jobs::contact_import::{ContactImportRequest, ImportFailure, run};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    {
        let store = Store::open(&db).unwrap();
        let id = add(&store, "王昇");
        for i in 0..400 {
            notes::add(
                store.conn(),
                id,
                NoteKind::Followup,
                &format!("第{i}次跟进：{}", "茶".repeat(40)),
                Stamp::now(),
            )
            .unwrap();
        }
        backup::automatic(&store, Reason::Manual).unwrap();
    }
    // Damage one page of the notes table (which an import does not read).
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let page_size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'notes'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (page_size, root)
    };
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut file = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        file.seek(SeekFrom::Start(((root - 1) * page_size) as u64))
            .unwrap();
        file.write_all(&[0xFF; 64]).unwrap();
    }
    let backups_before = backup::list(&db).unwrap().len();
    let csv = dir.path().join("new.csv");
    std::fs::write(&csv, "客户名称,手机\n李四,13900000000\n").unwrap();
    let mut store = Store::open(&db).unwrap();
    let request = ContactImportRequest::new(&csv, chrono::FixedOffset::east_opt(8 * 3600).unwrap());
    let err = run(&mut store, &request, &Reporter::silent()).unwrap_err();
    assert!(
        matches!(&err, ImportFailure::Store(StoreError::Damaged { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("backup"), "{err}");
    let customers: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(customers, 1, "nothing was written");
    assert_eq!(
        backup::list(&db).unwrap().len(),
        backups_before,
        "no damaged copy joined the rotation"
    );
    // Nor is a damaged file restored over good data.
    drop(store);
    let damaged = dir.path().join("damaged-copy.db");
    std::fs::copy(&db, &damaged).unwrap();
    let mut fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
    let err = backup::restore(&mut fresh, &damaged).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
}
