//! The member walk: each member with its stays, postings and complaint links, read
//! together because all four are ordered by member id.

use super::{Checker, Lookup};
use crate::domain::complaint::Complaint;
use crate::domain::contact::phone_digits;
use crate::domain::ledger::{self, EntryKind, Lot, Posting};
use crate::domain::member::Member;
use crate::domain::stay::{Stay, StayStatus};
use crate::domain::tier::{self, YearQual};
use crate::store::records::ExtRef;
use crate::store::{StoreError, T, hex, keys};
use chrono::Datelike;
use sled::IVec;
use std::iter::Peekable;

/// One raw entry of a tree.
type Entry = (IVec, IVec);

/// Walks a tree whose keys start with an owner id (after `offset` prefix bytes), handing
/// out the entries of one owner at a time.
struct Cursor {
    iter: Peekable<sled::Iter>,
    offset: usize,
}

/// Entries of one owner, and the ones met before it that belong to no member.
struct Taken {
    owned: Vec<Entry>,
    orphans: Vec<Entry>,
}

impl Cursor {
    fn new(iter: sled::Iter, offset: usize) -> Self {
        Cursor {
            iter: iter.peekable(),
            offset,
        }
    }

    /// Takes the entries of `id`; entries of lower (or unreadable) owners are orphans.
    /// With `None`, everything left is an orphan.
    fn take(&mut self, id: Option<u64>) -> Result<Taken, StoreError> {
        let mut taken = Taken {
            owned: Vec::new(),
            orphans: Vec::new(),
        };
        loop {
            let owner = match self.iter.peek() {
                None => break,
                Some(Err(_)) => match self.iter.next() {
                    Some(Err(e)) => return Err(e.into()),
                    _ => break,
                },
                Some(Ok((k, _))) => keys::read_u64(k, self.offset),
            };
            let goes = match (owner, id) {
                (Some(o), Some(id)) if o == id => Some(true),
                (Some(o), Some(id)) if o > id => None,
                _ => Some(false),
            };
            let Some(owned) = goes else { break };
            if let Some(Ok(entry)) = self.iter.next() {
                if owned {
                    taken.owned.push(entry)
                } else {
                    taken.orphans.push(entry)
                }
            }
        }
        Ok(taken)
    }
}

/// A member's records as decoded, with whether any failed to decode.
struct Records<R> {
    list: Vec<R>,
    complete: bool,
}

/// Walks every member with its stays, ledger and complaint links.
pub(super) fn check(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let store = c.store;
    let mut stays = Cursor::new(store.tree(T::Stays).iter(), 0);
    let mut ledger = Cursor::new(store.tree(T::Ledger).iter(), 0);
    let mut links = Cursor::new(store.tree(T::Keys).scan_prefix([keys::MEMBER_COMPLAINT]), 1);
    for item in store.tree(T::Members).iter() {
        let (key, bytes) = item?;
        c.report.members += 1;
        let Some(id) = keys::read_u64(&key, 0).filter(|_| key.len() == 8) else {
            c.problem(format!(
                "members {}: key is not an 8-byte member id",
                hex(&key)
            ));
            continue;
        };
        c.max_ids.member = c.max_ids.member.max(id);
        let member = c.decode::<Member>(T::Members, &key, &bytes);
        let s = stays.take(Some(id))?;
        let l = ledger.take(Some(id))?;
        let open = open_complaints(c, id, links.take(Some(id))?.owned)?;
        orphans(c, s.orphans, l.orphans);
        let s = decode_stays(c, id, s.owned);
        let l = decode_postings(c, id, l.owned);
        if let Some(m) = member {
            if m.id != id {
                c.problem(format!(
                    "member {}: record says id {} but is stored under id {id}",
                    m.card, m.id
                ));
            }
            check_member(c, &m, &s, &l, open)?;
        }
    }
    let (s, l) = (stays.take(None)?, ledger.take(None)?);
    orphans(c, s.orphans, l.orphans);
    Ok(())
}

/// Reports stays and postings of no member, still counting their figures in the totals.
fn orphans(c: &mut Checker<'_>, stays: Vec<Entry>, postings: Vec<Entry>) {
    for (tree, list) in [(T::Stays, stays), (T::Ledger, postings)] {
        for entry in list {
            c.problem(format!(
                "{} {}: belongs to no member (no member record with id {})",
                tree.name(),
                hex(&entry.0),
                id_text(&entry.0)
            ));
            let owner = keys::read_u64(&entry.0, 0).unwrap_or(0);
            if tree == T::Stays {
                decode_stays(c, owner, vec![entry]);
            } else {
                decode_postings(c, owner, vec![entry]);
            }
        }
    }
}

fn id_text(key: &[u8]) -> String {
    keys::read_u64(key, 0).map_or_else(|| "unreadable".into(), |id| id.to_string())
}

fn decode_stays(c: &mut Checker<'_>, id: u64, raw: Vec<Entry>) -> Records<Stay> {
    let mut out = Records {
        list: Vec::with_capacity(raw.len()),
        complete: true,
    };
    for (k, v) in raw {
        c.report.stays += 1;
        let Some(s) = c.decode::<Stay>(T::Stays, &k, &v) else {
            out.complete = false;
            continue;
        };
        if k.len() != 12 || keys::read_u32(&k, 8) != Some(s.seq) || s.member_id != id {
            c.problem(format!(
                "stays {}: record says member id {} stay {} but the key says otherwise",
                hex(&k),
                s.member_id,
                s.seq
            ));
        }
        if s.status == StayStatus::Completed {
            c.totals.stays += 1;
            c.totals.nights += u64::from(s.nights);
        }
        out.list.push(s);
    }
    out
}

fn decode_postings(c: &mut Checker<'_>, id: u64, raw: Vec<Entry>) -> Records<Posting> {
    let mut out = Records {
        list: Vec::with_capacity(raw.len()),
        complete: true,
    };
    for (k, v) in raw {
        c.report.postings += 1;
        let Some(p) = c.decode::<Posting>(T::Ledger, &k, &v) else {
            out.complete = false;
            continue;
        };
        if k.len() != 12 || keys::read_u32(&k, 8) != Some(p.seq) || p.member_id != id {
            c.problem(format!(
                "ledger {}: record says member id {} seq {} but the key says otherwise",
                hex(&k),
                p.member_id,
                p.seq
            ));
        }
        p.lines
            .iter()
            .for_each(|l| c.totals.add_line(l.kind, l.points));
        out.list.push(p);
    }
    out
}

/// Open complaints of member `id` found through its member → complaint keys.
fn open_complaints(c: &mut Checker<'_>, id: u64, links: Vec<Entry>) -> Result<u32, StoreError> {
    let mut open = 0;
    for (k, _) in links {
        let Some(complaint_id) = keys::read_u64(&k, 9) else {
            continue;
        };
        if let Lookup::Found(cm) = c.lookup::<Complaint>(T::Complaints, &keys::id(complaint_id))?
            && cm.member_id == Some(id)
            && cm.state.is_open()
        {
            open += 1;
        }
    }
    Ok(open)
}

fn check_member(
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
        c.problem(format!(
            "{who}: open_complaints is {}, its complaints give {open}",
            m.open_complaints
        ));
    }
    check_member_keys(c, &who, m)
}

fn check_ledger(c: &mut Checker<'_>, who: &str, m: &Member, postings: &[Posting]) {
    if let Some((i, p)) = postings
        .iter()
        .enumerate()
        .find(|(i, p)| p.seq as usize != i + 1)
    {
        c.problem(format!(
            "{who}: ledger seqs are not 1..{}: expected seq {} but found {}",
            postings.len(),
            i + 1,
            p.seq
        ));
    }
    let last = postings.last().map_or(0, |p| p.seq);
    if m.ledger_seq != last {
        c.problem(format!(
            "{who}: ledger_seq is {}, last posting is {last}",
            m.ledger_seq
        ));
    }
    let mut balance = 0_i64;
    let mut negative_reported = false;
    for p in postings {
        balance += p.net();
        if balance < 0 && !negative_reported {
            c.problem(format!(
                "{who}: balance goes negative ({balance}) at ledger seq {}",
                p.seq
            ));
            negative_reported = true;
        }
    }
    if m.balance != balance {
        c.problem(format!(
            "{who}: balance is {}, ledger gives {balance}",
            m.balance
        ));
    }
    let lifetime: i64 = postings.iter().map(Posting::earned).sum();
    if m.lifetime_points != lifetime {
        c.problem(format!(
            "{who}: lifetime_points is {}, ledger gives {lifetime}",
            m.lifetime_points
        ));
    }
    match ledger::replay(postings) {
        Err(e) => c.problem(format!(
            "{who}: ledger seq {} does not replay: {}",
            e.seq, e.reason
        )),
        Ok(lots) => {
            let (want, have) = (sorted(&lots), sorted(&m.lots));
            if want != have {
                c.problem(format!(
                    "{who}: lots are [{}], ledger gives [{}]",
                    lots_text(&have),
                    lots_text(&want)
                ));
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
    lots.iter()
        .map(|l| format!("{}:{}@{}", l.id, l.remaining, l.earned_on))
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_stays(c: &mut Checker<'_>, who: &str, m: &Member, stays: &[Stay]) {
    let completed: Vec<&Stay> = stays
        .iter()
        .filter(|s| s.status == StayStatus::Completed)
        .collect();
    let count = completed.len() as u64;
    if u64::from(m.stays) != count {
        c.problem(format!(
            "{who}: stays is {}, completed stays give {count}",
            m.stays
        ));
    }
    let nights: u64 = completed.iter().map(|s| u64::from(s.nights)).sum();
    if u64::from(m.nights) != nights {
        c.problem(format!(
            "{who}: nights is {}, completed stays give {nights}",
            m.nights
        ));
    }
    let last = completed.iter().map(|s| s.departure).max();
    if m.last_stay != last {
        c.problem(format!(
            "{who}: last_stay is {}, completed stays give {}",
            date_text(m.last_stay),
            date_text(last)
        ));
    }
    if let Some(max) = stays.iter().map(|s| s.seq).max()
        && m.stay_seq < max
    {
        c.problem(format!(
            "{who}: stay_seq is {} but stay {max} exists",
            m.stay_seq
        ));
    }
    let mut qual: Vec<YearQual> = Vec::new();
    for s in completed.iter().filter(|s| s.qualifies) {
        tier::add_to(
            &mut qual,
            s.departure.year(),
            i64::from(s.nights),
            1,
            s.revenue_minor,
        );
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
    let mut v: Vec<YearQual> = q
        .iter()
        .filter(|y| y.nights != 0 || y.stays != 0 || y.spend_minor != 0)
        .copied()
        .collect();
    v.sort_by_key(|y| y.year);
    v
}

fn qual_text(q: &[YearQual]) -> String {
    q.iter()
        .map(|y| {
            format!(
                "{}: {} nights {} stays {} spend",
                y.year, y.nights, y.stays, y.spend_minor
            )
        })
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
                None if ledger.complete => c.problem(format!(
                    "{who}: stay {} names ledger seq {seq}, which does not exist",
                    s.seq
                )),
                None => {}
            },
            None if points != 0 => c.problem(format!(
                "{who}: stay {} earned {points} points but names no ledger posting",
                s.seq
            )),
            None => {}
        }
        if s.status == StayStatus::Reversed && points > 0 && ledger.complete {
            let source = format!("stay {}", s.seq);
            let reversed = ledger.list.iter().any(|p| {
                p.source == source
                    && p.lines
                        .iter()
                        .any(|l| l.kind == EntryKind::Reverse && l.points == -points)
            });
            if !reversed {
                c.problem(format!("{who}: stay {} is reversed but no ledger posting takes back its {points} points", s.seq));
            }
        }
        if let Some(r) = &s.external_ref {
            let found = c.lookup::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, r))?;
            let ok = matches!(&found, Lookup::Found(x) if x.kind == "stay" && x.member_id == m.id && x.target == u64::from(s.seq));
            if !ok {
                c.problem(format!("{who}: stay {} has external reference `{r}` but its key does not point back at it", s.seq));
            }
        }
    }
    Ok(())
}

/// The member's own exact-match keys, and its tier override.
fn check_member_keys(c: &mut Checker<'_>, who: &str, m: &Member) -> Result<(), StoreError> {
    let keys_tree = c.store.tree(T::Keys);
    let card = keys_tree
        .get(keys::text(keys::CARD, &m.card))?
        .and_then(|v| keys::read_u64(&v, 0));
    if card != Some(m.id) {
        c.problem(format!(
            "{who}: card key {} points at {}",
            m.card,
            target_text(card)
        ));
    }
    if let Some(e) = &m.email {
        let got = keys_tree
            .get(keys::text(keys::EMAIL, e))?
            .and_then(|v| keys::read_u64(&v, 0));
        if got != Some(m.id) {
            c.problem(format!(
                "{who}: e-mail key {e} points at {}",
                target_text(got)
            ));
        }
    }
    if let Some(p) = &m.phone
        && !keys_tree.contains_key(keys::phone(phone_digits(p), m.id))?
    {
        c.problem(format!("{who}: phone key for {p} is missing"));
    }
    if let Some(o) = &m.tier_override
        && c.config.tier(&o.tier).is_none()
    {
        c.problem(format!(
            "{who}: tier override names unknown tier `{}`",
            o.tier
        ));
    }
    Ok(())
}

fn target_text(id: Option<u64>) -> String {
    id.map_or_else(
        || "nothing (missing)".into(),
        |id| format!("member id {id}"),
    )
}
