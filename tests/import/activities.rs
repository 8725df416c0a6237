//! `import activities` from in-memory bytes: the happy path, malformed rows class by class
//! (each named by line, column and reason, nothing half-applied), a re-run that changes
//! nothing, a changed row under a used reference rejected as a conflict, and the sample
//! mapping of `config/mappings/`.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_exchange::import::{self, Input, Kind, Mapping, Options, Reject, Summary};
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, NewMember, Reply, query};
use frontdesk_store::store::Store;
use rstest::rstest;

const HEADER: &str = "member,kind,date,amount,category,period,late,code,year,external_ref\n";

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    card: String,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("db"), "test").expect("store opens");
        let mut desk = Desk { _dir: dir, store, config: Config::builtin().expect("config"), card: String::new() };
        let new = NewMember { name: "Ana Silva".into(), channel: "desk".into(), ..NewMember::default() };
        let Ok(Reply::Member(o)) = ops::execute(&desk.store, &desk.ctx(), &Command::AddMember(new)) else {
            panic!("member added")
        };
        desk.card = o.member.card;
        desk
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            config: &self.config,
            actor: Actor { name: "test".into(), role: Role::Admin },
            now: 1_780_000_000_000,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        }
    }

    fn import(&self, text: &str, mapping: Option<Mapping>) -> (Summary, Vec<Reject>) {
        let mut opts = Options::new(Kind::Activities);
        opts.mapping = mapping;
        let mut rejects = Vec::new();
        let bytes = text.replace("CARD", &self.card).into_bytes();
        let s =
            import::run(&self.store, &self.ctx(), &Input::Bytes(bytes.into()), &opts, &mut |r| rejects.push(r.clone()))
                .expect("import runs");
        assert_eq!(s.read, s.applied + s.duplicates + s.rejected, "identity: {s:?}");
        for r in &rejects {
            assert!(r.line >= 2 && !r.column.is_empty() && !r.reason.to_string().is_empty(), "{r:?}");
        }
        (s, rejects)
    }

    fn balance(&self) -> i64 {
        let who = MemberRef::Card(self.card.clone());
        ops::member_lookup(&self.store, &who).expect("lookup").map_or(0, |m| m.balance)
    }

    fn activities(&self) -> usize {
        let m = ops::member_lookup(&self.store, &MemberRef::Card(self.card.clone())).expect("lookup").expect("member");
        query::activities_of(&self.store, m.id, 1_000).expect("activities").len()
    }
}

const GOOD: &str = "CARD,spend,2026-11-20,100.00,spa,,,,,r1
CARD,fee,2026-11-01,2500,,2026-10,no,,,r2
CARD,fee,2026-11-02,2500,,2026-11,yes,,,r3
CARD,event,,,,,,GALA,,r4
CARD,survey,,,,,,Q4,,r5
CARD,enrolment,,,,,,,,r6
CARD,birthday,,,,,,,2026,r7
";

#[test]
fn every_kind_imports_and_a_rerun_changes_nothing() {
    let desk = Desk::new();
    let text = format!("{HEADER}{GOOD}");
    let (s, rejects) = desk.import(&text, None);
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!((s.read, s.applied, s.duplicates), (7, 7, 0));
    // spa 800, fee on time 2,600, late fee 0, event 150, survey 50, enrolment 500, birthday 250
    assert_eq!(desk.balance(), 800 + 2_600 + 150 + 50 + 500 + 250);
    let (again, _) = desk.import(&text, None);
    assert_eq!((again.read, again.applied, again.duplicates, again.rejected), (7, 0, 7, 0));
    assert_eq!(desk.balance(), 4_350);
    assert_eq!(desk.activities(), 7);
}

#[test]
fn a_changed_row_under_a_used_reference_is_a_conflict() {
    let desk = Desk::new();
    desk.import(&format!("{HEADER}CARD,spend,2026-11-20,100.00,spa,,,,,r1\n"), None);
    let (s, rejects) = desk.import(&format!("{HEADER}CARD,spend,2026-11-20,120.00,spa,,,,,r1\n"), None);
    assert_eq!((s.applied, s.rejected), (0, 1));
    assert_eq!(rejects[0].column, "external_ref", "{rejects:?}");
    assert_eq!(desk.balance(), 800);
}

#[rstest]
#[case::no_member(",event,,,,,,GALA,,x\n", "member", "required")]
#[case::bad_member("12,event,,,,,,GALA,,x\n", "member", "card")]
#[case::unknown_member("nobody@example.com,event,,,,,,GALA,,x\n", "-", "")]
#[case::no_kind("CARD,,,,,,,GALA,,x\n", "kind", "required")]
#[case::bad_kind("CARD,golf,,,,,,,,x\n", "kind", "not an activity kind")]
#[case::referral("CARD,referral,,,,,,,,x\n", "kind", "activity record")]
#[case::bad_date("CARD,event,2026-02-30,,,,,GALA,,x\n", "date", "calendar date")]
#[case::future_date("CARD,event,2027-01-01,,,,,GALA,,x\n", "date", "after the business date")]
#[case::bad_amount("CARD,spend,,12.345,spa,,,,,x\n", "amount", "amount")]
#[case::no_amount("CARD,spend,,,spa,,,,,x\n", "amount", "required")]
#[case::bad_category("CARD,spend,,10,casino,,,,,x\n", "category", "fnb, spa or other")]
#[case::bad_period("CARD,fee,,10,,2026/10,,,,x\n", "period", "YYYY-MM")]
#[case::bad_late("CARD,fee,,10,,2026-10,maybe,,,x\n", "late", "yes or no")]
#[case::no_code("CARD,survey,,,,,,,,x\n", "code", "required")]
#[case::bad_year("CARD,birthday,,,,,,,MMXXVI,x\n", "year", "not a year")]
#[case::no_reference("CARD,event,,,,,,GALA,,\n", "external_ref", "required")]
#[case::ragged("CARD,event\n", "date", "")]
fn malformed_rows_are_rejected_by_line_and_column(#[case] bad: &str, #[case] column: &str, #[case] says: &str) {
    let desk = Desk::new();
    let text = format!("{HEADER}CARD,event,,,,,,GALA,,ok1\n{bad}CARD,event,,,,,,GALA,,ok2\n");
    let (s, rejects) = desk.import(&text, None);
    assert_eq!((s.read, s.applied, s.rejected), (3, 2, 1), "{rejects:?}");
    assert_eq!(rejects.len(), 1);
    let r = &rejects[0];
    assert_eq!(r.line, 3, "{r:?}");
    if column != "-" {
        assert_eq!(r.column, column, "{r:?}");
    }
    assert!(r.reason.to_string().contains(says), "{r:?}");
    assert_eq!(desk.balance(), 300, "the good rows only");
}

#[test]
fn the_sample_pos_mapping_imports_checks_as_spend() {
    let desk = Desk::new();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/mappings/pos-charges.toml");
    let mapping = import::load_mapping(&path, Kind::Activities).expect("sample mapping loads");
    let text = "CheckNo,Outlet,Card,Posted,Total,Hotel
101,Bar,CARD,21/11/2026,40.00,LIS
102,Gift Shop,CARD,22/11/2026,10.00,ALG
103,Spa,CARD,31/11/2026,10.00,ALG
";
    let (s, rejects) = desk.import(text, Some(mapping.clone()));
    assert_eq!((s.applied, s.rejected), (2, 1));
    assert_eq!((rejects[0].line, rejects[0].column.as_str()), (4, "Posted"));
    assert_eq!(desk.balance(), 40 * 5 + 10 * 2);
    let (again, _) = desk.import(text, Some(mapping));
    assert_eq!((again.applied, again.duplicates), (0, 2));
}
