//! Reads: finding members and listing records. Reads never write.

mod activities;
mod audit;
mod promotions;

pub use activities::activities_of;
pub use audit::{AuditEvent, AuditFilter, audit_events};
pub use promotions::{PromotionReport, PromotionRow, PromotionState, promotion_book, promotion_report, promotions};

use super::OpError;
use super::member::{MemberRef, lookup};
use super::view::{ComplaintView, MemberView};
use crate::store::records::Overview;
use crate::store::{Store, T, keys};
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::approval::{Approval, ApprovalState};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::contact::normalize_email;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::phone;
use frontdesk_core::domain::reward::{Redemption, Reward};
use frontdesk_core::domain::stay::Stay;
use frontdesk_core::search;

/// Members matching what a clerk typed: card, e-mail (or its start), phone (whole, in any
/// form, read as a number of each property's country) or its tail (4+ digits), or part of
/// a name. Best matches first, at most `limit`.
pub fn find_members(store: &Store, config: &Config, query: &str, limit: usize) -> Result<Vec<Member>, OpError> {
    find_members_in(store, config, query, limit, None)
}

/// How [`find_members`] looks a query up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The e-mail keys (the query holds `@`).
    Email,
    /// A card, then the phone keys (4+ digits and phone punctuation only).
    Digits,
    /// Names: the search index when there is one, else a scan of every member.
    Name,
}

/// Which way [`find_members`] answers `query`.
pub fn lookup_of(query: &str) -> Lookup {
    let q = query.trim();
    let digits = q.chars().filter(char::is_ascii_digit).count();
    if q.contains('@') {
        Lookup::Email
    } else if digits >= 4 && q.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) {
        Lookup::Digits
    } else {
        Lookup::Name
    }
}

/// [`find_members`], names answered from `index` when there is one (a server's, kept
/// current with every committed write) instead of by scanning every member.
pub fn find_members_in(
    store: &Store,
    config: &Config,
    query: &str,
    limit: usize,
    index: Option<&search::Index>,
) -> Result<Vec<Member>, OpError> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let mut ids: Vec<u64> = Vec::new();
    let how = lookup_of(q);
    if how == Lookup::Email {
        let text = normalize_email(q).unwrap_or_else(|_| q.to_lowercase());
        let prefix = keys::text(keys::EMAIL, &text);
        // A whole address is one lookup; only the start of one reads every e-mail entry.
        match store.read_raw(T::Keys, &prefix)? {
            Some(v) => ids.extend(keys::read_u64(&v, 0)),
            None => {
                for (_, v) in store.key_entries(&prefix, limit)? {
                    ids.extend(keys::read_u64(&v, 0));
                }
            }
        }
    } else if how == Lookup::Digits {
        if let Some(m) = lookup(store, &MemberRef::Card(digits.clone()))? {
            return Ok(vec![m]);
        }
        // The whole number first: a trunk 0 or an international prefix typed (0044 …) is
        // not in the stored digits, so its tail alone would miss.
        for whole in phone::query_digits(q, &config.phone_countries()) {
            phone_ids(store, &keys::phone_prefix(&whole), limit, &mut ids)?;
        }
        phone_ids(store, &keys::phone_tail_prefix(&digits), limit, &mut ids)?;
    } else if let Some(index) = index {
        ids = index.find_names(q, limit);
    } else {
        return find_by_name(store, q, limit);
    }
    let mut out = Vec::new();
    for id in ids {
        if let Some(m) = store.get::<Member>(T::Members, &keys::id(id))? {
            out.push(m);
        }
    }
    Ok(out)
}

/// Adds the members of the phone keys under `prefix` not in `ids` yet, up to `limit` in all.
fn phone_ids(store: &Store, prefix: &[u8], limit: usize, ids: &mut Vec<u64>) -> Result<(), OpError> {
    for (k, _) in store.key_entries(prefix, limit)? {
        if ids.len() >= limit {
            break;
        }
        if let Some(id) = keys::read_u64(&k, k.len().saturating_sub(8))
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    Ok(())
}

/// Scans members for a name match by [`search::name_rank`].
fn find_by_name(store: &Store, q: &str, limit: usize) -> Result<Vec<Member>, OpError> {
    let needle = q.to_lowercase();
    let mut hits: Vec<(u8, Member)> = Vec::new();
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        let initials = |n: &str| search::all_initials(&m.name).iter().any(|i| i.starts_with(n));
        if let Some(rank) = search::name_rank(&m.name.to_lowercase(), initials, &needle) {
            hits.push((rank, m));
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.card.cmp(&b.1.card)));
    Ok(hits.into_iter().take(limit).map(|(_, m)| m).collect())
}

/// Views of members on `today`.
pub fn views(config: &Config, today: NaiveDate, members: &[Member]) -> Vec<MemberView> {
    members.iter().map(|m| MemberView::on(config, today, m)).collect()
}

/// A member's stays, newest first, at most `limit`.
pub fn stays_of(store: &Store, member_id: u64, limit: usize) -> Result<Vec<Stay>, OpError> {
    let mut out = Vec::new();
    for item in store.tree(T::Stays).scan_prefix(keys::id(member_id)).rev().take(limit) {
        let (k, v) = item?;
        out.push(crate::store::decode_at(T::Stays, &k, &v)?);
    }
    Ok(out)
}

/// A member's ledger postings, newest first, at most `limit`.
pub fn ledger_of(store: &Store, member_id: u64, limit: usize) -> Result<Vec<Posting>, OpError> {
    let mut out = Vec::new();
    for item in store.tree(T::Ledger).scan_prefix(keys::id(member_id)).rev().take(limit) {
        let (k, v) = item?;
        out.push(crate::store::decode_at(T::Ledger, &k, &v)?);
    }
    Ok(out)
}

/// Every reward in the catalogue, by code.
pub fn rewards(store: &Store) -> Result<Vec<Reward>, OpError> {
    let mut out: Vec<Reward> =
        store.scan_prefix::<Reward>(T::Rewards, &[]).map(|r| r.map(|(_, v)| v)).collect::<Result<_, _>>()?;
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// A member's redemptions, newest first.
pub fn redemptions_of(store: &Store, member_id: u64) -> Result<Vec<Redemption>, OpError> {
    let mut out = Vec::new();
    for item in store.tree(T::Keys).scan_prefix(keys::pair_prefix(keys::MEMBER_REDEMPTION, member_id)).rev() {
        let (k, _) = item?;
        if let Some(id) = keys::read_u64(&k, 9)
            && let Some(r) = store.get::<Redemption>(T::Redemptions, &keys::id(id))?
        {
            out.push(r);
        }
    }
    Ok(out)
}

/// One complaint.
pub fn complaint(store: &Store, id: u64) -> Result<Option<Complaint>, OpError> {
    Ok(store.get::<Complaint>(T::Complaints, &keys::id(id))?)
}

/// Filters for listing complaints.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ComplaintFilter {
    /// Only these states (any when empty).
    pub states: Vec<frontdesk_core::domain::complaint::ComplaintState>,
    /// Only this category.
    pub category: Option<String>,
    /// Only this severity.
    pub severity: Option<String>,
    /// Only this property.
    pub property: Option<String>,
    /// Only this member.
    pub member_id: Option<u64>,
}

/// Complaints matching `f`, ordered by next due time (most urgent first).
pub fn complaints(store: &Store, f: &ComplaintFilter) -> Result<Vec<Complaint>, OpError> {
    let mut out = Vec::new();
    for item in store.scan_prefix::<Complaint>(T::Complaints, &[]) {
        let (_, c) = item?;
        let keep = (f.states.is_empty() || f.states.contains(&c.state))
            && f.category.as_ref().is_none_or(|x| *x == c.category)
            && f.severity.as_ref().is_none_or(|x| *x == c.severity)
            && f.property.as_ref().is_none_or(|x| *x == c.property)
            && f.member_id.is_none_or(|x| Some(x) == c.member_id);
        if keep {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (!c.state.is_open(), c.next_due(), c.id));
    Ok(out)
}

/// Complaint views with the members' cards filled in.
pub fn complaint_views(store: &Store, list: &[Complaint], now: i64) -> Result<Vec<ComplaintView>, OpError> {
    list.iter()
        .map(|c| {
            let card = match c.member_id {
                Some(id) => store.get::<Member>(T::Members, &keys::id(id))?.map(|m| m.card),
                None => None,
            };
            Ok(ComplaintView::of(c, card, now))
        })
        .collect()
}

/// The store-wide totals.
pub fn overview(store: &Store) -> Result<Overview, OpError> {
    Ok(store.get::<Overview>(T::Agg, b"overview")?.unwrap_or_default())
}

/// Requests for approval, oldest first: only pending ones unless `all`, at most `limit`.
pub fn approvals(store: &Store, all: bool, limit: usize) -> Result<Vec<Approval>, OpError> {
    let mut out = Vec::new();
    for item in store.scan_prefix::<Approval>(T::Approvals, &[]) {
        let (_, a) = item?;
        if all || a.state == ApprovalState::Pending {
            out.push(a);
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}
