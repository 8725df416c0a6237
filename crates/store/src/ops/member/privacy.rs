//! Revealing a member's whole contact data (audited) and erasing a member's personal data.
//!
//! Erasure keeps what the figures need — the member id and card, the ledger amounts, the
//! stays' dates, nights and revenue, the complaints' categories, states and scores — so
//! balances, tiers and reports stay consistent, and removes everything that names or
//! describes the person: name (replaced by a pseudonym), e-mail, phone, birthday, notes,
//! tags, complaint descriptions and timeline notes, ledger reasons, and the e-mail, phone
//! and birthday keys. Audit records never held any of it.

use super::super::view::MemberOutcome;
use super::super::{Ctx, Listed, MemberRef, OpError, Reply, Stage};
use super::{resolve, write_keys};
use crate::store::{Store, T, keys};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::contact::phone_digits;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::privacy::pseudonym;
use frontdesk_core::i18n::errors::{Act, Reason};
use serde::Serialize;

/// What replaces erased free text (a complaint's description, a ledger reason).
const ERASED_TEXT: &str = "(erased)";

/// A member's whole contact data, as revealed to one operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ContactOutcome {
    /// Card number.
    pub card: String,
    /// E-mail, whole.
    pub email: Option<String>,
    /// Phone, whole.
    pub phone: Option<String>,
}

/// `Command::RevealContact`: audited as `member.reveal`, naming which fields were shown
/// but never their values.
pub(in crate::ops) fn reveal(stage: &Stage<'_>, ctx: &Ctx<'_>, who: &MemberRef) -> Result<Reply, OpError> {
    let m = resolve(stage, who)?;
    let shown: Vec<&str> =
        [(m.email.is_some(), "e-mail"), (m.phone.is_some(), "phone")].iter().filter(|f| f.0).map(|f| f.1).collect();
    let after = if shown.is_empty() { "nothing to show".to_string() } else { format!("shown: {}", shown.join(", ")) };
    stage.audit(ctx.now, &ctx.actor, "member.reveal", format!("member {}", m.card), String::new(), after);
    Ok(Reply::Contact(ContactOutcome { card: m.card, email: m.email, phone: m.phone }))
}

/// The erasure's reason as kept in the audit log. The log is never changed, so the reason
/// must be a reference (a ticket, the legal basis), not a description: a short line of
/// Latin letters, digits and punctuation, with no word of the member's name, e-mail or phone.
fn check_reason(m: &Member, raw: &str) -> Result<String, OpError> {
    const FIELD: &str = "--reason";
    let r = raw.trim();
    if r.is_empty() {
        return Err(OpError::invalid(FIELD, Reason::ErasureReference));
    }
    if r.chars().count() > 80 || !r.chars().all(|c| c.is_ascii_alphanumeric() || " .,:;#/_-()".contains(c)) {
        return Err(OpError::invalid(FIELD, Reason::ErasureShape));
    }
    let words: Vec<String> =
        r.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let mut personal: Vec<String> = m
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect();
    if let Some((local, _)) = m.email.as_deref().and_then(|e| e.rsplit_once('@')) {
        personal.extend(local.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).map(str::to_lowercase));
    }
    let digits: String = r.chars().filter(char::is_ascii_digit).collect();
    let tail = m.phone.as_deref().map(phone_digits).map(|p| &p[p.len().saturating_sub(6)..]);
    if words.iter().any(|w| personal.contains(w)) || tail.is_some_and(|t| !t.is_empty() && digits.contains(t)) {
        return Err(OpError::invalid(FIELD, Reason::ErasurePersonal));
    }
    Ok(r.to_string())
}

/// `Command::EraseMember` (manager or admin). Erasing an erased member changes nothing.
pub(in crate::ops) fn erase(stage: &Stage<'_>, ctx: &Ctx<'_>, who: &MemberRef, reason: &str) -> Result<Reply, OpError> {
    ctx.require_manager(Act::ErasePersonalData)?;
    let before = resolve(stage, who)?;
    let reason = check_reason(&before, reason)?;
    if before.status == MemberStatus::Erased {
        return Ok(Reply::Member(MemberOutcome::of(ctx, &before, true)));
    }
    let mut m = before.clone();
    m.name = pseudonym(&m.card);
    m.email = None;
    m.phone = None;
    m.birthday = None;
    m.notes.clear();
    m.tags.clear();
    m.marketing_consent = false;
    m.status = MemberStatus::Erased;
    write_keys(stage, Some(&before), &m);
    // Building and unit point at a person as surely as an address.
    stage.remove(T::Keys, &crate::ops::residence::key(m.id));
    stage.put_member(ctx.config, &m)?;
    let complaints = erase_complaints(stage, m.id)?;
    let reasons = erase_ledger_reasons(stage, &m)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "member.erase",
        format!("member {}", m.card),
        format!("status {}", before.status.as_str()),
        format!("erased: profile, {complaints} complaint(s), {reasons} ledger reason(s); reason {reason}"),
    );
    Ok(Reply::Member(MemberOutcome::of(ctx, &m, false)))
}

/// Lists the keys an erasure of member `id` reads: its complaints.
pub(in crate::ops) fn list_erasure_keys(store: &Store, id: u64, listed: &mut Listed) -> Result<(), OpError> {
    listed.add(store, T::Keys, &keys::pair_prefix(keys::MEMBER_COMPLAINT, id))
}

/// Clears the description and timeline notes of every complaint linked to the member;
/// returns how many changed.
fn erase_complaints(stage: &Stage<'_>, member_id: u64) -> Result<usize, OpError> {
    let mut n = 0;
    for key in stage.keys_under(T::Keys, &keys::pair_prefix(keys::MEMBER_COMPLAINT, member_id))? {
        let Some(id) = keys::read_u64(&key, 9) else { continue };
        let Some(mut c) = stage.get::<Complaint>(T::Complaints, &keys::id(id))? else { continue };
        let before = c.clone();
        c.description = ERASED_TEXT.into();
        for t in &mut c.timeline {
            if !t.note.is_empty() {
                t.note = ERASED_TEXT.into();
            }
        }
        if c != before {
            stage.put_complaint(&c)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Replaces the free-text reason of each of the member's ledger postings (adjustment
/// reasons, goodwill notes, cancellation reasons); amounts, sources and lots stay.
fn erase_ledger_reasons(stage: &Stage<'_>, m: &Member) -> Result<usize, OpError> {
    let mut n = 0;
    for seq in 1..=m.ledger_seq {
        let key = keys::member_seq(m.id, seq);
        let Some(mut p) = stage.get::<Posting>(T::Ledger, &key)? else { continue };
        if !p.reason.is_empty() && p.reason != ERASED_TEXT {
            p.reason = ERASED_TEXT.into();
            stage.put(T::Ledger, &key, &p);
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn member() -> Member {
        Member {
            id: 1,
            card: "620000000011".into(),
            name: "Zhang Wei 张伟".into(),
            email: Some("zhang.wei@example.com".into()),
            phone: Some("+8613912345678".into()),
            birthday: None,
            home_property: "LIS".into(),
            notes: String::new(),
            tags: Vec::new(),
            marketing_consent: false,
            status: MemberStatus::Active,
            enrolled_on: chrono::NaiveDate::MIN,
            enrol_channel: "desk".into(),
            balance: 0,
            lifetime_points: 0,
            lots: Vec::new(),
            qual: Vec::new(),
            tier_override: None,
            last_activity: None,
            last_stay: None,
            stays: 0,
            nights: 0,
            stay_seq: 0,
            ledger_seq: 0,
            open_complaints: 0,
        }
    }

    #[rstest]
    #[case("GDPR art. 17 request #2026-118", true)]
    #[case("ticket 4711", true)]
    #[case("example ticket", true)]
    #[case("", false)]
    #[case("asked by zhang", false)]
    #[case("Wei called", false)]
    #[case("mail from zhang.wei", false)]
    #[case("phone 912345678", false)]
    #[case("客人要求", false)]
    #[case("line one\nline two", false)]
    fn reasons_are_references_that_name_nobody(#[case] reason: &str, #[case] ok: bool) {
        assert_eq!(check_reason(&member(), reason).is_ok(), ok, "{reason}");
    }
}
