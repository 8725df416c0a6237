//! Every analytics report against a small hand-computed fixture: members and complaints
//! written out below, counters summed from their contributions, numbers worked out by hand.

// Table tests take one argument per hand-computed column.
#![allow(clippy::too_many_arguments)]

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts::{self, FactSet};
use frontdesk_core::domain::analytics::input::FactRow;
use frontdesk_core::domain::analytics::retention::{LedgerTotals, Windows, liability_report, retention_report};
use frontdesk_core::domain::analytics::service::{Orders, complaints_report, satisfaction_report};
use frontdesk_core::domain::analytics::tiers::tiers_report;
use frontdesk_core::domain::analytics::{Count, MinutesRange};
use frontdesk_core::domain::complaint::{Complaint, ComplaintState};
use frontdesk_core::domain::ledger::Lot;
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::tier::{TierOverride, TierTable, YearQual};
use rstest::rstest;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const AS_OF: (i32, u32, u32) = (2026, 6, 15);

fn as_of() -> NaiveDate {
    date(AS_OF.0, AS_OF.1, AS_OF.2)
}

#[allow(clippy::too_many_arguments)]
fn member(
    id: u64,
    p: &str,
    qual: &[(i32, u32)],
    over: Option<(&str, NaiveDate)>,
    last: Option<NaiveDate>,
    stays: u32,
    lot: Option<(NaiveDate, i64)>,
    lifetime: i64,
) -> Member {
    Member {
        id,
        card: format!("62000000{id:04}"),
        name: format!("M{id}"),
        email: None,
        phone: None,
        birthday: None,
        home_property: p.into(),
        notes: String::new(),
        tags: vec![],
        marketing_consent: false,
        status: MemberStatus::Active,
        enrolled_on: date(2020, 1, 1),
        enrol_channel: "desk".into(),
        balance: lot.map_or(0, |l| l.1),
        lifetime_points: lifetime,
        lots: lot.map(|(d, p)| Lot { id: 1, earned_on: d, remaining: p }).into_iter().collect(),
        qual: qual.iter().map(|(y, n)| YearQual { year: *y, nights: *n, stays: 1, spend_minor: 0 }).collect(),
        tier_override: over.map(|(t, until)| TierOverride { tier: t.into(), until }),
        last_activity: lot.map(|l| l.0),
        last_stay: last,
        stays,
        nights: 0,
        stay_seq: stays,
        ledger_seq: 1,
        open_complaints: 0,
    }
}

/// A: LIS silver from 2025, not re-qualified; B: LIS gold this year; C: PRT platinum by
/// override to the end of 2026; D: PRT never stayed; E: LIS erased (not counted);
/// F: PRT gold in 2024, expired to member in 2026.
fn members() -> Vec<Member> {
    let mut e = member(5, "LIS", &[(2026, 60)], None, Some(date(2026, 6, 1)), 9, None, 0);
    e.status = MemberStatus::Erased;
    vec![
        member(1, "LIS", &[(2025, 12)], None, Some(date(2025, 9, 1)), 3, Some((date(2024, 7, 1), 1000)), 1500),
        member(2, "LIS", &[(2025, 5), (2026, 30)], None, Some(date(2026, 5, 1)), 6, Some((date(2026, 5, 1), 500)), 500),
        member(
            3,
            "PRT",
            &[],
            Some(("platinum", date(2026, 12, 31))),
            Some(date(2024, 12, 1)),
            1,
            Some((date(2024, 8, 1), 2000)),
            2000,
        ),
        member(4, "PRT", &[], None, None, 0, None, 0),
        e,
        member(6, "PRT", &[(2024, 26)], None, Some(date(2024, 3, 1)), 2, Some((date(2024, 4, 1), 300)), 800),
    ]
}

const MIN: i64 = 60_000;

fn ms(d: NaiveDate, hour: u32) -> i64 {
    d.and_hms_opt(hour, 0, 0).unwrap().and_utc().timestamp_millis()
}

#[allow(clippy::too_many_arguments)]
fn complaint(
    id: u64,
    member: Option<u64>,
    p: &str,
    cat: &str,
    sev: &str,
    opened: i64,
    sla: (i64, i64),
    first: Option<i64>,
    resolved: Option<i64>,
    scores: Option<(u8, u8)>,
    goodwill: i64,
) -> Complaint {
    Complaint {
        id,
        member_id: member,
        property: p.into(),
        category: cat.into(),
        severity: sev.into(),
        channel: "desk".into(),
        description: String::new(),
        state: if resolved.is_some() { ComplaintState::Resolved } else { ComplaintState::InProgress },
        opened_at: opened,
        respond_by: opened + sla.0 * MIN,
        resolve_by: opened + sla.1 * MIN,
        first_response_at: first.map(|m| opened + m * MIN),
        resolved_at: resolved.map(|m| opened + m * MIN),
        closed_at: None,
        timeline: vec![],
        goodwill_points: goodwill,
        csat: scores.map(|s| s.1),
        nps: scores.map(|s| s.0),
        external_ref: None,
    }
}

fn complaints() -> Vec<Complaint> {
    vec![
        complaint(
            1,
            Some(1),
            "LIS",
            "noise",
            "high",
            ms(date(2026, 6, 1), 10),
            (30, 1440),
            Some(20),
            Some(120),
            Some((10, 5)),
            500,
        ),
        complaint(
            2,
            Some(1),
            "LIS",
            "noise",
            "normal",
            ms(date(2026, 5, 10), 9),
            (120, 4320),
            Some(180),
            None,
            Some((5, 2)),
            0,
        ),
        complaint(
            3,
            Some(3),
            "PRT",
            "billing",
            "low",
            ms(date(2026, 1, 5), 8),
            (1440, 10080),
            Some(10),
            Some(4320),
            Some((8, 4)),
            0,
        ),
        complaint(4, None, "PRT", "billing", "low", ms(date(2025, 3, 1), 8), (1440, 10080), None, None, None, 0),
    ]
}

fn rows(config: &Config, family: u8) -> Vec<FactRow> {
    let mut set = FactSet::new();
    for m in members() {
        facts::add(&mut set, &facts::member_facts(&m, config), 1);
    }
    for c in complaints() {
        facts::add(&mut set, &facts::complaint_facts(&c), 1);
    }
    facts::complete(&mut set);
    set.into_iter().filter(|(k, _)| k[1] == family).filter_map(|(k, cells)| FactRow::from_record(&k, cells)).collect()
}

fn counts(list: &[(&str, u64)]) -> Vec<Count> {
    list.iter().map(|(k, c)| Count { key: k.to_string(), count: *c }).collect()
}

#[rstest]
#[case(None, 5, &[("member", 2), ("silver", 1), ("gold", 1), ("platinum", 1)], &[("silver", 0), ("gold", 1), ("platinum", 0)], &[("silver", 0), ("gold", 1), ("platinum", 0)], &[("silver", 1), ("gold", 0), ("platinum", 1)])]
#[case(Some("LIS"), 2, &[("member", 0), ("silver", 1), ("gold", 1), ("platinum", 0)], &[("silver", 0), ("gold", 1), ("platinum", 0)], &[("silver", 0), ("gold", 1), ("platinum", 0)], &[("silver", 1), ("gold", 0), ("platinum", 0)])]
#[case(Some("PRT"), 3, &[("member", 2), ("silver", 0), ("gold", 0), ("platinum", 1)], &[("silver", 0), ("gold", 0), ("platinum", 0)], &[("silver", 0), ("gold", 0), ("platinum", 0)], &[("silver", 0), ("gold", 0), ("platinum", 1)])]
fn tiers_by_hand(
    #[case] property: Option<&str>,
    #[case] total: u64,
    #[case] tiers: &[(&str, u64)],
    #[case] upgraded: &[(&str, u64)],
    #[case] on_track: &[(&str, u64)],
    #[case] at_risk: &[(&str, u64)],
) {
    let config = Config::builtin().unwrap();
    let table = TierTable { rules: &config.tiers, minor_per_unit: config.minor_per_unit() };
    let r = tiers_report(&rows(&config, facts::TIERS), &table, as_of(), property);
    assert_eq!(r.members, total);
    assert_eq!(r.tiers, counts(tiers));
    assert_eq!(r.upgraded, counts(upgraded));
    assert_eq!(r.on_track, counts(on_track));
    assert_eq!(r.at_risk, counts(at_risk));
}

#[rstest]
#[case(None, [2, 1, 1, 1], [1, 1, 1, 1, 0, 1], Some(0.75))]
#[case(Some("LIS"), [2, 0, 0, 0], [0, 0, 0, 1, 0, 1], Some(1.0))]
#[case(Some("PRT"), [0, 1, 1, 1], [1, 1, 1, 0, 0, 0], Some(0.5))]
fn retention_by_hand(
    #[case] property: Option<&str>,
    #[case] recency: [u64; 4],
    #[case] stays: [u64; 6],
    #[case] repeat: Option<f64>,
) {
    let config = Config::builtin().unwrap();
    let windows = Windows { active_months: 12, lapsed_months: 24 };
    let r = retention_report(
        &rows(&config, facts::LAST_STAY),
        &rows(&config, facts::TOTALS),
        windows,
        as_of(),
        property,
        None,
    );
    assert_eq!([r.active, r.at_risk, r.lapsed, r.never_stayed], recency);
    assert_eq!(r.stays.iter().map(|b| b.members).collect::<Vec<_>>(), stays.to_vec());
    assert_eq!(r.repeat_stay_rate, repeat);
}

#[rstest]
// A's 1,000 expire 2026-07-01 (24 months after 2024-07-01); C's 2,000 are exempt while
// platinum (to 2026-12-31); F's 300 were due 2026-04-01 and are overdue.
#[case(None, 4800, 3800, 300, [1000, 1000, 1000])]
#[case(Some("LIS"), 2000, 1500, 0, [1000, 1000, 1000])]
#[case(Some("PRT"), 2800, 2300, 300, [0, 0, 0])]
fn liability_by_hand(
    #[case] property: Option<&str>,
    #[case] earned: i64,
    #[case] outstanding: i64,
    #[case] overdue: i64,
    #[case] expiring: [i64; 3],
) {
    let config = Config::builtin().unwrap();
    let ledger = LedgerTotals { redeemed: 600, expired: 400 };
    let r = liability_report(&rows(&config, facts::TOTALS), &rows(&config, facts::EXPIRY), ledger, as_of(), property);
    assert_eq!((r.earned, r.outstanding, r.overdue), (earned, outstanding, overdue));
    assert_eq!(r.redeemed_or_expired, earned - outstanding);
    assert_eq!(r.redeemed, property.is_none().then_some(600));
    assert_eq!(r.expiring.iter().map(|e| e.points).collect::<Vec<_>>(), expiring.to_vec());
}

fn range(from: i64, to: i64) -> Option<MinutesRange> {
    Some(MinutesRange { from_minutes: from, to_minutes: Some(to) })
}

#[rstest]
// Complaint 4 (March 2025) is outside the window 2025-07-01 – 2026-06-30.
#[case(None, 3, &[("noise", 2), ("billing", 1)], &[("low", 1), ("normal", 1), ("high", 1)], 1, range(15, 30), range(120, 180), (2, 1), 500)]
#[case(Some("LIS"), 2, &[("noise", 2)], &[("normal", 1), ("high", 1)], 1, range(15, 30), range(120, 180), (1, 1), 500)]
#[case(Some("PRT"), 1, &[("billing", 1)], &[("low", 1)], 0, range(10, 15), range(4320, 7200), (1, 0), 0)]
fn complaints_by_hand(
    #[case] property: Option<&str>,
    #[case] total: u64,
    #[case] cats: &[(&str, u64)],
    #[case] sevs: &[(&str, u64)],
    #[case] breached: u64,
    #[case] first: Option<MinutesRange>,
    #[case] resolve: Option<MinutesRange>,
    #[case] complainers: (u64, u64),
    #[case] goodwill: i64,
) {
    let config = Config::builtin().unwrap();
    let sev: Vec<String> = config.complaints.severities.iter().map(|s| s.code.clone()).collect();
    let orders = Orders { categories: &config.complaints.categories, severities: &sev };
    let r = complaints_report(
        &rows(&config, facts::COMPLAINTS),
        &rows(&config, facts::COMPLAINER_HIST),
        &orders,
        as_of(),
        property,
    );
    assert_eq!(r.complaints, total);
    assert_eq!(r.by_category, counts(cats));
    assert_eq!(r.by_severity, counts(sevs));
    assert_eq!(r.sla_breached, breached);
    assert_eq!((r.median_first_response, r.median_resolve), (first, resolve));
    assert_eq!((r.complainers, r.repeat_complainers), complainers);
    assert_eq!(r.goodwill_points, goodwill);
    assert_eq!(r.by_month.len(), 12);
    assert_eq!((r.from, r.to), (date(2025, 7, 1), date(2026, 6, 30)));
}

#[rstest]
#[case(None, (3, 1, 1), Some(0.0), (3, 2))]
#[case(Some("LIS"), (2, 1, 1), Some(0.0), (2, 1))]
#[case(Some("PRT"), (1, 0, 0), Some(0.0), (1, 1))]
fn satisfaction_by_hand(
    #[case] property: Option<&str>,
    #[case] nps: (u64, u64, u64),
    #[case] score: Option<f64>,
    #[case] csat: (u64, u64),
) {
    let config = Config::builtin().unwrap();
    let r = satisfaction_report(&rows(&config, facts::COMPLAINTS), as_of(), property);
    assert_eq!((r.total.nps_responses, r.total.promoters, r.total.detractors), nps);
    assert_eq!(r.total.nps, score);
    assert_eq!((r.total.csat_responses, r.total.satisfied), csat);
    let june = r.by_month.iter().find(|s| s.key == "2026-06").unwrap();
    assert_eq!(june.promoters, u64::from(property != Some("PRT")));
}
