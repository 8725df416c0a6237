//! Where keys go. One answer for the whole screen, read by `update` to route a key, by
//! the event loop to tell a card reader's digits from a clerk's, and by the help bar and
//! the drawing of the focused pane.

use super::action::Scope;
use super::session::Session;
use super::{Model, Popup, Tab};

/// What has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The terminal is below 80×24: a notice shows and only Ctrl-C is taken.
    TooSmall,
    /// The setup, sign-in or lock screen: its fields take the keys.
    Session,
    /// The first-run screen of an empty store.
    Welcome,
    /// The help overlay or the message log.
    Overlay,
    /// A question: a confirmation, quit or discard.
    Confirm,
    /// A form; `text` when the focused field takes typed text (not a choice).
    Form {
        /// The focused field edits text.
        text: bool,
    },
    /// The members search box.
    Search,
    /// A list or panel of the current tab.
    List,
}

impl Focus {
    /// The scope whose key bindings apply.
    pub fn scope(self) -> Scope {
        match self {
            Focus::Overlay => Scope::Overlay,
            Focus::Confirm => Scope::Confirm,
            Focus::Form { .. } => Scope::Form,
            Focus::Search => Scope::Search,
            Focus::TooSmall | Focus::Session | Focus::Welcome | Focus::List => Scope::List,
        }
    }

    /// Whether typed characters land in a text field (there digits show at once).
    pub fn takes_text(self) -> bool {
        matches!(self, Focus::Session | Focus::Search | Focus::Form { text: true })
    }

    /// Catalogue key of the word the help bar starts with, saying where keys go.
    pub fn label(self) -> &'static str {
        match self {
            Focus::Form { text: true } | Focus::Search | Focus::Session => "focus.typing",
            Focus::Form { text: false } => "focus.choosing",
            Focus::Confirm => "focus.confirm",
            Focus::Overlay => "focus.overlay",
            Focus::TooSmall | Focus::Welcome | Focus::List => "focus.list",
        }
    }
}

/// Which pane of the current tab has the focus, for drawing it so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pane {
    /// The members search box.
    SearchBox,
    /// The main list or view of the tab.
    Main,
    /// The member's redemptions on the Rewards tab.
    Redemptions,
}

impl Model {
    /// Where keys go now.
    pub fn focus(&self) -> Focus {
        self.focus_below(0)
    }

    /// Where keys would go without the help overlay on top: the context the help describes.
    pub(crate) fn focus_beneath_help(&self) -> Focus {
        self.focus_below(usize::from(matches!(self.popups.last(), Some(Popup::Help))))
    }

    /// The focus with the top `skip` overlays left out.
    fn focus_below(&self, skip: usize) -> Focus {
        if self.too_small() {
            return Focus::TooSmall;
        }
        if self.session != Session::Open {
            return Focus::Session;
        }
        let shown = &self.popups[..self.popups.len().saturating_sub(skip)];
        match shown.last() {
            Some(Popup::Help | Popup::Messages) => return Focus::Overlay,
            Some(Popup::Confirm(_) | Popup::QuitConfirm | Popup::DiscardConfirm) => return Focus::Confirm,
            Some(Popup::Form(f)) => return Focus::Form { text: f.focused().is_some_and(|f| f.is_text()) },
            None => {}
        }
        if self.welcome.is_some() {
            return Focus::Welcome;
        }
        if self.tab == Tab::Members && self.members.typing {
            return Focus::Search;
        }
        Focus::List
    }

    /// The pane of the current tab that has the focus (under any overlay).
    pub(crate) fn pane(&self) -> Pane {
        match self.tab {
            Tab::Members if self.members.typing => Pane::SearchBox,
            Tab::Rewards if self.rewards.on_redemptions => Pane::Redemptions,
            _ => Pane::Main,
        }
    }
}
