//! `frontdesk report NAME`: the analytics reports as text (80 columns), `--json` or
//! `--csv` (one long table: `table,key,value`, RFC 4180, ISO dates, `.` decimals).

use super::output::{emit, write_stdout};
use super::{Env, Failure};
use clap::Args;
use frontdesk_core::domain::analytics::{Count, MemberList, Score};
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::report::analytics as a;
use serde::Serialize;
use std::fmt::Write;

/// Options shared by the analytics reports.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Home property (complaint property for complaints and satisfaction); default all.
    #[arg(long, value_name = "CODE")]
    pub property: Option<String>,
    /// Write CSV (a long table: table,key,value) instead of text.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// List the members behind a figure instead (tiers: at_risk, on_track, upgraded; rfm: a
    /// segment). The other reports have no member lists and refuse it.
    #[arg(long, value_name = "LIST", num_args = 0..=1, default_missing_value = "at_risk")]
    pub members: Option<String>,
}

/// Birthdays options.
#[derive(Debug, Args)]
pub struct BirthdayArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: ReportArgs,
    /// Days in the window, starting with the business date.
    #[arg(long, default_value_t = 7)]
    pub days: u32,
}

/// Rows of the long CSV table.
pub(super) type Rows = Vec<(String, String, String)>;

fn counts(rows: &mut Rows, table: &str, list: &[Count]) {
    rows.extend(list.iter().map(|c| (table.to_string(), c.key.clone(), c.count.to_string())));
}

pub(super) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

pub(super) fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{:.1} %", x * 100.0))
}

fn csv_text(rows: &Rows) -> Result<String, Failure> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::runtime(CliSays::WriteCsv { error: e.to_string() });
    w.write_record(["table", "key", "value"]).map_err(fail)?;
    for (t, k, v) in rows {
        w.write_record([t, k, v]).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Failure::runtime(CliSays::WriteCsv { error: e.to_string() }))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Prints a report: JSON, CSV rows or text.
pub(super) fn show<T: Serialize>(
    env: &Env,
    args: &ReportArgs,
    value: &T,
    rows: Rows,
    text: String,
) -> Result<(), Failure> {
    if args.csv {
        return write_stdout(&csv_text(&rows)?);
    }
    emit(env, value, || text)
}

fn list_text(l: &MemberList) -> String {
    let mut s = format!("{} {}: {} members\n", l.report, l.list, l.members.len());
    for r in &l.members {
        let _ = writeln!(
            s,
            "{}  {} {:<9} {:<5} {}",
            r.card,
            super::output::cell(&r.name, 22),
            r.tier,
            r.property,
            r.figure
        );
    }
    s
}

pub(super) fn show_list(env: &Env, args: &ReportArgs, l: &MemberList) -> Result<(), Failure> {
    let rows = l
        .members
        .iter()
        .map(|r| (l.list.clone(), r.card.clone(), format!("{} | {} | {} | {}", r.name, r.tier, r.property, r.figure)))
        .collect();
    show(env, args, l, rows, list_text(l))
}

/// Refuses `--members` on a report without member lists (never silently ignored).
pub(super) fn no_lists(args: &ReportArgs, report: &str) -> Result<(), Failure> {
    match &args.members {
        None => Ok(()),
        Some(_) => Err(Failure::usage(CliSays::NoMemberLists { report: report.to_string() })),
    }
}

/// `report tiers`.
pub fn tiers(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    let as_of = env.ctx().today;
    let p = args.property.as_deref();
    if let Some(list) = &args.members {
        if !a::TIER_LISTS.contains(&list.as_str()) {
            return Err(Failure::usage(CliSays::MembersOneOf { known: a::TIER_LISTS.join(", ") }));
        }
        return show_list(env, args, &a::tier_members(&store, &env.config, as_of, p, list)?);
    }
    let r = a::tiers(&store, &env.config, as_of, p)?;
    let mut rows = vec![("members".into(), "all".into(), r.members.to_string())];
    counts(&mut rows, "tiers", &r.tiers);
    counts(&mut rows, "upgraded", &r.upgraded);
    counts(&mut rows, "on_track", &r.on_track);
    counts(&mut rows, "at_risk", &r.at_risk);
    let mut t = format!("tiers on {} ({} members, year {})\n", r.as_of, r.members, r.year);
    let _ = writeln!(t, "{:<12}{:>10}{:>10}{:>10}{:>10}", "tier", "members", "upgraded", "on track", "at risk");
    for c in &r.tiers {
        let of = |l: &[Count]| l.iter().find(|x| x.key == c.key).map_or("-".into(), |x| x.count.to_string());
        let _ = writeln!(
            t,
            "{:<12}{:>10}{:>10}{:>10}{:>10}",
            c.key,
            c.count,
            of(&r.upgraded),
            of(&r.on_track),
            of(&r.at_risk)
        );
    }
    t.push_str("`--members at_risk` lists who drops on 1 January and what they still need");
    show(env, args, &r, rows, t)
}

/// `report retention`.
pub fn retention(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    no_lists(args, "retention")?;
    let store = env.open_store()?;
    let r = a::retention(&store, &env.config, env.ctx().today, args.property.as_deref())?;
    let mut rows: Rows = [
        ("members", r.members),
        ("active", r.active),
        ("at_risk", r.at_risk),
        ("lapsed", r.lapsed),
        ("never_stayed", r.never_stayed),
    ]
    .iter()
    .map(|(k, v)| ("recency".into(), k.to_string(), v.to_string()))
    .collect();
    rows.extend(r.stays.iter().map(|b| ("stays".into(), b.stays.clone(), b.members.to_string())));
    rows.push(("repeat_stay_rate".into(), "all".into(), opt(r.repeat_stay_rate)));
    let mut t = format!("retention on {} ({} members)\n", r.as_of, r.members);
    let _ = writeln!(t, "  active (stay in the last {} months)  {:>8}", r.active_months, r.active);
    let _ = writeln!(t, "  at risk ({}–{} months)              {:>8}", r.active_months, r.lapsed_months, r.at_risk);
    let _ = writeln!(t, "  lapsed (over {} months)             {:>8}", r.lapsed_months, r.lapsed);
    let _ = writeln!(t, "  never stayed                        {:>8}", r.never_stayed);
    let buckets: Vec<String> = r.stays.iter().map(|b| format!("{}: {}", b.stays, b.members)).collect();
    let _ = writeln!(t, "  members by stays   {}", buckets.join("  "));
    let _ = write!(t, "  repeat-stay rate   {}", pct(r.repeat_stay_rate));
    super::report_rfm::cohort_output(r.cohorts.as_ref(), &mut rows, &mut t);
    show(env, args, &r, rows, t)
}

/// `report liability`.
pub fn liability(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    no_lists(args, "liability")?;
    let store = env.open_store()?;
    let mut r = a::liability(&store, &env.config, env.ctx().today, args.property.as_deref())?;
    let split = a::outstanding_by_source(&store, args.property.as_deref())?;
    r.outstanding_by_source = Some(split);
    let mut rows: Rows = vec![
        ("points".into(), "earned".into(), r.earned.to_string()),
        ("points".into(), "redeemed".into(), opt(r.redeemed)),
        ("points".into(), "expired".into(), opt(r.expired)),
        ("points".into(), "redeemed_or_expired".into(), r.redeemed_or_expired.to_string()),
        ("points".into(), "outstanding".into(), r.outstanding.to_string()),
        ("points".into(), "overdue".into(), r.overdue.to_string()),
    ];
    rows.extend(r.expiring.iter().map(|e| ("expiring_within_days".into(), e.days.to_string(), e.points.to_string())));
    let parts = [
        ("stay", split.stay),
        ("activity", split.activity),
        ("promotion", split.promotion),
        ("goodwill", split.goodwill),
        ("other", split.other),
    ];
    rows.extend(parts.iter().map(|(k, v)| ("outstanding_by_source".into(), (*k).into(), v.to_string())));
    let mut t = format!("points liability on {}\n", r.as_of);
    let _ = writeln!(t, "  earned        {:>14}", r.earned);
    let _ = writeln!(t, "  redeemed      {:>14}", opt(r.redeemed));
    let _ = writeln!(t, "  expired       {:>14}", opt(r.expired));
    let _ = writeln!(t, "  outstanding   {:>14}", r.outstanding);
    for (k, v) in parts {
        let _ = writeln!(t, "    {k:<11} {v:>14}");
    }
    let _ = writeln!(t, "  overdue       {:>14}  (past expiry, not yet taken by `expire`)", r.overdue);
    for e in &r.expiring {
        let _ = writeln!(t, "  expiring in {:>2} days {:>9}", e.days, e.points);
    }
    show(env, args, &r, rows, t)
}

fn range(r: Option<frontdesk_core::domain::analytics::MinutesRange>) -> String {
    r.map_or_else(|| "-".into(), |m| format!("{}–{} min", m.from_minutes, opt(m.to_minutes)))
}

/// `report complaints`.
pub fn complaints(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    no_lists(args, "complaints")?;
    let store = env.open_store()?;
    let r = a::complaints(&store, &env.config, env.ctx().today, args.property.as_deref())?;
    let mut rows: Rows = vec![
        ("summary".into(), "complaints".into(), r.complaints.to_string()),
        ("summary".into(), "sla_breached".into(), r.sla_breached.to_string()),
        ("summary".into(), "sla_breach_rate".into(), opt(r.sla_breach_rate)),
        (
            "summary".into(),
            "median_first_response_from_minutes".into(),
            opt(r.median_first_response.map(|m| m.from_minutes)),
        ),
        ("summary".into(), "median_resolve_from_minutes".into(), opt(r.median_resolve.map(|m| m.from_minutes))),
        ("summary".into(), "complainers".into(), r.complainers.to_string()),
        ("summary".into(), "repeat_complainers".into(), r.repeat_complainers.to_string()),
        ("summary".into(), "goodwill_points".into(), r.goodwill_points.to_string()),
    ];
    counts(&mut rows, "category", &r.by_category);
    counts(&mut rows, "severity", &r.by_severity);
    counts(&mut rows, "property", &r.by_property);
    counts(&mut rows, "month", &r.by_month);
    let mut t = format!("complaints opened {} – {}: {}\n", r.from, r.to, r.complaints);
    let _ = writeln!(t, "  SLA breached {} ({})", r.sla_breached, pct(r.sla_breach_rate));
    let _ = writeln!(
        t,
        "  median first response {}   median resolve {}",
        range(r.median_first_response),
        range(r.median_resolve)
    );
    let _ = writeln!(
        t,
        "  repeat complainers {} of {}   goodwill {} points",
        r.repeat_complainers, r.complainers, r.goodwill_points
    );
    for (name, list) in [("category", &r.by_category), ("severity", &r.by_severity), ("property", &r.by_property)] {
        let items: Vec<String> = list.iter().map(|c| format!("{} {}", c.key, c.count)).collect();
        let _ = writeln!(t, "  {name:<9} {}", items.join(", "));
    }
    let months: Vec<String> = r.by_month.iter().map(|c| c.count.to_string()).collect();
    let _ = write!(t, "  by month  {}", months.join(" "));
    show(env, args, &r, rows, t)
}

fn score_rows(rows: &mut Rows, table: &str, s: &Score) {
    for (k, v) in [
        ("nps_responses", s.nps_responses.to_string()),
        ("promoters", s.promoters.to_string()),
        ("detractors", s.detractors.to_string()),
        ("nps", opt(s.nps)),
        ("csat_responses", s.csat_responses.to_string()),
        ("satisfied", s.satisfied.to_string()),
        ("csat", opt(s.csat)),
    ] {
        rows.push((table.to_string(), format!("{}:{k}", s.key), v));
    }
}

/// `report satisfaction`.
pub fn satisfaction(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    no_lists(args, "satisfaction")?;
    let store = env.open_store()?;
    let r = a::satisfaction(&store, &env.config, env.ctx().today, args.property.as_deref())?;
    let mut rows = Rows::new();
    score_rows(&mut rows, "total", &r.total);
    r.by_month.iter().for_each(|s| score_rows(&mut rows, "month", s));
    r.by_property.iter().for_each(|s| score_rows(&mut rows, "property", s));
    let line = |s: &Score| {
        format!(
            "{:<10}{:>8}{:>8}{:>8}{:>10}",
            s.key,
            s.nps_responses,
            s.nps.map_or("-".into(), |x| format!("{x:.0}")),
            s.csat_responses,
            pct(s.csat)
        )
    };
    let mut t = format!(
        "satisfaction {} – {}\n{:<10}{:>8}{:>8}{:>8}{:>10}\n",
        r.from, r.to, "", "answers", "NPS", "answers", "CSAT"
    );
    let _ = writeln!(t, "{}", line(&r.total));
    r.by_month.iter().chain(&r.by_property).for_each(|s| {
        let _ = writeln!(t, "{}", line(s));
    });
    show(env, args, &r, rows, t)
}

/// `report birthdays`.
pub fn birthdays(env: &Env, args: &BirthdayArgs) -> Result<(), Failure> {
    no_lists(&args.common, "birthdays")?;
    let store = env.open_store()?;
    let r = a::birthdays(&store, &env.config, env.ctx().today, args.common.property.as_deref(), args.days, None)?;
    let rows = r
        .birthdays
        .iter()
        .map(|b| {
            (b.date.to_string(), b.member.card.clone(), format!("{} | {} | {}", b.member.name, b.age, b.member.tier))
        })
        .collect();
    let mut t = format!("birthdays {} + {} days: {}\n", r.as_of, r.days, r.total);
    for b in &r.birthdays {
        let _ = writeln!(
            t,
            "{}  {}  {} {:>3}  {}",
            b.date,
            b.member.card,
            super::output::cell(&b.member.name, 24),
            b.age,
            b.member.tier
        );
    }
    show(env, &args.common, &r, rows, t)
}

/// `report rebuild`: the counters and birthday index, then the RFM and cohort snapshot
/// for the business date.
pub fn rebuild(env: &Env) -> Result<(), Failure> {
    #[derive(Serialize)]
    struct Rebuilt {
        #[serde(flatten)]
        counters: frontdesk_store::ops::RebuildRun,
        snapshot: frontdesk_store::ops::SnapshotRun,
    }
    let store = env.open_store()?;
    let run = frontdesk_store::ops::rebuild_facts(&store, &env.config)?;
    let snapshot = super::report_rfm::refresh(env, &store)?;
    emit(env, &Rebuilt { counters: run, snapshot }, || {
        let i = run.index;
        let mended = if i.buckets_replaced + i.entries_restored + i.conflicts == 0 {
            String::new()
        } else {
            format!(
                "\nmended the member indexes: {} damaged buckets written again, {} entries restored from the records, {} entries naming another record left for `frontdesk verify` to report",
                i.buckets_replaced, i.entries_restored, i.conflicts
            )
        };
        format!(
            "rebuilt {} counter records and {} birthday keys from {} members and {} complaints in {} ms{mended}\n{}",
            run.records,
            run.birthdays,
            run.members,
            run.complaints,
            run.millis,
            super::report_rfm::refresh_line(&snapshot)
        )
    })
}
