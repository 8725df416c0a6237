//! Group flush: writers that commit while another writer's flush is under way share the
//! next flush instead of each waiting for the disk in turn.
//!
//! sled's flush makes stable everything its log holds when the flush starts, and the
//! `fdatasync` after it covers the same bytes, so a flush that *starts* after a writer's
//! commit makes that commit durable. Each writer reads how many flushes have begun, then
//! waits its turn: if a flush that began after its reading has completed meanwhile, its
//! commit is on disk and it returns at once; otherwise it flushes itself, for everyone
//! waiting behind it. Under load one flush then acknowledges every command that committed
//! during the previous one.

use super::StoreError;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

#[derive(Default)]
pub(crate) struct GroupFlush {
    /// Number of the latest flush that has begun.
    begun: AtomicU64,
    /// Number of the latest flush that completed; the lock is held while one runs.
    completed: Mutex<u64>,
    /// Flushes run and calls answered, for the figures `serve` logs.
    flushes: AtomicU64,
    calls: AtomicU64,
}

impl GroupFlush {
    /// Returns once everything committed before the call is on disk, running `flush` unless
    /// a flush that began after the call has completed.
    pub(crate) fn wait(&self, flush: impl FnOnce() -> Result<(), StoreError>) -> Result<(), StoreError> {
        let seen = self.begun.load(Ordering::SeqCst);
        // Counted after the reading, so that a test knows every caller has read.
        self.calls.fetch_add(1, Ordering::SeqCst);
        // The counter guards no invariant a panicking flush could break: a failed flush
        // never counts as completed.
        let mut completed = self.completed.lock().unwrap_or_else(PoisonError::into_inner);
        if *completed > seen {
            return Ok(());
        }
        let number = *completed + 1;
        self.begun.store(number, Ordering::SeqCst);
        flush()?;
        self.flushes.fetch_add(1, Ordering::Relaxed);
        *completed = number;
        Ok(())
    }

    /// (flushes run, calls answered) since the store opened.
    pub(crate) fn counts(&self) -> (u64, u64) {
        (self.flushes.load(Ordering::Relaxed), self.calls.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn a_call_alone_flushes() {
        let group = GroupFlush::default();
        let mut ran = 0;
        group
            .wait(|| {
                ran += 1;
                Ok(())
            })
            .unwrap();
        group
            .wait(|| {
                ran += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(ran, 2, "a call after a completed flush may have committed after it began");
    }

    #[test]
    fn callers_waiting_during_a_flush_share_the_next_one() {
        let group = Arc::new(GroupFlush::default());
        let flushes = Arc::new(AtomicU64::new(0));
        let release = Arc::new(AtomicBool::new(false));
        let first = {
            let (group, flushes, release) = (group.clone(), flushes.clone(), release.clone());
            std::thread::spawn(move || {
                group.wait(|| {
                    while !release.load(Ordering::SeqCst) {
                        std::thread::yield_now();
                    }
                    flushes.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                })
            })
        };
        while group.begun.load(Ordering::SeqCst) == 0 {
            std::thread::yield_now();
        }
        // Four writers commit while the first flush runs: they must not count on it.
        let waiting: Vec<_> = (0..4)
            .map(|_| {
                let (group, flushes) = (group.clone(), flushes.clone());
                std::thread::spawn(move || {
                    group.wait(|| {
                        flushes.fetch_add(1, Ordering::SeqCst);
                        Ok(())
                    })
                })
            })
            .collect();
        while group.calls.load(Ordering::SeqCst) < 5 {
            std::thread::yield_now();
        }
        release.store(true, Ordering::SeqCst);
        first.join().unwrap().unwrap();
        for w in waiting {
            w.join().unwrap().unwrap();
        }
        assert_eq!(flushes.load(Ordering::SeqCst), 2, "the first flush, then one for the four");
    }

    #[test]
    fn a_failed_flush_covers_nobody() {
        let group = GroupFlush::default();
        let failed = group.wait(|| Err(StoreError::RestoreInterrupted { path: "x".into() }));
        assert!(failed.is_err());
        let mut ran = false;
        group
            .wait(|| {
                ran = true;
                Ok(())
            })
            .unwrap();
        assert!(ran);
    }
}
