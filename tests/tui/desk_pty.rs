//! The desk through a real terminal: a card reader typing on every tab, the key budgets
//! of the common tasks (each typed as the minimal sequence, its keys counted, the result
//! read back with `--json`), and operators added while a served desk is open.
//!
//! Keys are written to a pseudo-terminal and the screen read back through vt100; every
//! step waits for the text it expects. Only the card reader's pace is timed: it types at
//! 40 characters a second, as slow as readers go.

#![cfg(unix)]

use crate::support::serve;

use crate::support::pty::*;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// The store's figures a read card must leave alone: every redemption, every posting of
/// Ana, and the audit trail.
fn figures(db: &Path) -> (Value, Value, usize) {
    let redemptions = cli_json(db, &["--json", "redeem", "list", "ana@example.com"]);
    let ledger = cli_json(db, &["--json", "points", "history", "ana@example.com", "--limit", "1000"]);
    let audit = cli_json(db, &["--json", "audit", "--limit", "100000"]);
    (redemptions, ledger, audit.as_array().map_or(0, Vec::len))
}

/// Types `text` one character at a time at a card reader's pace.
fn read_card(t: &mut Tui, text: &str) {
    for c in text.chars() {
        t.send(&c.to_string());
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// A card typed at reader speed, then Enter, opens its member from each tab (with Ana
/// open and a reward she can afford highlighted on tab 3), and changes nothing.
#[test]
fn a_card_read_from_each_tab_opens_its_member_and_changes_nothing() {
    let dir = store();
    let db = db(&dir);
    cli_ok(&db, &["points", "adjust", "ana@example.com", "--points", "5000", "--reason", "seed"]);
    let hits = cli_json(&db, &["--json", "member", "find", "Fontaine"]);
    let other = hits.as_array().and_then(|a| a.first()).expect("a demo member").clone();
    let (card, name) = (other["card"].as_str().expect("card"), other["name"].as_str().expect("name"));
    let before = figures(&db);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    t.send("3");
    t.wait_for("Catalogue for Ana Silva");
    t.wait_for("BREAKFAST");
    t.select_row("BREAKFAST", DOWN, 20);
    for (tab, title) in [
        ("3", "Catalogue for Ana Silva"),
        ("1", "Ana Silva"),
        ("2", "Stays (0)"),
        ("4", "Complaint queue"),
        ("5", "Overview"),
        ("6", "Approvals"),
    ] {
        t.send("/");
        t.wait_for("Find a member");
        open_ana(&mut t);
        t.send(tab);
        t.wait_for(title);
        read_card(&mut t, &format!("{card}\r"));
        t.wait_until(&format!("{name} opened from tab {tab}"), |s| {
            let text = s.contents();
            text.contains(&format!("{card}  {name}")) && text.contains("E-mail:")
        });
        assert!(!t.contents().contains("Redeem this reward?"), "the reader's Enter confirmed nothing");
    }
    t.quit();
    assert_eq!(figures(&db), before, "no redemption, posting or audit event");
}

/// Counts the keys of a task, apart from the characters of the values typed.
struct Budget {
    keys: usize,
}

impl Budget {
    fn key(&mut self, t: &mut Tui, k: &str) {
        self.keys += 1;
        t.send(k);
    }

    fn value(t: &mut Tui, text: &str) {
        t.send(text);
        t.wait_for(text);
    }
}

#[test]
fn post_a_stay_in_at_most_six_keys() {
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    let mut b = Budget { keys: 0 };
    b.key(&mut t, "p");
    t.wait_for("Post a stay");
    Budget::value(&mut t, "2026-11-20");
    b.key(&mut t, "\t");
    b.key(&mut t, "\t");
    Budget::value(&mut t, "450.00");
    b.key(&mut t, CTRL_S);
    t.wait_for("Post this stay?");
    b.key(&mut t, "y");
    t.wait_for("Stay posted: +4,500 points, balance 4,500.");
    assert!(b.keys <= 6, "{} keys", b.keys);
    t.quit();
    let m = member_json(&db);
    assert_eq!((m["balance"].as_i64(), m["stays"].as_i64()), (Some(4500), Some(1)), "{m:#}");
}

#[test]
fn redeem_in_at_most_four_keys() {
    let dir = store();
    let db = db(&dir);
    cli_ok(&db, &["points", "adjust", "ana@example.com", "--points", "5000", "--reason", "seed"]);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    let mut b = Budget { keys: 0 };
    b.key(&mut t, "3");
    t.wait_until("BREAKFAST highlighted", |s| is_selected(s, "BREAKFAST"));
    b.key(&mut t, ENTER);
    t.wait_for("Redeem this reward?");
    b.key(&mut t, "y");
    t.wait_for("balance 2,000.");
    assert!(b.keys <= 4, "{} keys", b.keys);
    t.quit();
    let list = cli_json(&db, &["--json", "redeem", "list", "ana@example.com"]);
    assert_eq!(list[0]["reward_code"], "BREAKFAST", "{list:#}");
    assert_eq!(member_json(&db)["balance"], 2000);
}

#[test]
fn log_a_complaint_in_at_most_six_keys() {
    const TEXT: &str = "Kettle missing in the room";
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    let mut b = Budget { keys: 0 };
    b.key(&mut t, "4");
    t.wait_for("Complaint queue");
    b.key(&mut t, "n");
    t.wait_for("Log a complaint — ");
    Budget::value(&mut t, TEXT);
    b.key(&mut t, CTRL_S);
    t.wait_for("Log this complaint?");
    b.key(&mut t, "y");
    t.wait_for(" is Open.");
    assert!(b.keys <= 6, "{} keys", b.keys);
    t.quit();
    let list = cli_json(&db, &["--json", "complaint", "list", "--member", "ana@example.com"]);
    assert!(list.as_array().is_some_and(|l| l.iter().any(|c| c["description"] == TEXT)), "{list:#}");
}

#[test]
fn resolve_with_goodwill_in_at_most_six_keys() {
    let dir = store();
    let db = db(&dir);
    cli_ok(
        &db,
        &["complaint", "log", "--member", "ana@example.com", "--category", "noise", "--description", "Party next door"],
    );
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    let mut b = Budget { keys: 0 };
    // The queue opens on the member's complaint.
    b.key(&mut t, "4");
    t.wait_until("Ana's complaint highlighted", |s| is_selected(s, "Party next door"));
    b.key(&mut t, "t");
    t.wait_for("Move the complaint on");
    // A letter picks the state by its name.
    Budget::value(&mut t, "r");
    t.wait_for("‹ Resolved ›");
    b.key(&mut t, "\t");
    Budget::value(&mut t, "500");
    b.key(&mut t, CTRL_S);
    t.wait_for("Goodwill: +500");
    b.key(&mut t, "y");
    t.wait_for(" is Resolved.");
    assert!(b.keys <= 6, "{} keys", b.keys);
    t.quit();
    let list = cli_json(&db, &["--json", "complaint", "list", "--member", "ana@example.com", "--all"]);
    let c = list.as_array().and_then(|l| l.iter().find(|c| c["description"] == "Party next door")).cloned();
    let c = c.unwrap_or_else(|| panic!("the complaint: {list:#}"));
    assert_eq!((c["state"].as_str(), c["goodwill_points"].as_i64()), (Some("resolved"), Some(500)), "{c:#}");
    assert_eq!(member_json(&db)["balance"], 500);
}

/// From any tab: `/`, the value, Enter — two keys — by card, phone tail or name.
#[test]
fn find_a_member_from_any_tab_in_two_keys() {
    let dir = store();
    let db = db(&dir);
    let ana = member_json(&db);
    let card = ana["card"].as_str().expect("card").to_string();
    let mut t = Tui::start(&db);
    t.wait_for("Find a member");
    t.leave_search();
    for (tab, query) in [("2", card.as_str()), ("4", "345678"), ("6", "Ana Silva")] {
        t.send(tab);
        t.wait_until("the tab", |s| !s.contents().contains("Find a member"));
        let mut b = Budget { keys: 0 };
        b.key(&mut t, "/");
        Budget::value(&mut t, query);
        let row = format!("{card} Ana Silva");
        t.wait_until("Ana highlighted", |s| is_selected(s, &row));
        b.key(&mut t, ENTER);
        t.wait_for("E-mail: ana@example.com");
        assert!(b.keys <= 2, "{} keys", b.keys);
    }
    t.quit();
}

/// A served desk opened before any operator existed: operators added from the CLI lock it
/// at once, the next keys go to the sign-in, and nothing is written without one.
#[test]
fn operators_added_from_the_cli_lock_a_served_desk() {
    let dir = store();
    let db = db(&dir);
    let adjustments =
        |audit: &Value| audit.as_array().map_or(0, |a| a.iter().filter(|e| e["command"] == "points.adjust").count());
    let before = adjustments(&cli_json(&db, &["--json", "audit", "--limit", "100000"]));
    let mut server = serve::start(&db);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    t.wait_for("Balance: 0");
    add_admin(&db, "boss", "918273");
    t.wait_for("Operators were added to this store: sign in to go on.");
    assert!(!t.contents().contains("ana@example.com"), "nothing of the guest stays on screen");
    // The next keys: the adjust key and its figures land in the sign-in form.
    t.send("a");
    t.send("100\t");
    t.send("goodwill");
    t.send(CTRL_S);
    t.send("y");
    t.wait_for("a100");
    assert!(t.contents().contains("Sign in"), "the keys went to the sign-in form:\n{}", t.contents());
    t.send("\x1b[Z\x15boss\r\x15918273\r");
    t.wait_for("Signed in as boss (Administrator).");
    t.send("\x03");
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
    let as_boss = |args: &[&str]| -> Value {
        let out = std::process::Command::new(bin())
            .args(args)
            .env("FRONTDESK_DB", &db)
            .env("FRONTDESK_NOW", NOW)
            .env("FRONTDESK_OPERATOR", "boss")
            .env("FRONTDESK_PIN", "918273")
            .env_remove("FRONTDESK_CONFIG")
            .env_remove("FRONTDESK_ROLE")
            .output()
            .expect("frontdesk runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let audit = as_boss(&["--json", "audit", "--limit", "100000"]);
    assert_eq!(adjustments(&audit), before, "no adjustment without a sign-in");
    assert_eq!(as_boss(&["--json", "member", "show", "ana@example.com"])["balance"], 0);
}

/// A local desk holds the store: the CLI cannot add operators meanwhile (exit 4, the store
/// is busy), so an operator-less desk cannot be bypassed that way either.
#[test]
fn a_local_desk_keeps_the_cli_out_while_it_runs() {
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    let out = std::process::Command::new(bin())
        .args(["operator", "add", "boss", "--name", "The Boss", "--admin"])
        .env("FRONTDESK_DB", &db)
        .env("FRONTDESK_NOW", NOW)
        .env("FRONTDESK_NEW_PIN", "918273")
        .output()
        .expect("frontdesk runs");
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    t.send("\x03");
}
