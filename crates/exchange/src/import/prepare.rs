//! Choices shared by every front end that starts an import (CLI and terminal UI).

use super::{Format, Kind, Mapping};
use frontdesk_core::i18n::errors::ImportSays;
use std::path::Path;

/// JSONL for `.jsonl`, `.ndjson` and `.json` files, CSV otherwise.
pub fn guess_format(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
        _ => Format::Csv,
    }
}

/// Reads and checks a mapping file for `kind`; the message names the file.
pub fn load_mapping(path: &Path, kind: Kind) -> Result<Mapping, ImportSays> {
    let path_text = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ImportSays::ReadMapping { path: path_text.clone(), error: e.to_string() })?;
    Mapping::parse(&text, kind.name(), kind.fields())
        .map_err(|e| ImportSays::InMapping { path: path_text, reason: Box::new(e) })
}
