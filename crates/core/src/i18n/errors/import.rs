//! Why an import cannot start or stopped (`[import_error]`): the file, its header, its
//! encoding, the mapping or the options. A header's own problem is a [`super::RowSays`]
//! said after `header, column …`.

use super::Fault;

crate::messages! {
    /// The input, the mapping or the options are unusable as a whole.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum ImportSays in "import_error" {
        Header { reason: Box<Fault> } => "header",
        HeaderColumn { column: String, reason: Box<Fault> } => "header_column",
        Line { line: u64, column: String, reason: Box<Fault> } => "line",
        CannotOpen { path: String, error: String } => "cannot_open",
        StrictTwice => "strict_twice",
        UnknownColumn { kind: String, known: String, header: Option<HeaderRead> } => "unknown_column",
        RequiredColumn => "required_column",
        MappedColumn { header: Option<HeaderRead> } => "mapped_column",
        WriterStopped => "writer_stopped",
        CannotRead { error: String } => "cannot_read",
        CannotWrite { error: String } => "cannot_write",
        Json { error: String } => "json",
        NotDelimiter { value: String } => "not_delimiter",
        NotEncoding { value: String } => "not_encoding",
        Ambiguous { readings: String } => "ambiguous",
        NotImportKind { kind: String } => "not_import_kind",
        MappingInvalid { error: String } => "mapping_invalid",
        MappingKind { found: String, kind: String } => "mapping_kind",
        MappingDelimiter { reason: Box<ImportSays> } => "mapping_delimiter",
        PhoneCountry { code: String } => "phone_country",
        NotFieldOf { field: String, kind: String, known: String } => "not_field_of",
        ExactlyOne { field: String } => "exactly_one",
        AddDays { field: String } => "add_days",
        ReadMapping { path: String, error: String } => "read_mapping",
        InMapping { path: String, reason: Box<ImportSays> } => "in_mapping",
        NotCurrency { code: String } => "not_currency",
        RateWithoutCurrency => "rate_without_currency",
        NotRate { value: String, decimals: u32 } => "not_rate",
        RateOwnCurrency { store: String } => "rate_own_currency",
        NeedsRate { currency: String, store: String } => "needs_rate",
    }
}

crate::messages! {
    /// The header as it was read, for a header a wrong encoding may have garbled.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum HeaderRead in "header_read" {
        As { names: String, encoding: String, how: EncodingFrom } => "as",
    }
}

crate::messages! {
    /// How the encoding an input is read in was chosen.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum EncodingFrom in "encoding_from" {
        Bom => "bom",
        Option => "option",
        Site => "site",
        Ascii => "ascii",
        Detected => "detected",
    }
}
