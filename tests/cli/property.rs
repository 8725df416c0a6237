//! Property-management mode from the command line: residents' building, unit and role on
//! enrol / update / show, and complaint categories checked against the property's kind.

use crate::support::cli::{ok, run};

/// Card of the first member enrolled in a fresh store.
const CARD: &str = "620000000013";

fn err(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_resident_carries_building_unit_and_role_through_enrol_update_and_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path();
    let add = ["member", "add", "--name", "Rita Costa", "--property", "LRG"];
    let flags = ["--building", "B2", "--unit", "1203", "--resident-role", "tenant"];
    ok(db, &[&add[..], &flags[..]].concat());
    let shown = ok(db, &["member", "show", CARD]);
    assert!(shown.contains("residence   building B2  unit 1203  tenant"), "{shown}");
    ok(db, &["member", "update", CARD, "--resident-role", "owner"]);
    let json: serde_json::Value = serde_json::from_str(&ok(db, &["--json", "member", "show", CARD])).expect("json");
    assert_eq!(json["residence"], serde_json::json!({"building": "B2", "unit": "1203", "role": "Owner"}));
    let verify = ok(db, &["verify"]);
    assert!(verify.contains("consistent"), "{verify}");
    // Moving the member to a hotel drops the residence (verify would flag it otherwise).
    ok(db, &["member", "update", CARD, "--property", "LIS"]);
    let json: serde_json::Value = serde_json::from_str(&ok(db, &["--json", "member", "show", CARD])).expect("json");
    assert!(json["residence"].is_null(), "{json}");
    assert!(ok(db, &["verify"]).contains("consistent"));
}

#[test]
fn residence_flags_are_refused_for_hotels_and_bad_roles_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path();
    let cases: [(&[&str], &str); 3] = [
        (&["--property", "LIS", "--building", "A", "--unit", "1", "--resident-role", "owner"], "LIS is a hotel"),
        (&["--property", "LRG", "--building", "A", "--unit", "1", "--resident-role", "lodger"], "lodger"),
        (&["--property", "LRG", "--building", "A"], "--unit is missing"),
    ];
    for (flags, want) in cases {
        let out = run(db, &[&["member", "add", "--name", "X"][..], flags].concat());
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", err(&out));
        assert!(err(&out).contains(want), "{flags:?}: {}", err(&out));
    }
    let overview = ok(db, &["--json", "report", "overview"]);
    assert!(overview.contains(r#""members": 0"#), "nothing enrolled: {overview}");
}

#[test]
fn complaint_categories_follow_the_property_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path();
    let log = |property: &str, category: &str| {
        run(db, &["complaint", "log", "--property", property, "--category", category, "--description", "x"])
    };
    let cases = [("LRG", "repairs", true), ("LRG", "wifi", false), ("LIS", "wifi", true), ("LIS", "repairs", false)];
    for (property, category, accepted) in cases {
        let out = log(property, category);
        assert_eq!(out.status.success(), accepted, "{property} {category}: {}", err(&out));
        if !accepted {
            assert!(err(&out).contains("is not a complaint category of"), "{}", err(&out));
        }
    }
}

#[test]
fn the_demo_store_passes_verify_and_reports_its_residential_property() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path();
    let built = ok(db, &["demo", "--members", "200"]);
    assert!(built.contains("residents") && built.contains("fee payments"), "{built}");
    assert!(ok(db, &["verify"]).contains("consistent"));
    let text = ok(db, &["report", "property"]);
    for part in ["LRG (residential)", "fee punctuality", "repair turnaround median", "tenancy renewal"] {
        assert!(text.contains(part), "{part}: {text}");
    }
    let json: serde_json::Value = serde_json::from_str(&ok(db, &["--json", "report", "property"])).expect("json");
    let lrg = &json["properties"][0];
    assert!(lrg["punctuality"].as_f64().is_some_and(|p| p > 0.7 && p < 1.0), "{lrg}");
    assert!(lrg["repairs_resolved"].as_u64().is_some_and(|n| n > 10), "{lrg}");
    assert!(lrg["renewal"].as_f64().is_some_and(|r| r > 0.0 && r < 1.0), "{lrg}");
    let hotel = run(db, &["report", "property", "--property", "LIS"]);
    assert_eq!(hotel.status.code(), Some(2));
    assert!(err(&hotel).contains("not a residential or commercial property"), "{}", err(&hotel));
}

/// `demo --members N` makes N members in all: the residents are among them, not on top.
#[test]
fn demo_members_counts_the_residents_too() {
    for n in ["200", "3000"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path();
        let built = ok(db, &["demo", "--members", n]);
        assert!(built.contains(&format!(": {n} members (")), "{built}");
        let overview: serde_json::Value =
            serde_json::from_str(&ok(db, &["--json", "report", "overview"])).expect("json");
        assert_eq!(overview["members"].to_string(), n, "{overview}");
    }
}
