//! The context of a command: rules, who acts, and when.

use super::OpError;
use crate::config::Config;
use crate::domain::Millis;
use crate::domain::operator::Actor;
use crate::i18n::errors::{Act, Refusal};
use chrono::NaiveDate;

/// What a command needs besides the store: rules, who, and when.
#[derive(Debug, Clone)]
pub struct Ctx<'a> {
    /// Rules.
    pub config: &'a Config,
    /// Who makes the change.
    pub actor: Actor,
    /// Now (UTC ms), from the injected clock.
    pub now: Millis,
    /// Business date.
    pub today: NaiveDate,
}

impl Ctx<'_> {
    /// Refuses unless the actor is a manager or an admin; `act` completes "may …".
    pub fn require_manager(&self, act: Act) -> Result<(), OpError> {
        if self.actor.role >= crate::domain::operator::Role::Manager {
            Ok(())
        } else {
            Err(OpError::Refused(Refusal::ManagerOnly { act, role: self.actor.role.as_str().to_string() }))
        }
    }
}
