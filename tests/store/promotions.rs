//! Activities and promotions through `ops::execute` on a real store: each activity kind,
//! each promotion effect with caps and budgets, overlapping promotions in their documented
//! order, year boundaries, and reversal taking back exactly the promotion's points; `verify`
//! clean throughout.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::activity::{Activity, SpendCategory};
use frontdesk_core::domain::ledger::{EntryKind, Posting};
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::promotion::{Effect, Eligibility, Period};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{
    self, ActivityInput, Command, Ctx, MemberRef, NewMember, OpError, PromotionInput, Reply, StayInput,
};
use frontdesk_store::store::{Store, T, keys};
use rstest::rstest;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    today: NaiveDate,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), "test").unwrap();
        Desk { _dir: dir, store, config: Config::builtin().unwrap(), today: date(2027, 2, 1) }
    }

    fn run_as(&self, role: Role, cmd: Command) -> Result<Reply, OpError> {
        let ctx = Ctx {
            config: &self.config,
            actor: Actor { name: "max".into(), role },
            now: 1_780_000_000_000,
            today: self.today,
        };
        ops::execute(&self.store, &ctx, &cmd)
    }

    fn run(&self, cmd: Command) -> Reply {
        self.run_as(Role::Manager, cmd.clone()).unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
    }

    fn enrol(&self, name: &str) -> String {
        let Reply::Member(o) = self.run(Command::AddMember(NewMember {
            name: name.into(),
            channel: "desk".into(),
            enrolled_on: Some(date(2025, 1, 1)),
            ..NewMember::default()
        })) else {
            panic!()
        };
        o.member.card
    }

    fn promo(&self, code: &str, effect: Effect, cap: Option<i64>, budget: Option<i64>) {
        self.run(Command::AddPromotion(Box::new(PromotionInput {
            code: code.into(),
            name: format!("{code} promotion"),
            starts: date(2026, 1, 1),
            ends: date(2026, 12, 31),
            eligibility: Eligibility::default(),
            effect,
            member_cap: cap,
            budget,
        })));
    }

    /// Posts a completed direct stay departing on `departure` with `revenue` units.
    fn stay(&self, card: &str, departure: NaiveDate, revenue: i64) -> (u32, i64) {
        let Reply::Stay(o) = self.run(Command::PostStay(StayInput {
            member: MemberRef::Card(card.into()),
            property: None,
            arrival: departure - chrono::Days::new(1),
            departure,
            revenue_minor: revenue * 100,
            channel: "direct".into(),
            status: StayStatus::Completed,
            external_ref: None,
        })) else {
            panic!()
        };
        (o.stay, o.promotion_points)
    }

    fn activity(&self, card: &str, activity: Activity, on: NaiveDate) -> Result<Reply, OpError> {
        self.run_as(
            Role::Clerk,
            Command::RecordActivity(Box::new(ActivityInput {
                member: MemberRef::Card(card.into()),
                activity,
                date: Some(on),
                property: None,
                external_ref: None,
            })),
        )
    }

    fn member(&self, card: &str) -> frontdesk_core::domain::member::Member {
        ops::member_lookup(&self.store, &MemberRef::Card(card.into())).unwrap().unwrap()
    }

    fn promotion_postings(&self, card: &str) -> Vec<(String, i64)> {
        let id = self.member(card).id;
        self.store
            .scan_prefix::<Posting>(T::Ledger, &keys::id(id))
            .map(|r| r.unwrap().1)
            .filter(|p| p.lines.iter().any(|l| l.kind == EntryKind::Promotion))
            .map(|p| (p.source.clone(), p.net()))
            .collect()
    }

    fn verify_clean(&self) {
        let report = frontdesk_store::report::verify(&self.store, &self.config).unwrap();
        assert!(report.is_clean(), "{:#?}", report.problems);
    }
}

fn spend(category: SpendCategory, units: i64) -> Activity {
    Activity::Spend { category, amount_minor: units * 100, stay_seq: None }
}

#[rstest]
#[case::fnb(spend(SpendCategory::FoodBeverage, 123), 615)]
#[case::spa(spend(SpendCategory::Spa, 100), 800)]
#[case::fee_on_time(Activity::FeePayment { period: date(2026, 3, 1), amount_minor: 250_000, on_time: true }, 2_600)]
#[case::fee_late(Activity::FeePayment { period: date(2026, 3, 1), amount_minor: 250_000, on_time: false }, 0)]
#[case::event(Activity::Event { code: "WINE".into() }, 150)]
#[case::survey(Activity::Survey { code: "Q1".into() }, 50)]
#[case::enrolment(Activity::Enrolment, 500)]
#[case::birthday(Activity::Birthday { year: 2026 }, 250)]
fn each_activity_kind_credits_its_rule_and_reverses_to_nothing(#[case] a: Activity, #[case] points: i64) {
    let d = Desk::new();
    let card = d.enrol("Ana Silva");
    let Ok(Reply::Activity(o)) = d.activity(&card, a, date(2026, 3, 10)) else { panic!() };
    assert_eq!(d.member(&card).balance, points);
    d.verify_clean();
    let reply = d.run(Command::ReverseActivity { id: o.activity.id, reason: "keyed twice".into(), external_ref: None });
    assert!(matches!(reply, Reply::Activity(_)));
    assert_eq!(d.member(&card).balance, 0);
    d.verify_clean();
}

#[test]
fn once_only_activities_earn_once_and_again_after_a_reversal() {
    let d = Desk::new();
    let card = d.enrol("Ana Silva");
    let Ok(Reply::Activity(first)) = d.activity(&card, Activity::Birthday { year: 2026 }, date(2026, 5, 1)) else {
        panic!()
    };
    let again = d.activity(&card, Activity::Birthday { year: 2026 }, date(2026, 5, 2)).unwrap_err();
    assert!(again.to_string().contains("already earned"), "{again}");
    assert!(d.activity(&card, Activity::Birthday { year: 2027 }, date(2027, 1, 20)).is_ok(), "a new year");
    d.run(Command::ReverseActivity { id: first.activity.id, reason: "wrong member".into(), external_ref: None });
    assert!(d.activity(&card, Activity::Birthday { year: 2026 }, date(2026, 5, 2)).is_ok());
    d.verify_clean();
}

#[test]
fn a_referral_needs_another_existing_member() {
    let d = Desk::new();
    let (ana, bo) = (d.enrol("Ana Silva"), d.enrol("Bo Berg"));
    let own = d.member(&ana).id;
    assert!(d.activity(&ana, Activity::Referral { referred: own }, date(2026, 5, 1)).is_err());
    assert!(d.activity(&ana, Activity::Referral { referred: 999 }, date(2026, 5, 1)).is_err());
    let bo_id = d.member(&bo).id;
    assert!(d.activity(&ana, Activity::Referral { referred: bo_id }, date(2026, 5, 1)).is_ok());
    assert_eq!(d.member(&ana).balance, 1_000);
}

#[test]
fn a_double_points_promotion_adds_its_own_posting_to_a_stay_and_a_reversal_takes_it_back() {
    let d = Desk::new();
    let card = d.enrol("Ana Silva");
    d.promo("DOUBLE", Effect::Multiplier { percent: 200 }, None, None);
    let (seq, promoted) = d.stay(&card, date(2026, 3, 5), 123);
    assert_eq!(promoted, 1_230, "double the 1,230 base points");
    assert_eq!(d.member(&card).balance, 2_460);
    assert_eq!(d.promotion_postings(&card), vec![(format!("promo DOUBLE stay {seq}"), 1_230)]);
    d.verify_clean();
    d.run(Command::ReverseStay {
        member: MemberRef::Card(card.clone()),
        seq,
        reason: "no-show".into(),
        external_ref: None,
    });
    assert_eq!(d.member(&card).balance, 0);
    let net: i64 = d.promotion_postings(&card).iter().map(|(_, p)| p).sum();
    assert_eq!(net, 0, "the promotion's points are taken back as promotion points");
    d.verify_clean();
}

#[test]
fn overlapping_promotions_post_multipliers_first_then_fixed_bonuses() {
    let d = Desk::new();
    let card = d.enrol("Ana Silva");
    d.promo("WELCOME", Effect::Fixed { points: 300 }, None, None);
    d.promo("TRIPLE", Effect::Multiplier { percent: 300 }, None, None);
    let (seq, promoted) = d.stay(&card, date(2026, 6, 1), 100);
    assert_eq!(promoted, 2_000 + 300);
    let sources: Vec<String> = d.promotion_postings(&card).into_iter().map(|(s, _)| s).collect();
    assert_eq!(sources, vec![format!("promo TRIPLE stay {seq}"), format!("promo WELCOME stay {seq}")]);
}

#[test]
fn caps_and_budgets_bound_the_points_across_members() {
    let d = Desk::new();
    let (ana, bo) = (d.enrol("Ana Silva"), d.enrol("Bo Berg"));
    d.promo("CAPPED", Effect::Fixed { points: 400 }, Some(700), Some(1_000));
    assert_eq!(d.stay(&ana, date(2026, 2, 1), 10).1, 400);
    assert_eq!(d.stay(&ana, date(2026, 2, 2), 10).1, 300, "Ana's cap of 700");
    assert_eq!(d.stay(&ana, date(2026, 2, 3), 10).1, 0);
    assert_eq!(d.stay(&bo, date(2026, 2, 4), 10).1, 300, "the budget of 1,000 has 300 left");
    assert_eq!(d.stay(&bo, date(2026, 2, 5), 10).1, 0);
    d.verify_clean();
    // Reversing frees budget for the next activity.
    let Ok(Reply::Activity(o)) = d.activity(&bo, Activity::Event { code: "GALA".into() }, date(2026, 2, 6)) else {
        panic!()
    };
    assert_eq!(o.activity.promotion_points(), 0, "spent");
    d.run(Command::ReverseStay { member: MemberRef::Card(bo.clone()), seq: 1, reason: "x".into(), external_ref: None });
    assert_eq!(d.stay(&bo, date(2026, 2, 7), 10).1, 300);
    d.verify_clean();
}

#[test]
fn the_nth_stay_bonus_counts_per_calendar_year_across_the_year_boundary() {
    let d = Desk::new();
    let card = d.enrol("Ana Silva");
    d.run(Command::AddPromotion(Box::new(PromotionInput {
        code: "THIRD".into(),
        name: "third stay of the year".into(),
        starts: date(2026, 1, 1),
        ends: date(2027, 12, 31),
        eligibility: Eligibility { kinds: vec!["stay".into()], ..Eligibility::default() },
        effect: Effect::Nth { n: 3, period: Period::Year, points: 500 },
        member_cap: None,
        budget: None,
    })));
    let got: Vec<i64> = [date(2026, 11, 2), date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)]
        .into_iter()
        .map(|day| d.stay(&card, day, 10).1)
        .collect();
    assert_eq!(got, vec![0, 0, 500, 0, 0], "the 3rd of 2026 earns; 2027 counts from one again");
    let third = d.stay(&card, date(2027, 1, 20), 10).1;
    assert_eq!(third, 500, "the 3rd of 2027");
    d.verify_clean();
}

#[test]
fn promotions_are_for_managers_and_their_end_stops_them() {
    let d = Desk::new();
    let card = d.enrol("Ana Silva");
    let input = PromotionInput {
        code: "SPRING".into(),
        name: "Spring".into(),
        starts: date(2026, 3, 1),
        ends: date(2026, 5, 31),
        eligibility: Eligibility::default(),
        effect: Effect::Fixed { points: 100 },
        member_cap: None,
        budget: None,
    };
    assert!(d.run_as(Role::Supervisor, Command::AddPromotion(Box::new(input.clone()))).is_err());
    d.run(Command::AddPromotion(Box::new(input)));
    d.run(Command::EndPromotion { code: "spring".into(), on: Some(date(2026, 4, 1)) });
    assert_eq!(d.stay(&card, date(2026, 3, 31), 10).1, 100);
    assert_eq!(d.stay(&card, date(2026, 4, 1), 10).1, 0);
    d.verify_clean();
}

#[test]
fn the_nightly_job_grants_each_birthday_bonus_once_a_year() {
    let d = Desk::new();
    let mut cards = Vec::new();
    for (name, born) in [("Today Born", date(1990, 2, 1)), ("Tomorrow Born", date(1991, 2, 2))] {
        let Reply::Member(o) = d.run(Command::AddMember(NewMember {
            name: name.into(),
            birthday: Some(born),
            channel: "desk".into(),
            ..NewMember::default()
        })) else {
            panic!()
        };
        cards.push(o.member.card);
    }
    let ctx = Ctx { config: &d.config, actor: Actor::system(), now: 1_780_000_000_000, today: d.today };
    let first = ops::grant_birthdays(&d.store, &ctx, d.today).unwrap();
    assert_eq!((first.members, first.granted, first.points), (1, 1, 250));
    let again = ops::grant_birthdays(&d.store, &ctx, d.today).unwrap();
    assert_eq!((again.members, again.granted), (1, 0), "idempotent");
    assert_eq!((d.member(&cards[0]).balance, d.member(&cards[1]).balance), (250, 0));
    d.verify_clean();
}

#[test]
fn a_referral_is_credited_once_when_the_referred_member_completes_a_first_stay() {
    let d = Desk::new();
    let (ana, bo) = (d.enrol("Ana Silva"), d.enrol("Bo Berg"));
    let cmd = |member: &str, referrer: &str| Command::SetReferrer {
        member: MemberRef::Card(member.into()),
        referrer: MemberRef::Card(referrer.into()),
    };
    assert!(d.run_as(Role::Clerk, cmd(&bo, &bo)).is_err(), "nobody refers themselves");
    d.run(cmd(&bo, &ana));
    assert!(d.run_as(Role::Clerk, cmd(&bo, &ana)).is_err(), "one referrer");
    assert_eq!(d.member(&ana).balance, 0, "nothing until Bo stays");
    d.stay(&bo, date(2026, 6, 2), 10);
    assert_eq!(d.member(&ana).balance, 1_000);
    d.stay(&bo, date(2026, 7, 2), 10);
    assert_eq!(d.member(&ana).balance, 1_000, "the first stay only");
    assert!(d.run_as(Role::Clerk, cmd(&bo, &ana)).is_err(), "too late once Bo has stayed");
    d.verify_clean();
}
