//! What an import tells: the rows it rejected, the rows it counted as duplicates, and the
//! summary of it all (`read = applied + duplicates + rejected`).

use super::encoding::EncodingFrom;
use frontdesk_core::i18n::Fault;
use serde::Serialize;

/// One rejected row.
#[derive(Debug, Clone, Serialize)]
pub struct Reject {
    /// 1-based line where the row starts.
    pub line: u64,
    /// Source column, or `-`.
    pub column: String,
    /// What is wrong and what to do, said in the operator's language; `--json` (and the
    /// rejects file) carry it in English.
    #[serde(serialize_with = "in_english")]
    pub reason: Fault,
    /// The row as it was in the file.
    pub record: String,
}

fn in_english<S: serde::Serializer>(reason: &Fault, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&reason.to_string())
}

/// One row counted as a duplicate: its reference was applied before with the same content.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    /// 1-based line where the row starts.
    pub line: u64,
    /// The external reference (or the guest's card, e-mail or phone) it repeats.
    pub reference: String,
    /// The row as it was in the file.
    pub record: String,
}

/// Where an import tells of the rows it did not apply.
pub struct Report<'a> {
    /// Each rejected row.
    pub reject: &'a mut dyn FnMut(&Reject),
    /// Each row counted as a duplicate, when they are listed.
    pub duplicate: Option<&'a mut dyn FnMut(&Duplicate)>,
}

/// What an import did. `read = applied + duplicates + rejected`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Import kind.
    pub kind: String,
    /// Rows read.
    pub read: u64,
    /// Rows applied (with `--dry-run`: that would apply).
    pub applied: u64,
    /// Rows whose external reference was already applied with the same payload.
    pub duplicates: u64,
    /// Rows not applied: bad rows, and with `--strict` every row that was not a duplicate.
    pub rejected: u64,
    /// Rows that were bad themselves (listed in the reject report).
    pub bad: u64,
    /// Applied rows that named their guest by no e-mail, phone, card or profile id: each
    /// enrolled a new member, and importing them again enrols more.
    pub members_without_key: u64,
    /// Applied rows whose phone is no valid number of its country: stored as written
    /// (found by its last digits), for a clerk to correct at the desk.
    pub phones_as_written: u64,
    /// Nothing was written.
    pub dry_run: bool,
    /// `--strict` found bad rows and applied nothing.
    pub strict_refused: bool,
    /// Stopped early (Ctrl-C) after a whole batch; re-running resumes by idempotency.
    pub interrupted: bool,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Rows read per second.
    pub rows_per_second: f64,
    /// The encoding the input was read in (UTF-8, GB18030, Big5, windows-1252…).
    pub encoding: String,
    /// How that encoding was chosen.
    pub encoding_from: EncodingFrom,
    /// The CSV field separator (`,` `;` `\t` `whitespace`…); absent for JSONL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// The file's own currency and the rate its amounts were converted at, when the
    /// mapping gives one other than the store's (`GBP at 1.1650`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<String>,
}

impl Summary {
    /// The one-line summary.
    pub fn line(&self) -> String {
        let mut s = format!(
            "read {}, applied {}, duplicates {}, rejected {}",
            self.read, self.applied, self.duplicates, self.rejected
        );
        if self.dry_run {
            s.push_str(" (dry run: nothing written)");
        }
        if self.strict_refused {
            s.push_str(&format!(" ({} bad rows; --strict applied nothing)", self.bad));
        }
        if self.interrupted {
            s.push_str(" (interrupted after a whole batch; run again to resume)");
        }
        if self.members_without_key > 0 {
            s.push_str(&match self.members_without_key {
                1 => "; warning: 1 row named its guest by no e-mail, phone, card or profile id, so it made a new member (importing it again makes another; map one of those fields)".to_string(),
                n => format!("; warning: {n} rows named their guest by no e-mail, phone, card or profile id, so each made a new member (importing them again makes more; map one of those fields)"),
            });
        }
        if self.phones_as_written > 0 {
            s.push_str(&match self.phones_as_written {
                1 => "; warning: 1 phone is no valid number of its country and was kept as written (correct it at the desk, or give the mapping the file's phone_country)".to_string(),
                n => format!("; warning: {n} phones are no valid number of their country and were kept as written (correct them at the desk, or give the mapping the file's phone_country)"),
            });
        }
        if let Some(c) = &self.converted {
            s.push_str(&format!("; amounts converted from {c}"));
        }
        if !self.encoding.is_empty() {
            s.push_str(&format!("; read as {} ({})", self.encoding, self.encoding_from.describe()));
        }
        if let Some(d) = self.delimiter.as_deref().filter(|d| *d != ",") {
            s.push_str(&format!(", fields separated by {d}"));
        }
        s
    }
}
