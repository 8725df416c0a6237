//! Operators and sign-in through the real binary: the first admin, who may add, lock-out
//! after wrong PINs and its end (fixed clock), disabled operators, the role taken from the
//! store, no PIN in the store's files, and `verify` clean throughout.

use crate::support::cli::frontdesk;
use rstest::rstest;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

const BOSS_PIN: &str = "918273645501";
const CLERK_PIN: &str = "774411";

/// Runs as `who` (login, PIN), with extra environment, feeding `stdin` if given.
fn run_as(db: &Path, who: Option<(&str, &str)>, env: &[(&str, &str)], stdin: Option<&str>, args: &[&str]) -> Output {
    let mut c = frontdesk(db, args);
    if let Some((login, pin)) = who {
        c.env("FRONTDESK_OPERATOR", login).env("FRONTDESK_PIN", pin);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("frontdesk starts");
    if let Some(text) = stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("frontdesk runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BOSS: Option<(&str, &str)> = Some(("boss", BOSS_PIN));
const ANA: Option<(&str, &str)> = Some(("ana", CLERK_PIN));

/// A store with the admin `boss` and the clerk `ana`.
fn staffed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path();
    let first = run_as(
        db,
        None,
        &[],
        Some(&format!("{BOSS_PIN}\n")),
        &["operator", "add", "Boss", "--name", "The Boss", "--admin", "--pin-stdin"],
    );
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let clerk = run_as(
        db,
        BOSS,
        &[("FRONTDESK_NEW_PIN", CLERK_PIN)],
        None,
        &["--role", "clerk", "operator", "add", "ana", "--name", "Ana"],
    );
    assert_eq!(code(&clerk), 0, "{}", stderr(&clerk));
    dir
}

fn verify_clean(db: &Path) {
    let out = run_as(db, BOSS, &[], None, &["verify"]);
    assert_eq!(code(&out), 0, "verify: {}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
}

#[test]
fn the_first_operator_must_be_an_admin_and_needs_no_sign_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clerk = run_as(
        dir.path(),
        None,
        &[("FRONTDESK_NEW_PIN", "1234")],
        None,
        &["--role", "clerk", "operator", "add", "x1", "--name", "X"],
    );
    assert_eq!(code(&clerk), 3, "{}", stderr(&clerk));
    assert!(stderr(&clerk).contains("first operator must be an admin"));
    let admin = run_as(
        dir.path(),
        None,
        &[("FRONTDESK_NEW_PIN", "1234")],
        None,
        &["operator", "add", "x1", "--name", "X", "--admin"],
    );
    assert_eq!(code(&admin), 0, "{}", stderr(&admin));
    verify_clean_with(dir.path(), ("x1", "1234"));
}

fn verify_clean_with(db: &Path, who: (&str, &str)) {
    let out = run_as(db, Some(who), &[], None, &["verify"]);
    assert_eq!(code(&out), 0, "verify: {}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
}

#[rstest]
#[case::admin(BOSS, 0)]
#[case::clerk(ANA, 3)]
#[case::nobody(None, 5)]
#[case::wrong_pin(Some(("boss", "0000")), 5)]
fn only_signed_in_admins_add_operators(#[case] who: Option<(&str, &str)>, #[case] want: i32) {
    let dir = staffed();
    let out = run_as(
        dir.path(),
        who,
        &[],
        Some("5678\n"),
        &["--role", "manager", "operator", "add", "max", "--name", "Max", "--pin-stdin"],
    );
    assert_eq!(code(&out), want, "{}", stderr(&out));
    let list = run_as(dir.path(), BOSS, &[], None, &["operator", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json list");
    let logins: Vec<&str> = json.as_array().expect("array").iter().filter_map(|o| o["login"].as_str()).collect();
    assert_eq!(logins.contains(&"max"), want == 0, "{logins:?}");
    verify_clean(dir.path());
}

#[test]
fn wrong_pins_lock_out_even_the_right_pin_until_the_delay_ends_and_it_grows() {
    let dir = staffed();
    let db = dir.path();
    let wrong = Some(("ana", "000000"));
    // Default rule: the fifth wrong PIN in a row locks for 5 minutes.
    for attempt in 1..=5 {
        let out = run_as(db, wrong, &[], None, &["report", "overview"]);
        let want = if attempt < 5 { 5 } else { 6 };
        assert_eq!(code(&out), want, "attempt {attempt}: {}", stderr(&out));
    }
    let locked = run_as(db, ANA, &[], None, &["report", "overview"]);
    assert_eq!(code(&locked), 6);
    assert!(stderr(&locked).contains("locked out until 2026-11-23 10:05:00 UTC"), "{}", stderr(&locked));
    let later = [("FRONTDESK_NOW", "2026-11-23T10:05:00Z")];
    assert_eq!(code(&run_as(db, ANA, &later, None, &["report", "overview"])), 0, "the lock-out ended");
    // A success cleared the count; five more wrong PINs lock again, for 5 minutes again.
    for _ in 0..5 {
        run_as(db, wrong, &later, None, &["report", "overview"]);
    }
    let again = run_as(db, ANA, &later, None, &["report", "overview"]);
    assert!(stderr(&again).contains("until 2026-11-23 10:10:00 UTC"), "{}", stderr(&again));
    // Without a success in between, the next lock-out lasts twice as long.
    let after = [("FRONTDESK_NOW", "2026-11-23T10:10:00Z")];
    for _ in 0..5 {
        run_as(db, wrong, &after, None, &["report", "overview"]);
    }
    let doubled = run_as(db, ANA, &after, None, &["report", "overview"]);
    assert!(stderr(&doubled).contains("until 2026-11-23 10:20:00 UTC"), "{}", stderr(&doubled));
    // An admin's reset clears the lock-out at once.
    let reset = run_as(db, BOSS, &after, Some("2468\n"), &["operator", "reset-pin", "ana", "--pin-stdin"]);
    assert_eq!(code(&reset), 0, "{}", stderr(&reset));
    assert_eq!(code(&run_as(db, Some(("ana", "2468")), &after, None, &["report", "overview"])), 0);
    assert_eq!(code(&run_as(db, ANA, &after, None, &["report", "overview"])), 5, "the old PIN is gone");
    verify_clean(db);
}

#[test]
fn disabled_operators_are_refused_and_nobody_disables_themselves_or_the_last_admin() {
    let dir = staffed();
    let db = dir.path();
    let own = run_as(db, BOSS, &[], None, &["operator", "disable", "boss"]);
    assert_eq!(code(&own), 3);
    assert!(stderr(&own).contains("cannot disable yourself"), "{}", stderr(&own));
    assert_eq!(code(&run_as(db, ANA, &[], None, &["operator", "disable", "boss"])), 3, "clerks may not");
    assert_eq!(code(&run_as(db, BOSS, &[], None, &["operator", "disable", "ana"])), 0);
    let again = run_as(db, BOSS, &[], None, &["operator", "disable", "ana"]);
    assert_eq!(code(&again), 0, "disabling twice changes nothing");
    assert!(String::from_utf8_lossy(&again.stdout).contains("already disabled"));
    let refused = run_as(db, ANA, &[], None, &["report", "overview"]);
    assert_eq!(code(&refused), 5);
    assert!(stderr(&refused).contains("disabled"), "{}", stderr(&refused));
    // A second admin may disable the first, but then not the last one left.
    let add = run_as(
        db,
        BOSS,
        &[("FRONTDESK_NEW_PIN", "1357")],
        None,
        &["operator", "add", "deputy", "--name", "Deputy", "--admin"],
    );
    assert_eq!(code(&add), 0, "{}", stderr(&add));
    let deputy = Some(("deputy", "1357"));
    assert_eq!(code(&run_as(db, deputy, &[], None, &["operator", "disable", "boss"])), 0);
    let last = run_as(db, deputy, &[], None, &["operator", "disable", "deputy"]);
    assert_eq!(code(&last), 3);
    verify_clean_with(db, ("deputy", "1357"));
}

#[rstest]
#[case::clerk_within_limit(ANA, None, "500", 0)]
#[case::clerk_above_limit_waits_for_approval(ANA, None, "2000", 7)]
#[case::clerk_cannot_claim_admin(ANA, Some("admin"), "500", 5)]
#[case::admin_above_clerk_limit(BOSS, None, "2000", 0)]
#[case::admin_lowered_to_clerk_waits(BOSS, Some("clerk"), "2000", 7)]
fn the_role_comes_from_the_store_and_role_can_only_lower_it(
    #[case] who: Option<(&str, &str)>,
    #[case] role: Option<&str>,
    #[case] points: &str,
    #[case] want: i32,
) {
    let dir = staffed();
    let db = dir.path();
    let added = run_as(db, BOSS, &[], None, &["--json", "member", "add", "--name", "Guest One"]);
    let card = serde_json::from_slice::<serde_json::Value>(&added.stdout).expect("json")["card"]
        .as_str()
        .expect("card")
        .to_string();
    let env: Vec<(&str, &str)> = role.map(|r| ("FRONTDESK_ROLE", r)).into_iter().collect();
    let out = run_as(db, who, &env, None, &["points", "adjust", &card, "--points", points, "--reason", "test"]);
    assert_eq!(code(&out), want, "{}", stderr(&out));
    if want == 0 {
        let history = run_as(db, BOSS, &[], None, &["--json", "points", "history", &card]);
        let text = String::from_utf8_lossy(&history.stdout);
        let login = who.map_or("", |(l, _)| l);
        assert!(text.contains(&format!("\"operator\": \"{login}\"")), "the ledger names the signed-in {login}: {text}");
    }
    verify_clean(db);
}

#[test]
fn no_pin_reaches_the_store_files_or_the_log() {
    let dir = staffed();
    let db = dir.path();
    let new_pin = "864209753124";
    let log = db.join("logs");
    let env = [("FRONTDESK_LOG", log.to_str().expect("utf-8 path"))];
    assert_eq!(
        code(&run_as(db, BOSS, &env, Some(&format!("{new_pin}\n")), &["operator", "reset-pin", "ana", "--pin-stdin"])),
        0
    );
    assert_eq!(code(&run_as(db, Some(("ana", "999999")), &env, None, &["report", "overview"])), 5);
    assert_eq!(code(&run_as(db, Some(("ana", new_pin)), &env, None, &["member", "add", "--name", "Z"])), 0);
    verify_clean(db);
    let mut files = vec![db.to_path_buf()];
    let mut seen = 0;
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).expect("dir").map(|e| e.expect("entry").path()));
            continue;
        }
        let bytes = std::fs::read(&p).expect("read");
        seen += bytes.len();
        for pin in [BOSS_PIN, CLERK_PIN, new_pin, "999999"] {
            assert!(!bytes.windows(pin.len()).any(|w| w == pin.as_bytes()), "PIN {pin} found in {}", p.display());
        }
    }
    assert!(seen > 0, "the store has files");
}

#[test]
fn without_operators_the_old_flags_still_set_name_and_role() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path();
    let added = run_as(db, None, &[], None, &["--json", "member", "add", "--name", "Guest"]);
    let card = serde_json::from_slice::<serde_json::Value>(&added.stdout).expect("json")["card"]
        .as_str()
        .expect("card")
        .to_string();
    let clerk = run_as(
        db,
        None,
        &[("FRONTDESK_ROLE", "clerk")],
        None,
        &["points", "adjust", &card, "--points", "2000", "--reason", "t"],
    );
    assert_eq!(code(&clerk), 7, "above the clerk limit it waits for approval: {}", stderr(&clerk));
    let admin = run_as(
        db,
        None,
        &[],
        None,
        &["--operator", "legacy", "points", "adjust", &card, "--points", "2000", "--reason", "t"],
    );
    assert_eq!(code(&admin), 0, "{}", stderr(&admin));
}

#[test]
fn above_the_clerk_limit_a_request_waits_and_only_another_higher_operator_approves_it() {
    let dir = staffed();
    let db = dir.path();
    let added = run_as(db, BOSS, &[], None, &["--json", "member", "add", "--name", "Guest Two"]);
    let card = serde_json::from_slice::<serde_json::Value>(&added.stdout).expect("json")["card"]
        .as_str()
        .expect("card")
        .to_string();
    let asked = run_as(db, ANA, &[], None, &["points", "adjust", &card, "--points", "3000", "--reason", "folio"]);
    assert_eq!(code(&asked), 7, "{}", stderr(&asked));
    let text = String::from_utf8_lossy(&asked.stdout);
    assert!(text.contains("request 1") && text.contains("supervisor"), "{text}");
    let own = run_as(db, ANA, &[], None, &["approve", "1"]);
    assert_eq!(code(&own), 3, "a clerk cannot approve, least of all their own: {}", stderr(&own));
    let queue = run_as(db, BOSS, &[], None, &["approvals"]);
    assert!(String::from_utf8_lossy(&queue.stdout).contains("adjust +3000"));
    let approved = run_as(db, BOSS, &[], None, &["approve", "1", "--note", "checked"]);
    assert_eq!(code(&approved), 0, "{}", stderr(&approved));
    let twice = run_as(db, BOSS, &[], None, &["approve", "1"]);
    assert_eq!(code(&twice), 3, "{}", stderr(&twice));
    let history = run_as(db, BOSS, &[], None, &["points", "history", &card]);
    let history = String::from_utf8_lossy(&history.stdout);
    assert!(history.contains("+3000") && history.contains("[ana approved by boss]"), "{history}");
    let left = run_as(db, BOSS, &[], None, &["approvals"]);
    assert!(String::from_utf8_lossy(&left.stdout).contains("no requests waiting"));
    verify_clean(db);
}
