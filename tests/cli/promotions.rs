//! `frontdesk activity …`, `promo …` and the liability split through the real binary:
//! one table case per activity kind, promotions added, listed, reported and ended, errors
//! that name the field, and `report liability` splitting outstanding points by source.

use rstest::rstest;
use serde_json::Value;
use std::path::Path;

use crate::support::cli::{ok, run};

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, &[&["--json"], args].concat())).expect("json output")
}

fn enrol(db: &Path, name: &str, email: &str) -> String {
    json(db, &["member", "add", "--name", name, "--email", email])["card"].as_str().expect("card").to_string()
}

fn balance(db: &Path, card: &str) -> i64 {
    json(db, &["member", "show", card])["balance"].as_i64().expect("balance")
}

/// A store with two members; returns (dir, db, card of Ana, card of Bo).
fn desk() -> (tempfile::TempDir, std::path::PathBuf, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let ana = enrol(&db, "Ana Silva", "ana@example.com");
    let bo = enrol(&db, "Bo Chen", "bo@example.com");
    (dir, db, ana, bo)
}

fn verify_clean(db: &Path) {
    let out = run(db, &["verify"]);
    assert!(out.status.success(), "verify: {}", String::from_utf8_lossy(&out.stdout));
}

#[rstest]
#[case::fnb(&["spend", "--amount", "123.99", "--category", "fnb"], 615)]
#[case::spa(&["spend", "--amount", "100", "--category", "spa"], 800)]
#[case::other(&["spend", "--amount", "10.00", "--category", "other"], 20)]
#[case::fee_on_time(&["fee", "--period", "2026-10", "--amount", "2500.00"], 2_600)]
#[case::fee_late(&["fee", "--period", "2026-10", "--amount", "2500.00", "--late"], 0)]
#[case::event(&["event", "--code", "WINE"], 150)]
#[case::survey(&["survey", "--code", "Q4"], 50)]
#[case::enrolment(&["enrolment"], 500)]
#[case::birthday(&["birthday", "--year", "2026"], 250)]
#[case::referral(&["referral", "--referred", "BO"], 1_000)]
fn each_activity_kind_earns_its_base_points(#[case] args: &[&str], #[case] base: i64) {
    let (_dir, db, ana, bo) = desk();
    let args: Vec<&str> = args.iter().map(|a| if *a == "BO" { bo.as_str() } else { a }).collect();
    let v = json(&db, &[&["activity", "record", ana.as_str()], &args[..]].concat());
    assert_eq!(v["activity"]["base_points"], base, "{v}");
    assert_eq!(balance(&db, &ana), base);
    let list = json(&db, &["activity", "list", &ana]);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    verify_clean(&db);
}

#[rstest]
#[case::no_amount(&["spend", "--category", "spa"], "amount")]
#[case::bad_category(&["spend", "--amount", "1", "--category", "casino"], "category")]
#[case::bad_amount(&["spend", "--amount", "1.2.3", "--category", "spa"], "amount")]
#[case::bad_period(&["fee", "--period", "2026-13", "--amount", "1"], "period")]
#[case::no_code(&["event"], "code")]
#[case::unknown_kind(&["party"], "kind")]
#[case::stay_kind(&["stay"], "stay post")]
#[case::unknown_referred(&["referral", "--referred", "nobody@example.com"], "referred")]
#[case::no_such_stay(&["spend", "--amount", "1", "--category", "spa", "--stay", "4"], "stay")]
fn bad_activities_name_the_field(#[case] args: &[&str], #[case] field: &str) {
    let (_dir, db, ana, _) = desk();
    let out = run(&db, &[&["activity", "record", ana.as_str()], args].concat());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(field), "{args:?}: {err}");
    assert_eq!(balance(&db, &ana), 0);
}

#[test]
fn reversing_an_activity_takes_back_its_promotion_points_and_reruns_are_duplicates() {
    let (_dir, db, ana, _) = desk();
    ok(
        &db,
        &["promo", "add", "SPA2X", "--name", "Spa double", "--from", "2026-11-01", "--to", "2026-11-30"]
            .iter()
            .chain(&["--multiplier", "200", "--kind", "spend", "--budget", "1000"])
            .copied()
            .collect::<Vec<_>>(),
    );
    let args = ["activity", "record", &ana, "spend", "--amount", "100", "--category", "spa", "--external-ref", "c1"];
    let v = json(&db, &args);
    assert_eq!(v["activity"]["grants"][0]["points"], 800);
    assert_eq!(balance(&db, &ana), 1_600);
    assert_eq!(json(&db, &args)["duplicate"], true);
    assert_eq!(balance(&db, &ana), 1_600);
    let id = v["activity"]["id"].as_u64().expect("id").to_string();
    let out = run(&db, &["activity", "reverse", &id]);
    assert_eq!(out.status.code(), Some(2), "reason is required");
    ok(&db, &["activity", "reverse", &id, "--reason", "charged in error"]);
    assert_eq!(balance(&db, &ana), 0);
    let promos = json(&db, &["promo", "list"]);
    assert_eq!(promos[0]["spent"], 0);
    assert_eq!(promos[0]["remaining"], 1000);
    verify_clean(&db);
}

#[test]
fn promotions_are_added_listed_reported_and_ended() {
    let (_dir, db, ana, bo) = desk();
    let add = |args: &[&str]| ok(&db, &[&["promo", "add"], args].concat());
    add(&["DOUBLE", "--name", "Double", "--from", "2026-11-01", "--to", "2026-11-30", "--multiplier", "200"]);
    add(&[
        "SECOND",
        "--name",
        "Second",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--nth",
        "2",
        "--per",
        "month",
        "--bonus",
        "300",
    ]);
    add(&[
        "LATER",
        "--name",
        "Later",
        "--from",
        "2027-01-01",
        "--to",
        "2027-01-31",
        "--bonus",
        "50",
        "--property",
        "lis",
    ]);
    add(&["GONE", "--name", "Gone", "--from", "2026-01-01", "--to", "2026-01-31", "--bonus", "50", "--budget", "10"]);
    for (who, cat) in [(&ana, "fnb"), (&ana, "spa"), (&bo, "spa")] {
        ok(&db, &["activity", "record", who, "spend", "--amount", "10", "--category", cat, "--property", "ALG"]);
    }
    let list = json(&db, &["promo", "list"]);
    let codes: Vec<&str> =
        list.as_array().expect("list").iter().filter_map(|r| r["promotion"]["code"].as_str()).collect();
    assert_eq!(codes, ["DOUBLE", "SECOND", "LATER"], "ended promotions need --all");
    let states: Vec<&str> = list.as_array().expect("list").iter().filter_map(|r| r["state"].as_str()).collect();
    assert_eq!(states, ["running", "running", "upcoming"]);
    assert_eq!(json(&db, &["promo", "list", "--all"]).as_array().map(Vec::len), Some(4));
    let r = json(&db, &["promo", "report", "double"]);
    assert_eq!((r["granted"].as_i64(), r["spent"].as_i64()), (Some(50 + 80 + 80), Some(210)));
    assert_eq!(r["members_reached"], 2);
    assert_eq!(r["by_property"]["ALG"], 210);
    assert_eq!(r["by_kind"]["spend"], 210);
    let second = json(&db, &["promo", "report", "SECOND"]);
    assert_eq!((second["granted"].as_i64(), second["members_reached"].as_i64()), (Some(300), Some(1)));
    let text = ok(&db, &["promo", "end", "DOUBLE"]);
    assert!(text.contains("ended 2026-11-23"), "{text}");
    let out = run(&db, &["promo", "end", "DOUBLE"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already ended"));
    assert_eq!(run(&db, &["promo", "report", "NOPE"]).status.code(), Some(3));
    verify_clean(&db);
}

#[rstest]
#[case::no_effect(&["X1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02"], "multiplier")]
#[case::bad_period(&["X1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02", "--nth", "2", "--per", "week", "--bonus", "5"], "per")]
#[case::bad_kind(&["X1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02", "--bonus", "5", "--kind", "golf"], "kind")]
#[case::bad_property(&["X1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02", "--bonus", "5", "--property", "ZZZ"], "property")]
#[case::bad_tier(&["X1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02", "--bonus", "5", "--tier", "diamond"], "tier")]
#[case::backwards(&["X1", "--name", "n", "--from", "2026-02-01", "--to", "2026-01-02", "--bonus", "5"], "before it starts")]
#[case::small_multiplier(&["X1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02", "--multiplier", "90"], "multiplier")]
fn bad_promotions_say_what_is_wrong(#[case] args: &[&str], #[case] says: &str) {
    let (_dir, db, _, _) = desk();
    let out = run(&db, &[&["promo", "add"], args].concat());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(says), "{err}");
}

#[test]
fn clerks_cannot_add_promotions() {
    let (_dir, db, _, _) = desk();
    let args = ["--role", "clerk", "promo", "add", "C1", "--name", "n", "--from", "2026-01-01", "--to", "2026-01-02"];
    let out = run(&db, &[&args[..], &["--bonus", "5"]].concat());
    assert!(String::from_utf8_lossy(&out.stderr).contains("only a manager"), "{out:?}");
}

#[test]
fn liability_splits_outstanding_points_by_source() {
    let (_dir, db, ana, bo) = desk();
    ok(
        &db,
        &[
            "promo",
            "add",
            "EV",
            "--name",
            "Events",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--bonus",
            "70",
            "--kind",
            "event",
        ],
    );
    ok(&db, &["stay", "post", "--member", &ana, "--arrival", "2026-11-01", "--nights", "2", "--revenue", "300.00"]);
    ok(&db, &["activity", "record", &ana, "event", "--code", "GALA"]);
    ok(&db, &["points", "adjust", &bo, "--points", "40", "--reason", "welcome back"]);
    let r = json(&db, &["report", "liability"]);
    let split = &r["outstanding_by_source"];
    assert_eq!(split["stay"], 3_000);
    assert_eq!((split["activity"].as_i64(), split["promotion"].as_i64()), (Some(150), Some(70)));
    assert_eq!((split["goodwill"].as_i64(), split["other"].as_i64()), (Some(0), Some(40)));
    assert_eq!(r["outstanding"], 3_260, "the parts add up to the outstanding balance");
    assert!(r["earned"].is_i64(), "existing fields stay");
    let text = ok(&db, &["report", "liability"]);
    assert!(text.contains("promotion") && text.contains("70"), "{text}");
    let v = json(&db, &["verify"]);
    assert_eq!((v["activities"].as_u64(), v["promotion_points"].as_i64()), (Some(1), Some(70)), "{v}");
    // A debit takes the oldest lot first (the stay's): the split follows the lots left.
    ok(&db, &["points", "adjust", &ana, "--points", "-3010", "--reason", "correction"]);
    let split = json(&db, &["report", "liability"])["outstanding_by_source"].clone();
    assert_eq!((split["stay"].as_i64(), split["activity"].as_i64()), (Some(0), Some(140)), "{split}");
    assert_eq!(split["promotion"], 70);
    verify_clean(&db);
}

#[test]
fn a_stay_promotion_is_reported_from_the_stays_grants_and_taken_back_on_reversal() {
    let (_dir, db, ana, _) = desk();
    let add = ["promo", "add", "STAY3", "--name", "Stay more", "--from", "2026-11-01", "--to", "2026-11-30"];
    ok(&db, &[&add[..], &["--bonus", "300", "--kind", "stay", "--budget", "500"]].concat());
    for (arrival, property) in [("2026-11-01", "LIS"), ("2026-11-05", "ALG")] {
        let stay = ["stay", "post", "--member", &ana, "--arrival", arrival, "--nights", "1", "--revenue", "100.00"];
        ok(&db, &[&stay[..], &["--property", property]].concat());
    }
    let r = json(&db, &["promo", "report", "STAY3"]);
    assert_eq!((r["granted"].as_i64(), r["spent"].as_i64()), (Some(500), Some(500)), "the budget cut the second");
    assert_eq!((r["by_property"]["LIS"].as_i64(), r["by_property"]["ALG"].as_i64()), (Some(300), Some(200)));
    assert_eq!((r["by_kind"]["stay"].as_i64(), r["activities"].as_i64()), (Some(500), Some(2)));
    ok(&db, &["stay", "reverse", &ana, "1", "--reason", "wrong guest"]);
    let r = json(&db, &["promo", "report", "STAY3"]);
    assert_eq!((r["granted"].as_i64(), r["spent"].as_i64()), (Some(200), Some(200)));
    let text = ok(&db, &["promo", "list"]);
    assert!(text.contains("spent 200 of 500"), "{text}");
    verify_clean(&db);
}
