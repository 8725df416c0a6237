//! `frontdesk report property`: fee punctuality, repair turnaround and tenancy renewal of
//! the residential and commercial properties (definitions in
//! `domain::analytics::property`).

use super::report::{ReportArgs, Rows, no_lists, opt, pct, show};
use super::{Env, Failure};
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::report::analytics as a;
use std::fmt::Write;

/// `report property`.
pub fn property(env: &Env, args: &ReportArgs) -> Result<(), Failure> {
    no_lists(args, "property")?;
    let wanted = args.property.as_deref();
    if let Some(p) = wanted
        && !env.config.is_managed(p)
    {
        let managed: Vec<&str> = env.config.managed_properties().map(|p| p.code.as_str()).collect();
        let value = p.to_string();
        return Err(Failure::usage(if managed.is_empty() {
            CliSays::NoneManaged { value }
        } else {
            CliSays::NotManaged { value, managed: managed.join(", ") }
        }));
    }
    let store = env.open_store()?;
    let r = a::property_report(&store, &env.config, env.ctx().today, wanted)?;
    let mut rows: Rows = Vec::new();
    let hours = |h: Option<f64>| h.map_or_else(|| "-".into(), |h| format!("{h:.1} h"));
    let mut t = format!("managed properties on {}\n", r.as_of);
    if r.properties.is_empty() {
        t.push_str("no residential or commercial property is configured\n");
    }
    for f in &r.properties {
        let p = &f.property;
        rows.push(("punctuality".into(), p.clone(), opt(f.punctuality)));
        rows.push(("fee_periods".into(), p.clone(), f.fee_periods.to_string()));
        rows.push(("repair_median_hours".into(), p.clone(), opt(f.repair_median_hours)));
        rows.push(("repair_p90_hours".into(), p.clone(), opt(f.repair_p90_hours)));
        rows.push(("repairs_open".into(), p.clone(), f.repairs_open.to_string()));
        rows.push(("renewal".into(), p.clone(), opt(f.renewal)));
        rows.push(("tenancies_due".into(), p.clone(), f.tenancies_due.to_string()));
        let _ = writeln!(t, "{p} ({})", f.kind);
        let _ = writeln!(
            t,
            "  fee punctuality   {} ({} of {} periods on time)",
            pct(f.punctuality),
            f.fee_on_time,
            f.fee_periods
        );
        let _ = writeln!(
            t,
            "  repair turnaround median {}, p90 {} ({} resolved, {} open)",
            hours(f.repair_median_hours),
            hours(f.repair_p90_hours),
            f.repairs_resolved,
            f.repairs_open
        );
        let _ = writeln!(
            t,
            "  tenancy renewal   {} ({} of {} tenancies of the year before last paid again last year)",
            pct(f.renewal),
            f.tenancies_renewed,
            f.tenancies_due
        );
    }
    show(env, args, &r, rows, t)
}
