//! Deleting a customer everywhere, and putting them back exactly (the Undo of a delete).
//!
//! A delete captures every row that belongs to the customer before the cascade removes it, so
//! Undo restores the same ids, tags, notes, purchases, roles and tasks. Tables that only point at
//! the customer (`ON DELETE SET NULL`) keep their rows; their ids are remembered for re-linking.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::error::{Result, StoreError};
use super::search;

/// Tables whose rows die with a customer, and the column that points at it.
const OWNED: &[(&str, &str)] = &[
    ("customers", "id"),
    ("customer_staff", "customer_id"),
    ("customer_tags", "customer_id"),
    ("notes", "customer_id"),
    ("purchases", "customer_id"),
    ("role_assignments", "customer_id"),
    ("contributions", "customer_id"),
    ("enrolments", "customer_id"),
    ("followup_tasks", "customer_id"),
];

/// Tables that keep their rows but lose the link (`ON DELETE SET NULL`).
const LINKED: &[(&str, &str)] = &[("group_members", "customer_id")];

#[derive(Debug, Clone)]
struct TableRows {
    table: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// Everything a deleted customer was, enough to restore them.
#[derive(Debug, Clone)]
pub struct CustomerSnapshot {
    pub customer_id: i64,
    owned: Vec<TableRows>,
    linked: Vec<(&'static str, &'static str, Vec<i64>)>,
}

fn capture(conn: &Connection, customer_id: i64) -> Result<CustomerSnapshot> {
    let mut owned = Vec::with_capacity(OWNED.len());
    for (table, column) in OWNED {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {column} = ?1"))?;
        let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
        let width = columns.len();
        let rows = stmt
            .query_map([customer_id], |r| {
                (0..width).map(|i| r.get::<_, Value>(i)).collect()
            })?
            .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
        owned.push(TableRows {
            table,
            columns,
            rows,
        });
    }
    let mut linked = Vec::with_capacity(LINKED.len());
    for (table, column) in LINKED {
        let ids = conn
            .prepare(&format!("SELECT rowid FROM {table} WHERE {column} = ?1"))?
            .query_map([customer_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        linked.push((*table, *column, ids));
    }
    Ok(CustomerSnapshot {
        customer_id,
        owned,
        linked,
    })
}

/// Deletes customers from every table and the search index, in one transaction; returns what
/// Undo needs to restore them.
pub fn delete_customers(conn: &mut Connection, ids: &[i64]) -> Result<Vec<CustomerSnapshot>> {
    let tx = conn.transaction()?;
    let mut snapshots = Vec::with_capacity(ids.len());
    for &id in ids {
        let snapshot = capture(&tx, id)?;
        if snapshot.owned.first().is_none_or(|t| t.rows.is_empty()) {
            return Err(StoreError::NotFound {
                what: "customer",
                id,
            });
        }
        tx.execute("DELETE FROM customers WHERE id = ?1", [id])?;
        search::remove_customer(&tx, id)?;
        snapshots.push(snapshot);
    }
    tx.commit()?;
    Ok(snapshots)
}

/// Puts deleted customers back with their original ids and everything that was theirs.
pub fn restore_customers(conn: &mut Connection, snapshots: &[CustomerSnapshot]) -> Result<()> {
    let tx = conn.transaction()?;
    for snapshot in snapshots {
        for table in &snapshot.owned {
            if table.rows.is_empty() {
                continue;
            }
            let marks = vec!["?"; table.columns.len()].join(",");
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({marks})",
                table.table,
                table.columns.join(",")
            );
            let mut stmt = tx.prepare(&sql)?;
            for row in &table.rows {
                stmt.execute(params_from_iter(row.iter()))?;
            }
        }
        for (table, column, ids) in &snapshot.linked {
            let sql = format!("UPDATE {table} SET {column} = ?1 WHERE rowid = ?2");
            for id in ids {
                tx.execute(&sql, [snapshot.customer_id, *id])?;
            }
        }
        search::index_customer(&tx, snapshot.customer_id)?;
    }
    tx.commit()?;
    Ok(())
}
