//! The weekly report: gathered from a real database (our own chat fixture, orders, customers),
//! written as Markdown and HTML (escaped, self-contained), by the command line, and drawn as a
//! PNG by headless Chromium where it is installed (CI installs it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/store_fixtures.rs"]
mod store_fixtures;
use store_fixtures::import_chat;

#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::Path;

use chrono::NaiveDate;

use qunzhu::domain::time::day_start_unix;
use qunzhu::export::report::{ReportError, ReportFormat, html, markdown, write};
use qunzhu::export::report_text::ReportLang;
use qunzhu::store::questions::CHAT_OFFSET_MIN;
use qunzhu::store::{Store, report};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A data file with the question fixture as the chat of "答疑<群>" (a name that needs escaping),
/// two orders in the week of 2024-03-04 and one after it, and one customer added that week.
fn seeded(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("r.db")).unwrap();
    import_chat(
        &mut store,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/health/chat_questions.csv"),
        "答疑<群>",
    );
    let tuesday = day_start_unix(d("2024-03-05"), CHAT_OFFSET_MIN) + 3600 * 10;
    let next_week = day_start_unix(d("2024-03-11"), CHAT_OFFSET_MIN) + 3600;
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO customers (name, added_at, created_at, updated_at) VALUES ('新客', ?1, 0, 0)",
                [tuesday],
            )?;
            let c = tx.last_insert_rowid();
            for (at, cents) in [(tuesday, 29_800), (tuesday + 60, 10_000), (next_week, 99_900)] {
                tx.execute(
                    "INSERT INTO purchases (customer_id, at, amount_cents) VALUES (?1, ?2, ?3)",
                    [c, at, cents],
                )?;
            }
            Ok(())
        })
        .unwrap();
    store
}

#[test]
fn the_week_is_gathered_from_the_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(dir.path());
    // Any day of the week gives the same week.
    let r = report::weekly(store.conn(), d("2024-03-07"), CHAT_OFFSET_MIN).unwrap();
    assert_eq!(r.monday, d("2024-03-04"));
    assert_eq!(r.sunday(), d("2024-03-10"));
    assert_eq!((r.sales.orders, r.sales.buyers), (2, 1));
    assert_eq!(r.sales.amount_cents, 39_800);
    assert_eq!(r.sales.average_order_cents(), Some(19_900));
    assert_eq!(r.new_customers, 1);
    assert_eq!(r.groups.len(), 1);
    let g = &r.groups[0];
    assert_eq!(g.name, "答疑<群>");
    // Messages per day from the chat (system rows are not messages), Monday first.
    assert_eq!(g.messages_by_day[0], Some(6));
    assert_eq!(g.messages_by_day.len(), 7);
    let s = r.service.clone().unwrap();
    assert_eq!((s.questions, s.in_time, s.late), (6, 3, 1));
    assert_eq!(g.service, Some(s));
    // A week without anything: no groups, no service figures, zero sales.
    let empty = report::weekly(store.conn(), d("2023-01-02"), CHAT_OFFSET_MIN).unwrap();
    assert!(empty.groups.is_empty());
    assert_eq!(empty.sales.average_order_cents(), None);
    assert_eq!(empty.service.unwrap().questions, 0);
}

#[test]
fn markdown_and_html_say_the_same_and_escape_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(dir.path());
    let r = report::weekly(store.conn(), d("2024-03-04"), CHAT_OFFSET_MIN).unwrap();
    let md = markdown(&r, ReportLang::Zh);
    assert!(md.starts_with("# 社群周报 · 2024-03-04 至 2024-03-10"));
    assert!(md.contains("- 客单价（元）: **199.00**"));
    assert!(md.contains("| 答疑<群> |"));
    assert!(md.contains("- 提问: **6**"));
    let page = html(&r, ReportLang::Zh);
    assert!(page.contains("<title>社群周报 · 2024-03-04 至 2024-03-10</title>"));
    assert!(page.contains("答疑&lt;群&gt;") && !page.contains("答疑<群>"));
    assert!(page.contains("<svg"), "charts are inline SVG");
    assert!(!page.contains("src=\"http") && !page.contains("<link"));
    let en = markdown(&r, ReportLang::En);
    assert!(en.starts_with("# Community weekly report · 2024-03-04 to 2024-03-10"));
    assert!(en.contains("- Average order (yuan): **199.00**"));
}

#[test]
fn the_format_is_told_by_the_extension() {
    assert_eq!(
        ReportFormat::from_path(Path::new("a.MD")),
        Some(ReportFormat::Markdown)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("周报.html")),
        Some(ReportFormat::Html)
    );
    assert_eq!(
        ReportFormat::from_path(Path::new("x.png")),
        Some(ReportFormat::Png)
    );
    assert_eq!(ReportFormat::from_path(Path::new("x.txt")), None);
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(dir.path());
    let r = report::weekly(store.conn(), d("2024-03-04"), CHAT_OFFSET_MIN).unwrap();
    let err = write(&r, ReportLang::Zh, &dir.path().join("x.txt")).unwrap_err();
    assert!(matches!(err, ReportError::UnknownFormat(_)));
}

#[test]
fn the_command_line_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    drop(seeded(dir.path()));
    let db = dir.path().join("r.db");
    let out = dir.path().join("周报.md");
    let output = cli_run::qunzhu(
        dir.path(),
        &[
            "report",
            "--db",
            db.to_str().unwrap(),
            "--week",
            "2024-03-06",
            "--out",
            out.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    cli_run::assert_succeeded(&output);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Community weekly report · 2024-03-04 to 2024-03-10"));
    let bad = cli_run::qunzhu(
        dir.path(),
        &[
            "report",
            "--db",
            db.to_str().unwrap(),
            "--week",
            "2024-03-06",
            "--out",
            "x.txt",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
}

/// The PNG through headless Chromium: a tall, non-blank picture whose top rows (the title) are
/// not all background. Skipped with a message where no browser is installed.
#[test]
fn the_png_is_drawn_by_a_headless_browser() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(dir.path());
    let r = report::weekly(store.conn(), d("2024-03-04"), CHAT_OFFSET_MIN).unwrap();
    let png = dir.path().join("周报.png");
    match write(&r, ReportLang::Zh, &png) {
        Err(ReportError::NoBrowser) => {
            println!("skipped: no Chromium, Chrome or Edge installed (.ci/run installs chromium)");
            return;
        }
        other => other.unwrap(),
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.width, 900);
    assert!(info.height >= 1000, "a long image: {}", info.height);
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let row = info.width as usize * channels;
    let dark = |rows: std::ops::Range<usize>| {
        bytes[rows.start * row..rows.end * row]
            .chunks(channels)
            .filter(|px| px.iter().take(3).all(|c| *c < 128))
            .count()
    };
    // The title sits in the first 80 rows; the page below it has text and charts too.
    assert!(dark(0..80) > 200, "the title is drawn");
    assert!(dark(80..900) > 2000, "the body is drawn");
    // The HTML written beside it for the browser is gone.
    assert!(!dir.path().join("周报.report.html").exists());
    std::fs::copy(
        &png,
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("weekly_report_zh.png"),
    )
    .unwrap();
}

/// The window gathers and writes the report on a worker (the frame never waits on it): the
/// file appears, and the message says where.
#[test]
fn the_window_writes_the_report_on_a_worker() {
    use qunzhu::gui::i18n::Lang;
    use qunzhu::gui::long_work::{LongTask, LongWork};
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(dir.path());
    let out = dir.path().join("周报.md");
    let mut work = LongWork::default();
    let task = LongTask::WeeklyReport {
        monday: d("2024-03-04"),
        path: out.clone(),
    };
    assert!(work.start(store.path(), task.clone(), Lang::Zh));
    assert!(work.is_running());
    assert!(!work.start(store.path(), task, Lang::Zh), "one at a time");
    let finished = loop {
        if let Some(f) = work.poll() {
            break f;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    assert!(!finished.is_error, "{}", finished.text);
    assert!(finished.text.contains("周报.md"), "{}", finished.text);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("# 社群周报 · 2024-03-04 至 2024-03-10"),
        "{text}"
    );
    assert!(text.contains("| 答疑<群> |") && text.contains("- 提问: **6**"));
    assert!(!work.is_running());
}
