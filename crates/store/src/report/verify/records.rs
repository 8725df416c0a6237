//! Passes over the trees keyed by their own ids (complaints, redemptions, rewards,
//! audit), the id counters in `meta` and the `overview` aggregate.

use super::{Checker, Lookup};
use crate::store::records::{AuditRecord, ExtRef, Overview};
use crate::store::{StoreError, T, hex, keys};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::{EntryKind, Posting};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::reward::{Redemption, RedemptionState, Reward};

/// The id a record is stored under, or a problem when the key is not one.
fn key_id(c: &mut Checker<'_>, t: T, key: &[u8]) -> Option<u64> {
    let id = keys::read_u64(key, 0).filter(|_| key.len() == 8);
    if id.is_none() {
        c.problem(format!("{} {}: key is not an 8-byte id", t.name(), hex(key)));
    }
    id
}

fn member_exists(c: &Checker<'_>, id: u64) -> Result<bool, StoreError> {
    Ok(!matches!(c.lookup::<Member>(T::Members, &keys::id(id))?, Lookup::Missing))
}

/// Sum of `kind` lines of member `member_id` whose posting has `source`.
fn ledger_sum(c: &mut Checker<'_>, member_id: u64, source: &str, kind: EntryKind) -> Result<i64, StoreError> {
    let mut sum = 0;
    for item in c.store.tree(T::Ledger).scan_prefix(keys::id(member_id)) {
        let (k, v) = item?;
        // Undecodable postings were reported by the member walk.
        if let Ok(p) = crate::store::decode_at::<Posting>(T::Ledger, &k, &v)
            && p.source == source
        {
            sum += p.lines.iter().filter(|l| l.kind == kind).map(|l| l.points).sum::<i64>();
        }
    }
    Ok(sum)
}

/// Whether the external reference `r` points back at a record of `kind` with `target`.
fn ext_ref_points_back(c: &Checker<'_>, r: &str, kind: &str, member_id: u64, target: u64) -> Result<bool, StoreError> {
    Ok(match c.lookup::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, r))? {
        Lookup::Found(x) => x.kind == kind && x.member_id == member_id && x.target == target,
        _ => false,
    })
}

/// Complaints: ownership links, goodwill and the open count.
pub(super) fn check_complaints(c: &mut Checker<'_>) -> Result<(), StoreError> {
    for item in c.store.tree(T::Complaints).iter() {
        let (key, bytes) = item?;
        c.report.complaints += 1;
        let Some(id) = key_id(c, T::Complaints, &key) else {
            continue;
        };
        c.max_ids.complaint = c.max_ids.complaint.max(id);
        let Some(cm) = c.decode::<Complaint>(T::Complaints, &key, &bytes) else {
            continue;
        };
        let who = format!("complaint {id}");
        if cm.id != id {
            c.problem(format!("{who}: record says id {}", cm.id));
        }
        if cm.state.is_open() {
            c.totals.complaints_open += 1;
        }
        if let Some(m) = cm.member_id {
            if !member_exists(c, m)? {
                c.problem(format!("{who}: names member id {m}, which does not exist"));
            }
            if !c.store.tree(T::Keys).contains_key(keys::pair(keys::MEMBER_COMPLAINT, m, id))? {
                c.problem(format!("{who}: member → complaint key for member id {m} is missing"));
            }
            let goodwill = ledger_sum(c, m, &format!("complaint {id}"), EntryKind::Goodwill)?;
            if goodwill != cm.goodwill_points {
                c.problem(format!(
                    "{who}: goodwill_points is {}, member id {m}'s ledger gives {goodwill}",
                    cm.goodwill_points
                ));
            }
        } else if cm.goodwill_points != 0 {
            c.problem(format!("{who}: has {} goodwill points but no member", cm.goodwill_points));
        }
        if let Some(r) = &cm.external_ref
            && !ext_ref_points_back(c, r, "complaint", cm.member_id.unwrap_or(0), id)?
        {
            c.problem(format!("{who}: has external reference `{r}` but its key does not point back at it"));
        }
    }
    Ok(())
}

/// Redemptions: owner, link key, the debit that paid and the refund of a cancellation.
pub(super) fn check_redemptions(c: &mut Checker<'_>) -> Result<(), StoreError> {
    for item in c.store.tree(T::Redemptions).iter() {
        let (key, bytes) = item?;
        c.report.redemptions += 1;
        let Some(id) = key_id(c, T::Redemptions, &key) else {
            continue;
        };
        c.max_ids.redemption = c.max_ids.redemption.max(id);
        let Some(r) = c.decode::<Redemption>(T::Redemptions, &key, &bytes) else {
            continue;
        };
        let who = format!("redemption {id} (member id {})", r.member_id);
        if r.id != id {
            c.problem(format!("{who}: record says id {}", r.id));
        }
        if !member_exists(c, r.member_id)? {
            c.problem(format!("{who}: member does not exist"));
        }
        if !c.store.tree(T::Keys).contains_key(keys::pair(keys::MEMBER_REDEMPTION, r.member_id, id))? {
            c.problem(format!("{who}: member → redemption key is missing"));
        }
        if matches!(c.lookup::<Reward>(T::Rewards, &keys::id(r.reward_id))?, Lookup::Missing) {
            c.problem(format!("{who}: reward id {} does not exist", r.reward_id));
        }
        let source = format!("redemption {id}");
        match c.lookup::<Posting>(T::Ledger, &keys::member_seq(r.member_id, r.posting_seq))? {
            Lookup::Found(p) => {
                let paid = p.lines.iter().any(|l| l.kind == EntryKind::Redeem && l.points == -r.points);
                if !paid || p.source != source {
                    c.problem(format!(
                        "{who}: ledger seq {} is not a redeem of {} points for it",
                        r.posting_seq, r.points
                    ));
                }
            }
            Lookup::Missing => c.problem(format!("{who}: paying ledger seq {} does not exist", r.posting_seq)),
            Lookup::Corrupt => {}
        }
        let refunded = ledger_sum(c, r.member_id, &source, EntryKind::RedeemCancel)?;
        let want = if r.state == RedemptionState::Cancelled { r.points } else { 0 };
        if refunded != want {
            c.problem(format!(
                "{who}: is {} and should have {want} points refunded, ledger refunds {refunded}",
                r.state.as_str()
            ));
        }
        if let Some(x) = &r.external_ref
            && !ext_ref_points_back(c, x, "redeem", r.member_id, id)?
        {
            c.problem(format!("{who}: has external reference `{x}` but its key does not point back at it"));
        }
    }
    Ok(())
}

/// Rewards: the code key and the minimum tier.
pub(super) fn check_rewards(c: &mut Checker<'_>) -> Result<(), StoreError> {
    for item in c.store.tree(T::Rewards).iter() {
        let (key, bytes) = item?;
        let Some(id) = key_id(c, T::Rewards, &key) else {
            continue;
        };
        c.max_ids.reward = c.max_ids.reward.max(id);
        let Some(r) = c.decode::<Reward>(T::Rewards, &key, &bytes) else {
            continue;
        };
        if r.id != id {
            c.problem(format!("reward {}: record says id {} but is stored under id {id}", r.code, r.id));
        }
        let target =
            c.store.tree(T::Keys).get(keys::text(keys::REWARD_CODE, &r.code))?.and_then(|v| keys::read_u64(&v, 0));
        if target != Some(id) {
            c.problem(format!(
                "reward {}: code key points at {}",
                r.code,
                target.map_or_else(|| "nothing (missing)".into(), |t| format!("reward id {t}"))
            ));
        }
        if c.config.tier(&r.min_tier).is_none() {
            c.problem(format!("reward {}: minimum tier `{}` is not a configured tier", r.code, r.min_tier));
        }
    }
    Ok(())
}

/// Audit records only need to decode.
pub(super) fn check_audit(c: &mut Checker<'_>) -> Result<(), StoreError> {
    for item in c.store.tree(T::Audit).iter() {
        let (key, bytes) = item?;
        c.decode::<AuditRecord>(T::Audit, &key, &bytes);
    }
    Ok(())
}

/// The schema version and the id counters, which must be above every id in use.
pub(super) fn check_meta(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let meta = c.store.tree(T::Meta);
    if meta.get(b"schema_version")?.is_some_and(|v| v.len() != 4) {
        c.problem("meta schema_version: value is not 4 bytes".into());
    }
    if let Some(from) = meta.get(crate::ops::migrate::UPGRADE_FROM)? {
        let from = keys::read_u32(&from, 0).map_or_else(|| "an unreadable schema".into(), |v| format!("schema {v}"));
        c.problem(format!(
            "meta: the upgrade from {from} is not finished; open the store with this build (any command) to finish it"
        ));
    }
    let counters = [
        ("member", c.max_ids.member),
        ("complaint", c.max_ids.complaint),
        ("redemption", c.max_ids.redemption),
        ("reward", c.max_ids.reward),
        ("operator", c.max_ids.operator),
        ("approval", c.max_ids.approval),
        ("activity", c.max_ids.activity),
        ("promotion", c.max_ids.promotion),
    ];
    for (name, max) in counters {
        let key = format!("next.{name}");
        let next = match meta.get(key.as_bytes())? {
            None => 1,
            Some(v) if v.len() == 8 => keys::read_u64(&v, 0).unwrap_or(0),
            Some(_) => {
                c.problem(format!("meta {key}: value is not 8 bytes"));
                continue;
            }
        };
        if next <= max {
            c.problem(format!("meta {key}: next id is {next} but id {max} is already in use"));
        }
    }
    Ok(())
}

/// The `overview` aggregate against the totals recomputed by the other passes.
pub(super) fn check_overview(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let mut want = c.totals;
    want.members = c.report.members;
    let stored = match c.store.tree(T::Agg).get(b"overview")? {
        None => Overview::default(),
        Some(bytes) => match c.decode::<Overview>(T::Agg, b"overview", &bytes) {
            Some(o) => o,
            None => return Ok(()),
        },
    };
    let note = match c.undecodable {
        0 => String::new(),
        n => format!(" (recomputed without {n} undecodable records)"),
    };
    let fields: [(&str, i128, i128); 8] = [
        ("members", stored.members.into(), want.members.into()),
        ("stays", stored.stays.into(), want.stays.into()),
        ("nights", stored.nights.into(), want.nights.into()),
        ("points_earned", stored.points_earned.into(), want.points_earned.into()),
        ("points_redeemed", stored.points_redeemed.into(), want.points_redeemed.into()),
        ("points_expired", stored.points_expired.into(), want.points_expired.into()),
        ("points_outstanding", stored.points_outstanding.into(), want.points_outstanding.into()),
        ("complaints_open", stored.complaints_open.into(), want.complaints_open.into()),
    ];
    for (name, found, expected) in fields {
        if found != expected {
            c.problem(format!("agg overview: {name} is {found}, records give {expected}{note}"));
        }
    }
    let net = stored.points_earned - stored.points_redeemed - stored.points_expired;
    if net != stored.points_outstanding {
        c.problem(format!(
            "agg overview: earned − redeemed − expired is {net} but points_outstanding is {}",
            stored.points_outstanding
        ));
    }
    Ok(())
}
