//! `frontdesk approvals`, `approve ID` and `reject ID`: the maker–checker queue.

use super::output::{cell, emit};
use super::{Env, Failure};
use clap::Args;
use frontdesk_core::domain::approval::{Approval, ApprovalState};
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::ops::ExitCode;
use frontdesk_store::ops::approval::ApprovalOutcome;
use frontdesk_store::ops::{self, Command, Reply, query};
use std::fmt::Write;

/// Options of `frontdesk approvals`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also list approved and rejected requests.
    #[arg(long)]
    pub all: bool,
    /// List at most this many.
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
}

/// Options of `frontdesk approve` and `frontdesk reject`.
#[derive(Debug, Args)]
pub struct DecideArgs {
    /// Request id (see `frontdesk approvals`).
    pub id: u64,
    /// Note for the maker and the audit trail (required to reject).
    #[arg(long, default_value = "")]
    pub note: String,
}

/// Lists the queue.
pub fn list(env: &Env, args: &ListArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    let list = query::approvals(&store, args.all, args.limit)?;
    emit(env, &list, || {
        if list.is_empty() {
            return "no requests waiting for approval\n".into();
        }
        list.iter().fold(String::new(), |mut s, a| {
            let _ = writeln!(s, "{}", line(a));
            s
        })
    })
}

/// Approves or rejects one request.
pub fn decide(env: &Env, args: &DecideArgs, approve: bool) -> Result<(), Failure> {
    let store = env.open_store()?;
    let cmd = Command::DecideApproval { id: args.id, approve, note: args.note.clone() };
    let reply = ops::execute(&store, &env.ctx(), &cmd)?;
    print_outcome(env, &reply)
}

/// Prints a reply that may be a request waiting for approval (then
/// [`ExitCode::PendingApproval`]: scripts must not take it for done).
pub fn print_outcome(env: &Env, reply: &Reply) -> Result<(), Failure> {
    let Reply::Approval(o) = reply else { return emit(env, reply, String::new) };
    emit(env, o, || outcome_text(o))?;
    waiting(&o.approval)
}

/// [`ExitCode::PendingApproval`] when `a` is still pending.
pub fn waiting(a: &Approval) -> Result<(), Failure> {
    if a.state != ApprovalState::Pending {
        return Ok(());
    }
    Err(Failure::new(ExitCode::PendingApproval, CliSays::NotApplied { id: a.id, role: a.needs.as_str().to_string() }))
}

/// What a request or decision did, for people.
pub fn outcome_text(o: &ApprovalOutcome) -> String {
    let a = &o.approval;
    let balance = o.member.as_ref().map_or(String::new(), |m| format!("; balance {}", m.balance));
    match a.state {
        ApprovalState::Pending => format!(
            "{}above your limit: request {} ({} points for {}) waits for a {} or above to approve (`frontdesk approve {}`){balance}\n",
            if o.duplicate { "already requested: " } else { "" },
            a.id,
            a.change.summary(),
            a.change.card(),
            a.needs.as_str(),
            a.id
        ),
        state => format!(
            "{}request {} {} by {}: {} points for {}{balance}\n",
            if o.duplicate { "already decided: " } else { "" },
            a.id,
            state.as_str(),
            a.checker.as_deref().unwrap_or("-"),
            a.change.summary(),
            a.change.card()
        ),
    }
}

/// One request per line.
pub fn line(a: &Approval) -> String {
    let decided = match (&a.checker, a.state) {
        (Some(c), s) => format!("{} by {c}", s.as_str()),
        (None, s) => format!("{}, needs {}", s.as_str(), a.needs.as_str()),
    };
    format!(
        "#{:<5} {}  {:<30} {:<14} by {} {:<24} {}",
        a.id,
        a.requested_on,
        a.change.summary(),
        a.change.card(),
        cell(&a.maker, 12),
        decided,
        cell(a.change.reason(), 30).trim_end()
    )
}
