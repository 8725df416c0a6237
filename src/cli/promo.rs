//! `frontdesk promo add|list|end|report`: dated promotions and their spend.

use super::output::{cell, emit};
use super::parse;
use super::{Env, Failure};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use frontdesk_core::domain::promotion::{Effect, Eligibility, Period, Promotion};
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::ops::query::{self, PromotionRow, PromotionState};
use frontdesk_store::ops::{self, Command, PromotionInput, Reply};
use std::fmt::Write;

/// Promotion subcommands.
#[derive(Debug, Subcommand)]
pub enum PromoCmd {
    /// Add a promotion (managers and admins).
    Add(Box<AddArgs>),
    /// Promotions running now and upcoming, with spend against budget (`--all`: ended too).
    List {
        /// Also list ended promotions.
        #[arg(long)]
        all: bool,
    },
    /// End a promotion early: it applies up to the day before DATE (default today).
    End {
        /// Promotion code.
        code: String,
        /// First day it no longer applies.
        #[arg(long, value_parser = parse::date)]
        on: Option<NaiveDate>,
    },
    /// Spend against budget, members reached and points by property and activity kind.
    Report {
        /// Promotion code.
        code: String,
    },
}

/// Options of `promo add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Short code named on ledger entries: 2 to 20 capital letters, digits, `-` or `_`.
    pub code: String,
    /// Name shown to people.
    #[arg(long)]
    pub name: String,
    /// First day it applies.
    #[arg(long, value_parser = parse::date)]
    pub from: NaiveDate,
    /// Last day it applies.
    #[arg(long, value_parser = parse::date)]
    pub to: NaiveDate,
    /// Multiply base points: total percent of base (200 doubles).
    #[arg(long, conflicts_with_all = ["bonus", "nth"], required_unless_present_any = ["bonus", "nth"])]
    pub multiplier: Option<u32>,
    /// Fixed bonus points on each eligible activity (or on the Nth with --nth).
    #[arg(long, allow_negative_numbers = true)]
    pub bonus: Option<i64>,
    /// Give --bonus only on the Nth eligible activity of a member in each --per period.
    #[arg(long, requires_all = ["per", "bonus"])]
    pub nth: Option<u32>,
    /// Period the Nth activity is counted over: month, quarter, year or promotion.
    #[arg(long, requires = "nth")]
    pub per: Option<String>,
    /// Eligible tier (repeatable; none: every tier).
    #[arg(long = "tier")]
    pub tiers: Vec<String>,
    /// Eligible property (repeatable).
    #[arg(long = "property")]
    pub properties: Vec<String>,
    /// Eligible booking channel, stays only (repeatable).
    #[arg(long = "channel")]
    pub channels: Vec<String>,
    /// Eligible activity kind: stay, spend, fee, event, referral, survey, enrolment, birthday
    /// (repeatable).
    #[arg(long = "kind")]
    pub kinds: Vec<String>,
    /// Member tag; the member needs one of them (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Most points one member may get from it.
    #[arg(long, allow_negative_numbers = true)]
    pub cap: Option<i64>,
    /// Most points it may grant in all.
    #[arg(long, allow_negative_numbers = true)]
    pub budget: Option<i64>,
}

/// Runs a promo subcommand.
pub fn run(env: &Env, cmd: &PromoCmd) -> Result<(), Failure> {
    match cmd {
        PromoCmd::Add(a) => {
            let input = input(env, a)?;
            let store = env.open_store()?;
            let reply = ops::execute(&store, &env.ctx(), &Command::AddPromotion(Box::new(input)))?;
            print_outcome(env, &reply, "added")
        }
        PromoCmd::End { code, on } => {
            let store = env.open_store()?;
            let reply = ops::execute(&store, &env.ctx(), &Command::EndPromotion { code: code.clone(), on: *on })?;
            print_outcome(env, &reply, "ended")
        }
        PromoCmd::List { all } => {
            let store = env.open_store()?;
            let rows: Vec<PromotionRow> = query::promotions(&store, env.ctx().today)?
                .into_iter()
                .filter(|r| *all || r.state != PromotionState::Ended)
                .collect();
            emit(env, &rows, || list_text(&rows, *all))
        }
        PromoCmd::Report { code } => {
            let store = env.open_store()?;
            let r = query::promotion_report(&store, code)?
                .ok_or_else(|| Failure::data(CliSays::NoPromotion { code: code.clone() }))?;
            emit(env, &r, || {
                let mut t = format!("promotion {}: {} points granted", r.code, r.granted);
                if let Some(b) = r.budget {
                    let _ = write!(t, " of a budget of {b} ({} left)", (b - r.spent).max(0));
                }
                let _ = writeln!(t, "\n  members reached {}   activities {}", r.members_reached, r.activities);
                for (p, pts) in &r.by_property {
                    let _ = writeln!(t, "  property {:<12} {:>10}", p, pts);
                }
                for (k, pts) in &r.by_kind {
                    let _ = writeln!(t, "  kind     {:<12} {:>10}", k, pts);
                }
                t
            })
        }
    }
}

fn effect(a: &AddArgs) -> Result<Effect, Failure> {
    match (a.multiplier, a.bonus, a.nth) {
        (Some(percent), _, _) => Ok(Effect::Multiplier { percent }),
        (None, Some(points), Some(n)) => {
            let per = a.per.as_deref().unwrap_or_default();
            let period = Period::parse(per).ok_or_else(|| Failure::usage(CliSays::Per { value: per.to_string() }))?;
            Ok(Effect::Nth { n, period, points })
        }
        (None, Some(points), None) => Ok(Effect::Fixed { points }),
        _ => Err(Failure::usage(CliSays::Effect)),
    }
}

fn input(env: &Env, a: &AddArgs) -> Result<PromotionInput, Failure> {
    let lower = |v: &[String]| v.iter().map(|s| s.trim().to_lowercase()).collect::<Vec<_>>();
    let kinds = lower(&a.kinds);
    if let Some(k) = kinds.iter().find(|k| !frontdesk_core::domain::activity::KINDS.contains(&k.as_str())) {
        return Err(Failure::usage(CliSays::ActivityKind {
            value: k.clone(),
            known: frontdesk_core::domain::activity::KINDS.join(", "),
        }));
    }
    let mut tiers = Vec::with_capacity(a.tiers.len());
    for t in &a.tiers {
        let Some(rule) = env.config.tiers.iter().find(|r| r.code.eq_ignore_ascii_case(t.trim())) else {
            let codes: Vec<&str> = env.config.tiers.iter().map(|r| r.code.as_str()).collect();
            return Err(Failure::usage(CliSays::Tier { value: t.clone(), known: codes.join(", ") }));
        };
        tiers.push(rule.code.clone());
    }
    let mut properties = Vec::with_capacity(a.properties.len());
    for p in &a.properties {
        let Some(q) = env.config.properties.iter().find(|q| q.code.eq_ignore_ascii_case(p.trim())) else {
            return Err(Failure::usage(CliSays::Property { value: p.clone() }));
        };
        properties.push(q.code.clone());
    }
    Ok(PromotionInput {
        code: a.code.clone(),
        name: a.name.clone(),
        starts: a.from,
        ends: a.to,
        eligibility: Eligibility {
            tiers,
            properties,
            channels: lower(&a.channels),
            kinds,
            tags: a.tags.iter().map(|s| s.trim().to_string()).collect(),
        },
        effect: effect(a)?,
        member_cap: a.cap,
        budget: a.budget,
    })
}

fn print_outcome(env: &Env, reply: &Reply, did: &str) -> Result<(), Failure> {
    let Reply::Promotion(o) = reply else { return emit(env, reply, String::new) };
    emit(env, o, || {
        let p = &o.promotion;
        let ended = p.ended_on.map_or(String::new(), |e| format!(", ended {e}"));
        format!(
            "promotion {} {did}: {} {} to {}{ended}; {}\n",
            p.code,
            effect_text(p.effect),
            p.starts,
            p.ends,
            spend(p, o.spent)
        )
    })
}

/// How an effect reads.
pub fn effect_text(e: Effect) -> String {
    match e {
        Effect::Multiplier { percent } => format!("{percent}% of base"),
        Effect::Fixed { points } => format!("+{points} points"),
        Effect::Nth { n, period, points } => format!("+{points} points on activity #{n} per {period:?}").to_lowercase(),
    }
}

fn spend(p: &Promotion, spent: i64) -> String {
    match p.budget {
        Some(b) => format!("spent {spent} of {b}"),
        None => format!("spent {spent}, no budget"),
    }
}

fn list_text(rows: &[PromotionRow], all: bool) -> String {
    if rows.is_empty() {
        let which = if all { "" } else { " running or upcoming (`--all` lists ended ones)" };
        return format!("no promotions{which}\n");
    }
    rows.iter().fold(String::new(), |mut s, r| {
        let p = &r.promotion;
        let until = p.ended_on.map_or(p.ends.to_string(), |e| format!("{e} (ended early)"));
        let _ = writeln!(
            s,
            "{:<12} {:<8} {} – {:<22} {} {:<28} {}",
            p.code,
            r.state.as_str(),
            p.starts,
            until,
            cell(&p.name, 32),
            effect_text(p.effect),
            spend(p, r.spent)
        );
        s
    })
}
