//! `--external-ref` on every write command of the core CLI: the first use applies, the same
//! request again is a duplicate that changes nothing, the same reference with another
//! payload is a conflict (exit 3) that changes nothing, and the store verifies clean.

use rstest::rstest;
use std::path::Path;
use std::sync::OnceLock;

use crate::support::cli;

/// Card of the first member enrolled in a fresh store.
const CARD: &str = "620000000013";

use crate::support::cli::{ok, run as frontdesk};

/// A member with 10,000 adjusted points, one stay (1), two held redemptions (1, 2) and one
/// open complaint (1): built once, then copied for each case.
fn store() -> tempfile::TempDir {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path();
        ok(db, &["member", "add", "--name", "Ana Silva", "--email", "ana@example.com"]);
        ok(db, &["points", "adjust", CARD, "--points", "10000", "--reason", "welcome"]);
        ok(db, &["stay", "post", "--member", CARD, "--arrival", "2026-11-01", "--nights", "2", "--revenue", "300"]);
        ok(db, &["redeem", CARD, "BREAKFAST"]);
        ok(db, &["redeem", CARD, "BREAKFAST"]);
        ok(db, &["complaint", "log", "--member", CARD, "--category", "noise", "--description", "loud bar"]);
        dir
    });
    cli::copy_of(template.path())
}

/// Everything a write could change, as the CLI prints it.
fn state(db: &Path) -> Vec<String> {
    [
        vec!["--json", "report", "overview"],
        vec!["--json", "member", "show", CARD],
        vec!["--json", "points", "history", CARD, "--limit", "100"],
        vec!["--json", "stay", "list", CARD],
        vec!["--json", "redeem", "list", CARD],
        vec!["--json", "reward", "list"],
        vec!["--json", "complaint", "list", "--all"],
        vec!["--json", "complaint", "show", "1"],
    ]
    .iter()
    .map(|args| ok(db, args))
    .collect()
}

/// Runs `args` with `--json --external-ref REF` and returns the reply.
fn with_ref(db: &Path, args: &[&str], reference: &str) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--external-ref", reference]);
    serde_json::from_str(&ok(db, &all)).expect("JSON reply")
}

#[rstest]
#[case::member_add(
    &["member", "add", "--name", "Bo Berg", "--email", "bo@example.com"],
    &["member", "add", "--name", "Bo Berg", "--email", "bo@example.org"]
)]
#[case::member_update(
    &["member", "update", CARD, "--phone", "+351 912 345 678", "--notes", "quiet room"],
    &["member", "update", CARD, "--phone", "+351 913 000 111", "--notes", "quiet room"]
)]
#[case::stay_post(
    &["stay", "post", "--member", CARD, "--arrival", "2026-11-10", "--nights", "1", "--revenue", "120"],
    &["stay", "post", "--member", CARD, "--arrival", "2026-11-10", "--nights", "1", "--revenue", "125"]
)]
#[case::stay_reverse(
    &["stay", "reverse", CARD, "1", "--reason", "posted to the wrong guest"],
    &["stay", "reverse", CARD, "1", "--reason", "another reason"]
)]
#[case::points_adjust(
    &["points", "adjust", CARD, "--points", "250", "--reason", "late check-out refused"],
    &["points", "adjust", CARD, "--points", "-250", "--reason", "late check-out refused"]
)]
#[case::reward_add(
    &["reward", "add", "--code", "SPA-90", "--name", "Spa, 90 minutes", "--points", "9000"],
    &["reward", "add", "--code", "SPA-90", "--name", "Spa, 90 minutes", "--points", "9500"]
)]
#[case::redeem(&["redeem", CARD, "BREAKFAST"], &["redeem", CARD, "LATE-CO"])]
#[case::redeem_fulfil(&["redeem", "fulfil", "1"], &["redeem", "fulfil", "2"])]
#[case::redeem_cancel(
    &["redeem", "cancel", "1", "--reason", "guest changed plans"],
    &["redeem", "cancel", "2", "--reason", "guest changed plans"]
)]
#[case::complaint_log(
    &["complaint", "log", "--member", CARD, "--category", "noise", "--description", "drilling"],
    &["complaint", "log", "--member", CARD, "--category", "noise", "--description", "drilling at 7"]
)]
#[case::complaint_update(
    &["complaint", "update", "1", "--state", "resolved", "--note", "moved to 820", "--goodwill", "1000"],
    &["complaint", "update", "1", "--state", "resolved", "--note", "moved to 820", "--goodwill", "1500"]
)]
fn a_reference_applies_once_repeats_as_a_duplicate_and_refuses_another_payload(
    #[case] request: &[&str],
    #[case] other: &[&str],
) {
    let dir = store();
    let db = dir.path();
    let before = state(db);
    let first = with_ref(db, request, "script:1");
    assert_eq!(first["duplicate"], false, "{request:?}: {first}");
    let applied = state(db);
    assert_ne!(applied, before, "{request:?} changed nothing");

    let again = with_ref(db, request, "script:1");
    assert_eq!(again["duplicate"], true, "{request:?}: {again}");
    assert_eq!(state(db), applied, "{request:?}: the duplicate changed the store");

    let mut args = other.to_vec();
    args.extend_from_slice(&["--external-ref", "script:1"]);
    let out = frontdesk(db, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{other:?}: {stderr}");
    assert!(stderr.contains("external reference `script:1`"), "{other:?}: {stderr}");
    assert_eq!(state(db), applied, "{other:?}: the conflict changed the store");

    let verify = frontdesk(db, &["verify"]);
    assert!(verify.status.success(), "verify: {}", String::from_utf8_lossy(&verify.stdout));
}

#[test]
fn a_duplicate_says_so_in_text_output() {
    let dir = store();
    let db = dir.path();
    let args = ["redeem", "fulfil", "1", "--external-ref", "desk:7"];
    assert!(!ok(db, &args).contains("already"));
    let again = ok(db, &args);
    assert!(again.starts_with("already fulfilled (same external reference): nothing changed"), "{again}");
}

#[test]
fn a_reference_of_one_command_cannot_be_reused_by_another() {
    let dir = store();
    let db = dir.path();
    with_ref(db, &["redeem", "fulfil", "1"], "desk:8");
    let before = state(db);
    let out = frontdesk(db, &["redeem", "cancel", "2", "--external-ref", "desk:8"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("different fulfil request"));
    assert_eq!(state(db), before);
}

#[rstest]
#[case::empty(&["redeem", "fulfil", "1", "--external-ref", ""])]
#[case::too_long(&["member", "update", CARD, "--notes", "x", "--external-ref", &"r".repeat(201)])]
fn a_malformed_reference_is_a_usage_error_naming_the_flag(#[case] args: &[&str]) {
    let dir = store();
    let db = dir.path();
    let before = state(db);
    let out = frontdesk(db, args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("external-ref"));
    assert_eq!(state(db), before);
}
