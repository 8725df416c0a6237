//! The `keys` tree: every secondary key must point at a record that agrees with it.
//! (That every record has its keys is checked by the passes over the records.)

use super::{Checker, Lookup};
use crate::store::{StoreError, T, buckets, hex, keys};
use chrono::Datelike;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::contact::phone_digits;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::residence::Residence;
use frontdesk_core::domain::reward::{Redemption, Reward};

/// Checks every entry of the `keys` tree.
pub(super) fn check(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let mut damaged = Vec::new();
    let store = c.store;
    store.each_key_entry(
        |key, value, in_bucket| {
            if buckets::bucketed(key) && !in_bucket {
                c.report.keys += 1;
                c.problem(format!(
                    "keys {}: an index entry stored outside its bucket, as builds before store layout 3 did; this build does not read it",
                    hex(key)
                ));
                return Ok(());
            }
            check_entry(c, key, value)
        },
        |key, reason| damaged.push((key.to_vec(), reason)),
    )?;
    for (key, reason) in damaged {
        c.problem(format!(
            "keys bucket {}: does not decode ({reason}); its entries are not readable; `frontdesk report rebuild` writes it again from the records",
            hex(&key)
        ));
    }
    Ok(())
}

/// Checks one entry, wherever it is stored.
fn check_entry(c: &mut Checker<'_>, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
    c.report.keys += 1;
    let body = &key[1.min(key.len())..];
    match key.first().copied() {
        Some(keys::CARD) => check_card(c, body, value)?,
        Some(keys::EMAIL) => check_email(c, body, value)?,
        Some(keys::PHONE) => check_phone(c, key)?,
        Some(keys::EXT_REF) => super::ext_refs::check(c, key, body, value)?,
        Some(keys::MEMBER_COMPLAINT) => check_complaint_link(c, key)?,
        Some(keys::MEMBER_REDEMPTION) => check_redemption_link(c, key)?,
        Some(keys::REWARD_CODE) => check_reward_code(c, body, value)?,
        Some(keys::BIRTHDAY) => check_birthday(c, key, value)?,
        Some(keys::OPERATOR_LOGIN) => super::operators::check_login_key(c, body, value)?,
        Some(keys::RESIDENCE) => check_residence(c, key, body, value)?,
        // Checked against the activities and stays by the promotions pass.
        Some(
            keys::MEMBER_ACTIVITY
            | keys::ACTIVITY_ONCE
            | keys::STAY_GRANTS
            | keys::PROMO_SPENT
            | keys::PROMO_MEMBER
            | keys::PROMO_COUNT
            | keys::REFERRAL_PENDING,
        ) => {}
        _ => c.problem(format!("keys {}: unknown key prefix", hex(key))),
    }
    Ok(())
}

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// The member an id-valued key points at, or a problem naming the key.
fn member_of(c: &mut Checker<'_>, what: &str, value: &[u8]) -> Result<Option<Member>, StoreError> {
    let Some(id) = keys::read_u64(value, 0).filter(|_| value.len() == 8) else {
        c.problem(format!("keys {what}: value is not an 8-byte member id"));
        return Ok(None);
    };
    Ok(match c.lookup::<Member>(T::Members, &keys::id(id))? {
        Lookup::Found(m) => Some(m),
        Lookup::Missing => {
            c.problem(format!("keys {what}: points at member id {id}, which does not exist"));
            None
        }
        Lookup::Corrupt => None,
    })
}

fn check_card(c: &mut Checker<'_>, body: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let card = text(body);
    if let Some(m) = member_of(c, &format!("card {card}"), value)?
        && m.card != card
    {
        c.problem(format!("keys card {card}: points at member {} (id {}), whose card is {}", m.card, m.id, m.card));
    }
    Ok(())
}

fn check_email(c: &mut Checker<'_>, body: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let email = text(body);
    if let Some(m) = member_of(c, &format!("e-mail {email}"), value)?
        && m.email.as_deref() != Some(email.as_str())
    {
        let has = m.email.as_deref().unwrap_or("none");
        c.problem(format!("keys e-mail {email}: points at member {} (id {}), whose e-mail is {has}", m.card, m.id));
    }
    Ok(())
}

/// `p` ‖ reversed digits ‖ 0 ‖ member id.
fn check_phone(c: &mut Checker<'_>, key: &[u8]) -> Result<(), StoreError> {
    let parsed = key.len().checked_sub(9).filter(|&sep| sep >= 1 && key[sep] == 0).map(|sep| {
        let digits: String = key[1..sep].iter().rev().map(|b| char::from(*b)).collect();
        (digits, keys::read_u64(key, sep + 1).unwrap_or(0))
    });
    let Some((digits, id)) = parsed else {
        c.problem(format!("keys {}: phone key is not digits ‖ 0 ‖ member id", hex(key)));
        return Ok(());
    };
    match c.lookup::<Member>(T::Members, &keys::id(id))? {
        Lookup::Found(m) if m.phone.as_deref().map(phone_digits) != Some(digits.as_str()) => {
            let has = m.phone.as_deref().unwrap_or("none");
            c.problem(format!("keys phone {digits}: points at member {} (id {id}), whose phone is {has}", m.card));
        }
        Lookup::Missing => c.problem(format!("keys phone {digits}: points at member id {id}, which does not exist")),
        _ => {}
    }
    Ok(())
}

/// `m` ‖ member id ‖ complaint id, or `r` ‖ member id ‖ redemption id.
fn link_ids(c: &mut Checker<'_>, key: &[u8]) -> Option<(u64, u64)> {
    let ids = keys::read_u64(key, 1).zip(keys::read_u64(key, 9)).filter(|_| key.len() == 17);
    if ids.is_none() {
        c.problem(format!("keys {}: link key is not prefix ‖ member id ‖ id", hex(key)));
    }
    ids
}

fn check_complaint_link(c: &mut Checker<'_>, key: &[u8]) -> Result<(), StoreError> {
    let Some((member, id)) = link_ids(c, key) else {
        return Ok(());
    };
    match c.lookup::<Complaint>(T::Complaints, &keys::id(id))? {
        Lookup::Found(cm) if cm.member_id != Some(member) => {
            let owner = cm.member_id.map_or_else(|| "no member".into(), |m| format!("member id {m}"));
            c.problem(format!("keys member id {member} → complaint {id}: the complaint belongs to {owner}"));
        }
        Lookup::Missing => c.problem(format!("keys member id {member} → complaint {id}: no such complaint")),
        _ => {}
    }
    Ok(())
}

fn check_redemption_link(c: &mut Checker<'_>, key: &[u8]) -> Result<(), StoreError> {
    let Some((member, id)) = link_ids(c, key) else {
        return Ok(());
    };
    match c.lookup::<Redemption>(T::Redemptions, &keys::id(id))? {
        Lookup::Found(r) if r.member_id != member => {
            c.problem(format!(
                "keys member id {member} → redemption {id}: the redemption belongs to member id {}",
                r.member_id
            ));
        }
        Lookup::Missing => c.problem(format!("keys member id {member} → redemption {id}: no such redemption")),
        _ => {}
    }
    Ok(())
}

fn check_reward_code(c: &mut Checker<'_>, body: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let code = text(body);
    let Some(id) = keys::read_u64(value, 0).filter(|_| value.len() == 8) else {
        c.problem(format!("keys reward code {code}: value is not an 8-byte reward id"));
        return Ok(());
    };
    match c.lookup::<Reward>(T::Rewards, &keys::id(id))? {
        Lookup::Found(r) if r.code != code => {
            c.problem(format!("keys reward code {code}: points at reward id {id}, whose code is {}", r.code))
        }
        Lookup::Missing => {
            c.problem(format!("keys reward code {code}: points at reward id {id}, which does not exist"))
        }
        _ => {}
    }
    Ok(())
}

/// `b` ‖ month ‖ day ‖ member id: the member exists and has that birthday.
fn check_birthday(c: &mut Checker<'_>, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let Some(id) = keys::read_u64(key, 3).filter(|_| key.len() == 11) else {
        c.problem(format!("keys {}: birthday key is not b ‖ month ‖ day ‖ member id", hex(key)));
        return Ok(());
    };
    let (month, day) = (u32::from(key[1]), u32::from(key[2]));
    match c.lookup::<Member>(T::Members, &keys::id(id))? {
        Lookup::Found(m) if m.birthday.map(|d| (d.month(), d.day())) != Some((month, day)) => c.problem(format!(
            "keys birthday {month:02}-{day:02} → member {}: the member's birthday is {}",
            m.card,
            m.birthday.map_or_else(|| "none".into(), |d| d.to_string())
        )),
        Lookup::Found(m)
            if value
                != keys::birthday_note(
                    m.status == frontdesk_core::domain::member::MemberStatus::Active,
                    &m.home_property,
                ) =>
        {
            c.problem(format!(
                "keys birthday {month:02}-{day:02} → member {}: the key's status or property is out of date; \
                 `frontdesk report rebuild` restores it",
                m.card
            ))
        }
        Lookup::Missing => c.problem(format!("keys birthday {month:02}-{day:02}: member id {id} does not exist")),
        _ => {}
    }
    Ok(())
}

/// A residence must decode and belong to a member of a managed property.
fn check_residence(c: &mut Checker<'_>, key: &[u8], body: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let Some(member) = keys::read_u64(body, 0).filter(|_| body.len() == 8) else {
        c.problem(format!("keys {}: residence key is not `H` and an 8-byte member id", hex(key)));
        return Ok(());
    };
    if crate::store::codec::decode::<Residence>(value).is_err() {
        c.problem(format!("keys residence of member id {member}: the record does not decode"));
    }
    match c.lookup::<Member>(T::Members, &keys::id(member))? {
        Lookup::Found(m) if !c.config.is_managed(&m.home_property) => c.problem(format!(
            "keys residence of member {} (id {member}): home property {} is a hotel",
            m.card, m.home_property
        )),
        Lookup::Missing => c.problem(format!("keys residence of member id {member}: no such member")),
        _ => {}
    }
    Ok(())
}
