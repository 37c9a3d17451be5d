//! Full-text search over customers: names, remarks, phone, WeChat ID, descriptions and note text.
//!
//! Each customer has one search document (rowid = customer id) in two contentless FTS5 indexes:
//! `search_cjk` (CJK characters spaced into single tokens, answers 1–2 character queries such as
//! 王 or 上海 through the index) and `search_trigram` (substrings of 3+ characters). The pure query
//! planning lives in `domain::search_text`; this module keeps the documents current and runs queries.

use rusqlite::{Connection, params, params_from_iter};

use super::error::Result;
use crate::domain::search_text::{TermPlan, plan_query, space_cjk};

/// One search hit as the command line prints it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub name: String,
    pub remark: String,
    /// Which field matched first: name, remark, phone, wechat_id, description, corp, city or note.
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
    Some((parts.join(" INTERSECT "), args))
}

/// Rebuilds the search document of one customer (call after any change to its fields or notes).
pub fn index_customer(conn: &Connection, customer_id: i64) -> Result<()> {
    remove_customer(conn, customer_id)?;
    let Some(doc) = document(conn, customer_id)? else {
        return Ok(());
    };
    conn.prepare_cached("INSERT INTO search_cjk(rowid, body) VALUES (?1, ?2)")?
        .execute(params![customer_id, cjk_document(&doc)])?;
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
        .prepare_cached(
            "SELECT name, remark, coalesce(phone, ''), coalesce(wechat_id, ''), description, corp, city
             FROM customers WHERE id = ?1",
        )?
        .query_row([customer_id], |r| {
            (0..7)
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
    lines.retain(|l| !l.is_empty());
    Ok(Some(lines.join("\n")))
}

/// Runs a search: the number of matching customers and the first `limit` hits, best first
/// (exact name, then name containing the query, then the rest by id).
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<SearchResults> {
    let Some((ids_sql, args)) = matching_ids_sql(query) else {
        return Ok(SearchResults {
            total: 0,
            hits: Vec::new(),
        });
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM ({ids_sql})"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let needle = query.trim().to_string();
    let sql = format!(
        "SELECT id, name, remark FROM customers WHERE id IN ({ids_sql})
         ORDER BY (name = ?) DESC, (instr(name, ?) > 0) DESC, id LIMIT ?"
    );
    let mut values: Vec<rusqlite::types::Value> = args.into_iter().map(Into::into).collect();
    values.push(needle.clone().into());
    values.push(needle.into());
    values.push((limit as i64).into());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(values), |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut hits = Vec::with_capacity(rows.len());
    for (id, name, remark) in rows {
        let matched = matched_field(conn, id, &terms)?;
        hits.push(SearchHit {
            id,
            name,
            remark,
            matched,
        });
    }
    Ok(SearchResults {
        total: total as usize,
        hits,
    })
}

/// The first field of a customer that contains the first query term (case-insensitive).
fn matched_field(conn: &Connection, id: i64, terms: &[String]) -> Result<String> {
    let Some(term) = terms.first() else {
        return Ok(String::new());
    };
    let fields: [(&str, String); 7] = conn.query_row(
        "SELECT name, remark, coalesce(phone, ''), coalesce(wechat_id, ''), description, corp, city
         FROM customers WHERE id = ?1",
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
            ])
        },
    )?;
    for (key, value) in fields {
        if value.to_lowercase().contains(term.as_str()) {
            return Ok(key.to_string());
        }
    }
    Ok("note".to_string())
}
