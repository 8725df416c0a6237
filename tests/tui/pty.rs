//! End to end through a real terminal: the `frontdesk` binary runs in a pseudo-terminal,
//! keys are typed into it and the screen is read back through a vt100 emulator. The
//! store is prepared with the CLI first and checked with the CLI after the TUI has quit
//! (sled holds a file lock while the TUI runs).
//!
//! Synchronisation never sleeps for a fixed time: every step polls the emulated screen
//! until the text it expects appears, and fails with the whole screen when it does not.

use crate::support::pty::*;
#[test]
fn post_a_stay_for_a_member_found_by_phone_tail() {
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    t.wait_for("Balance: 0");

    t.send("p");
    t.wait_for("Post a stay");
    // The caret starts on the arrival (the property keeps its default).
    t.send("2026-11-20");
    t.wait_for("2026-11-20");
    t.send(ENTER); // → departure, already 2026-11-23
    t.send(ENTER); // → revenue
    t.send("450.00");
    t.wait_for("450.00");
    t.send(CTRL_S);
    t.wait_for("Post this stay?");
    t.wait_for("Nights: 3");
    t.wait_for("Balance: 0 → 4,500");
    t.send("y");
    t.wait_for("Stay posted: +4,500 points, balance 4,500.");
    // The reloaded member shows the stay in the Stays & Points tab.
    t.wait_for("Stays (1)");
    t.quit();

    let m = member_json(&db);
    assert_eq!(m["balance"], 4500, "{m:#}");
    assert_eq!(m["stays"], 1, "{m:#}");
    assert_eq!(m["nights"], 3, "{m:#}");
}

#[test]
fn redeem_breakfast_for_a_member() {
    let dir = store();
    let db = db(&dir);
    cli_ok(&db, &["points", "adjust", "ana@example.com", "--points", "5000", "--reason", "seed"]);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    t.wait_for("Balance: 5,000");

    t.send("3");
    t.wait_for("Catalogue for Ana Silva — balance 5,000");
    t.wait_for("BREAKFAST");
    t.select_row("BREAKFAST", DOWN, 20);
    t.send(ENTER);
    t.wait_for("Redeem this reward?");
    t.wait_for("BREAKFAST — Breakfast for two");
    t.wait_for("Balance: 5,000 → 2,000");
    t.send("y");
    t.wait_for("balance 2,000.");
    t.wait_for("Catalogue for Ana Silva — balance 2,000");
    t.wait_until("the redemption in the list", |s| {
        find(s, "BREAKFAST").is_some_and(|_| s.contents().contains("3,000 Held"))
    });
    t.quit();

    let m = member_json(&db);
    assert_eq!(m["balance"], 2000, "{m:#}");
    let list = cli_json(&db, &["--json", "redeem", "list", "ana@example.com"]);
    let items = list.as_array().unwrap_or_else(|| panic!("a list of redemptions: {list:#}"));
    assert_eq!(items.len(), 1, "{list:#}");
    assert_eq!(items[0]["reward_code"], "BREAKFAST", "{list:#}");
    assert_eq!(items[0]["points"], 3000, "{list:#}");
}

#[test]
fn log_a_complaint_and_resolve_it() {
    const DESCRIPTION: &str = "PTY test shower drain blocked";
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    t.wait_for("Find a member");
    // Leave the search box so that `4` is a tab key, not a digit typed.
    t.leave_search();
    t.send("4");
    t.wait_for("Complaint queue (");

    t.send("n");
    t.wait_for("Log a complaint");
    // The caret starts on the description; category, severity, channel and property
    // keep their defaults.
    t.send(DESCRIPTION);
    t.wait_for(DESCRIPTION);
    t.send(CTRL_S);
    t.wait_for("Log this complaint?");
    t.send("y");
    t.wait_until("the complaint logged", |s| {
        s.contents().contains("Complaint #") && s.contents().contains(" is Open.")
    });
    let screen = t.contents();
    let id: u64 = screen
        .split("Complaint #")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no complaint number on the screen:\n{screen}"));

    // The status line says `Complaint #N is Open.` before the queue reloads: wait for the
    // row itself, which the highlight follows once the queue is in (pressing keys before
    // then moved the highlight past it).
    let row = format!("#{id} ");
    t.wait_until("the new complaint highlighted in the queue", |s| is_selected(s, &row));
    t.send("t");
    t.wait_for("Move the complaint on");
    for _ in 0..4 {
        if t.contents().contains("‹ Resolved ›") {
            break;
        }
        let before = t.contents();
        t.send(RIGHT);
        t.wait_until("the state to change", |s| s.contents() != before);
    }
    t.wait_for("‹ Resolved ›");
    t.send(CTRL_S);
    t.wait_for("Move the complaint on?");
    t.wait_for(&format!("#{id} → Resolved"));
    t.send("y");
    t.wait_for(&format!("Complaint #{id} is Resolved."));
    t.quit();

    let list = cli_json(&db, &["--json", "complaint", "list", "--all"]);
    let items = list.as_array().unwrap_or_else(|| panic!("a list of complaints: {list:#}"));
    let c = items.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("complaint {id} not listed: {list:#}"));
    assert_eq!(c["state"], "resolved", "{c:#}");
    assert_eq!(c["description"], DESCRIPTION, "{c:#}");
}

#[test]
fn quit_restores_the_terminal() {
    let dir = store();
    let mut t = Tui::start(&db(&dir));
    t.wait_for("Find a member");
    t.wait_until("the alternate screen", vt100::Screen::alternate_screen);
    t.wait_until("bracketed paste", vt100::Screen::bracketed_paste);
    // Leave the search box, where `q` would be typed, then quit.
    t.leave_search();
    t.quit();
}

/// Tab 5 opens on the totals; `]` moves to the tiers, whose member count on the screen
/// is the one `report tiers` prints for the desk's property.
#[test]
fn summaries_show_the_tier_report() {
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    t.wait_for("Find a member");
    t.leave_search();
    t.send("5");
    t.wait_for("Overview · all properties");
    t.send("]");
    t.wait_for("qualification year 2026");
    let screen = t.contents();
    let line = screen.lines().find(|l| l.contains("qualification year")).expect("the tiers intro");
    let shown: u64 = line
        .split(" members")
        .next()
        .and_then(|s| s.rsplit(|c: char| !c.is_ascii_digit() && c != ',').next())
        .map(|n| n.replace(',', ""))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no member count in {line:?}"));
    t.quit();
    let report = cli_json(&db, &["report", "tiers", "--property", "LIS", "--json"]);
    assert_eq!(report["members"].as_u64(), Some(shown), "screen: {line}");
    assert!(shown > 0);
}

#[test]
fn without_a_terminal_it_exits_2_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = assert_cmd::Command::new(bin())
        .env("FRONTDESK_DB", dir.path().join("store"))
        .env("FRONTDESK_NOW", NOW)
        .env_remove("FRONTDESK_CONFIG")
        .write_stdin("")
        .output()
        .expect("frontdesk runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout: {out:?}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.contains("needs a terminal"), "{err:?}");
    assert!(!err.contains('\x1b'), "no escape sequences: {err:?}");
    assert!(!dir.path().join("store").exists(), "no store created without a terminal");
}

#[test]
fn once_operators_exist_the_tui_opens_on_a_sign_in_screen() {
    let dir = store();
    let db = db(&dir);
    add_admin(&db, "boss", "918273");
    let mut t = Tui::start(&db);
    t.wait_for("Sign in");
    t.wait_for("not signed in");
    // The login is filled in from FRONTDESK_OPERATOR (`pty`) with the cursor on the PIN:
    // go back up, clear it and give ours.
    t.send("\x1b[Z\x15boss");
    t.send(ENTER);
    t.send("000000");
    t.send(ENTER);
    t.wait_for("wrong PIN for `boss`");
    assert!(!t.contents().contains("000000"), "the PIN is never shown");
    t.send("918273");
    t.send(ENTER);
    t.wait_for("Signed in as boss (Administrator).");
    t.wait_for("Find a member");
    t.send("\x0c");
    t.wait_for("Desk locked");
    t.send("918273");
    t.send(ENTER);
    t.wait_for("Signed in as boss (Administrator).");
    t.leave_search();
    t.quit();
}
