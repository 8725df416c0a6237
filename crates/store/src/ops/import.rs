//! Commands for imports: a member upsert, a booking (member upsert + stay in one command so
//! a row is never half-applied), and a batch runner that reports duplicates and can
//! discard everything it did (for `--dry-run`).

use super::member::{self, check_name};
use super::stage::Batch;
use super::{Command, Ctx, MemberChanges, MemberRef, NewMember, OpError, Overlay, Reply, Stage, StayInput, dispatch};
use crate::store::records::{AuditRecord, ExtRef};
use crate::store::{Store, T, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::contact::normalize_email;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_core::i18n::errors::{Clash, Missing};

/// A guest as an import row describes them.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Guest {
    /// Profile used to enrol the guest when no member matches; name and phone also update
    /// a matching member.
    pub new: NewMember,
    /// Member id matched by phone outside the transaction (rows without an e-mail).
    pub phone_match: Option<u64>,
    /// The guest's id in the source system, matched before e-mail, card and phone.
    pub profile: Option<String>,
    /// The phone is no valid number and is stored as written (see
    /// [`frontdesk_core::domain::phone::Imported`]); otherwise it is checked as a desk's is.
    #[serde(default)]
    pub phone_as_written: bool,
}

/// The stay part of a booking row (the member is the guest of the row).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BookingStay {
    /// Property; the default property when absent.
    pub property: Option<String>,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// Room revenue in minor units, before tax.
    pub revenue_minor: i64,
    /// Canonical channel.
    pub channel: String,
    /// Completed, cancelled or no-show.
    pub status: StayStatus,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

impl BookingStay {
    fn for_member(&self, member_id: u64) -> StayInput {
        StayInput {
            member: MemberRef::Id(member_id),
            property: self.property.clone(),
            arrival: self.arrival,
            departure: self.departure,
            revenue_minor: self.revenue_minor,
            channel: self.channel.clone(),
            status: self.status,
            external_ref: self.external_ref.clone(),
        }
    }
}

/// One booking of one guest: create or update the member, then record the stay.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BookingImport {
    pub guest: Guest,
    /// The booking.
    pub stay: BookingStay,
}

/// The member a guest row names, if one exists: by source profile id, else e-mail, else
/// card, else phone match.
fn find_guest(stage: &Stage<'_>, g: &Guest) -> Result<Option<u64>, OpError> {
    if let Some(profile) = g.profile.as_deref()
        && let Some(id) = super::profile::member_of(stage, profile)?
    {
        return Ok(Some(id));
    }
    if let Some(raw) = g.new.email.as_deref().filter(|s| !s.trim().is_empty()) {
        let email = normalize_email(raw).map_err(|r| OpError::invalid("email", r))?;
        return stage.key_target(&keys::text(keys::EMAIL, &email));
    }
    if let Some(card) = g.new.card.as_deref().filter(|s| !s.trim().is_empty()) {
        return stage.key_target(&keys::text(keys::CARD, card.trim()));
    }
    Ok(g.phone_match)
}

/// How the guest's phone is checked: as a desk's, or kept as written.
fn phone_rule(g: &Guest) -> member::PhoneRule {
    if g.phone_as_written { member::phone_as_written } else { member::check_phone }
}

impl Guest {
    /// Whether the row names the guest by e-mail, card, phone or source profile id: a
    /// guest named by none of them can only be enrolled anew, every time.
    pub fn identified(&self) -> bool {
        [&self.new.email, &self.new.card, &self.new.phone, &self.profile]
            .iter()
            .any(|f| f.as_deref().is_some_and(|s| !s.trim().is_empty()))
    }
}

/// Enrols the guest or brings a matching member's name and phone up to date.
/// Returns the member and whether anything was written.
pub(super) fn upsert_guest(stage: &Stage<'_>, ctx: &Ctx<'_>, g: &Guest) -> Result<(Member, bool), OpError> {
    let (m, changed) = match_or_enrol(stage, ctx, g)?;
    let linked = match g.profile.as_deref() {
        Some(profile) => super::profile::link(stage, profile, m.id)?,
        None => false,
    };
    Ok((m, changed || linked))
}

fn match_or_enrol(stage: &Stage<'_>, ctx: &Ctx<'_>, g: &Guest) -> Result<(Member, bool), OpError> {
    let Some(id) = find_guest(stage, g)? else {
        let reply = member::add_with(stage, ctx, &g.new, phone_rule(g))?;
        let card = match reply {
            Reply::Member(v) => v.member.card,
            _ => return Err(OpError::NotFound(Missing::NoCard)),
        };
        let id = stage
            .key_target(&keys::text(keys::CARD, &card))?
            .ok_or_else(|| OpError::NotFound(Missing::CardNotIndexed { card: card.clone() }))?;
        return Ok((stage.member(id)?, true));
    };
    let before = stage.member(id)?;
    let mut ch = MemberChanges::default();
    let name = check_name(&g.new.name)?;
    if name != before.name {
        ch.name = Some(name);
    }
    if let Some(p) = g.new.phone.as_deref().filter(|s| !s.trim().is_empty()) {
        // A number without a country code is one of the row's property, else of the
        // property the member belongs to.
        let property = g.new.property.as_deref().filter(|p| !p.trim().is_empty()).unwrap_or(&before.home_property);
        let phone = phone_rule(g)(ctx, property.trim(), p)?;
        if before.phone.as_deref() != Some(phone.as_str()) {
            ch.phone = Some(phone);
        }
    }
    if let Some(b) = g.new.birthday
        && before.birthday != Some(b)
    {
        ch.birthday = Some(b);
    }
    if ch.name.is_none() && ch.phone.is_none() && ch.birthday.is_none() {
        return Ok((before, false));
    }
    member::update_with(stage, ctx, &MemberRef::Id(id), &ch, phone_rule(g))?;
    Ok((stage.member(id)?, true))
}

/// `Command::ImportMember`: enrol, or update the member with the same e-mail / card / phone.
pub(super) fn import_member(stage: &Stage<'_>, ctx: &Ctx<'_>, g: &Guest) -> Result<(Reply, bool), OpError> {
    let (m, changed) = upsert_guest(stage, ctx, g)?;
    Ok((Reply::Member(super::view::MemberOutcome::of(ctx, &m, !changed)), !changed))
}

/// `Command::ImportBooking`: the guest upsert and the stay, as one command.
pub(super) fn import_booking(stage: &Stage<'_>, ctx: &Ctx<'_>, b: &BookingImport) -> Result<Reply, OpError> {
    if let Some(r) = &b.stay.external_ref
        && let Some(prev) = stage.get::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, r))?
    {
        // Seen before: the stay decides between duplicate and conflict; the guest is left
        // alone so that a duplicate changes nothing.
        let id = match find_guest(stage, &b.guest)? {
            Some(id) => id,
            None if b.guest.identified() => {
                return Err(OpError::Conflict(Clash::ReferenceOtherGuest { reference: r.to_string() }));
            }
            None => prev.member_id,
        };
        return super::stay::post(stage, ctx, &b.stay.for_member(id));
    }
    let (m, _) = upsert_guest(stage, ctx, &b.guest)?;
    super::stay::post(stage, ctx, &b.stay.for_member(m.id))
}

fn external_ref(cmd: &Command) -> Option<&str> {
    match cmd {
        Command::PostStay(s) => s.external_ref.as_deref(),
        Command::AdjustPoints(a) => a.external_ref.as_deref(),
        Command::LogComplaint(c) => c.external_ref.as_deref(),
        Command::ImportBooking(b) => b.stay.external_ref.as_deref(),
        _ => None,
    }
}

fn batch_audit(overlay: &Overlay<'_>, ctx: &Ctx<'_>, cmds: &[Command], results: &[Outcome]) {
    let applied: Vec<&Command> =
        cmds.iter().zip(results).filter(|(_, r)| matches!(r, Ok(false))).map(|(c, _)| c).collect();
    let (Some(first), Some(last)) = (applied.first(), applied.last()) else { return };
    let name = |c: &Command| external_ref(c).map_or_else(|| "(no reference)".to_string(), str::to_string);
    overlay.audit(AuditRecord {
        at: ctx.now,
        operator: ctx.actor.name.clone(),
        role: ctx.actor.role.as_str().into(),
        command: "import.batch".into(),
        member: None,
        target: format!("{} rows, {} … {}", applied.len(), name(first), name(last)),
        before: String::new(),
        after: format!(
            "applied {}, duplicates {}, rejected {}",
            applied.len(),
            results.iter().filter(|r| matches!(r, Ok(true))).count(),
            results.iter().filter(|r| r.is_err()).count()
        ),
    });
}

/// Runs one command and tells whether it was a duplicate (an external reference already
/// applied with the same payload, or a member import that changed nothing).
fn dispatch_flagged(stage: &Stage<'_>, ctx: &Ctx<'_>, cmd: &Command) -> Result<bool, OpError> {
    match cmd {
        Command::ImportMember(g) => return import_member(stage, ctx, g).map(|(_, dup)| dup),
        Command::ImportBooking(b) => return duplicate_of(import_booking(stage, ctx, b)?),
        Command::PostStay(_) | Command::AdjustPoints(_) | Command::RecordActivity(_) => {
            return duplicate_of(dispatch(stage, ctx, cmd)?);
        }
        Command::Restore(r) => return super::restore::apply(stage, ctx, r).map(|o| o.duplicate),
        _ => {}
    }
    let seen = match external_ref(cmd) {
        Some(r) => stage.get_raw(T::Keys, &keys::text(keys::EXT_REF, r))?.is_some(),
        None => false,
    };
    dispatch(stage, ctx, cmd)?;
    Ok(seen)
}

fn duplicate_of(reply: Reply) -> Result<bool, OpError> {
    Ok(match reply {
        Reply::Stay(o) => o.duplicate,
        Reply::Points(o) => o.duplicate,
        Reply::Activity(o) => o.duplicate,
        _ => false,
    })
}

/// How a batch is audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditMode {
    /// Each command writes its own audit events (as `execute` does).
    PerCommand,
    /// One `import.batch` event for the whole batch, naming the external references of the
    /// first and last applied rows and the counts: two fewer durable keys per row.
    PerBatch,
}

/// Result of one command of an import batch: `Ok(duplicate)` or why it was rejected.
pub type Outcome = Result<bool, OpError>;

/// Runs many import commands as one batch, answering for each whether it applied, was a
/// duplicate, or was rejected (a rejected command leaves nothing behind), and writes the
/// batch with one transaction. With `discard`, nothing is written: the answers are what a
/// real run would give.
pub fn execute_import_batch(
    store: &Store,
    ctx: &Ctx<'_>,
    cmds: &[Command],
    discard: bool,
    audit: AuditMode,
) -> Result<Vec<Outcome>, OpError> {
    let _writer = store.writer();
    let (results, batch) = prepare_import_batch(store, ctx, cmds, audit, None)?;
    if !discard {
        batch.write(store)?;
    }
    Ok(results)
}

/// Works out many import commands over a bulk [`Overlay`] without writing anything: the
/// answers, and the [`Batch`] to write. `under` is an earlier batch not yet written (a
/// pipelined import writes one batch while it works out the next). The caller must hold
/// the store's writer lock ([`Store::writer`]) until the batch is written.
pub fn prepare_import_batch(
    store: &Store,
    ctx: &Ctx<'_>,
    cmds: &[Command],
    audit: AuditMode,
    under: Option<&Batch>,
) -> Result<(Vec<Outcome>, Batch), OpError> {
    let overlay = Overlay::new(store, under);
    let mut results = Vec::with_capacity(cmds.len());
    for cmd in cmds {
        let stage = Stage::over(&overlay);
        match dispatch_flagged(&stage, ctx, cmd) {
            Ok(dup) => {
                if audit == AuditMode::PerBatch {
                    stage.take_audit();
                }
                stage.commit()?;
                results.push(Ok(dup));
            }
            // A storage failure is not the row's fault: stop the whole batch.
            Err(e @ (OpError::Tx(_) | OpError::Store(crate::store::StoreError::Sled(_)))) => return Err(e),
            Err(e) => results.push(Err(e)),
        }
    }
    if audit == AuditMode::PerBatch {
        batch_audit(&overlay, ctx, cmds, &results);
    }
    Ok((results, overlay.into_batch()?))
}
