//! `frontdesk report rfm` and the cohort matrix of `report retention`; refreshing the
//! snapshot from `report rebuild` and `expire`.

use super::report::{ReportArgs, Rows, opt, pct, show, show_list};
use super::{Env, Failure};
use frontdesk_core::domain::analytics::{CohortMatrix, RfmReport, SEGMENTS, Segment};
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::report::analytics as a;
use std::fmt::Write;

fn segment_arg(name: &str) -> Result<Segment, Failure> {
    Segment::parse(name).ok_or_else(|| {
        let names: Vec<&str> = SEGMENTS.iter().map(|s| s.as_str()).collect();
        Failure::usage(CliSays::NotSegment { value: name.to_string(), known: names.join(", ") })
    })
}

/// `report rfm`: the stored snapshot when it is for the business date (`--as-of` or
/// today); otherwise computed now for that date, read-only, and said so.
pub fn rfm(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    let ctx = env.ctx();
    let p = args.property.as_deref();
    let segment = args.members.as_deref().map(segment_arg).transpose()?;
    let stored = a::load_snapshot(&store)?.filter(|s| s.as_of == ctx.today);
    let note = if stored.is_some() { "stored snapshot" } else { "computed now, not stored" };
    let (report, computed) = match stored {
        Some(s) => (s.rfm_report(p), None),
        None => {
            let (record, members, _) = frontdesk_store::ops::compute_snapshot(&store, ctx.today, ctx.now)?;
            (record.rfm_report(p), Some(members))
        }
    };
    if let Some(segment) = segment {
        let list = match &computed {
            Some(members) => a::members_of(&store, &env.config, ctx.today, members, segment, p)?,
            None => a::rfm_members(&store, &env.config, segment, p, None)?
                .ok_or_else(|| Failure::runtime(CliSays::RfmGone))?,
        };
        return show_list(env, args, &list);
    }
    let (rows, text) = rfm_output(&report, note);
    show(env, args, &report, rows, text)
}

fn rfm_output(r: &RfmReport, note: &str) -> (Rows, String) {
    let mut rows: Rows = vec![
        ("summary".into(), "as_of".into(), r.snapshot.as_of.to_string()),
        ("summary".into(), "window_months".into(), r.window_months.to_string()),
        ("summary".into(), "members_scored".into(), r.members_scored.to_string()),
        ("summary".into(), "not_scored".into(), r.not_scored.to_string()),
    ];
    for g in &r.segments {
        rows.push(("segment".into(), g.segment.as_str().into(), g.members.to_string()));
    }
    let edges = |v: &[String]| if v.is_empty() { "-".to_string() } else { v.join(" ") };
    let rec: Vec<String> = r.recency_days_edges.iter().map(i64::to_string).collect();
    let freq: Vec<String> = r.frequency_edges.iter().map(u64::to_string).collect();
    let mon: Vec<String> = r.monetary_minor_edges.iter().map(i64::to_string).collect();
    for (name, list) in [("recency_days", &rec), ("frequency", &freq), ("monetary_minor", &mon)] {
        rows.extend(list.iter().enumerate().map(|(i, e)| ("edge".into(), format!("{name}:{}", i + 1), e.clone())));
    }
    let mut t = format!(
        "RFM on {} ({note}): {} members scored over {} months, {} without a stay in the window\n",
        r.snapshot.as_of, r.members_scored, r.window_months, r.not_scored
    );
    let _ = writeln!(t, "{:<14}{:>10}{:>9}", "segment", "members", "share");
    for g in &r.segments {
        let _ = writeln!(t, "{:<14}{:>10}{:>9}", g.label, g.members, pct(g.share));
    }
    let _ = writeln!(t, "quintile edges  recency days {}  stays {}", edges(&rec), edges(&freq));
    let _ = writeln!(t, "                revenue (minor units) {}", edges(&mon));
    t.push_str("`--members SEGMENT` lists a segment (champions, loyal, potential, new, at_risk, hibernating, lost)");
    (rows, t)
}

/// Adds the cohort matrix and monthly stays to the retention output, or says there is
/// no snapshot yet.
pub fn cohort_output(c: Option<&CohortMatrix>, rows: &mut Rows, t: &mut String) {
    let Some(c) = c else {
        t.push_str("\n  cohorts: not computed yet — run `frontdesk report rebuild`");
        return;
    };
    rows.push(("cohorts".into(), "snapshot_as_of".into(), c.snapshot.as_of.to_string()));
    for r in &c.rows {
        rows.push(("cohort_members".into(), r.cohort.clone(), r.members.to_string()));
        for (k, share) in r.returning.iter().enumerate() {
            rows.push(("cohort_returning".into(), format!("{}:+{k}", r.cohort), opt(Some(share))));
        }
    }
    rows.extend(c.monthly_stays.iter().map(|m| ("monthly_stays".into(), m.month.clone(), m.stays.to_string())));
    let _ =
        write!(t, "\n\ncohorts by first-stay month (snapshot {}), % with a stay k months later\n", c.snapshot.as_of);
    let span = c.rows.iter().map(|r| r.returning.len()).max().unwrap_or(0);
    let _ = write!(t, "{:<8}{:>7}", "cohort", "members");
    for k in 0..span {
        let _ = write!(t, "{:>5}", format!("+{k}"));
    }
    for r in &c.rows {
        let _ = write!(t, "\n{:<8}{:>7}", r.cohort, r.members);
        for share in &r.returning {
            let _ = write!(t, "{:>5}", format!("{:.0}", share * 100.0));
        }
    }
    let months: Vec<String> = c.monthly_stays.iter().map(|m| m.stays.to_string()).collect();
    let first = c.monthly_stays.first().map_or("", |m| m.month.as_str());
    let _ = write!(t, "\nstays per month from {first}: {}", months.join(" "));
}

/// Refreshes the snapshot for the business date; the line for people.
pub fn refresh(env: &Env, store: &frontdesk_store::store::Store) -> Result<frontdesk_store::ops::SnapshotRun, Failure> {
    let ctx = env.ctx();
    Ok(frontdesk_store::ops::refresh_snapshot(store, ctx.today, ctx.now)?)
}

/// The snapshot refresh for people.
pub fn refresh_line(run: &frontdesk_store::ops::SnapshotRun) -> String {
    format!(
        "RFM and cohort snapshot for {}: {} members, {} stays, {} scored in {} ms (+{} ms writing)",
        run.as_of.map_or_else(String::new, |d| d.to_string()),
        run.members,
        run.stays,
        run.scored,
        run.compute_millis,
        run.write_millis
    )
}
