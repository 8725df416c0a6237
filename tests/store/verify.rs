//! `report::verify` over a store built by real commands, then tampered with raw writes.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{
    self, Adjustment, Command, ComplaintInput, ComplaintUpdate, Ctx, MemberChanges, MemberRef, NewMember, RedeemInput,
    Reply, RewardInput, StayInput,
};
use frontdesk_store::report::{VerifyReport, verify};
use frontdesk_store::store::codec::encode;
use frontdesk_store::store::records::{ExtRef, Overview};
use frontdesk_store::store::{Store, T, hex, keys};

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) struct Fixture {
    _dir: tempfile::TempDir,
    pub(super) store: Store,
    pub(super) config: Config,
    /// Card numbers of the members, in enrolment order.
    pub(super) cards: Vec<String>,
}

impl Fixture {
    fn ctx(&self) -> Ctx<'_> {
        Ctx { config: &self.config, actor: Actor::system(), now: 1_750_000_000_000, today: date(2025, 6, 30) }
    }

    fn run(&self, cmd: Command) -> Reply {
        ops::execute(&self.store, &self.ctx(), &cmd).unwrap_or_else(|e| panic!("{cmd:?} failed: {e}"))
    }

    pub(super) fn member(&self, i: usize) -> Member {
        let id =
            keys::read_u64(&self.store.read_raw(T::Keys, &keys::text(keys::CARD, &self.cards[i])).unwrap().unwrap(), 0)
                .unwrap();
        self.store.get::<Member>(T::Members, &keys::id(id)).unwrap().unwrap()
    }

    pub(super) fn verify(&self) -> VerifyReport {
        verify(&self.store, &self.config).unwrap()
    }
}

fn card(i: usize, f: &Fixture) -> MemberRef {
    MemberRef::Card(f.cards[i].clone())
}

/// A completed stay without an external reference; callers change what they need.
pub(super) fn stay(f: &Fixture, i: usize, arrival: NaiveDate, nights: u64, revenue: i64, channel: &str) -> StayInput {
    StayInput {
        member: card(i, f),
        property: None,
        arrival,
        departure: arrival + chrono::Days::new(nights),
        revenue_minor: revenue,
        channel: channel.into(),
        status: StayStatus::Completed,
        external_ref: None,
    }
}

pub(super) fn post(f: &Fixture, input: StayInput) {
    f.run(Command::PostStay(input));
}

fn complaint(f: &Fixture, member: Option<usize>, r: Option<&str>) -> u64 {
    let reply = f.run(Command::LogComplaint(ComplaintInput {
        member: member.map(|i| card(i, f)),
        property: None,
        category: "noise".into(),
        severity: "high".into(),
        channel: "desk".into(),
        description: "party next door".into(),
        external_ref: r.map(String::from),
    }));
    match reply {
        Reply::Complaint(v) => serde_json::to_value(&v).unwrap()["id"].as_u64().unwrap(),
        other => panic!("unexpected {other:?}"),
    }
}

fn move_complaint(f: &Fixture, id: u64, to: ComplaintState, goodwill: Option<i64>) {
    f.run(Command::UpdateComplaint(ComplaintUpdate {
        id,
        to: Some(to),
        note: "done".into(),
        goodwill,
        ..ComplaintUpdate::default()
    }));
}

fn redeem(f: &Fixture, i: usize, reward: &str, r: Option<&str>) -> u64 {
    let reply = f.run(Command::Redeem(RedeemInput {
        member: card(i, f),
        reward: reward.into(),
        points: None,
        property: None,
        external_ref: r.map(String::from),
    }));
    match reply {
        Reply::Redemption(o) => o.id,
        other => panic!("unexpected {other:?}"),
    }
}

fn adjust(f: &Fixture, i: usize, points: i64, kind: EntryKind, r: Option<&str>) {
    f.run(Command::AdjustPoints(Adjustment {
        member: card(i, f),
        points,
        reason: "desk correction".into(),
        kind,
        external_ref: r.map(String::from),
    }));
}

/// Four members and a realistic day of front-desk work, ending with expiry of some points.
pub(super) fn busy_store() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let mut f = Fixture { _dir: dir, store, config: Config::builtin().unwrap(), cards: Vec::new() };
    let people = [
        ("Ana Silva", Some("ana@example.com"), Some("+351 912 345 678")),
        ("李小龙", Some("li@example.cn"), None),
        ("Bo Berg", None, None),
        // A US guest's number, with its country code: typed the US way at the Lisbon desk it
        // would be refused as no Portuguese number.
        ("Cy Doe", None, Some("+1 (415) 555-2671")),
    ];
    for (name, email, phone) in people {
        let reply = f.run(Command::AddMember(NewMember {
            name: name.into(),
            email: email.map(String::from),
            phone: phone.map(String::from),
            channel: "desk".into(),
            ..NewMember::default()
        }));
        match reply {
            Reply::Member(v) => f.cards.push(v.member.card),
            other => panic!("unexpected {other:?}"),
        }
    }
    ops::seed_catalogue(&f.store, &f.ctx()).unwrap();
    post(&f, stay(&f, 0, date(2024, 3, 1), 3, 45_000, "direct"));
    post(&f, stay(&f, 0, date(2025, 1, 10), 2, 30_000, "corporate"));
    let cancelled = StayInput { status: StayStatus::Cancelled, ..stay(&f, 0, date(2025, 2, 10), 2, 30_000, "direct") };
    post(&f, cancelled);
    post(&f, stay(&f, 0, date(2025, 3, 5), 4, 60_000, "ota"));
    post(&f, stay(&f, 0, date(2025, 4, 1), 1, 12_000, "direct"));
    let with_ref =
        StayInput { external_ref: Some("PMS-1".into()), ..stay(&f, 1, date(2025, 5, 1), 5, 100_000, "direct") };
    post(&f, with_ref.clone());
    post(&f, with_ref); // the same reference again: a duplicate, no effect
    let no_show = StayInput {
        status: StayStatus::NoShow,
        external_ref: Some("PMS-2".into()),
        ..stay(&f, 1, date(2025, 6, 1), 1, 9_000, "gds")
    };
    post(&f, no_show);
    post(&f, stay(&f, 2, date(2023, 6, 1), 2, 20_000, "direct"));
    f.run(Command::ReverseStay {
        member: card(0, &f),
        seq: 5,
        reason: "posted to the wrong guest".into(),
        external_ref: Some("REV-1".into()),
    });
    adjust(&f, 2, 1_000, EntryKind::Adjust, Some("ADJ-1"));
    adjust(&f, 2, -200, EntryKind::Adjust, None);
    adjust(&f, 1, 5_000, EntryKind::Opening, None);
    let fulfilled = redeem(&f, 0, "BREAKFAST", Some("RED-1"));
    f.run(Command::FulfilRedemption { id: fulfilled, external_ref: Some("FUL-1".into()) });
    let cancelled = redeem(&f, 1, "LATE-CO", None);
    f.run(Command::CancelRedemption {
        id: cancelled,
        reason: "guest changed plans".into(),
        external_ref: Some("CAN-1".into()),
    });
    redeem(&f, 1, "BREAKFAST", None);
    let noisy = complaint(&f, Some(0), Some("CMP-1"));
    f.run(Command::UpdateComplaint(ComplaintUpdate {
        id: noisy,
        note: "called the guest back".into(),
        external_ref: Some("CUP-1".into()),
        ..ComplaintUpdate::default()
    }));
    f.run(Command::UpdateMember(
        card(3, &f),
        Box::new(MemberChanges {
            notes: Some("high floor".into()),
            external_ref: Some("UPD-1".into()),
            ..MemberChanges::default()
        }),
    ));
    f.run(Command::AddReward(RewardInput {
        code: "SPA-90".into(),
        name: "Spa, 90 minutes".into(),
        points: 9_000,
        stock: Some(4),
        min_tier: "member".into(),
        partial: false,
        property: None,
        valid_from: None,
        valid_until: None,
        external_ref: Some("RWD-1".into()),
    }));
    move_complaint(&f, noisy, ComplaintState::Acknowledged, Some(500));
    move_complaint(&f, noisy, ComplaintState::Resolved, None);
    move_complaint(&f, noisy, ComplaintState::Closed, None);
    move_complaint(&f, noisy, ComplaintState::Reopened, None);
    complaint(&f, Some(1), None);
    let anonymous = complaint(&f, None, None);
    move_complaint(&f, anonymous, ComplaintState::Resolved, None);
    // Member 2's only stay was in 2023, but their adjustments keep the points alive.
    ops::expire_all(&f.store, &f.ctx(), date(2025, 6, 30)).unwrap();
    f
}

pub(super) fn assert_reports(report: &VerifyReport, needles: &[&str]) {
    assert!(!report.is_clean(), "expected problems, got a clean report");
    let hit = report.problems.iter().any(|p| needles.iter().all(|n| p.contains(n)));
    assert!(hit, "no problem mentions all of {needles:?}; problems:\n{}", report.problems.join("\n"));
}

#[test]
fn store_built_by_commands_verifies_clean() {
    let f = busy_store();
    // The 2023 stay is over 24 months old, but the later +1,000 adjustment is activity
    // too, so nothing expires: 2,000 + 1,000 − 200.
    assert_eq!(f.member(2).balance, 2_800);
    let report = f.verify();
    assert!(report.is_clean(), "problems:\n{}", report.problems.join("\n"));
    assert_eq!((report.members, report.stays, report.complaints, report.redemptions), (4, 8, 3, 3));
    assert!(report.postings >= 10 && report.keys >= 15, "{report:?}");
    assert!(report.summary_line().starts_with("verified 4 members, 8 stays, "), "{}", report.summary_line());
    assert!(report.summary_line().ends_with(": consistent"));
}

#[test]
fn store_verifies_clean_after_everything_expires() {
    let f = busy_store();
    let far = Ctx { today: date(2031, 1, 1), ..f.ctx() };
    ops::expire_all(&f.store, &far, date(2031, 1, 1)).unwrap();
    assert_eq!(f.member(0).balance, 0);
    let report = f.verify();
    assert!(report.is_clean(), "problems:\n{}", report.problems.join("\n"));
}

#[test]
fn member_balance_off_by_one_is_reported_with_the_card() {
    let f = busy_store();
    let mut m = f.member(1);
    m.balance += 1;
    f.store.tree(T::Members).insert(keys::id(m.id), encode(&m)).unwrap();
    let report = f.verify();
    assert_reports(&report, &[&f.cards[1], "balance is"]);
    // The analytics counters summed the balance as it was written, so they disagree too.
    let others: Vec<&String> = report.problems.iter().filter(|p| !p.starts_with("agg counters")).collect();
    assert_eq!(others.len(), 1, "only the balance is off:\n{}", report.problems.join("\n"));
}

#[test]
fn missing_card_key_is_reported_with_the_card() {
    let f = busy_store();
    f.store.put_key_entry_raw(&keys::text(keys::CARD, &f.cards[2]), None).unwrap();
    assert_reports(&f.verify(), &[&f.cards[2], "card key", "missing"]);
}

#[test]
fn garbage_stay_is_reported_with_tree_and_key_and_the_walk_goes_on() {
    let f = busy_store();
    let m = f.member(3);
    let key = keys::member_seq(m.id, 1);
    f.store.tree(T::Stays).insert(key, &[1u8, 2, 3, 4, 5][..]).unwrap();
    let report = f.verify();
    assert_reports(&report, &["stays", &hex(&key), "undecodable"]);
    assert_reports(&report, &[&f.cards[3], "not checked"]);
    assert_eq!(report.members, 4, "the walk does not stop at a corrupt record");
}

#[test]
fn changed_overview_is_reported_field_by_field() {
    let f = busy_store();
    let mut o: Overview = f.store.get(T::Agg, b"overview").unwrap().unwrap();
    o.members += 5;
    o.complaints_open = 0;
    f.store.tree(T::Agg).insert(b"overview", encode(&o)).unwrap();
    let report = f.verify();
    assert_reports(&report, &["agg overview", "members is 9, records give 4"]);
    assert_reports(&report, &["agg overview", "complaints_open is 0, records give 2"]);
}

#[test]
fn lots_and_counters_out_of_step_are_reported() {
    let f = busy_store();
    let mut m = f.member(0);
    m.lots.clear();
    m.nights += 2;
    m.qual.clear();
    m.open_complaints = 0;
    f.store.tree(T::Members).insert(keys::id(m.id), encode(&m)).unwrap();
    let report = f.verify();
    for field in ["lots are", "nights is", "qualification counters", "open_complaints is 0, its complaints give 1"] {
        assert_reports(&report, &[&f.cards[0], field]);
    }
}

#[test]
fn dangling_and_orphan_entries_are_reported() {
    let f = busy_store();
    let ghost = 9_999;
    f.store
        .tree(T::Stays)
        .insert(keys::member_seq(ghost, 1), f.store.tree(T::Stays).first().unwrap().unwrap().1)
        .unwrap();
    f.store.put_key_entry_raw(&keys::phone("123456", ghost), Some(&[][..])).unwrap();
    f.store.put_key_entry_raw(&keys::text(keys::EXT_REF, "RED-1"), None).unwrap();
    let report = f.verify();
    assert_reports(&report, &["stays", "belongs to no member", "9999"]);
    assert_reports(&report, &["keys phone 123456", "does not exist"]);
    assert_reports(&report, &["external reference `RED-1`"]);
}

#[test]
fn problem_list_is_capped_and_the_rest_counted() {
    let f = busy_store();
    let tree = f.store.tree(T::Keys);
    for i in 0..1_100u64 {
        tree.insert(keys::pair(keys::MEMBER_REDEMPTION, 1, 10_000 + i), &[][..]).unwrap();
    }
    let report = f.verify();
    assert_eq!(report.problems.len(), frontdesk_store::report::verify::MAX_PROBLEMS);
    assert_eq!(report.problem_count(), 1_100);
    assert!(report.summary_line().ends_with("1100 problems"));
}

#[test]
fn references_of_commands_on_existing_records_name_what_is_wrong() {
    let f = busy_store();
    let member = f.member(0).id;
    let put = |r: &str, kind: &str, member_id: u64, target: u64| {
        let x = ExtRef { kind: kind.into(), member_id, target, fingerprint: 1 };
        f.store.put_key_entry_raw(&keys::text(keys::EXT_REF, r), Some(&encode(&x))).unwrap();
    };
    put("X-UPD", "member-update", 77, 77);
    put("X-REV", "stay-reverse", member, 1);
    put("X-RWD", "reward", 0, 999);
    put("X-FUL", "fulfil", member, 99);
    put("X-CAN", "cancel", f.member(0).id, 1);
    put("X-CUP", "complaint-update", member, 3);
    put("X-ODD", "teleport", member, 1);
    let report = f.verify();
    assert_reports(&report, &["`X-UPD`", "member it names does not exist"]);
    assert_reports(&report, &["`X-REV`", "stay 1 is completed, not reversed"]);
    assert_reports(&report, &["`X-RWD`", "reward it names does not exist"]);
    assert_reports(&report, &["`X-FUL`", "redemption it names does not exist"]);
    assert_reports(&report, &["`X-CAN`", "redemption 1 is fulfilled, not cancelled"]);
    assert_reports(&report, &["`X-CUP`", "belongs to member id 0"]);
    assert_reports(&report, &["`X-ODD`", "unknown kind `teleport`"]);
    assert_eq!(report.problem_count(), 7, "{}", report.problems.join("\n"));
}
