//! The writer lock: one process at a time fills a database with stories.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::StoreError;

/// An exclusive lock on a database for a whole run of a writer, held until dropped: an
/// operating-system lock (`flock` on Unix, `LockFileEx` on Windows) on a file `DB.lock`
/// beside the database `DB`.
///
/// SQLite's own locks cover one transaction; an ingest that assigns stories reads the
/// stories stored so far and numbers new ones from them, so a second ingest running at the
/// same time would number its stories from a state the first is changing. The lock is
/// released by the system when the process ends, however it ends, so a killed ingest
/// leaves no stale lock. The file itself is left in place: removing it would let a process
/// that opened it just before lock a file no longer there while a third locks a new one.
#[derive(Debug)]
pub struct WriteLock {
    path: PathBuf,
    /// Held open for the lock; never read or written.
    _file: File,
}

impl WriteLock {
    /// The lock file of the database `db`: `DB.lock`.
    pub fn path_for(db: &Path) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock of the database `db`. When another process holds it, the call fails
    /// with [`StoreError::Locked`] if `wait` is false; else `waiting` is called once with
    /// the lock file's path (to say why nothing happens) and the call waits for the lock.
    pub fn acquire(
        db: &Path,
        wait: bool,
        waiting: impl FnOnce(&Path),
    ) -> Result<WriteLock, StoreError> {
        let path = Self::path_for(db);
        let failed = |source| StoreError::Lock {
            path: path.display().to_string(),
            source,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(failed)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                if !wait {
                    return Err(StoreError::Locked {
                        path: path.display().to_string(),
                    });
                }
                waiting(&path);
                file.lock().map_err(failed)?;
            }
            Err(TryLockError::Error(e)) => return Err(failed(e)),
        }
        Ok(WriteLock { path, _file: file })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
