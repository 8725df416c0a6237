//! The worker's answers: what each finished job changes in the model, and the status
//! line after a write.

use super::msg::{Done, Job, JobResult, MemberDetail};
use super::session;
use super::{Model, Popup, Tab, complaints, members, office, rewards, summaries};
use frontdesk_core::domain::approval::ApprovalState;
use frontdesk_store::ops::Reply;

/// Applies a finished job.
pub(crate) fn finished(m: &mut Model, done: Done) -> Vec<Job> {
    let generation = done.generation;
    let Some(result) = summaries::finished(m, generation, done.result) else { return Vec::new() };
    match result {
        JobResult::Found(rows) => found(m, generation, rows),
        JobResult::Report { .. } | JobResult::MemberList(_) => Vec::new(),
        JobResult::SignedIn(result) => session::signed_in(m, result),
        JobResult::SignInRequired => session::required(m),
        JobResult::Approvals(list) => {
            office::loaded(m, list);
            Vec::new()
        }
        JobResult::Promotions(list) => {
            super::promotions::loaded(m, list);
            Vec::new()
        }
        JobResult::PromotionPreview(grants) => {
            super::promotions::preview_ready(m, generation, grants);
            Vec::new()
        }
        JobResult::Audit(events) => {
            office::audit_loaded(m, events);
            Vec::new()
        }
        JobResult::Member(detail) => member(m, generation, detail),
        JobResult::Executed(Ok(reply)) => executed(m, *reply),
        JobResult::Executed(Err(reason)) => {
            m.pending_residence = None;
            m.say(m.texts.say(&reason), true);
            Vec::new()
        }
        JobResult::Rewards(list) => {
            m.rewards.catalogue = list;
            m.rewards.cursor.clamp(m.rewards.catalogue.len());
            Vec::new()
        }
        JobResult::Complaints(list) => {
            complaints::loaded(m, list);
            Vec::new()
        }
        JobResult::Overview(o) => {
            m.summary = o;
            Vec::new()
        }
        JobResult::Ready(n) => {
            m.searchable = true;
            // Only the desk says so: a sign-in screen shows nothing of the store. A warning
            // given at start (the store's files are open) stays on the line.
            let warning = m.message.as_ref().is_some_and(|msg| msg.error);
            if m.session == session::Session::Open && m.welcome.is_none() && !warning {
                m.say(m.texts.fill("status.ready", &[("n", m.texts.count("unit.members", n as i64))]), false);
            }
            Vec::new()
        }
        JobResult::Imported(Ok(done)) => {
            m.popups.clear();
            m.welcome = None;
            let text = imported(&m.texts, &done);
            m.say(text, done.rejected > 0 || done.without_key > 0 || done.phones_as_written > 0);
            Vec::new()
        }
        JobResult::Imported(Err(e)) => {
            if let Some(w) = m.welcome.as_mut() {
                w.building = false;
            }
            m.say(m.texts.say(&e), true);
            Vec::new()
        }
        JobResult::Demo(Ok(n)) => {
            m.welcome = None;
            m.say(m.texts.fill("welcome.built", &[("n", m.texts.count("unit.members", n as i64))]), false);
            Vec::new()
        }
        JobResult::Demo(Err(e)) | JobResult::Failed(e) => {
            if let Some(w) = m.welcome.as_mut() {
                w.building = false;
            }
            if m.card_lookup == Some(generation) {
                m.card_lookup = None;
            }
            m.say(m.texts.say(&e), true);
            Vec::new()
        }
    }
}

/// Search hits: shown when they answer the newest search; Enter pressed before they came
/// in opens the top one now.
fn found(m: &mut Model, generation: u64, rows: Vec<super::msg::MemberRow>) -> Vec<Job> {
    if generation != m.search_generation {
        return Vec::new();
    }
    let keep = m.members.cursor.pick(&m.members.rows).map(|r| r.id);
    m.members.rows = rows;
    m.members.found = generation;
    if !keep.is_some_and(|id| m.members.cursor.follow(&m.members.rows, |r| r.id == id)) {
        m.members.cursor.clamp(m.members.rows.len());
    }
    if m.members.open_when_found.take() == Some(generation) {
        return members::open(m);
    }
    Vec::new()
}

/// A member loaded: the detail, the search row that shows them (kept fresh after a
/// write), and any action that waited for them.
fn member(m: &mut Model, generation: u64, detail: Box<MemberDetail>) -> Vec<Job> {
    let id = detail.member.id;
    if m.card_lookup == Some(generation) {
        members::card_found(m);
    }
    for row in m.members.rows.iter_mut().filter(|r| r.id == id) {
        row.view = detail.view.clone();
    }
    if m.member_id() != Some(id) {
        m.points.cursor.reset();
        m.rewards.redemption.reset();
        m.members.revealed = None;
    }
    m.detail = Some(detail);
    follow_written(m);
    // A reload after a write keeps what was revealed while the member stays open.
    members::show_contact(m);
    match m.pending.take() {
        Some(p) if p.member == id => members::on_member(m, p.action, id),
        other => {
            m.pending = other;
            Vec::new()
        }
    }
}

/// The highlight moves to the stay, activity or redemption just written.
fn follow_written(m: &mut Model) {
    let Some(d) = m.detail.as_ref() else { return };
    if let Some(id) = m.points.follow.take() {
        let found = if super::activities::managed(m) {
            m.points.cursor.follow(&d.activities, |a| a.id == id)
        } else {
            m.points.cursor.follow(&d.stays, |s| u64::from(s.seq) == id)
        };
        if found {
            m.points.list = super::PointsList::Stays;
        }
    }
    if let Some(id) = m.rewards.follow.take() {
        m.rewards.redemption.follow(&d.redemptions, |r| r.id == id);
    }
}

/// What the status line says about a request for approval.
fn approval_text(m: &Model, a: &frontdesk_core::domain::approval::Approval) -> String {
    let id = a.id.to_string();
    match a.state {
        ApprovalState::Pending => m.texts.fill("done.approval_pending", &[("id", id), ("role", m.role_name(a.needs))]),
        state => m.texts.fill(
            "done.approval_decided",
            &[("id", id), ("state", m.word(super::words::Vocabulary::Approval, state.as_str()))],
        ),
    }
}

/// The status line after a write.
fn done_text(m: &Model, reply: &Reply) -> String {
    let n = |v: i64| m.texts.number(v);
    match reply {
        Reply::Member(o) => {
            m.texts.fill("done.member", &[("card", o.member.card.clone()), ("name", o.member.name.clone())])
        }
        Reply::Stay(o) if o.status == "reversed" => m.texts.fill(
            "done.stay_reversed",
            &[
                ("seq", o.stay.to_string()),
                ("points", n(o.base_points + o.bonus_points + o.promotion_points)),
                ("balance", n(o.member.balance)),
            ],
        ),
        Reply::Stay(o) => m.texts.fill(
            "done.stay",
            &[("points", n(o.base_points + o.bonus_points + o.promotion_points)), ("balance", n(o.member.balance))],
        ),
        Reply::Points(o) => m.texts.fill("done.points", &[("balance", n(o.member.balance))]),
        Reply::Reward(o) => o.reward.code.clone(),
        Reply::Redemption(o) => m.texts.fill(
            "done.redemption",
            &[
                ("id", o.id.to_string()),
                ("state", m.word(super::words::Vocabulary::Redemption, &o.state)),
                ("balance", n(o.member.balance)),
            ],
        ),
        Reply::Complaint(o) => match &o.pending_approval {
            Some(a) => approval_text(m, a),
            None => {
                let c = &o.complaint;
                m.texts.fill("done.complaint", &[("id", c.id.to_string()), ("state", m.state(&c.state))])
            }
        },
        Reply::Approval(o) => approval_text(m, &o.approval),
        Reply::Promotion(o) => o.promotion.code.clone(),
        Reply::Activity(o) if o.activity.status == frontdesk_core::domain::activity::ActivityStatus::Reversed => {
            m.texts.fill("done.activity_reversed", &[("balance", n(o.member.balance))])
        }
        Reply::Activity(o) => m.texts.fill(
            "done.activity",
            &[("points", n(o.activity.base_points + o.activity.promotion_points())), ("balance", n(o.member.balance))],
        ),
        Reply::Expired(e) => n(e.points),
        Reply::Restored(r) => r.record.clone(),
        Reply::Operator(o) => o.operator.login.clone(),
        Reply::Contact(c) => m.texts.fill("done.contact", &[("card", c.card.clone())]),
    }
}

fn executed(m: &mut Model, reply: Reply) -> Vec<Job> {
    // The write is saved: the form it came from is done.
    if matches!(m.popups.last(), Some(Popup::Form(_))) {
        m.popups.pop();
    }
    let text = done_text(m, &reply);
    m.say(text, false);
    let mut jobs = Vec::new();
    match reply {
        Reply::Contact(c) => {
            m.members.revealed = Some(c);
            members::show_contact(m);
        }
        Reply::Member(o) => {
            let card = o.member.card.clone();
            jobs.extend(super::forms::residence::follow_up(m, &card));
            jobs.extend(members::show_card(m, &card));
        }
        Reply::Complaint(o) => {
            complaints::written(m, &o.complaint);
            jobs.extend(complaints::load(m));
        }
        Reply::Redemption(o) => {
            m.rewards.follow = Some(o.id);
            jobs.extend(rewards::load(m));
        }
        Reply::Stay(o) => m.points.follow = Some(u64::from(o.stay)),
        Reply::Activity(o) => m.points.follow = Some(o.activity.id),
        Reply::Approval(_) if m.tab == Tab::Office => jobs.extend(office::load(m)),
        _ => {}
    }
    jobs
}

/// The message of an import from the desk, in the operator's language.
fn imported(t: &frontdesk_core::i18n::Texts, d: &crate::app::msg::ImportDone) -> String {
    let n = |v: u64| t.number(i64::try_from(v).unwrap_or(i64::MAX));
    let how = t.get(&format!("encoding_from.{}", d.encoding_from)).to_string();
    let mut text = t.fill(
        "status.imported",
        &[
            ("read", n(d.read)),
            ("applied", n(d.applied)),
            ("duplicates", n(d.duplicates)),
            ("rejected", n(d.rejected)),
            ("encoding", d.encoding.clone()),
            ("how", how),
        ],
    );
    if d.without_key > 0 {
        text.push_str(&t.count("status.imported_keyless", d.without_key as i64));
    }
    if d.phones_as_written > 0 {
        text.push_str(&t.count("status.imported_phones", d.phones_as_written as i64));
    }
    text
}
