//! The core write commands a `frontdesk batch` line can name besides the import kinds, so
//! that a script can post, adjust, redeem and settle idempotently (see [`super::batch`]).
//! Each line is one command with the fields of the CLI command it mirrors, in snake_case.

use super::Problem;
use super::source::RawRecord;
use chrono::NaiveDate;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::member::MemberStatus;
use frontdesk_core::i18n::errors::{Expect, RowSays};
use frontdesk_store::ops::{Adjustment, Command, ComplaintUpdate, MemberChanges, MemberRef, RedeemInput, RewardInput};
use std::str::FromStr;

/// A core write command of a batch line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    /// `points adjust`.
    Adjust,
    /// `redeem MEMBER REWARD`.
    Redeem,
    /// `redeem fulfil ID`.
    Fulfil,
    /// `redeem cancel ID`.
    Cancel,
    /// `stay reverse MEMBER STAY`.
    Reverse,
    /// `member update MEMBER`.
    MemberUpdate,
    /// `complaint update ID`.
    ComplaintUpdate,
    RewardAdd,
}

/// Names of the ops, for messages.
pub(crate) const NAMES: &str = "adjust, redeem, fulfil, cancel, reverse, member-update, complaint-update, reward-add";

impl Op {
    /// Parses an op name.
    pub(crate) fn parse(s: &str) -> Option<Op> {
        Some(match s {
            "adjust" => Op::Adjust,
            "redeem" => Op::Redeem,
            "fulfil" => Op::Fulfil,
            "cancel" => Op::Cancel,
            "reverse" => Op::Reverse,
            "member-update" => Op::MemberUpdate,
            "complaint-update" => Op::ComplaintUpdate,
            "reward-add" => Op::RewardAdd,
            _ => return None,
        })
    }

    /// The fields a line of this op may have (besides `op`).
    pub(crate) fn fields(self) -> &'static [&'static str] {
        match self {
            Op::Adjust => &["member", "points", "reason", "opening", "external_ref"],
            Op::Redeem => &["member", "reward", "points", "property", "external_ref"],
            Op::Fulfil => &["id", "external_ref"],
            Op::Cancel => &["id", "reason", "external_ref"],
            Op::Reverse => &["member", "stay", "reason", "external_ref"],
            Op::MemberUpdate => &[
                "member",
                "name",
                "email",
                "phone",
                "birthday",
                "property",
                "notes",
                "status",
                "tier",
                "tier_until",
                "external_ref",
            ],
            Op::ComplaintUpdate => &["id", "state", "note", "goodwill", "csat", "nps", "external_ref"],
            Op::RewardAdd => &[
                "code",
                "name",
                "points",
                "stock",
                "min_tier",
                "partial",
                "property",
                "valid_from",
                "valid_until",
                "external_ref",
            ],
        }
    }
}

/// The fields of one line.
struct Line<'a>(&'a RawRecord);

impl Line<'_> {
    fn opt(&self, f: &str) -> Result<Option<String>, Problem> {
        Ok(self.0.get(f)?.map(|v| v.into_owned()))
    }

    fn req(&self, f: &str) -> Result<String, Problem> {
        self.opt(f)?.ok_or_else(|| Problem::new(f, RowSays::Missing { field: f.to_string() }))
    }

    /// A field that may be given empty (or null) to clear what it sets.
    fn clearable(&self, f: &str) -> Result<Option<String>, Problem> {
        let present = self.0.header.position(f).is_some();
        Ok(self.opt(f)?.or_else(|| present.then(String::new)))
    }

    fn num<N: FromStr>(&self, f: &str, what: Expect) -> Result<Option<N>, Problem> {
        self.opt(f)?.map(|v| v.parse().map_err(|_| Problem::new(f, RowSays::NotA { value: v, what }))).transpose()
    }

    fn req_num<N: FromStr>(&self, f: &str, what: Expect) -> Result<N, Problem> {
        self.num(f, what)?.ok_or_else(|| Problem::new(f, RowSays::Missing { field: f.to_string() }))
    }

    fn flag(&self, f: &str) -> Result<bool, Problem> {
        match self.opt(f)?.as_deref() {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(v) => Err(Problem::new(f, RowSays::NotTrueFalse { value: v.to_string() })),
        }
    }

    fn date(&self, f: &str) -> Result<Option<NaiveDate>, Problem> {
        self.opt(f)?
            .map(|v| {
                NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| Problem::new(f, RowSays::NotCalendarDate { value: v.clone() }))
            })
            .transpose()
    }

    fn member(&self) -> Result<MemberRef, Problem> {
        MemberRef::parse("member", &self.req("member")?).map_err(|e| Problem::new("member", e.fault()))
    }

    fn external_ref(&self) -> Result<Option<String>, Problem> {
        self.opt("external_ref")
    }
}

/// Turns one batch line into the command its op names.
pub(crate) fn build(op: Op, rec: &RawRecord) -> Result<Command, Problem> {
    let l = Line(rec);
    Ok(match op {
        Op::Adjust => Command::AdjustPoints(Adjustment {
            member: l.member()?,
            points: l.req_num("points", Expect::Points)?,
            reason: l.req("reason")?,
            kind: if l.flag("opening")? { EntryKind::Opening } else { EntryKind::Adjust },
            external_ref: l.external_ref()?,
        }),
        Op::Redeem => Command::Redeem(RedeemInput {
            member: l.member()?,
            reward: l.req("reward")?,
            points: l.num("points", Expect::Points)?,
            property: l.opt("property")?,
            external_ref: l.external_ref()?,
        }),
        Op::Fulfil => {
            Command::FulfilRedemption { id: l.req_num("id", Expect::RedemptionId)?, external_ref: l.external_ref()? }
        }
        Op::Cancel => Command::CancelRedemption {
            id: l.req_num("id", Expect::RedemptionId)?,
            reason: l.opt("reason")?.unwrap_or_else(|| "cancelled by a script".into()),
            external_ref: l.external_ref()?,
        },
        Op::Reverse => Command::ReverseStay {
            member: l.member()?,
            seq: l.req_num("stay", Expect::StayNumber)?,
            reason: l.req("reason")?,
            external_ref: l.external_ref()?,
        },
        Op::MemberUpdate => member_update(&l)?,
        Op::ComplaintUpdate => Command::UpdateComplaint(ComplaintUpdate {
            id: l.req_num("id", Expect::ComplaintId)?,
            to: l
                .opt("state")?
                .map(|s| {
                    ComplaintState::parse(&s)
                        .ok_or_else(|| Problem::new("state", RowSays::NotStateEg { value: s.clone() }))
                })
                .transpose()?,
            note: l.opt("note")?.unwrap_or_default(),
            goodwill: l.num("goodwill", Expect::Points)?,
            csat: l.num("csat", Expect::Csat)?,
            nps: l.num("nps", Expect::Nps)?,
            external_ref: l.external_ref()?,
        }),
        Op::RewardAdd => Command::AddReward(RewardInput {
            code: l.req("code")?,
            name: l.req("name")?,
            points: l.req_num("points", Expect::Points)?,
            stock: l.num("stock", Expect::Units)?,
            min_tier: l.opt("min_tier")?.unwrap_or_else(|| "member".into()),
            partial: l.flag("partial")?,
            property: l.opt("property")?,
            valid_from: l.date("valid_from")?,
            valid_until: l.date("valid_until")?,
            external_ref: l.external_ref()?,
        }),
    })
}

fn member_update(l: &Line<'_>) -> Result<Command, Problem> {
    let status = l
        .opt("status")?
        .map(|s| {
            MemberStatus::parse(&s)
                .ok_or_else(|| Problem::new("status", RowSays::NotActiveBlocked { value: s.clone() }))
        })
        .transpose()?;
    let tier_override = match (l.opt("tier")?, l.date("tier_until")?) {
        (Some(t), Some(until)) => Some((t, until)),
        (None, None) => None,
        (Some(_), None) => return Err(Problem::new("tier_until", RowSays::TierUntilMissing)),
        (None, Some(_)) => return Err(Problem::new("tier", RowSays::TierMissing)),
    };
    let changes = MemberChanges {
        name: l.opt("name")?,
        email: l.clearable("email")?,
        phone: l.clearable("phone")?,
        birthday: l.date("birthday")?,
        property: l.opt("property")?,
        notes: l.clearable("notes")?,
        status,
        tier_override,
        external_ref: l.external_ref()?,
    };
    Ok(Command::UpdateMember(l.member()?, Box::new(changes)))
}
