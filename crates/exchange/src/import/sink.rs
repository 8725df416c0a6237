//! Per-kind sinks: a mapped record becomes one [`Command`], or a [`Problem`] naming the
//! column and what is wrong.

use super::Problem;
use super::mapping::Mapping;
use super::recorded;
use super::source::RawRecord;
use crate::export::layout;
use chrono::{Days, NaiveDate};
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_core::i18n::errors::{Fault, RowSays};
use frontdesk_store::ops::{
    Adjustment, BookingImport, BookingStay, Command, ComplaintInput, Guest, MemberRef, NewMember, StayInput,
};

/// Fields of a members import: the export's columns and the source system's profile id
/// (import-only: the export carries the card, which names a member on its own).
const MEMBER_FIELDS: [&str; layout::MEMBERS.len() + 1] = with_profile(layout::MEMBERS);

const fn with_profile<const N: usize>(base: &[&'static str]) -> [&'static str; N] {
    let mut out = ["profile"; N];
    let mut i = 0;
    while i < base.len() && i < N {
        out[i] = base[i];
        i += 1;
    }
    out
}

/// What an import file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Member profiles (upserted by e-mail, card or phone).
    Members,
    /// Stays of existing members.
    Stays,
    Complaints,
    /// Opening balances from a legacy programme.
    Balances,
    /// Bookings: one guest and one stay per row.
    Bookings,
    /// Ledger postings as exported, replayed in order.
    Ledger,
    /// Redemptions as exported.
    Redemptions,
    /// Earning activities besides stays.
    Activities,
}

impl Kind {
    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "members" => Kind::Members,
            "stays" => Kind::Stays,
            "complaints" => Kind::Complaints,
            "balances" => Kind::Balances,
            "bookings" => Kind::Bookings,
            "ledger" => Kind::Ledger,
            "redemptions" => Kind::Redemptions,
            "activities" => Kind::Activities,
            _ => return None,
        })
    }

    /// The kind's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Members => "members",
            Kind::Stays => "stays",
            Kind::Complaints => "complaints",
            Kind::Balances => "balances",
            Kind::Bookings => "bookings",
            Kind::Ledger => "ledger",
            Kind::Redemptions => "redemptions",
            Kind::Activities => "activities",
        }
    }

    /// Our field names for this kind (the columns of the native layout).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Members => &MEMBER_FIELDS,
            Kind::Stays => layout::STAYS,
            Kind::Complaints => layout::COMPLAINTS,
            Kind::Balances => &["member", "points", "reason", "external_ref"],
            Kind::Bookings => &[
                "name",
                "email",
                "phone",
                "profile",
                "birthday",
                "property",
                "arrival",
                "departure",
                "nights",
                "revenue",
                "channel",
                "status",
                "external_ref",
            ],
            Kind::Ledger => layout::LEDGER,
            Kind::Redemptions => layout::REDEMPTIONS,
            Kind::Activities => super::activities::FIELDS,
        }
    }

    /// Fields a row must have.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Members => &["name"],
            Kind::Stays => &["member", "arrival", "revenue"],
            Kind::Complaints => &["category", "description"],
            Kind::Balances => &["member", "points"],
            Kind::Bookings => &["name", "arrival", "revenue", "status", "external_ref"],
            Kind::Ledger => &["member", "seq", "date", "at", "operator", "source", "lines"],
            Kind::Redemptions => {
                &["id", "member", "reward", "property", "points", "state", "date", "at", "posting_seq"]
            }
            Kind::Activities => super::activities::REQUIRED,
        }
    }
}

/// How a file's amounts become minor units of the store's currency.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Money<'a> {
    /// Digits of the store currency's minor unit.
    pub minor_digits: u8,
    /// The file's own currency and rate, when it is not the store's.
    pub conversion: Option<&'a super::currency::Conversion>,
}

impl Money<'_> {
    /// Amounts in the store's own currency.
    pub(crate) fn store(config: &frontdesk_core::config::Config) -> Money<'static> {
        Money { minor_digits: config.store.minor_digits, conversion: None }
    }
}

/// A record seen through a mapping.
pub(crate) struct Row<'a> {
    /// The record.
    pub rec: &'a RawRecord,
    /// The mapping.
    pub map: &'a Mapping,
    /// How amounts become the store's minor units.
    pub money: Money<'a>,
    /// Business date.
    pub today: NaiveDate,
}

impl Row<'_> {
    pub(super) fn opt(&self, f: &str) -> Result<Option<String>, Problem> {
        self.map.get(self.rec, f)
    }

    pub(super) fn req(&self, f: &str) -> Result<String, Problem> {
        self.opt(f)?.ok_or_else(|| Problem::new(&self.map.source_of(f), RowSays::Required { field: f.to_string() }))
    }

    pub(super) fn bad(&self, f: &str, reason: impl Into<Fault>) -> Problem {
        Problem::new(&self.map.source_of(f), reason)
    }

    pub(super) fn date(&self, f: &str) -> Result<Option<NaiveDate>, Problem> {
        match self.opt(f)? {
            None => Ok(None),
            Some(v) => NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| self.bad(f, RowSays::NotCalendarDate { value: v })),
        }
    }

    pub(super) fn req_date(&self, f: &str) -> Result<NaiveDate, Problem> {
        self.date(f)?.ok_or_else(|| self.bad(f, RowSays::Required { field: f.to_string() }))
    }

    pub(super) fn money(&self, f: &str) -> Result<i64, Problem> {
        let v = self.req(f)?;
        match self.money.conversion {
            Some(c) => c.convert(&v, self.money.minor_digits).map_err(|r| self.bad(f, r)),
            None => frontdesk_core::domain::money::parse(&v, self.money.minor_digits).map_err(|r| self.bad(f, r)),
        }
    }

    pub(super) fn member(&self) -> Result<MemberRef, Problem> {
        let v = self.req("member")?;
        MemberRef::parse("member", &v).map_err(|e| self.bad("member", e.fault()))
    }

    pub(super) fn departure(&self, arrival: NaiveDate) -> Result<NaiveDate, Problem> {
        if let Some(d) = self.date("departure")? {
            return Ok(d);
        }
        let Some(n) = self.opt("nights")? else {
            return Err(self.bad("departure", RowSays::DepartureOrNights));
        };
        let nights: u64 = n
            .parse()
            .ok()
            .filter(|n| *n <= 365)
            .ok_or_else(|| self.bad("nights", RowSays::NotNights { value: n.clone() }))?;
        arrival.checked_add_days(Days::new(nights)).ok_or_else(|| self.bad("nights", RowSays::DateOutOfRange))
    }

    fn status(&self) -> Result<StayStatus, Problem> {
        match self.opt("status")? {
            None => Ok(StayStatus::Completed),
            Some(s) => StayStatus::parse(&s).ok_or_else(|| self.bad("status", RowSays::NotStatus { value: s.clone() })),
        }
    }

    pub(super) fn guest(&self, channel: &str, enrolled: Option<NaiveDate>) -> Result<Guest, Problem> {
        let birthday = self.date("birthday")?;
        let new = NewMember {
            card: self.opt("card")?,
            name: self.req("name")?,
            email: self.opt("email")?,
            phone: self.opt("phone")?,
            birthday,
            property: self.opt("property")?,
            channel: channel.into(),
            enrolled_on: self.date("enrolled_on")?.or(enrolled).map(|d| d.min(self.today)),
            external_ref: None,
        };
        Ok(Guest { new, phone_match: None, profile: self.opt("profile")?, phone_as_written: false })
    }
}

/// Turns one record into a command.
pub(crate) fn build(kind: Kind, row: &Row<'_>) -> Result<Command, Problem> {
    if let Some(p) = &row.rec.problem {
        return Err(p.clone());
    }
    Ok(match kind {
        Kind::Members => match recorded::member(row)? {
            Some(cmd) => cmd,
            None => Command::ImportMember(Box::new(row.guest(&row.opt("channel")?.unwrap_or("import".into()), None)?)),
        },
        Kind::Ledger => recorded::posting(row)?,
        Kind::Redemptions => recorded::redemption(row)?,
        Kind::Activities => super::activities::build(row)?,
        Kind::Stays if row.opt("seq")?.is_some() => recorded::stay(row, row.req_int("seq")?)?,
        Kind::Complaints if row.opt("id")?.is_some() => recorded::complaint(row, row.req_int("id")?)?,
        Kind::Stays => {
            let arrival = row.req_date("arrival")?;
            Command::PostStay(StayInput {
                member: row.member()?,
                property: row.opt("property")?,
                arrival,
                departure: row.departure(arrival)?,
                revenue_minor: row.money("revenue")?,
                channel: row.opt("channel")?.map_or_else(|| "direct".into(), |c| c.to_lowercase()),
                status: row.status()?,
                external_ref: row.opt("external_ref")?,
            })
        }
        Kind::Complaints => Command::LogComplaint(ComplaintInput {
            member: row.opt("member")?.map(|_| row.member()).transpose()?,
            property: row.opt("property")?,
            category: row.req("category")?,
            severity: row.opt("severity")?.unwrap_or_else(|| "normal".into()),
            channel: row.opt("channel")?.unwrap_or_else(|| "desk".into()),
            description: row.req("description")?,
            external_ref: row.opt("external_ref")?,
        }),
        Kind::Balances => {
            let member = row.member()?;
            let p = row.req("points")?;
            let points: i64 = p.parse().map_err(|_| row.bad("points", RowSays::NotPoints { value: p.clone() }))?;
            let key = row.req("member")?.to_lowercase();
            Command::AdjustPoints(Adjustment {
                member,
                points,
                reason: row.opt("reason")?.unwrap_or_else(|| "opening balance".into()),
                kind: EntryKind::Opening,
                external_ref: Some(row.opt("external_ref")?.unwrap_or_else(|| format!("opening:{key}"))),
            })
        }
        Kind::Bookings => {
            row.req("name")?;
            let arrival = row.req_date("arrival")?;
            let stay = BookingStay {
                property: row.opt("property")?,
                arrival,
                departure: row.departure(arrival)?,
                revenue_minor: row.money("revenue")?,
                channel: row.opt("channel")?.map_or_else(|| "direct".into(), |c| c.to_lowercase()),
                status: row.req("status").and_then(|_| row.status())?,
                external_ref: Some(row.req("external_ref")?),
            };
            let mut guest = row.guest("import", Some(arrival))?;
            if guest.new.property.is_none() {
                guest.new.property = stay.property.clone();
            }
            Command::ImportBooking(Box::new(BookingImport { guest, stay }))
        }
    })
}

/// The column an operation's field name comes from.
pub(crate) fn op_field(field: &str) -> &str {
    match field {
        "external-ref" => "external_ref",
        "tier-until" => "tier",
        f => f,
    }
}
