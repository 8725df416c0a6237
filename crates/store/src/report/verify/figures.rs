//! One member's stored figures against its stays and ledger, and its own keys.

use super::members::Records;
use super::{Checker, Lookup};
use crate::store::records::ExtRef;
use crate::store::{StoreError, T, keys};
use chrono::Datelike;
use frontdesk_core::domain::contact::phone_digits;
use frontdesk_core::domain::ledger::{self, EntryKind, Lot, Posting};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_core::domain::tier::{self, YearQual};

/// Checks member `m` against its decoded stays and postings and the number of its open
/// complaints.
pub(super) fn check_member(
    c: &mut Checker<'_>,
    m: &Member,
    stays: &Records<Stay>,
    ledger: &Records<Posting>,
    open: u32,
) -> Result<(), StoreError> {
    let who = format!("member {} (id {})", m.card, m.id);
    if ledger.complete {
        check_ledger(c, &who, m, &ledger.list);
    } else {
        c.problem(format!("{who}: balance, lots and lifetime points not checked: some ledger records are undecodable"));
    }
    if stays.complete {
        check_stays(c, &who, m, &stays.list);
    } else {
        c.problem(format!("{who}: stay counts and tier qualification not checked: some stay records are undecodable"));
    }
    check_stay_links(c, &who, m, &stays.list, ledger)?;
    if m.open_complaints != open {
        c.problem(format!("{who}: open_complaints is {}, its complaints give {open}", m.open_complaints));
    }
    check_member_keys(c, &who, m)
}

fn check_ledger(c: &mut Checker<'_>, who: &str, m: &Member, postings: &[Posting]) {
    if let Some((i, p)) = postings.iter().enumerate().find(|(i, p)| p.seq as usize != i + 1) {
        c.problem(format!(
            "{who}: ledger seqs are not 1..{}: expected seq {} but found {}",
            postings.len(),
            i + 1,
            p.seq
        ));
    }
    let last = postings.last().map_or(0, |p| p.seq);
    if m.ledger_seq != last {
        c.problem(format!("{who}: ledger_seq is {}, last posting is {last}", m.ledger_seq));
    }
    let mut balance = 0_i64;
    let mut negative_reported = false;
    for p in postings {
        balance += p.net();
        if balance < 0 && !negative_reported {
            c.problem(format!("{who}: balance goes negative ({balance}) at ledger seq {}", p.seq));
            negative_reported = true;
        }
    }
    if m.balance != balance {
        c.problem(format!("{who}: balance is {}, ledger gives {balance}", m.balance));
    }
    let lifetime: i64 = postings.iter().map(Posting::earned).sum();
    if m.lifetime_points != lifetime {
        c.problem(format!("{who}: lifetime_points is {}, ledger gives {lifetime}", m.lifetime_points));
    }
    match ledger::replay(postings) {
        Err(e) => c.problem(format!("{who}: ledger seq {} does not replay: {}", e.seq, e.reason)),
        Ok(lots) => {
            let (want, have) = (sorted(&lots), sorted(&m.lots));
            if want != have {
                c.problem(format!("{who}: lots are [{}], ledger gives [{}]", lots_text(&have), lots_text(&want)));
            }
        }
    }
}

fn sorted(lots: &[Lot]) -> Vec<Lot> {
    let mut v = lots.to_vec();
    v.sort_by_key(|l| l.id);
    v
}

fn lots_text(lots: &[Lot]) -> String {
    lots.iter().map(|l| format!("{}:{}@{}", l.id, l.remaining, l.earned_on)).collect::<Vec<_>>().join(" ")
}

fn check_stays(c: &mut Checker<'_>, who: &str, m: &Member, stays: &[Stay]) {
    let completed: Vec<&Stay> = stays.iter().filter(|s| s.status == StayStatus::Completed).collect();
    let count = completed.len() as u64;
    if u64::from(m.stays) != count {
        c.problem(format!("{who}: stays is {}, completed stays give {count}", m.stays));
    }
    let nights: u64 = completed.iter().map(|s| u64::from(s.nights)).sum();
    if u64::from(m.nights) != nights {
        c.problem(format!("{who}: nights is {}, completed stays give {nights}", m.nights));
    }
    let last = completed.iter().map(|s| s.departure).max();
    if m.last_stay != last {
        c.problem(format!("{who}: last_stay is {}, completed stays give {}", date_text(m.last_stay), date_text(last)));
    }
    if let Some(max) = stays.iter().map(|s| s.seq).max()
        && m.stay_seq < max
    {
        c.problem(format!("{who}: stay_seq is {} but stay {max} exists", m.stay_seq));
    }
    let mut qual: Vec<YearQual> = Vec::new();
    for s in completed.iter().filter(|s| s.qualifies) {
        tier::add_to(&mut qual, s.departure.year(), i64::from(s.nights), 1, s.revenue_minor);
    }
    let (want, have) = (nonzero(&qual), nonzero(&m.qual));
    if want != have {
        c.problem(format!(
            "{who}: qualification counters are [{}], qualifying stays give [{}]",
            qual_text(&have),
            qual_text(&want)
        ));
    }
    for s in stays {
        let days = (s.departure - s.arrival).num_days();
        if i64::from(s.nights) != days {
            c.problem(format!(
                "{who}: stay {} has {} nights but runs {} to {} ({days} nights)",
                s.seq, s.nights, s.arrival, s.departure
            ));
        }
    }
}

fn nonzero(q: &[YearQual]) -> Vec<YearQual> {
    let mut v: Vec<YearQual> =
        q.iter().filter(|y| y.nights != 0 || y.stays != 0 || y.spend_minor != 0).copied().collect();
    v.sort_by_key(|y| y.year);
    v
}

fn qual_text(q: &[YearQual]) -> String {
    q.iter()
        .map(|y| format!("{}: {} nights {} stays {} spend", y.year, y.nights, y.stays, y.spend_minor))
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "none".into(), |d| d.to_string())
}

/// Each stay's points posting (and reversal) and external reference.
fn check_stay_links(
    c: &mut Checker<'_>,
    who: &str,
    m: &Member,
    stays: &[Stay],
    ledger: &Records<Posting>,
) -> Result<(), StoreError> {
    let posting = |seq: u32| ledger.list.iter().find(|p| p.seq == seq);
    for s in stays {
        let points = s.base_points + s.bonus_points;
        match s.ledger_seq {
            Some(seq) => match posting(seq) {
                Some(p) if p.earned() != points => {
                    c.problem(format!(
                        "{who}: stay {} earned {points} points but ledger seq {seq} earns {}",
                        s.seq,
                        p.earned()
                    ));
                }
                Some(_) => {}
                None if ledger.complete => {
                    c.problem(format!("{who}: stay {} names ledger seq {seq}, which does not exist", s.seq))
                }
                None => {}
            },
            None if points != 0 => {
                c.problem(format!("{who}: stay {} earned {points} points but names no ledger posting", s.seq))
            }
            None => {}
        }
        if s.status == StayStatus::Reversed && points > 0 && ledger.complete {
            let source = format!("stay {}", s.seq);
            let reversed = ledger.list.iter().any(|p| {
                p.source == source && p.lines.iter().any(|l| l.kind == EntryKind::Reverse && l.points == -points)
            });
            if !reversed {
                c.problem(format!(
                    "{who}: stay {} is reversed but no ledger posting takes back its {points} points",
                    s.seq
                ));
            }
        }
        if let Some(r) = &s.external_ref {
            let found = c.lookup::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, r))?;
            // A damaged reference is reported where it is stored.
            let ok = match &found {
                Lookup::Found(x) => x.kind == "stay" && x.member_id == m.id && x.target == u64::from(s.seq),
                Lookup::Missing => false,
                Lookup::Corrupt => true,
            };
            if !ok {
                c.problem(format!(
                    "{who}: stay {} has external reference `{r}` but its key does not point back at it",
                    s.seq
                ));
            }
        }
    }
    Ok(())
}

/// The member's own exact-match keys, and its tier override. An entry in a damaged bucket
/// is not reported here: the keys pass names the bucket once.
fn check_member_keys(c: &mut Checker<'_>, who: &str, m: &Member) -> Result<(), StoreError> {
    let id_at = |found: Lookup<Vec<u8>>| match found {
        Lookup::Found(v) => Some(keys::read_u64(&v, 0)),
        Lookup::Missing => Some(None),
        Lookup::Corrupt => None,
    };
    if let Some(card) = id_at(c.raw(T::Keys, &keys::text(keys::CARD, &m.card))?)
        && card != Some(m.id)
    {
        c.problem(format!("{who}: card key {} points at {}", m.card, target_text(card)));
    }
    if let Some(e) = &m.email
        && let Some(got) = id_at(c.raw(T::Keys, &keys::text(keys::EMAIL, e))?)
        && got != Some(m.id)
    {
        c.problem(format!("{who}: e-mail key {e} points at {}", target_text(got)));
    }
    if let Some(p) = &m.phone
        && matches!(c.raw(T::Keys, &keys::phone(phone_digits(p), m.id))?, Lookup::Missing)
    {
        c.problem(format!("{who}: phone key for {p} is missing"));
    }
    if let Some(o) = &m.tier_override
        && c.config.tier(&o.tier).is_none()
    {
        c.problem(format!("{who}: tier override names unknown tier `{}`", o.tier));
    }
    Ok(())
}

fn target_text(id: Option<u64>) -> String {
    id.map_or_else(|| "nothing (missing)".into(), |id| format!("member id {id}"))
}
