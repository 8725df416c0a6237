//! What went wrong with the store itself, and what to do (`[store_error]`), why a record
//! does not decode (`[decode]`), what the store was doing when the file system failed
//! (`[store_io]`), and the file system's failure (`[os]`).

crate::messages! {
    /// The store cannot be used as asked.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum StoreSays in "store_error" {
        Locked { path: String, holder: String } => "locked",
        NewerSchema { path: String, found: u32, supported: u32 } => "newer_schema",
        Corrupt { tree: String, key: String, reason: Decode } => "corrupt",
        LostWrites { path: String, sealed: u64, found: u64 } => "lost_writes",
        RestoreInterrupted { path: String } => "restore_interrupted",
        Damaged { path: String, detail: Damage } => "damaged",
        SledCorruption { at: String } => "sled_corruption",
        Sled { error: Os } => "sled",
        Io { what: StoreIo, error: Os } => "io",
        Transaction => "transaction",
        WriterFailed => "writer_failed",
    }
}

crate::messages! {
    /// Why sled cannot open the store's files.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Damage in "damage" {
        Log { at: String } => "log",
        SnapshotOrSettings => "snapshot_or_settings",
        Settings { why: String } => "settings",
    }
}

crate::messages! {
    /// Why the bytes of a record are not a record.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Decode in "decode" {
        Short { bytes: usize } => "short",
        Format { format: u8 } => "format",
        Kind { found: u8, record: String, kind: u8 } => "kind",
        Newer { record: String, version: u16, supported: u16 } => "newer",
        UnknownVersion { record: String, version: u16 } => "unknown_version",
        Trailing { bytes: usize } => "trailing",
        Payload { error: String } => "payload",
        SchemaBytes => "schema_bytes",
        UnreadableStay => "unreadable_stay",
    }
}

crate::messages! {
    /// What the store was doing when the file system refused.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum StoreIo in "store_io" {
        OtherAccount { path: String } => "other_account",
        OpenLock { path: String } => "open_lock",
        Lock { path: String } => "lock",
        ReadDir { path: String } => "read_dir",
        RemoveSnapshot { path: String } => "remove_snapshot",
        CreateDir { path: String } => "create_dir",
        MakePrivate { path: String } => "make_private",
        Durable { path: String } => "durable",
        Create { path: String } => "create",
        WriteBackup { path: String } => "write_backup",
        Rename { from: String, to: String } => "rename",
    }
}

crate::messages! {
    /// The operating system's (or a library's) own words for a failure.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Os in "os" {
        DiskFull { error: String } => "disk_full",
        Error { error: String } => "error",
    }
}
