//! `frontdesk batch`: JSONL commands with one result line each; re-running is idempotent.

use std::io::Write;
use std::process::Stdio;

use crate::support::cli;

fn batch(db: &std::path::Path, input: &str) -> (i32, Vec<serde_json::Value>) {
    let mut child = cli::frontdesk(db, &["batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontdesk runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("waits");
    let lines = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    (out.status.code().unwrap_or(-1), lines)
}

#[test]
fn batch_applies_each_line_and_reports_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let input = r#"{"op":"members","name":"Ana Silva","email":"ana@example.com"}
{"op":"stays","member":"ana@example.com","arrival":"2026-03-01","nights":2,"revenue":"300.00","external_ref":"pms:1"}

{"op":"balances","member":"ana@example.com","points":500,"external_ref":"legacy:1"}
{"op":"stays","member":"nobody@example.com","arrival":"2026-03-01","nights":2,"revenue":"300.00"}
{"op":"teleport"}
"#;
    let (code, lines) = batch(&db, input);
    assert_eq!(code, 3);
    let oks: Vec<bool> = lines.iter().map(|l| l["ok"].as_bool().expect("ok")).collect();
    assert_eq!(oks, vec![true, true, true, false, false]);
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[4]["column"], "op");
    let (_, again) = batch(&db, input);
    let dups: Vec<bool> = again.iter().take(3).map(|l| l["duplicate"].as_bool().expect("dup")).collect();
    assert_eq!(dups, vec![true, true, true], "{again:?}");
}

/// A script of core writes between imports; every line carries a reference, so running
/// it again changes nothing.
const SCRIPT: &str = r#"{"op":"members","name":"Ana Silva","email":"ana@example.com"}
{"op":"adjust","member":"ana@example.com","points":5000,"reason":"welcome","external_ref":"s:adj"}
{"op":"stays","member":"ana@example.com","arrival":"2026-03-01","nights":2,"revenue":"300.00","external_ref":"s:stay"}
{"op":"redeem","member":"620000000013","reward":"BREAKFAST","external_ref":"s:red1"}
{"op":"redeem","member":"620000000013","reward":"BREAKFAST","external_ref":"s:red2"}
{"op":"fulfil","id":1,"external_ref":"s:ful"}
{"op":"fulfil","id":1,"external_ref":"s:ful"}
{"op":"cancel","id":2,"reason":"changed plans","external_ref":"s:can"}
{"op":"cancel","id":1,"reason":"changed plans","external_ref":"s:can"}
{"op":"reverse","member":"620000000013","stay":1,"reason":"wrong guest","external_ref":"s:rev"}
{"op":"member-update","member":"620000000013","notes":"quiet room","phone":"+351 912 345 678","external_ref":"s:upd"}
{"op":"complaints","member":"620000000013","category":"noise","description":"loud bar","external_ref":"s:cmp"}
{"op":"complaint-update","id":1,"state":"resolved","goodwill":700,"external_ref":"s:cup"}
{"op":"reward-add","code":"SPA-90","name":"Spa","points":9000,"stock":3,"external_ref":"s:rwd"}
{"op":"fulfil","id":1,"colour":"red"}
{"op":"adjust","member":"620000000013","points":"lots","reason":"x","external_ref":"s:bad"}
{"op":"fulfil","id":2,"external_ref":"s:ful2"}
{"op":"complaint-update","id":1,"csat":9,"external_ref":"s:csat"}
{"op":"fulfil", "id":
"#;

/// What a line gives the first time: ok, duplicate, and the column of its error.
type Expect = (bool, bool, Option<&'static str>);
const APPLIED: Expect = (true, false, None);
const DUPLICATE: Expect = (true, true, None);
const fn rejected(column: &'static str) -> Expect {
    (false, false, Some(column))
}

/// Line by line, what [`SCRIPT`] gives the first time.
const FIRST_RUN: [Expect; 19] = [
    APPLIED,                  // members
    APPLIED,                  // adjust
    APPLIED,                  // stays
    APPLIED,                  // redeem → redemption 1
    APPLIED,                  // redeem → redemption 2
    APPLIED,                  // fulfil 1
    DUPLICATE,                // fulfil 1 again, same reference
    APPLIED,                  // cancel 2
    rejected("external_ref"), // cancel 1 with the reference of cancel 2: a conflict
    APPLIED,                  // reverse stay 1
    APPLIED,                  // member-update
    APPLIED,                  // complaints
    APPLIED,                  // complaint-update
    APPLIED,                  // reward-add
    rejected("colour"),       // unknown field
    rejected("points"),       // not a number
    rejected("-"),            // redemption 2 is cancelled: refused
    rejected("csat"),         // out of range
    rejected("-"),            // not JSON
];

fn balance(db: &std::path::Path) -> i64 {
    let out = cli::frontdesk(db, &["--json", "member", "show", "620000000013"]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("member JSON");
    v["balance"].as_i64().expect("balance")
}

#[test]
fn batch_posts_redeems_and_settles_idempotently_with_a_result_per_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let (code, lines) = batch(&db, SCRIPT);
    assert_eq!(code, 3, "some lines are rejected");
    assert_eq!(lines.len(), FIRST_RUN.len());
    for (i, ((ok, dup, column), got)) in FIRST_RUN.iter().zip(&lines).enumerate() {
        assert_eq!(got["line"], i + 1, "{got}");
        assert_eq!((got["ok"].as_bool(), got["duplicate"].as_bool()), (Some(*ok), Some(*dup)), "{got}");
        assert_eq!(got["column"].as_str(), *column, "{got}");
    }
    assert_eq!(lines[3]["reply"]["id"], 1, "a redeem line answers the redemption to fulfil later");
    assert_eq!(lines[12]["reply"]["goodwill_points"], 700);
    // +5,000 +3,000 (stay) −3,000 −3,000 (redemptions) +3,000 (cancel) −3,000 (reverse) +700
    assert_eq!(balance(&db), 2_700);

    let (code, again) = batch(&db, SCRIPT);
    assert_eq!(code, 3);
    for ((ok, _, column), got) in FIRST_RUN.iter().zip(&again) {
        assert_eq!(got["ok"].as_bool(), Some(*ok), "{got}");
        assert_eq!(got["duplicate"].as_bool(), Some(*ok), "an applied line is a duplicate the second time: {got}");
        assert_eq!(got["column"].as_str(), *column, "{got}");
    }
    assert_eq!(balance(&db), 2_700, "running the script again changed the balance");
    let verify = cli::frontdesk(&db, &["verify"]).output().expect("runs");
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stdout));
}

#[test]
fn batch_counts_read_as_applied_plus_pending_plus_duplicates_plus_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    batch(&db, SCRIPT);
    let mut child = cli::frontdesk(&db, &["batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontdesk runs");
    child.stdin.take().expect("stdin").write_all(SCRIPT.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rejected = FIRST_RUN.iter().filter(|(ok, ..)| !ok).count();
    let read = FIRST_RUN.len();
    let expected =
        format!("read {read}, applied 0, waiting for approval 0, duplicates {}, rejected {rejected}", read - rejected);
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn batch_matches_a_booking_guest_without_e_mail_by_phone_like_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let booking = |reference: &str, arrival: &str| {
        format!(
            r#"{{"op":"bookings","name":"Bo Chen","phone":"+86 139 0000 1111","arrival":"{arrival}","nights":2,"revenue":"300.00","status":"completed","external_ref":"{reference}"}}"#
        )
    };
    let input = format!("{}\n{}\n", booking("pms:1", "2026-03-01"), booking("pms:2", "2026-04-01"));
    let (code, lines) = batch(&db, &input);
    assert_eq!(code, 0, "{lines:?}");
    let list = cli::frontdesk(&db, &["--json", "member", "find", "Bo Chen"]).output().expect("runs");
    let found: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let members = found.as_array().expect("a list");
    assert_eq!(members.len(), 1, "one guest, matched by phone: {found}");
    assert_eq!(members[0]["stays"], 2, "{found}");
}

/// A clerk's adjustment above their limit is a request, not an application: `"pending":
/// true` with the request id, counted apart, exit 7 as the single command exits.
#[test]
fn batch_reports_a_change_waiting_for_approval_as_pending() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let (code, _) = batch(&db, "{\"op\":\"members\",\"name\":\"Ana Silva\",\"email\":\"ana@example.com\"}\n");
    assert_eq!(code, 0);
    let input = "{\"op\":\"adjust\",\"member\":\"ana@example.com\",\"points\":3000,\"reason\":\"rate dispute\",\"external_ref\":\"pms:7781\"}\n\
                 {\"op\":\"adjust\",\"member\":\"ana@example.com\",\"points\":200,\"reason\":\"welcome\"}\n";
    let mut child = cli::frontdesk(&db, &["--role", "clerk", "batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontdesk runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("waits");
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(7), "{stderr}");
    assert_eq!(lines[0]["pending"], true, "{}", lines[0]);
    assert_eq!(lines[0]["request"], 1, "{}", lines[0]);
    assert!(lines[1].get("pending").is_none(), "applied: {}", lines[1]);
    assert!(stderr.contains("read 2, applied 1, waiting for approval 1, duplicates 0, rejected 0"), "{stderr}");
    assert_eq!(balance_of(&db, "ana@example.com"), 200);
    let verify = cli::frontdesk(&db, &["verify"]).output().expect("runs");
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stdout));
}

fn balance_of(db: &std::path::Path, who: &str) -> i64 {
    let out = cli::frontdesk(db, &["--json", "member", "show", who]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("member JSON");
    v["balance"].as_i64().expect("balance")
}
