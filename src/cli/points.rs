//! `frontdesk stay …` and `frontdesk points …`

use super::output::{already, cell, emit};
use super::parse;
use super::{Env, Failure};
use chrono::{Days, NaiveDate};
use clap::Subcommand;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_core::i18n::Nights;
use frontdesk_core::i18n::errors::{CliSays, Missing, Refusal};
use frontdesk_store::ops::{self, Adjustment, Command, MemberRef, Reply, StayInput, query};
use std::fmt::Write;

/// Stay subcommands.
#[derive(Debug, Subcommand)]
pub enum StayCmd {
    /// Record a stay (or a cancelled / no-show booking) and credit its points.
    Post {
        /// Guest's card number or e-mail.
        #[arg(long)]
        member: String,
        /// Property code (default from config).
        #[arg(long)]
        property: Option<String>,
        /// Arrival date.
        #[arg(long, value_parser = parse::date)]
        arrival: NaiveDate,
        /// Departure date (or give --nights).
        #[arg(long, value_parser = parse::date, conflicts_with = "nights", required_unless_present = "nights")]
        departure: Option<NaiveDate>,
        /// Nights (or give --departure).
        #[arg(long)]
        nights: Option<u32>,
        /// Room revenue before tax, e.g. 450.00.
        #[arg(long, allow_hyphen_values = true)]
        revenue: String,
        /// Canonical channel.
        #[arg(long, default_value = "direct")]
        channel: String,
        /// completed, cancelled or no_show.
        #[arg(long, default_value = "completed")]
        status: String,
        /// Your reference; posting it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
        /// Post it although it overlaps another completed stay of the member at the same
        /// property (a second room); without it such a stay is refused.
        #[arg(long)]
        allow_overlap: bool,
    },
    /// Take back a completed stay's points and tier credit.
    Reverse {
        /// Guest's card number or e-mail.
        member: String,
        /// Stay number (see `stay list`).
        stay: u32,
        /// Why.
        #[arg(long)]
        reason: String,
        /// Your reference; reversing it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// A member's stays, newest first.
    List {
        /// Card number or e-mail.
        member: String,
        /// Most stays to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

/// Points subcommands.
#[derive(Debug, Subcommand)]
pub enum PointsCmd {
    /// Add or remove points by hand, with a reason.
    Adjust {
        /// Card number or e-mail.
        member: String,
        /// Signed points, e.g. 500 or -200.
        #[arg(long, allow_negative_numbers = true)]
        points: i64,
        /// Why (required).
        #[arg(long)]
        reason: String,
        /// Record as an opening balance carried over from a legacy programme.
        #[arg(long)]
        opening: bool,
        /// Your reference; applying it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// A member's ledger, newest first.
    History {
        /// Card number or e-mail.
        member: String,
        /// Most postings to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

/// Refuses a completed stay that overlaps a completed stay of the member at the same
/// property (exit 3): one guest in two rooms at once is rare, a mistyped date common.
fn refuse_overlap(env: &Env, store: &frontdesk_store::store::Store, input: &StayInput) -> Result<(), Failure> {
    let Some(member) = ops::member_lookup(store, &input.member)? else { return Ok(()) };
    let stays = query::stays_of(store, member.id, usize::MAX)?;
    let property = input.property.clone().unwrap_or_else(|| env.config.store.default_property.clone());
    let new = frontdesk_core::domain::stay::Occupancy {
        property: &property,
        arrival: input.arrival,
        departure: input.departure,
        external_ref: input.external_ref.as_deref(),
    };
    match frontdesk_core::domain::stay::overlapping(&stays, &new).first() {
        None => Ok(()),
        Some(s) => Err(Failure::data(Refusal::Overlap {
            seq: s.seq,
            property,
            arrival: s.arrival,
            departure: s.departure,
            nights: Nights(i64::from(s.nights)),
        })),
    }
}

/// Runs a stay subcommand.
pub fn run_stay(env: &Env, cmd: &StayCmd) -> Result<(), Failure> {
    match cmd {
        StayCmd::Post {
            member,
            property,
            arrival,
            departure,
            nights,
            revenue,
            channel,
            status,
            external_ref,
            allow_overlap,
        } => {
            let who = MemberRef::parse("member", member)?;
            let revenue_minor = parse::money(revenue, env.config.store.minor_digits)
                .map_err(|e| Failure::usage(CliSays::Revenue { reason: Box::new(e.into()) }))?;
            let departure = match (departure, nights) {
                (Some(d), _) => *d,
                (None, Some(n)) => arrival
                    .checked_add_days(Days::new(u64::from(*n)))
                    .ok_or_else(|| Failure::usage(CliSays::TooManyNights))?,
                (None, None) => return Err(Failure::usage(CliSays::DepartureOrNights)),
            };
            let status = StayStatus::parse(status)
                .ok_or_else(|| Failure::usage(CliSays::StayStatus { value: status.clone() }))?;
            let input = StayInput {
                member: who,
                property: property.clone(),
                arrival: *arrival,
                departure,
                revenue_minor,
                channel: channel.trim().to_lowercase(),
                status,
                external_ref: external_ref.clone(),
            };
            let store = env.open_store()?;
            if input.status == StayStatus::Completed && !allow_overlap {
                refuse_overlap(env, &store, &input)?;
            }
            let reply = ops::execute(&store, &env.ctx(), &Command::PostStay(input))?;
            print_stay(env, &reply, "posted")
        }
        StayCmd::Reverse { member, stay, reason, external_ref } => {
            let who = MemberRef::parse("member", member)?;
            let store = env.open_store()?;
            let reply = ops::execute(
                &store,
                &env.ctx(),
                &Command::ReverseStay {
                    member: who,
                    seq: *stay,
                    reason: reason.clone(),
                    external_ref: external_ref.clone(),
                },
            )?;
            print_stay(env, &reply, "reversed")
        }
        StayCmd::List { member, limit } => {
            let store = env.open_store()?;
            let m = find(&store, member)?;
            let stays = query::stays_of(&store, m.id, *limit)?;
            let digits = env.config.store.minor_digits;
            emit(env, &stays, || {
                let mut s = format!("{}  {}\n", m.card, m.name);
                for st in &stays {
                    let _ = writeln!(
                        s,
                        "  #{:<4} {} {} → {} {:>2}n {:>10} {:<13} {:<10} {:>6}+{} pts",
                        st.seq,
                        st.property,
                        st.arrival,
                        st.departure,
                        st.nights,
                        parse::format_money(st.revenue_minor, digits),
                        st.channel,
                        st.status.as_str(),
                        st.base_points,
                        st.bonus_points
                    );
                }
                s
            })
        }
    }
}

fn print_stay(env: &Env, reply: &Reply, did: &str) -> Result<(), Failure> {
    let Reply::Stay(o) = reply else { return emit(env, reply, String::new) };
    emit(env, o, || {
        let head = already(o.duplicate, did);
        let tier = if o.tier_before == o.member.tier {
            o.member.tier.clone()
        } else {
            format!("{} → {}", o.tier_before, o.member.tier)
        };
        format!(
            "{head}{} stay {} {}: {} nights, base {} + bonus {} points; balance {}; tier {}",
            o.member.card, o.stay, o.status, o.nights, o.base_points, o.bonus_points, o.member.balance, tier
        )
    })
}

/// The member a user named, or a data error.
pub fn find(
    store: &frontdesk_store::store::Store,
    member: &str,
) -> Result<frontdesk_core::domain::member::Member, Failure> {
    let who = MemberRef::parse("member", member)?;
    ops::member_lookup(store, &who)?.ok_or_else(|| Failure::data(Missing::Member { who: member.to_string() }))
}

/// Runs a points subcommand.
pub fn run_points(env: &Env, cmd: &PointsCmd) -> Result<(), Failure> {
    match cmd {
        PointsCmd::Adjust { member, points, reason, opening, external_ref } => {
            let who = MemberRef::parse("member", member)?;
            let kind = if *opening { EntryKind::Opening } else { EntryKind::Adjust };
            let store = env.open_store()?;
            let a = Adjustment {
                member: who,
                points: *points,
                reason: reason.clone(),
                kind,
                external_ref: external_ref.clone(),
            };
            let reply = ops::execute(&store, &env.ctx(), &Command::AdjustPoints(a))?;
            let Reply::Points(o) = &reply else { return super::approval::print_outcome(env, &reply) };
            emit(env, o, || {
                let head = already(o.duplicate, "applied");
                format!(
                    "{head}{} {:+} points: balance {} → {}",
                    o.member.card, o.points, o.balance_before, o.member.balance
                )
            })
        }
        PointsCmd::History { member, limit } => {
            let store = env.open_store()?;
            let m = find(&store, member)?;
            let postings = query::ledger_of(&store, m.id, *limit)?;
            emit(env, &postings, || {
                let mut s = format!("{}  {}  balance {}\n", m.card, m.name, m.balance);
                for p in &postings {
                    let kinds: Vec<&str> = p.lines.iter().map(|l| l.kind.as_str()).collect();
                    let _ = writeln!(
                        s,
                        "  #{:<4} {} {:>+8} {:<18} {} {}{}",
                        p.seq,
                        p.date,
                        p.net(),
                        kinds.join("+"),
                        cell(&p.source, 16),
                        cell(&p.reason, 30).trim_end(),
                        p.approver.as_ref().map_or(String::new(), |a| format!("  [{} approved by {a}]", p.operator))
                    );
                }
                s
            })
        }
    }
}
