//! Logging complaints and moving them through the workflow.

use super::approval;
use super::member::{check_property, resolve};
use super::posting::credit;
use super::stage::RefCheck;
use super::view::{ComplaintOutcome, ComplaintView};
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint, xref};
use crate::store::T;
use crate::store::keys;
use crate::store::records::ExtRef;
use frontdesk_core::domain::approval::{Approval, ApprovalChange};
use frontdesk_core::domain::complaint::{Complaint, ComplaintState, TimelineEntry, due_times};
use frontdesk_core::domain::ledger::{EntryKind, Line};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::within_limit;
use frontdesk_core::i18n::errors::{Missing, PointsKind, Reason, Refusal};
use serde::Serialize;

/// Longest description or note accepted, in characters.
const MAX_TEXT: usize = 4000;

/// A complaint to log.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ComplaintInput {
    /// Member, when known.
    pub member: Option<MemberRef>,
    /// Property; the default when absent.
    pub property: Option<String>,
    /// Category code.
    pub category: String,
    /// Severity code.
    pub severity: String,
    /// Channel it arrived by.
    pub channel: String,
    /// What the guest reported.
    pub description: String,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// A change to a complaint: a transition, a note, goodwill or follow-up scores.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ComplaintUpdate {
    /// Complaint id.
    pub id: u64,
    /// New state.
    pub to: Option<ComplaintState>,
    /// Note for the timeline.
    pub note: String,
    /// Goodwill points to grant the member.
    pub goodwill: Option<i64>,
    /// Satisfaction 1–5.
    pub csat: Option<u8>,
    /// Likelihood to recommend 0–10.
    pub nps: Option<u8>,
    /// Caller's reference for idempotency: the same update again with it changes nothing.
    pub external_ref: Option<String>,
}

pub(super) fn clean_text(field: &str, s: &str, required: bool) -> Result<String, OpError> {
    let t: String = s.chars().filter(|c| !c.is_control() || *c == '\n').collect::<String>().trim().to_string();
    if required && t.is_empty() {
        return Err(OpError::invalid(field, Reason::Empty));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(OpError::invalid(field, Reason::AtMost { max: MAX_TEXT }));
    }
    Ok(t)
}

pub(super) fn one_of(field: &str, value: &str, allowed: &[String]) -> Result<String, OpError> {
    let v = value.trim().to_lowercase();
    if allowed.contains(&v) {
        Ok(v)
    } else {
        Err(OpError::invalid(
            field,
            Reason::UnknownValue { field: field.to_string(), value: value.to_string(), known: allowed.join(", ") },
        ))
    }
}

/// The category, checked against the categories of the property's kind (a hotel's
/// `wifi` means nothing at a residence, nor `landscaping` at a hotel).
fn check_category(ctx: &Ctx<'_>, property: &str, value: &str) -> Result<String, OpError> {
    let allowed = ctx.config.complaint_categories(property);
    one_of("category", value, allowed).map_err(|_| {
        let kind = ctx.config.property_kind(property).as_str();
        OpError::invalid(
            "category",
            Reason::NotCategoryOf {
                value: value.to_string(),
                kind: kind.to_string(),
                property: property.to_string(),
                known: allowed.join(", "),
            },
        )
    })
}

#[derive(Serialize)]
pub(super) struct LogPrint<'a> {
    pub(super) member_id: u64,
    pub(super) property: &'a str,
    pub(super) category: &'a str,
    pub(super) severity: &'a str,
    pub(super) description: &'a str,
}

pub(super) fn log(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &ComplaintInput) -> Result<Reply, OpError> {
    let rules = &ctx.config.complaints;
    let property = check_property(ctx, "property", input.property.as_deref())?;
    let category = check_category(ctx, &property, &input.category)?;
    let severities: Vec<String> = rules.severities.iter().map(|s| s.code.clone()).collect();
    let severity = one_of("severity", &input.severity, &severities)?;
    let channel = one_of("channel", &input.channel, &rules.channels)?;
    let description = clean_text("description", &input.description, true)?;
    let mut member = input.member.as_ref().map(|who| resolve(stage, who)).transpose()?;
    let print = fingerprint(&LogPrint {
        member_id: member.as_ref().map_or(0, |m| m.id),
        property: &property,
        category: &category,
        severity: &severity,
        description: &description,
    });
    if let Some(r) = &input.external_ref
        && let RefCheck::Duplicate(prev) = stage.check_ref(r, "complaint", print)?
    {
        let c: Complaint = stage
            .get(T::Complaints, &keys::id(prev.target))?
            .ok_or_else(|| OpError::NotFound(Missing::EarlierComplaint))?;
        return Ok(reply(&c, member, ctx, true));
    }
    let (first, resolve) = ctx.config.complaint_sla(&property, &category, &severity).ok_or_else(|| {
        OpError::invalid("severity", Reason::NoSla { severity: severity.clone(), category: category.clone() })
    })?;
    let (respond_by, resolve_by) = due_times(ctx.now, first, resolve);
    let id = stage.next_id("complaint")?;
    let c = Complaint {
        id,
        member_id: member.as_ref().map(|m| m.id),
        property,
        category,
        severity,
        channel,
        description,
        state: ComplaintState::Open,
        opened_at: ctx.now,
        respond_by,
        resolve_by,
        first_response_at: None,
        resolved_at: None,
        closed_at: None,
        timeline: vec![TimelineEntry {
            at: ctx.now,
            operator: ctx.actor.name.clone(),
            from: None,
            to: ComplaintState::Open,
            note: "logged".into(),
        }],
        goodwill_points: 0,
        csat: None,
        nps: None,
        external_ref: input.external_ref.clone(),
    };
    if let Some(m) = member.as_mut() {
        m.open_complaints += 1;
        stage.put_member(ctx.config, m)?;
        stage.put_raw(T::Keys, &keys::pair(keys::MEMBER_COMPLAINT, m.id, id), Vec::new());
    }
    if let Some(r) = &input.external_ref {
        stage.put_ref(
            r,
            &ExtRef { kind: "complaint".into(), member_id: c.member_id.unwrap_or(0), target: id, fingerprint: print },
        );
    }
    stage.put_complaint(&c)?;
    stage.update_overview(|o| o.complaints_open += 1)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "complaint.log",
        target(&c, member.as_ref()),
        String::new(),
        format!("{} {} open", c.severity, c.category),
    );
    Ok(reply(&c, member, ctx, false))
}

/// The audit target of a complaint: with its member's card, so that the member's audit
/// trail shows it.
fn target(c: &Complaint, member: Option<&Member>) -> String {
    match member {
        Some(m) => format!("complaint {} of member {}", c.id, m.card),
        None => format!("complaint {}", c.id),
    }
}

fn reply(c: &Complaint, member: Option<Member>, ctx: &Ctx<'_>, duplicate: bool) -> Reply {
    Reply::Complaint(ComplaintOutcome {
        duplicate,
        pending_approval: None,
        complaint: ComplaintView::of(c, member.map(|m| m.card), ctx.now),
    })
}

#[derive(Serialize)]
struct UpdatePrint<'a> {
    id: u64,
    to: Option<ComplaintState>,
    note: &'a str,
    goodwill: Option<i64>,
    csat: Option<u8>,
    nps: Option<u8>,
}

pub(super) fn update(stage: &Stage<'_>, ctx: &Ctx<'_>, u: &ComplaintUpdate) -> Result<Reply, OpError> {
    let mut c: Complaint =
        stage.get(T::Complaints, &keys::id(u.id))?.ok_or_else(|| OpError::NotFound(Missing::Complaint { id: u.id }))?;
    let note = clean_text("note", &u.note, false)?;
    if u.to.is_none() && u.goodwill.is_none() && u.csat.is_none() && u.nps.is_none() && note.is_empty() {
        return Err(OpError::invalid("update", Reason::NothingToDo));
    }
    if u.csat.is_some_and(|s| !(1..=5).contains(&s)) {
        return Err(OpError::invalid("csat", Reason::OneToFive));
    }
    if u.nps.is_some_and(|s| s > 10) {
        return Err(OpError::invalid("nps", Reason::ZeroToTen));
    }
    let reference = u.external_ref.as_deref();
    xref::check_len(reference)?;
    let print =
        fingerprint(&UpdatePrint { id: c.id, to: u.to, note: &note, goodwill: u.goodwill, csat: u.csat, nps: u.nps });
    if xref::earlier(stage, reference, "complaint-update", print)?.is_some() {
        let member = c.member_id.map(|id| stage.member(id)).transpose()?;
        return Ok(reply(&c, member, ctx, true));
    }
    if (u.csat.is_some() || u.nps.is_some()) && c.state.is_open() && u.to.is_none_or(|t| t.is_open()) {
        return Err(OpError::Refused(Refusal::FollowUpUnresolved { id: c.id, state: c.state.as_str().to_string() }));
    }
    let before = c.state;
    let mut member = c.member_id.map(|id| stage.member(id)).transpose()?;
    if let Some(to) = u.to {
        c.transition(to, ctx.now, &ctx.actor.name, &note)
            .map_err(|reason| OpError::Refused(Refusal::State { reason }))?;
    } else if !note.is_empty() {
        c.timeline.push(TimelineEntry {
            at: ctx.now,
            operator: ctx.actor.name.clone(),
            from: Some(c.state),
            to: c.state,
            note: note.clone(),
        });
    }
    let mut pending_approval = None;
    if let Some(points) = u.goodwill {
        let m = member.as_mut().ok_or_else(|| OpError::Refused(Refusal::NoMemberToCredit { id: c.id }))?;
        if points <= 0 {
            return Err(OpError::invalid("goodwill", Reason::PositivePoints));
        }
        let limit = ctx.config.role_limits(ctx.actor.role.as_str()).goodwill_limit;
        if within_limit(ctx.actor.role, PointsKind::Goodwill, points, limit).is_ok() {
            grant_goodwill(stage, ctx, &mut c, m, points, &note)?;
        } else {
            let change = ApprovalChange::Goodwill {
                complaint_id: c.id,
                member_id: m.id,
                card: m.card.clone(),
                points,
                note: note.clone(),
            };
            let request = approval::request(stage, ctx, change)?;
            c.timeline.push(TimelineEntry {
                at: ctx.now,
                operator: ctx.actor.name.clone(),
                from: Some(c.state),
                to: c.state,
                note: format!("goodwill {points} points awaits approval (request {})", request.id),
            });
            pending_approval = Some(request);
        }
    }
    c.csat = u.csat.or(c.csat);
    c.nps = u.nps.or(c.nps);
    if before.is_open() != c.state.is_open() {
        let opened = c.state.is_open();
        if let Some(m) = member.as_mut() {
            m.open_complaints = if opened { m.open_complaints + 1 } else { m.open_complaints.saturating_sub(1) };
        }
        stage.update_overview(|o| {
            o.complaints_open = if opened { o.complaints_open + 1 } else { o.complaints_open.saturating_sub(1) }
        })?;
    }
    if let Some(m) = &member {
        stage.put_member(ctx.config, m)?;
    }
    stage.put_complaint(&c)?;
    xref::record(stage, reference, "complaint-update", c.member_id.unwrap_or(0), c.id, print);
    stage.audit(
        ctx.now,
        &ctx.actor,
        "complaint.update",
        target(&c, member.as_ref()),
        before.as_str().into(),
        c.state.as_str().into(),
    );
    Ok(Reply::Complaint(ComplaintOutcome {
        duplicate: false,
        pending_approval,
        complaint: ComplaintView::of(&c, member.map(|m| m.card), ctx.now),
    }))
}

/// Credits goodwill on complaint `c` to its member `m` and notes it on the timeline.
fn grant_goodwill(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    c: &mut Complaint,
    m: &mut Member,
    points: i64,
    note: &str,
) -> Result<(), OpError> {
    let source = format!("complaint {}", c.id);
    credit(stage, ctx, m, source, note.into(), vec![Line { kind: EntryKind::Goodwill, points }], ctx.today)?;
    c.goodwill_points += points;
    let approved = stage.approver().map_or(String::new(), |checker| format!(", approved by {checker}"));
    c.timeline.push(TimelineEntry {
        at: ctx.now,
        operator: ctx.actor.name.clone(),
        from: Some(c.state),
        to: c.state,
        note: format!("goodwill {points} points{approved}"),
    });
    Ok(())
}

/// Applies an approved goodwill request in the maker's name (`ctx`); the stage names the
/// checker.
pub(super) fn apply_approved_goodwill(stage: &Stage<'_>, ctx: &Ctx<'_>, request: &Approval) -> Result<Member, OpError> {
    let ApprovalChange::Goodwill { complaint_id, member_id, points, note, .. } = &request.change else {
        return Err(OpError::Refused(Refusal::NotGoodwill { id: request.id }));
    };
    let mut c: Complaint = stage
        .get(T::Complaints, &keys::id(*complaint_id))?
        .ok_or_else(|| OpError::NotFound(Missing::Complaint { id: *complaint_id }))?;
    let mut m = stage.member(*member_id)?;
    grant_goodwill(stage, ctx, &mut c, &mut m, *points, note)?;
    stage.put_member(ctx.config, &m)?;
    stage.put_complaint(&c)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "complaint.goodwill",
        format!("complaint {}", c.id),
        format!("goodwill {}", c.goodwill_points - points),
        format!("goodwill {}", c.goodwill_points),
    );
    Ok(m)
}
