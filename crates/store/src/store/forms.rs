//! Packed stored forms of the records every post appends: stays, ledger postings and audit
//! events (`pack::Writer`: numbers in LEB128, text behind its length, dates as day
//! numbers). bincode's legacy form spends eight bytes on every length and every number;
//! these records are most of a store's keys and a third of what each post writes.

use crate::store::codec::{Record, decode_payload, put_payload};
use crate::store::pack::{Bytes, Packed, Reader, Unpack, Writer};
use crate::store::records::AuditRecord;
use frontdesk_core::domain::ledger::{EntryKind, Line, LotMove, Posting};
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_core::i18n::errors::Decode;

/// Implements [`Record`] for a record stored packed at version `$version`, older versions
/// read by `$older` (version and payload).
macro_rules! packed_record {
    ($ty:ty, $kind:expr, $version:expr, $name:expr, $pack:ident, $unpack:ident, $older:expr) => {
        impl Record for $ty {
            const KIND: u8 = $kind;
            const VERSION: u16 = $version;
            const NAME: &'static str = $name;
            type Current = Packed<Unpacked<$ty>>;

            fn write_payload(&self, out: &mut Vec<u8>) {
                let mut w = Writer::default();
                $pack(self, &mut w);
                put_payload(&Bytes(w.0), out);
            }

            fn from_current(p: Self::Current) -> Self {
                p.0.0
            }

            fn upgrade(version: u16, bytes: &[u8]) -> Result<Self, Decode> {
                $older(version, bytes)
            }
        }

        impl Unpack for Unpacked<$ty> {
            fn unpack(bytes: &[u8]) -> Result<Self, String> {
                let mut r = Reader(bytes);
                let value = $unpack(&mut r)?;
                r.done()?;
                Ok(Unpacked(value))
            }
        }
    };
}

/// Reads version 1 of a record that was its own serde form.
fn serde_form<T: serde::de::DeserializeOwned + Record>(version: u16, bytes: &[u8]) -> Result<T, Decode> {
    match version {
        1 => decode_payload::<T>(bytes),
        _ => Err(Decode::UnknownVersion { record: T::NAME.into(), version }),
    }
}

/// A record read from its packed form.
pub struct Unpacked<T>(T);

packed_record!(Stay, 2, 2, "stay", pack_stay, unpack_stay, serde_form);
packed_record!(Posting, 3, 2, "ledger posting", pack_posting, unpack_posting, serde_form);
packed_record!(AuditRecord, 7, 3, "audit record", pack_audit, unpack_audit, AuditRecord::older);

fn pack_stay(s: &Stay, w: &mut Writer) {
    w.uint(s.member_id).uint(u64::from(s.seq)).text(&s.property).day(s.arrival).day(s.departure);
    w.uint(u64::from(s.nights)).int(s.revenue_minor).text(&s.currency).text(&s.channel);
    w.uint(u64::from(status_index(s.status))).opt_text(s.external_ref.as_deref());
    w.int(s.base_points).int(s.bonus_points).text(&s.tier_at_arrival).flag(s.qualifies);
    w.flag(s.ledger_seq.is_some()).uint(u64::from(s.ledger_seq.unwrap_or(0)));
    w.int(s.posted_at).text(&s.posted_by);
}

fn unpack_stay(r: &mut Reader<'_>) -> Result<Stay, String> {
    Ok(Stay {
        member_id: r.uint("member id")?,
        seq: r.uint("stay number")?,
        property: r.text("property")?,
        arrival: r.day("arrival")?,
        departure: r.day("departure")?,
        nights: r.uint("nights")?,
        revenue_minor: r.int()?,
        currency: r.text("currency")?,
        channel: r.text("channel")?,
        status: status_of(r.uint("status")?)?,
        external_ref: r.opt_text("external reference")?,
        base_points: r.int()?,
        bonus_points: r.int()?,
        tier_at_arrival: r.text("tier at arrival")?,
        qualifies: r.flag("qualifies")?,
        ledger_seq: {
            let some = r.flag("ledger posting")?;
            let seq = r.uint("ledger posting")?;
            some.then_some(seq)
        },
        posted_at: r.int()?,
        posted_by: r.text("posted by")?,
    })
}

fn status_index(s: StayStatus) -> u8 {
    match s {
        StayStatus::Completed => 0,
        StayStatus::Cancelled => 1,
        StayStatus::NoShow => 2,
        StayStatus::Reversed => 3,
    }
}

fn status_of(i: u8) -> Result<StayStatus, String> {
    [StayStatus::Completed, StayStatus::Cancelled, StayStatus::NoShow, StayStatus::Reversed]
        .get(usize::from(i))
        .copied()
        .ok_or_else(|| format!("stay status {i} is unknown"))
}

fn pack_posting(p: &Posting, w: &mut Writer) {
    w.uint(p.member_id).uint(u64::from(p.seq)).day(p.date).int(p.at).text(&p.operator);
    w.opt_text(p.approver.as_deref()).text(&p.source).text(&p.reason);
    w.uint(p.lines.len() as u64);
    for l in &p.lines {
        w.uint(u64::from(kind_index(l.kind))).int(l.points);
    }
    w.uint(p.consumed.len() as u64);
    for m in &p.consumed {
        w.uint(u64::from(m.lot)).int(m.points);
    }
}

fn unpack_posting(r: &mut Reader<'_>) -> Result<Posting, String> {
    let (member_id, seq, date, at) = (r.uint("member id")?, r.uint("posting number")?, r.day("date")?, r.int()?);
    let (operator, approver) = (r.text("operator")?, r.opt_text("approver")?);
    let (source, reason) = (r.text("source")?, r.text("reason")?);
    let n: usize = r.uint("lines")?;
    let mut lines = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        lines.push(Line { kind: kind_of(r.uint("entry kind")?)?, points: r.int()? });
    }
    let n: usize = r.uint("lots consumed")?;
    let mut consumed = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        consumed.push(LotMove { lot: r.uint("lot")?, points: r.int()? });
    }
    Ok(Posting { member_id, seq, date, at, operator, approver, source, reason, lines, consumed })
}

const KINDS: [EntryKind; 11] = [
    EntryKind::Earn,
    EntryKind::Bonus,
    EntryKind::Redeem,
    EntryKind::RedeemCancel,
    EntryKind::Adjust,
    EntryKind::Goodwill,
    EntryKind::Expire,
    EntryKind::Reverse,
    EntryKind::Opening,
    EntryKind::Activity,
    EntryKind::Promotion,
];

fn kind_index(k: EntryKind) -> u8 {
    // A match, not a search of KINDS: a new kind does not compile until it has its number.
    match k {
        EntryKind::Earn => 0,
        EntryKind::Bonus => 1,
        EntryKind::Redeem => 2,
        EntryKind::RedeemCancel => 3,
        EntryKind::Adjust => 4,
        EntryKind::Goodwill => 5,
        EntryKind::Expire => 6,
        EntryKind::Reverse => 7,
        EntryKind::Opening => 8,
        EntryKind::Activity => 9,
        EntryKind::Promotion => 10,
    }
}

fn kind_of(i: u8) -> Result<EntryKind, String> {
    KINDS.get(usize::from(i)).copied().ok_or_else(|| format!("entry kind {i} is unknown"))
}

fn pack_audit(a: &AuditRecord, w: &mut Writer) {
    w.int(a.at).text(&a.operator).text(&a.role).text(&a.command).text(&a.target);
    w.text(&a.before).text(&a.after).opt_text(a.member.as_deref());
}

fn unpack_audit(r: &mut Reader<'_>) -> Result<AuditRecord, String> {
    Ok(AuditRecord {
        at: r.int()?,
        operator: r.text("operator")?,
        role: r.text("role")?,
        command: r.text("command")?,
        target: r.text("target")?,
        before: r.text("before")?,
        after: r.text("after")?,
        member: r.opt_text("member")?,
    })
}

#[cfg(test)]
mod tests;
