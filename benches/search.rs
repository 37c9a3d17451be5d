//! Search latency over the 200,000-customer / ~1,000,000-note demo database (see common/mod.rs).
//!
//! Measures `store::search::search(conn, q, 20)` (the command line's search: total + first 20
//! hits) and `store::customers::list_ids` with the query as filter (what the customer book runs
//! on every keystroke; it also runs `count_all`, measured separately), for a 1-character (王),
//! a 2-character (上海) and two 4-character queries that occur in the demo notes (买了白茶 from
//! purchase notes, 推荐了同 from follow-up notes), plus the unfiltered list (an emptied search box).
//! After criterion's estimates it times 200 single runs of each and prints mean/p50/p95/max
//! (criterion does not report percentiles). Target: p95 < 15 ms.
//!
//! `cargo bench --bench search`. Under `cargo test --benches` it runs once on 2,000 customers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use qunzhu::domain::filter::CustomerFilter;
use qunzhu::store::{Store, customers, search};

use common::{Spread, time_runs};

const QUERIES: [(&str, &str); 4] = [
    ("1char_王", "王"),
    ("2char_上海", "上海"),
    ("4char_买了白茶", "买了白茶"),
    ("4char_推荐了同", "推荐了同"),
];
const TARGET: Duration = Duration::from_millis(15);
const PERCENTILE_RUNS: usize = 200;

fn filter(query: &str) -> CustomerFilter {
    CustomerFilter {
        query: query.to_string(),
        ..CustomerFilter::newest_first()
    }
}

fn main() {
    let customers_wanted = common::customers_for_mode();
    let path = common::demo_db(customers_wanted);
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let notes: i64 = conn
        .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        .unwrap();
    println!(
        "search bench: {} customers, {notes} notes in {}",
        customers::count_all(conn).unwrap(),
        path.display()
    );
    for (_, q) in QUERIES {
        let results = search::search(conn, q, 20).unwrap();
        let ids = customers::list_ids(conn, &filter(q)).unwrap();
        assert_eq!(results.total, ids.len(), "search and list_ids agree on {q}");
        println!(
            "  {q}: {} matching customers, {} hits returned",
            results.total,
            results.hits.len()
        );
    }

    let mut criterion = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("search");
        for (name, q) in QUERIES {
            group.bench_function(name, |b| {
                b.iter(|| search::search(conn, black_box(q), 20).unwrap())
            });
        }
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group("list_ids");
        for (name, q) in QUERIES {
            let f = filter(q);
            group.bench_function(name, |b| {
                b.iter(|| customers::list_ids(conn, black_box(&f)).unwrap())
            });
        }
        let everyone = CustomerFilter::newest_first();
        group.bench_function("no_query_newest_first", |b| {
            b.iter(|| customers::list_ids(conn, black_box(&everyone)).unwrap())
        });
        group.bench_function("count_all", |b| {
            b.iter(|| customers::count_all(conn).unwrap())
        });
        group.finish();
    }
    criterion.final_summary();

    let runs = if common::bench_mode() {
        PERCENTILE_RUNS
    } else {
        3
    };
    println!("\npercentiles over {runs} single runs each (target p95 < 15 ms):");
    for (name, q) in QUERIES {
        let times = time_runs(runs, || {
            black_box(search::search(conn, black_box(q), 20).unwrap());
        });
        Spread::of(&times).report(&format!("search/{name}"), Some(TARGET));
    }
    for (name, q) in QUERIES {
        let f = filter(q);
        let times = time_runs(runs, || {
            black_box(customers::list_ids(conn, black_box(&f)).unwrap());
        });
        Spread::of(&times).report(&format!("list_ids/{name}"), Some(TARGET));
    }
    for (name, q) in QUERIES {
        // What one keystroke costs the customer book: `requery` = list_ids + count_all.
        let f = filter(q);
        let times = time_runs(runs, || {
            black_box(customers::list_ids(conn, black_box(&f)).unwrap());
            black_box(customers::count_all(conn).unwrap());
        });
        Spread::of(&times).report(&format!("keystroke_requery/{name}"), Some(TARGET));
    }
    let everyone = CustomerFilter::newest_first();
    let times = time_runs(runs, || {
        black_box(customers::list_ids(conn, black_box(&everyone)).unwrap());
    });
    Spread::of(&times).report("list_ids/no_query_newest_first", Some(TARGET));
}
