//! Full-text search over customers: names, remarks, phone, WeChat ID, descriptions and note text.
//!
//! Each customer has one search document (rowid = customer id) in two contentless FTS5 indexes:
//! `search_cjk` (CJK characters spaced into single tokens, answers 1–2 character queries such as
//! 王 or 上海 through the index) and `search_trigram` (substrings of 3+ characters). The pure query
//! planning lives in `domain::search_text`; this module keeps the documents current and runs queries.

use std::collections::HashSet;

use rusqlite::{Connection, params, params_from_iter};

use super::error::Result;
use crate::domain::id_set::IdSet;
use crate::domain::search_text::{TermPlan, plan_query, space_cjk};

/// One search hit as the command line prints it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub name: String,
    pub remark: String,
    /// Which field matched first: name, remark, phone, wechat_id, description, corp, city, tag
    /// or note.
    pub matched: String,
}

/// The total number of matching customers and the first hits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// A SQL sub-select of matching customer ids, with its parameters, or `None` for an empty query.
pub fn matching_ids_sql(query: &str) -> Option<(String, Vec<String>)> {
    let plans = plan_query(query);
    if plans.is_empty() {
        return None;
    }
    let mut parts = Vec::with_capacity(plans.len());
    let mut args = Vec::with_capacity(plans.len());
    for plan in plans {
        let (table, expr) = match plan {
            TermPlan::Cjk(expr) => ("search_cjk", expr),
            TermPlan::Trigram(expr) => ("search_trigram", expr),
        };
        parts.push(format!("SELECT rowid FROM {table} WHERE {table} MATCH ?"));
        args.push(expr);
    }
    // A query that is a tag's whole name also finds everyone with that tag (老客 → the customers
    // tagged 老客), whether or not the word is in their name, remark or notes. UNION ALL: a plain
    // UNION de-duplicates every text match in a temporary B-tree (+8 ms p95 at 30k matches);
    // callers use the ids in `IN (…)` or sort and de-duplicate them anyway.
    let sql = format!(
        "{} UNION ALL SELECT ct.customer_id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id \
         WHERE t.name = ?",
        parts.join(" INTERSECT ")
    );
    args.push(query.trim().to_string());
    Some((sql, args))
}

/// Rebuilds the search document of one customer (call after any change to its fields or notes).
pub fn index_customer(conn: &Connection, customer_id: i64) -> Result<()> {
    remove_customer(conn, customer_id)?;
    index_new_customer(conn, customer_id)
}

/// Indexes a customer that has no search document yet (created in the running transaction):
/// `index_customer` without the deletes.
pub fn index_new_customer(conn: &Connection, customer_id: i64) -> Result<()> {
    let Some(doc) = document(conn, customer_id)? else {
        return Ok(());
    };
    insert_document(conn, customer_id, &doc)
}

/// Indexes every customer with an id above `after`, all created in the running transaction and
/// without notes yet (a contact import's new customers): one pass over the table in id order
/// instead of a lookup per customer.
pub fn index_new_customers_after(conn: &Connection, after: i64) -> Result<usize> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {DOCUMENT_FIELDS} FROM customers WHERE id > ?1 ORDER BY id"
    ))?;
    let mut rows = stmt.query([after])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let fields = (1..=DOCUMENT_FIELD_COUNT)
            .map(|i| row.get::<_, String>(i))
            .collect::<rusqlite::Result<Vec<String>>>()?;
        insert_document(conn, id, &join_lines(fields))?;
        n += 1;
    }
    Ok(n)
}

/// The customer fields a search document holds, one line each (notes follow).
const DOCUMENT_FIELDS: &str = "name, remark, coalesce(phone, ''), coalesce(wechat_id, ''), \
     description, corp, city, coalesce(wxid, '')";
const DOCUMENT_FIELD_COUNT: usize = 8;

/// A document from its lines, empty ones left out.
fn join_lines(mut lines: Vec<String>) -> String {
    lines.retain(|l| !l.is_empty());
    lines.join("\n")
}

fn insert_document(conn: &Connection, customer_id: i64, doc: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_cjk(rowid, body) VALUES (?1, ?2)")?
        .execute(params![customer_id, cjk_document(doc)])?;
    conn.prepare_cached("INSERT INTO search_trigram(rowid, body) VALUES (?1, ?2)")?
        .execute(params![customer_id, doc])?;
    Ok(())
}

/// The spaced-CJK form of a document. Its lines (fields, notes) are kept apart by a token no
/// query contains, so a phrase such as 上海 cannot match 上 at the end of one field and 海 at the
/// start of the next (unicode61 drops the newline, leaving the two tokens adjacent).
fn cjk_document(doc: &str) -> String {
    doc.lines()
        .map(space_cjk)
        .collect::<Vec<_>>()
        .join(FIELD_BREAK)
}

/// A private-use character: a token of its own for unicode61, never typed in a query.
const FIELD_BREAK: &str = " \u{E000} ";

/// Removes a customer's search document.
pub fn remove_customer(conn: &Connection, customer_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_cjk WHERE rowid = ?1")?
        .execute([customer_id])?;
    conn.prepare_cached("DELETE FROM search_trigram WHERE rowid = ?1")?
        .execute([customer_id])?;
    Ok(())
}

/// Rebuilds every document (after bulk loads that bypass `index_customer`).
pub fn rebuild_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_cjk", [])?;
    conn.execute("DELETE FROM search_trigram", [])?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM customers")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        index_customer(conn, id)?;
    }
    Ok(())
}

/// The searchable text of one customer: profile fields and every note, one per line.
fn document(conn: &Connection, customer_id: i64) -> Result<Option<String>> {
    let fields = conn
        .prepare_cached(&format!(
            "SELECT {DOCUMENT_FIELDS} FROM customers WHERE id = ?1"
        ))?
        .query_row([customer_id], |r| {
            (0..DOCUMENT_FIELD_COUNT)
                .map(|i| r.get::<_, String>(i))
                .collect::<rusqlite::Result<Vec<String>>>()
        });
    let mut lines = match fields {
        Ok(fields) => fields,
        Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let mut stmt = conn.prepare_cached("SELECT body FROM notes WHERE customer_id = ?1")?;
    for body in stmt.query_map([customer_id], |r| r.get::<_, String>(0))? {
        lines.push(body?);
    }
    Ok(Some(join_lines(lines)))
}

/// The ids of every customer matching `query`, ascending, or `None` for an empty query. This is
/// the search index alone: no lookup in the customers table.
pub fn matching_ids(conn: &Connection, query: &str) -> Result<Option<Vec<i64>>> {
    let Some((sql, args)) = matching_ids_sql(query) else {
        return Ok(None);
    };
    let mut ids = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    ids.sort_unstable();
    ids.dedup();
    Ok(Some(ids))
}

/// Runs a search: the number of matching customers and the first `limit` hits, best first:
/// exact name, then names starting with the query, then the rest by id.
///
/// Why not one `ORDER BY`: ranking every match in SQL reads each matching row from the wide
/// customers table and sorts them all, ~0.9 µs a match (27 ms for 30k matches). Here the index's
/// matches become a bitmap once, the two name tiers come from the `customers_name` index, and the
/// rest of the page is the lowest matching ids, so the cost follows the page, not the matches.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<SearchResults> {
    let Some(matches) = matching_ids(conn, query)? else {
        return Ok(SearchResults {
            total: 0,
            hits: Vec::new(),
        });
    };
    let set = IdSet::new(&matches);
    let needle = query.trim();
    let exact = name_ids(conn, "SELECT id FROM customers WHERE name = ?1", &[needle])?;
    // Every name that starts with the needle sorts between it and needle + U+10FFFF (BINARY
    // collation compares UTF-8 bytes, and no character encodes above U+10FFFF).
    let prefix_end = format!("{needle}\u{10FFFF}");
    let mut prefixed = name_ids(
        conn,
        "SELECT id FROM customers WHERE name > ?1 AND name < ?2",
        &[needle, &prefix_end],
    )?;
    prefixed.sort_unstable();
    let mut page: Vec<i64> = Vec::with_capacity(limit.min(matches.len()));
    let mut taken = HashSet::new();
    for id in exact
        .into_iter()
        .chain(prefixed)
        .chain(matches.iter().copied())
    {
        if page.len() == limit {
            break;
        }
        if set.contains(id) && taken.insert(id) {
            page.push(id);
        }
    }
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut hits = Vec::with_capacity(page.len());
    for id in page {
        let (name, remark) = conn
            .prepare_cached("SELECT name, remark FROM customers WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        hits.push(SearchHit {
            id,
            name,
            remark,
            matched: matched_field(conn, id, &terms, needle)?,
        });
    }
    Ok(SearchResults {
        total: matches.len(),
        hits,
    })
}

/// Customer ids from a query over the name index.
fn name_ids(conn: &Connection, sql: &str, args: &[&str]) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map(params_from_iter(args.iter()), |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// The first field of a customer that contains the first query term (case-insensitive), else
/// `tag` when the query is the name of one of their tags, else `note`.
fn matched_field(conn: &Connection, id: i64, terms: &[String], needle: &str) -> Result<String> {
    let Some(term) = terms.first() else {
        return Ok(String::new());
    };
    let fields: [(&str, String); 8] = conn.query_row(
        &format!("SELECT {DOCUMENT_FIELDS} FROM customers WHERE id = ?1"),
        [id],
        |r| {
            Ok([
                ("name", r.get(0)?),
                ("remark", r.get(1)?),
                ("phone", r.get(2)?),
                ("wechat_id", r.get(3)?),
                ("description", r.get(4)?),
                ("corp", r.get(5)?),
                ("city", r.get(6)?),
                ("wxid", r.get(7)?),
            ])
        },
    )?;
    for (key, value) in fields {
        if value.to_lowercase().contains(term.as_str()) {
            return Ok(key.to_string());
        }
    }
    let tagged: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.customer_id = ?1 AND t.name = ?2)",
        )?
        .query_row(params![id, needle], |r| r.get(0))?;
    Ok(if tagged { "tag" } else { "note" }.to_string())
}
