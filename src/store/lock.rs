//! Locks beside the data file. [`InstanceLock`]: one window per data file, held while the window
//! is open, so a second copy of Qunzhu on the same file says so instead of two writers fighting.
//! [`WriterLock`]: one long write at a time (import, restore, undo of an import), across the
//! window, its worker threads and the command line, so a restore can never overwrite an import
//! that is still running: whichever comes second waits, then backs up what it replaces.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Holds the lock until dropped.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{0} is already open in another Qunzhu window")]
    InUse(PathBuf),
    #[error("another import, restore or undo is writing to {0}; try again when it has finished")]
    Busy(PathBuf),
    #[error("cannot create the lock file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The lock file of a data file: `qunzhu.db` → `qunzhu.db.lock`.
pub fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn open_lock_file(path: &Path) -> Result<File, LockError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| LockError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| LockError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// Held by one long write to a data file until dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// Whether a writer waits for the one before it, or is told it is busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Block until the other writer has finished (the command line, worker threads).
    Block,
    /// Fail with [`LockError::Busy`] at once (the UI thread must not freeze).
    No,
}

impl WriterLock {
    /// Takes the writer lock of `db_path` (`None` for an in-memory database, which has no
    /// other writers).
    pub fn acquire(db_path: &Path, wait: Wait) -> Result<Option<Self>, LockError> {
        if db_path == Path::new(":memory:") {
            return Ok(None);
        }
        let mut name = db_path.as_os_str().to_owned();
        name.push(".writer.lock");
        let path = PathBuf::from(name);
        let file = open_lock_file(&path)?;
        let taken = match wait {
            Wait::Block => file.lock().map_err(TryLockError::Error),
            Wait::No => file.try_lock(),
        };
        match taken {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy(db_path.to_path_buf())),
            Err(TryLockError::Error(source)) => Err(LockError::Io { path, source }),
        }
    }
}

impl InstanceLock {
    /// Takes the lock for `db_path`, or reports that another window has it.
    pub fn acquire(db_path: &Path) -> Result<Self, LockError> {
        let path = lock_path(db_path);
        let file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(LockError::InUse(db_path.to_path_buf())),
            Err(TryLockError::Error(source)) => Err(LockError::Io { path, source }),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("qunzhu.db");
        let first = InstanceLock::acquire(&db).unwrap();
        assert!(matches!(
            InstanceLock::acquire(&db),
            Err(LockError::InUse(_))
        ));
        drop(first);
        assert!(InstanceLock::acquire(&db).is_ok());
    }

    #[test]
    fn a_second_writer_waits_or_is_told_busy() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("qunzhu.db");
        let first = WriterLock::acquire(&db, Wait::Block).unwrap();
        assert!(first.is_some());
        assert!(matches!(
            WriterLock::acquire(&db, Wait::No),
            Err(LockError::Busy(_))
        ));
        let waiter = {
            let db = db.clone();
            std::thread::spawn(move || WriterLock::acquire(&db, Wait::Block).is_ok())
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiter.is_finished(), "the second writer waits");
        drop(first);
        assert!(waiter.join().unwrap());
        assert!(
            WriterLock::acquire(Path::new(":memory:"), Wait::No)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn different_files_do_not_block_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let _a = InstanceLock::acquire(&dir.path().join("a.db")).unwrap();
        assert!(InstanceLock::acquire(&dir.path().join("b.db")).is_ok());
    }
}
