//! Two processes: `qunzhu restore` started while `qunzhu import` is writing the same data file
//! waits for the import, then backs up the state it replaces, so the imported rows are in the
//! restore's safety backup (before, the restore overwrote them and no backup held them).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

#[path = "support/cli_run.rs"]
mod cli_run;

use std::process::Command;
use std::time::{Duration, Instant};

use qunzhu::store::Store;
use qunzhu::store::lock::{LockError, Wait, WriterLock};

#[test]
fn a_restore_process_waits_for_an_import_process_and_keeps_its_rows() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("book.db");
    let snapshot = home.path().join("empty.db");
    {
        let store = Store::open(&db).unwrap();
        store
            .conn()
            .execute("VACUUM INTO ?1", [snapshot.to_str().unwrap()])
            .unwrap();
    }
    let file = home.path().join("big.csv");
    let mut csv = String::from("客户名称,手机\n");
    for i in 0..30_000 {
        csv.push_str(&format!("客户{i},139{i:08}\n"));
    }
    std::fs::write(&file, csv).unwrap();

    let mut import = Command::new(env!("CARGO_BIN_EXE_qunzhu"))
        .args([
            "import",
            file.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("share"))
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        match WriterLock::acquire(&db, Wait::No) {
            Err(LockError::Busy(_)) => break,
            Ok(_) if started.elapsed() < Duration::from_secs(30) => {
                assert!(
                    import.try_wait().unwrap().is_none(),
                    "the import ended before it was seen writing"
                );
                std::thread::sleep(Duration::from_millis(2));
            }
            other => panic!("the import never held the writer lock: {other:?}"),
        }
    }
    let restore = cli_run::qunzhu_ok(
        home.path(),
        &[
            "restore",
            snapshot.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
    );
    assert!(import.wait().unwrap().success());
    let printed = String::from_utf8(restore.stdout).unwrap();
    let safety = printed
        .lines()
        .find_map(|l| l.strip_prefix("the previous state was backed up to "))
        .unwrap_or_else(|| panic!("no safety backup in {printed}"));
    let count = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        count(std::path::Path::new(safety.trim())),
        30_000,
        "the import is in the safety backup"
    );
    assert_eq!(count(&db), 0, "the restore came after the import");
}
