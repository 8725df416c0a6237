//! Operators, roles and what each may do alone.

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

/// Whether `points` (either sign) is within `limit`; the reason when not.
pub fn within_limit(role: Role, what: &str, points: i64, limit: i64) -> Result<(), String> {
    if points.unsigned_abs() <= limit.unsigned_abs() {
        Ok(())
    } else {
        Err(format!(
            "{what} of {} points is above the {} limit of {limit}; ask a higher role to do or approve it",
            points.unsigned_abs(),
            role.as_str()
        ))
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
        assert_eq!(within_limit(role, "goodwill", points, limit).is_ok(), ok);
    }

    #[test]
    fn roles_are_ordered_by_authority() {
        assert!(Role::Clerk < Role::Supervisor && Role::Supervisor < Role::Manager && Role::Manager < Role::Admin);
    }
}
