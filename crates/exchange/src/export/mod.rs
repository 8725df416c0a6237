//! Streaming export of stored records as CSV or JSONL, one record at a time (memory does
//! not grow with the store). Both formats carry the same columns ([`layout`]), which are
//! the field names `frontdesk import` reads in its own layout: an export is an import file.
//! CSV writes every value as text; JSONL writes numbers and booleans as JSON numbers and
//! booleans and a missing value as `null`. Lists (tags, ledger lines, lots, a complaint's
//! timeline) are text in one cell in both ([`text`]).
//!
//! # Round trip
//!
//! Export `members`, `stays`, `ledger`, `complaints` and `redemptions` from store A
//! without `--since` or `--property`, then import the files into an empty store B with
//! the same configuration, members first (the others name members by card), then stays,
//! ledger, complaints and redemptions. Then:
//!
//! * each of the five exports of B is byte for byte the export of A (same format, same
//!   business date);
//! * `frontdesk verify` on B finds nothing;
//! * `report overview` of B equals A's (members, stays, nights, points earned, redeemed,
//!   expired and outstanding, open complaints), and so do every member's tier, balance,
//!   lots and lifetime points, which the members export carries as derived columns;
//! * importing the same files again reports every row as a duplicate.
//!
//! Points come from the ledger file only. A stay row with a `seq` is a recorded stay: it is
//! restored with its status (reversed too), points, tier at arrival and posting number as
//! they were, counts for nights, stays and tier qualification, and credits nothing. The
//! ledger file replays every posting in order (earn, bonus, redeem, redemption refund,
//! adjustment, goodwill, expiry, reversal, opening) with its date, instant, operator,
//! approver, source, reason and the lots each debit consumed, so balances, lots (and so
//! expiry dates) and lifetime points come out equal. Complaints and redemptions keep their
//! ids (ledger sources such as `complaint 9` name them); members are matched by card,
//! stays and postings by member and sequence number.
//!
//! Not carried: internal member ids (B numbers members in import order), the audit log (B's
//! records the import), enrolment references given to `member add --external-ref` (not kept
//! on the member), the reward catalogue (B's comes from its configuration; restored held
//! and fulfilled redemptions take stock from it as they did in A) and a redemption's
//! internal reward id (named by code). Import trims text, so a member note that begins or
//! ends with white space comes back without it.

pub(crate) mod layout;
pub(crate) mod text;

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::reward::Redemption;
use frontdesk_core::domain::stay::Stay;
use frontdesk_core::i18n::Fault;
use frontdesk_core::i18n::errors::{CliSays, Missing};
use frontdesk_store::ops::OpError;
use frontdesk_store::store::codec::Record;
use frontdesk_store::store::{Store, StoreError, T, decode_at, keys};
use layout::Cell;
use std::io::Write;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Members,
    /// Stays and bookings.
    Stays,
    /// Ledger postings.
    Ledger,
    Complaints,
    Redemptions,
}

impl What {
    /// Parses a name.
    pub fn parse(s: &str) -> Option<What> {
        Some(match s {
            "members" => What::Members,
            "stays" => What::Stays,
            "ledger" => What::Ledger,
            "complaints" => What::Complaints,
            "redemptions" => What::Redemptions,
            _ => return None,
        })
    }
}

/// Which records.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only records dated on or after (enrolment, arrival, posting, opening or redemption date).
    pub since: Option<NaiveDate>,
    /// Only records of this property (members: home property; ledger: not filtered).
    /// A filtered export is a report, not a copy: it need not import into another store.
    pub property: Option<String>,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV with a header line.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Op(#[from] OpError),
    /// Writing failed.
    #[error("{}", write_says(.0))]
    Write(String),
}

fn write_says(error: &str) -> CliSays {
    CliSays::WriteExport { error: error.to_string() }
}

impl ExportError {
    /// What the error says, as a value to render in any language.
    pub fn fault(&self) -> Fault {
        match self {
            ExportError::Op(e) => e.fault(),
            ExportError::Write(error) => write_says(error).into(),
        }
    }
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Op(OpError::Store(e))
    }
}

fn date_of_millis(ms: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.date_naive())
}

/// What an export reads besides the store.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Rules: currency digits and tiers.
    pub config: &'a Config,
    /// Business date the members' derived tier is computed on.
    pub today: NaiveDate,
}

/// How the text of an export is written: UTF-8 (with a byte-order mark for Excel, which
/// otherwise reads CSV in the machine's code page) or GB18030 for Excel on Chinese
/// Windows; LF or CRLF line ends. A line break inside a quoted cell stays LF, as Excel
/// writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// UTF-8 or GB18030.
    pub encoding: &'static encoding_rs::Encoding,
    /// Start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// End records with CRLF.
    pub crlf: bool,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle { encoding: encoding_rs::UTF_8, bom: false, crlf: false }
    }
}

/// Writes every matching record to `out` in UTF-8 with LF line ends; returns how many.
pub fn export(
    store: &Store,
    scope: Scope<'_>,
    what: What,
    format: ExportFormat,
    f: &Filter,
    out: &mut dyn Write,
) -> Result<u64, ExportError> {
    export_styled(store, scope, what, format, TextStyle::default(), f, out)
}

/// Writes every matching record to `out` in `style`; returns how many. CSV always starts
/// with the header line, even when no record matches.
pub fn export_styled(
    store: &Store,
    scope: Scope<'_>,
    what: What,
    format: ExportFormat,
    style: TextStyle,
    f: &Filter,
    out: &mut dyn Write,
) -> Result<u64, ExportError> {
    let columns = match what {
        What::Members => layout::MEMBERS,
        What::Stays => layout::STAYS,
        What::Ledger => layout::LEDGER,
        What::Complaints => layout::COMPLAINTS,
        What::Redemptions => layout::REDEMPTIONS,
    };
    let mut w = Writer { format, style, out, columns, count: 0 };
    if style.bom {
        w.put("\u{FEFF}")?;
    }
    w.header()?;
    let mut cards = Cards { store, last: None };
    let digits = scope.config.store.minor_digits;
    match what {
        What::Members => each::<Member>(store, T::Members, &mut w, |m| {
            Ok(keep(f, Some(m.enrolled_on), Some(&m.home_property))
                .then(|| layout::member(scope.config, scope.today, m)))
        }),
        What::Stays => each::<Stay>(store, T::Stays, &mut w, |s| {
            if !keep(f, Some(s.arrival), Some(&s.property)) {
                return Ok(None);
            }
            Ok(Some(layout::stay(&cards.of(s.member_id, || format!("stay {}", s.seq))?, s, digits)))
        }),
        What::Ledger => each::<Posting>(store, T::Ledger, &mut w, |p| {
            if !keep(f, Some(p.date), None) {
                return Ok(None);
            }
            Ok(Some(layout::posting(&cards.of(p.member_id, || format!("ledger seq {}", p.seq))?, p)))
        }),
        What::Complaints => each::<Complaint>(store, T::Complaints, &mut w, |c| {
            if !keep(f, date_of_millis(c.opened_at), Some(&c.property)) {
                return Ok(None);
            }
            let card = c.member_id.map(|id| cards.of(id, || format!("complaint {}", c.id))).transpose()?;
            Ok(Some(layout::complaint(card.as_deref(), c)))
        }),
        What::Redemptions => each::<Redemption>(store, T::Redemptions, &mut w, |r| {
            if !keep(f, Some(r.date), Some(&r.property)) {
                return Ok(None);
            }
            Ok(Some(layout::redemption(&cards.of(r.member_id, || format!("redemption {}", r.id))?, r, digits)))
        }),
    }?;
    w.out.flush().map_err(|e| ExportError::Write(e.to_string()))?;
    Ok(w.count)
}

/// Card numbers by member id; the last one is kept, since stays and postings come
/// grouped by member.
struct Cards<'s> {
    store: &'s Store,
    last: Option<(u64, String)>,
}

impl Cards<'_> {
    fn of(&mut self, id: u64, what: impl Fn() -> String) -> Result<String, ExportError> {
        if let Some((last, card)) = &self.last
            && *last == id
        {
            return Ok(card.clone());
        }
        let m: Member = self
            .store
            .get(T::Members, &keys::id(id))?
            .ok_or_else(|| OpError::NotFound(Missing::MemberOfRecord { record: what(), id }))?;
        self.last = Some((id, m.card.clone()));
        Ok(m.card)
    }
}

fn keep(f: &Filter, date: Option<NaiveDate>, property: Option<&String>) -> bool {
    let date_ok = match (f.since, date) {
        (Some(s), Some(d)) => d >= s,
        _ => true,
    };
    let property_ok = match (&f.property, property) {
        (Some(want), Some(p)) => want.eq_ignore_ascii_case(p),
        _ => true,
    };
    date_ok && property_ok
}

fn each<R: Record>(
    store: &Store,
    t: T,
    w: &mut Writer<'_>,
    mut row: impl FnMut(&R) -> Result<Option<Vec<Cell>>, ExportError>,
) -> Result<(), ExportError> {
    for item in store.tree(t).iter() {
        let (k, v) = item.map_err(|e| ExportError::Op(OpError::from(e)))?;
        let r: R = decode_at(t, &k, &v)?;
        if let Some(cells) = row(&r)? {
            w.write(&cells)?;
        }
    }
    Ok(())
}

struct Writer<'a> {
    format: ExportFormat,
    style: TextStyle,
    out: &'a mut dyn Write,
    columns: &'static [&'static str],
    count: u64,
}

impl Writer<'_> {
    /// Writes `s`, a whole record ending in `\n`, in the style's encoding and line end.
    fn put(&mut self, s: &str) -> Result<(), ExportError> {
        let crlf;
        let s = match s.strip_suffix('\n') {
            Some(body) if self.style.crlf => {
                crlf = format!("{body}\r\n");
                crlf.as_str()
            }
            _ => s,
        };
        // GB18030 encodes every character, so nothing is lost or replaced.
        let (bytes, _, _) = self.style.encoding.encode(s);
        self.out.write_all(&bytes).map_err(|e| ExportError::Write(e.to_string()))
    }

    fn header(&mut self) -> Result<(), ExportError> {
        match self.format {
            ExportFormat::Csv => {
                let names: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
                self.put(&csv_line(&names))
            }
            ExportFormat::Jsonl => Ok(()),
        }
    }

    fn write(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        debug_assert_eq!(cells.len(), self.columns.len(), "a row has one cell per column");
        self.count += 1;
        let line = match self.format {
            ExportFormat::Csv => {
                let texts: Vec<String> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Null => String::new(),
                        Cell::Text(s) => s.clone(),
                        Cell::Int(n) => n.to_string(),
                        Cell::Bool(b) => b.to_string(),
                    })
                    .collect();
                csv_line(&texts)
            }
            ExportFormat::Jsonl => {
                let fields: Vec<String> = self
                    .columns
                    .iter()
                    .zip(cells)
                    .map(|(name, c)| {
                        let value = match c {
                            Cell::Null => "null".to_string(),
                            Cell::Text(s) => json_string(s),
                            Cell::Int(n) => n.to_string(),
                            Cell::Bool(b) => b.to_string(),
                        };
                        format!("{}:{value}", json_string(name))
                    })
                    .collect();
                format!("{{{}}}\n", fields.join(","))
            }
        };
        self.put(&line)
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// One RFC 4180 line: fields with a comma, quote or line break are quoted.
fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| if c.contains([',', '"', '\n', '\r']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}
