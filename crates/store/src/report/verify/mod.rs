//! `frontdesk verify`: recomputes every balance, counter, index and aggregate from the
//! primary records and reports each discrepancy on one line. It never writes.
//!
//! Memory stays bounded at millions of members: the members, stays and ledger trees are
//! all ordered by member id, so they are walked together one member at a time
//! ([`members`]); the other trees are streamed record by record ([`records`], [`keys`])
//! with point look-ups for cross-references. Only one member's records and a few
//! counters are held at once.

mod deep;
mod ext_refs;
mod facts;
mod figures;
mod keys;
mod members;
mod operators;
mod promotions;
mod records;
mod snapshot;

use crate::store::codec::Record;
use crate::store::records::Overview;
use crate::store::{Store, StoreError, T, decode_at, hex};
use frontdesk_core::config::Config;
use serde::Serialize;

pub use deep::verify_deep;

/// Problems listed in full; the rest are only counted.
pub const MAX_PROBLEMS: usize = 1_000;

/// What `verify` checked and every discrepancy it found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Member records read.
    pub members: u64,
    /// Stay records read.
    pub stays: u64,
    /// Ledger postings read.
    pub postings: u64,
    /// Complaint records read.
    pub complaints: u64,
    /// Redemption records read.
    pub redemptions: u64,
    /// Entries of the `keys` tree read.
    pub keys: u64,
    /// Operator records read.
    pub operators: u64,
    /// Activity records read.
    pub activities: u64,
    /// Net points the ledger's promotion lines hold, which must equal what the recorded
    /// activities' and stays' promotion parts add up to: promotion points are accounted
    /// apart from base, tier-bonus and activity points.
    pub promotion_points: i64,
    /// Stored values of every tree decoded by `verify --deep` (absent without `--deep`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records_decoded: Option<u64>,
    /// One line per discrepancy, naming the member card, tree or key, expected and found
    /// (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<String>,
    /// Discrepancies found beyond the listed ones.
    pub problems_omitted: u64,
    /// One line per file or directory of the store that other local users can reach,
    /// with its mode and the mode it should have (filled by the `verify` command, which
    /// knows the `[serve]` group; the data checks above cannot see file modes).
    pub permissions: Vec<String>,
    /// The shell command that closes them, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_fix: Option<String>,
}

impl VerifyReport {
    /// True when nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.problems_omitted == 0
    }

    /// Total number of discrepancies found, listed or not.
    pub fn problem_count(&self) -> u64 {
        self.problems.len() as u64 + self.problems_omitted
    }

    /// One line for people, e.g. `verified 10 members, …, 42 keys: consistent`.
    pub fn summary_line(&self) -> String {
        let verdict = match self.problem_count() {
            0 => "consistent".to_string(),
            1 => "1 problem".to_string(),
            n => format!("{n} problems"),
        };
        let deep = self.records_decoded.map_or_else(String::new, |n| format!(", every record decoded ({n})"));
        format!(
            "verified {} members, {} stays, {} postings, {} complaints, {} redemptions, {} activities ({} promotion points), {} keys{deep}: {verdict}",
            self.members,
            self.stays,
            self.postings,
            self.complaints,
            self.redemptions,
            self.activities,
            self.promotion_points,
            self.keys
        )
    }
}

/// Checks the whole store against its primary records; see the module documentation.
///
/// Discrepancies go into the report; only a failure to read the store is an error.
pub fn verify(store: &Store, config: &Config) -> Result<VerifyReport, StoreError> {
    let mut c = Checker::new(store, config);
    run_checks(&mut c)?;
    Ok(c.report)
}

/// The consistency passes, in order.
fn run_checks(c: &mut Checker<'_>) -> Result<(), StoreError> {
    members::check(c)?;
    records::check_complaints(c)?;
    records::check_redemptions(c)?;
    records::check_rewards(c)?;
    records::check_audit(c)?;
    operators::check(c)?;
    operators::check_approvals(c)?;
    promotions::check(c)?;
    keys::check(c)?;
    records::check_meta(c)?;
    records::check_overview(c)?;
    facts::check(c)?;
    snapshot::check(c)?;
    Ok(())
}

/// Highest ids seen, to check the id counters in `meta`.
#[derive(Debug, Default)]
struct MaxIds {
    member: u64,
    complaint: u64,
    redemption: u64,
    reward: u64,
    operator: u64,
    approval: u64,
    activity: u64,
    promotion: u64,
}

/// State shared by the passes: the report, recomputed totals and a few counters.
struct Checker<'a> {
    store: &'a Store,
    config: &'a Config,
    report: VerifyReport,
    /// Store-wide totals recomputed from the records read so far.
    totals: Overview,
    /// Records that could not be decoded (their figures are missing from `totals`).
    undecodable: u64,
    max_ids: MaxIds,
}

impl<'a> Checker<'a> {
    fn new(store: &'a Store, config: &'a Config) -> Self {
        Checker {
            store,
            config,
            report: VerifyReport::default(),
            totals: Overview::default(),
            undecodable: 0,
            max_ids: MaxIds::default(),
        }
    }

    /// Records one discrepancy.
    fn problem(&mut self, line: String) {
        if self.report.problems.len() < MAX_PROBLEMS {
            self.report.problems.push(line);
        } else {
            self.report.problems_omitted += 1;
        }
    }

    /// Decodes a record read from `t` at `key`, recording a problem when it cannot.
    fn decode<R: Record>(&mut self, t: T, key: &[u8], bytes: &[u8]) -> Option<R> {
        match decode_at::<R>(t, key, bytes) {
            Ok(r) => Some(r),
            Err(e) => {
                let reason = match e {
                    StoreError::Corrupt { reason, .. } => reason.to_string(),
                    other => other.to_string(),
                };
                self.undecodable += 1;
                self.problem(format!("{} {}: undecodable record: {reason}", t.name(), hex(key)));
                None
            }
        }
    }

    /// Reads and decodes one record for a cross-reference; `None` when absent or corrupt
    /// (a corrupt record is reported by the pass over its own tree).
    fn lookup<R: Record>(&self, t: T, key: &[u8]) -> Result<Lookup<R>, StoreError> {
        Ok(match self.raw(t, key)? {
            Lookup::Missing => Lookup::Missing,
            Lookup::Corrupt => Lookup::Corrupt,
            Lookup::Found(bytes) => match decode_at::<R>(t, key, &bytes) {
                Ok(r) => Lookup::Found(r),
                Err(_) => Lookup::Corrupt,
            },
        })
    }

    /// The raw value at `key` in `t`. An index entry in a bucket that does not decode is
    /// `Corrupt`, not an error: the keys pass reports the bucket once, and the other passes
    /// go on (a failure to read the store itself is still an error).
    fn raw(&self, t: T, key: &[u8]) -> Result<Lookup<Vec<u8>>, StoreError> {
        match self.store.read_raw(t, key) {
            Ok(Some(bytes)) => Ok(Lookup::Found(bytes)),
            Ok(None) => Ok(Lookup::Missing),
            Err(StoreError::Corrupt { .. }) if t == T::Keys => Ok(Lookup::Corrupt),
            Err(e) => Err(e),
        }
    }
}

/// Result of following a cross-reference.
enum Lookup<R> {
    /// The record exists and decodes.
    Found(R),
    /// Nothing at that key.
    Missing,
    /// Something at that key that does not decode (reported elsewhere).
    Corrupt,
}
