//! Open-database-to-first-frame with 200,000 customers: `Store::open` on the demo database, then
//! an egui_kittest `Harness` building the real `App` (`App::with_prefs`: fonts, theme, the
//! customer book's first query of all 200k ids, newest first) and running its first frame.
//!
//! `HarnessBuilder::build_eframe` runs the first frame itself and then steps until the UI settles
//! (`run_ok`), so "first frame" here is that first frame plus the few settling frames; the
//! phases are timed apart and printed (open / App::with_prefs / frames). The database file is
//! in the OS page cache after the first iteration (a warm start); a cold start after a reboot
//! reads the file from disk and is slower. No renderer: no GPU context, font atlas upload or
//! painting is included (a real window adds those).
//!
//! `cargo bench --bench open_first_frame`. Under `cargo test --benches` it runs once on 2,000 customers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

mod common;

use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use egui_kittest::Harness;
use qunzhu::gui::App;
use qunzhu::gui::app::Prefs;
use qunzhu::gui::i18n::Lang;
use qunzhu::store::Store;

use common::Spread;

const PERCENTILE_RUNS: usize = 20;

/// The phases of one open, and the passes egui ran.
struct Phases {
    open: Duration,
    app: Duration,
    frames: Duration,
    total: Duration,
    passes: u64,
}

fn open_to_first_frame(path: &Path) -> (Phases, Harness<'static, App>) {
    let started = Instant::now();
    let store = Store::open(path).unwrap();
    let open = started.elapsed();
    let app_time = Cell::new(Duration::ZERO);
    let prefs = Prefs {
        lang: Some(Lang::Zh),
        ..Prefs::default()
    };
    let built = Instant::now();
    let h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        // The real app's policy (kittest's default panics): the demo nickname 小鹿🦌 has no
        // glyph in the bundled fonts, so it draws as tofu, as it does in a window on this machine.
        .allow_missing_glyphs()
        .build_eframe(|cc| {
            let app_started = Instant::now();
            let app = App::with_prefs(&cc.egui_ctx, store, prefs);
            app_time.set(app_started.elapsed());
            app
        });
    let total = started.elapsed();
    let app = app_time.get();
    let phases = Phases {
        open,
        app,
        frames: built.elapsed().saturating_sub(app),
        total,
        passes: h.ctx.cumulative_pass_nr(),
    };
    (phases, h)
}

fn main() {
    let customers_wanted = common::customers_for_mode();
    let path = common::demo_db(customers_wanted);
    {
        let (phases, h) = open_to_first_frame(&path);
        assert_eq!(h.state().listed_customer_ids().len(), customers_wanted);
        println!(
            "open_first_frame: first (cold-ish) open {:.1} ms, {} passes",
            phases.total.as_secs_f64() * 1e3,
            phases.passes
        );
    }

    common::with_contention_note("criterion's measurements", || {
        let mut criterion = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(8))
            .configure_from_args();
        {
            let mut group = criterion.benchmark_group("open_first_frame");
            group.sampling_mode(SamplingMode::Flat);
            group.bench_function("store_open_app_first_frame", |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let (phases, h) = open_to_first_frame(&path);
                        total += phases.total;
                        drop(h); // closing the store and dropping the UI is not timed
                    }
                    total
                })
            });
            group.finish();
        }
        criterion.final_summary();
    });

    let runs = if common::bench_mode() {
        PERCENTILE_RUNS
    } else {
        1
    };
    let all: Vec<Phases> = common::with_contention_note("the timed opens", || {
        (0..runs).map(|_| open_to_first_frame(&path).0).collect()
    });
    println!("\nphases over {runs} opens (no target was set for this figure):");
    let pick = |f: fn(&Phases) -> Duration| all.iter().map(f).collect::<Vec<_>>();
    Spread::of(&pick(|p| p.open)).report("Store::open", None);
    Spread::of(&pick(|p| p.app)).report("App::with_prefs", None);
    Spread::of(&pick(|p| p.frames)).report("first frame + settling frames", None);
    Spread::of(&pick(|p| p.total)).report("total open -> settled first frame", None);
    println!(
        "egui passes per open (first frame + settling): {:?}",
        all.iter().map(|p| p.passes).collect::<Vec<_>>()
    );
}
