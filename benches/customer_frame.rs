//! Frame time of the customer book with 200,000 customers, headless: the real `App` in an
//! egui_kittest `Harness` (1280×800, Chinese UI), one `Harness::step()` per frame.
//!
//! What a step covers: `egui::Context::run_ui` (input, `App::logic` + `App::ui`: layout, the
//! virtualised table, the store reads it makes, shape generation) plus building the AccessKit
//! tree and kittest's update of it. It does NOT tessellate shapes into meshes or paint anything
//! (no renderer is configured), so tessellation is measured separately below, and GPU upload and
//! painting are not measured at all. The AccessKit work is extra compared with a real window,
//! where egui only builds that tree while a screen reader is active.
//!
//! Scenarios: an idle frame (nothing changed); a mouse-wheel jump of ~100 rows over the table
//! (so the rows now in view are not cached and `customers::rows` must fetch a batch of 80): the
//! frame that receives the wheel event and the frame after it, timed apart (egui applies the
//! wheel at the end of the event frame's scroll area, so the new rows are drawn, and fetched, in
//! the next frame); and the tessellation of an idle frame's shapes. Then 200 timed frames of each
//! for p50/p95, plus continuous small scrolling (3 rows a frame, a fetch every ~27 frames).
//! Target: < 4 ms a frame.
//!
//! `cargo bench --bench customer_frame`. Under `cargo test --benches` it runs once on 2,000 customers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use egui::accesskit::Role;
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use qunzhu::gui::App;
use qunzhu::gui::app::Prefs;
use qunzhu::gui::i18n::Lang;
use qunzhu::gui::theme::ROW_HEIGHT;
use qunzhu::store::{Store, customers};

use common::Spread;

const TARGET: Duration = Duration::from_millis(4);
const PERCENTILE_FRAMES: usize = 200;
/// A point over the table body (right of the 132 px navigation, below toolbar, filters and header).
const OVER_TABLE: egui::Pos2 = pos2(640.0, 520.0);
/// Rows one "big" wheel jump moves: more than the table's fetch batch (80), so every jump lands on
/// rows that are not cached.
const JUMP_ROWS: f32 = 100.0;
const SMALL_ROWS: f32 = 3.0;

fn harness(store: Store) -> Harness<'static, App> {
    let prefs = Prefs {
        lang: Some(Lang::Zh),
        ..Prefs::default()
    };
    Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        // The real app's policy (kittest's default panics): the demo nickname 小鹿🦌 has no
        // glyph in the bundled fonts, so it draws as tofu, as it does in a window on this machine.
        .allow_missing_glyphs()
        .build_eframe(move |cc| App::with_prefs(&cc.egui_ctx, store, prefs))
}

/// Queues, for the next step only, the pointer over the table and a wheel scroll of `rows` rows
/// (positive = down). Start + Move makes egui apply the whole delta at once instead of
/// smoothing it over several frames, as it does for a trackpad.
fn wheel(h: &mut Harness<'static, App>, rows: f32) {
    let row_px = ROW_HEIGHT + 3.0; // row height plus egui's default item spacing
    let events = &mut h.input_mut().events;
    events.push(Event::PointerMoved(OVER_TABLE));
    for (phase, dy) in [(TouchPhase::Start, 0.0), (TouchPhase::Move, -rows * row_px)] {
        events.push(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
    }
}

fn timed_step(h: &mut Harness<'static, App>) -> Duration {
    let started = Instant::now();
    h.step();
    started.elapsed()
}

/// The texts of the labels on screen (to check that a scroll really shows other rows).
fn labels(h: &Harness<'static, App>) -> Vec<String> {
    h.query_all_by_role(Role::Label)
        .filter_map(|n| n.value().or_else(|| n.accesskit_node().label()))
        .collect()
}

/// Scrolls forward through the list by big jumps, going back to the top before the end.
struct Scroller {
    rows_from_top: f32,
    rows_total: f32,
}

impl Scroller {
    /// One jump: (time of the frame with the wheel event, time of the frame after it).
    fn jump(&mut self, h: &mut Harness<'static, App>, rows: f32) -> (Duration, Duration) {
        if self.rows_from_top + rows + 200.0 > self.rows_total {
            wheel(h, -self.rows_total);
            h.step();
            h.step();
            self.rows_from_top = 0.0;
        }
        self.rows_from_top += rows;
        wheel(h, rows);
        let event_frame = timed_step(h);
        let next_frame = timed_step(h);
        (event_frame, next_frame)
    }
}

fn main() {
    let customers_wanted = common::customers_for_mode();
    let path = common::demo_db(customers_wanted);
    let store = Store::open(&path).unwrap();
    let build_started = Instant::now();
    let mut h = harness(store);
    println!(
        "customer_frame: harness with the app built in {:.1} ms ({} passes run by the builder)",
        build_started.elapsed().as_secs_f64() * 1e3,
        h.ctx.cumulative_pass_nr()
    );
    h.run();
    h.run_steps(10);
    let listed = h.state().listed_customer_ids().len();
    assert_eq!(listed, customers_wanted, "the table lists every customer");

    // Check that a jump really brings other rows into view, and in which frame.
    let before = labels(&h);
    wheel(&mut h, JUMP_ROWS);
    h.step();
    let after_event = labels(&h);
    h.step();
    let after_next = labels(&h);
    println!(
        "customer_frame: {listed} rows listed; after a {JUMP_ROWS}-row wheel jump the labels changed in the event frame: {}, in the next frame: {}",
        after_event != before,
        after_next != after_event
    );
    assert_ne!(before, after_next, "the wheel jump scrolled the table");
    let mut scroller = Scroller {
        rows_from_top: JUMP_ROWS,
        rows_total: listed as f32,
    };
    h.run_steps(5);

    common::with_contention_note("criterion's measurements", || {
        let mut criterion = Criterion::default()
            .sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .configure_from_args();
        {
            let mut group = criterion.benchmark_group("customer_frame");
            group.bench_function("idle_frame", |b| b.iter(|| h.step()));
            group.bench_function("wheel_jump_event_frame", |b| {
                b.iter_custom(|iters| (0..iters).map(|_| scroller.jump(&mut h, JUMP_ROWS).0).sum())
            });
            group.bench_function("wheel_jump_next_frame_fetches_rows", |b| {
                b.iter_custom(|iters| (0..iters).map(|_| scroller.jump(&mut h, JUMP_ROWS).1).sum())
            });
            h.run_steps(3);
            let ppp = h.output().pixels_per_point;
            group.bench_function("tessellate_idle_frame", |b| {
                b.iter_batched(
                    || h.output().shapes.clone(),
                    |shapes| black_box(h.ctx.tessellate(shapes, ppp)),
                    BatchSize::SmallInput,
                )
            });
            group.finish();
        }
        criterion.final_summary();
    });

    let frames = if common::bench_mode() {
        PERCENTILE_FRAMES
    } else {
        3
    };
    println!("\npercentiles over {frames} frames each (target < 4 ms a frame):");
    h.run_steps(3);
    common::with_contention_note("the frame percentiles", || {
        let idle: Vec<Duration> = (0..frames).map(|_| timed_step(&mut h)).collect();
        Spread::of(&idle).report("idle_frame", Some(TARGET));
        let ppp = h.output().pixels_per_point;
        let tessellate: Vec<Duration> = (0..frames)
            .map(|_| {
                let shapes = h.output().shapes.clone();
                let started = Instant::now();
                black_box(h.ctx.tessellate(shapes, ppp));
                started.elapsed()
            })
            .collect();
        Spread::of(&tessellate).report("tessellate_idle_frame (not in a step)", Some(TARGET));
        let idle_plus_tessellate: Vec<Duration> =
            idle.iter().zip(&tessellate).map(|(a, b)| *a + *b).collect();
        Spread::of(&idle_plus_tessellate).report("idle_frame + tessellate", Some(TARGET));
        // Forward onto rows never fetched, then back onto the rows just left (still in the row
        // cache, but their text laid out afresh): the difference is the store's share.
        let mut forward = Vec::new();
        let mut back = Vec::new();
        for _ in 0..frames {
            forward.push(scroller.jump(&mut h, JUMP_ROWS));
            back.push(scroller.jump(&mut h, -JUMP_ROWS));
            scroller.jump(&mut h, JUMP_ROWS);
        }
        let pick = |v: &[(Duration, Duration)], next: bool| -> Vec<Duration> {
            v.iter().map(|j| if next { j.1 } else { j.0 }).collect()
        };
        Spread::of(&pick(&forward, false)).report("wheel_jump_event_frame", Some(TARGET));
        Spread::of(&pick(&forward, true))
            .report("wheel_jump_next_frame_fetches_rows", Some(TARGET));
        Spread::of(&pick(&back, true))
            .report("wheel_jump_back_next_frame_cached_rows", Some(TARGET));
        let small: Vec<Duration> = (0..frames)
            .flat_map(|_| {
                let (a, b) = scroller.jump(&mut h, SMALL_ROWS);
                [a, b]
            })
            .collect();
        Spread::of(&small).report("small_scroll_3_rows_every_other_frame", Some(TARGET));
        // The store's part of a fetching frame: one `customers::rows` batch of 80 uncached ids.
        let ids = h.state().listed_customer_ids().to_vec();
        let conn = h.state().store().conn();
        let stride = (ids.len() / frames.max(1)).max(1);
        let mut k = 0;
        let fetches = common::time_runs(frames, || {
            let end = (k + 80).min(ids.len());
            black_box(customers::rows(conn, &ids[k..end]).unwrap());
            k = (k + stride) % ids.len().saturating_sub(80).max(1);
        });
        Spread::of(&fetches).report("customers::rows(80 ids) alone", Some(TARGET));
    });
}
