//! Enrolling and updating members, and finding the member a command names.

mod change;
mod privacy;

pub use change::MemberChanges;
pub(super) use change::{update, update_with};
pub use privacy::ContactOutcome;
pub(super) use privacy::{erase, list_erasure_keys, reveal};

use super::stage::RefCheck;
use super::view::MemberOutcome;
use super::{Ctx, OpError, Reply, Stage, fingerprint, xref};
use crate::store::keys;
use crate::store::records::ExtRef;
use crate::store::{Store, T};
use chrono::NaiveDate;
use frontdesk_core::domain::card;
use frontdesk_core::domain::contact::{normalize_email, normalize_phone, phone_digits};
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::i18n::errors::{Missing, Reason, Refusal};
use serde::Serialize;

/// How a command names a member.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MemberRef {
    /// By card number.
    Card(String),
    /// By e-mail.
    Email(String),
    /// By internal id.
    Id(u64),
}

impl MemberRef {
    /// Parses what a user typed: an e-mail if it has '@', else a card number.
    pub fn parse(field: &str, s: &str) -> Result<MemberRef, OpError> {
        let s = s.trim();
        if s.contains('@') {
            normalize_email(s)
                .map(MemberRef::Email)
                .map_err(|r| OpError::invalid(field, Reason::EmailOf { problem: Box::new(r) }))
        } else {
            match card::problem(s) {
                None => Ok(MemberRef::Card(s.to_string())),
                Some(r) => {
                    Err(OpError::invalid(field, Reason::NotEmailOrCard { input: s.to_string(), problem: Box::new(r) }))
                }
            }
        }
    }

    fn key(&self) -> Option<Vec<u8>> {
        match self {
            MemberRef::Card(c) => Some(keys::text(keys::CARD, c)),
            MemberRef::Email(e) => Some(keys::text(keys::EMAIL, e)),
            MemberRef::Id(_) => None,
        }
    }

    fn missing(&self) -> Missing {
        match self {
            MemberRef::Card(c) => Missing::MemberByCard { card: c.clone() },
            MemberRef::Email(e) => Missing::MemberByEmail { email: e.clone() },
            MemberRef::Id(i) => Missing::MemberById { id: *i },
        }
    }
}

/// Finds a member inside a transaction.
pub(crate) fn resolve(stage: &Stage<'_>, who: &MemberRef) -> Result<Member, OpError> {
    let id = match (who, who.key()) {
        (MemberRef::Id(id), _) => Some(*id),
        (_, Some(k)) => stage.key_target(&k)?,
        _ => None,
    };
    match id {
        Some(id) => stage.member(id),
        None => Err(OpError::NotFound(who.missing())),
    }
}

/// Finds a member outside a transaction (for reads).
pub fn lookup(store: &Store, who: &MemberRef) -> Result<Option<Member>, OpError> {
    // An issued card carries the member id in its nine digits before the check digit
    // (`card::issue`): one read instead of two. A pre-printed card that only looks like
    // one fails the comparison and takes the index path below.
    if let MemberRef::Card(card) = who
        && card.len() >= 11
        && let Some(id) = card.get(card.len() - 10..card.len() - 1).and_then(|d| d.parse::<u64>().ok())
        && let Some(m) = store.get::<Member>(T::Members, &keys::id(id))?
        && m.card == *card
    {
        return Ok(Some(m));
    }
    let id = match (who, who.key()) {
        (MemberRef::Id(id), _) => Some(*id),
        (_, Some(k)) => store.read_raw(T::Keys, &k)?.and_then(|v| keys::read_u64(&v, 0)),
        _ => None,
    };
    match id {
        Some(id) => Ok(store.get::<Member>(T::Members, &keys::id(id))?),
        None => Ok(None),
    }
}

/// What makes two enrolments with one reference the same request.
#[derive(Serialize)]
struct EnrolPrint<'a> {
    name: &'a str,
    email: Option<String>,
    phone: Option<String>,
    birthday: Option<NaiveDate>,
    property: &'a str,
    card: Option<&'a str>,
}

/// A member to enrol.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct NewMember {
    /// Pre-printed card number; issued from the id when absent.
    pub card: Option<String>,
    /// Name in any script.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birthday: Option<NaiveDate>,
    /// Home property; the default property when absent.
    pub property: Option<String>,
    /// Enrolment channel (desk, web, import, demo…).
    pub channel: String,
    /// Enrolment date; the business date when absent.
    pub enrolled_on: Option<NaiveDate>,
    /// Caller's reference: enrolling again with it returns the same member.
    pub external_ref: Option<String>,
}

pub(super) fn check_name(name: &str) -> Result<String, OpError> {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    if clean.is_empty() {
        return Err(OpError::invalid("name", Reason::Empty));
    }
    if clean.chars().count() > 100 {
        return Err(OpError::invalid("name", Reason::AtMost { max: 100 }));
    }
    Ok(clean)
}

pub(super) fn check_property(ctx: &Ctx<'_>, field: &str, p: Option<&str>) -> Result<String, OpError> {
    let code = p.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(&ctx.config.store.default_property);
    match ctx.config.property(code) {
        Some(p) => Ok(p.code.clone()),
        None => {
            let known: Vec<&str> = ctx.config.properties.iter().map(|p| p.code.as_str()).collect();
            Err(OpError::invalid(field, Reason::UnknownProperty { code: code.to_string(), known: known.join(", ") }))
        }
    }
}

fn check_email(stage: &Stage<'_>, raw: &str, member_id: u64) -> Result<String, OpError> {
    let email = normalize_email(raw).map_err(|r| OpError::invalid("email", r))?;
    match stage.key_target(&keys::text(keys::EMAIL, &email))? {
        Some(other) if other != member_id => Err(OpError::Refused(Refusal::EmailTaken { email })),
        _ => Ok(email),
    }
}

/// The phone typed for a member of `property`, in E.164 (see [`normalize_phone`]).
pub(super) fn check_phone(ctx: &Ctx<'_>, property: &str, raw: &str) -> Result<String, OpError> {
    normalize_phone(raw, ctx.config.phone_country(property)).map_err(|r| OpError::invalid("phone", r))
}

/// A check of the phone typed for a member of a property.
pub(super) type PhoneRule = fn(&Ctx<'_>, &str, &str) -> Result<String, OpError>;

/// An imported phone that is no valid number, stored as its digits (see
/// [`frontdesk_core::domain::phone::Imported::AsWritten`]).
pub(super) fn phone_as_written(_: &Ctx<'_>, _property: &str, raw: &str) -> Result<String, OpError> {
    frontdesk_core::domain::phone::as_written(raw).map_err(|r| OpError::invalid("phone", r))
}

fn check_birthday(ctx: &Ctx<'_>, d: NaiveDate) -> Result<NaiveDate, OpError> {
    if d > ctx.today || d < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(d) {
        Err(OpError::invalid("birthday", Reason::Birthday { date: d }))
    } else {
        Ok(d)
    }
}

pub(super) fn add(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &NewMember) -> Result<Reply, OpError> {
    add_with(stage, ctx, input, check_phone)
}

/// Enrols a member, the phone checked by `phone_rule`.
pub(super) fn add_with(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    input: &NewMember,
    phone_rule: PhoneRule,
) -> Result<Reply, OpError> {
    let name = check_name(&input.name)?;
    let property = check_property(ctx, "property", input.property.as_deref())?;
    let phone =
        input.phone.as_deref().filter(|s| !s.trim().is_empty()).map(|p| phone_rule(ctx, &property, p)).transpose()?;
    let birthday = input.birthday.map(|d| check_birthday(ctx, d)).transpose()?;
    if let Some(c) = &input.card
        && let Some(r) = card::problem(c)
    {
        return Err(OpError::invalid("card", Reason::CardNumber { problem: Box::new(r) }));
    }
    let email_key = input.email.as_deref().filter(|s| !s.trim().is_empty()).map(normalize_email).transpose();
    let print = fingerprint(&EnrolPrint {
        name: &name,
        email: email_key.map_err(|r| OpError::invalid("email", r))?,
        phone: phone.clone(),
        birthday,
        property: &property,
        card: input.card.as_deref(),
    });
    if let Some(r) = &input.external_ref {
        xref::check_len(Some(r))?;
        if let RefCheck::Duplicate(prev) = stage.check_ref(r, "member", print)? {
            return Ok(Reply::Member(MemberOutcome::of(ctx, &stage.member(prev.member_id)?, true)));
        }
    }
    let id = stage.next_id("member")?;
    let email =
        input.email.as_deref().filter(|s| !s.trim().is_empty()).map(|e| check_email(stage, e, id)).transpose()?;
    let card_no = input.card.clone().unwrap_or_else(|| card::issue(&ctx.config.store.card_prefix, id));
    if stage.key_target(&keys::text(keys::CARD, &card_no))?.is_some() {
        return Err(OpError::Refused(Refusal::CardTaken { card: card_no }));
    }
    let m = Member {
        id,
        card: card_no,
        name,
        email,
        phone,
        birthday,
        home_property: property,
        notes: String::new(),
        tags: Vec::new(),
        marketing_consent: false,
        status: MemberStatus::Active,
        enrolled_on: input.enrolled_on.unwrap_or(ctx.today),
        enrol_channel: if input.channel.is_empty() { "desk".into() } else { input.channel.clone() },
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
    };
    write_keys(stage, None, &m);
    stage.put_member(ctx.config, &m)?;
    if let Some(r) = &input.external_ref {
        stage.put_ref(r, &ExtRef { kind: "member".into(), member_id: id, target: id, fingerprint: print });
    }
    stage.update_overview(|o| o.members += 1)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "member.add",
        format!("member {}", m.card),
        String::new(),
        format!("enrolled {}", m.card),
    );
    Ok(Reply::Member(MemberOutcome::of(ctx, &m, false)))
}

/// Keeps the exact-match keys of a member in step with its record.
pub(super) fn write_keys(stage: &Stage<'_>, before: Option<&Member>, after: &Member) {
    let old_email = before.and_then(|b| b.email.as_deref());
    if old_email != after.email.as_deref() {
        if let Some(e) = old_email {
            stage.remove(T::Keys, &keys::text(keys::EMAIL, e));
        }
        if let Some(e) = &after.email {
            stage.put_raw(T::Keys, &keys::text(keys::EMAIL, e), keys::id(after.id).to_vec());
        }
    }
    let old_phone = before.and_then(|b| b.phone.as_deref());
    if old_phone != after.phone.as_deref() {
        if let Some(p) = old_phone {
            stage.remove(T::Keys, &keys::phone(phone_digits(p), after.id));
        }
        if let Some(p) = &after.phone {
            stage.put_raw(T::Keys, &keys::phone(phone_digits(p), after.id), Vec::new());
        }
    }
    if before.is_none() {
        stage.put_raw(T::Keys, &keys::text(keys::CARD, &after.card), keys::id(after.id).to_vec());
    }
}
