//! The jobs a desk asks of the store and their answers: run by the local worker, or
//! carried to `frontdesk serve` by the protocol.

use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::reward::{Redemption, Reward};
use frontdesk_core::domain::stay::Stay;
use frontdesk_core::i18n::Fault;
use frontdesk_core::search::Match;
use frontdesk_store::ops::query::ComplaintFilter;
use frontdesk_store::ops::view::{ComplaintView, MemberView};
use frontdesk_store::ops::{Command, Reply};

/// Requests the approvals queue lists at most.
pub(crate) const QUEUE_LIMIT: usize = 500;

/// A finished job, tagged with the generation it was asked under.
#[derive(Debug, Clone)]
pub struct Done {
    /// Generation of the request; stale answers are dropped.
    pub generation: u64,
    /// What came back.
    pub result: JobResult,
}

/// Work for the worker thread: anything that touches the store.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Job {
    /// Search members as the clerk types.
    Search {
        /// Generation (newer searches supersede older ones).
        generation: u64,
        /// What was typed.
        query: String,
    },
    /// Find the member holding a card (read by a card reader or typed whole) and load
    /// them as `LoadMember` does.
    OpenCard {
        generation: u64,
        /// The card number.
        card: String,
    },
    /// Load one member with stays, ledger, redemptions and complaints.
    LoadMember {
        generation: u64,
        /// Member id.
        id: u64,
    },
    /// Run a command; on success the named member is reloaded.
    Execute {
        generation: u64,
        command: Box<Command>,
        /// Member to reload afterwards.
        reload: Option<u64>,
    },
    /// Load the reward catalogue.
    LoadRewards { generation: u64 },
    /// Load the complaint queue.
    LoadComplaints {
        generation: u64,
        /// Which complaints.
        filter: ComplaintFilter,
    },
    /// Load the store-wide totals.
    LoadOverview { generation: u64 },
    /// Load one analytics report for the Summaries tab.
    LoadReport {
        generation: u64,
        /// Which report.
        kind: crate::reports::ReportKind,
        /// Business date the report is for.
        as_of: chrono::NaiveDate,
        /// Property filter (`None` = all).
        property: Option<String>,
    },
    /// Load the members behind one figure of a report (drill-down).
    LoadMemberList {
        generation: u64,
        /// Which members.
        request: crate::reports::ListRequest,
        /// Business date.
        as_of: chrono::NaiveDate,
        /// Property filter (`None` = all).
        property: Option<String>,
    },
    /// Import a file through the import engine.
    Import {
        generation: u64,
        file: std::path::PathBuf,
        /// members, stays, complaints, balances, bookings, ledger or redemptions.
        kind: String,
        /// Mapping file for a foreign layout.
        mapping: Option<std::path::PathBuf>,
    },
    /// Load the approvals queue.
    LoadApprovals {
        generation: u64,
        /// Decided requests too.
        all: bool,
    },
    /// Load audit events, newest first.
    LoadAudit {
        generation: u64,
        /// Which events.
        filter: frontdesk_store::ops::query::AuditFilter,
        /// At most this many.
        limit: usize,
    },
    /// Load every promotion with its spend.
    LoadPromotions { generation: u64 },
    /// What the running promotions would add to an activity, for its confirmation.
    PreviewPromotions {
        /// Generation (the confirmation waiting for it).
        generation: u64,
        /// Member.
        member_id: u64,
        /// Activity kind (`stay`, `fee`, …).
        kind: String,
        /// Date of the activity (a stay's departure).
        date: chrono::NaiveDate,
        /// The date whose tier counts (a stay's arrival).
        tier_on: chrono::NaiveDate,
        property: String,
        /// Channel (stays).
        channel: Option<String>,
        /// Base points of the activity.
        base: i64,
    },
    /// Sign an operator in: the jobs that follow act as them (locally checked against the
    /// store; on a served store the server signs the connection in).
    SignIn {
        generation: u64,
        /// Login as typed.
        login: String,
        /// PIN as typed (never logged or kept).
        pin: String,
    },
    /// Create a fresh store's first administrator and sign them in.
    SetUpAdmin {
        generation: u64,
        /// Login as typed.
        login: String,
        /// Name shown to people.
        name: String,
        /// PIN as typed (hashed by the worker, never kept).
        pin: String,
    },
    /// Fill an empty store with demo data.
    BuildDemo {
        generation: u64,
        /// Members to create.
        members: u64,
    },
}

impl Job {
    /// The generation the answer will carry.
    pub fn generation(&self) -> u64 {
        match self {
            Job::Search { generation, .. }
            | Job::LoadMember { generation, .. }
            | Job::OpenCard { generation, .. }
            | Job::Execute { generation, .. }
            | Job::LoadRewards { generation, .. }
            | Job::LoadComplaints { generation, .. }
            | Job::LoadOverview { generation, .. }
            | Job::LoadReport { generation, .. }
            | Job::LoadMemberList { generation, .. }
            | Job::Import { generation, .. }
            | Job::LoadApprovals { generation, .. }
            | Job::LoadAudit { generation, .. }
            | Job::LoadPromotions { generation }
            | Job::PreviewPromotions { generation, .. }
            | Job::SignIn { generation, .. }
            | Job::SetUpAdmin { generation, .. }
            | Job::BuildDemo { generation, .. } => *generation,
        }
    }
}

/// One search hit, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MemberRow {
    /// Member id.
    pub id: u64,
    /// The member as shown.
    pub view: MemberView,
    /// How it matched.
    pub matched: Match,
}

/// A member with what the panels show of them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MemberDetail {
    /// The stored record.
    pub member: Member,
    /// The computed view.
    pub view: MemberView,
    /// Stays, newest first.
    pub stays: Vec<Stay>,
    /// Ledger postings, newest first.
    pub ledger: Vec<Posting>,
    /// Redemptions, newest first.
    pub redemptions: Vec<Redemption>,
    /// Complaints, most urgent first.
    pub complaints: Vec<Complaint>,
    /// Building, unit and role at a residential or commercial property.
    pub residence: Option<frontdesk_core::domain::residence::Residence>,
    /// Activities (fee payments, events, spend…), newest first.
    pub activities: Vec<frontdesk_core::domain::activity::ActivityRecord>,
}

/// What a job produced.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum JobResult {
    /// Search hits.
    Found(Vec<MemberRow>),
    /// A member loaded.
    Member(Box<MemberDetail>),
    /// A command ran: its reply or the reason it was refused.
    Executed(#[serde(with = "frontdesk_store::ops::wire::reply_result")] Result<Box<Reply>, Fault>),
    /// The catalogue.
    Rewards(Vec<Reward>),
    /// The complaint queue.
    Complaints(Vec<ComplaintView>),
    /// The approvals queue.
    Approvals(Vec<frontdesk_core::domain::approval::Approval>),
    /// Audit events, newest first.
    Audit(Vec<frontdesk_store::ops::query::AuditEvent>),
    /// Every promotion with its spend.
    Promotions(Vec<frontdesk_store::ops::query::PromotionRow>),
    /// What the running promotions would add to the activity being confirmed.
    PromotionPreview(Vec<frontdesk_core::domain::promotion::Grant>),
    /// Signed in (the operator now acting), or why not.
    SignedIn(Result<frontdesk_core::domain::operator::Actor, Fault>),
    /// Operators exist in the store and nobody has signed in here: the job did not run.
    SignInRequired,
    /// Store-wide totals.
    Overview(frontdesk_store::store::records::Overview),
    /// An analytics report for the Summaries tab.
    Report {
        /// The property filter it was computed for (`None` = all).
        property: Option<String>,
        report: Box<crate::reports::Report>,
    },
    /// A drill-down member list.
    MemberList(Box<frontdesk_core::domain::analytics::MemberList>),
    /// The worker has built its search index over this many members and takes jobs.
    Ready(usize),
    /// An import finished: what it did, or why it could not run.
    Imported(Result<ImportDone, Fault>),
    /// Demo data built: members created, or why not.
    Demo(Result<u64, Fault>),
    /// A read failed.
    Failed(Fault),
}

/// What an import from the desk did, for its message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportDone {
    /// Rows read.
    pub read: u64,
    /// Rows applied.
    pub applied: u64,
    /// Rows already applied before.
    pub duplicates: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Applied rows whose guest had no e-mail, phone, card or profile id.
    pub without_key: u64,
    /// Applied rows whose phone is no valid number, kept as written.
    pub phones_as_written: u64,
    /// The encoding the file was read in.
    pub encoding: String,
    /// How it was chosen: `bom`, `option`, `site`, `ascii` or `detected`.
    pub encoding_from: String,
}
