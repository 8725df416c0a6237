//! Key layouts. Integers are fixed-width big-endian so byte order is numeric order.

/// Prefix of e-mail → member id in the `keys` tree.
pub const EMAIL: u8 = b'e';
/// Prefix of card number → member id.
pub const CARD: u8 = b'c';
/// Prefix of reversed phone digits ‖ 0 ‖ member id → nothing (tail search and matching).
pub(crate) const PHONE: u8 = b'p';
/// Prefix of external reference → [`crate::store::records::ExtRef`].
pub const EXT_REF: u8 = b'x';
/// Prefix of member id ‖ complaint id → nothing.
pub(crate) const MEMBER_COMPLAINT: u8 = b'm';
/// Prefix of member id ‖ redemption id → nothing.
pub const MEMBER_REDEMPTION: u8 = b'r';
/// Prefix of birthday (month, day) ‖ member id → nothing: birthdays coming up.
pub(crate) const BIRTHDAY: u8 = b'b';
/// Prefix of reward code → reward id.
pub(crate) const REWARD_CODE: u8 = b'w';
/// Prefix of operator login → operator id.
pub(crate) const OPERATOR_LOGIN: u8 = b'o';
/// `a` ‖ member id ‖ activity id → empty: a member's activities.
pub(crate) const MEMBER_ACTIVITY: u8 = b'a';
/// `A` ‖ `{member id}:{once key}` → activity id: activities that earn once (enrolment,
/// birthday per year, fee per period…).
pub(crate) const ACTIVITY_ONCE: u8 = b'A';
/// `R` ‖ referred member id → referrer's member id, until the referral is credited.
pub(crate) const REFERRAL_PENDING: u8 = b'R';
/// `g` ‖ member id ‖ stay seq → the promotions' parts in that stay.
pub(crate) const STAY_GRANTS: u8 = b'g';
/// `P` ‖ promotion id → points it granted, net (i64 BE).
pub const PROMO_SPENT: u8 = b'P';
/// `Q` ‖ promotion id ‖ member id → points it granted the member, net (i64 BE).
pub const PROMO_MEMBER: u8 = b'Q';
/// `N` ‖ promotion id ‖ member id ‖ period start (days from CE, i32 BE) → eligible
/// activities counted (u32 BE).
pub(crate) const PROMO_COUNT: u8 = b'N';
/// `H` ‖ member id → [`frontdesk_core::domain::residence::Residence`]: building, unit and role of a
/// member of a managed property (kept apart so the member record stays as released).
pub const RESIDENCE: u8 = b'H';

/// An id as a key.
pub fn id(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// A key of a member's own sequence (stays, ledger): member id ‖ seq.
pub fn member_seq(member_id: u64, seq: u32) -> [u8; 12] {
    let mut k = [0u8; 12];
    k[..8].copy_from_slice(&member_id.to_be_bytes());
    k[8..].copy_from_slice(&seq.to_be_bytes());
    k
}

/// Prefix followed by text.
pub fn text(prefix: u8, s: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + s.len());
    k.push(prefix);
    k.extend_from_slice(s.as_bytes());
    k
}

/// Prefix followed by two ids.
pub fn pair(prefix: u8, a: u64, b: u64) -> [u8; 17] {
    let mut k = [0u8; 17];
    k[0] = prefix;
    k[1..9].copy_from_slice(&a.to_be_bytes());
    k[9..].copy_from_slice(&b.to_be_bytes());
    k
}

/// Prefix followed by one id, for scanning a member's pairs.
pub fn pair_prefix(prefix: u8, a: u64) -> [u8; 9] {
    let mut k = [0u8; 9];
    k[0] = prefix;
    k[1..].copy_from_slice(&a.to_be_bytes());
    k
}

/// Phone key: reversed digits so that a suffix of the number is a key prefix.
pub fn phone(digits: &str, member_id: u64) -> Vec<u8> {
    let mut k = phone_prefix(digits);
    k.extend_from_slice(&member_id.to_be_bytes());
    k
}

/// Scan prefix for the members whose number is `digits` exactly.
pub fn phone_prefix(digits: &str) -> Vec<u8> {
    let mut k = phone_tail_prefix(digits);
    k.push(0);
    k
}

/// Scan prefix for numbers ending in `tail`.
pub(crate) fn phone_tail_prefix(tail: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + tail.len() + 9);
    k.push(PHONE);
    k.extend(tail.bytes().rev());
    k
}

/// `N` ‖ promotion ‖ member ‖ period start.
pub(crate) fn promo_count(promotion: u64, member: u64, period: chrono::NaiveDate) -> [u8; 21] {
    let mut k = [0u8; 21];
    k[..17].copy_from_slice(&pair(PROMO_COUNT, promotion, member));
    k[17..].copy_from_slice(&chrono::Datelike::num_days_from_ce(&period).to_be_bytes());
    k
}

/// `g` ‖ member ‖ stay seq.
pub(crate) fn stay_grants(member: u64, seq: u32) -> [u8; 13] {
    let mut k = [0u8; 13];
    k[0] = STAY_GRANTS;
    k[1..].copy_from_slice(&member_seq(member, seq));
    k
}

/// Reads a big-endian u64 at `at`, if the slice is long enough.
pub fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    bytes.get(at..at + 8).and_then(|b| b.try_into().ok()).map(u64::from_be_bytes)
}

/// Reads a big-endian u32 at `at`, if the slice is long enough.
pub(crate) fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes)
}

/// Value of a birthday key: 1 when the member is active, then the home property code,
/// so that the report filters and counts without reading the members.
pub(crate) fn birthday_note(active: bool, home_property: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(1 + home_property.len());
    v.push(u8::from(active));
    v.extend_from_slice(home_property.as_bytes());
    v
}

/// Birthday key: month and day, then the member id.
pub fn birthday(month: u32, day: u32, member_id: u64) -> [u8; 11] {
    let mut k = [0u8; 11];
    k[0] = BIRTHDAY;
    k[1] = month as u8;
    k[2] = day as u8;
    k[3..].copy_from_slice(&member_id.to_be_bytes());
    k
}
