//! [`Reply`] as it travels between `frontdesk serve` and its clients.
//!
//! `Reply` serialises untagged, with some outcomes flattened, because that is the shape of
//! the CLI's `--json` output. bincode is not self-describing and can round-trip neither, so
//! the wire carries this tagged mirror instead; the JSON output stays as it was.

use super::{Reply, Restored, RewardOutcome, expire, operator, points, reward, stay, view};
use frontdesk_core::domain::reward::Reward;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A tagged copy of [`Reply`] (flattened outcomes as their parts).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum WireReply {
    /// [`Reply::Member`].
    Member {
        /// Whether the external reference had already been applied.
        duplicate: bool,
        /// The member after the command.
        member: view::MemberView,
    },
    /// [`Reply::Stay`].
    Stay(stay::StayOutcome),
    /// [`Reply::Points`].
    Points(points::PointsOutcome),
    /// [`Reply::Reward`].
    Reward {
        /// Whether the external reference had already been applied.
        duplicate: bool,
        reward: Reward,
    },
    /// [`Reply::Redemption`].
    Redemption(reward::RedemptionOutcome),
    /// [`Reply::Complaint`].
    Complaint {
        /// Whether the external reference had already been applied.
        duplicate: bool,
        /// The request its goodwill waits for, if above the operator's limit.
        pending_approval: Option<frontdesk_core::domain::approval::Approval>,
        /// The complaint after the command.
        complaint: view::ComplaintView,
    },
    /// [`Reply::Expired`].
    Expired(expire::ExpiryOutcome),
    /// [`Reply::Restored`].
    Restored(Restored),
    /// [`Reply::Operator`].
    Operator(operator::OperatorOutcome),
    /// [`Reply::Approval`].
    Approval(super::approval::ApprovalOutcome),
    /// [`Reply::Contact`].
    Contact(super::ContactOutcome),
    /// [`Reply::Promotion`].
    Promotion(super::PromotionOutcome),
    /// [`Reply::Activity`].
    Activity(super::ActivityOutcome),
}

impl From<Reply> for WireReply {
    fn from(r: Reply) -> Self {
        match r {
            Reply::Member(o) => WireReply::Member { duplicate: o.duplicate, member: o.member },
            Reply::Stay(o) => WireReply::Stay(o),
            Reply::Points(o) => WireReply::Points(o),
            Reply::Reward(o) => WireReply::Reward { duplicate: o.duplicate, reward: o.reward },
            Reply::Redemption(o) => WireReply::Redemption(o),
            Reply::Complaint(o) => WireReply::Complaint {
                duplicate: o.duplicate,
                pending_approval: o.pending_approval,
                complaint: o.complaint,
            },
            Reply::Expired(o) => WireReply::Expired(o),
            Reply::Restored(o) => WireReply::Restored(o),
            Reply::Operator(o) => WireReply::Operator(o),
            Reply::Approval(o) => WireReply::Approval(o),
            Reply::Contact(o) => WireReply::Contact(o),
            Reply::Promotion(o) => WireReply::Promotion(o),
            Reply::Activity(o) => WireReply::Activity(o),
        }
    }
}

impl From<WireReply> for Reply {
    fn from(r: WireReply) -> Self {
        match r {
            WireReply::Member { duplicate, member } => Reply::Member(view::MemberOutcome { duplicate, member }),
            WireReply::Stay(o) => Reply::Stay(o),
            WireReply::Points(o) => Reply::Points(o),
            WireReply::Reward { duplicate, reward } => Reply::Reward(RewardOutcome { duplicate, reward }),
            WireReply::Redemption(o) => Reply::Redemption(o),
            WireReply::Complaint { duplicate, pending_approval, complaint } => {
                Reply::Complaint(view::ComplaintOutcome { duplicate, pending_approval, complaint })
            }
            WireReply::Expired(o) => Reply::Expired(o),
            WireReply::Restored(o) => Reply::Restored(o),
            WireReply::Operator(o) => Reply::Operator(o),
            WireReply::Approval(o) => Reply::Approval(o),
            WireReply::Contact(o) => Reply::Contact(o),
            WireReply::Promotion(o) => Reply::Promotion(o),
            WireReply::Activity(o) => Reply::Activity(o),
        }
    }
}

/// `#[serde(with = …)]` for a `Result<Box<Reply>, Fault>` field (a job's answer).
pub mod reply_result {
    use super::*;
    use frontdesk_core::i18n::Fault;

    /// Serialises through [`WireReply`].
    pub fn serialize<S: Serializer>(value: &Result<Box<Reply>, Fault>, s: S) -> Result<S::Ok, S::Error> {
        let wire: Result<WireReply, &Fault> = match value {
            Ok(r) => Ok(WireReply::from(r.as_ref().clone())),
            Err(e) => Err(e),
        };
        wire.serialize(s)
    }

    /// Deserialises through [`WireReply`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Result<Box<Reply>, Fault>, D::Error> {
        let wire = Result::<WireReply, Fault>::deserialize(d)?;
        Ok(wire.map(|w| Box::new(Reply::from(w))))
    }
}
