//! The context of a command: rules, who acts, and when.

use super::OpError;
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::i18n::errors::{Act, Refusal};

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
        if self.actor.role >= frontdesk_core::domain::operator::Role::Manager {
            Ok(())
        } else {
            Err(OpError::Refused(Refusal::ManagerOnly { act, role: self.actor.role.as_str().to_string() }))
        }
    }
}
