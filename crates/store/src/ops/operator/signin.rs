//! Signing an operator in: the PIN is checked outside any transaction (Argon2 takes tens
//! of milliseconds on purpose), then the outcome is recorded through [`super::super::execute`]
//! so that failures and lock-outs are counted durably and audited.

use super::super::{Command, Ctx, ExitCode, OpError, execute};
use super::pin;
use crate::store::{Store, T, keys};
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::operator::{Actor, Operator, OperatorStatus, Role, normalise_login};
use frontdesk_core::i18n::errors::{Denial, Fault, SignInRefusal};
use thiserror::Error;

/// Why a sign-in was refused.
#[derive(Debug, Error)]
pub enum SignInError {
    /// Unknown or disabled operator, missing or wrong PIN (exit 5), or locked out: even the
    /// right PIN is refused until then (exit 6).
    #[error("{0}")]
    Refused(SignInRefusal),
    /// The store failed while recording the attempt.
    #[error(transparent)]
    Op(#[from] OpError),
}

impl SignInError {
    /// Process exit code.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            SignInError::Refused(SignInRefusal::Denied { .. }) => ExitCode::SignInRefused,
            SignInError::Refused(SignInRefusal::Locked { .. }) => ExitCode::LockedOut,
            SignInError::Op(e) => e.exit_code(),
        }
    }
}

impl SignInError {
    /// What the error says, as a value to send and render in any language.
    pub fn fault(&self) -> Fault {
        match self {
            SignInError::Refused(r) => r.clone().into(),
            SignInError::Op(e) => e.fault(),
        }
    }
}

fn denied(why: Denial) -> SignInError {
    SignInError::Refused(SignInRefusal::Denied { why })
}

fn locked(login: String, until: Millis) -> SignInError {
    SignInError::Refused(SignInRefusal::Locked { login, until: instant(until) })
}

/// An instant as `2026-11-23 10:05 UTC`.
pub(super) fn instant(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
}

/// Signs `login` in with `pin` at `ctx.now`; the actor carries the stored role, lowered
/// to `lower_to` when that is lower (a higher one is refused).
pub fn sign_in(
    store: &Store,
    ctx: &Ctx<'_>,
    login: &str,
    pin: &str,
    lower_to: Option<Role>,
) -> Result<Actor, SignInError> {
    let norm = normalise_login(login).map_err(|reason| denied(Denial::Login { reason }))?;
    let found = match store.tree(T::Keys).get(keys::text(keys::OPERATOR_LOGIN, &norm)).map_err(OpError::from)? {
        Some(v) => match keys::read_u64(&v, 0) {
            Some(id) => store.get::<Operator>(T::Operators, &keys::id(id)).map_err(OpError::from)?,
            None => None,
        },
        None => None,
    };
    let Some(op) = found else {
        return Err(denied(Denial::NoOperator { login: norm }));
    };
    if op.status != OperatorStatus::Active {
        return Err(denied(Denial::Disabled { login: norm }));
    }
    if let Some(until) = op.locked_until.filter(|_| op.locked_at(ctx.now)) {
        return Err(locked(norm, until));
    }
    if let Some(want) = lower_to
        && want > op.role
    {
        return Err(denied(Denial::RoleRaise {
            login: norm,
            role: op.role.as_str().to_string(),
            want: want.as_str().to_string(),
        }));
    }
    let ok = pin::matches(pin, &op.pin_hash);
    let record_ctx = Ctx { actor: Actor { name: norm.clone(), role: op.role }, ..ctx.clone() };
    if ok {
        // Every sign-in is audited (who worked when), so a success is recorded even when
        // there are no failures to clear.
        execute(store, &record_ctx, &Command::RecordSignIn { login: norm.clone(), success: true })?;
        return Ok(Actor { name: norm, role: lower_to.map_or(op.role, |r| r.min(op.role)) });
    }
    let reply = execute(store, &record_ctx, &Command::RecordSignIn { login: norm.clone(), success: false })?;
    match reply {
        crate::ops::Reply::Operator(o) if o.locked => Err(locked(norm, o.operator.locked_until.unwrap_or(ctx.now))),
        _ => {
            let left = ctx.config.operators.max_failures.saturating_sub(op.failed_attempts + 1);
            Err(denied(Denial::WrongPin { login: norm, left: frontdesk_core::i18n::WrongPins(i64::from(left)) }))
        }
    }
}
