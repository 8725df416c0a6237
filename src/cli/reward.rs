//! `frontdesk reward …` and `frontdesk redeem …`

use super::output::{already, cell, emit};
use super::parse;
use super::points::find;
use super::{Env, Failure};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use frontdesk_core::domain::reward::Reward;
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::ops::{self, Command, MemberRef, RedeemInput, Reply, RewardInput, query};
use std::fmt::Write;

/// Reward subcommands.
#[derive(Debug, Subcommand)]
pub enum RewardCmd {
    /// The catalogue.
    List,
    /// Add a reward to the catalogue.
    Add {
        /// Unique code, e.g. SPA-90.
        #[arg(long)]
        code: String,
        /// Name the desk and receipts show, e.g. "Spa, 90 minutes".
        #[arg(long)]
        name: String,
        /// Points cost.
        #[arg(long)]
        points: i64,
        /// Units available (unlimited when absent).
        #[arg(long)]
        stock: Option<u32>,
        /// Lowest tier allowed.
        #[arg(long, default_value = "member")]
        min_tier: String,
        /// Allow part payment in cash.
        #[arg(long)]
        partial: bool,
        /// Only at this property.
        #[arg(long)]
        property: Option<String>,
        /// First valid day.
        #[arg(long, value_parser = parse::date)]
        valid_from: Option<NaiveDate>,
        /// Last valid day.
        #[arg(long, value_parser = parse::date)]
        valid_until: Option<NaiveDate>,
        /// Your reference; adding the same reward again with it has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
}

/// `redeem CARD REWARD`, or `redeem fulfil|cancel|list …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RedeemArgs {
    /// Fulfil, cancel or list instead of redeeming.
    #[command(subcommand)]
    pub action: Option<RedeemAction>,
    /// Member's card number or e-mail.
    pub member: Option<String>,
    /// Reward code.
    pub reward: Option<String>,
    /// Pay only this many points and the rest in cash (rewards that allow it).
    #[arg(long)]
    pub points: Option<i64>,
    /// Property where the reward is taken.
    #[arg(long)]
    pub property: Option<String>,
    /// Your reference; redeeming it again has no effect.
    #[arg(long)]
    pub external_ref: Option<String>,
}

/// Actions on existing redemptions.
#[derive(Debug, Subcommand)]
pub enum RedeemAction {
    /// Mark a held redemption as handed over.
    Fulfil {
        /// Redemption id.
        id: u64,
        /// Your reference; fulfilling it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// Cancel a held redemption and refund its points.
    Cancel {
        /// Redemption id.
        id: u64,
        /// Why.
        #[arg(long, default_value = "cancelled at the desk")]
        reason: String,
        /// Your reference; cancelling it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// A member's redemptions.
    List {
        /// Card number or e-mail.
        member: String,
    },
}

/// Runs a reward subcommand.
pub fn run_reward(env: &Env, cmd: &RewardCmd) -> Result<(), Failure> {
    let store = env.open_store()?;
    match cmd {
        RewardCmd::List => {
            let views = query::rewards(&store)?;
            emit(env, &views, || views.iter().map(reward_line).collect::<Vec<_>>().join("\n"))
        }
        RewardCmd::Add {
            code,
            name,
            points,
            stock,
            min_tier,
            partial,
            property,
            valid_from,
            valid_until,
            external_ref,
        } => {
            let input = RewardInput {
                code: code.clone(),
                name: name.clone(),
                points: *points,
                stock: *stock,
                min_tier: min_tier.clone(),
                partial: *partial,
                property: property.clone(),
                valid_from: *valid_from,
                valid_until: *valid_until,
                external_ref: external_ref.clone(),
            };
            let reply = ops::execute(&store, &env.ctx(), &Command::AddReward(input))?;
            match &reply {
                Reply::Reward(o) => {
                    let verb = if o.duplicate { "" } else { "added " };
                    emit(env, o, || format!("{}{verb}{}", already(o.duplicate, "added"), reward_line(&o.reward)))
                }
                other => emit(env, other, String::new),
            }
        }
    }
}

fn reward_line(v: &Reward) -> String {
    format!(
        "{:<10} {} {:>7} pts  {:<8} {:<9} {}{}",
        v.code,
        cell(&v.name, 32),
        v.points,
        v.min_tier,
        v.stock.map_or("unlimited".into(), |s| format!("{s} left")),
        v.property.as_deref().map_or(String::new(), |p| format!("at {p} ")),
        if v.partial { "points+cash" } else { "" }
    )
}

/// Runs `redeem`.
pub fn run_redeem(env: &Env, args: &RedeemArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    let cmd = match &args.action {
        Some(RedeemAction::Fulfil { id, external_ref }) => {
            Command::FulfilRedemption { id: *id, external_ref: external_ref.clone() }
        }
        Some(RedeemAction::Cancel { id, reason, external_ref }) => {
            Command::CancelRedemption { id: *id, reason: reason.clone(), external_ref: external_ref.clone() }
        }
        Some(RedeemAction::List { member }) => {
            let m = find(&store, member)?;
            let list = query::redemptions_of(&store, m.id)?;
            return emit(env, &list, || {
                let mut s = format!("{}  {}\n", m.card, m.name);
                for r in &list {
                    let _ = writeln!(
                        s,
                        "  #{:<6} {} {:<10} {:>7} pts {:<10} {}",
                        r.id,
                        r.date,
                        r.reward_code,
                        r.points,
                        r.state.as_str(),
                        r.property
                    );
                }
                s
            });
        }
        None => {
            let (Some(member), Some(reward)) = (&args.member, &args.reward) else {
                return Err(Failure::usage(CliSays::RedeemUsage));
            };
            Command::Redeem(RedeemInput {
                member: MemberRef::parse("member", member)?,
                reward: reward.clone(),
                points: args.points,
                property: args.property.clone(),
                external_ref: args.external_ref.clone(),
            })
        }
    };
    let did = match &cmd {
        Command::FulfilRedemption { .. } => "fulfilled",
        Command::CancelRedemption { .. } => "cancelled",
        _ => "redeemed",
    };
    let reply = ops::execute(&store, &env.ctx(), &cmd)?;
    let Reply::Redemption(o) = &reply else { return emit(env, &reply, String::new) };
    let digits = env.config.store.minor_digits;
    emit(env, o, || {
        let head = already(o.duplicate, did);
        let cash = if o.cash_minor > 0 {
            format!(" + {} {}", parse::format_money(o.cash_minor, digits), env.config.store.currency)
        } else {
            String::new()
        };
        format!(
            "{head}redemption {} {} {}: {} points{cash}; balance {} → {}",
            o.id, o.reward, o.state, o.points, o.balance_before, o.member.balance
        )
    })
}
