//! `frontdesk config check`, `expire`, `verify`, `demo`, `report …`

use super::output::{emit, write_stdout};
use super::{Cli, Env, Failure};
use clap::{Args, Subcommand};
use frontdesk_core::i18n::Problems;
use frontdesk_core::i18n::errors::{CliSays, ConfigSays};
use frontdesk_store::ops;
use frontdesk_store::ops::query;

/// Configuration subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Load the defaults and the override, and report every problem with file, key and reason.
    Check,
}

/// `demo` options.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Members to create.
    #[arg(long, default_value_t = 2000)]
    pub members: u64,
    /// Seed: the same seed gives the same store.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Hotel guests only: leave out the residential property's residents, fee payments,
    /// events, repair requests and its fee promotion.
    #[arg(long)]
    pub hotels_only: bool,
}

/// Report subcommands.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Store-wide totals: members, stays, nights, points and open complaints.
    Overview,
    /// Members per tier, this year's upgrades, on track and at risk of dropping.
    Tiers(super::report::ReportArgs),
    /// Active / at risk / lapsed members by last stay, repeat-stay rate, cohort matrix.
    Retention(super::report::ReportArgs),
    /// RFM segments over 24 months (`--members SEGMENT` lists one).
    Rfm(super::report::ReportArgs),
    /// Points earned, redeemed, expired, outstanding and expiring in 30/60/90 days.
    Liability(super::report::ReportArgs),
    /// Complaints by category, severity, property and month; SLA; response times.
    Complaints(super::report::ReportArgs),
    /// NPS and CSAT by month and property.
    Satisfaction(super::report::ReportArgs),
    /// Members with a birthday in the next days.
    Birthdays(super::report::BirthdayArgs),
    /// Residential and commercial properties: fee punctuality, repair turnaround, renewal.
    Property(super::report::ReportArgs),
    /// Recompute the analytics counters, the birthday index and the RFM and cohort snapshot; mend the member indexes.
    Rebuild,
}

/// Runs `config check`.
pub fn config_check(cli: &Cli) -> Result<(), Failure> {
    match frontdesk_core::config::load_checked(cli.config.as_deref(), super::CONFIG_CHECKS) {
        Ok(c) => {
            let text = if cli.json {
                serde_json::json!({"ok": true, "properties": c.properties.len(), "tiers": c.tiers.len(), "rewards": c.rewards.len()})
                    .to_string()
            } else {
                format!(
                    "configuration OK: {} properties, {} tiers, {} rewards, {} complaint categories",
                    c.properties.len(),
                    c.tiers.len(),
                    c.rewards.len(),
                    c.complaints.categories.len()
                )
            };
            write_stdout(&format!("{text}\n"))
        }
        Err(e) => {
            if cli.json {
                let issues: Vec<serde_json::Value> = e
                    .issues
                    .iter()
                    .map(|i| serde_json::json!({"file": i.file, "key": i.key, "reason": i.reason.to_string()}))
                    .collect();
                write_stdout(&format!("{}\n", serde_json::json!({"ok": false, "issues": issues})))?;
                return Err(Failure::usage(ConfigSays::Count { n: Problems(e.issues.len() as i64) }));
            }
            Err(Failure::usage(ConfigSays::Problems { n: Problems(e.issues.len() as i64), issues: e.says() }))
        }
    }
}

/// Runs `expire`.
pub fn expire(env: &Env) -> Result<(), Failure> {
    let store = env.open_store()?;
    let ctx = env.ctx();
    let run = ops::expire_all(&store, &ctx, ctx.today)?;
    // The nightly job also grants the day's birthday bonuses and refreshes the RFM and
    // cohort snapshot for its business date.
    let birthdays = ops::grant_birthdays(&store, &ctx, ctx.today)?;
    let snapshot = super::report_rfm::refresh(env, &store)?;
    #[derive(serde::Serialize)]
    struct Nightly<'a, R: serde::Serialize> {
        #[serde(flatten)]
        expiry: &'a R,
        birthdays: ops::BirthdayRun,
        snapshot: ops::SnapshotRun,
    }
    emit(env, &Nightly { expiry: &run, birthdays, snapshot }, || {
        format!(
            "expiry as of {}: {} members scanned, {} lost points, {} points expired\nbirthdays: {} members, {} bonuses granted, {} points\n{}",
            ctx.today,
            run.members_scanned,
            run.members_expired,
            run.points_expired,
            birthdays.members,
            birthdays.granted,
            birthdays.points,
            super::report_rfm::refresh_line(&snapshot)
        )
    })
}

/// Runs `demo`.
pub fn demo(env: &Env, args: &DemoArgs) -> Result<(), Failure> {
    if args.members == 0 || args.members > 10_000_000 {
        return Err(Failure::usage(CliSays::DemoMembers));
    }
    let store = env.open_store()?;
    if !store.tree(frontdesk_store::store::T::Members).is_empty() {
        return Err(Failure::data(CliSays::DemoNotEmpty));
    }
    let ctx = env.ctx();
    let opts = frontdesk_exchange::demo::options_for_total(
        &env.config,
        args.members,
        args.seed,
        ctx.today,
        ctx.now,
        !args.hotels_only,
    );
    let started = std::time::Instant::now();
    let show = !env.cli.json && std::io::IsTerminal::is_terminal(&std::io::stderr()) && !super::capture::is_captured();
    let mut last = 0u64;
    let mut progress = |done: u64, total: u64| {
        if show && (done == total || done > last + total / 100) {
            last = done;
            eprint!("\rdemo: {done}/{total} members");
        }
    };
    let summary = frontdesk_exchange::demo::build(&store, &env.config, &opts, &mut progress)?;
    if show {
        eprintln!();
    }
    emit(env, &summary, || {
        format!(
            "demo store built in {:.1} s: {} members ({} hotel guests, {} residents), {} stays, {} cancelled or no-show bookings, {} redemptions, {} complaints, {} points expired; {} fee payments, {} event visits, {} service requests",
            started.elapsed().as_secs_f64(),
            summary.members + summary.residents,
            summary.members,
            summary.residents,
            summary.stays,
            summary.bookings_cancelled,
            summary.redemptions,
            summary.complaints,
            summary.points_expired,
            summary.fee_payments,
            summary.events,
            summary.service_requests
        )
    })
}

/// Runs a report.
pub fn report(env: &Env, cmd: &ReportCmd) -> Result<(), Failure> {
    use super::report as r;
    match cmd {
        ReportCmd::Tiers(a) => return r::tiers(env, a),
        ReportCmd::Retention(a) => return r::retention(env, a),
        ReportCmd::Rfm(a) => return super::report_rfm::rfm(env, a),
        ReportCmd::Liability(a) => return r::liability(env, a),
        ReportCmd::Complaints(a) => return r::complaints(env, a),
        ReportCmd::Satisfaction(a) => return r::satisfaction(env, a),
        ReportCmd::Birthdays(a) => return r::birthdays(env, a),
        ReportCmd::Property(a) => return super::report_property::property(env, a),
        ReportCmd::Rebuild => return r::rebuild(env),
        ReportCmd::Overview => {}
    }
    let store = env.open_store()?;
    {
        {
            let o = query::overview(&store)?;
            emit(env, &o, || {
                format!(
                    "members             {}\nstays               {}\nnights              {}\npoints earned       {}\npoints redeemed     {}\npoints expired      {}\npoints outstanding  {}\ncomplaints open     {}",
                    o.members,
                    o.stays,
                    o.nights,
                    o.points_earned,
                    o.points_redeemed,
                    o.points_expired,
                    o.points_outstanding,
                    o.complaints_open
                )
            })
        }
    }
}

/// Whether `command` opens the store, answers and exits, rather than working through it
/// (imports, exports, backups, checks, the demo, `batch`, `serve`): see [`crate::alloc`].
pub(super) fn one_shot(command: &super::Command) -> bool {
    use super::Command;
    match command {
        Command::Report(c) => !matches!(c, ReportCmd::Rebuild),
        _ => matches!(
            command,
            Command::Member(_)
                | Command::Stay(_)
                | Command::Points(_)
                | Command::Activity(_)
                | Command::Promo(_)
                | Command::Reward(_)
                | Command::Redeem(_)
                | Command::Complaint(_)
                | Command::Operator(_)
                | Command::Approvals(_)
                | Command::Approve(_)
                | Command::Reject(_)
                | Command::Audit(_)
        ),
    }
}
