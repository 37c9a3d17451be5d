//! Follow-up checklist at scale: 200k customers and 50k open tasks. Measures the checklist query
//! alone and the 跟进 screen's first frame after a reload (query + grouping + drawing).
//! The database is generated once into target/bench-followups.db and reused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::{Duration, Local};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use qunzhu::demo::{DemoOptions, generate};
use qunzhu::domain::followup::{Journey, Step, Trigger};
use qunzhu::domain::time::Stamp;
use qunzhu::gui::commands::Command;
use qunzhu::gui::i18n::Lang;
use qunzhu::gui::screens::ScreenCtx;
use qunzhu::gui::screens::followups::FollowupsScreen;
use qunzhu::store::{Store, customers, followups, journeys};

const CUSTOMERS: usize = 200_000;
const OPEN_TASKS: i64 = 50_000;

fn open_tasks(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM followup_tasks WHERE status = 'open'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// 200k demo customers, topped up to 50k open tasks with a custom-date journey whose dates
/// spread from a week ago to seven weeks ahead.
fn database() -> Store {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-followups.db");
    let mut store = Store::open(&path).unwrap();
    let today = Local::now().date_naive();
    if customers::count_all(store.conn()).unwrap() < CUSTOMERS as i64 {
        generate(
            &mut store,
            &DemoOptions {
                customers: CUSTOMERS,
                seed: 7,
                notes_per_customer: 0,
                anchor: today,
            },
        )
        .unwrap();
    }
    // The demo's own journeys may leave more open tasks than the target: skip the surplus.
    let surplus = open_tasks(&store) - OPEN_TASKS;
    if surplus > 0 {
        let ids: Vec<i64> = store
            .conn()
            .prepare(
                "SELECT id FROM followup_tasks WHERE status = 'open' ORDER BY id DESC LIMIT ?1",
            )
            .unwrap()
            .query_map([surplus], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        store
            .write(|tx| {
                for id in ids {
                    followups::skip(tx, id, "bench", Stamp::now())?;
                }
                Ok(())
            })
            .unwrap();
    }
    let missing = OPEN_TASKS - open_tasks(&store);
    if missing > 0 {
        let ids = customers::list_ids(store.conn(), &Default::default()).unwrap();
        store
            .write(|tx| {
                let id = journeys::create(tx, "基准旅程")?;
                journeys::save(
                    tx,
                    &Journey {
                        id,
                        name: "基准旅程".into(),
                        description: String::new(),
                        steps: vec![Step {
                            trigger: Some(Trigger::CustomDate),
                            title: "回访".into(),
                            script: "{称呼}您好，{商品}喝着怎么样？".into(),
                            ..Step::default()
                        }],
                    },
                )?;
                for (i, chunk) in ids[..missing as usize].chunks(1_000).enumerate() {
                    let day = today + Duration::days(i as i64 % 56 - 7);
                    followups::enrol(tx, id, chunk, Some(day), Stamp::now())?;
                }
                Ok(())
            })
            .unwrap();
    }
    store
}

fn bench(c: &mut Criterion) {
    let store = database();
    let today = Local::now().date_naive();
    eprintln!(
        "customers: {}, open tasks: {}",
        customers::count_all(store.conn()).unwrap(),
        open_tasks(&store)
    );
    c.bench_function(
        "followups checklist query (200k customers, 50k open tasks)",
        |b| b.iter(|| followups::checklist(store.conn(), today, 200).unwrap()),
    );
    c.bench_function("followups badge count", |b| {
        b.iter(|| followups::count_due(store.conn(), today).unwrap())
    });
    // The first frame only installs the CJK font (it takes effect from the next frame).
    let state = (
        FollowupsScreen::default(),
        store,
        Vec::<Command>::new(),
        false,
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (FollowupsScreen, Store, Vec<Command>, bool)| {
                let (screen, store, commands, fonts) = state;
                if !*fonts {
                    qunzhu::gui::theme::install_fonts(ui.ctx());
                    // Demo nicknames carry emoji the bundled fonts lack; the window falls back
                    // to system fonts, the bench draws a box.
                    ui.ctx()
                        .set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Tofu);
                    *fonts = true;
                    return;
                }
                let errors = qunzhu::gui::widgets::error_sink::ErrorSink::default();
                let mut cx = ScreenCtx {
                    store,
                    lang: Lang::Zh,
                    commands,
                    mask_phones: false,
                    errors: &errors,
                };
                screen.ui(ui, &mut cx);
            },
            state,
        );
    h.run();
    c.bench_function("followups screen first frame after reload", |b| {
        b.iter(|| {
            h.state_mut().0.invalidate();
            h.step();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
