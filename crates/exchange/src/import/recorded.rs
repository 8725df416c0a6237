//! Rows of an export (see the round trip in [`crate::export`]): each becomes one
//! `Command::Restore` that puts the record back as it was. A members row restores the
//! profile fields it has; a stays row with `seq` and a complaints row with `id` are
//! recorded records; every ledger and redemptions row is.

use super::Problem;
use super::sink::Row;
use crate::export::text;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::complaint::{Complaint, ComplaintState};
use frontdesk_core::domain::member::MemberStatus;
use frontdesk_core::domain::reward::{Redemption, RedemptionState};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_core::domain::tier::TierOverride;
use frontdesk_core::i18n::errors::RowSays;
use frontdesk_store::ops::{
    Command, ComplaintRestore, MemberRestore, PostingRestore, RedemptionRestore, Restore, StayRestore,
};
use std::str::FromStr;

impl Row<'_> {
    fn int<N: FromStr>(&self, f: &str) -> Result<Option<N>, Problem> {
        match self.opt(f)? {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| self.bad(f, RowSays::NotWhole { value: v })),
        }
    }

    pub(super) fn req_int<N: FromStr>(&self, f: &str) -> Result<N, Problem> {
        self.int(f)?.ok_or_else(|| self.bad(f, RowSays::Required { field: f.to_string() }))
    }

    fn instant(&self, f: &str) -> Result<Option<Millis>, Problem> {
        self.opt(f)?.map(|v| text::parse_instant(&v).map_err(|r| self.bad(f, r))).transpose()
    }

    fn req_instant(&self, f: &str) -> Result<Millis, Problem> {
        self.instant(f)?.ok_or_else(|| self.bad(f, RowSays::Required { field: f.to_string() }))
    }

    fn flag(&self, f: &str) -> Result<Option<bool>, Problem> {
        self.opt(f)?.map(|v| text::parse_bool(&v).map_err(|r| self.bad(f, r))).transpose()
    }

    fn parsed<T>(&self, f: &str, parse: impl Fn(&str) -> Result<T, RowSays>) -> Result<Option<T>, Problem> {
        self.opt(f)?.map(|v| parse(&v).map_err(|r| self.bad(f, r))).transpose()
    }

    fn named<T>(&self, f: &str, parse: impl Fn(&str) -> Option<T>, known: &str) -> Result<Option<T>, Problem> {
        self.parsed(f, |v| parse(v).ok_or_else(|| RowSays::NotKnown { value: v.to_string(), known: known.to_string() }))
    }
}

fn restore(r: Restore) -> Command {
    Command::Restore(Box::new(r))
}

/// A members row. `None` when it has none of the fields only a restore sets: then it is an
/// ordinary member import.
pub(crate) fn member(row: &Row<'_>) -> Result<Option<Command>, Problem> {
    let status = row.named("status", MemberStatus::parse_recorded, "active, blocked, merged or erased")?;
    let notes = row.opt("notes")?;
    let tags = row.parsed("tags", text::parse_tags)?;
    let marketing_consent = row.flag("marketing_consent")?;
    let tier_override = match (row.opt("tier_override")?, row.date("tier_override_until")?) {
        (None, None) => None,
        (Some(tier), Some(until)) => Some(TierOverride { tier, until }),
        (Some(_), None) => return Err(row.bad("tier_override_until", RowSays::OverrideNoEnd)),
        (None, Some(_)) => return Err(row.bad("tier_override", RowSays::OverrideNoTier)),
    };
    if status.is_none() && notes.is_none() && tags.is_none() && marketing_consent.is_none() && tier_override.is_none() {
        return Ok(None);
    }
    let channel = row.opt("channel")?.unwrap_or_else(|| "import".into());
    let guest = row.guest(&channel, None)?;
    Ok(Some(restore(Restore::Member(MemberRestore { guest, status, notes, tags, marketing_consent, tier_override }))))
}

/// A stays row with `seq`: a recorded stay.
pub(crate) fn stay(row: &Row<'_>, seq: u32) -> Result<Command, Problem> {
    let arrival = row.req_date("arrival")?;
    let status = row.named("status", StayStatus::parse_recorded, "completed, cancelled, no_show or reversed")?;
    Ok(restore(Restore::Stay(StayRestore {
        member: row.member()?,
        seq,
        property: row.opt("property")?,
        arrival,
        departure: row.departure(arrival)?,
        revenue_minor: row.money("revenue")?,
        currency: row.opt("currency")?,
        channel: row.opt("channel")?.map_or_else(|| "direct".into(), |c| c.to_lowercase()),
        status: status.unwrap_or(StayStatus::Completed),
        external_ref: row.opt("external_ref")?,
        base_points: row.req_int("base_points")?,
        bonus_points: row.req_int("bonus_points")?,
        tier_at_arrival: row.req("tier_at_arrival")?,
        qualifies: row.flag("qualifies")?.ok_or_else(|| row.bad("qualifies", RowSays::QualifiesEmpty))?,
        ledger_seq: row.int("ledger_seq")?,
        posted_at: row.req_instant("posted_at")?,
        posted_by: row.req("posted_by")?,
    })))
}

/// A ledger row: one posting, replayed.
pub(crate) fn posting(row: &Row<'_>) -> Result<Command, Problem> {
    let lines = row.parsed("lines", text::parse_lines)?.unwrap_or_default();
    if let Some(points) = row.int::<i64>("points")? {
        let net: i64 = lines.iter().map(|l| l.points).sum();
        if points != net {
            return Err(row.bad("points", RowSays::PointsDiffer { points, net }));
        }
    }
    Ok(restore(Restore::Posting(PostingRestore {
        member: row.member()?,
        seq: row.req_int("seq")?,
        date: row.req_date("date")?,
        at: row.req_instant("at")?,
        operator: row.req("operator")?,
        approver: row.opt("approver")?,
        source: row.req("source")?,
        reason: row.opt("reason")?.unwrap_or_default(),
        lines,
        consumed: row.parsed("consumed", text::parse_moves)?.unwrap_or_default(),
    })))
}

/// A complaints row with `id`: a recorded complaint.
pub(crate) fn complaint(row: &Row<'_>, id: u64) -> Result<Command, Problem> {
    let states = "open, acknowledged, in_progress, awaiting_guest, resolved, closed or reopened";
    let state = row.named("state", ComplaintState::parse, states)?;
    let complaint = Complaint {
        id,
        member_id: None,
        property: row.req("property")?,
        category: row.req("category")?,
        severity: row.opt("severity")?.unwrap_or_else(|| "normal".into()),
        channel: row.opt("channel")?.unwrap_or_else(|| "desk".into()),
        description: row.req("description")?,
        state: state.ok_or_else(|| row.bad("state", RowSays::Required { field: "state".into() }))?,
        opened_at: row.req_instant("opened_at")?,
        respond_by: row.req_instant("respond_by")?,
        resolve_by: row.req_instant("resolve_by")?,
        first_response_at: row.instant("first_response_at")?,
        resolved_at: row.instant("resolved_at")?,
        closed_at: row.instant("closed_at")?,
        timeline: row
            .parsed("timeline", text::parse_timeline)?
            .ok_or_else(|| row.bad("timeline", RowSays::Required { field: "timeline".into() }))?,
        goodwill_points: row.int("goodwill_points")?.unwrap_or(0),
        csat: row.int("csat")?,
        nps: row.int("nps")?,
        external_ref: row.opt("external_ref")?,
    };
    let member = row.opt("member")?.map(|_| row.member()).transpose()?;
    Ok(restore(Restore::Complaint(ComplaintRestore { member, complaint })))
}

/// A redemptions row: a recorded redemption.
pub(crate) fn redemption(row: &Row<'_>) -> Result<Command, Problem> {
    let state = row
        .named("state", RedemptionState::parse, "held, fulfilled or cancelled")?
        .ok_or_else(|| row.bad("state", RowSays::Required { field: "state".into() }))?;
    let redemption = Redemption {
        id: row.req_int("id")?,
        member_id: 0,
        reward_id: 0,
        reward_code: row.req("reward")?,
        property: row.req("property")?,
        points: row.req_int("points")?,
        cash_minor: if row.opt("cash")?.is_some() { row.money("cash")? } else { 0 },
        state,
        date: row.req_date("date")?,
        at: row.req_instant("at")?,
        operator: row.req("operator")?,
        posting_seq: row.req_int("posting_seq")?,
        external_ref: row.opt("external_ref")?,
    };
    Ok(restore(Restore::Redemption(RedemptionRestore { member: row.member()?, redemption })))
}

#[cfg(test)]
mod tests {
    use super::super::Kind;
    use crate::export::layout;

    #[test]
    fn every_export_column_is_a_field_of_the_import_of_that_kind() {
        let pairs = [
            (Kind::Members, layout::MEMBERS),
            (Kind::Stays, layout::STAYS),
            (Kind::Ledger, layout::LEDGER),
            (Kind::Complaints, layout::COMPLAINTS),
            (Kind::Redemptions, layout::REDEMPTIONS),
        ];
        for (kind, columns) in pairs {
            for c in columns {
                assert!(kind.fields().contains(c), "{} exports `{c}`, which import does not know", kind.name());
            }
        }
        assert!(layout::MEMBER_DERIVED.iter().all(|c| layout::MEMBERS.contains(c)));
    }
}
