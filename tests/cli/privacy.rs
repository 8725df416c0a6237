//! Masked contact data, audited reveals and the audit command, through the real binary:
//! a clerk sees phone and e-mail masked in `member show/find/add` (text and JSON), a
//! supervisor sees them whole, `--reveal` shows them and leaves exactly one audit event,
//! `audit` is for managers and admins, exports need a manager, and sign-ins are audited.

use rstest::rstest;
use serde_json::Value;
use std::path::Path;

use crate::support::cli;

const EMAIL: &str = "zhang.wei@example.com";
const PHONE: &str = "+8613912345678";
const MASKED_EMAIL: &str = "z•••@example.com";
const MASKED_PHONE: &str = "+86 ••• •••• 5678";

fn store() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let add = cli::ok(&db, &["--json", "member", "add", "--name", "Zhang Wei", "--email", EMAIL, "--phone", PHONE]);
    let card = serde_json::from_str::<Value>(&add).expect("json")["card"].as_str().expect("card").to_string();
    (dir, card)
}

fn db(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("db")
}

fn as_role(db: &Path, role: &str, args: &[&str]) -> std::process::Output {
    cli::run(db, &[&["--role", role][..], args].concat())
}

fn stdout(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn events(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = stdout(&as_role(db, "manager", &[&["--json", "audit"][..], args].concat()));
    serde_json::from_str::<Vec<Value>>(&out).expect("json list")
}

#[rstest]
#[case::clerk("clerk", false)]
#[case::supervisor("supervisor", true)]
#[case::manager("manager", true)]
#[case::admin("admin", true)]
fn only_clerks_see_contact_data_masked(#[case] role: &str, #[case] whole: bool) {
    let (dir, card) = store();
    let db = db(&dir);
    let (email, phone) = if whole { (EMAIL, PHONE) } else { (MASKED_EMAIL, MASKED_PHONE) };
    let text = stdout(&as_role(&db, role, &["member", "show", &card]));
    assert!(text.contains(email) && text.contains(phone), "{text}");
    let json: Value =
        serde_json::from_str(&stdout(&as_role(&db, role, &["--json", "member", "show", &card]))).expect("json");
    assert_eq!((json["email"].as_str(), json["phone"].as_str()), (Some(email), Some(phone)));
    for query in ["5678", "Zhang", "zhang.wei@"] {
        let found = stdout(&as_role(&db, role, &["--json", "member", "find", query]));
        let rows: Vec<Value> = serde_json::from_str(&found).expect("json");
        assert_eq!(rows.len(), 1, "{query}");
        assert_eq!((rows[0]["email"].as_str(), rows[0]["phone"].as_str()), (Some(email), Some(phone)), "{query}");
    }
    if !whole {
        let all = [text, json.to_string()].concat();
        assert!(!all.contains(EMAIL) && !all.contains("13912345678"), "nothing whole leaks: {all}");
    }
}

#[test]
fn replies_to_a_clerk_are_masked_too() {
    let (dir, _) = store();
    let db = db(&dir);
    let add =
        stdout(&as_role(&db, "clerk", &["--json", "member", "add", "--name", "Li Na", "--phone", "+8613800135678"]));
    let v: Value = serde_json::from_str(&add).expect("json");
    assert_eq!(v["phone"], "+86 ••• •••• 5678");
    let card = v["card"].as_str().expect("card").to_string();
    let stay =
        ["--json", "stay", "post", "--member", &card, "--arrival", "2026-11-01", "--nights", "2", "--revenue", "200"];
    let posted: Value = serde_json::from_str(&stdout(&as_role(&db, "clerk", &stay))).expect("json");
    assert_eq!(posted["member"]["phone"], "+86 ••• •••• 5678");
}

#[test]
fn a_reveal_shows_the_whole_values_and_leaves_exactly_one_audit_event() {
    let (dir, card) = store();
    let db = db(&dir);
    assert!(events(&db, &["--member", &card]).iter().all(|e| e["command"] != "member.reveal"));
    let text = stdout(&as_role(&db, "clerk", &["member", "show", &card, "--reveal"]));
    assert!(text.contains(EMAIL) && text.contains(PHONE), "{text}");
    let reveals: Vec<Value> =
        events(&db, &["--member", &card]).into_iter().filter(|e| e["command"] == "member.reveal").collect();
    assert_eq!(reveals.len(), 1, "{reveals:?}");
    let e = &reveals[0];
    assert_eq!((e["role"].as_str(), e["target"].as_str()), (Some("clerk"), Some(format!("member {card}").as_str())));
    let raw = e.to_string();
    assert!(!raw.contains("zhang") && !raw.contains("5678"), "no personal value in the audit: {raw}");
    // Showing masked values is not a reveal.
    stdout(&as_role(&db, "clerk", &["member", "show", &card]));
    assert_eq!(events(&db, &["--member", &card]).iter().filter(|e| e["command"] == "member.reveal").count(), 1);
}

#[rstest]
#[case::clerk("clerk", 3)]
#[case::supervisor("supervisor", 3)]
#[case::manager("manager", 0)]
#[case::admin("admin", 0)]
fn the_audit_log_and_exports_are_for_managers_and_admins(#[case] role: &str, #[case] want: i32) {
    let (dir, _) = store();
    let db = db(&dir);
    for args in [&["audit"][..], &["export", "members"][..]] {
        let out = as_role(&db, role, args);
        assert_eq!(out.status.code(), Some(want), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        if want != 0 {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("only a manager or an admin") && err.contains(role), "{err}");
        }
    }
}

#[test]
fn audit_filters_by_member_operator_day_and_limit_newest_first() {
    let (dir, card) = store();
    let db = db(&dir);
    cli::ok(&db, &["--operator", "li.na", "member", "add", "--name", "Other Guest"]);
    cli::ok(&db, &["--operator", "li.na", "member", "update", &card, "--notes", "quiet room"]);
    let mine: Vec<String> = events(&db, &["--by", "LI.NA"]).iter().map(|e| e["command"].to_string()).collect();
    assert_eq!(mine, ["\"member.update\"", "\"member.add\""]);
    let member: Vec<Value> = events(&db, &["--member", &card]);
    assert_eq!(
        member.iter().map(|e| e["command"].as_str().unwrap_or("")).collect::<Vec<_>>(),
        ["member.update", "member.add"]
    );
    assert_eq!(events(&db, &["--limit", "1"]).len(), 1);
    assert!(events(&db, &["--since", "2026-11-24"]).is_empty(), "all events are of 2026-11-23");
    let all = events(&db, &[]);
    assert!(all.len() > 3, "the catalogue seeding is audited too");
    assert_eq!(events(&db, &["--since", "2026-11-23"]), all);
    let text = stdout(&as_role(&db, "admin", &["audit", "--member", &card]));
    assert!(text.lines().next().is_some_and(|l| l.contains("member.update") && l.contains("changed: notes")), "{text}");
}

#[test]
fn every_sign_in_is_audited() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let first = cli::frontdesk(&db, &["operator", "add", "boss", "--name", "Boss", "--admin"])
        .env("FRONTDESK_NEW_PIN", "2468")
        .output()
        .expect("runs");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let signed = |args: &[&str]| {
        cli::frontdesk(&db, args).env("FRONTDESK_OPERATOR", "boss").env("FRONTDESK_PIN", "2468").output().expect("runs")
    };
    assert!(signed(&["report", "overview"]).status.success());
    let out = signed(&["--json", "audit", "--by", "boss"]);
    let events: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("json");
    let sign_ins = events.iter().filter(|e| e["command"] == "operator.sign_in").count();
    assert_eq!(sign_ins, 2, "the report's sign-in and the audit's own: {events:?}");
}
