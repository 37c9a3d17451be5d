//! Content columns (栏目) with the groups they serve, and the content library's snippets.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use crate::domain::content::{Column, Snippet, format_time, parse_time};

/// Columns in their display order, each with the groups it serves.
pub fn list_columns(conn: &Connection, include_archived: bool) -> Result<Vec<Column>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, description, color, default_time, template, weekly_required, archived, sort
         FROM content_columns WHERE archived = 0 OR ?1 ORDER BY archived, sort, id",
    )?;
    let mut columns: Vec<Column> = stmt
        .query_map([include_archived], |r| {
            let time: Option<String> = r.get(4)?;
            Ok(Column {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                color: r.get(3)?,
                default_time: time.as_deref().and_then(parse_time),
                template: r.get(5)?,
                weekly_required: r.get(6)?,
                archived: r.get(7)?,
                sort: r.get(8)?,
                group_ids: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut links = conn.prepare_cached(
        "SELECT group_id FROM content_column_groups WHERE column_id = ?1 ORDER BY group_id",
    )?;
    for column in &mut columns {
        column.group_ids = links
            .query_map([column.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(columns)
}

/// Creates (id 0) or updates a column and the groups it serves; returns its id.
pub fn save_column(conn: &Connection, column: &Column) -> Result<i64> {
    let name = column.name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("a column needs a name".into()));
    }
    let time = column.default_time.map(format_time);
    let id = if column.id == 0 {
        let sort: i64 = conn.query_row(
            "SELECT coalesce(max(sort), 0) + 1 FROM content_columns",
            [],
            |r| r.get(0),
        )?;
        conn.prepare_cached(
            "INSERT INTO content_columns (name, description, color, default_time, template,
                 weekly_required, archived, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            name,
            column.description,
            column.color,
            time,
            column.template,
            column.weekly_required,
            column.archived,
            sort
        ])?;
        conn.last_insert_rowid()
    } else {
        let changed = conn
            .prepare_cached(
                "UPDATE content_columns SET name = ?1, description = ?2, color = ?3,
                     default_time = ?4, template = ?5, weekly_required = ?6, archived = ?7
                 WHERE id = ?8",
            )?
            .execute(params![
                name,
                column.description,
                column.color,
                time,
                column.template,
                column.weekly_required,
                column.archived,
                column.id
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "column",
                id: column.id,
            });
        }
        column.id
    };
    conn.prepare_cached("DELETE FROM content_column_groups WHERE column_id = ?1")?
        .execute([id])?;
    let mut link = conn.prepare_cached(
        "INSERT OR IGNORE INTO content_column_groups (column_id, group_id) VALUES (?1, ?2)",
    )?;
    for group in &column.group_ids {
        link.execute([id, *group])?;
    }
    Ok(id)
}

/// The id of the column named `name`, if any.
pub fn find_column(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM content_columns WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Snippets of `column_id` (all columns when `None`) whose title or body contains `query`,
/// newest first. Snippets are few (hundreds), so a LIKE scan answers any query, even one hanzi.
pub fn list_snippets(
    conn: &Connection,
    column_id: Option<i64>,
    query: &str,
) -> Result<Vec<Snippet>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, column_id, title, body FROM content_snippets
         WHERE (?1 IS NULL OR column_id = ?1)
           AND (title LIKE ?2 ESCAPE '\\' OR body LIKE ?2 ESCAPE '\\')
         ORDER BY created_at DESC, id DESC",
    )?;
    let snippets = stmt
        .query_map(params![column_id, like_pattern(query)], |r| {
            Ok(Snippet {
                id: r.get(0)?,
                column_id: r.get(1)?,
                title: r.get(2)?,
                body: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(snippets)
}

/// Creates (id 0) or updates a snippet; returns its id.
pub fn save_snippet(conn: &Connection, snippet: &Snippet) -> Result<i64> {
    if snippet.title.trim().is_empty() && snippet.body.trim().is_empty() {
        return Err(StoreError::Invalid("an empty snippet".into()));
    }
    if snippet.id == 0 {
        conn.prepare_cached(
            "INSERT INTO content_snippets (column_id, title, body, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            snippet.column_id,
            snippet.title.trim(),
            snippet.body,
            super::now_unix()
        ])?;
        return Ok(conn.last_insert_rowid());
    }
    conn.prepare_cached(
        "UPDATE content_snippets SET column_id = ?1, title = ?2, body = ?3 WHERE id = ?4",
    )?
    .execute(params![
        snippet.column_id,
        snippet.title.trim(),
        snippet.body,
        snippet.id
    ])?;
    Ok(snippet.id)
}

/// Deletes a snippet and returns it (for undo).
pub fn delete_snippet(conn: &Connection, id: i64) -> Result<Snippet> {
    let snippet = conn
        .prepare_cached("SELECT id, column_id, title, body FROM content_snippets WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Snippet {
                id: r.get(0)?,
                column_id: r.get(1)?,
                title: r.get(2)?,
                body: r.get(3)?,
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "snippet",
            id,
        })?;
    conn.prepare_cached("DELETE FROM content_snippets WHERE id = ?1")?
        .execute([id])?;
    Ok(snippet)
}

/// Puts a deleted snippet back under its old id.
pub fn restore_snippet(conn: &Connection, snippet: &Snippet) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO content_snippets (id, column_id, title, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        snippet.id,
        snippet.column_id,
        snippet.title,
        snippet.body,
        super::now_unix()
    ])?;
    Ok(())
}
