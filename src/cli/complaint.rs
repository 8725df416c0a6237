//! `frontdesk complaint …`

use super::output::{already, cell, emit};
use super::points::find;
use super::{Env, Failure};
use clap::Subcommand;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::i18n::errors::{CliSays, Missing};
use frontdesk_store::ops::query::{self, ComplaintFilter};
use frontdesk_store::ops::view::ComplaintView;
use frontdesk_store::ops::{self, Command, ComplaintInput, ComplaintUpdate, MemberRef, Reply};
use std::fmt::Write;

/// Complaint subcommands.
#[derive(Debug, Subcommand)]
pub enum ComplaintCmd {
    /// Log a complaint.
    Log {
        /// Guest's card number or e-mail, when known.
        #[arg(long)]
        member: Option<String>,
        /// Property code.
        #[arg(long)]
        property: Option<String>,
        /// Category (see config).
        #[arg(long)]
        category: String,
        /// low, normal, high or critical.
        #[arg(long, default_value = "normal")]
        severity: String,
        /// How it arrived.
        #[arg(long, default_value = "desk")]
        channel: String,
        /// What the guest reported.
        #[arg(long)]
        description: String,
        /// Your reference; logging it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// Move a complaint on, add a note, grant goodwill or record follow-up.
    Update {
        /// Complaint id.
        id: u64,
        /// New state: acknowledged, in_progress, awaiting_guest, resolved, closed, reopened.
        #[arg(long)]
        state: Option<String>,
        /// Note for the timeline.
        #[arg(long, default_value = "")]
        note: String,
        /// Goodwill points for the guest (within your role's limit).
        #[arg(long)]
        goodwill: Option<i64>,
        /// Follow-up satisfaction 1–5.
        #[arg(long)]
        csat: Option<u8>,
        /// Follow-up likelihood to recommend 0–10.
        #[arg(long)]
        nps: Option<u8>,
        /// Your reference; applying the same update again with it has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// Show a complaint with its timeline.
    Show {
        /// Complaint id.
        id: u64,
    },
    /// The queue, most urgent first.
    List {
        /// Only these states (repeatable); default: all but closed.
        #[arg(long)]
        state: Vec<String>,
        /// Include closed complaints.
        #[arg(long)]
        all: bool,
        /// Only this category.
        #[arg(long)]
        category: Option<String>,
        /// Only this severity.
        #[arg(long)]
        severity: Option<String>,
        /// Only this property.
        #[arg(long)]
        property: Option<String>,
        /// Only this member (card or e-mail).
        #[arg(long)]
        member: Option<String>,
    },
}

fn state(s: &str) -> Result<ComplaintState, Failure> {
    ComplaintState::parse(s).ok_or_else(|| Failure::usage(CliSays::State { value: s.to_string() }))
}

/// Runs a complaint subcommand.
pub fn run(env: &Env, cmd: &ComplaintCmd) -> Result<(), Failure> {
    match cmd {
        ComplaintCmd::Log { member, property, category, severity, channel, description, external_ref } => {
            let member = member.as_deref().map(|m| MemberRef::parse("member", m)).transpose()?;
            let input = ComplaintInput {
                member,
                property: property.clone(),
                category: category.clone(),
                severity: severity.clone(),
                channel: channel.clone(),
                description: description.clone(),
                external_ref: external_ref.clone(),
            };
            let store = env.open_store()?;
            let reply = ops::execute(&store, &env.ctx(), &Command::LogComplaint(input))?;
            print_one(env, &reply)
        }
        ComplaintCmd::Update { id, state: to, note, goodwill, csat, nps, external_ref } => {
            let to = to.as_deref().map(state).transpose()?;
            let u = ComplaintUpdate {
                id: *id,
                to,
                note: note.clone(),
                goodwill: *goodwill,
                csat: *csat,
                nps: *nps,
                external_ref: external_ref.clone(),
            };
            let store = env.open_store()?;
            let reply = ops::execute(&store, &env.ctx(), &Command::UpdateComplaint(u))?;
            print_one(env, &reply)
        }
        ComplaintCmd::Show { id } => {
            let store = env.open_store()?;
            let c = query::complaint(&store, *id)?.ok_or_else(|| Failure::data(Missing::Complaint { id: *id }))?;
            let views = query::complaint_views(&store, &[c], env.ctx().now)?;
            let v = views.first().ok_or_else(|| Failure::runtime(CliSays::ComplaintVanished))?;
            emit(env, v, || complaint_text(v))
        }
        ComplaintCmd::List { state: states, all, category, severity, property, member } => {
            let store = env.open_store()?;
            let mut states = states.iter().map(|s| state(s)).collect::<Result<Vec<_>, _>>()?;
            if states.is_empty() && !all {
                states = frontdesk_core::domain::complaint::ALL_STATES
                    .into_iter()
                    .filter(|s| *s != ComplaintState::Closed)
                    .collect();
            }
            let member_id = member.as_deref().map(|m| find(&store, m).map(|m| m.id)).transpose()?;
            let filter = ComplaintFilter {
                states,
                category: category.clone(),
                severity: severity.clone(),
                property: property.clone(),
                member_id,
            };
            let list = query::complaints(&store, &filter)?;
            let views = query::complaint_views(&store, &list, env.ctx().now)?;
            emit(env, &views, || {
                if views.is_empty() {
                    return "no complaints match".into();
                }
                views
                    .iter()
                    .map(|v| {
                        format!(
                            "#{:<6} {} {:<8} {:<13} {:<14} {} due {} {}",
                            v.id,
                            v.property,
                            v.severity,
                            v.category,
                            v.state,
                            if v.overdue { "OVERDUE" } else { "       " },
                            v.due,
                            cell(&v.description, 30)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

fn print_one(env: &Env, reply: &Reply) -> Result<(), Failure> {
    let Reply::Complaint(o) = reply else { return emit(env, reply, String::new) };
    emit(env, o, || {
        let pending = o.pending_approval.as_ref().map_or(String::new(), |a| {
            let outcome =
                frontdesk_store::ops::approval::ApprovalOutcome { duplicate: false, approval: a.clone(), member: None };
            super::approval::outcome_text(&outcome)
        });
        format!("{}{pending}{}", already(o.duplicate, "applied"), complaint_text(&o.complaint))
    })?;
    o.pending_approval.as_ref().map_or(Ok(()), super::approval::waiting)
}

fn complaint_text(v: &ComplaintView) -> String {
    let mut s = format!(
        "complaint {}  {} {} {} via {}  member {}\n  state {}{}  due {}  logged {}\n  {}\n",
        v.id,
        v.property,
        v.severity,
        v.category,
        v.channel,
        v.card.as_deref().unwrap_or("-"),
        v.state,
        if v.overdue { " (OVERDUE)" } else { "" },
        v.due,
        v.opened_at,
        v.description
    );
    if v.goodwill_points > 0 || v.csat.is_some() || v.nps.is_some() {
        let _ = writeln!(
            s,
            "  goodwill {} points  csat {}  nps {}",
            v.goodwill_points,
            v.csat.map_or("-".into(), |x| x.to_string()),
            v.nps.map_or("-".into(), |x| x.to_string())
        );
    }
    for t in &v.timeline {
        let _ = writeln!(s, "  {}  {} {:<14} {}", t.at, cell(&t.operator, 10), t.state, t.note);
    }
    s
}
