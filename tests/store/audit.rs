//! The audit log over a real sled store: every write command adds an event, the log only
//! grows (earlier events are never changed or removed), events hold no personal values
//! even when operators type them into reasons and notes, every sign-in is audited, and
//! `ops::query::audit_events` filters and orders them.

use chrono::{DateTime, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::operator::{NewOperator, pin, sign_in};
use frontdesk_store::ops::query::{AuditFilter, audit_events};
use frontdesk_store::ops::{
    self, Adjustment, Command, ComplaintInput, ComplaintUpdate, Ctx, MemberChanges, MemberRef, NewMember, RedeemInput,
    Reply, StayInput,
};
use frontdesk_store::store::codec;
use frontdesk_store::store::records::AuditRecord;
use frontdesk_store::store::{Store, T};

const NAME: &str = "Zhang Wei 张伟";
const EMAIL: &str = "zhang.wei@example.com";
const PHONE: &str = "+86 139-1234-5678";
/// Text that must never reach the audit log.
const PERSONAL: [&str; 7] = ["Zhang", "zhang", "Wei", "张伟", "13912345678", "1234-5678", "1988"];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn ctx<'a>(cfg: &'a Config, name: &str, role: Role) -> Ctx<'a> {
    let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("instant").timestamp_millis();
    Ctx { config: cfg, actor: Actor { name: name.into(), role }, now, today: today() }
}

fn log(store: &Store) -> Vec<(Vec<u8>, Vec<u8>)> {
    store.tree(T::Audit).iter().map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())).expect("audit readable")).collect()
}

/// Runs `cmd` and checks that it added at least one event, changed none of the earlier
/// ones and put no personal value into the new ones.
fn audited(store: &Store, ctx: &Ctx<'_>, cmd: Command) -> Reply {
    let before = log(store);
    let reply = ops::execute(store, ctx, &cmd).unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    check_growth(store, &before, &format!("{cmd:?}"));
    reply
}

fn check_growth(store: &Store, before: &[(Vec<u8>, Vec<u8>)], what: &str) {
    let after = log(store);
    assert!(after.len() > before.len(), "{what} wrote no audit event");
    assert_eq!(&after[..before.len()], before, "{what} changed or removed earlier audit events");
    for (_, bytes) in &after[before.len()..] {
        let record: AuditRecord = codec::decode(bytes).expect("audit record decodes");
        let text = format!("{record:?}");
        for p in PERSONAL {
            assert!(!text.contains(p), "{what}: audit record holds `{p}`: {text}");
        }
    }
}

fn card_of(reply: &Reply) -> String {
    match reply {
        Reply::Member(o) => o.member.card.clone(),
        other => panic!("not a member reply: {other:?}"),
    }
}

#[test]
fn every_write_is_audited_the_log_only_grows_and_holds_nothing_personal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "test").expect("store opens");
    let cfg = Config::builtin().expect("config");
    let boss = ctx(&cfg, "boss", Role::Admin);
    ops::seed_catalogue(&store, &boss).expect("catalogue");

    // Operators first: adding, signing in (right and wrong PIN), resetting, disabling.
    let hash = pin::hash("2468").expect("hash");
    let first = NewOperator { login: "boss".into(), name: "Boss Person".into(), role: Role::Admin, pin_hash: hash };
    audited(&store, &boss, Command::AddOperator(first));
    let ana_hash = pin::hash("1357").expect("hash");
    let ana = NewOperator { login: "ana".into(), name: "Ana Clerk".into(), role: Role::Clerk, pin_hash: ana_hash };
    audited(&store, &boss, Command::AddOperator(ana));
    let before = log(&store);
    sign_in(&store, &boss, "boss", "2468", None).expect("right PIN signs in");
    check_growth(&store, &before, "a successful sign-in");
    let before = log(&store);
    assert!(sign_in(&store, &boss, "ana", "0000", None).is_err());
    check_growth(&store, &before, "a failed sign-in");

    let new = NewMember {
        name: NAME.into(),
        email: Some(EMAIL.into()),
        phone: Some(PHONE.into()),
        birthday: NaiveDate::from_ymd_opt(1988, 2, 29),
        channel: "desk".into(),
        ..NewMember::default()
    };
    let card = card_of(&audited(&store, &boss, Command::AddMember(new)));
    let who = || MemberRef::Card(card.clone());
    let changes = MemberChanges { notes: Some(format!("{NAME} likes a high floor")), ..MemberChanges::default() };
    audited(&store, &boss, Command::UpdateMember(who(), Box::new(changes.clone())));
    // The same notes again change nothing but record the reference: still a write.
    let same = MemberChanges { external_ref: Some("crm:9".into()), ..changes };
    audited(&store, &boss, Command::UpdateMember(who(), Box::new(same)));
    let stay = StayInput {
        member: who(),
        property: None,
        arrival: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        departure: NaiveDate::from_ymd_opt(2026, 11, 4).expect("date"),
        revenue_minor: 45_000,
        channel: "direct".into(),
        status: StayStatus::Completed,
        external_ref: None,
    };
    audited(&store, &boss, Command::PostStay(stay.clone()));
    audited(&store, &boss, Command::PostStay(StayInput { arrival: stay.departure, ..stay.clone() }));
    let reason = format!("{NAME} asked, phone {PHONE}");
    audited(&store, &boss, Command::ReverseStay { member: who(), seq: 2, reason: reason.clone(), external_ref: None });
    let adjust = Adjustment {
        member: who(),
        points: 20_000,
        reason: reason.clone(),
        kind: EntryKind::Adjust,
        external_ref: None,
    };
    audited(&store, &boss, Command::AdjustPoints(adjust));
    let redeem =
        RedeemInput { member: who(), reward: "BREAKFAST".into(), points: None, property: None, external_ref: None };
    let Reply::Redemption(r1) = audited(&store, &boss, Command::Redeem(redeem.clone())) else { panic!("redemption") };
    let Reply::Redemption(r2) = audited(&store, &boss, Command::Redeem(redeem)) else { panic!("redemption") };
    audited(&store, &boss, Command::FulfilRedemption { id: r1.id, external_ref: None });
    audited(&store, &boss, Command::CancelRedemption { id: r2.id, reason: reason.clone(), external_ref: None });
    let complaint = ComplaintInput {
        member: Some(who()),
        property: None,
        category: "noise".into(),
        severity: "normal".into(),
        channel: "desk".into(),
        description: format!("{NAME} ({EMAIL}) heard a party next door"),
        external_ref: None,
    };
    let Reply::Complaint(c) = audited(&store, &boss, Command::LogComplaint(complaint)) else { panic!("complaint") };
    let update = ComplaintUpdate {
        id: c.complaint.id,
        to: Some(ComplaintState::Resolved),
        note: format!("called {NAME} back on {PHONE}"),
        goodwill: Some(500),
        ..ComplaintUpdate::default()
    };
    audited(&store, &boss, Command::UpdateComplaint(update));
    let later = NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
    let member_id = ops::member_lookup(&store, &who()).expect("lookup").expect("member").id;
    audited(&store, &Ctx { today: later, ..boss.clone() }, Command::ExpireMember { member_id, as_of: later });
    audited(&store, &boss, Command::RevealContact { member: who() });
    audited(&store, &boss, Command::ResetPin { login: "ana".into(), pin_hash: pin::hash("9753").expect("hash") });
    audited(&store, &boss, Command::DisableOperator { login: "ana".into() });
    let erase = Command::EraseMember { member: who(), reason: "GDPR art. 17 request #118".into() };
    audited(&store, &boss, erase.clone());

    // Erasing again changes nothing, and writes nothing.
    let before = log(&store);
    assert!(ops::execute(&store, &boss, &erase).expect("idempotent").is_duplicate());
    assert_eq!(log(&store), before);

    // The member's trail, newest first, names every command that touched them.
    let filter = AuditFilter { member_card: Some(card.clone()), ..AuditFilter::default() };
    let trail: Vec<String> =
        audit_events(&store, &filter, 100).expect("query").into_iter().map(|e| e.command).collect();
    let want = [
        "member.erase",
        "member.reveal",
        "expire",
        "complaint.update",
        "complaint.log",
        "redeem.cancel",
        "redeem.fulfil",
        "redeem",
        "redeem",
        "points.adjust",
        "stay.reverse",
        "stay.post",
        "stay.post",
        "member.update",
        "member.update",
        "member.add",
    ];
    assert_eq!(trail, want);
    assert_eq!(audit_events(&store, &filter, 2).expect("query").len(), 2, "the limit holds");
}

#[test]
fn audit_events_filter_by_operator_and_day_newest_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "test").expect("store opens");
    let cfg = Config::builtin().expect("config");
    let at = |day: u32, name: &str| {
        let now = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T10:00:00Z")).expect("instant");
        Ctx { now: now.timestamp_millis(), ..ctx(&cfg, name, Role::Manager) }
    };
    for (day, who) in [(20, "ana"), (21, "bo"), (22, "Ana"), (23, "bo")] {
        let new = NewMember { name: format!("Guest {day}"), channel: "desk".into(), ..NewMember::default() };
        ops::execute(&store, &at(day, who), &Command::AddMember(new)).expect("enrol");
    }
    let by = |operator: &str, since: Option<u32>| {
        let since = since.map(|d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date"));
        let filter = AuditFilter { operator: Some(operator.into()), since, ..AuditFilter::default() };
        audit_events(&store, &filter, 10).expect("query").into_iter().map(|e| e.at).collect::<Vec<_>>()
    };
    assert_eq!(by("ana", None), ["2026-11-22T10:00:00Z", "2026-11-20T10:00:00Z"], "case does not matter");
    assert_eq!(by("bo", Some(22)), ["2026-11-23T10:00:00Z"]);
    assert!(by("nobody", None).is_empty());
    let all = audit_events(&store, &AuditFilter::default(), 10).expect("query");
    assert_eq!(all.len(), 4);
    assert!(all.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
}
