//! The application state and its pure transition function (Elm architecture):
//! `update(&mut Model, Msg) -> Vec<Job>`; drawing is `ui::view(&Model, &mut Frame)`.

pub mod action;
mod activities;
mod answers;
pub mod commands;
pub(crate) mod complaints;
pub(crate) mod confirm;
pub(crate) mod cursor;
pub mod focus;
pub mod form;
pub(crate) mod forms;
pub mod input;
pub mod keymap;
pub(crate) mod log;
mod members;
pub mod msg;
pub mod office;
mod points;
mod preview;
mod promotions;
mod rewards;
pub mod scan;
mod served;
pub mod session;
pub mod summaries;
mod update;
pub mod words;

pub(crate) use activities::{details as activity_details, kind_key as activity_kind_key};
pub(crate) use complaints::filter_label;
pub(crate) use confirm::Confirm;
pub use forms::FormKind;
pub use points::{LEDGER_FILTERS, ledger_rows};
pub use rewards::price_for;
pub use update::{startup, update};

use action::Action;
use chrono::NaiveDate;
use cursor::Cursor;
use form::Form;
use frontdesk_core::config::Config;
use frontdesk_core::i18n::Texts;
use frontdesk_store::ops::view::ComplaintView;
use input::TextInput;
use keymap::Keymap;
use log::{Message, MessageLog};
use msg::{MemberDetail, MemberRow};
use std::sync::Arc;

/// Smallest terminal frontdesk draws its panels in; below it only a notice shows and
/// keys other than Ctrl-C are ignored.
pub(crate) const MIN_SIZE: (u16, u16) = (80, 24);

/// The six panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Find and show members.
    Members,
    /// Stays and the ledger of the open member.
    Points,
    /// Catalogue and redemptions.
    Rewards,
    /// The complaint queue.
    Complaints,
    /// Summaries (built by the analytics work).
    Summaries,
    /// Approvals queue and audit trail.
    Office,
}

impl Tab {
    /// Tabs in order.
    pub(crate) const ALL: [Tab; 6] =
        [Tab::Members, Tab::Points, Tab::Rewards, Tab::Complaints, Tab::Summaries, Tab::Office];

    /// Catalogue key of the tab title.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Tab::Members => "tab.members",
            Tab::Points => "tab.points",
            Tab::Rewards => "tab.rewards",
            Tab::Complaints => "tab.complaints",
            Tab::Summaries => "tab.summaries",
            Tab::Office => "tab.office",
        }
    }
}

/// Whether this process owns the store or talks to a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreState {
    /// Opened in this process.
    Local,
    /// Served by `frontdesk serve`.
    Served,
    /// Opened read-only.
    ReadOnly,
    /// Served, but the server is gone (reconnecting).
    ServerGone,
}

/// Overlays, topmost last.
#[derive(Debug, Clone)]
pub enum Popup {
    /// Keys and what they do here.
    Help,
    /// The message log.
    Messages,
    /// A form being filled in.
    Form(Form<FormKind>),
    /// A write waiting for confirmation.
    Confirm(Box<Confirm>),
    /// Quit although a form holds typed data?
    QuitConfirm,
    /// Close a form although it holds typed data?
    DiscardConfirm,
}

/// The first-run screen of an empty store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Welcome {
    /// Highlighted option: 0 demo data, 1 import a file, 2 start empty.
    pub selected: usize,
    /// Demo data is being built.
    pub building: bool,
}

/// Members tab state.
#[derive(Debug, Clone, Default)]
pub struct MembersPanel {
    /// The search box.
    pub query: TextInput,
    /// Whether typing goes to the search box.
    pub typing: bool,
    /// Search hits.
    pub rows: Vec<MemberRow>,
    /// Highlighted hit.
    pub cursor: Cursor,
    /// Generation of the search whose hits `rows` are.
    pub found: u64,
    /// Whether the detail of the loaded member is shown instead of the list.
    pub show_detail: bool,
    /// Whole contact data of the open member, revealed on request; dropped on leaving it.
    pub revealed: Option<frontdesk_store::ops::ContactOutcome>,
    /// Enter was pressed before the hits of the query as typed were in: the member to
    /// open is the top hit of that search (its generation), never a stale row.
    pub open_when_found: Option<u64>,
}

/// Which list the points tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PointsList {
    #[default]
    Stays,
    /// Ledger postings.
    Ledger,
}

/// Stays & Points tab state.
#[derive(Debug, Clone, Default)]
pub struct PointsPanel {
    /// Stays or ledger.
    pub list: PointsList,
    /// Highlighted row.
    pub cursor: Cursor,
    /// Ledger filter: all, credits, debits.
    pub ledger_filter: usize,
    /// The stay (sequence) or activity (id) just written: highlighted once the member
    /// reloads.
    pub follow: Option<u64>,
}

/// Rewards tab state.
#[derive(Debug, Clone, Default)]
pub struct RewardsPanel {
    pub catalogue: Vec<frontdesk_core::domain::reward::Reward>,
    /// Highlighted reward.
    pub cursor: Cursor,
    /// Whether the member's redemptions list has the focus.
    pub on_redemptions: bool,
    /// Highlighted redemption.
    pub redemption: Cursor,
    /// The redemption just written: highlighted once the member reloads.
    pub follow: Option<u64>,
}

/// Complaints tab state.
#[derive(Debug, Clone, Default)]
pub struct ComplaintsPanel {
    /// The queue, most urgent first.
    pub queue: Vec<ComplaintView>,
    /// Highlighted complaint.
    pub cursor: Cursor,
    /// Index into the state filters (0 = all open).
    pub filter: usize,
    /// Only this category, severity and property (`None` = any).
    pub narrow: Narrow,
    /// The complaint whose detail is shown (kept when a write moves it out of the queue).
    pub open: Option<ComplaintView>,
    /// What the highlight moves to when the queue next comes in.
    pub follow: Option<complaints::Follow>,
}

/// Narrowing of the complaint queue beyond its state filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrow {
    /// Only this category.
    pub category: Option<String>,
    /// Only this severity.
    pub severity: Option<String>,
    /// Only this property.
    pub property: Option<String>,
}

/// Work that waits for a member to load: an action asked on a highlighted row whose
/// member was not open yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub member: u64,
    /// What to do once they are open.
    pub action: Action,
}

/// Everything the screen shows.
pub struct Model {
    /// Rules.
    pub config: Arc<Config>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Message catalogue.
    pub texts: Texts,
    /// Business date.
    pub today: NaiveDate,
    /// Now (UTC ms) for SLA displays; refreshed by the event loop.
    pub now: i64,
    /// Operator name.
    pub operator: String,
    /// The operator's role (admin when the store has no operators).
    pub role: frontdesk_core::domain::operator::Role,
    /// Whether operators sign in (the desk locks when idle only then).
    pub operators_exist: bool,
    /// Setup, sign-in or lock screen, or open.
    pub session: session::Session,
    /// When the last key or paste arrived (UTC ms), for the idle lock.
    pub last_input: i64,
    /// Local, served or read-only.
    pub store_state: StoreState,
    /// Current tab.
    pub tab: Tab,
    /// Last generation handed out; answers to older ones are stale.
    pub generation: u64,
    /// Generation of the newest search.
    pub search_generation: u64,
    /// Status-bar message.
    pub message: Option<Message>,
    /// Every message said, newest first.
    pub log: MessageLog,
    /// First-run screen, when the store is empty.
    pub welcome: Option<Welcome>,
    /// Members tab.
    pub members: MembersPanel,
    /// The member open for the other tabs.
    pub detail: Option<Box<MemberDetail>>,
    /// Stays & Points tab.
    pub points: PointsPanel,
    /// Rewards tab.
    pub rewards: RewardsPanel,
    /// Complaints tab.
    pub complaints: ComplaintsPanel,
    /// Store-wide totals for the Summaries tab.
    pub summary: frontdesk_store::store::records::Overview,
    /// Summaries tab.
    pub summaries: summaries::SummariesPanel,
    /// Office tab.
    pub office: office::OfficePanel,
    /// Overlays.
    pub popups: Vec<Popup>,
    /// The residence of an enrolment or edit being confirmed, sent once it is saved.
    pub pending_residence: Option<frontdesk_core::domain::residence::Residence>,
    /// An action waiting for its member to load.
    pub pending: Option<Pending>,
    /// Generation of a card lookup (a card read or typed): its member opens when found.
    pub card_lookup: Option<u64>,
    /// Digits typed one by one on a list since the last other key: a whole valid card
    /// then Enter opens that member.
    pub digits: String,
    /// Terminal size.
    pub size: (u16, u16),
    /// Jobs in flight.
    pub busy: u32,
    /// The search index holds every member (the worker said `Ready`): until then a typed
    /// query waits, and the list says why instead of looking empty.
    pub searchable: bool,
    /// Set when the user has quit.
    pub quit: bool,
}

impl Model {
    /// A model for an operator; `empty_store` opens the welcome screen.
    pub fn new(
        config: Arc<Config>,
        keymap: Keymap,
        texts: Texts,
        today: NaiveDate,
        now: i64,
        operator: String,
        empty_store: bool,
    ) -> Model {
        let panel = summaries::SummariesPanel::new(&config.store.default_property);
        Model {
            config,
            keymap,
            texts,
            today,
            now,
            operator,
            role: frontdesk_core::domain::operator::Role::Admin,
            operators_exist: false,
            session: session::Session::Open,
            last_input: now,
            store_state: StoreState::Local,
            tab: Tab::Members,
            generation: 0,
            search_generation: 0,
            message: None,
            log: MessageLog::default(),
            welcome: empty_store.then_some(Welcome { selected: 0, building: false }),
            members: MembersPanel { typing: true, ..MembersPanel::default() },
            detail: None,
            points: PointsPanel::default(),
            rewards: RewardsPanel::default(),
            complaints: ComplaintsPanel::default(),
            summary: frontdesk_store::store::records::Overview::default(),
            summaries: panel,
            office: office::OfficePanel::default(),
            popups: Vec::new(),
            pending_residence: None,
            pending: None,
            card_lookup: None,
            digits: String::new(),
            size: MIN_SIZE,
            busy: 0,
            searchable: false,
            quit: false,
        }
    }

    /// A fresh generation number.
    pub fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// Text of a catalogue key.
    pub fn t(&self, key: &str) -> String {
        self.texts.get(key).to_string()
    }

    /// Sets the status-bar message and keeps it in the log.
    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        let message = Message { text: text.into(), error, at: self.now };
        self.log.push(message.clone());
        self.message = Some(message);
    }

    /// Shows a passing note (`saving…`): on the status line, not in the log, whose
    /// next entry says how it ended.
    pub(crate) fn say_passing(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), error: false, at: self.now });
    }

    /// Whether a form with typed data is open.
    pub(crate) fn has_unsaved_input(&self) -> bool {
        self.popups.iter().any(|p| matches!(p, Popup::Form(f) if f.dirty))
    }

    /// The open member's id, if any.
    pub fn member_id(&self) -> Option<u64> {
        self.detail.as_ref().map(|d| d.member.id)
    }

    /// Whether the terminal is too small to draw the panels.
    pub(crate) fn too_small(&self) -> bool {
        self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1
    }
}
