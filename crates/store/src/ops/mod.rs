//! Operations: the only writer. Every change is a [`Command`] executed by [`execute`] in
//! one sled transaction over every tree it touches, flushed before the reply.

mod activity;
pub mod approval;
mod birthday;
mod complaint;
mod ctx;
mod error;
mod exit;
mod expire;
mod facts;
pub mod group;
mod import;
pub mod masking;
mod member;
pub mod migrate;
pub mod operator;
mod points;
mod posting;
pub(crate) mod profile;
mod promo;
mod promotion;
pub mod query;
mod rebuild;
mod referral;
mod reindex;
pub mod residence;
mod restore;
mod reward;
mod run;
mod snapshot;
mod stage;
mod stay;
pub mod view;
pub mod wire;
mod xref;

pub use activity::{ActivityInput, ActivityOutcome};
pub use birthday::{BirthdayRun, grant_birthdays};
pub use complaint::{ComplaintInput, ComplaintUpdate};
pub use ctx::Ctx;
pub use error::OpError;
pub use exit::ExitCode;
pub use expire::expire_all;
pub use import::{AuditMode, BookingImport, BookingStay, Guest, Outcome, execute_import_batch, prepare_import_batch};
pub use member::{ContactOutcome, MemberChanges, MemberRef, NewMember, lookup as member_lookup};
pub use points::Adjustment;
pub use promo::preview as promotion_preview;
pub use promotion::{PromotionInput, PromotionOutcome};
pub use rebuild::{RebuildRun, rebuild_facts, recompute_facts};
pub use reindex::ReindexRun;
pub use restore::{ComplaintRestore, MemberRestore, PostingRestore, RedemptionRestore, Restore, Restored, StayRestore};
pub use reward::{RedeemInput, RewardInput, RewardOutcome};
pub(crate) use run::{commit, unwrap_tx};
pub use run::{execute, execute_batch};
pub use snapshot::{SnapshotRun, compute_snapshot, refresh_snapshot};
pub use stage::{Batch, Listed, Overlay, Stage, fingerprint};
pub use stay::StayInput;

use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

/// A change to the store.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Command {
    /// Enrol a member.
    AddMember(NewMember),
    /// Change a member's profile, status or tier override (the changes carry the
    /// caller's external reference, if any; boxed: they are the largest payload).
    UpdateMember(MemberRef, Box<MemberChanges>),
    /// Record a stay or booking and credit its points.
    PostStay(StayInput),
    /// Take back a completed stay's points and tier credit.
    ReverseStay {
        /// Owner.
        member: MemberRef,
        /// Stay sequence number within the member.
        seq: u32,
        /// Why.
        reason: String,
        /// Caller's reference for idempotency.
        external_ref: Option<String>,
    },
    /// Manual adjustment or opening balance.
    AdjustPoints(Adjustment),
    /// Add a reward to the catalogue.
    AddReward(RewardInput),
    /// Redeem a reward: a hold on points until fulfilled or cancelled.
    Redeem(RedeemInput),
    /// Hand over a held reward.
    FulfilRedemption {
        /// Redemption id.
        id: u64,
        /// Caller's reference for idempotency.
        external_ref: Option<String>,
    },
    /// Cancel a held redemption and refund its points.
    CancelRedemption {
        /// Redemption id.
        id: u64,
        /// Why.
        reason: String,
        /// Caller's reference for idempotency.
        external_ref: Option<String>,
    },
    LogComplaint(ComplaintInput),
    /// Move a complaint on, grant goodwill or record follow-up.
    UpdateComplaint(ComplaintUpdate),
    /// Expire one member's points due on a date (see [`expire_all`]).
    ExpireMember {
        member_id: u64,
        /// Business date of the run.
        as_of: NaiveDate,
    },
    /// Import a member: enrol, or update the member with the same e-mail, card or phone.
    ImportMember(Box<Guest>),
    /// Import one booking of one guest: member upsert and stay, applied whole or not at all.
    ImportBooking(Box<BookingImport>),
    /// Restore one exported record as it was (importing an export).
    Restore(Box<Restore>),
    /// Add an operator (the first one, an admin, needs no sign-in; then only admins).
    AddOperator(operator::NewOperator),
    /// Disable an operator (admin; never yourself or the last active admin).
    DisableOperator {
        login: String,
    },
    /// Set a new PIN and clear the lock-out (admin).
    ResetPin {
        login: String,
        /// Argon2id PHC string of the new PIN.
        pin_hash: String,
    },
    /// Approve (and apply) or reject a request waiting for approval; never the
    /// operator's own request.
    DecideApproval {
        /// Request id.
        id: u64,
        /// Approve (true) or reject (false).
        approve: bool,
        /// The checker's note (required to reject).
        note: String,
    },
    /// Add a promotion (managers and admins).
    AddPromotion(Box<PromotionInput>),
    /// End a promotion early: it applies up to the day before `on` (default today).
    EndPromotion {
        /// Promotion code.
        code: String,
        /// First day it no longer applies.
        on: Option<NaiveDate>,
    },
    /// Record an earning activity other than a stay, with its promotions.
    RecordActivity(Box<ActivityInput>),
    /// Name the member who referred `member` (credited at its first stay or fee).
    SetReferrer {
        /// The member referred.
        member: MemberRef,
        /// The member who referred them.
        referrer: MemberRef,
    },
    /// Reverse an activity: its points and its promotions' points are taken back.
    ReverseActivity {
        /// Activity id.
        id: u64,
        /// Why.
        reason: String,
        /// Caller's reference for idempotency.
        external_ref: Option<String>,
    },
    /// Count a wrong PIN (towards a lock-out) or clear the count after a right one; both
    /// are audited (`operator.sign_in_failed`, `operator.sign_in`).
    RecordSignIn {
        login: String,
        /// Whether the PIN was right.
        success: bool,
    },
    /// Show a member's whole phone and e-mail to an operator who sees them masked
    /// (audited as `member.reveal`, without the values).
    RevealContact {
        member: MemberRef,
    },
    /// Erase a member's personal data, keeping the figures (manager or admin; erasing
    /// again changes nothing).
    EraseMember {
        member: MemberRef,
        /// A reference for the erasure (ticket, legal basis), kept in the audit log.
        reason: String,
    },
    /// Set or clear the building, unit and role of a member of a residential or
    /// commercial property (setting the same again changes nothing).
    SetResidence {
        member: MemberRef,
        /// The residence; `None` clears it.
        residence: Option<frontdesk_core::domain::residence::Residence>,
    },
}

/// What a command did.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Reply {
    /// A member after the change.
    Member(view::MemberOutcome),
    /// A stay posted or reversed.
    Stay(stay::StayOutcome),
    /// Points adjusted.
    Points(points::PointsOutcome),
    /// A reward added.
    Reward(reward::RewardOutcome),
    /// A redemption made, fulfilled or cancelled.
    Redemption(reward::RedemptionOutcome),
    /// A complaint logged or updated.
    Complaint(view::ComplaintOutcome),
    /// Points expired for one member.
    Expired(expire::ExpiryOutcome),
    /// An exported record restored.
    Restored(Restored),
    /// An operator added, changed or signing in.
    Operator(operator::OperatorOutcome),
    /// A change waiting for approval, or a request approved or rejected.
    Approval(approval::ApprovalOutcome),
    /// A member's whole contact data, revealed.
    Contact(ContactOutcome),
    /// A promotion added or ended.
    Promotion(PromotionOutcome),
    /// An activity recorded or reversed.
    Activity(ActivityOutcome),
}

impl Reply {
    /// True when the command's external reference had already been applied with the same
    /// payload: nothing changed.
    pub fn is_duplicate(&self) -> bool {
        match self {
            Reply::Member(o) => o.duplicate,
            Reply::Stay(o) => o.duplicate,
            Reply::Points(o) => o.duplicate,
            Reply::Reward(o) => o.duplicate,
            Reply::Redemption(o) => o.duplicate,
            Reply::Complaint(o) => o.duplicate,
            Reply::Restored(o) => o.duplicate,
            Reply::Operator(o) => o.duplicate,
            Reply::Approval(o) => o.duplicate,
            Reply::Activity(o) => o.duplicate,
            Reply::Promotion(_) => false,
            Reply::Expired(_) | Reply::Contact(_) => false,
        }
    }
}

pub(crate) fn dispatch(stage: &Stage<'_>, ctx: &Ctx<'_>, cmd: &Command) -> Result<Reply, OpError> {
    match cmd {
        Command::AddMember(input) => member::add(stage, ctx, input),
        Command::UpdateMember(who, changes) => member::update(stage, ctx, who, changes),
        Command::PostStay(input) => stay::post(stage, ctx, input),
        Command::ReverseStay { member, seq, reason, external_ref } => {
            stay::reverse(stage, ctx, member, *seq, reason, external_ref.as_deref())
        }
        Command::AdjustPoints(a) => points::adjust(stage, ctx, a),
        Command::AddReward(r) => reward::add(stage, ctx, r),
        Command::Redeem(r) => reward::redeem(stage, ctx, r),
        Command::FulfilRedemption { id, external_ref } => reward::fulfil(stage, ctx, *id, external_ref.as_deref()),
        Command::CancelRedemption { id, reason, external_ref } => {
            reward::cancel(stage, ctx, *id, reason, external_ref.as_deref())
        }
        Command::LogComplaint(c) => complaint::log(stage, ctx, c),
        Command::UpdateComplaint(u) => complaint::update(stage, ctx, u),
        Command::ExpireMember { member_id, as_of } => expire::expire_member(stage, ctx, *member_id, *as_of),
        Command::ImportMember(g) => import::import_member(stage, ctx, g).map(|(reply, _)| reply),
        Command::ImportBooking(b) => import::import_booking(stage, ctx, b),
        Command::Restore(r) => restore::apply(stage, ctx, r).map(Reply::Restored),
        Command::AddOperator(o) => operator::add(stage, ctx, o),
        Command::DisableOperator { login } => operator::disable(stage, ctx, login),
        Command::ResetPin { login, pin_hash } => operator::reset_pin(stage, ctx, login, pin_hash),
        Command::AddPromotion(p) => promotion::add(stage, ctx, p),
        Command::EndPromotion { code, on } => promotion::end(stage, ctx, code, *on),
        Command::RecordActivity(a) => activity::record(stage, ctx, a),
        Command::SetReferrer { member, referrer } => referral::set(stage, ctx, member, referrer),
        Command::ReverseActivity { id, reason, external_ref } => {
            activity::reverse(stage, ctx, *id, reason, external_ref.as_deref())
        }
        Command::DecideApproval { id, approve, note } => approval::decide(stage, ctx, *id, *approve, note),
        Command::RecordSignIn { login, success } => operator::record_sign_in(stage, ctx, login, *success),
        Command::RevealContact { member } => member::reveal(stage, ctx, member),
        Command::EraseMember { member, reason } => member::erase(stage, ctx, member, reason),
        Command::SetResidence { member, residence } => residence::set(stage, ctx, member, residence.as_ref()),
    }
}

/// Seeds the reward catalogue from the configuration into a store that has none.
pub fn seed_catalogue(store: &Store, ctx: &Ctx<'_>) -> Result<usize, OpError> {
    if !store.tree(crate::store::T::Rewards).is_empty() {
        return Ok(0);
    }
    let cmds: Vec<Command> = ctx.config.rewards.iter().map(|r| Command::AddReward(RewardInput::from_seed(r))).collect();
    let results = execute_batch(store, ctx, &cmds)?;
    Ok(results.iter().filter(|r| r.is_ok()).count())
}
