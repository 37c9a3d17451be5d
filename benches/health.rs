//! Group health: deriving daily stats from 1M stored chat messages (target < 2 s), and the
//! 社群健康 overview frame with 300 groups × 365 days of stats (target < 8 ms), headless: the real
//! `App` in an egui_kittest `Harness` (1280×800, Chinese UI), one `Harness::step()` per frame
//! (layout, the virtualised table, sparklines, shape generation; no tessellation or painting,
//! measured separately as in `customer_frame`). The overview's data load (one pass over
//! `group_daily_stats` plus the domain's per-group lines) is timed apart: it runs once, after a
//! write, not per frame.
//!
//! `cargo bench --bench health`. Under `cargo test --benches` it runs once on 30 groups and 20k
//! messages.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

mod common;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use egui::vec2;
use egui_kittest::Harness;
use qunzhu::domain::health::{DayStats, SortKey};
use qunzhu::gui::App;
use qunzhu::gui::app::Prefs;
use qunzhu::gui::i18n::Lang;
use qunzhu::gui::screens::ScreenId;
use qunzhu::gui::screens::health::HealthData;
use qunzhu::store::health::{self, Source};
use qunzhu::store::health_import::derive_days;
use qunzhu::store::imports::{BatchInfo, Counts, open_batch};
use qunzhu::store::{Store, groups};

use common::Spread;

const FRAME_TARGET: Duration = Duration::from_millis(8);
const DERIVE_TARGET: Duration = Duration::from_secs(2);
/// From saving a day by hand to the data the redrawn overview shows.
const SAVE_TARGET: Duration = Duration::from_millis(20);

fn sizes() -> (usize, usize) {
    if common::bench_mode() {
        (300, 1_000_000)
    } else {
        (30, 20_000)
    }
}

/// A fresh database with `groups` groups × 365 days of stats, and `messages` chat messages over
/// a year in one more group (≈150 senders, 5% system rows).
fn build(groups_n: usize, messages: usize) -> (PathBuf, i64, NaiveDate, NaiveDate) {
    let path = common::bench_dir().join(format!("health-{groups_n}-{messages}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    let mut store = Store::open(&path).unwrap();
    let last = common::anchor();
    let first = last - Days::days(364);
    let chat_group = store
        .write(|tx| {
            let mut seed: u64 = 7;
            let mut next = move |n: u64| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % n.max(1)) as i64
            };
            for g in 0..groups_n {
                let id = groups::create(tx, &format!("社群{g:03}"), "", Some(&first.to_string()))?;
                let mut members = 200 + next(300);
                for day in first.iter_days().take(365) {
                    let (joins, leaves) = (next(6), next(6));
                    members = (members + joins - leaves).max(10);
                    let speakers = next(members as u64 / 5 + 1);
                    let stats = DayStats {
                        members: Some(members),
                        joins: Some(joins),
                        leaves: Some(leaves),
                        speakers: Some(speakers),
                        messages: Some(speakers * 3),
                        ..DayStats::empty(day)
                    };
                    health::put(tx, id, &stats, Source::Wecom, None)?;
                }
            }
            let chat = groups::create(tx, "聊天记录群", "", None)?;
            let mut insert = tx.prepare(
                "INSERT INTO chat_messages (group_id, sender, at, local_day, kind, text, source_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let start = qunzhu::domain::time::day_start_unix(first, 480);
            let span = 365 * 86_400;
            for i in 0..messages {
                let at = start + (i as i64 * span / messages as i64);
                let day = first + Days::days((at - start) / 86_400);
                let system = next(20) == 0;
                let (kind, sender, text) = if system {
                    (
                        10000,
                        String::new(),
                        "\"甲\"邀请\"乙\"加入了群聊".to_string(),
                    )
                } else {
                    (1, format!("wxid_{:04}", next(150)), "早上好".to_string())
                };
                insert.execute(rusqlite::params![
                    chat,
                    sender,
                    at,
                    day.to_string(),
                    kind,
                    text,
                    format!("k{i}")
                ])?;
            }
            Ok(chat)
        })
        .unwrap();
    (path, chat_group, first, last)
}

fn main() {
    let (groups_n, messages) = sizes();
    let started = Instant::now();
    let (path, chat_group, first, last) = build(groups_n, messages);
    println!(
        "health: {groups_n} groups × 365 days and {messages} chat messages written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let runs = if common::bench_mode() { 5 } else { 1 };

    // 1. Derivation from chat_messages: the query alone, then query + merge + write (rolled back).
    let mut store = Store::open(&path).unwrap();
    common::with_contention_note("the derivation", || {
        let query = common::time_runs(runs, || {
            let days = health::derive_from_chat(store.conn(), chat_group, first, last).unwrap();
            assert_eq!(days.len(), 365);
            black_box(days);
        });
        Spread::of(&query).report("derive_from_chat (query, 365 days)", Some(DERIVE_TARGET));
        let full = common::time_runs(runs, || {
            let tx = store.conn_mut().transaction().unwrap();
            let info = BatchInfo {
                file_name: "bench".into(),
                file_hash: String::new(),
                kind: "chat".into(),
                format: "csv".into(),
                encoding: String::new(),
            };
            let batch = open_batch(&tx, &info).unwrap();
            let mut counts = Counts::default();
            derive_days(&tx, batch, chat_group, first, last, &mut counts).unwrap();
            assert_eq!(counts.created, 365);
            black_box(counts);
            tx.rollback().unwrap();
        });
        Spread::of(&full).report("derive_days (query + merge + write)", Some(DERIVE_TARGET));
    });

    // 2. The overview's data load (after a write) and its frame.
    let reads = common::time_runs(runs.max(3), || {
        black_box(health::all_days(store.conn(), last - Days::days(365), last).unwrap());
    });
    Spread::of(&reads).report("health::all_days (the SQL part of the load)", None);
    let loads = common::time_runs(runs.max(3), || {
        black_box(HealthData::load(&store, last, (SortKey::Interaction, true)).unwrap());
    });
    Spread::of(&loads).report("HealthData::load (overview data)", None);

    // 3. Saving one day by hand: the write, then only that group's line re-read (the frame that
    // redraws the overview is measured below).
    let sort = (SortKey::Interaction, true);
    let mut data = HealthData::load(&store, last, sort).unwrap();
    let group_id = health::groups(store.conn()).unwrap()[0].id;
    let mut members = 100;
    let saves = common::time_runs(runs.max(20), || {
        members += 1;
        let stats = DayStats {
            members: Some(members),
            ..DayStats::empty(last)
        };
        store
            .write(|tx| health::save_manual(tx, group_id, &stats))
            .unwrap();
        assert!(data.refresh_group(&store, group_id, sort).unwrap());
    });
    Spread::of(&saves).report(
        "save one day by hand + refresh_group (one group re-read)",
        Some(SAVE_TARGET),
    );
    drop(store);
    let store = Store::open(&path).unwrap();
    let prefs = Prefs {
        lang: Some(Lang::Zh),
        screen: ScreenId::Health,
        ..Prefs::default()
    };
    let mut h = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_eframe(move |cc| App::with_prefs(&cc.egui_ctx, store, prefs));
    h.run_steps(5);
    assert_eq!(
        h.state().health_screen().overview_order().len(),
        groups_n + 1
    );
    let frames = if common::bench_mode() { 200 } else { 3 };
    common::with_contention_note("the overview frames", || {
        let idle = common::time_runs(frames, || h.step());
        Spread::of(&idle).report("overview idle frame", Some(FRAME_TARGET));
        let ppp = h.output().pixels_per_point;
        let tess = common::time_runs(frames, || {
            let shapes = h.output().shapes.clone();
            black_box(h.ctx.tessellate(shapes, ppp));
        });
        Spread::of(&tess).report("tessellate overview frame", Some(FRAME_TARGET));
        let both: Vec<Duration> = idle.iter().zip(&tess).map(|(a, b)| *a + *b).collect();
        Spread::of(&both).report("overview frame + tessellate", Some(FRAME_TARGET));
    });
}
