//! Everything held about one customer, as one JSON document (PIPL: the right to a copy).

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::error::{Result, StoreError};
use super::row_json;

/// Tables with rows about a customer, and the column that points at them.
const ABOUT_A_CUSTOMER: &[(&str, &str)] = &[
    ("customer_staff", "customer_id"),
    ("customer_tags", "customer_id"),
    ("notes", "customer_id"),
    ("purchases", "customer_id"),
    ("group_members", "customer_id"),
    ("role_assignments", "customer_id"),
    ("contributions", "customer_id"),
    ("enrolments", "customer_id"),
    ("followup_tasks", "customer_id"),
];

/// The customer's row and every row about them, with tag, staff and group names resolved.
pub fn customer_dossier(conn: &Connection, id: i64) -> Result<Value> {
    let mut rows = row_json::capture(conn, "customers", "id", id)?;
    let Some(profile) = rows.pop() else {
        return Err(StoreError::NotFound {
            what: "customer",
            id,
        });
    };
    let mut document = Map::new();
    document.insert("customer".into(), profile);
    for (table, column) in ABOUT_A_CUSTOMER {
        let rows = row_json::capture(conn, table, column, id)?;
        document.insert((*table).into(), Value::Array(rows));
    }
    let names = |sql: &str| -> Result<Value> {
        let mut stmt = conn.prepare(sql)?;
        let list = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Value::from(list))
    };
    document.insert(
        "tag_names".into(),
        names("SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ?1")?,
    );
    document.insert(
        "staff_names".into(),
        names("SELECT s.name FROM customer_staff cs JOIN staff s ON s.id = cs.staff_id WHERE cs.customer_id = ?1")?,
    );
    document.insert(
        "group_names".into(),
        names("SELECT g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.customer_id = ?1")?,
    );
    document.insert(
        "chat_messages".into(),
        Value::from(
            conn.prepare(
                "SELECT m.at, m.text FROM chat_messages m JOIN group_members gm ON gm.id = m.member_id
                 WHERE gm.customer_id = ?1 ORDER BY m.at",
            )?
            .query_map([id], |r| {
                Ok(serde_json::json!({"at": r.get::<_, i64>(0)?, "text": r.get::<_, String>(1)?}))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        ),
    );
    Ok(Value::Object(document))
}
