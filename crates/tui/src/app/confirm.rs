//! Confirmations are data: a form or an action builds a [`Confirm`] that shows the effect
//! of its write (balance before → after, what will wait for approval), and only the
//! answer `y` runs it. Enter never confirms: a card reader's Enter or a second press of
//! the key that opened the question cannot write anything.

use super::action::Action;
use super::msg::Job;
use super::{Model, Popup};
use frontdesk_store::ops::Command;

/// A write waiting for the user's yes.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    /// The effect, line by line (e.g. balance before → after).
    pub lines: Vec<String>,
    /// What runs on yes.
    pub command: Command,
    /// Member to reload afterwards.
    pub reload: Option<u64>,
    /// The promotion preview the lines still wait for (boxed: most confirmations have none,
    /// and every popup is as large as its largest kind).
    pub awaiting: Option<Box<PromotionPreview>>,
    /// What the clerk must know before saying yes (it waits for a supervisor's approval).
    pub notice: Option<String>,
    /// The write clashes with something already stored (a stay overlapping another):
    /// yes alone does not write it; `o` runs this command, which says it is meant.
    pub overriding: Option<Box<Command>>,
    /// The residence of an enrolment or edit, sent once the member is saved.
    pub residence: Option<frontdesk_core::domain::residence::Residence>,
}

impl Confirm {
    /// A confirmation of `command` with its effect.
    pub(crate) fn new(title: String, lines: Vec<String>, command: Command, reload: Option<u64>) -> Confirm {
        Confirm { title, lines, command, reload, awaiting: None, notice: None, overriding: None, residence: None }
    }
}

/// A confirmation's request for the promotions its write would earn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromotionPreview {
    /// Generation of the request.
    pub generation: u64,
    /// The member's balance now.
    pub balance: i64,
    /// Points the write earns before promotions.
    pub points: i64,
}

/// Runs a confirmed command.
pub(crate) fn execute(m: &mut Model, command: Command, reload: Option<u64>) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    m.say_passing(m.t("status.saving"));
    vec![Job::Execute { generation, command: Box::new(command), reload }]
}

/// An answer to the question on top.
pub(crate) fn answer(m: &mut Model, action: Action) -> Vec<Job> {
    let Some(top) = m.popups.pop() else { return Vec::new() };
    match (top, action) {
        (Popup::QuitConfirm, Action::Yes) => m.quit = true,
        (Popup::DiscardConfirm, Action::Yes) => {
            // The form under the question goes, unsaved.
            m.popups.pop();
        }
        (Popup::Confirm(c), Action::Yes) if c.overriding.is_some() => {
            let key = m.keymap.key_in(super::action::Scope::Confirm, Action::Override).unwrap_or_default();
            m.say(m.texts.fill("confirm.needs_override", &[("key", key)]), true);
            m.popups.push(Popup::Confirm(c));
        }
        (Popup::Confirm(c), Action::Yes) => {
            let c = *c;
            m.pending_residence = c.residence;
            return execute(m, c.command, c.reload);
        }
        (Popup::Confirm(c), Action::Override) => match c.overriding {
            Some(command) => return execute(m, *command, c.reload),
            None => m.popups.push(Popup::Confirm(c)),
        },
        (_, Action::No) => {}
        (other, _) => m.popups.push(other),
    }
    Vec::new()
}
