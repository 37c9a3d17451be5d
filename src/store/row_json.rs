//! Table rows as JSON, so an import batch can remember what a customer looked like before it
//! changed them, and Undo can put that back.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde_json::{Map, Value as Json};

use super::error::{Result, StoreError};

fn to_json(value: Value) -> Json {
    match value {
        Value::Null | Value::Blob(_) => Json::Null,
        Value::Integer(i) => Json::from(i),
        Value::Real(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        Value::Text(t) => Json::String(t),
    }
}

fn from_json(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// Every row of `table` whose `column` equals `id`, as JSON objects.
pub fn capture(conn: &Connection, table: &str, column: &str, id: i64) -> Result<Vec<Json>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE {column} = ?1"))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let rows = stmt
        .query_map([id], |r| {
            let mut object = Map::new();
            for (i, name) in names.iter().enumerate() {
                object.insert(name.clone(), to_json(r.get::<_, Value>(i)?));
            }
            Ok(Json::Object(object))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Inserts rows captured by `capture` back into `table`.
pub fn insert(conn: &Connection, table: &str, rows: &[Json]) -> Result<()> {
    for row in rows {
        let Json::Object(object) = row else {
            return Err(StoreError::Invalid(format!(
                "a saved {table} row is not an object"
            )));
        };
        let columns: Vec<&str> = object.keys().map(String::as_str).collect();
        let marks = vec!["?"; columns.len()].join(",");
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({marks})",
            columns.join(",")
        );
        conn.prepare_cached(&sql)?
            .execute(params_from_iter(object.values().map(from_json)))?;
    }
    Ok(())
}

/// Overwrites the row of `table` with primary key `id` with a captured row's values.
pub fn update(conn: &Connection, table: &str, id: i64, row: &Json) -> Result<()> {
    let Json::Object(object) = row else {
        return Err(StoreError::Invalid(format!(
            "a saved {table} row is not an object"
        )));
    };
    let assignments: Vec<String> = object
        .keys()
        .filter(|k| k.as_str() != "id")
        .map(|k| format!("{k} = ?"))
        .collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?", assignments.join(", "));
    let mut values: Vec<Value> = object
        .iter()
        .filter(|(k, _)| k.as_str() != "id")
        .map(|(_, v)| from_json(v))
        .collect();
    values.push(Value::Integer(id));
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}
