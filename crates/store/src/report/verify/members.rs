//! The member walk: each member with its stays, postings and complaint links, read
//! together because all four are ordered by member id.

use super::{Checker, Lookup, figures};
use crate::store::{StoreError, T, hex, keys};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::{Stay, StayStatus};
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
        Cursor { iter: iter.peekable(), offset }
    }

    /// Takes the entries of `id`; entries of lower (or unreadable) owners are orphans.
    /// With `None`, everything left is an orphan.
    fn take(&mut self, id: Option<u64>) -> Result<Taken, StoreError> {
        let mut taken = Taken { owned: Vec::new(), orphans: Vec::new() };
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
                if owned { taken.owned.push(entry) } else { taken.orphans.push(entry) }
            }
        }
        Ok(taken)
    }
}

/// A member's records as decoded, with whether any failed to decode.
pub(super) struct Records<R> {
    /// The records that decoded, in key order.
    pub(super) list: Vec<R>,
    /// False when some failed to decode.
    pub(super) complete: bool,
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
            c.problem(format!("members {}: key is not an 8-byte member id", hex(&key)));
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
                c.problem(format!("member {}: record says id {} but is stored under id {id}", m.card, m.id));
            }
            figures::check_member(c, &m, &s, &l, open)?;
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
    let mut out = Records { list: Vec::with_capacity(raw.len()), complete: true };
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
    let mut out = Records { list: Vec::with_capacity(raw.len()), complete: true };
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
        for l in &p.lines {
            c.totals.add_line(l.kind, l.points);
            if l.kind == frontdesk_core::domain::ledger::EntryKind::Promotion {
                c.report.promotion_points += l.points;
            }
        }
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
