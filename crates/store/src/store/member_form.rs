//! The stored form of a member (version 2): the same fields as [`Member`], with dates as
//! days from the Common Era (4 bytes where chrono's serde form is a 10-character string
//! behind an 8-byte length) and the lots and yearly qualification packed in LEB128. A
//! member is rewritten by every stay, credit and redemption: its size is bytes of sled log
//! and of page rewrites on every post, and what every read decodes.

use crate::store::codec::{Record, decode_payload, put_payload};
use crate::store::pack::{Bytes, Packed, Reader, Unpack, Writer, date_of, day_number as days};
use chrono::NaiveDate;
use frontdesk_core::domain::ledger::Lot;
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::tier::{TierOverride, YearQual};
use frontdesk_core::i18n::errors::Decode;
use serde::de;
use serde::{Deserialize, Deserializer, Serialize};

impl Record for Member {
    const KIND: u8 = 1;
    const VERSION: u16 = 2;
    const NAME: &'static str = "member";
    type Current = Stored;

    fn write_payload(&self, out: &mut Vec<u8>) {
        put_payload(&Borrowed::of(self), out);
    }

    fn from_current(p: Stored) -> Self {
        p.into_member()
    }

    fn upgrade(version: u16, bytes: &[u8]) -> Result<Self, Decode> {
        match version {
            // Version 1 was the domain type's own serde form.
            1 => decode_payload::<Member>(bytes),
            _ => Err(Decode::UnknownVersion { record: Self::NAME.into(), version }),
        }
    }
}

/// A member as version 2 stores it, decoded.
#[derive(Deserialize)]
pub struct Stored {
    id: u64,
    card: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    birthday: Option<Day>,
    home_property: String,
    notes: String,
    tags: Vec<String>,
    marketing_consent: bool,
    status: MemberStatus,
    enrolled_on: Day,
    enrol_channel: String,
    balance: i64,
    lifetime_points: i64,
    lots: Packed<Lots>,
    qual: Packed<Quals>,
    tier_override: Option<(String, Day)>,
    last_activity: Option<Day>,
    last_stay: Option<Day>,
    stays: u32,
    nights: u32,
    stay_seq: u32,
    ledger_seq: u32,
    open_complaints: u32,
}

impl Stored {
    fn into_member(self) -> Member {
        Member {
            id: self.id,
            card: self.card,
            name: self.name,
            email: self.email,
            phone: self.phone,
            birthday: self.birthday.map(|d| d.0),
            home_property: self.home_property,
            notes: self.notes,
            tags: self.tags,
            marketing_consent: self.marketing_consent,
            status: self.status,
            enrolled_on: self.enrolled_on.0,
            enrol_channel: self.enrol_channel,
            balance: self.balance,
            lifetime_points: self.lifetime_points,
            lots: self.lots.0.0,
            qual: self.qual.0.0,
            tier_override: self.tier_override.map(|(tier, until)| TierOverride { tier, until: until.0 }),
            last_activity: self.last_activity.map(|d| d.0),
            last_stay: self.last_stay.map(|d| d.0),
            stays: self.stays,
            nights: self.nights,
            stay_seq: self.stay_seq,
            ledger_seq: self.ledger_seq,
            open_complaints: self.open_complaints,
        }
    }
}

/// A member in version 2's form, borrowed for encoding: the same bytes [`Stored`] reads.
#[derive(Serialize)]
struct Borrowed<'a> {
    id: u64,
    card: &'a str,
    name: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    birthday: Option<i32>,
    home_property: &'a str,
    notes: &'a str,
    tags: &'a [String],
    marketing_consent: bool,
    status: MemberStatus,
    enrolled_on: i32,
    enrol_channel: &'a str,
    balance: i64,
    lifetime_points: i64,
    lots: Bytes,
    qual: Bytes,
    tier_override: Option<(&'a str, i32)>,
    last_activity: Option<i32>,
    last_stay: Option<i32>,
    stays: u32,
    nights: u32,
    stay_seq: u32,
    ledger_seq: u32,
    open_complaints: u32,
}

impl<'a> Borrowed<'a> {
    fn of(m: &'a Member) -> Self {
        Borrowed {
            id: m.id,
            card: &m.card,
            name: &m.name,
            email: m.email.as_deref(),
            phone: m.phone.as_deref(),
            birthday: m.birthday.map(days),
            home_property: &m.home_property,
            notes: &m.notes,
            tags: &m.tags,
            marketing_consent: m.marketing_consent,
            status: m.status,
            enrolled_on: days(m.enrolled_on),
            enrol_channel: &m.enrol_channel,
            balance: m.balance,
            lifetime_points: m.lifetime_points,
            lots: Bytes(pack_lots(&m.lots)),
            qual: Bytes(pack_quals(&m.qual)),
            tier_override: m.tier_override.as_ref().map(|o| (o.tier.as_str(), days(o.until))),
            last_activity: m.last_activity.map(days),
            last_stay: m.last_stay.map(days),
            stays: m.stays,
            nights: m.nights,
            stay_seq: m.stay_seq,
            ledger_seq: m.ledger_seq,
            open_complaints: m.open_complaints,
        }
    }
}

/// A date stored as days from the Common Era; decoding refuses a day chrono cannot hold.
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        date_of(i64::from(i32::deserialize(deserializer)?)).map(Day).map_err(de::Error::custom)
    }
}

/// Lots: id, day earned, points remaining, each a number.
struct Lots(Vec<Lot>);

fn pack_lots(lots: &[Lot]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(lots.len() * 8));
    for l in lots {
        w.uint(u64::from(l.id)).day(l.earned_on).int(l.remaining);
    }
    w.0
}

impl Unpack for Lots {
    fn unpack(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let mut lots = Vec::new();
        while !r.is_empty() {
            lots.push(Lot { id: r.uint("a lot id")?, earned_on: r.day("a lot")?, remaining: r.int()? });
        }
        Ok(Lots(lots))
    }
}

/// Yearly qualification: year, nights, stays, spend, each a number.
struct Quals(Vec<YearQual>);

fn pack_quals(qual: &[YearQual]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(qual.len() * 8));
    for q in qual {
        w.int(i64::from(q.year)).int(i64::from(q.nights)).int(i64::from(q.stays)).int(q.spend_minor);
    }
    w.0
}

impl Unpack for Quals {
    fn unpack(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader(bytes);
        let mut qual = Vec::new();
        while !r.is_empty() {
            qual.push(YearQual {
                year: r.int_as("a year")?,
                nights: r.int_as("a count of nights")?,
                stays: r.int_as("a count of stays")?,
                spend_minor: r.int()?,
            });
        }
        Ok(Quals(qual))
    }
}

#[cfg(test)]
mod tests;
