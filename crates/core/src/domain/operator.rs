//! Operators, roles and what each may do alone.

use super::Millis;
use crate::i18n::errors::{PointsKind, Reason, Refusal};
use serde::{Deserialize, Serialize};

/// An operator role, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Front-desk clerk.
    Clerk,
    /// Shift supervisor.
    Supervisor,
    /// Duty or front-office manager.
    Manager,
    /// System administrator.
    Admin,
}

impl Role {
    /// Lower-case name, as used in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// Parses a role name.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "clerk" => Some(Role::Clerk),
            "supervisor" => Some(Role::Supervisor),
            "manager" => Some(Role::Manager),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Who is making a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Operator name, recorded in the ledger and audit.
    pub name: String,
    /// Role, which sets the limits.
    pub role: Role,
}

impl Actor {
    /// The actor for unattended jobs (imports, nightly expiry).
    pub fn system() -> Actor {
        Actor { name: "system".into(), role: Role::Admin }
    }
}

/// Whether an operator may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OperatorStatus {
    /// May sign in.
    Active,
    /// May not sign in; kept for the audit trail.
    Disabled,
}

impl OperatorStatus {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            OperatorStatus::Active => "active",
            OperatorStatus::Disabled => "disabled",
        }
    }
}

/// A stored operator. The PIN itself is never stored: only its Argon2id hash (PHC string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// Id (key of the `operators` tree).
    pub id: u64,
    /// Login name, normalised (see [`normalise_login`]); unique.
    pub login: String,
    /// Name shown to people.
    pub name: String,
    /// Role, which sets what the operator may do.
    pub role: Role,
    /// Argon2id hash of the PIN in PHC string format.
    pub pin_hash: String,
    /// Active or disabled.
    pub status: OperatorStatus,
    /// Wrong PINs since the last successful sign-in or lock-out.
    pub failed_attempts: u32,
    /// Lock-outs since the last successful sign-in (each one lasts longer).
    pub lockouts: u32,
    /// Sign-in is refused until this instant (UTC ms).
    pub locked_until: Option<Millis>,
    /// Created (UTC ms).
    pub created_at: Millis,
    /// Last changed (UTC ms).
    pub updated_at: Millis,
}

/// Lock-out rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutRule {
    /// Wrong PINs in a row that lock the operator out.
    pub max_failures: u32,
    /// Length of the first lock-out, ms; each further one doubles.
    pub first_ms: i64,
    /// Longest lock-out, ms.
    pub max_ms: i64,
}

impl Operator {
    /// Whether sign-in is refused at `now` because of a lock-out.
    pub fn locked_at(&self, now: Millis) -> bool {
        self.locked_until.is_some_and(|t| now < t)
    }

    /// Counts one wrong PIN at `now`; true when it locked the operator out.
    pub fn fail(&mut self, now: Millis, rule: LockoutRule) -> bool {
        self.failed_attempts = self.failed_attempts.saturating_add(1);
        self.updated_at = now;
        if self.failed_attempts < rule.max_failures.max(1) {
            return false;
        }
        let doublings = self.lockouts.min(20);
        let delay = rule.first_ms.saturating_mul(1_i64 << doublings).min(rule.max_ms.max(rule.first_ms));
        self.lockouts = self.lockouts.saturating_add(1);
        self.failed_attempts = 0;
        self.locked_until = Some(now.saturating_add(delay));
        true
    }

    /// Clears failures and lock-out after a successful sign-in or a PIN reset; true when
    /// anything changed.
    pub fn clear_failures(&mut self) -> bool {
        let changed = self.failed_attempts != 0 || self.lockouts != 0 || self.locked_until.is_some();
        self.failed_attempts = 0;
        self.lockouts = 0;
        self.locked_until = None;
        changed
    }
}

/// A login name as stored: trimmed, lower case, 2–32 of `a-z 0-9 . _ -`, not `system`.
pub fn normalise_login(raw: &str) -> Result<String, Reason> {
    let login = raw.trim().to_lowercase();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    if !(2..=32).contains(&login.chars().count()) || !login.chars().all(allowed) {
        return Err(Reason::Login { input: raw.to_string() });
    }
    if login == "system" {
        return Err(Reason::LoginReserved);
    }
    Ok(login)
}

/// Checks the shape of a PIN (4 to 12 digits) without ever echoing it.
pub fn check_pin(pin: &str) -> Result<(), Reason> {
    if (4..=12).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Reason::PinShape)
    }
}

/// Whether `points` (either sign) is within `limit`; the reason when not.
pub fn within_limit(role: Role, what: PointsKind, points: i64, limit: i64) -> Result<(), Refusal> {
    if points.unsigned_abs() <= limit.unsigned_abs() {
        Ok(())
    } else {
        Err(Refusal::AboveLimit { what, points: points.unsigned_abs(), role: role.as_str().to_string(), limit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(Role::Clerk, 2_500, 2_500, true)]
    #[case(Role::Clerk, 2_501, 2_500, false)]
    #[case(Role::Supervisor, -5_000, 5_000, true)]
    #[case(Role::Supervisor, -5_001, 5_000, false)]
    fn limits_bound_both_signs(#[case] role: Role, #[case] points: i64, #[case] limit: i64, #[case] ok: bool) {
        assert_eq!(within_limit(role, PointsKind::Goodwill, points, limit).is_ok(), ok);
    }

    fn op() -> Operator {
        Operator {
            id: 1,
            login: "ana".into(),
            name: "Ana".into(),
            role: Role::Clerk,
            pin_hash: String::new(),
            status: OperatorStatus::Active,
            failed_attempts: 0,
            lockouts: 0,
            locked_until: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn lockouts_come_after_max_failures_and_grow_up_to_the_cap() {
        let rule = LockoutRule { max_failures: 3, first_ms: 1_000, max_ms: 3_000 };
        let mut o = op();
        assert!(!o.fail(0, rule) && !o.fail(0, rule));
        assert!(o.fail(10, rule));
        assert_eq!(o.locked_until, Some(1_010));
        assert!(o.locked_at(1_009) && !o.locked_at(1_010));
        for _ in 0..3 {
            o.fail(2_000, rule);
        }
        assert_eq!(o.locked_until, Some(4_000));
        for _ in 0..3 {
            o.fail(5_000, rule);
        }
        assert_eq!(o.locked_until, Some(8_000), "capped at max_ms");
        assert!(o.clear_failures() && o.locked_until.is_none() && o.lockouts == 0);
    }

    #[rstest]
    #[case(" Ana.Li ", Some("ana.li"))]
    #[case("a", None)]
    #[case("system", None)]
    #[case("ana li", None)]
    fn logins_are_normalised(#[case] raw: &str, #[case] want: Option<&str>) {
        assert_eq!(normalise_login(raw).ok().as_deref(), want);
    }

    #[rstest]
    #[case("1234", true)]
    #[case("123456789012", true)]
    #[case("123", false)]
    #[case("1234567890123", false)]
    #[case("12a4", false)]
    fn pins_are_4_to_12_digits(#[case] pin: &str, #[case] ok: bool) {
        assert_eq!(check_pin(pin).is_ok(), ok);
    }

    #[test]
    fn roles_are_ordered_by_authority() {
        assert!(Role::Clerk < Role::Supervisor && Role::Supervisor < Role::Manager && Role::Manager < Role::Admin);
    }
}
