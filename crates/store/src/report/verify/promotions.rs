//! Activities and promotions: each activity is keyed by its id and linked from its member,
//! once-only activities hold their key, and every promotion's spend, per-member grants and
//! Nth-activity counts equal what the recorded activities' and stays' parts add up to.
//! Held in memory: one entry per (promotion, member) pair that has a grant — promotions
//! are few and their members a fraction of the store.

use super::{Checker, Lookup};
use crate::store::{StoreError, T, hex, keys};
use frontdesk_core::domain::activity::{ActivityRecord, ActivityStatus};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::promotion::{GrantRecord, GrantSet, PromotionBook};
use frontdesk_core::domain::stay::{Stay, StayStatus};
use std::collections::BTreeMap;

/// What the parts add up to.
#[derive(Default)]
struct Sums {
    spent: BTreeMap<u64, i64>,
    member: BTreeMap<(u64, u64), i64>,
    counts: BTreeMap<Vec<u8>, u32>,
}

impl Sums {
    fn add(&mut self, member: u64, parts: &[GrantRecord]) {
        for g in parts {
            *self.spent.entry(g.promotion_id).or_default() += g.points;
            *self.member.entry((g.promotion_id, member)).or_default() += g.points;
            *self.counts.entry(keys::promo_count(g.promotion_id, member, g.period).to_vec()).or_default() += 1;
        }
    }
}

/// Checks activities, stays' promotion parts and the promotion counters.
pub(super) fn check(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let mut sums = Sums::default();
    activities(c, &mut sums)?;
    stay_grants(c, &mut sums)?;
    counters(c, &sums)?;
    pending_referrals(c)?;
    // Runs after the members pass, which summed the ledger's promotion lines.
    let granted: i64 = sums.spent.values().sum();
    if granted != c.report.promotion_points {
        c.problem(format!(
            "promotion points: the ledger's promotion lines hold {}, the promotions' grants add up to {granted}",
            c.report.promotion_points
        ));
    }
    if let Some(bytes) = c.store.tree(T::Agg).get(b"promotions")?
        && let Some(book) = c.decode::<PromotionBook>(T::Agg, b"promotions", &bytes)
    {
        c.max_ids.promotion = book.promotions.iter().map(|p| p.id).max().unwrap_or(0);
        for id in sums.spent.keys() {
            if !book.promotions.iter().any(|p| p.id == *id) {
                c.problem(format!("promotion id {id}: granted points but is not in the promotion book"));
            }
        }
    }
    Ok(())
}

fn activities(c: &mut Checker<'_>, sums: &mut Sums) -> Result<(), StoreError> {
    for item in c.store.tree(T::Activities).iter() {
        let (key, value) = item?;
        let Some(a) = c.decode::<ActivityRecord>(T::Activities, &key, &value) else { continue };
        c.max_ids.activity = c.max_ids.activity.max(a.id);
        c.report.activities += 1;
        if key.as_ref() != keys::id(a.id) {
            c.problem(format!("activities {}: holds activity {} under another key", hex(&key), a.id));
        }
        if let Lookup::Missing = c.lookup::<Member>(T::Members, &keys::id(a.member_id))? {
            c.problem(format!("activity {}: member id {} does not exist", a.id, a.member_id));
        }
        if c.store.tree(T::Keys).get(keys::pair(keys::MEMBER_ACTIVITY, a.member_id, a.id))?.is_none() {
            c.problem(format!("activity {}: the member's link key is missing", a.id));
        }
        let once = a.activity.once_key().map(|k| keys::text(keys::ACTIVITY_ONCE, &format!("{}:{k}", a.member_id)));
        if let (ActivityStatus::Recorded, Some(k)) = (a.status, once) {
            let held = c.store.tree(T::Keys).get(&k)?.and_then(|v| keys::read_u64(&v, 0));
            if held != Some(a.id) {
                c.problem(format!("activity {}: its once-only key points at {held:?}", a.id));
            }
        }
        if a.status == ActivityStatus::Recorded {
            sums.add(a.member_id, &a.grants);
        }
    }
    Ok(())
}

fn stay_grants(c: &mut Checker<'_>, sums: &mut Sums) -> Result<(), StoreError> {
    for item in c.store.tree(T::Keys).scan_prefix([keys::STAY_GRANTS]) {
        let (key, value) = item?;
        let (Some(member), Some(seq)) = (keys::read_u64(&key, 1), keys::read_u32(&key, 9)) else {
            c.problem(format!("keys {}: stay grants key is not g ‖ member ‖ seq", hex(&key)));
            continue;
        };
        let Some(set) = c.decode::<GrantSet>(T::Keys, &key, &value) else { continue };
        match c.lookup::<Stay>(T::Stays, &keys::member_seq(member, seq))? {
            Lookup::Found(s) if s.status == StayStatus::Completed => sums.add(member, &set.grants),
            Lookup::Found(s) => {
                c.problem(format!("member id {member} stay {seq}: {} but holds promotion points", s.status.as_str()))
            }
            Lookup::Missing => c.problem(format!("member id {member}: promotion points for missing stay {seq}")),
            Lookup::Corrupt => {}
        }
    }
    Ok(())
}

fn read_i64(v: &[u8]) -> Option<i64> {
    v.try_into().ok().map(i64::from_be_bytes)
}

fn counters(c: &mut Checker<'_>, sums: &Sums) -> Result<(), StoreError> {
    let mut stored_spent = BTreeMap::new();
    for item in c.store.tree(T::Keys).scan_prefix([keys::PROMO_SPENT]) {
        let (key, value) = item?;
        stored_spent.insert(keys::read_u64(&key, 1).unwrap_or(0), read_i64(&value).unwrap_or(i64::MIN));
    }
    for id in stored_spent.keys().chain(sums.spent.keys()).copied().collect::<std::collections::BTreeSet<_>>() {
        let (want, got) = (sums.spent.get(&id).copied().unwrap_or(0), stored_spent.get(&id).copied().unwrap_or(0));
        if want != got {
            c.problem(format!("promotion id {id}: spend is {got}, its grants add up to {want}"));
        }
    }
    let mut stored_member = BTreeMap::new();
    for item in c.store.tree(T::Keys).scan_prefix([keys::PROMO_MEMBER]) {
        let (key, value) = item?;
        let pair = (keys::read_u64(&key, 1).unwrap_or(0), keys::read_u64(&key, 9).unwrap_or(0));
        stored_member.insert(pair, read_i64(&value).unwrap_or(i64::MIN));
    }
    for pair in stored_member.keys().chain(sums.member.keys()).copied().collect::<std::collections::BTreeSet<_>>() {
        let want = sums.member.get(&pair).copied().unwrap_or(0);
        let got = stored_member.get(&pair).copied().unwrap_or(0);
        if want != got {
            c.problem(format!(
                "promotion id {} member id {}: granted {got}, the grants add up to {want}",
                pair.0, pair.1
            ));
        }
    }
    let mut stored_counts = BTreeMap::new();
    for item in c.store.tree(T::Keys).scan_prefix([keys::PROMO_COUNT]) {
        let (key, value) = item?;
        stored_counts.insert(key.to_vec(), keys::read_u32(&value, 0).unwrap_or(0));
    }
    for key in stored_counts.keys().chain(sums.counts.keys()).cloned().collect::<std::collections::BTreeSet<_>>() {
        let (want, got) = (sums.counts.get(&key).copied().unwrap_or(0), stored_counts.get(&key).copied().unwrap_or(0));
        if want != got {
            c.problem(format!("keys {}: counts {got} eligible activities, the records {want}", hex(&key)));
        }
    }
    Ok(())
}

/// `R` ‖ referred → referrer: both members exist, and the referred one has not stayed.
fn pending_referrals(c: &mut Checker<'_>) -> Result<(), StoreError> {
    for item in c.store.tree(T::Keys).scan_prefix([keys::REFERRAL_PENDING]) {
        let (key, value) = item?;
        let (Some(referred), Some(referrer)) = (keys::read_u64(&key, 1), keys::read_u64(&value, 0)) else {
            c.problem(format!("keys {}: pending referral is not R ‖ member → member", hex(&key)));
            continue;
        };
        if let Lookup::Missing = c.lookup::<Member>(T::Members, &keys::id(referrer))? {
            c.problem(format!("member id {referred}: referred by member id {referrer}, who does not exist"));
        }
        match c.lookup::<Member>(T::Members, &keys::id(referred))? {
            Lookup::Found(m) if m.stays > 0 => {
                c.problem(format!("member {}: has stayed but the referral is still pending", m.card))
            }
            Lookup::Missing => c.problem(format!("pending referral of member id {referred}, who does not exist")),
            _ => {}
        }
    }
    Ok(())
}
