//! The columns of each export, in order, and one record as one row of cells. The column
//! names are the field names `frontdesk import` reads in its own layout (`Kind::fields`),
//! so an export is an import file as it stands.

use super::text;
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::money;
use frontdesk_core::domain::reward::Redemption;
use frontdesk_core::domain::stay::Stay;
use frontdesk_store::ops::view::tier_table;

/// One value of a row: CSV writes it as text, JSONL as the JSON value of its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    /// No value: an empty CSV cell, JSON `null`.
    Null,
    /// Text (dates and money amounts too).
    Text(String),
    /// A whole number.
    Int(i64),
    /// True or false.
    Bool(bool),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt<T: ToString>(v: Option<T>) -> Cell {
    v.map_or(Cell::Null, |v| Cell::Text(v.to_string()))
}

fn int(v: impl Into<i64>) -> Cell {
    Cell::Int(v.into())
}

/// Member columns. Everything from `tier` on is derived (from stays, ledger and the
/// business date) and only informs: import reads none of it.
pub(crate) const MEMBERS: &[&str] = &[
    "card",
    "name",
    "email",
    "phone",
    "birthday",
    "property",
    "enrolled_on",
    "channel",
    "status",
    "notes",
    "tags",
    "marketing_consent",
    "tier_override",
    "tier_override_until",
    "tier",
    "tier_until",
    "balance",
    "lifetime_points",
    "stays",
    "nights",
    "last_stay",
    "last_activity",
    "lots",
];

/// Member columns that import accepts but does not read: they follow from other records
/// (held to the member layout by a test of the round trip).
#[cfg(test)]
pub(crate) const MEMBER_DERIVED: &[&str] =
    &["tier", "tier_until", "balance", "lifetime_points", "stays", "nights", "last_stay", "last_activity", "lots"];

/// A member on the business date `today`.
pub(crate) fn member(config: &Config, today: NaiveDate, m: &Member) -> Vec<Cell> {
    let table = tier_table(config);
    let over = m.tier_override.as_ref();
    vec![
        text(&m.card),
        text(&m.name),
        opt(m.email.as_ref()),
        opt(m.phone.as_ref()),
        opt(m.birthday),
        text(&m.home_property),
        text(m.enrolled_on.to_string()),
        text(&m.enrol_channel),
        text(m.status.as_str()),
        text(&m.notes),
        text(text::tags(&m.tags)),
        Cell::Bool(m.marketing_consent),
        opt(over.map(|o| &o.tier)),
        opt(over.map(|o| o.until)),
        text(table.code(table.rank_on(today, &m.qual, over))),
        opt(table.status_ends(today, &m.qual, over)),
        int(m.balance),
        int(m.lifetime_points),
        int(m.stays),
        int(m.nights),
        opt(m.last_stay),
        opt(m.last_activity),
        text(text::lots(&m.lots)),
    ]
}

/// Stay columns.
pub(crate) const STAYS: &[&str] = &[
    "member",
    "seq",
    "property",
    "arrival",
    "departure",
    "nights",
    "revenue",
    "currency",
    "channel",
    "status",
    "external_ref",
    "base_points",
    "bonus_points",
    "tier_at_arrival",
    "qualifies",
    "ledger_seq",
    "posted_at",
    "posted_by",
];

/// A stay of the member with card `card`; money with `digits` decimals.
pub(crate) fn stay(card: &str, s: &Stay, digits: u8) -> Vec<Cell> {
    vec![
        text(card),
        int(s.seq),
        text(&s.property),
        text(s.arrival.to_string()),
        text(s.departure.to_string()),
        int(s.nights),
        text(money::format(s.revenue_minor, digits)),
        text(&s.currency),
        text(&s.channel),
        text(s.status.as_str()),
        opt(s.external_ref.as_ref()),
        int(s.base_points),
        int(s.bonus_points),
        text(&s.tier_at_arrival),
        Cell::Bool(s.qualifies),
        s.ledger_seq.map_or(Cell::Null, int),
        text(text::instant(s.posted_at)),
        text(&s.posted_by),
    ]
}

/// Ledger columns. `points` is the net of `lines`, checked on import.
pub(crate) const LEDGER: &[&str] =
    &["member", "seq", "date", "at", "operator", "approver", "source", "reason", "points", "lines", "consumed"];

/// A posting of the member with card `card`.
pub(crate) fn posting(card: &str, p: &Posting) -> Vec<Cell> {
    vec![
        text(card),
        int(p.seq),
        text(p.date.to_string()),
        text(text::instant(p.at)),
        text(&p.operator),
        opt(p.approver.as_ref()),
        text(&p.source),
        text(&p.reason),
        int(p.net()),
        text(text::lines(&p.lines)),
        text(text::moves(&p.consumed)),
    ]
}

/// Complaint columns.
pub(crate) const COMPLAINTS: &[&str] = &[
    "id",
    "member",
    "property",
    "category",
    "severity",
    "channel",
    "description",
    "state",
    "opened_at",
    "respond_by",
    "resolve_by",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "goodwill_points",
    "csat",
    "nps",
    "external_ref",
    "timeline",
];

/// A complaint, with the card of its member if it has one.
pub(crate) fn complaint(card: Option<&str>, c: &Complaint) -> Vec<Cell> {
    let instant = |ms: Option<i64>| opt(ms.map(text::instant));
    let id = i64::try_from(c.id).unwrap_or(i64::MAX);
    vec![
        int(id),
        opt(card),
        text(&c.property),
        text(&c.category),
        text(&c.severity),
        text(&c.channel),
        text(&c.description),
        text(c.state.as_str()),
        text(text::instant(c.opened_at)),
        text(text::instant(c.respond_by)),
        text(text::instant(c.resolve_by)),
        instant(c.first_response_at),
        instant(c.resolved_at),
        instant(c.closed_at),
        int(c.goodwill_points),
        c.csat.map_or(Cell::Null, int),
        c.nps.map_or(Cell::Null, int),
        opt(c.external_ref.as_ref()),
        text(text::timeline(&c.timeline)),
    ]
}

/// Redemption columns. The reward is named by its code.
pub(crate) const REDEMPTIONS: &[&str] = &[
    "id",
    "member",
    "reward",
    "property",
    "points",
    "cash",
    "state",
    "date",
    "at",
    "operator",
    "posting_seq",
    "external_ref",
];

/// A redemption of the member with card `card`; money with `digits` decimals.
pub(crate) fn redemption(card: &str, r: &Redemption, digits: u8) -> Vec<Cell> {
    vec![
        int(i64::try_from(r.id).unwrap_or(i64::MAX)),
        text(card),
        text(&r.reward_code),
        text(&r.property),
        int(r.points),
        text(money::format(r.cash_minor, digits)),
        text(r.state.as_str()),
        text(r.date.to_string()),
        text(text::instant(r.at)),
        text(&r.operator),
        int(r.posting_seq),
        opt(r.external_ref.as_ref()),
    ]
}
