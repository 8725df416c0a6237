//! Why a backup could not be written, read or restored (`[backup_error]`, `[backup_line]`,
//! `[hex]`).

crate::messages! {
    /// A backup file that is not whole, or a store that cannot take it.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum BackupSays in "backup_error" {
        DiskFull { error: String } => "disk_full",
        Write { error: String } => "write",
        CannotOpen { path: String, error: String } => "cannot_open",
        EmptyFile { path: String } => "empty_file",
        Empty => "empty",
        NoHeader => "no_header",
        NewerLayout { found: u32, supported: u32 } => "newer_layout",
        NewerSchema { found: u32, supported: u32 } => "newer_schema",
        AtLine { line: u64, reason: BackupLine } => "at_line",
        NoEnd => "no_end",
        Checksum { expected: String, computed: String } => "checksum",
        Count { says: u64, holds: u64 } => "count",
        NotEmpty { path: String, tree: String } => "not_empty",
    }
}

crate::messages! {
    /// What is wrong with one line of a backup.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum BackupLine in "backup_line" {
        Unreadable { error: String } => "unreadable",
        CutOff => "cut_off",
        NotRecord { error: String } => "not_record",
        UnknownTree { tree: String } => "unknown_tree",
        Key { reason: Hex } => "key",
        Value { reason: Hex } => "value",
        AfterEnd => "after_end",
    }
}

crate::messages! {
    /// Why a hex string is not bytes.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Hex in "hex" {
        Odd => "odd",
        NotDigit { digit: char } => "not_digit",
    }
}
