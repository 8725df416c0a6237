//! `frontdesk audit`: the audit log, for managers and admins.

use super::output::emit;
use super::{Env, Failure, parse};
use chrono::NaiveDate;
use clap::Args;
use frontdesk_core::i18n::errors::{Act, Missing};
use frontdesk_store::ops::query::{self, AuditEvent, AuditFilter};
use frontdesk_store::ops::{self, MemberRef};
use std::fmt::Write as _;

/// `audit` options.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only events about this member (card number or e-mail).
    #[arg(long, value_name = "CARD")]
    pub member: Option<String>,
    /// Only events by this operator login. (`--operator` is taken: it names who signs in.)
    #[arg(long, value_name = "LOGIN", visible_alias = "operator-login")]
    pub by: Option<String>,
    /// Only events on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse::date)]
    pub since: Option<NaiveDate>,
    /// Most events to list, newest first.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

/// Refuses unless the signed-in operator is a manager or an admin (exit 3, as every
/// permission refusal).
pub fn require_manager(env: &Env, act: Act) -> Result<(), Failure> {
    env.ctx().require_manager(act).map_err(Failure::from)
}

/// Runs `audit`.
pub fn run(env: &Env, args: &AuditArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    require_manager(env, Act::ReadAudit)?;
    let member_card = match args.member.as_deref() {
        None => None,
        Some(raw) => match MemberRef::parse("--member", raw)? {
            // An erased member keeps its card, so a card is taken as given even when it
            // matches no member (yet): its events are what is asked for.
            MemberRef::Card(card) => Some(card),
            who => Some(
                ops::member_lookup(&store, &who)?
                    .ok_or_else(|| Failure::data(Missing::MemberByEmail { email: raw.to_string() }))?
                    .card,
            ),
        },
    };
    let filter = AuditFilter { member_card, operator: args.by.clone(), since: args.since };
    let events = query::audit_events(&store, &filter, args.limit)?;
    emit(env, &events, || text(&events))
}

fn text(events: &[AuditEvent]) -> String {
    if events.is_empty() {
        return "no audit events match".into();
    }
    let mut s = String::new();
    for e in events {
        let change = match (e.before.is_empty(), e.after.is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("  → {}", e.after),
            (false, true) => format!("  {} →", e.before),
            (false, false) => format!("  {} → {}", e.before, e.after),
        };
        let _ = writeln!(s, "{}  {} ({})  {}  {}{change}", e.at, e.operator, e.role, e.command, e.target);
    }
    s
}
