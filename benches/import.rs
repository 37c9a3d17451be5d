//! Import throughput: our whole contact import (detection, mapping, de-duplication, tags, search
//! index, one transaction) of a generated 100,000-row customer list into a fresh database file,
//! against the floor of the `sqlite3` shell's `.import` of the same file into a plain table.
//! Prints both medians, the ratio (target ≤ 3×), our peak memory (the `qunzhu import` command
//! under `/usr/bin/time -v`) and a breakdown of where our time goes.
//!
//! The input is generated here, deterministically, into target/bench-data/ with the shape of
//! ../shared/fixtures/big_contacts.csv (same 13 columns; duplicates, phones, tags, emoji names and
//! quoted cells in the same proportions), so the bench never needs the shared folder.
//!
//! `cargo bench --bench import`. Under `cargo test --benches` it runs once on 2,000 rows.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::FixedOffset;
use criterion::{Criterion, SamplingMode};
use qunzhu::jobs::Reporter;
use qunzhu::jobs::contact_import::{ContactImportRequest, run};
use qunzhu::store::{Store, search};

#[path = "common/xlsx.rs"]
mod xlsx;

const ROWS: usize = 100_000;
const TEST_MODE_ROWS: usize = 2_000;
const TARGET_RATIO: f64 = 3.0;
/// The same rows as an xlsx workbook may take this much longer than as CSV.
const XLSX_TARGET_RATIO: f64 = 1.5;

// ---------------------------------------------------------------------------------------------
// The generator

/// SplitMix64: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, per_10k: u64) -> bool {
        self.next() % 10_000 < per_10k
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// An index drawn by weight.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.next() % weights.iter().sum::<u64>();
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }
}

const HEADER: [&str; 13] = [
    "客户名称",
    "客户备注",
    "描述",
    "性别",
    "添加人",
    "添加人账号",
    "添加人所属部门",
    "添加时间",
    "来源",
    "企业标签",
    "手机",
    "企业",
    "external_userid",
];
const STAFF: [(&str, &str, &str); 6] = [
    ("林晓雯", "LinXiaoWen", "社群运营部"),
    ("孙悦", "SunYue", "电商客服部"),
    ("陈嘉怡", "ChenJiaYi", "直播运营部"),
    ("王浩然", "WangHaoRan", "门店-静安店"),
    ("周子涵", "ZhouZiHan", "社群运营部"),
    ("赵思琪", "ZhaoSiQi", "门店-徐汇店"),
];
const TAGS: [&str; 23] = [
    "新客",
    "老客",
    "VIP",
    "高价值",
    "绿茶",
    "红茶",
    "普洱",
    "白茶",
    "乌龙",
    "茶具",
    "有意向",
    "已下单",
    "复购",
    "沉睡",
    "门店",
    "直播间",
    "小红书",
    "抖音",
    "老带新",
    "宝妈",
    "白领",
    "企业采购",
    "KOC",
];
/// How many rows carry 0, 1, … 6 tags (per 10,000, as in big_contacts.csv).
const TAG_COUNT_WEIGHTS: [u64; 7] = [116, 795, 2367, 3248, 2450, 892, 132];
const SOURCES: [&str; 9] = [
    "扫描二维码",
    "群聊",
    "搜索手机号",
    "来自微信的添加好友申请",
    "名片分享",
    "微信联系人",
    "通过获客链接添加",
    "内部成员共享",
    "管理员/负责人分配",
];
const SOURCE_WEIGHTS: [u64; 9] = [4006, 1494, 1220, 1002, 777, 476, 412, 319, 294];
const DESCRIPTIONS: [&str; 10] = [
    "老客户介绍来的",
    "公司采购，年底送礼需求",
    "对价格敏感，等会员日",
    "只喝明前绿茶",
    "周末常来店里",
    "直播间下单两次",
    "想学泡茶，报名了品鉴会",
    "胃不好，推荐熟普/红茶",
    "喜欢熟普，家里有小孩",
    "要发票，抬头见聊天记录",
];
const CORPS: [&str; 6] = [
    "苏州青禾贸易有限公司",
    "上海云栖茶业有限公司",
    "上海\"一盏\"茶空间",
    "Tea & Co., Ltd.",
    "杭州茶语文化传播有限公司",
    "深圳南山某科技公司",
];
const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];
const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "鹏", "兰", "燕", "晨", "雪",
    "博", "毅", "蓉", "斌", "浩", "宇", "婷", "佳",
];
const NICKS: [&str; 16] = [
    "小太阳",
    "豆豆",
    "鹿小姐",
    "云朵",
    "七七",
    "西湖边的风",
    "Momo",
    "Amy",
    "Lily",
    "Grace",
    "Echo",
    "Bella",
    "向日葵",
    "山有木兮",
    "阿杰哥",
    "茶茶",
];
const EMOJI: [&str; 8] = ["🦌", "🌙", "🍀", "🌸", "🐰", "☀️", "🍵", "✨"];
const CITIES: [&str; 8] = [
    "上海", "杭州", "苏州", "北京", "深圳", "广州", "成都", "武汉",
];
const TEAS: [&str; 5] = ["绿茶", "红茶", "普洱", "白茶", "乌龙"];
const CHANNELS: [&str; 4] = ["直播间", "门店", "小红书", "老带新"];
const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const PHONE_PREFIXES: [&str; 12] = [
    "130", "131", "133", "135", "136", "138", "150", "152", "157", "166", "186", "199",
];
/// 2023-09-13 08:00:00 +08:00 and the span of add times after it (to 2024-03-31 23:00).
const FIRST_ADD_UNIX: i64 = 1_694_563_200;
const ADD_SPAN_S: i64 = 17_248_000;

/// One customer: what every row about them repeats.
struct Person {
    name: String,
    phone_digits: String,
    phone_cell: String,
    external_id: String,
    gender: &'static str,
    corp: &'static str,
}

fn person(rng: &mut Rng, index: usize) -> Person {
    let name = if rng.chance(3_000) {
        let mut nick = rng.pick(&NICKS).to_string();
        if rng.chance(6_000) {
            nick.push_str(rng.pick(&EMOJI));
        } else if rng.chance(3_000) {
            nick.push_str(&rng.below(100).to_string());
        }
        nick
    } else {
        let given_len = 1 + rng.below(2);
        let mut name = rng.pick(&SURNAMES).to_string();
        for _ in 0..given_len {
            name.push_str(rng.pick(&GIVEN));
        }
        name
    };
    // Unique digits per customer (a bijection of the index), so only intended duplicates share one.
    let unique = (index as u64 * 48_271 + 7) % 100_000_000;
    let (phone_digits, phone_cell) = match rng.weighted(&[1320, 7680, 500, 350, 55]) {
        0 => (String::new(), String::new()),
        4 => {
            let d = format!("0571{unique:08}");
            (d.clone(), d)
        }
        style => {
            let d = format!("{}{unique:08}", rng.pick(&PHONE_PREFIXES));
            let cell = match style {
                1 => d.clone(),
                2 => format!("+86 {}-{}-{}", &d[..3], &d[3..7], &d[7..]),
                _ => format!("{} {} {}", &d[..3], &d[3..7], &d[7..]),
            };
            (d, cell)
        }
    };
    let external_id = if rng.chance(1_000) {
        String::new()
    } else {
        let mut id = String::from("wm");
        for _ in 0..30 {
            id.push(ID_CHARS[rng.below(ID_CHARS.len())] as char);
        }
        id
    };
    let gender = ["女", "男", "未知"][rng.weighted(&[6011, 3006, 983])];
    let corp = if rng.chance(1_159) {
        rng.pick(&CORPS)
    } else {
        ""
    };
    Person {
        name,
        phone_digits,
        phone_cell,
        external_id,
        gender,
        corp,
    }
}

fn remark(rng: &mut Rng, name: &str) -> String {
    let s = rng.pick(&SURNAMES);
    match rng.below(7) {
        0 => String::new(),
        1 => format!("{s}姐-{}-{}", rng.pick(&CITIES), rng.pick(&TEAS)),
        2 => format!("VIP {s}总"),
        3 => format!(
            "{:02}{:02}进群-{}",
            1 + rng.below(12),
            1 + rng.below(28),
            rng.pick(&TEAS)
        ),
        4 => format!("{s}{} {}", rng.pick(&GIVEN), rng.pick(&CITIES)),
        5 => format!("{s}{}（{}）", rng.pick(&GIVEN), rng.pick(&CHANNELS)),
        _ if rng.chance(3_000) => name.to_string(),
        _ => format!("{s}姐 {}", rng.pick(&CITIES)),
    }
}

fn tags(rng: &mut Rng) -> String {
    let n = rng.weighted(&TAG_COUNT_WEIGHTS);
    let mut picked: Vec<&str> = Vec::with_capacity(n);
    while picked.len() < n {
        let tag = rng.pick(&TAGS);
        if !picked.contains(&tag) {
            picked.push(tag);
        }
    }
    picked.join(",")
}

fn add_time(rng: &mut Rng) -> String {
    let unix = FIRST_ADD_UNIX + (rng.next() % ADD_SPAN_S as u64) as i64;
    let offset = FixedOffset::east_opt(8 * 3600).unwrap();
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap()
        .with_timezone(&offset)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// Writes `rows` data rows to `path`; returns how many distinct customers they hold (by external
/// id, else phone, else name + adding staff: the importer's de-duplication key).
fn generate(path: &Path, rows: usize) -> usize {
    let mut rng = Rng(20_240_401);
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(file);
    out.write_record(HEADER).unwrap();
    let mut keys = HashSet::new();
    let (mut written, mut index) = (0, 0);
    while written < rows {
        let p = person(&mut rng, index);
        index += 1;
        // About 3% of customers were added by a second staff member: a second row right after.
        let copies = if rng.chance(300) { 2 } else { 1 };
        let first_staff = rng.below(STAFF.len());
        for copy in 0..copies.min(rows - written) {
            let (staff, account, department) = STAFF[(first_staff + copy) % STAFF.len()];
            let remark = remark(&mut rng, &p.name);
            let description = if rng.chance(5_000) {
                ""
            } else {
                rng.pick(&DESCRIPTIONS)
            };
            let source = SOURCES[rng.weighted(&SOURCE_WEIGHTS)];
            let (time, tags) = (add_time(&mut rng), tags(&mut rng));
            out.write_record([
                p.name.as_str(),
                &remark,
                description,
                p.gender,
                staff,
                account,
                department,
                &time,
                source,
                &tags,
                &p.phone_cell,
                p.corp,
                &p.external_id,
            ])
            .unwrap();
            let key = if !p.external_id.is_empty() {
                format!("ext:{}", p.external_id)
            } else if !p.phone_digits.is_empty() {
                format!("tel:{}", p.phone_digits)
            } else {
                format!("ns:{}|{staff}", p.name)
            };
            keys.insert(key);
            written += 1;
        }
    }
    out.flush().unwrap();
    keys.len()
}

// ---------------------------------------------------------------------------------------------
// What is measured

fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// Our import into a fresh file: open (create + migrate), import, close (WAL checkpoint).
fn ours(csv: &Path, db: &Path) -> (Duration, i64) {
    ours_with_cache(csv, db, None)
}

/// `ours`, optionally with a page cache of `cache_mib` instead of SQLite's default 2 MiB.
fn ours_with_cache(csv: &Path, db: &Path, cache_mib: Option<i64>) -> (Duration, i64) {
    remove_db(db);
    let start = Instant::now();
    let mut store = Store::open(db).unwrap();
    if let Some(mib) = cache_mib {
        set_cache(&store, mib);
    }
    let report = run(
        &mut store,
        &ContactImportRequest::new(csv, beijing()),
        &Reporter::silent(),
    )
    .unwrap();
    drop(store);
    (start.elapsed(), report.created)
}

/// The floor: the sqlite3 shell loading the same CSV into a plain table, in one process.
fn floor(csv: &Path, db: &Path) -> Duration {
    remove_db(db);
    let start = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("sqlite3 is needed for the floor (apt-get install -y sqlite3)");
    let script = format!(".mode csv\n.import '{}' t\n", csv.display());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "sqlite3 .import failed");
    start.elapsed()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Peak RSS in MiB of `qunzhu import` in its own process, when `/usr/bin/time` exists.
fn peak_rss_mib(csv: &Path, db: &Path) -> Option<f64> {
    remove_db(db);
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_qunzhu"))
        .args([
            "import",
            csv.to_str()?,
            "--db",
            db.to_str()?,
            "--tz",
            "+08:00",
        ])
        .output()
        .ok()?;
    assert!(output.status.success(), "qunzhu import failed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kib: f64 = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))?
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn set_cache(store: &Store, mib: i64) {
    store
        .conn()
        .pragma_update(None, "cache_size", -mib * 1024)
        .unwrap();
}

/// Empties both search indexes (FTS5 'delete-all', cheap) so what follows indexes fresh documents,
/// as the import's last phase does.
fn clear_search(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    for table in ["search_cjk", "search_trigram"] {
        conn.execute(
            &format!("INSERT INTO {table}({table}) VALUES('delete-all')"),
            [],
        )?;
    }
    Ok(())
}

fn customer_ids(conn: &rusqlite::Connection) -> Vec<i64> {
    conn.prepare("SELECT id FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The import's search-index phase on the finished file: every customer's document indexed
/// afresh in one transaction (rolled back).
fn reindex_all(db: &Path, cache_mib: Option<i64>) -> Duration {
    let mut store = Store::open(db).unwrap();
    if let Some(mib) = cache_mib {
        set_cache(&store, mib);
    }
    let ids = customer_ids(store.conn());
    let tx = store.conn_mut().transaction().unwrap();
    clear_search(&tx).unwrap();
    let start = Instant::now();
    for id in ids {
        search::index_customer(&tx, id).unwrap();
    }
    start.elapsed()
}

/// Splits the index phase: each FTS5 table alone, with and without the DELETE that
/// `index_customer` runs before every INSERT (a no-op for a new customer).
fn fts_profile(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let docs: Vec<(i64, String)> = store
        .conn()
        .prepare(
            "SELECT id, name || char(10) || remark || char(10) || coalesce(phone, '') || char(10)
               || description || char(10) || corp FROM customers ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut parts = Vec::new();
    for table in ["search_trigram", "search_cjk"] {
        for with_delete in [false, true] {
            let tx = store.conn_mut().transaction().unwrap();
            clear_search(&tx).unwrap();
            let start = Instant::now();
            let mut delete = tx
                .prepare(&format!("DELETE FROM {table} WHERE rowid = ?1"))
                .unwrap();
            let mut insert = tx
                .prepare(&format!("INSERT INTO {table}(rowid, body) VALUES (?1, ?2)"))
                .unwrap();
            for (id, doc) in &docs {
                if with_delete {
                    delete.execute([id]).unwrap();
                }
                let body = if table == "search_cjk" {
                    qunzhu::domain::search_text::space_cjk(doc)
                } else {
                    doc.clone()
                };
                insert.execute(rusqlite::params![id, body]).unwrap();
            }
            parts.push(format!(
                "{table} {} {:.2} s",
                if with_delete {
                    "delete+insert"
                } else {
                    "insert only"
                },
                start.elapsed().as_secs_f64()
            ));
        }
    }
    println!(
        "import search-index profile ({} documents): {}",
        docs.len(),
        parts.join("; ")
    );
}

/// What our schema alone costs: the finished import's rows copied into a fresh database with
/// `INSERT … SELECT` (same tables and indexes, no lookups, no per-row statements), per table.
fn schema_floor(finished: &Path) {
    let fresh = finished.with_file_name("schema_floor.db");
    remove_db(&fresh);
    let mut store = Store::open(&fresh).unwrap();
    store
        .conn()
        .execute("ATTACH ?1 AS f", [finished.to_str().unwrap()])
        .unwrap();
    let start = Instant::now();
    let tx = store.conn_mut().transaction().unwrap();
    let mut parts = Vec::new();
    for table in [
        "import_batches",
        "customers",
        "staff",
        "tags",
        "customer_staff",
        "customer_tags",
        "import_batch_changes",
    ] {
        let t = Instant::now();
        let n = tx
            .execute(
                &format!("INSERT INTO main.{table} SELECT * FROM f.{table}"),
                [],
            )
            .unwrap();
        parts.push(format!(
            "{table} {n} rows {:.2} s",
            t.elapsed().as_secs_f64()
        ));
    }
    tx.commit().unwrap();
    store.conn().execute("DETACH f", []).unwrap();
    drop(store);
    println!(
        "import schema floor (INSERT…SELECT of the finished rows, commit and close included): {:.2} s; {}",
        start.elapsed().as_secs_f64(),
        parts.join("; ")
    );
    remove_db(&fresh);
}

/// Where our time goes: parsing alone; the search-index phase (rebuilt on the finished file);
/// and the same import with a larger page cache, which tests whether cache misses dominate.
fn breakdown(csv: &Path, db: &Path, total: Duration, floor: Duration) {
    use qunzhu::import::{ContactOptions, auto_map, detect_path, open_rows, record_from_row};
    let start = Instant::now();
    let det = detect_path(csv).unwrap();
    let mapping = auto_map(&det.headers);
    let options = ContactOptions {
        tz: beijing(),
        ..ContactOptions::default()
    };
    let mut parsed = 0usize;
    for row in open_rows(csv, &det).unwrap() {
        let row = row.unwrap();
        if record_from_row(&row, &det.headers, &mapping, &options).is_ok() {
            parsed += 1;
        }
    }
    let parse = start.elapsed();
    ours(csv, db);
    let index = reindex_all(db, None);
    let rest = total.saturating_sub(parse + index);
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "import breakdown: parse only {:.2} s ({:.0}%, {parsed} records); search index (all customers) {:.2} s ({:.0}%); \
         the rest (de-dup lookups, inserts, tags, staff, batch log, commit) ~ {:.2} s ({:.0}%)",
        parse.as_secs_f64(),
        pct(parse),
        index.as_secs_f64(),
        pct(index),
        rest.as_secs_f64(),
        pct(rest),
    );
    fts_profile(db);
    schema_floor(db);
    let dir = csv.parent().unwrap();
    let mut scaling = Vec::new();
    for rows in [parsed / 4, parsed / 2] {
        let part = dir.join(format!("contacts_{rows}.csv"));
        generate(&part, rows);
        let (time, _) = ours(&part, db);
        scaling.push(format!("{rows} rows {:.2} s", time.as_secs_f64()));
    }
    println!(
        "import scaling (default cache): {}; {} rows {:.2} s (median above)",
        scaling.join("; "),
        parsed,
        total.as_secs_f64()
    );
    let mib = 256;
    let (time, _) = ours_with_cache(csv, db, Some(mib));
    let index = reindex_all(db, Some(mib));
    println!(
        "import with PRAGMA cache_size = {mib} MiB: {:.2} s (ratio {:.2}x); search index alone {:.2} s",
        time.as_secs_f64(),
        time.as_secs_f64() / floor.as_secs_f64(),
        index.as_secs_f64(),
    );
}

/// The same rows as an xlsx workbook (shared strings, as exporters write them) against the CSV,
/// each imported whole into a fresh file, alternated so a noisy machine hits both alike.
fn xlsx_against_csv(csv: &Path, dir: &Path, distinct: usize, bench_mode: bool) {
    let book = csv.with_extension("xlsx");
    xlsx::csv_to_xlsx(csv, &book);
    let size_mib = std::fs::metadata(&book).unwrap().len() as f64 / 1_048_576.0;
    let db = dir.join("xlsx.db");
    let rounds = if bench_mode { 7 } else { 1 };
    let (mut from_csv, mut from_xlsx) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (time, created) = ours(csv, &db);
        assert_eq!(created as usize, distinct, "customers created from the CSV");
        from_csv.push(time);
        let (time, created) = ours(&book, &db);
        assert_eq!(
            created as usize, distinct,
            "customers created from the xlsx"
        );
        from_xlsx.push(time);
    }
    let (c, x) = (median(&mut from_csv), median(&mut from_xlsx));
    let ratio = x.as_secs_f64() / c.as_secs_f64();
    println!(
        "import xlsx vs csv: {} ({size_mib:.1} MiB); csv {:.3} s, xlsx {:.3} s (medians of {rounds}, alternated); \
         ratio {ratio:.2}x (target <= {XLSX_TARGET_RATIO}x: {})",
        book.display(),
        c.as_secs_f64(),
        x.as_secs_f64(),
        if ratio <= XLSX_TARGET_RATIO {
            "PASS"
        } else {
            "FAIL"
        },
    );
    remove_db(&db);
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let rows = if bench_mode { ROWS } else { TEST_MODE_ROWS };
    let dir = bench_dir();
    let csv = dir.join(format!("contacts_{rows}.csv"));
    let distinct = generate(&csv, rows);
    let size_mib = std::fs::metadata(&csv).unwrap().len() as f64 / 1_048_576.0;
    println!(
        "import input: {} ({rows} rows, {distinct} distinct customers, {size_mib:.1} MiB)",
        csv.display()
    );
    let (ours_db, floor_db) = (dir.join("ours.db"), dir.join("floor.db"));

    let mut criterion = Criterion::default().configure_from_args();
    let mut ours_times = Vec::new();
    let mut floor_times = Vec::new();
    {
        let mut group = criterion.benchmark_group("import");
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(20));
        group.bench_function(format!("qunzhu_contacts_{rows}_rows"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (time, created) = ours(&csv, &ours_db);
                    assert_eq!(created as usize, distinct, "customers created");
                    ours_times.push(time);
                    total += time;
                }
                total
            });
        });
        group.bench_function(format!("sqlite3_dot_import_{rows}_rows"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let time = floor(&csv, &floor_db);
                    floor_times.push(time);
                    total += time;
                }
                total
            });
        });
        group.finish();
    }
    criterion.final_summary();

    let (ours_median, floor_median) = (median(&mut ours_times), median(&mut floor_times));
    let ratio = ours_median.as_secs_f64() / floor_median.as_secs_f64();
    println!(
        "import summary: floor (sqlite3 .import) {:.3} s median of {}; ours (contact_import::run) {:.3} s median of {}; \
         ratio {ratio:.2}x (target <= {TARGET_RATIO}x: {}); {:.0} rows/s",
        floor_median.as_secs_f64(),
        floor_times.len(),
        ours_median.as_secs_f64(),
        ours_times.len(),
        if ratio <= TARGET_RATIO {
            "PASS"
        } else {
            "FAIL"
        },
        rows as f64 / ours_median.as_secs_f64(),
    );
    match peak_rss_mib(&csv, &ours_db) {
        Some(mib) => {
            println!("import peak RSS (qunzhu import under /usr/bin/time -v): {mib:.1} MiB")
        }
        None => println!("import peak RSS: /usr/bin/time not available"),
    }
    breakdown(&csv, &ours_db, ours_median, floor_median);
    xlsx_against_csv(&csv, &dir, distinct, bench_mode);
    remove_db(&ours_db);
    remove_db(&floor_db);
}
