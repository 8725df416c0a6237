//! The sled store: opening, locking, schema version and typed access to trees.

pub mod codec;
mod full;
pub mod keys;
pub mod records;

use codec::Record;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

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
    /// Tree name for messages.
    pub fn name(self) -> &'static str {
        TREE_NAMES[self as usize]
    }
}

/// Something went wrong with the store itself.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another process holds the store.
    #[error("the store at {path} is in use by {holder}; close it there or run `frontdesk serve` to share it")]
    Locked {
        /// Store directory.
        path: String,
        /// Who holds it, as far as known.
        holder: String,
    },
    /// The store was written by a newer frontdesk.
    #[error(
        "the store at {path} has schema version {found}, newer than this frontdesk supports ({supported}); upgrade frontdesk"
    )]
    NewerSchema {
        /// Store directory.
        path: String,
        /// Version found.
        found: u32,
        /// Version supported.
        supported: u32,
    },
    /// A record cannot be decoded.
    #[error(
        "corrupt record in tree `{tree}` at key {key}: {reason}; run `frontdesk verify` and restore from a backup if needed"
    )]
    Corrupt {
        /// Tree name.
        tree: &'static str,
        /// Key in hex.
        key: String,
        /// What is wrong.
        reason: String,
    },
    /// sled reported an error (a full disk is told apart, see [`StoreError::is_disk_full`]).
    #[error("{}", full::sled_message(.0))]
    Sled(#[from] sled::Error),
    /// File system error outside sled.
    #[error("{what}: {}", full::io_message(source))]
    Io {
        /// What was being done.
        what: String,
        /// The error.
        source: std::io::Error,
    },
}

/// An open store.
pub struct Store {
    db: sled::Db,
    trees: Vec<sled::Tree>,
    path: PathBuf,
    /// Serialises writers within this process (see [`Store::writer`]).
    writer: std::sync::Mutex<()>,
    /// Bumped after every flush, i.e. every committed write (see [`Store::write_seq`]).
    write_seq: std::sync::atomic::AtomicU64,
    /// Held for the life of the store; see [`Store::open`].
    _lock: std::fs::File,
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

const HOLDER_FILE: &str = "frontdesk.holder";
const LOCK_FILE: &str = "frontdesk.lock";

impl Store {
    /// Opens (creating if needed) the store at `path`; `kind` names this process in lock messages.
    pub fn open(path: &Path, kind: &str) -> Result<Store, StoreError> {
        Store::open_with_cache(path, kind, 64)
    }

    /// Opens the store with a page cache of `cache_mb` MiB (`FRONTDESK_CACHE_MB`
    /// overrides it). Processes that keep the store open and read members at random
    /// (the terminal UI, a server) want the working set in cache; bulk jobs want little.
    pub fn open_with_cache(path: &Path, kind: &str, cache_mb: u64) -> Result<Store, StoreError> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Io {
            what: format!("cannot create the store directory {}", path.display()),
            source,
        })?;
        let lock = take_own_lock(path)?;
        remove_torn_snapshots(path)?;
        let cache = std::env::var("FRONTDESK_CACHE_MB").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(cache_mb);
        let config = sled::Config::new().path(path).cache_capacity(cache * 1024 * 1024).flush_every_ms(Some(1000));
        // We hold frontdesk's lock, so no other frontdesk process has the store; sled's own
        // lock can still be held for a moment by the background threads of a store this
        // process just closed. Wait for them (up to 10 s: on a loaded machine they can take
        // a few seconds to wind down) rather than report a busy store.
        let mut attempts = 0;
        let db = loop {
            match config.open().map_err(|e| lock_or_sled(e, path)) {
                Err(StoreError::Locked { .. }) if attempts < 200 => {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => break other?,
            }
        };
        let holder = format!(
            "{kind} process {} started {}",
            std::process::id(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
        );
        // Best effort: the note only improves the message another process shows.
        let _ = std::fs::write(path.join(HOLDER_FILE), holder);
        let trees = TREE_NAMES.iter().map(|n| db.open_tree(n)).collect::<Result<Vec<_>, _>>()?;
        let store = Store {
            db,
            trees,
            path: path.to_path_buf(),
            writer: std::sync::Mutex::new(()),
            write_seq: std::sync::atomic::AtomicU64::new(0),
            _lock: lock,
        };
        store.check_schema()?;
        Ok(store)
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
                    reason: "schema version is not four bytes".into(),
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
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        // Every command and every bulk batch ends with a flush before it answers, so this
        // counts committed writes; clients of `frontdesk serve` poll it to see others' writes.
        self.write_seq.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
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
        match self.tree(t).get(key)? {
            None => Ok(None),
            Some(bytes) => decode_at(t, key, &bytes).map(Some),
        }
    }

    /// Decodes every record under `prefix`, in key order.
    pub fn scan_prefix<R: Record>(
        &self,
        t: T,
        prefix: &[u8],
    ) -> impl Iterator<Item = Result<(sled::IVec, R), StoreError>> + '_ {
        self.tree(t).scan_prefix(prefix).map(move |item| {
            let (k, v) = item?;
            let r = decode_at(t, &k, &v)?;
            Ok((k, r))
        })
    }

    /// The schema version recorded in the store.
    pub fn schema_version(&self) -> u32 {
        self.tree(T::Meta).get(b"schema_version").ok().flatten().and_then(|v| keys::read_u32(&v, 0)).unwrap_or(0)
    }
}

/// Decodes a record read from `t` at `key`, naming both when it is corrupt.
pub fn decode_at<R: Record>(t: T, key: &[u8], bytes: &[u8]) -> Result<R, StoreError> {
    codec::decode(bytes).map_err(|reason| StoreError::Corrupt { tree: t.name(), key: hex(key), reason })
}

/// Takes frontdesk's own lock on the store directory. sled takes one too, but only
/// after it has started reading files; ours is taken first, so that nothing below runs
/// while another process is inside sled's recovery.
fn take_lock(path: &Path) -> Result<std::fs::File, StoreError> {
    let file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path.join(LOCK_FILE)).map_err(
            |source| StoreError::Io { what: format!("cannot open the lock file in {}", path.display()), source },
        )?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(StoreError::Locked { path: path.display().to_string(), holder: holder(path) })
        }
        Err(std::fs::TryLockError::Error(source)) => {
            Err(StoreError::Io { what: format!("cannot lock the store {}", path.display()), source })
        }
    }
}

/// sled 0.34.7 writes each snapshot to `snap.<lsn>.generating` and renames it when
/// complete, but on open it also considers `.generating` files and picks the newest
/// name; a process killed mid-snapshot therefore leaves a store that no longer opens
/// ("Read corrupted data at file offset None", sled issue #1527). Such a file was never
/// renamed, so sled never relied on it: the previous snapshot and the log still hold
/// everything. We hold the store lock, so no live process is writing one.
fn remove_torn_snapshots(path: &Path) -> Result<(), StoreError> {
    let entries = std::fs::read_dir(path).map_err(|source| StoreError::Io {
        what: format!("cannot read the store directory {}", path.display()),
        source,
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(entry.path()).map_err(|source| StoreError::Io {
                what: format!("cannot remove the unfinished snapshot {}", entry.path().display()),
                source,
            })?;
        }
    }
    Ok(())
}

/// Takes the store lock. When the holder is this very process (a store it just closed),
/// the lock can outlive the close for a moment: a child process being started at that
/// instant holds a copy of the lock file's descriptor until it executes its program. Wait
/// for that (up to 10 s) instead of reporting the store busy.
fn take_own_lock(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut attempts = 0;
    loop {
        match take_lock(path) {
            Err(StoreError::Locked { .. }) if attempts < 200 && held_by_this_process(path) => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Whether the holder note names this process (`… process <pid> started …`).
fn held_by_this_process(path: &Path) -> bool {
    let note = holder(path);
    let pid = note.split(" process ").nth(1).and_then(|rest| rest.split_whitespace().next());
    pid.and_then(|p| p.parse::<u32>().ok()) == Some(std::process::id())
}

fn holder(path: &Path) -> String {
    std::fs::read_to_string(path.join(HOLDER_FILE)).unwrap_or_else(|_| "another frontdesk process".into())
}

fn lock_or_sled(e: sled::Error, path: &Path) -> StoreError {
    if e.to_string().contains("could not acquire lock") {
        StoreError::Locked { path: path.display().to_string(), holder: holder(path) }
    } else {
        StoreError::Sled(e)
    }
}
