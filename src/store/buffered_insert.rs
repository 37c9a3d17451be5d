//! Rows for one table, written many per statement.
//!
//! An import writes hundreds of thousands of small rows (tag links, change-log entries). Run one
//! by one, most of each statement's time is its own start and finish (opening cursors on the
//! table, its indexes and its foreign-key parents, then closing them); a multi-row `VALUES` list
//! pays that once per [`CHUNK_ROWS`] rows. The caller flushes when [`is_full`] says so, before
//! reading the table, in an order that puts parents before children (foreign keys), and before
//! the transaction commits.
//!
//! [`is_full`]: BufferedInsert::is_full

use rusqlite::Connection;
use rusqlite::types::Value;

use super::error::Result;

/// Rows per statement: 64 rows of up to 8 columns stay far below SQLite's parameter limit.
pub const CHUNK_ROWS: usize = 64;

/// Buffered rows for `INSERT {verb} INTO {table} ({columns}) VALUES … {tail}`.
#[derive(Debug)]
pub struct BufferedInsert {
    head: String,
    tail: &'static str,
    columns: usize,
    values: Vec<Value>,
}

impl BufferedInsert {
    /// `head` is everything up to `VALUES` (`INSERT OR IGNORE INTO t (a, b)`); `tail` follows
    /// the value list (`ON CONFLICT DO NOTHING`, or empty).
    pub fn new(head: &str, columns: usize, tail: &'static str) -> Self {
        Self {
            head: head.to_string(),
            tail,
            columns,
            values: Vec::with_capacity(columns * CHUNK_ROWS),
        }
    }

    /// Queues one row (its values in column order).
    pub fn push(&mut self, row: impl IntoIterator<Item = Value>) {
        let before = self.values.len();
        self.values.extend(row);
        debug_assert_eq!(self.values.len() - before, self.columns, "{}", self.head);
    }

    /// Whether a full chunk is waiting (time to flush).
    pub fn is_full(&self) -> bool {
        self.pending() >= CHUNK_ROWS
    }

    /// Rows queued and not yet written.
    pub fn pending(&self) -> usize {
        self.values.len() / self.columns
    }

    /// Writes every queued row: full chunks through one prepared statement, then the rest.
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        let chunk = self.columns * CHUNK_ROWS;
        let mut values = std::mem::take(&mut self.values);
        let full = values.len() / chunk * chunk;
        if full > 0 {
            let mut stmt = conn.prepare_cached(&self.sql(CHUNK_ROWS))?;
            for rows in values[..full].chunks(chunk) {
                stmt.execute(rusqlite::params_from_iter(rows))?;
            }
        }
        let rest = (values.len() - full) / self.columns;
        if rest > 0 {
            // Remainders vary in length and would crowd the statement cache: prepared each time,
            // which still beats a statement per row.
            conn.prepare(&self.sql(rest))?
                .execute(rusqlite::params_from_iter(&values[full..]))?;
        }
        values.clear();
        self.values = values;
        Ok(())
    }

    fn sql(&self, rows: usize) -> String {
        let one = format!("({})", vec!["?"; self.columns].join(", "));
        format!(
            "{} VALUES {} {}",
            self.head,
            vec![one; rows].join(", "),
            self.tail
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
            .unwrap();
        conn
    }

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_flush_writes_full_chunks_and_the_rest() {
        let conn = db();
        let mut buf = BufferedInsert::new("INSERT INTO t (a, b)", 2, "");
        for i in 0..(CHUNK_ROWS as i64 * 2 + 5) {
            buf.push([Value::Integer(i), Value::Text(format!("r{i}"))]);
        }
        assert!(buf.is_full());
        assert_eq!(count(&conn), 0, "nothing is written before the flush");
        assert_eq!(buf.pending(), CHUNK_ROWS * 2 + 5);
        buf.flush(&conn).unwrap();
        assert_eq!(buf.pending(), 0);
        assert_eq!(count(&conn), CHUNK_ROWS as i64 * 2 + 5);
        let last: String = conn
            .query_row("SELECT b FROM t ORDER BY a DESC LIMIT 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(last, format!("r{}", CHUNK_ROWS * 2 + 4));
    }

    #[test]
    fn the_tail_applies_to_every_row() {
        let conn = db();
        let mut buf = BufferedInsert::new("INSERT INTO t (a, b)", 2, "ON CONFLICT DO NOTHING");
        for b in ["first", "second"] {
            buf.push([Value::Integer(1), Value::Text(b.into())]);
        }
        buf.flush(&conn).unwrap();
        let kept: String = conn
            .query_row("SELECT b FROM t WHERE a = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "first");
    }
}
