//! Operators: each record is keyed by its id, indexed by its login, logins are unique and
//! normalised, and once any operator exists at least one active admin remains (a store
//! without one could never add or re-enable anybody: reported, never assumed fine).

use super::{Checker, Lookup};
use crate::store::{StoreError, T, hex, keys};
use frontdesk_core::domain::approval::{Approval, ApprovalState};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::{Operator, OperatorStatus, Role, normalise_login};
use std::collections::HashMap;

/// Checks every operator record.
pub(super) fn check(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let mut logins: HashMap<String, u64> = HashMap::new();
    let mut active_admins = 0u64;
    for item in c.store.tree(T::Operators).iter() {
        let (key, value) = item?;
        let Some(o) = c.decode::<Operator>(T::Operators, &key, &value) else {
            continue;
        };
        c.report.operators += 1;
        c.max_ids.operator = c.max_ids.operator.max(o.id);
        if key.as_ref() != keys::id(o.id) {
            c.problem(format!("operators {}: holds operator id {} under another key", hex(&key), o.id));
        }
        if normalise_login(&o.login).ok().as_deref() != Some(o.login.as_str()) {
            c.problem(format!("operator {} (id {}): login is not in normal form", o.login, o.id));
        }
        if !o.pin_hash.starts_with("$argon2id$") {
            c.problem(format!("operator {} (id {}): PIN hash is not an Argon2id hash", o.login, o.id));
        }
        if let Some(other) = logins.insert(o.login.clone(), o.id) {
            c.problem(format!("operator {}: ids {other} and {} share one login", o.login, o.id));
        }
        let indexed = c.store.tree(T::Keys).get(keys::text(keys::OPERATOR_LOGIN, &o.login))?;
        match indexed.as_deref().and_then(|v| keys::read_u64(v, 0)) {
            Some(id) if id == o.id => {}
            Some(id) => c.problem(format!("operator {} (id {}): login key points at id {id}", o.login, o.id)),
            None => c.problem(format!("operator {} (id {}): login key missing", o.login, o.id)),
        }
        if o.role == Role::Admin && o.status == OperatorStatus::Active {
            active_admins += 1;
        }
    }
    if c.report.operators > 0 && active_admins == 0 {
        c.problem(format!("operators: {} operator(s) but no active admin", c.report.operators));
    }
    Ok(())
}

/// `o` ‖ login → operator id: the operator exists and has that login.
pub(super) fn check_login_key(c: &mut Checker<'_>, body: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let login = String::from_utf8_lossy(body).into_owned();
    let Some(id) = keys::read_u64(value, 0).filter(|_| value.len() == 8) else {
        c.problem(format!("keys operator login {login}: value is not an 8-byte operator id"));
        return Ok(());
    };
    match c.lookup::<Operator>(T::Operators, &keys::id(id))? {
        Lookup::Found(o) if o.login != login => {
            c.problem(format!("keys operator login {login}: points at operator id {id}, whose login is {}", o.login))
        }
        Lookup::Missing => {
            c.problem(format!("keys operator login {login}: points at operator id {id}, which does not exist"))
        }
        _ => {}
    }
    Ok(())
}

/// Approval requests: keyed by their id, for an existing member, decided ones name their
/// checker, who is never their maker.
pub(super) fn check_approvals(c: &mut Checker<'_>) -> Result<(), StoreError> {
    for item in c.store.tree(T::Approvals).iter() {
        let (key, value) = item?;
        let Some(a) = c.decode::<Approval>(T::Approvals, &key, &value) else {
            continue;
        };
        c.max_ids.approval = c.max_ids.approval.max(a.id);
        if key.as_ref() != keys::id(a.id) {
            c.problem(format!("approvals {}: holds request {} under another key", hex(&key), a.id));
        }
        if let Lookup::Missing = c.lookup::<Member>(T::Members, &keys::id(a.change.member_id()))? {
            c.problem(format!("approval request {}: member id {} does not exist", a.id, a.change.member_id()));
        }
        match (a.state, a.checker.as_deref()) {
            (ApprovalState::Pending, None) => {}
            (ApprovalState::Pending, Some(_)) => c.problem(format!("approval request {}: pending but decided", a.id)),
            (_, None) => c.problem(format!("approval request {}: {} without a checker", a.id, a.state.as_str())),
            (_, Some(checker)) if checker == a.maker => {
                c.problem(format!("approval request {}: decided by its own maker {checker}", a.id))
            }
            _ => {}
        }
    }
    Ok(())
}
