//! Operators: adding, disabling, resetting PINs, and counting sign-in failures. Operators
//! are never deleted (the audit trail names them), so the `next.operator` counter in
//! `meta` also says whether any operator exists.

pub mod pin;
mod signin;

pub use signin::{SignInError, sign_in};

use super::{Ctx, OpError, Reply, Stage};
use crate::store::{T, keys};
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::operator::{Operator, OperatorStatus, Role, normalise_login};
use frontdesk_core::i18n::errors::{Act, Clash, Missing, Reason, Refusal};
use serde::Serialize;

const COUNTER: &str = "operator";

/// A new operator; the PIN arrives already hashed (see [`pin::hash`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct NewOperator {
    /// Login name as typed.
    pub login: String,
    /// Name shown to people.
    pub name: String,
    pub role: Role,
    /// Argon2id PHC string of the PIN.
    pub pin_hash: String,
}

/// An operator as shown: everything but the PIN hash.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct OperatorView {
    pub id: u64,
    /// Login name.
    pub login: String,
    pub name: String,
    /// `clerk`, `supervisor`, `manager` or `admin`.
    pub role: String,
    /// `active` or `disabled`.
    pub status: String,
    /// Wrong PINs since the last success or lock-out.
    pub failed_attempts: u32,
    /// Locked out until (UTC ms), if ever.
    pub locked_until: Option<Millis>,
    /// Created (UTC ms).
    pub created_at: Millis,
    /// Last changed (UTC ms).
    pub updated_at: Millis,
}

impl From<&Operator> for OperatorView {
    fn from(o: &Operator) -> Self {
        OperatorView {
            id: o.id,
            login: o.login.clone(),
            name: o.name.clone(),
            role: o.role.as_str().to_string(),
            status: o.status.as_str().to_string(),
            failed_attempts: o.failed_attempts,
            locked_until: o.locked_until,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// What an operator command did.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct OperatorOutcome {
    /// True when nothing had to change (e.g. disabling a disabled operator).
    pub duplicate: bool,
    /// The operator after the command.
    pub operator: OperatorView,
    /// For a sign-in attempt: whether this failure locked the operator out.
    pub locked: bool,
}

fn reply(o: &Operator, duplicate: bool, locked: bool) -> Reply {
    Reply::Operator(OperatorOutcome { duplicate, operator: o.into(), locked })
}

/// Whether any operator was ever added.
pub(super) fn any_exist(stage: &Stage<'_>) -> Result<bool, OpError> {
    Ok(stage.get_raw(T::Meta, format!("next.{COUNTER}").as_bytes())?.is_some())
}

/// Every operator, by id (operators are few, and reading them by id sees staged writes).
fn all(stage: &Stage<'_>) -> Result<Vec<Operator>, OpError> {
    let next =
        stage.get_raw(T::Meta, format!("next.{COUNTER}").as_bytes())?.and_then(|v| keys::read_u64(&v, 0)).unwrap_or(1);
    let mut out = Vec::new();
    for id in 1..next {
        if let Some(o) = stage.get::<Operator>(T::Operators, &keys::id(id))? {
            out.push(o);
        }
    }
    Ok(out)
}

/// The operator with this login.
pub(super) fn by_login(stage: &Stage<'_>, login: &str) -> Result<Operator, OpError> {
    let norm = normalise_login(login).map_err(|r| OpError::invalid("login", r))?;
    let id = stage
        .key_target(&keys::text(keys::OPERATOR_LOGIN, &norm))?
        .ok_or_else(|| OpError::NotFound(Missing::Operator { login: norm.clone() }))?;
    stage
        .get::<Operator>(T::Operators, &keys::id(id))?
        .ok_or_else(|| OpError::NotFound(Missing::OperatorIndexed { login: norm.clone() }))
}

/// Refuses unless the actor is a stored, active admin acting as admin.
fn require_admin(stage: &Stage<'_>, ctx: &Ctx<'_>, act: Act) -> Result<Operator, OpError> {
    let refused = || OpError::Refused(Refusal::AdminOnly { act });
    let me = by_login(stage, &ctx.actor.name).map_err(|_| refused())?;
    if me.status != OperatorStatus::Active || me.role != Role::Admin || ctx.actor.role != Role::Admin {
        return Err(refused());
    }
    Ok(me)
}

fn check_new(input: &NewOperator) -> Result<(String, String), OpError> {
    let login = normalise_login(&input.login).map_err(|r| OpError::invalid("login", r))?;
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(OpError::invalid("--name", Reason::OperatorName));
    }
    if !input.pin_hash.starts_with("$argon2id$") {
        return Err(OpError::invalid("PIN", Reason::PinUnhashed));
    }
    Ok((login, name))
}

pub(super) fn add(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &NewOperator) -> Result<Reply, OpError> {
    let (login, name) = check_new(input)?;
    if any_exist(stage)? {
        require_admin(stage, ctx, Act::AddOperators)?;
    } else if input.role != Role::Admin {
        return Err(OpError::Refused(Refusal::FirstAdmin));
    }
    let key = keys::text(keys::OPERATOR_LOGIN, &login);
    if stage.key_target(&key)?.is_some() {
        return Err(OpError::Conflict(Clash::Operator { login }));
    }
    let id = stage.next_id(COUNTER)?;
    let o = Operator {
        id,
        login: login.clone(),
        name,
        role: input.role,
        pin_hash: input.pin_hash.clone(),
        status: OperatorStatus::Active,
        failed_attempts: 0,
        lockouts: 0,
        locked_until: None,
        created_at: ctx.now,
        updated_at: ctx.now,
    };
    stage.put(T::Operators, &keys::id(id), &o);
    stage.put_raw(T::Keys, &key, keys::id(id).to_vec());
    // The operator's name stays out: audit records are never changed, names may be erased.
    let after = format!("{}, active", o.role.as_str());
    stage.audit(ctx.now, &ctx.actor, "operator.add", format!("operator {login}"), String::new(), after);
    Ok(reply(&o, false, false))
}

pub(super) fn disable(stage: &Stage<'_>, ctx: &Ctx<'_>, login: &str) -> Result<Reply, OpError> {
    let me = require_admin(stage, ctx, Act::DisableOperators)?;
    let mut o = by_login(stage, login)?;
    if o.status == OperatorStatus::Disabled {
        return Ok(reply(&o, true, false));
    }
    if o.id == me.id {
        return Err(OpError::Refused(Refusal::DisableYourself));
    }
    if o.role == Role::Admin {
        let active_admins =
            all(stage)?.iter().filter(|x| x.role == Role::Admin && x.status == OperatorStatus::Active).count();
        if active_admins <= 1 {
            return Err(OpError::Refused(Refusal::LastAdmin { login: o.login.clone() }));
        }
    }
    o.status = OperatorStatus::Disabled;
    o.updated_at = ctx.now;
    stage.put(T::Operators, &keys::id(o.id), &o);
    let target = format!("operator {}", o.login);
    stage.audit(ctx.now, &ctx.actor, "operator.disable", target, "active".into(), "disabled".into());
    Ok(reply(&o, false, false))
}

pub(super) fn reset_pin(stage: &Stage<'_>, ctx: &Ctx<'_>, login: &str, pin_hash: &str) -> Result<Reply, OpError> {
    require_admin(stage, ctx, Act::ResetPins)?;
    if !pin_hash.starts_with("$argon2id$") {
        return Err(OpError::invalid("PIN", Reason::PinUnhashed));
    }
    let mut o = by_login(stage, login)?;
    let was_locked = o.locked_at(ctx.now);
    o.clear_failures();
    o.pin_hash = pin_hash.to_string();
    o.updated_at = ctx.now;
    stage.put(T::Operators, &keys::id(o.id), &o);
    let before = if was_locked { "locked out" } else { "" };
    let target = format!("operator {}", o.login);
    stage.audit(ctx.now, &ctx.actor, "operator.reset_pin", target, before.into(), "new PIN".into());
    Ok(reply(&o, false, false))
}

/// Records the result of a PIN check made outside the transaction (Argon2 is slow on
/// purpose): a failure counts towards a lock-out, a success clears them; both are audited.
pub(super) fn record_sign_in(stage: &Stage<'_>, ctx: &Ctx<'_>, login: &str, success: bool) -> Result<Reply, OpError> {
    let mut o = by_login(stage, login)?;
    let target = format!("operator {}", o.login);
    if success {
        let before = format!("{} failed", o.failed_attempts);
        let changed = o.clear_failures();
        if changed {
            o.updated_at = ctx.now;
            stage.put(T::Operators, &keys::id(o.id), &o);
        }
        stage.audit(ctx.now, &ctx.actor, "operator.sign_in", target, before, "signed in".into());
        return Ok(reply(&o, !changed, false));
    }
    let before = format!("{} failed", o.failed_attempts);
    let locked = o.fail(ctx.now, ctx.config.operators.lockout());
    stage.put(T::Operators, &keys::id(o.id), &o);
    let after = match o.locked_until {
        Some(t) if locked => format!("locked out until {}", signin::instant(t)),
        _ => format!("{} failed", o.failed_attempts),
    };
    stage.audit(ctx.now, &ctx.actor, "operator.sign_in_failed", target, before, after);
    Ok(reply(&o, false, locked))
}
