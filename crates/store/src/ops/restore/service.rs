//! Complaints and redemptions restored under their own ids, in their recorded state.
//! Their points (goodwill, payment, refund) come with the ledger, whose sources name
//! these ids.

use super::{Restored, bump_counter, claim_ref, existing};
use crate::ops::complaint::{LogPrint, clean_text, one_of};
use crate::ops::member::{check_property, resolve};
use crate::ops::reward::{RedeemPrint, reward_by_code};
use crate::ops::{Ctx, MemberRef, OpError, Stage, fingerprint};
use crate::store::records::ExtRef;
use crate::store::{T, keys};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::reward::{Redemption, RedemptionState, Reward};
use frontdesk_core::i18n::errors::Reason;

/// A complaint as exported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ComplaintRestore {
    /// Member concerned, if any.
    pub member: Option<MemberRef>,
    /// The complaint as recorded (its `member_id` is taken from `member`).
    pub complaint: Complaint,
}

/// A redemption as exported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RedemptionRestore {
    /// Member who redeemed.
    pub member: MemberRef,
    /// The redemption as recorded (`member_id` and `reward_id` are looked up from
    /// `member` and the reward code).
    pub redemption: Redemption,
}

fn check_complaint(ctx: &Ctx<'_>, c: &Complaint) -> Result<Complaint, OpError> {
    let rules = &ctx.config.complaints;
    let severities: Vec<String> = rules.severities.iter().map(|s| s.code.clone()).collect();
    let mut out = c.clone();
    out.property = check_property(ctx, "property", Some(&c.property))?;
    // The categories of the property's kind (repairs at a residence, Wi-Fi at a hotel).
    out.category = one_of("category", &c.category, ctx.config.complaint_categories(&out.property))?;
    out.severity = one_of("severity", &c.severity, &severities)?;
    out.channel = one_of("channel", &c.channel, &rules.channels)?;
    out.description = clean_text("description", &c.description, true)?;
    if c.id == 0 {
        return Err(OpError::invalid("id", Reason::ComplaintsFromOne));
    }
    if c.timeline.is_empty() {
        return Err(OpError::invalid("timeline", Reason::Timeline));
    }
    if c.csat.is_some_and(|s| !(1..=5).contains(&s)) {
        return Err(OpError::invalid("csat", Reason::OneToFive));
    }
    if c.nps.is_some_and(|s| s > 10) {
        return Err(OpError::invalid("nps", Reason::ZeroToTen));
    }
    if c.goodwill_points < 0 {
        return Err(OpError::invalid("goodwill_points", Reason::NotNegative));
    }
    Ok(out)
}

pub(super) fn restore_complaint(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &ComplaintRestore) -> Result<Restored, OpError> {
    let mut c = check_complaint(ctx, &r.complaint)?;
    let mut member = r.member.as_ref().map(|who| resolve(stage, who)).transpose()?;
    c.member_id = member.as_ref().map(|m| m.id);
    if c.member_id.is_none() && c.goodwill_points != 0 {
        return Err(OpError::invalid("goodwill_points", Reason::GoodwillWithoutMember));
    }
    let record = format!("complaint {}", c.id);
    let key = keys::id(c.id);
    if let Some(dup) = existing(stage.get::<Complaint>(T::Complaints, &key)?, &c, &record)? {
        return Ok(dup);
    }
    if let Some(x) = &c.external_ref {
        let print = fingerprint(&LogPrint {
            member_id: c.member_id.unwrap_or(0),
            property: &c.property,
            category: &c.category,
            severity: &c.severity,
            description: &c.description,
        });
        let target =
            ExtRef { kind: "complaint".into(), member_id: c.member_id.unwrap_or(0), target: c.id, fingerprint: print };
        claim_ref(stage, x, &target)?;
    }
    let open = c.state.is_open();
    if let Some(m) = member.as_mut() {
        m.open_complaints += u32::from(open);
        stage.put_member(ctx.config, m)?;
        stage.put_raw(T::Keys, &keys::pair(keys::MEMBER_COMPLAINT, m.id, c.id), Vec::new());
    }
    bump_counter(stage, "complaint", c.id)?;
    stage.put_complaint(&c)?;
    stage.update_overview(|o| o.complaints_open += u64::from(open))?;
    stage.audit(ctx.now, &ctx.actor, "complaint.restore", record.clone(), String::new(), c.state.as_str().into());
    Ok(Restored { duplicate: false, record })
}

pub(super) fn restore_redemption(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &RedemptionRestore) -> Result<Restored, OpError> {
    let m = resolve(stage, &r.member)?;
    let mut reward: Reward = reward_by_code(stage, &r.redemption.reward_code)?;
    let mut red = r.redemption.clone();
    red.member_id = m.id;
    red.reward_id = reward.id;
    red.reward_code = reward.code.clone();
    red.property = check_property(ctx, "property", Some(&red.property))?;
    if red.id == 0 {
        return Err(OpError::invalid("id", Reason::RedemptionsFromOne));
    }
    if red.points <= 0 || red.cash_minor < 0 {
        return Err(OpError::invalid("points", Reason::RedemptionPoints));
    }
    if red.posting_seq == 0 {
        return Err(OpError::invalid("posting_seq", Reason::PostingSeq));
    }
    let record = format!("redemption {}", red.id);
    let key = keys::id(red.id);
    if let Some(dup) = existing(stage.get::<Redemption>(T::Redemptions, &key)?, &red, &record)? {
        return Ok(dup);
    }
    if let Some(x) = &red.external_ref {
        // Points were offered (part payment) exactly when cash paid the rest.
        let offered = (red.cash_minor > 0).then_some(red.points);
        let print = fingerprint(&RedeemPrint {
            member_id: m.id,
            reward: &red.reward_code,
            points: offered,
            property: &red.property,
        });
        claim_ref(stage, x, &ExtRef { kind: "redeem".into(), member_id: m.id, target: red.id, fingerprint: print })?;
    }
    if red.state != RedemptionState::Cancelled
        && let Some(s) = reward.stock.as_mut()
    {
        // Held and fulfilled redemptions hold a unit, as when they were made.
        *s = s.saturating_sub(1);
        stage.put(T::Rewards, &keys::id(reward.id), &reward);
    }
    bump_counter(stage, "redemption", red.id)?;
    stage.put(T::Redemptions, &key, &red);
    stage.put_raw(T::Keys, &keys::pair(keys::MEMBER_REDEMPTION, m.id, red.id), Vec::new());
    stage.audit(ctx.now, &ctx.actor, "redeem.restore", record.clone(), String::new(), red.state.as_str().into());
    Ok(Restored { duplicate: false, record })
}
