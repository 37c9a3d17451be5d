//! Where a screen puts a store read that failed, so it is never swallowed: the App shows each
//! distinct message once as an error toast (and logs it once), and the screen carries on with
//! an empty value.

use std::cell::RefCell;
use std::collections::HashSet;

/// The failed reads of this frame, and every message already shown.
#[derive(Default)]
pub struct ErrorSink {
    pending: RefCell<Vec<String>>,
    shown: HashSet<String>,
}

impl ErrorSink {
    /// The value read, or the type's empty value with the error noted.
    pub fn read<T: Default, E: std::fmt::Display>(&self, result: Result<T, E>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => {
                self.pending.borrow_mut().push(e.to_string());
                T::default()
            }
        }
    }

    /// The messages not shown before (each is logged to stderr here, once).
    pub fn take_new(&mut self) -> Vec<String> {
        let pending = std::mem::take(self.pending.get_mut());
        pending
            .into_iter()
            .filter(|m| {
                let new = self.shown.insert(m.clone());
                if new {
                    eprintln!("qunzhu: a read failed: {m}");
                }
                new
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_read_gives_an_empty_value_and_its_message_once() {
        let mut sink = ErrorSink::default();
        let ok: Vec<i32> = sink.read(Ok::<_, String>(vec![1]));
        assert_eq!(ok, vec![1]);
        let failed: Vec<i32> = sink.read(Err::<Vec<i32>, _>("disk I/O error"));
        assert!(failed.is_empty());
        let _: i64 = sink.read(Err::<i64, _>("disk I/O error"));
        assert_eq!(sink.take_new(), vec!["disk I/O error".to_string()]);
        let _: i64 = sink.read(Err::<i64, _>("disk I/O error"));
        assert!(sink.take_new().is_empty(), "shown once");
    }
}
