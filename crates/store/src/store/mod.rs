//! The sled store: opening, locking, schema version and typed access to trees.

pub mod buckets;
mod cells;
pub mod codec;
mod durable;
mod error;
pub mod exposure;
mod forms;
mod full;
pub mod keys;
pub(crate) mod keyspace;
mod lock;
mod member_form;
mod pack;
mod parallel;
pub mod perms;
pub mod records;
pub mod seal;
pub mod settle;
pub mod shape;
pub(crate) mod walk;

use codec::Record;
pub use error::StoreError;
use frontdesk_core::i18n::errors::{Decode, StoreIo};
use std::path::{Path, PathBuf};

/// Schema version this build writes and reads. Older stores are brought up to it by
/// [`crate::ops::migrate::upgrade`] when opened: 2 stores phones in E.164; 3 is store
/// layout 2, members and counter records in their compact forms; 4 is store layout 3, the
/// member indexes in buckets ([`buckets`]).
pub const SCHEMA_VERSION: u32 = 4;

/// Names of the trees, in the order of [`Store::trees`].
pub const TREE_NAMES: [&str; 13] = [
    "meta",
    "members",
    "stays",
    "ledger",
    "rewards",
    "redemptions",
    "complaints",
    "operators",
    "audit",
    "agg",
    "keys",
    "approvals",
    "activities",
];

/// Index of each tree in [`Store::trees`] and in a transaction's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum T {
    Meta = 0,
    Members,
    Stays,
    Ledger,
    Rewards,
    Redemptions,
    Complaints,
    Operators,
    Audit,
    Agg,
    Keys,
    Approvals,
    Activities,
}

impl T {
    /// Every tree, in the order of [`TREE_NAMES`].
    pub(crate) const ALL: [T; 13] = [
        T::Meta,
        T::Members,
        T::Stays,
        T::Ledger,
        T::Rewards,
        T::Redemptions,
        T::Complaints,
        T::Operators,
        T::Audit,
        T::Agg,
        T::Keys,
        T::Approvals,
        T::Activities,
    ];

    /// Tree name for messages.
    pub fn name(self) -> &'static str {
        TREE_NAMES[self as usize]
    }
}

/// An open store.
pub struct Store {
    db: sled::Db,
    trees: Vec<sled::Tree>,
    path: PathBuf,
    /// Serialises writers within this process (see [`Store::writer`]).
    writer: std::sync::Mutex<()>,
    /// Bumped after every flush, so after every committed write (see [`Store::write_seq`]).
    write_seq: std::sync::atomic::AtomicU64,
    /// Writers that commit during a flush share the next one (see [`durable`]).
    group: durable::GroupFlush,
    /// A helper the layer above keeps with the store (`ops::group`'s committer); the store
    /// only holds it, so it knows nothing of commands.
    attached: std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>,
    /// sled's log file, synced by [`Store::flush`] (see there).
    log: Option<std::fs::File>,
    /// Whether closing records the commit count in the seal (see [`seal`]); not for a store
    /// opened for repair, whose damage the seal must go on showing.
    seal_on_close: bool,
    /// Keys written since the store opened (see [`Store::count_writes`]).
    written: std::sync::atomic::AtomicU64,
    /// Held for the life of the store; see [`Store::open`].
    _lock: std::fs::File,
}

/// FNV-1a of `bytes`: a cheap fingerprint (request fingerprints, the seal's checksum), not
/// a cryptographic one.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Key bytes as lower-case hex, for messages.
pub fn hex(key: &[u8]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

/// The default store directory: `FRONTDESK_DB`, else the platform data directory.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("FRONTDESK_DB") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("", "", "frontdesk")
        .map(|d| d.data_dir().join("store"))
        .unwrap_or_else(|| PathBuf::from("frontdesk-store"))
}

/// Whether `path` holds a store (sled's settings and data files are there).
pub fn exists(path: &Path) -> bool {
    path.join("conf").is_file() && path.join("db").is_file()
}

impl Store {
    /// Opens (creating if needed) the store at `path`; `kind` names this process in lock messages.
    pub fn open(path: &Path, kind: &str) -> Result<Store, StoreError> {
        Store::open_with_cache(path, kind, 64)
    }

    /// Opens the store with a page cache of `cache_mb` MiB (`FRONTDESK_CACHE_MB`
    /// overrides it). Processes that keep the store open and read members at random
    /// (the terminal UI, a server) want the working set in cache; bulk jobs want little.
    pub fn open_with_cache(path: &Path, kind: &str, cache_mb: u64) -> Result<Store, StoreError> {
        let mut store = Store::open_any(path, kind, cache_mb)?;
        if store.tree(T::Meta).contains_key(shape::RESTORE_MARKER)? {
            return Err(StoreError::RestoreInterrupted { path: path.display().to_string() });
        }
        seal::check(&store)?;
        store.seal_on_close = true;
        Ok(store)
    }

    /// Opens the store even when a restore into it was interrupted: for `restore` itself and for `salvage`.
    pub fn open_for_repair(path: &Path, kind: &str) -> Result<Store, StoreError> {
        Store::open_any(path, kind, 64)
    }

    fn open_any(path: &Path, kind: &str, cache_mb: u64) -> Result<Store, StoreError> {
        let new = !exists(path);
        perms::create_dir(path).map_err(|source| StoreError::Io {
            what: StoreIo::CreateDir { path: path.display().to_string() },
            source,
        })?;
        let lock = lock::take_own_lock(path)?;
        lock::remove_torn_snapshots(path)?;
        let cache = std::env::var("FRONTDESK_CACHE_MB").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(cache_mb);
        let db = lock::open_sled(path, cache)?;
        let holder = format!(
            "{kind} process {} started {}",
            std::process::id(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
        );
        // Best effort: the note only improves the message another process shows.
        let _ = perms::create_private(&path.join(lock::HOLDER_FILE))
            .and_then(|mut f| std::io::Write::write_all(&mut f, holder.as_bytes()));
        let trees = TREE_NAMES
            .iter()
            .map(|n| db.open_tree(n))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| lock::lock_or_sled(e, path))?;
        if new {
            perms::tighten_new(path).map_err(|source| StoreError::Io {
                what: StoreIo::MakePrivate { path: path.display().to_string() },
                source,
            })?;
        }
        let store = Store {
            db,
            trees,
            path: path.to_path_buf(),
            writer: std::sync::Mutex::new(()),
            group: durable::GroupFlush::default(),
            attached: std::sync::OnceLock::new(),
            write_seq: std::sync::atomic::AtomicU64::new(0),
            log: std::fs::File::open(path.join("db")).ok(),
            seal_on_close: false,
            written: std::sync::atomic::AtomicU64::new(0),
            _lock: lock,
        };
        store.check_schema().map_err(|e| match e {
            StoreError::Sled(e) => lock::lock_or_sled(e, path),
            other => other,
        })?;
        Ok(store)
    }

    /// Counts keys written (approximately: a command counts as ten); a process that wrote
    /// [`settle::BULK_KEYS`] snapshots the store when it ends (see [`settle`]).
    pub fn count_writes(&self, keys: u64) {
        self.written.fetch_add(keys, std::sync::atomic::Ordering::Relaxed);
    }

    /// Counts bulk work (an import, a restore, a rebuild): the store is snapshotted when
    /// the process ends.
    pub fn note_bulk_work(&self) {
        self.count_writes(settle::BULK_KEYS);
    }

    fn check_schema(&self) -> Result<(), StoreError> {
        let meta = self.tree(T::Meta);
        match meta.get(b"schema_version")? {
            None => {
                meta.insert(b"schema_version", &SCHEMA_VERSION.to_be_bytes())?;
                self.db.flush()?;
                Ok(())
            }
            Some(v) => {
                let found = keys::read_u32(&v, 0).ok_or_else(|| StoreError::Corrupt {
                    tree: "meta",
                    key: hex(b"schema_version"),
                    reason: Decode::SchemaBytes,
                })?;
                if found > SCHEMA_VERSION {
                    Err(StoreError::NewerSchema {
                        path: self.path.display().to_string(),
                        found,
                        supported: SCHEMA_VERSION,
                    })
                } else {
                    Ok(())
                }
            }
        }
    }

    /// One tree.
    pub fn tree(&self, t: T) -> &sled::Tree {
        &self.trees[t as usize]
    }

    /// All trees, for a transaction over every tree.
    pub fn trees(&self) -> &[sled::Tree] {
        &self.trees
    }

    /// The writer lock: held by every command while it runs. Single commands are sled
    /// transactions and would be safe without it, but a bulk batch works out its commands
    /// over plain reads and must not see another writer change the trees underneath.
    pub fn writer(&self) -> std::sync::MutexGuard<'_, ()> {
        // The lock guards no data, so a panic while it was held left nothing inconsistent.
        self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Directory of the store.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits until every write so far is on disk.
    ///
    /// sled's flush writes its log with `sync_file_range` on Linux, which neither flushes the
    /// drive's write cache nor the file's size: what it acknowledged could be lost in a power
    /// cut. An `fdatasync` of the log after it makes an acknowledged command survive one.
    ///
    /// Writers that commit while another's flush runs share the next flush
    /// ([`durable`]): call this after releasing the [writer lock](Store::writer), so
    /// that others can commit meanwhile.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.group.wait(|| {
            self.db.flush()?;
            if let Some(log) = &self.log {
                log.sync_data().map_err(|source| StoreError::Io {
                    what: StoreIo::Durable { path: self.path.display().to_string() },
                    source,
                })?;
            }
            Ok(())
        })?;
        // Every command, group of commands and bulk batch ends with a flush before it
        // answers, so this moves with every committed write; clients of `frontdesk serve`
        // poll it to see others' writes.
        self.write_seq.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Keeps `helper` with the store for its life; false (and `helper` dropped) when one is
    /// attached already.
    pub fn attach<A: std::any::Any + Send + Sync>(&self, helper: A) -> bool {
        self.attached.set(Box::new(helper)).is_ok()
    }

    /// The helper [attached](Store::attach), when it is an `A`.
    pub fn attached<A: std::any::Any>(&self) -> Option<&A> {
        self.attached.get().and_then(|h| h.downcast_ref::<A>())
    }

    /// (flushes run, flush calls answered) since the store opened: how well writers share
    /// their flushes.
    pub fn flush_counts(&self) -> (u64, u64) {
        self.group.counts()
    }

    /// Writes committed since this process opened the store (see [`Store::flush`]).
    pub fn write_seq(&self) -> u64 {
        self.write_seq.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Bytes the store occupies on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }

    /// Reads and decodes one record.
    pub fn get<R: Record>(&self, t: T, key: &[u8]) -> Result<Option<R>, StoreError> {
        // Only an index entry needs the copy out of its bucket; every other read (members,
        // stays: the hot ones) decodes sled's buffer as it is.
        let found = if t == T::Keys && buckets::bucketed(key) {
            self.read_raw(t, key)?.map(sled::IVec::from)
        } else {
            self.tree(t).get(key)?
        };
        found.map(|bytes| decode_at(t, key, &bytes)).transpose()
    }

    /// Decodes every record under `prefix`, in key order. Not for the index families kept
    /// in buckets, which [`Store::key_entries`] reads.
    pub fn scan_prefix<R: Record>(
        &self,
        t: T,
        prefix: &[u8],
    ) -> impl Iterator<Item = Result<(sled::IVec, R), StoreError>> + '_ {
        debug_assert!(t != T::Keys || buckets::buckets_under(prefix).is_none(), "a bucketed family: key_entries");
        self.tree(t).scan_prefix(prefix).map(move |item| {
            let (k, v) = item?;
            let r = decode_at(t, &k, &v)?;
            Ok((k, r))
        })
    }

    /// The schema version recorded in the store.
    pub(crate) fn schema_version(&self) -> u32 {
        self.tree(T::Meta).get(b"schema_version").ok().flatten().and_then(|v| keys::read_u32(&v, 0)).unwrap_or(0)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.seal_on_close && self.db.flush().is_ok() {
            seal::write(&self.path, seal::commits(self));
        }
        if self.written.load(std::sync::atomic::Ordering::Relaxed) >= settle::BULK_KEYS {
            settle::remember(&self.path);
        }
    }
}

impl Store {
    /// Records the current commit count as the state at close now (after a restore has
    /// replaced the store, whose counter may be lower than the old seal's).
    pub(crate) fn reseal(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        seal::write(&self.path, seal::commits(self));
        Ok(())
    }
}

/// Decodes a record read from `t` at `key`, naming both when it is corrupt.
pub fn decode_at<R: Record>(t: T, key: &[u8], bytes: &[u8]) -> Result<R, StoreError> {
    codec::decode(bytes).map_err(|reason| StoreError::Corrupt { tree: t.name(), key: hex(key), reason })
}
