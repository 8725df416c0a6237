//! Applying built commands batch by batch. Batches are pipelined: while one batch is being
//! written and flushed on the writing thread, the next is worked out over it (a bulk
//! overlay reads the unwritten batch before the trees). Rows are reported in file order,
//! and a batch's rows are counted only once the batch is on disk.

use super::loader::{Duplicate, Reject, Report, Summary};
use super::mapping::Mapping;
use super::phones::PhoneMemo;
use super::source::RawRecord;
use super::{ImportError, Problem, sink};
use frontdesk_core::domain::phone::{Imported, phone_digits};
use frontdesk_core::i18n::errors::{Fault, ImportSays, Refusal, RowSays};
use frontdesk_store::ops::{
    AuditMode, Batch, Command, Ctx, Guest, MemberRef, OpError, Outcome, Restore, prepare_import_batch,
};
use frontdesk_store::store::{Store, keys};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::Scope;

/// The writing thread: batches go in, one result per batch comes back.
pub(super) struct Writer {
    batches: SyncSender<Arc<Batch>>,
    done: Receiver<Result<(), OpError>>,
}

/// Starts the writing thread; it ends when the [`Writer`] is dropped.
pub(super) fn spawn_writer<'scope>(scope: &'scope Scope<'scope, '_>, store: &'scope Store) -> Writer {
    let (batches, incoming) = sync_channel::<Arc<Batch>>(1);
    let (report, done) = sync_channel(1);
    scope.spawn(move || {
        for batch in incoming {
            if report.send(batch.write(store)).is_err() {
                return;
            }
        }
    });
    Writer { batches, done }
}

/// A row read: the record, and the problem found before it reached the store, if any.
type Row = (RawRecord, Option<Problem>);

/// A batch handed to the writing thread and not yet known to be on disk.
struct InFlight {
    rows: Vec<Row>,
    results: Vec<Outcome>,
    notes: Vec<Note>,
    batch: Arc<Batch>,
}

/// What a command's row needs besides its outcome to be counted and listed.
#[derive(Debug, Default)]
struct Note {
    /// The reference it repeats, when it is a duplicate being listed.
    reference: Option<String>,
    /// It enrols a guest named by no e-mail, card, phone or profile id.
    keyless: bool,
    /// Its guest's phone is no valid number and was stored as written.
    phone_as_written: bool,
}

/// Collects rows into batches and applies them, keeping the counts.
pub(super) struct Applier<'a, 'c> {
    store: &'a Store,
    ctx: &'a Ctx<'c>,
    mapping: &'a Mapping,
    /// Work batches out and throw them away (`--dry-run`, the `--strict` check).
    discard: bool,
    /// The counts so far.
    pub summary: Summary,
    cmds: Vec<Command>,
    rows: Vec<Row>,
    phones: HashSet<String>,
    phone_memo: PhoneMemo,
    /// The writing thread; without one, batches are written in place.
    pub writer: Option<Writer>,
    in_flight: Option<InFlight>,
}

impl<'a, 'c> Applier<'a, 'c> {
    /// An applier with no rows yet.
    pub(crate) fn new(store: &'a Store, ctx: &'a Ctx<'c>, mapping: &'a Mapping, discard: bool) -> Self {
        Applier {
            store,
            ctx,
            mapping,
            discard,
            summary: Summary::default(),
            cmds: Vec::new(),
            rows: Vec::new(),
            phones: HashSet::new(),
            phone_memo: PhoneMemo::default(),
            writer: None,
            in_flight: None,
        }
    }

    /// Adds a row: its command, or the problem that stopped it.
    pub(crate) fn push(
        &mut self,
        rec: RawRecord,
        built: Result<Command, Problem>,
        out: &mut Report<'_>,
    ) -> Result<(), ImportError> {
        self.summary.read += 1;
        let built = match built {
            Ok(cmd) => self.match_phone(cmd, out)?,
            Err(problem) => Err(problem),
        };
        match built {
            Ok(cmd) => {
                self.cmds.push(cmd);
                self.rows.push((rec, None));
            }
            Err(problem) => self.rows.push((rec, Some(problem))),
        }
        Ok(())
    }

    /// Works out the rows collected so far as one batch and hands it to the writer; the
    /// batch before it must then be on disk, and its rows are counted.
    pub(crate) fn flush(&mut self, out: &mut Report<'_>) -> Result<(), ImportError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let under = if self.discard { None } else { self.in_flight.as_ref().map(|f| Arc::clone(&f.batch)) };
        let (results, batch) =
            prepare_import_batch(self.store, self.ctx, &self.cmds, AuditMode::PerBatch, under.as_deref())?;
        // Only duplicates need their reference, for the duplicates list.
        let listed = out.duplicate.is_some();
        let notes = results
            .iter()
            .zip(&self.cmds)
            .map(|(r, c)| Note {
                // Only duplicates being listed need their reference.
                reference: (listed && matches!(r, Ok(true))).then(|| reference(c)),
                keyless: matches!(r, Ok(false)) && keyless(c),
                phone_as_written: matches!(r, Ok(false)) && guest_of_ref(c).is_some_and(|g| g.phone_as_written),
            })
            .collect();
        self.cmds.clear();
        self.phones.clear();
        let rows = std::mem::take(&mut self.rows);
        if self.discard {
            self.count(rows, results, notes, out);
            return Ok(());
        }
        self.settle(out)?;
        let batch = Arc::new(batch);
        match &self.writer {
            Some(w) => {
                w.batches.send(Arc::clone(&batch)).map_err(|_| ImportError::Usage(ImportSays::WriterStopped))?;
                self.in_flight = Some(InFlight { rows, results, notes, batch });
            }
            None => {
                batch.write(self.store)?;
                self.count(rows, results, notes, out);
            }
        }
        Ok(())
    }

    /// Waits until the batch in flight is on disk and counts its rows.
    pub(crate) fn settle(&mut self, out: &mut Report<'_>) -> Result<(), ImportError> {
        let Some(f) = self.in_flight.take() else { return Ok(()) };
        let written = match &self.writer {
            Some(w) => w.done.recv().map_err(|_| ImportError::Usage(ImportSays::WriterStopped))?,
            None => Ok(()),
        };
        written?;
        self.count(f.rows, f.results, f.notes, out);
        Ok(())
    }

    fn count(&mut self, rows: Vec<Row>, results: Vec<Outcome>, notes: Vec<Note>, out: &mut Report<'_>) {
        let mut results = results.into_iter().zip(notes);
        for (rec, early) in rows {
            let problem = match early {
                Some(p) => p,
                None => match results.next() {
                    Some((Ok(true), note)) => {
                        self.summary.duplicates += 1;
                        if let Some(list) = out.duplicate.as_deref_mut() {
                            let reference = note.reference.unwrap_or_else(|| "-".into());
                            list(&Duplicate { line: rec.line, reference, record: rec.original() });
                        }
                        continue;
                    }
                    Some((Ok(false), note)) => {
                        self.summary.applied += 1;
                        self.summary.members_without_key += u64::from(note.keyless);
                        self.summary.phones_as_written += u64::from(note.phone_as_written);
                        continue;
                    }
                    Some((Err(e), _)) => Problem::new(&self.column_of(&e), e.fault()),
                    None => Problem::new("-", RowSays::NoResultForRow),
                },
            };
            self.summary.rejected += 1;
            self.summary.bad += 1;
            (out.reject)(&Reject {
                line: rec.line,
                column: problem.column,
                reason: problem.reason,
                record: rec.original(),
            });
        }
    }

    /// Rows without e-mail or card match an existing member by phone, looked up here
    /// (a transaction cannot scan): everything before the row is written first, and a
    /// second such row with the same phone in one batch applies the batch first so that
    /// it sees the member the first row created.
    fn match_phone(&mut self, mut cmd: Command, out: &mut Report<'_>) -> Result<Result<Command, Problem>, ImportError> {
        let column = self.mapping.source_of("phone");
        let file_country = self.mapping.phone_country.as_deref();
        if let Err(problem) = read_phone(self.ctx, file_country, &mut cmd, &column, &mut self.phone_memo) {
            return Ok(Err(problem));
        }
        let Some(phone) = phone_only_guest(&mut cmd).and_then(|g| g.new.phone.clone()) else {
            return Ok(Ok(cmd));
        };
        if self.phones.contains(&phone) {
            self.flush(out)?;
        }
        self.settle(out)?;
        self.phones.insert(phone.clone());
        match member_with_phone(self.store, &phone, &column)? {
            Ok(found) => {
                if let Some(g) = phone_only_guest(&mut cmd) {
                    g.phone_match = found;
                }
                Ok(Ok(cmd))
            }
            Err(problem) => Ok(Err(problem)),
        }
    }

    fn column_of(&self, e: &OpError) -> String {
        let field = match e {
            OpError::Invalid { field, .. } => sink::op_field(field),
            OpError::Conflict(_) => "external_ref",
            OpError::Refused(Refusal::EmailTaken { .. }) => "email",
            OpError::Refused(Refusal::CardTaken { .. }) => "card",
            OpError::NotFound(_) if self.mapping.fields.contains_key("member") => "member",
            _ => return "-".into(),
        };
        self.mapping.source_of(field)
    }
}

/// Whether the command enrols a guest it cannot match to anyone.
fn keyless(cmd: &Command) -> bool {
    guest_of_ref(cmd).is_some_and(|g| !g.identified())
}

/// What makes a row the same as one applied before: its external reference, or for a
/// profile the guest's card, e-mail or phone.
fn reference(cmd: &Command) -> String {
    let guest = |g: &Guest| {
        let n = &g.new;
        n.card.clone().or_else(|| n.email.clone()).or_else(|| n.phone.clone()).unwrap_or_else(|| n.name.clone())
    };
    let member = |m: &MemberRef| match m {
        MemberRef::Card(c) | MemberRef::Email(c) => c.clone(),
        MemberRef::Id(id) => format!("member {id}"),
    };
    let found = match cmd {
        Command::PostStay(s) => s.external_ref.clone(),
        Command::AdjustPoints(a) => a.external_ref.clone(),
        Command::LogComplaint(c) => c.external_ref.clone(),
        Command::ImportBooking(b) => b.stay.external_ref.clone(),
        Command::RecordActivity(a) => a.external_ref.clone(),
        Command::ImportMember(g) => Some(guest(g)),
        Command::Restore(r) => Some(match r.as_ref() {
            Restore::Member(m) => guest(&m.guest),
            Restore::Stay(s) => format!("{} stay {}", member(&s.member), s.seq),
            Restore::Posting(p) => format!("{} posting {}", member(&p.member), p.seq),
            Restore::Complaint(c) => format!("complaint {}", c.complaint.id),
            Restore::Redemption(r) => format!("redemption {}", r.redemption.id),
        }),
        _ => None,
    };
    found.unwrap_or_else(|| "-".into())
}

/// The guest an import command enrols or updates, if any.
fn guest_of(cmd: &mut Command) -> Option<&mut Guest> {
    match cmd {
        Command::ImportMember(g) => Some(g.as_mut()),
        Command::ImportBooking(b) => Some(&mut b.guest),
        Command::Restore(r) => match r.as_mut() {
            Restore::Member(m) => Some(&mut m.guest),
            _ => None,
        },
        _ => None,
    }
}

/// As [`guest_of`], to read.
fn guest_of_ref(cmd: &Command) -> Option<&Guest> {
    match cmd {
        Command::ImportMember(g) => Some(g.as_ref()),
        Command::ImportBooking(b) => Some(&b.guest),
        Command::Restore(r) => match r.as_ref() {
            Restore::Member(m) => Some(&m.guest),
            _ => None,
        },
        _ => None,
    }
}

/// The guest of an import command that names them by neither e-mail nor card.
pub(super) fn phone_only_guest(cmd: &mut Command) -> Option<&mut Guest> {
    guest_of(cmd).filter(|g| g.new.email.is_none() && g.new.card.is_none())
}

/// Puts the phone of the command's guest in the form the import stores
/// ([`frontdesk_core::domain::phone::read_imported`], through `memo`): E.164, a number
/// without its country code read as one of `file_country` (the mapping's `phone_country`),
/// else of the row's property, else of the default property; or as written, marked so,
/// when it is no valid number. A field that is no phone at all is the row's problem, named
/// by `column`.
pub(super) fn read_phone(
    ctx: &Ctx<'_>,
    file_country: Option<&str>,
    cmd: &mut Command,
    column: &str,
    memo: &mut PhoneMemo,
) -> Result<(), Problem> {
    let Some(g) = guest_of(cmd) else { return Ok(()) };
    let Some(raw) = g.new.phone.as_deref().filter(|p| !p.trim().is_empty()) else { return Ok(()) };
    let country = file_country.unwrap_or_else(|| ctx.config.phone_country_of(g.new.property.as_deref()));
    match memo.read_imported(raw, country) {
        Ok(Imported::E164(p)) => g.new.phone = Some(p),
        Ok(Imported::AsWritten(p)) => {
            g.new.phone = Some(p);
            g.phone_as_written = true;
        }
        Err(reason) => return Err(Problem::new(column, Fault::invalid("phone", reason))),
    }
    Ok(())
}

/// The one member whose phone is `phone` (normalised), none, or a problem naming `column`
/// when several members share it.
pub(super) fn member_with_phone(
    store: &Store,
    phone: &str,
    column: &str,
) -> Result<Result<Option<u64>, Problem>, ImportError> {
    let prefix = keys::phone_prefix(phone_digits(phone));
    let mut ids = Vec::with_capacity(2);
    let found = store.key_entries(&prefix, 2).map_err(|e| ImportError::Op(OpError::Store(e)))?;
    for (key, _) in found {
        ids.extend(keys::read_u64(&key, prefix.len()));
    }
    Ok(match ids.as_slice() {
        [] => Ok(None),
        [id] => Ok(Some(*id)),
        _ => Err(Problem::new(column, RowSays::SeveralMembers)),
    })
}
