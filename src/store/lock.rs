//! One window per data file: a lock file beside the database, held while the window is open, so
//! a second copy of Qunzhu on the same file says so instead of two writers fighting.

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

impl InstanceLock {
    /// Takes the lock for `db_path`, or reports that another window has it.
    pub fn acquire(db_path: &Path) -> Result<Self, LockError> {
        let path = lock_path(db_path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LockError::Io {
                path: path.clone(),
                source,
            })?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| LockError::Io {
                path: path.clone(),
                source,
            })?;
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
    fn different_files_do_not_block_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let _a = InstanceLock::acquire(&dir.path().join("a.db")).unwrap();
        assert!(InstanceLock::acquire(&dir.path().join("b.db")).is_ok());
    }
}
