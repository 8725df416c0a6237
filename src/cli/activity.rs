//! `frontdesk activity record|reverse|list`: earning activities besides stays.

use super::output::{already, cell, emit};
use super::parse;
use super::points::find;
use super::{Env, Failure};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use frontdesk_core::domain::activity::{Activity, ActivityRecord, KINDS, SpendCategory};
use frontdesk_core::i18n::errors::{CliSays, Fault, Needs};
use frontdesk_store::ops::{self, ActivityInput, Command, MemberRef, Reply, query};
use frontdesk_store::store::Store;
use std::fmt::Write;

/// Activity subcommands.
#[derive(Debug, Subcommand)]
pub enum ActivityCmd {
    /// Record an activity and credit its points and any promotions it earns.
    Record(Box<RecordArgs>),
    /// Take back an activity's points and its promotions' points.
    Reverse {
        /// Activity id (see `activity list`).
        id: u64,
        /// Why (required).
        #[arg(long)]
        reason: String,
        /// Your reference; reversing it again has no effect.
        #[arg(long)]
        external_ref: Option<String>,
    },
    /// A member's activities, newest first.
    List {
        /// Card number or e-mail.
        member: String,
        /// Most activities to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

/// Options of `activity record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Card number or e-mail of the member.
    pub member: String,
    /// spend, fee, event, referral, survey, enrolment or birthday.
    pub kind: String,
    /// Amount spent or paid (spend, fee), e.g. 120.50.
    #[arg(long)]
    pub amount: Option<String>,
    /// What was spent on: fnb, spa or other (spend).
    #[arg(long)]
    pub category: Option<String>,
    /// Stay number whose folio the spend was charged to (spend).
    #[arg(long)]
    pub stay: Option<u32>,
    /// Fee period paid for, YYYY-MM (fee).
    #[arg(long)]
    pub period: Option<String>,
    /// The fee was paid after its due date: it earns nothing (fee).
    #[arg(long)]
    pub late: bool,
    /// Event or survey code (event, survey).
    #[arg(long)]
    pub code: Option<String>,
    /// Card number or e-mail of the member referred (referral).
    #[arg(long)]
    pub referred: Option<String>,
    /// Year the birthday bonus is for (birthday; default the activity's year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Day it happened (default the business date).
    #[arg(long, value_parser = parse::date)]
    pub date: Option<NaiveDate>,
    /// Property (default the member's home property).
    #[arg(long)]
    pub property: Option<String>,
    /// Your reference; recording it again has no effect.
    #[arg(long)]
    pub external_ref: Option<String>,
}

/// Runs an activity subcommand.
pub fn run(env: &Env, cmd: &ActivityCmd) -> Result<(), Failure> {
    match cmd {
        ActivityCmd::Record(a) => {
            let member = MemberRef::parse("member", &a.member)?;
            let store = env.open_store()?;
            let activity = activity(env, &store, a)?;
            let input = ActivityInput {
                member,
                activity,
                date: a.date,
                property: a.property.clone(),
                external_ref: a.external_ref.clone(),
            };
            let reply = ops::execute(&store, &env.ctx(), &Command::RecordActivity(Box::new(input)))?;
            print_outcome(env, &reply, "recorded")
        }
        ActivityCmd::Reverse { id, reason, external_ref } => {
            let store = env.open_store()?;
            let cmd = Command::ReverseActivity { id: *id, reason: reason.clone(), external_ref: external_ref.clone() };
            let reply = ops::execute(&store, &env.ctx(), &cmd)?;
            print_outcome(env, &reply, "reversed")
        }
        ActivityCmd::List { member, limit } => {
            let store = env.open_store()?;
            let m = find(&store, member)?;
            let list = query::activities_of(&store, m.id, *limit)?;
            emit(env, &list, || {
                let mut s = format!("{}  {}  balance {}\n", m.card, m.name, m.balance);
                if list.is_empty() {
                    s.push_str("  no activities\n");
                }
                for a in &list {
                    let _ = writeln!(s, "  {}", line(env, a));
                }
                s
            })
        }
    }
}

fn need<'a, T>(v: &'a Option<T>, what: Needs, flag: &str) -> Result<&'a T, Failure> {
    v.as_ref().ok_or_else(|| Failure::usage(CliSays::NeedsFlag { flag: flag.to_string(), what }))
}

fn amount(env: &Env, a: &RecordArgs, what: Needs) -> Result<i64, Failure> {
    parse::money(need(&a.amount, what, "amount")?, env.config.store.minor_digits)
        .map_err(|reason| Failure::usage(Fault::invalid("amount", reason)))
}

/// The activity the arguments describe; every missing or malformed field is named.
fn activity(env: &Env, store: &Store, a: &RecordArgs) -> Result<Activity, Failure> {
    let kind = a.kind.trim().to_lowercase();
    Ok(match kind.as_str() {
        "spend" => {
            let c = need(&a.category, Needs::Spend, "category")?;
            let category =
                SpendCategory::parse(c).ok_or_else(|| Failure::usage(CliSays::Category { value: c.clone() }))?;
            Activity::Spend { category, amount_minor: amount(env, a, Needs::Spend)?, stay_seq: a.stay }
        }
        "fee" => {
            let p = need(&a.period, Needs::Fee, "period")?;
            let period = NaiveDate::parse_from_str(&format!("{}-01", p.trim()), "%Y-%m-%d")
                .map_err(|_| Failure::usage(CliSays::Period { value: p.clone() }))?;
            Activity::FeePayment { period, amount_minor: amount(env, a, Needs::Fee)?, on_time: !a.late }
        }
        "event" => Activity::Event { code: need(&a.code, Needs::Event, "code")?.trim().to_string() },
        "survey" => Activity::Survey { code: need(&a.code, Needs::Survey, "code")?.trim().to_string() },
        "referral" => {
            let r = need(&a.referred, Needs::Referral, "referred")?;
            let who = MemberRef::parse("referred", r)?;
            let m = ops::member_lookup(store, &who)?
                .ok_or_else(|| Failure::data(CliSays::ReferredNoMember { who: r.clone() }))?;
            Activity::Referral { referred: m.id }
        }
        "enrolment" | "enrollment" => Activity::Enrolment,
        "birthday" => Activity::Birthday { year: a.year.unwrap_or_else(|| a.date.unwrap_or(env.ctx().today).year()) },
        other => {
            let kinds: Vec<&str> = KINDS.iter().copied().filter(|k| *k != "stay").collect();
            let (value, known) = (other.to_string(), kinds.join(", "));
            let says =
                if other == "stay" { CliSays::KindStay { value, known } } else { CliSays::Kind { value, known } };
            return Err(Failure::usage(says));
        }
    })
}

/// What an activity was, in a few words.
fn what(env: &Env, a: &Activity) -> String {
    let digits = env.config.store.minor_digits;
    match a {
        Activity::Spend { category, amount_minor, stay_seq } => format!(
            "spend {} {}{}",
            category.as_str(),
            parse::format_money(*amount_minor, digits),
            stay_seq.map_or(String::new(), |s| format!(" on stay {s}"))
        ),
        Activity::FeePayment { period, amount_minor, on_time } => format!(
            "fee {} {} {}",
            period.format("%Y-%m"),
            parse::format_money(*amount_minor, digits),
            if *on_time { "on time" } else { "late" }
        ),
        Activity::Event { code } => format!("event {code}"),
        Activity::Survey { code } => format!("survey {code}"),
        Activity::Referral { referred } => format!("referral of member {referred}"),
        Activity::Enrolment => "enrolment".into(),
        Activity::Birthday { year } => format!("birthday {year}"),
    }
}

fn line(env: &Env, a: &ActivityRecord) -> String {
    let promos: Vec<String> =
        a.grants.iter().filter(|g| g.points > 0).map(|g| format!("{} +{}", g.code, g.points)).collect();
    format!(
        "#{:<6} {} {:<8} {} {:>7} pts {:<8}{}",
        a.id,
        a.date,
        a.property,
        cell(&what(env, &a.activity), 34),
        a.base_points,
        a.status.as_str(),
        if promos.is_empty() { String::new() } else { format!("  promotions {}", promos.join(", ")) }
    )
}

fn print_outcome(env: &Env, reply: &Reply, did: &str) -> Result<(), Failure> {
    let Reply::Activity(o) = reply else { return emit(env, reply, String::new) };
    emit(env, o, || {
        let a = &o.activity;
        let mut s = already(o.duplicate, did);
        let _ = write!(
            s,
            "{} activity {} {did}: {}, base {} points",
            o.member.card,
            a.id,
            what(env, &a.activity),
            a.base_points
        );
        for g in a.grants.iter().filter(|g| g.points > 0) {
            let _ = write!(s, ", promotion {} +{}", g.code, g.points);
        }
        let _ = writeln!(s, "; balance {}", o.member.balance);
        s
    })
}
