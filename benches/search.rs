//! Search latency over the 200,000-customer / ~1,000,000-note demo database (see common/mod.rs).
//!
//! Measures `store::search::search(conn, q, 20)` (the command line's search: total + first 20
//! hits) and `store::customers::list_ids` with the query as filter (what the customer book runs
//! without the kept list; it also runs `count_all`, measured separately), and the keystroke the
//! customer book really runs: `IdListCache::list_ids` reusing the list held since the box was empty, for 1-character queries
//! (王, and 上, the first keystroke of 上海), a 2-character (上海) and two 4-character queries that occur in the demo notes (买了白茶 from
//! purchase notes, 推荐了同 from follow-up notes), plus the unfiltered list (an emptied search box).
//! After criterion's estimates it times 200 single runs of each and prints mean/p50/p95/max
//! (criterion does not report percentiles). Target: p95 < 15 ms. Last, a breakdown of each query
//! (FTS match alone, count, ordered page, ordered id list, with SQLite's query plans).
//!
//! `cargo bench --bench search`. Under `cargo test --benches` it runs once on 2,000 customers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use qunzhu::domain::filter::CustomerFilter;
use qunzhu::store::{Store, customers, search};
use rusqlite::{Connection, params_from_iter};

use common::{Spread, time_runs};

const QUERIES: [(&str, &str); 5] = [
    ("1char_王", "王"),
    // The first keystroke of 上海: what the customer book queries before the second character.
    ("1char_上", "上"),
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
        let kept = customers::IdListCache::default().list_ids(conn, &filter(q));
        assert_eq!(
            kept.unwrap(),
            ids,
            "the kept list and list_ids agree on {q}"
        );
        println!(
            "  {q}: {} matching customers, {} hits returned",
            results.total,
            results.hits.len()
        );
    }

    common::with_contention_note("criterion's measurements", || {
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
    });

    let runs = if common::bench_mode() {
        PERCENTILE_RUNS
    } else {
        3
    };
    println!("\npercentiles over {runs} single runs each (target p95 < 15 ms):");
    common::with_contention_note("the search percentiles", || {
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
            // What one keystroke costs the customer book: `requery` = the kept id list
            // (unfiltered, newest first, held since the box was empty) intersected with the
            // index's matches, + count_all.
            let f = filter(q);
            let mut kept = customers::IdListCache::default();
            kept.list_ids(conn, &filter("")).unwrap();
            let times = time_runs(runs, || {
                black_box(kept.list_ids(conn, black_box(&f)).unwrap());
                black_box(customers::count_all(conn).unwrap());
            });
            Spread::of(&times).report(&format!("keystroke_requery/{name}"), Some(TARGET));
        }
        let everyone = CustomerFilter::newest_first();
        let times = time_runs(runs, || {
            black_box(customers::list_ids(conn, black_box(&everyone)).unwrap());
        });
        Spread::of(&times).report("list_ids/no_query_newest_first", Some(TARGET));
    });

    println!(
        "\nwhere the time goes (median of {BREAKDOWN_RUNS} runs each step, and SQLite's plan):"
    );
    for (_, q) in QUERIES {
        breakdown(conn, q);
    }
    let sql = "SELECT c.id FROM customers c WHERE 1 ORDER BY c.added_at DESC, c.id DESC";
    println!("  (no query) {sql}");
    print_plan(conn, sql, &[]);
}

const BREAKDOWN_RUNS: usize = 20;

fn median_ms(f: impl FnMut()) -> f64 {
    let runs = if common::bench_mode() {
        BREAKDOWN_RUNS
    } else {
        1
    };
    Spread::of(&time_runs(runs, f)).p50.as_secs_f64() * 1e3
}

fn print_plan(conn: &Connection, sql: &str, args: &[String]) {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt
        .query_map(params_from_iter(args.iter()), |r| r.get::<_, String>(3))
        .unwrap();
    for detail in rows {
        println!("      plan: {}", detail.unwrap());
    }
}

/// The steps of one query: the FTS match alone, `search`'s count, `search`'s ordered page, and
/// `list_ids`' ordered id list, each timed, with their plans.
fn breakdown(conn: &Connection, q: &str) {
    let (ids_sql, args) = search::matching_ids_sql(q).unwrap();
    let fts_rows = |sql: &str| {
        let mut stmt = conn.prepare_cached(sql).unwrap();
        stmt.query_map(params_from_iter(args.iter()), |r| r.get::<_, i64>(0))
            .unwrap()
            .count()
    };
    let matched = fts_rows(&ids_sql);
    let fts_ms = median_ms(|| {
        black_box(fts_rows(&ids_sql));
    });
    let count_sql = format!("SELECT count(*) FROM ({ids_sql})");
    let count_ms = median_ms(|| {
        black_box(fts_rows(&count_sql));
    });
    let list_sql = format!(
        "SELECT c.id FROM customers c WHERE 1 AND c.id IN ({ids_sql}) ORDER BY c.added_at DESC, c.id DESC"
    );
    let list_ms = median_ms(|| {
        black_box(fts_rows(&list_sql));
    });
    let page_sql = format!(
        "SELECT id, name, remark FROM customers WHERE id IN ({ids_sql})
         ORDER BY (name = '{q}') DESC, (instr(name, '{q}') > 0) DESC, id LIMIT 20"
    );
    let page_ms = median_ms(|| {
        black_box(fts_rows(&page_sql));
    });
    // The alternative of ordering in memory: the unfiltered newest-first id list (which the
    // customer book already holds) filtered by the FTS rowid set.
    let everyone = customers::list_ids(conn, &CustomerFilter::newest_first()).unwrap();
    let in_memory_ms = median_ms(|| {
        let mut stmt = conn.prepare_cached(&ids_sql).unwrap();
        let set: std::collections::HashSet<i64> = stmt
            .query_map(params_from_iter(args.iter()), |r| r.get::<_, i64>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        black_box(everyone.iter().filter(|id| set.contains(id)).count());
    });
    println!(
        "  {q} ({ids_sql} ← {args:?}): {matched} rowids; FTS match alone {fts_ms:.2} ms; \
         search's count(*) {count_ms:.2} ms; search's ordered page {page_ms:.2} ms; list_ids' ordered ids {list_ms:.2} ms; \
         [alternative: FTS rowid set + filtering a held newest-first id list in Rust {in_memory_ms:.2} ms]"
    );
    println!("    list_ids plan:");
    print_plan(conn, &list_sql, &args);
    println!("    search page plan:");
    print_plan(conn, &page_sql, &args);
}
