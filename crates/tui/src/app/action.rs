//! The vocabulary of the UI: every action a key can trigger, and where it applies.
//! The keymap (`keymap.rs`) binds keys to these; panels list the ones they offer, and the
//! help bar and the help overlay are drawn from the same list and the same bindings.

/// Where keys go: each action belongs to one or more scopes, and the focus decides which
/// scopes are live (see `focus.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Wherever a panel, the search box or a form has the focus: tabs, search, help,
    /// messages, lock, quit. Printable keys among them do not reach a text field's
    /// owner: there they are typed.
    Global,
    /// A list or panel with the focus.
    List,
    /// The members search box.
    Search,
    Form,
    /// A question waiting for an answer (a confirmation, quit, discard).
    Confirm,
    /// An overlay that only shows something (help, the message log).
    Overlay,
}

/// Something the user asks for. Panels give each action its meaning in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Leave frontdesk (asks first when a form holds typed data).
    Quit,
    /// Show or hide the help overlay.
    Help,
    /// Go to tab 1–6.
    Tab(u8),
    /// Start a new member search from any tab (the search box is cleared).
    Search,
    /// Show the message log: every status message, refusal and error with its time.
    Messages,
    /// Lock the desk now (sign in again to go on); only when operators exist.
    Lock,
    /// Reload the panel from the store.
    Refresh,
    /// Open the highlighted item (a member, a complaint, a reward's redemption).
    Open,
    /// Go back or close; never discards typed data or confirms anything.
    Back,
    /// Select the previous row (in a form: the previous field).
    Up,
    /// Select the next row (in a form: the next field).
    Down,
    PageUp,
    PageDown,
    /// The first row.
    Home,
    /// The last row.
    End,
    /// Next form field, or the other pane of a panel.
    NextField,
    /// Previous form field, or the other pane of a panel.
    PrevField,
    /// Check the form and show what saving it would do.
    Submit,
    /// Answer yes to the question shown.
    Yes,
    /// Answer no; nothing is written.
    No,
    /// Write although the confirmation warns (an overlapping stay: a second room).
    Override,
    /// Create: enrol a member, log a complaint.
    New,
    /// Edit the member.
    Edit,
    /// Post a stay for the member (a resident: record a fee payment or event).
    Post,
    /// Reverse the highlighted stay or activity (a reason is asked).
    Reverse,
    /// Adjust the member's points (a reason is asked).
    Adjust,
    /// Fulfil the highlighted redemption.
    Fulfil,
    /// Cancel the highlighted redemption (refund), or reject the highlighted request.
    Cancel,
    /// Move the highlighted complaint to another state.
    Transition,
    /// Grant goodwill points on the highlighted complaint.
    Goodwill,
    /// Record follow-up scores on the highlighted complaint.
    FollowUp,
    /// Cycle the list filter.
    Filter,
    /// Narrow the list by category, severity and property.
    FilterBy,
    /// Previous view of the panel.
    PrevView,
    /// Next view of the panel.
    NextView,
    /// Show the open member's whole phone and e-mail (audited) until leaving the member.
    Reveal,
}

impl Action {
    /// Name used in the `[ui.keys]` configuration table.
    pub fn name(self) -> String {
        match self {
            Action::Tab(n) => format!("tab_{n}"),
            other => {
                let debug = format!("{other:?}");
                let mut out = String::new();
                for (i, c) in debug.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                out
            }
        }
    }

    /// Every action, for the help overlay and configuration checks.
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut v = vec![Quit, Help];
        v.extend((1..=6).map(Tab));
        v.extend([
            Search, Messages, Lock, Refresh, Open, Back, Up, Down, PageUp, PageDown, Home, End, NextField, PrevField,
            Submit, Yes, No, Override, New, Edit, Post, Reverse, Adjust, Fulfil, Cancel, Transition, Goodwill,
            FollowUp, Filter, FilterBy, PrevView, NextView, Reveal,
        ]);
        v
    }

    /// The scopes the action has a meaning in.
    pub fn scopes(self) -> &'static [Scope] {
        use Action::*;
        use Scope::{Confirm, Form, Global, List, Overlay};
        const S: Scope = Scope::Search;
        match self {
            Quit | Help | Tab(_) | Search | Messages | Lock | Refresh => &[Global],
            Back => &[List, S, Form, Overlay],
            Up | Down => &[List, S, Form, Overlay],
            PageUp | PageDown => &[List, S, Overlay],
            // In the search box Home and End move the caret.
            Home | End => &[List, Overlay],
            Open => &[List, S],
            NextField | PrevField => &[List, S, Form],
            Submit => &[Form],
            Yes | No | Override => &[Confirm],
            New | Edit | Post | Reverse | Adjust | Fulfil | Cancel | Transition | Goodwill | FollowUp | Filter
            | FilterBy | PrevView | NextView | Reveal => &[List],
        }
    }

    /// Catalogue key of the one-line description in the help overlay.
    pub fn description(self) -> String {
        match self {
            Action::Tab(n) => format!("action.tab_{n}"),
            other => format!("action.{}", other.name()),
        }
    }
}

/// A move within a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    /// One row up.
    Up,
    /// One row down.
    Down,
    PageUp,
    PageDown,
    /// The first row.
    Home,
    /// The last row.
    End,
}

impl Nav {
    /// The move an action asks for, if it is one.
    pub(crate) fn of(a: Action) -> Option<Nav> {
        Some(match a {
            Action::Up => Nav::Up,
            Action::Down => Nav::Down,
            Action::PageUp => Nav::PageUp,
            Action::PageDown => Nav::PageDown,
            Action::Home => Nav::Home,
            Action::End => Nav::End,
            _ => return None,
        })
    }
}
