//! Rows for one table, written many per statement.
//!
//! An import writes hundreds of thousands of small rows (tag links, change-log entries). Run one
//! by one, most of each statement's time is its own start and finish (opening cursors on the
//! table, its indexes and its foreign-key parents, then closing them); a multi-row `VALUES` list
//! pays that once per [`CHUNK_ROWS`] rows. The caller must [`flush`](BufferedInsert::flush)
//! before reading the table, and before the transaction commits.

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

    /// Queues one row (its values in column order); writes a full chunk.
    pub fn push(&mut self, conn: &Connection, row: impl IntoIterator<Item = Value>) -> Result<()> {
        let before = self.values.len();
        self.values.extend(row);
        debug_assert_eq!(self.values.len() - before, self.columns, "{}", self.head);
        if self.values.len() >= self.columns * CHUNK_ROWS {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Rows queued and not yet written.
    pub fn pending(&self) -> usize {
        self.values.len() / self.columns
    }

    /// Writes every queued row.
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        let rows = self.pending();
        if rows == 0 {
            return Ok(());
        }
        let sql = self.sql(rows);
        let params = rusqlite::params_from_iter(self.values.drain(..));
        // A full chunk is the common statement: keep it prepared. Remainders vary in length and
        // would crowd the statement cache.
        if rows == CHUNK_ROWS {
            conn.prepare_cached(&sql)?.execute(params)?;
        } else {
            conn.prepare(&sql)?.execute(params)?;
        }
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
    fn full_chunks_are_written_as_they_fill_and_the_rest_on_flush() {
        let conn = db();
        let mut buf = BufferedInsert::new("INSERT INTO t (a, b)", 2, "");
        for i in 0..(CHUNK_ROWS as i64 * 2 + 5) {
            buf.push(&conn, [Value::Integer(i), Value::Text(format!("r{i}"))])
                .unwrap();
        }
        assert_eq!(count(&conn), CHUNK_ROWS as i64 * 2);
        assert_eq!(buf.pending(), 5);
        buf.flush(&conn).unwrap();
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
            buf.push(&conn, [Value::Integer(1), Value::Text(b.into())])
                .unwrap();
        }
        buf.flush(&conn).unwrap();
        let kept: String = conn
            .query_row("SELECT b FROM t WHERE a = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "first");
    }
}
