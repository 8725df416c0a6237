//! Contact data as one operator may see it: clerks get phones and e-mails masked (see
//! [`frontdesk_core::domain::privacy`]). Applied where member data leaves the store for an
//! operator — [`super::execute`]'s replies, and the reads that the CLI and the worker
//! turn into views — so a clerk never receives a whole value unless they reveal it
//! (`Command::RevealContact`, audited). Masking is not idempotent: apply it once.

use super::Reply;
use super::view::MemberView;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Role;
use frontdesk_core::domain::privacy::{mask_email, mask_phone, sees_contact};

fn mask(role: Role, email: &mut Option<String>, phone: &mut Option<String>) {
    if sees_contact(role) {
        return;
    }
    if let Some(e) = email.as_mut() {
        *e = mask_email(e);
    }
    if let Some(p) = phone.as_mut() {
        *p = mask_phone(p);
    }
}

/// Masks a member view for `role`.
pub fn view(role: Role, v: &mut MemberView) {
    mask(role, &mut v.email, &mut v.phone);
}

/// Masks a stored member record for `role` (the terminal UI keeps one to fill forms).
pub fn member(role: Role, m: &mut Member) {
    mask(role, &mut m.email, &mut m.phone);
}

/// Masks every member view in a command's reply for `role`. A revealed contact is left
/// whole: revealing it is what the command was for.
pub(crate) fn reply(role: Role, r: &mut Reply) {
    let v = match r {
        Reply::Member(o) => &mut o.member,
        Reply::Stay(o) => &mut o.member,
        Reply::Points(o) => &mut o.member,
        Reply::Redemption(o) => &mut o.member,
        Reply::Expired(o) => &mut o.member,
        Reply::Activity(o) => &mut o.member,
        Reply::Approval(o) => match &mut o.member {
            Some(v) => v,
            None => return,
        },
        Reply::Reward(_)
        | Reply::Complaint(_)
        | Reply::Restored(_)
        | Reply::Operator(_)
        | Reply::Contact(_)
        | Reply::Promotion(_) => return,
    };
    view(role, v);
}
