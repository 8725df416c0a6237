//! The worker's answers: what each finished job changes in the model, and the status
//! line after a write.

use super::msg::{Done, Job, JobResult};
use super::session;
use super::{Model, Popup, Tab, complaints, members, office, rewards, summaries};
use crate::domain::approval::ApprovalState;
use crate::ops::Reply;

/// Applies a finished job.
pub fn finished(m: &mut Model, done: Done) -> Vec<Job> {
    let Some(result) = summaries::finished(m, done.generation, done.result) else { return Vec::new() };
    match result {
        JobResult::Found(rows) => {
            if done.generation == m.search_generation {
                m.members.rows = rows;
                m.members.selected = m.members.selected.min(m.members.rows.len().saturating_sub(1));
            }
            Vec::new()
        }
        JobResult::Report { .. } | JobResult::MemberList(_) => Vec::new(),
        JobResult::SignedIn(result) => session::signed_in(m, result),
        JobResult::Approvals(list) => {
            office::loaded(m, list);
            Vec::new()
        }
        JobResult::Promotions(list) => {
            super::promotions::loaded(m, list);
            Vec::new()
        }
        JobResult::PromotionPreview(grants) => {
            super::promotions::preview_ready(m, done.generation, grants);
            Vec::new()
        }
        JobResult::Audit(events) => {
            office::audit_loaded(m, events);
            Vec::new()
        }
        JobResult::Member(detail) => {
            m.detail = Some(detail);
            // A reload after a write keeps what was revealed while the member stays open.
            members::show_contact(m);
            m.points.selected = 0;
            m.rewards.redemption = 0;
            Vec::new()
        }
        JobResult::Executed(Ok(reply)) => executed(m, *reply),
        JobResult::Executed(Err(reason)) => {
            m.pending_residence = None;
            m.say(reason, true);
            Vec::new()
        }
        JobResult::Rewards(list) => {
            m.rewards.catalogue = list;
            m.rewards.selected = m.rewards.selected.min(m.rewards.catalogue.len().saturating_sub(1));
            Vec::new()
        }
        JobResult::Complaints(list) => {
            m.complaints.queue = list;
            m.complaints.selected = m.complaints.selected.min(m.complaints.queue.len().saturating_sub(1));
            Vec::new()
        }
        JobResult::Overview(o) => {
            m.summary = o;
            Vec::new()
        }
        JobResult::Ready(n) => {
            m.say(m.texts.fill("status.ready", &[("n", m.texts.number(n as i64))]), false);
            Vec::new()
        }
        JobResult::Imported(Ok(summary)) => {
            m.popups.clear();
            m.welcome = None;
            m.say(summary, false);
            Vec::new()
        }
        JobResult::Imported(Err(e)) => {
            if let Some(w) = m.welcome.as_mut() {
                w.building = false;
            }
            m.say(e, true);
            Vec::new()
        }
        JobResult::Demo(Ok(n)) => {
            m.welcome = None;
            m.say(m.texts.fill("welcome.built", &[("n", m.texts.number(n as i64))]), false);
            Vec::new()
        }
        JobResult::Demo(Err(e)) | JobResult::Failed(e) => {
            if let Some(w) = m.welcome.as_mut() {
                w.building = false;
            }
            m.say(e, true);
            Vec::new()
        }
    }
}

/// What the status line says about a request for approval.
fn approval_text(m: &Model, a: &crate::domain::approval::Approval) -> String {
    let id = a.id.to_string();
    match a.state {
        ApprovalState::Pending => {
            m.texts.fill("done.approval_pending", &[("id", id), ("role", a.needs.as_str().into())])
        }
        state => m.texts.fill("done.approval_decided", &[("id", id), ("state", state.as_str().into())]),
    }
}

fn executed(m: &mut Model, reply: Reply) -> Vec<Job> {
    // The write is saved: the form it came from is done.
    if matches!(m.popups.last(), Some(Popup::Form(_))) {
        m.popups.pop();
    }
    let n = |v: i64| m.texts.number(v);
    let text = match &reply {
        Reply::Member(o) => {
            m.texts.fill("done.member", &[("card", o.member.card.clone()), ("name", o.member.name.clone())])
        }
        Reply::Stay(o) => m
            .texts
            .fill("done.stay", &[("points", n(o.base_points + o.bonus_points)), ("balance", n(o.member.balance))]),
        Reply::Points(o) => m.texts.fill("done.points", &[("balance", n(o.member.balance))]),
        Reply::Reward(o) => o.reward.code.clone(),
        Reply::Redemption(o) => {
            m.texts.fill("done.redemption", &[("state", o.state.clone()), ("balance", n(o.member.balance))])
        }
        Reply::Complaint(o) => match &o.pending_approval {
            Some(a) => approval_text(m, a),
            None => {
                let c = &o.complaint;
                m.texts.fill("done.complaint", &[("id", c.id.to_string()), ("state", c.state.clone())])
            }
        },
        Reply::Approval(o) => approval_text(m, &o.approval),
        Reply::Promotion(o) => o.promotion.code.clone(),
        Reply::Activity(o) => m.texts.fill(
            "done.activity",
            &[("points", n(o.activity.base_points + o.activity.promotion_points())), ("balance", n(o.member.balance))],
        ),
        Reply::Expired(e) => n(e.points),
        Reply::Restored(r) => r.record.clone(),
        Reply::Operator(o) => o.operator.login.clone(),
        Reply::Contact(c) => m.texts.fill("done.contact", &[("card", c.card.clone())]),
    };
    m.say(text, false);
    let mut jobs = Vec::new();
    match reply {
        Reply::Contact(c) => {
            m.members.revealed = Some(c);
            members::show_contact(m);
        }
        Reply::Member(o) => {
            jobs.extend(super::residence::follow_up(m, &o.member.card));
            jobs.extend(members::search(m));
        }
        Reply::Complaint(_) => jobs.extend(complaints::load(m)),
        Reply::Redemption(_) => jobs.extend(rewards::load(m)),
        Reply::Approval(_) if m.tab == Tab::Office => jobs.extend(office::load(m)),
        _ => {}
    }
    jobs
}
