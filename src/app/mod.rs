//! The application state and its pure transition function (Elm architecture):
//! `update(&mut Model, Msg) -> Vec<Job>`; drawing is `ui::view(&Model, &mut Frame)`.

pub mod action;
mod activities;
mod answers;
mod complaints;
mod forms;
pub mod input;
mod members;
pub mod msg;
pub mod office;
mod points;
mod preview;
mod promotions;
mod residence;
mod rewards;
mod served;
pub mod session;
pub mod summaries;
mod update;

pub use activities::{details as activity_details, kind_key as activity_kind_key};
pub use complaints::filter_label;
pub use forms::FormKind;
pub use points::{LEDGER_FILTERS, ledger_rows};
pub use rewards::price_for;
pub use update::{startup, update};

use crate::config::Config;
use crate::i18n::Texts;
use crate::ops::Command;
use crate::ops::view::ComplaintView;
use action::Keymap;
use chrono::NaiveDate;
use input::{Form, TextInput};
use msg::{MemberDetail, MemberRow};
use std::sync::Arc;

/// The five panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Find and show members.
    Members,
    /// Stays and the ledger of the selected member.
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
    pub const ALL: [Tab; 6] = [Tab::Members, Tab::Points, Tab::Rewards, Tab::Complaints, Tab::Summaries, Tab::Office];

    /// Catalogue key of the tab title.
    pub fn label(self) -> &'static str {
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

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Text shown.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// A write waiting for the user's yes.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// Title.
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

/// Overlays, topmost last.
#[derive(Debug, Clone)]
pub enum Popup {
    /// Keys and what they do here.
    Help,
    /// A form being filled in.
    Form(Form<FormKind>),
    /// A write waiting for confirmation.
    Confirm(Confirm),
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
    pub selected: usize,
    /// Whether the detail of the loaded member is shown instead of the list.
    pub show_detail: bool,
    /// Whole contact data of the open member, revealed on request; dropped on leaving it.
    pub revealed: Option<crate::ops::ContactOutcome>,
}

/// Which list the points tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PointsList {
    /// Stays.
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
    pub selected: usize,
    /// Ledger filter: all, credits, debits.
    pub ledger_filter: usize,
}

/// Rewards tab state.
#[derive(Debug, Clone, Default)]
pub struct RewardsPanel {
    /// The catalogue.
    pub catalogue: Vec<crate::domain::reward::Reward>,
    /// Highlighted reward.
    pub selected: usize,
    /// Whether the member's redemptions list has the focus.
    pub on_redemptions: bool,
    /// Highlighted redemption.
    pub redemption: usize,
}

/// Complaints tab state.
#[derive(Debug, Clone, Default)]
pub struct ComplaintsPanel {
    /// The queue, most urgent first.
    pub queue: Vec<ComplaintView>,
    /// Highlighted complaint.
    pub selected: usize,
    /// Index into the state filters (0 = all open).
    pub filter: usize,
    /// Only this category, severity and property (`None` = any).
    pub narrow: Narrow,
    /// Whether the detail of the highlighted complaint is shown.
    pub show_detail: bool,
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
    pub role: crate::domain::operator::Role,
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
    /// First-run screen, when the store is empty.
    pub welcome: Option<Welcome>,
    /// Members tab.
    pub members: MembersPanel,
    /// The member selected for the other tabs.
    pub detail: Option<Box<MemberDetail>>,
    /// Stays & Points tab.
    pub points: PointsPanel,
    /// Rewards tab.
    pub rewards: RewardsPanel,
    /// Complaints tab.
    pub complaints: ComplaintsPanel,
    /// Store-wide totals for the Summaries tab.
    pub summary: crate::store::records::Overview,
    /// Summaries tab.
    pub summaries: summaries::SummariesPanel,
    /// Office tab.
    pub office: office::OfficePanel,
    /// Overlays.
    pub popups: Vec<Popup>,
    /// The residence of an enrolment or edit being confirmed, sent once it is saved.
    pub pending_residence: Option<crate::domain::residence::Residence>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Jobs in flight.
    pub busy: u32,
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
            role: crate::domain::operator::Role::Admin,
            operators_exist: false,
            session: session::Session::Open,
            last_input: now,
            store_state: StoreState::Local,
            tab: Tab::Members,
            generation: 0,
            search_generation: 0,
            message: None,
            welcome: empty_store.then_some(Welcome { selected: 0, building: false }),
            members: MembersPanel { typing: true, ..MembersPanel::default() },
            detail: None,
            points: PointsPanel::default(),
            rewards: RewardsPanel::default(),
            complaints: ComplaintsPanel::default(),
            summary: crate::store::records::Overview::default(),
            summaries: panel,
            office: office::OfficePanel::default(),
            popups: Vec::new(),
            pending_residence: None,
            size: (80, 24),
            busy: 0,
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

    /// Sets the status-bar message.
    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message { text: text.into(), error });
    }

    /// Whether a form with typed data is open.
    pub fn has_unsaved_input(&self) -> bool {
        self.popups.iter().any(|p| matches!(p, Popup::Form(f) if f.dirty))
    }

    /// The selected member's id, if any.
    pub fn member_id(&self) -> Option<u64> {
        self.detail.as_ref().map(|d| d.member.id)
    }
}
